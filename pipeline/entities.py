"""Stages 2 and 3 together: NER over the articles not yet processed, normalisation, and the
corpus-wide view of the entities written to ``entities.csv``.

Per article (streamed, in batches, ``nlp.pipe`` with ``n_process``): spaCy entities
(:mod:`pipeline.ner`) → :func:`pipeline.normalize.normalise_article` → the store. At export,
names get the corpus-wide treatment: one canonical name per organisation
(:class:`pipeline.orgs.OrgCanon`) and one label for a name that the model labelled
inconsistently across articles (a clear majority wins).
"""

from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, replace
from datetime import date
from typing import Any

from tqdm import tqdm

from .countries import resolve_place
from .events import build_events, find_candidates
from .ner import Recognizer, parse
from .normalize import PLACE_LABELS, normalise_article
from .orgs import OrgCanon, acronym_definitions, clean_name
from .store import ArticleResult, Store
from .types import Mention

BATCH = 64
WRITE_EVERY = 256
VOTE_LABELS = ("ORG", "PERSON", "GPE", "LOC", "NORP", "FAC")
#: a name's label is made consistent when this share of its mentions agree (and >= 3 do)
MAJORITY = 0.7


def recognise_pending(store: Store, model: str, *, processes: int = 1, progress: bool = True,
                      timings: dict[str, float] | None = None) -> int:
    """Run NER + normalisation over every stored article not yet done with ``model``.

    Returns the number of articles processed. Results are committed every few hundred
    articles, so an interrupted run keeps what it finished. ``timings`` (if given) gains the
    seconds spent on events (``events``) and storing (``store``); the rest is NER.
    """
    times = timings if timings is not None else {}
    pending = store.pending_ner(model)
    if not pending:
        return 0
    recognizer = Recognizer(model)

    def texts() -> Iterator[tuple[str, tuple[str, str]]]:
        for i in range(0, len(pending), WRITE_EVERY):
            for article_id, text, published in store.article_texts(pending[i:i + WRITE_EVERY]):
                yield text, (article_id, published)

    done: list[tuple[str, str, date | None, list[Mention]]] = []
    bar = tqdm(total=len(pending), desc="entities", unit="article", disable=not progress,
               file=sys.stderr, leave=False, delay=1.0)
    source = texts()
    # the texts are read from the store lazily; keep them for normalisation in a small window
    window: dict[str, str] = {}

    def remember() -> Iterator[tuple[str, tuple[str, str]]]:
        for text, ctx in source:
            window[ctx[0]] = text
            yield text, ctx

    def flush() -> None:
        t0 = time.perf_counter()
        results = with_events(done, model)
        t1 = time.perf_counter()
        store.add_results(model, results)
        times["events"] = times.get("events", 0.0) + t1 - t0
        times["store"] = times.get("store", 0.0) + time.perf_counter() - t1
        bar.update(len(done))
        done.clear()

    for (article_id, published), ents in recognizer.pipe(remember(), n_process=processes,
                                                         batch_size=BATCH):
        text = window.pop(article_id)
        pub = date.fromisoformat(published) if published else None
        done.append((article_id, text, pub, normalise_article(article_id, text, ents, pub)))
        if len(done) >= WRITE_EVERY:
            flush()
    if done:
        flush()
    bar.close()
    return len(pending)


def with_events(batch: Sequence[tuple[str, str, date | None, list[Mention]]],
                model: str) -> list[ArticleResult]:
    """Stage 4 over a batch of normalised articles: candidate sentences of all of them are
    parsed together, and only those sentences."""
    cands = [(i, c) for i, (aid, text, _, ms) in enumerate(batch)
             for c in find_candidates(aid, text, ms)]
    parses = parse([c.sentence for _, c in cands], model) if cands else []
    results = [ArticleResult(aid, ms, acronym_definitions(text))
               for aid, text, _, ms in batch]
    for (i, cand), toks in zip(cands, parses, strict=True):
        events, parts = build_events(cand, toks, batch[i][2])
        results[i].events.extend(events)
        results[i].participants.extend(parts)
    return results


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


def entity_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Rows of ``entities.csv``: every mention with the corpus-wide decisions applied."""
    names = CorpusNames(store)
    for m in store.iter_mentions():
        yield asdict(names.apply(m))
