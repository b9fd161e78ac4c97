"""The data files under ``models/``: where they are, and one loader that checks each one's
version.

The tables ship inside the package (as ``pipeline.models``, from the repository's top-level
``models/`` folder), so a plain ``pip install`` or a Dask worker on another machine has them;
``$NEWSGRAPH_MODELS`` points at another folder. Every table names its format and version:
a TSV in its first comment line (``# newsgraph.countries.v1 ...``), a JSON file in its
``version`` field; a table of another version is refused with a clear message.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from ..errors import NewsgraphError

#: every data file and the version this code reads
VERSIONS = {
    "countries.tsv": "newsgraph.countries.v1",
    "places.tsv": "newsgraph.places.v1",
    "org_aliases.tsv": "newsgraph.org_aliases.v2",
    "ner_rules.json": "newsgraph.ner_rules.v1",
    "event_ontology.json": "newsgraph.event_ontology.v1",
    "agents.tsv": "newsgraph.agents.v1",
    "coreference.json": "newsgraph.coreference.v2",
    "currencies.json": "newsgraph.currencies.v1",
    "wordnet_nouns.tsv": "newsgraph.wordnet_nouns.v1",
    "wordnet_events.tsv": "newsgraph.wordnet_events.v1",
    "wordnet_irregular.tsv": "newsgraph.wordnet_irregular.v1",
    "wordnet_verbs.tsv": "newsgraph.wordnet_verbs.v1",
    "wordnet_products.tsv": "newsgraph.wordnet_products.v1",
    "markets.tsv": "newsgraph.markets.v1",
    "grammar.json": "newsgraph.grammar.v1",
    "english.json": "newsgraph.english.v1",
}


F = TypeVar("F", bound=Callable[..., Any])
_CACHES: list[Any] = []


def from_tables(maxsize: int | None = 1) -> Callable[[F], F]:
    """``functools.lru_cache`` for a value built from the data files, emptied by
    :func:`reload` when the files change (a long-lived process, a notebook)."""
    def wrap(fn: F) -> F:
        cached = lru_cache(maxsize=maxsize)(fn)
        _CACHES.append(cached)
        return cached  # type: ignore[return-value]
    return wrap


def reload() -> None:
    """Forget every value read from the data files; the next use reads them again."""
    for cached in _CACHES:
        cached.cache_clear()


def models_dir() -> Path:
    """The folder holding newsgraph's data files: ``$NEWSGRAPH_MODELS``, else the copy
    installed with the package, else the repository's ``models/`` beside the source."""
    env = os.environ.get("NEWSGRAPH_MODELS")
    if env:
        return Path(env)
    try:
        installed = Path(str(resources.files("pipeline.models")))
    except ModuleNotFoundError:
        installed = None
    if installed is not None and (installed / "countries.tsv").is_file():
        return installed
    return Path(__file__).resolve().parents[2] / "models"


def _bad(name: str, problem: str) -> NewsgraphError:
    return NewsgraphError(f"{models_dir() / name}: {problem} (restore the file from the "
                          f"newsgraph release, or fix $NEWSGRAPH_MODELS)")


def _open(name: str) -> str:
    try:
        return (models_dir() / name).read_text(encoding="utf-8")
    except OSError as exc:
        raise _bad(name, f"cannot be read ({exc.strerror or exc})") from None


@from_tables(maxsize=None)
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a TSV table (comment lines skipped, cells stripped of spaces), after
    checking the version in its first line."""
    text = _open(name)
    first = text.split("\n", 1)[0]
    if VERSIONS[name] not in first:
        raise _bad(name, f"expected a first line '# {VERSIONS[name]} ...'")
    lines = (ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))
    return tuple({k.strip(): (v or "").strip() for k, v in row.items() if k is not None}
                 for row in csv.DictReader(lines, delimiter="\t"))


@from_tables(maxsize=None)
def read_json(name: str) -> dict[str, Any]:
    """A JSON table, after checking its ``version`` field."""
    try:
        data = json.loads(_open(name))
    except json.JSONDecodeError as exc:
        raise _bad(name, f"is not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != VERSIONS[name]:
        got = data.get("version") if isinstance(data, dict) else None
        raise _bad(name, f"is version {got!r}, this newsgraph reads {VERSIONS[name]}")
    return data


def content_hash(names: tuple[str, ...] | None = None) -> str:
    """Hash of the content of the named data files (every file under ``models/`` if None)."""
    folder = models_dir()
    if names is None:
        names = tuple(sorted(p.name for p in folder.iterdir()
                             if p.is_file() and p.suffix in (".tsv", ".json")))
    h = hashlib.sha256()
    for name in names:
        h.update(name.encode() + b"\x1f")
        try:
            h.update((folder / name).read_bytes())
        except OSError:
            h.update(b"<missing>")
        h.update(b"\x1e")
    return h.hexdigest()[:16]
