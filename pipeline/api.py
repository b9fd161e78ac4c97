"""The Python API: everything the CLI does, callable from a notebook or a test.

>>> from pipeline import run                                     # doctest: +SKIP
>>> result = run(["data/raw"], out="data/processed")            # doctest: +SKIP
>>> result.n_new_articles                                        # doctest: +SKIP
10
"""

from __future__ import annotations

import logging
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tqdm import tqdm

from .engine import BATCH, Item, analyse_into_store
from .errors import InputError, NewsgraphError
from .fingerprint import Fingerprint
from .ingest import (
    Segment,
    Source,
    decode,
    dump_key,
    iter_sources,
    looks_binary,
    read_records,
    source_label,
    split_text,
    to_articles,
)
from .lexicon.tables import reload as reload_tables
from .output import OUTPUTS, write_outputs
from .settings import DEFAULT_MODEL, DEFAULT_OUT, RunSettings
from .store import Store, chunks, open_existing
from .types import Mention, Record, Skipped

log = logging.getLogger("newsgraph")



_last_fingerprint: Fingerprint | None = None


@dataclass
class RunResult:
    """What a run did.

    Fields:
        out: the output folder.
        n_sources: dumps (files, archive members, stdin) seen.
        n_unchanged: dumps skipped because the same content was processed before.
        n_new_dumps: dumps processed in this run.
        n_new_articles: articles stored for the first time.
        n_duplicate_articles: articles already stored (from another dump) seen again.
        n_recognised: articles analysed in this run (NER, normalisation and events, or
            the events alone after an edit of the event rules).
        timings: seconds per stage: ingest, nlp (NER, normalisation, events), store, outputs.
        skipped: records (or files) that were skipped, with the reason.
        failed: files (or paths) that could not be used at all, with the reason.
        not_analysed: articles left out of stages 2-4 for their language, per language
            (``--language any`` analyses them).
        outputs_written: whether the outputs were rewritten (they are only when they no
            longer reflect the store and the rules).
    """

    out: Path
    n_sources: int = 0
    n_unchanged: int = 0
    n_new_dumps: int = 0
    n_new_articles: int = 0
    n_duplicate_articles: int = 0
    n_recognised: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    not_analysed: dict[str, int] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    outputs_written: bool = False

    @property
    def ok(self) -> bool:
        """False only when nothing at all could be processed."""
        return not self.failed or (self.n_new_dumps + self.n_unchanged) > 0


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def run(
    inputs: RunSettings | Iterable[str | Path] | None = None,
    out: str | Path = DEFAULT_OUT,
    *,
    progress: bool = True,
    rebuild: bool = False,
    **options: Any,
) -> RunResult:
    """Process dumps into an output folder (incrementally) and rewrite its outputs.

    Takes a :class:`~pipeline.settings.RunSettings`, or its fields as arguments:
    ``run(["dumps/"], "out/", processes=2)`` is ``run(RunSettings(["dumps/"], "out/",
    processes=2))``.

    Stages:
        1. ingest each dump not processed before (same content hash): records, articles,
           publication dates; store them in the output folder's database;
        2. NER, normalisation and events for the articles not processed before, on the
           settings' engine and workers, overlapping with stage 1;
        3. rewrite every output (:data:`~pipeline.output.OUTPUTS`) to cover everything
           processed so far.

    Every stored article whose results came from other rules or another model (see
    :class:`~pipeline.fingerprint.Fingerprint`) is analysed again from its stored text;
    ``rebuild`` analyses every one again. Bad files and records are reported in the result,
    never raised, so one bad file never stops the batch.
    """
    settings = inputs if isinstance(inputs, RunSettings) else \
        RunSettings(tuple(str(p) for p in inputs or ()), Path(out), **options)
    result = RunResult(out=settings.out)
    t_start = time.perf_counter()
    fingerprint = Fingerprint.of(settings.model)
    global _last_fingerprint
    if _last_fingerprint is not None and fingerprint != _last_fingerprint:
        reload_tables()  # the data files changed since the last run in this process
    _last_fingerprint = fingerprint
    store = Store(settings.out)
    store.any_language = settings.language == "any"
    try:
        if rebuild:
            store.forget_analyses()
        run_id = store.start_run(_now())
        feed = _Feed(store, settings, fingerprint, run_id, result, progress)
        # stages 1 and 2-4 overlap: the workers analyse the first dumps while later ones are
        # still being read
        result.n_recognised = analyse_into_store(
            store, feed.batches(), settings.model, fingerprint, processes=settings.processes,
            progress=progress, engine=settings.engine, scheduler=settings.scheduler,
            timings=result.timings)
        result.not_analysed = store.not_analysed_languages()
        result.timings["ingest"] = feed.seconds
        result.timings["nlp"] = result.timings.get("nlp", 0.0) - feed.seconds
        t_out = time.perf_counter()
        result.outputs_written = refresh_outputs(store, settings.out, fingerprint,
                                                 progress=progress)
        result.timings["outputs"] = time.perf_counter() - t_out
        result.timings["total"] = time.perf_counter() - t_start
        store.finish_run(
            run_id, _now(), n_new_dumps=result.n_new_dumps,
            n_new_articles=result.n_new_articles, n_skipped=len(result.skipped),
            n_failed=len(result.failed),
        )
    finally:
        store.close()
    return result


