"""Fingerprints of everything that shapes the results, per stage, so that a run re-does
exactly the stages whose inputs changed.

* ``nlp``: the package version, the spaCy model's name and version, and the tables the NER
  and normalisation read. When it changes, every stored article goes through stages 2-4 again.
* ``events``: the package version and the event ontology, agents and coreference words.
  When only it changes, events are rebuilt from the stored texts and mentions, without NER.
* ``outputs``: every data file under ``models/`` (the corpus view reads the alias and country
  tables too) and the version of the exchange rates. When it changes, the outputs are
  rewritten.

Nothing here imports spaCy: a model's version comes from its package metadata or its
folder's ``meta.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .lexicon.tables import content_hash
from .normalize.rates import rates_version
from .settings import model_location
from .types import content_id

NLP_TABLES = ("ner_rules.json", "org_aliases.tsv", "countries.tsv", "places.tsv",
              "currencies.json")
EVENT_TABLES = ("event_ontology.json", "agents.tsv", "coreference.json")


def package_version() -> str:
    """The installed version of newsgraph (``0+unknown`` from a bare source tree)."""
    try:
        return metadata.version("newsgraph")
    except metadata.PackageNotFoundError:
        return "0+unknown"


@lru_cache(maxsize=8)
def model_version(model: str) -> str:
    """``name==version`` of a spaCy pipeline given as a package name or a folder."""
    folder = Path(model_location(model))
    if folder.is_dir():
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            return f"{meta.get('lang', '')}_{meta.get('name', '')}=={meta.get('version', '')}"
        except (OSError, ValueError):
            return f"{model}==?"
    dists = metadata.packages_distributions().get(model, [model])
    for dist in dists:
        try:
            return f"{model}=={metadata.version(dist)}"
        except metadata.PackageNotFoundError:
            continue
    return f"{model}==?"


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What the results of an output folder depend on, per stage.

    Fields:
        nlp: NER and normalisation (stages 2-3): package, model, NER and lexicon tables.
        events: events (stage 4): ``nlp`` and the event ontology, agents and coreference words.
        outputs: the outputs: ``events`` and every data file.
        model: the model as ``name==version``, for people to read.
    """

    nlp: str
    events: str
    outputs: str
    model: str

    @classmethod
    def of(cls, model: str) -> Fingerprint:
        """The fingerprint of a run with ``model`` and the current data files."""
        version = package_version()
        mv = model_version(model)
        nlp = content_id(version, mv, content_hash(NLP_TABLES))
        events = content_id(nlp, content_hash(EVENT_TABLES))
        outputs = content_id(events, content_hash(), rates_version())
        return cls(nlp, events, outputs, mv)
