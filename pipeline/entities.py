"""Stages 2-4 over the store: NER, normalisation and events for the articles not yet
processed (on the engine of :mod:`pipeline.process`), and the corpus-wide view of the entities
written to ``entities.csv``.

At export,
names get the corpus-wide treatment: one canonical name per organisation
(:class:`pipeline.orgs.OrgCanon`) and one label for a name that the model labelled
inconsistently across articles (a clear majority wins).
"""

from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields, replace
from typing import Any

from tqdm import tqdm

from .countries import resolve_place
from .normalize import PLACE_LABELS
from .orgs import OrgCanon, clean_name
from .process import Batch, run_batches
from .store import Store
from .types import Mention

#: articles per unit of work (one spaCy batch, one store transaction)
BATCH = 64
VOTE_LABELS = ("ORG", "PERSON", "GPE", "LOC", "NORP", "FAC")
#: a name's label is made consistent when this share of its mentions agree (and >= 3 do)
MAJORITY = 0.7


def analyse_into_store(store: Store, batches: Iterable[Batch], model: str, *,
                       processes: int = 1, progress: bool = True, engine: str = "local",
                       scheduler: str | None = None,
                       timings: dict[str, float] | None = None) -> int:
    """Run stages 2-4 (:func:`pipeline.process.analyse_batch`) over batches of articles on
    the chosen engine and store the results batch by batch (an interrupted run keeps what it
    finished). Returns the number of articles processed. ``timings`` (if given) gains the
    seconds spent waiting for the batches (``nlp``) and storing them (``store``).
    """
    times = timings if timings is not None else {}
    bar = tqdm(desc="entities+events", unit="article", disable=not progress, file=sys.stderr,
               leave=False, delay=1.0)
    n = 0
    t0 = time.perf_counter()
    for results in run_batches(batches, model, processes=processes, engine=engine,
                               scheduler=scheduler):
        t1 = time.perf_counter()
        store.add_results(model, results)
        t2 = time.perf_counter()
        times["nlp"] = times.get("nlp", 0.0) + t1 - t0
        times["store"] = times.get("store", 0.0) + t2 - t1
        t0 = t2
        n += len(results)
        bar.update(len(results))
    times["nlp"] = times.get("nlp", 0.0) + time.perf_counter() - t0
    bar.close()
    return n


class CorpusNames:
    """Corpus-wide decisions about names: canonical organisation names, consistent labels."""

    def __init__(self, store: Store) -> None:
        self.orgs = OrgCanon(store.org_name_counts(), store.acronym_table())
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for norm, label, n in store.label_votes(VOTE_LABELS):
            votes[norm.casefold()][label] += n
        self.label: dict[str, str] = {}
        for key, counter in votes.items():
            (best, n), total = counter.most_common(1)[0], sum(counter.values())
            if len(counter) > 1 and n >= 3 and n / total >= MAJORITY:
                self.label[key] = best

    def apply(self, m: Mention) -> Mention:
        """A mention with its corpus-wide label and canonical name."""
        if m.label in VOTE_LABELS:
            label = self.label.get(m.norm.casefold(), m.label)
            if label != m.label:
                m = _relabel(m, label)
        if m.label == "ORG":
            m = replace(m, norm=self.orgs.canonical(m.norm or m.text))
        return m


def _relabel(m: Mention, label: str) -> Mention:
    if label in PLACE_LABELS:
        place = resolve_place(m.text)
        if place is not None:
            return replace(m, label=label, norm=place.name, country=place.code,
                           unresolved="" if place.code else "region")
        return replace(m, label=label, country="", unresolved="unknown place")
    return replace(m, label=label, norm=clean_name(m.text), country="", unresolved="")


_FIELDS = tuple(f.name for f in fields(Mention))


def entity_rows(store: Store, names: CorpusNames | None = None,
                on_mention: Callable[[Mention, Mention], None] | None = None
                ) -> Iterator[dict[str, Any]]:
    """Rows of ``entities.csv``: every mention with the corpus-wide decisions applied;
    ``on_mention(stored, decided)`` sees each one on the way (to collect actors)."""
    names = names or CorpusNames(store)
    for raw in store.iter_mentions():
        m = names.apply(raw)
        if on_mention is not None:
            on_mention(raw, m)
        yield {f: getattr(m, f) for f in _FIELDS}