def outputs_state(store: Store, fingerprint: Fingerprint) -> str:
    """The state the outputs of a folder must reflect: the store's results and the rules."""
    return f"{store.generation()}:{fingerprint.outputs}"


def refresh_outputs(store: Store, out: Path, fingerprint: Fingerprint, *,
                    progress: bool = False) -> bool:
    """Rewrite the outputs when any is missing or they were written from another state of
    the store or the rules (a run that failed while writing, an edited table); True if so."""
    state = outputs_state(store, fingerprint)
    if store.meta("outputs_state") == state and all((out / n).exists() for n in OUTPUTS):
        return False
    write_outputs(store, out, progress=progress)
    store.set_meta("outputs_state", state)
    return True


@dataclass
class _Feed:
    """Stage 1 as a source of work: reads the dumps one by one and hands on, in batches, the
    articles that still need stages 2-4 (left from an earlier run or analysed under other
    rules first, then new ones), then those that need only their events again."""

    store: Store
    settings: RunSettings
    fingerprint: Fingerprint
    run_id: int
    result: RunResult
    progress: bool
    seconds: float = 0.0

    def batches(self) -> Iterator[list[Item]]:
        t0 = time.perf_counter()
        nlp = self.fingerprint.nlp
        queue: deque[str] = deque(self.store.pending_nlp(nlp))
        queued = set(queue)
        bar = tqdm(desc="ingest", unit="dump", disable=not self.progress, file=sys.stderr,
                   leave=False, delay=1.0)
        for ids in self._dumps():
            bar.update(1)
            fresh = [i for i in self.store.not_done(ids, nlp) if i not in queued]
            queue.extend(fresh)
            queued.update(fresh)
            while len(queue) >= BATCH:
                self.seconds += time.perf_counter() - t0
                yield self._texts([queue.popleft() for _ in range(BATCH)])
                t0 = time.perf_counter()
        bar.close()
        while queue:
            self.seconds += time.perf_counter() - t0
            yield self._texts([queue.popleft() for _ in range(min(BATCH, len(queue)))])
            t0 = time.perf_counter()
        for chunk in chunks(self.store.pending_events(nlp, self.fingerprint.events), BATCH):
            mentions = self.store.article_mentions(chunk)
            self.seconds += time.perf_counter() - t0
            yield [(i, t, p, mentions[i]) for i, t, p in self.store.article_texts(chunk)]
            t0 = time.perf_counter()
        self.seconds += time.perf_counter() - t0

    def _texts(self, ids: list[str]) -> list[Item]:
        return [(i, t, p, None) for i, t, p in self.store.article_texts(ids)]

    def _dumps(self) -> Iterator[list[str]]:
        """Read and store each input dump in turn: the ids of its articles."""
        for raw in self.settings.inputs:
            try:
                for item in iter_sources([str(raw)]):
                    if isinstance(item, Skipped):
                        self.result.failed.append(str(item))
                        continue
                    yield _ingest_one(self.store, item, self.run_id, self.result, self.settings)
            except InputError as exc:
                self.result.failed.append(str(exc))


