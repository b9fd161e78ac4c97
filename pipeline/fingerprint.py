"""Fingerprints of everything that shapes the results, per stage, so that a run re-does
exactly the stages whose inputs changed.

* ``nlp``: the package version, the spaCy model's name and version, the tables the NER and
  normalisation read, and the source of the code that does it (``nlp/``, ``normalize/``,
  ``lexicon/``, ``identity/``). When it changes, every stored article goes through stages
  2-4 again.
* ``events``: ``nlp``, the event ontology, agents and coreference words, and the source of
  ``events/``. When only it changes, events are rebuilt from the stored texts and mentions,
  without NER.
* ``outputs``: ``events``, every data file under ``models/`` (the corpus view reads the alias
  and country tables too), the version of the exchange rates and the source of ``corpus/``
  and ``output/``. When it changes, the outputs are rewritten.

Each also holds the settings that shape that stage (``lookback`` for the events, ...).

So an edit of the code, not only of the data, re-runs what it shapes (a developer's checkout
between two releases keeps the same version).

Nothing here imports spaCy: a model's version comes from its package metadata or its
folder's ``meta.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .config import Tuning
from .lexicon.tables import content_hash
from .normalize.rates import rates_version
from .settings import model_location
from .types import content_id
from .version import package_version

#: the package's own folder: its source is part of the fingerprints
PACKAGE_ROOT = Path(__file__).resolve().parent
NLP_CODE = ("nlp", "normalize", "lexicon", "identity")
EVENT_CODE = ("events",)
OUTPUT_CODE = ("corpus", "output")
#: the settings (:class:`~pipeline.config.Tuning`) that shape each stage's results
NLP_SETTINGS = ("piece_chars", "batch_chars")
EVENT_SETTINGS = ("lookback", "gender_window")
OUTPUT_SETTINGS = ("label_majority", "max_html_nodes", "html_events_per_actor", "png_actors",
                   "png_events", "max_index_events", "max_index_actors",
                   "max_index_articles", "index_sentence_chars", "max_slice_events",
                   "max_projection_actors", "max_single_file_mb")
NLP_TABLES = ("ner_rules.json", "org_aliases.tsv", "countries.tsv", "places.tsv",
              "currencies.json", "markets.tsv", "wordnet_nouns.tsv", "wordnet_verbs.tsv",
              "wordnet_products.tsv")
EVENT_TABLES = ("event_ontology.json", "agents.tsv", "coreference.json", "wordnet_events.tsv",
                "wordnet_nouns.tsv", "wordnet_irregular.tsv", "wordnet_verbs.tsv", "grammar.json")


@lru_cache(maxsize=32)
def _source_hash(root: Path, stamp: tuple[tuple[str, int, int], ...]) -> str:
    return content_id(*(f"{name}\x1e{(root / name).read_text(encoding='utf-8')}"
                        for name, _, _ in stamp))


def source_hash(parts: tuple[str, ...], root: Path | None = None) -> str:
    """A hash of the source (Python, and HTML templates) of the package's subpackages
    ``parts`` (under ``root``, the installed package by default); recomputed only when a
    file's size or time changes.

    >>> source_hash(("events",)) == source_hash(("events",))
    True
    """
    base = root or PACKAGE_ROOT
    files = sorted(p for part in parts for p in (base / part).rglob("*")
                   if p.suffix in (".py", ".html"))  # the explorer page's template too
    stamp = tuple((str(p.relative_to(base)), (st := p.stat()).st_size, st.st_mtime_ns)
                  for p in files)
    return _source_hash(base, stamp)


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
    def of(cls, model: str, tuning: Tuning | None = None, *,
           source: Path | None = None) -> Fingerprint:
        """The fingerprint of a run with ``model``, the current data files, the settings that
        shape the results (``tuning``, the defaults if None) and the package's code (under
        ``source``, the installed package by default)."""
        t = tuning or Tuning.defaults()
        version = package_version()
        mv = model_version(model)
        nlp = content_id(version, mv, content_hash(NLP_TABLES), source_hash(NLP_CODE, source),
                         t.digest(*NLP_SETTINGS))
        events = content_id(nlp, content_hash(EVENT_TABLES), source_hash(EVENT_CODE, source),
                            t.digest(*EVENT_SETTINGS))
        outputs = content_id(events, content_hash(), rates_version(),
                             source_hash(OUTPUT_CODE, source), t.digest(*OUTPUT_SETTINGS))
        return cls(nlp, events, outputs, mv)