def _ingest_one(store: Store, src: Source, run_id: int, result: RunResult,
                settings: RunSettings) -> list[str]:
    """Read and store one dump; the ids of its articles (none if skipped or unreadable)."""
    result.n_sources += 1
    name = source_label(src.name)
    src = Source(name, src.data, src.inner)
    key = dump_key(src, settings.separator, settings.date)
    if store.has_dump(key):
        result.n_unchanged += 1
        return []
    records: list[Record] = []
    skipped: list[Skipped] = []
    try:
        for item in read_records(src, separator=settings.separator):
            if isinstance(item, Skipped):
                skipped.append(item)
            else:
                records.append(item)
    except InputError as exc:
        result.failed.append(str(exc))
        return []
    result.skipped.extend(skipped)
    if not records:
        result.failed.append(f"{name}: no article could be read "
                             f"({len(skipped)} records skipped); check the format")
        return []
    articles = to_articles(records, name, settings.date)
    n_new = store.add_dump(key, name, articles, len(skipped), records[0].encoding, run_id)
    result.n_new_dumps += 1
    result.n_new_articles += n_new
    result.n_duplicate_articles += len(articles) - n_new
    return [a.article_id for a in articles]


def split_file(path: str | Path, *, separator: str | None = None) -> list[Segment]:
    """The articles a plain-text dump splits into, with titles and line ranges.

    Raises :class:`InputError` for a missing, empty or binary file.
    """
    p = Path(path)
    if str(path) != "-" and not p.is_file():
        raise InputError(str(path), "no such file", "check the path")
    data = sys.stdin.buffer.read() if str(path) == "-" else p.read_bytes()
    if not data.strip():
        raise InputError(str(path), "is empty", "pass a dump with text in it")
    if looks_binary(data):
        raise InputError(str(path), "looks like a binary file, not text", "pass a text dump")
    text, _enc = decode(data)
    return split_text(text, separator=separator)


def extract(text: str, *, published: date | None = None,
            model: str = DEFAULT_MODEL) -> list[Mention]:
    """Entities of one text, normalised (relative dates need ``published``).

    >>> [m.country for m in extract("Vietnam signed it.") if m.label == "GPE"]   # doctest: +SKIP
    ['VN']
    """
    from .corpus import OrgCanon
    from .lexicon.orgs import acronym_definitions
    from .nlp import Recognizer
    from .normalize import normalise_article

    mentions = normalise_article("", text, Recognizer(model).entities(text), published)
    canon = OrgCanon({m.norm: 1 for m in mentions if m.label == "ORG"},
                     dict(acronym_definitions(text)))
    return [replace(m, norm=canon.canonical(m.norm)) if m.label == "ORG" else m
            for m in mentions]


def status(out: str | Path = DEFAULT_OUT, *, model: str = DEFAULT_MODEL) -> dict[str, Any]:
    """Counts, the last run and the freshness of an output folder (against the current rules
    and ``model``); raises if nothing was processed there."""
    from .corpus.names import PersonNames

    store = open_existing(Path(out))
    if store is None:
        raise NewsgraphError(
            f"{out}: nothing processed here yet (run 'newsgraph run' first, or pass --out)"
        )
    try:
        fp = Fingerprint.of(model)
        stale = store.staleness(fp.nlp, fp.events)
        outputs_current = store.meta("outputs_state") == outputs_state(store, fp) and all(
            (Path(out) / n).exists() for n in OUTPUTS)
        return {"out": str(out), **store.counts(), "dumps_list": store.dumps(),
                "last_run": store.last_run(), "unresolved": store.unresolved(),
                "not_analysed_languages": store.not_analysed_languages(),
                "ambiguous_surnames": PersonNames(store.person_name_counts()).ambiguous(),
                "fingerprint": fp, **stale, "outputs_current": outputs_current,
                "stale": bool(stale["articles_needing_nlp"] or stale["articles_needing_events"]
                              or not outputs_current)}
    finally:
        store.close()
