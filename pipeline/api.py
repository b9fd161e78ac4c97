"""The Python API: everything the CLI does, callable from a notebook or a test.

>>> from pipeline import run                                     # doctest: +SKIP
>>> result = run(["data/raw"], out="data/processed")            # doctest: +SKIP
>>> result.n_new_articles                                        # doctest: +SKIP
10
"""

from __future__ import annotations

import hashlib
import logging
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tqdm import tqdm

from . import export, graph
from .actors import (
    ACTOR_COLUMNS,
    EVENT_ACTOR_COLUMNS,
    EVENT_COLUMNS,
    CatalogueBuilder,
    actor_rows,
    event_actor_rows,
    event_rows,
)
from .entities import BATCH, CorpusNames, analyse_into_store, entity_rows
from .errors import InputError, NewsgraphError
from .ingest import Source, iter_sources, read_records, source_label
from .ner import DEFAULT_MODEL
from .pubdate import latest_reported_date, publication_date
from .split import Segment, split_text
from .store import Store, open_existing
from .types import Article, Mention, Record, Skipped, content_id

log = logging.getLogger("newsgraph")

DEFAULT_INPUT = Path("data/raw")
DEFAULT_OUT = Path("data/processed")


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
        n_recognised: articles that went through NER and normalisation in this run.
        timings: seconds per stage: ingest, nlp (NER, normalisation, events), store, outputs.
        skipped: records (or files) that were skipped, with the reason.
        failed: files (or paths) that could not be used at all, with the reason.
    """

    out: Path
    n_sources: int = 0
    n_unchanged: int = 0
    n_new_dumps: int = 0
    n_new_articles: int = 0
    n_duplicate_articles: int = 0
    n_recognised: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """False only when nothing at all could be processed."""
        return not self.failed or (self.n_new_dumps + self.n_unchanged) > 0


def dump_key(source: Source, separator: str | None, fallback_date: date | None) -> str:
    """Content hash of a dump, its name and the options that change how it is read.

    The name is part of the key so that a copy of a processed dump under another name still
    records its articles' second source (their content hashes keep them stored once).
    """
    h = hashlib.sha256(source.data)
    h.update(f"\x1f{source.name}\x1fsep={separator or ''}\x1fdate={fallback_date or ''}".encode())
    return h.hexdigest()


def to_articles(
    records: Sequence[Record], source: str, fallback_date: date | None
) -> list[Article]:
    """Settle ids and publication dates for the records of one dump.

    The dump-wide fallback date (the latest reported full date written anywhere in the dump)
    is only computed when some record has no better date.
    """
    dump_date: date | None = None
    dump_date_done = False
    out = []
    for rec in records:
        # a plain-text article starts with its title line; the dateline follows it
        body = rec.body.partition("\n")[2] if rec.title_in_body else rec.body
        published, date_source = publication_date(rec.published, body, source, fallback_date)
        if not published:
            if not dump_date_done:
                dump_date = latest_reported_date("\n\n".join(r.text for r in records))
                dump_date_done = True
            if dump_date is not None:
                published, date_source = dump_date.isoformat(), "dump"
        text = rec.text
        out.append(Article(
            article_id=content_id(text), source=rec.source, position=rec.position,
            title=rec.title, text=text, published=published, date_source=date_source,
            source_id=rec.source_id, url=rec.url, encoding=rec.encoding,
            line_start=rec.line_start, line_end=rec.line_end,
        ))
    return out


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def run(
    inputs: Iterable[str | Path] | None = None,
    out: str | Path = DEFAULT_OUT,
    *,
    date: date | None = None,
    separator: str | None = None,
    model: str = DEFAULT_MODEL,
    processes: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool = True,
) -> RunResult:
    """Process dumps into ``out`` (incrementally) and rewrite the outputs.

    Stages:
        1. ingest each dump not processed before (same content hash): records, articles,
           publication dates; store them in the output folder's database;
        2. NER, normalisation and events for the articles not processed before (``model``;
           ``processes`` workers of ``engine`` "local" or "dask", or a Dask ``scheduler``),
           overlapping with stage 1;
        3. rewrite every output (:data:`OUTPUTS`) to cover everything processed so far.

    Bad files and records are reported in the result, never raised, so one bad file never
    stops the batch. ``date`` is the fallback publication date (``--date``).
    """
    out_dir = Path(out)
    paths = [str(p) for p in (inputs or [DEFAULT_INPUT])]
    result = RunResult(out=out_dir)
    t_start = time.perf_counter()
    store = Store(out_dir)
    try:
        run_id = store.start_run(_now())
        feed = _Feed(store, paths, run_id, result, separator, date, model, progress)
        # stages 1 and 2-4 overlap: the workers analyse the first dumps while later ones are
        # still being read
        result.n_recognised = analyse_into_store(
            store, feed.batches(), model, processes=processes, progress=progress,
            engine=engine, scheduler=scheduler, timings=result.timings)
        result.timings["ingest"] = feed.seconds
        result.timings["nlp"] = result.timings.get("nlp", 0.0) - feed.seconds
        t_out = time.perf_counter()
        if result.n_new_dumps or result.n_recognised or not all(
                (out_dir / name).exists() for name in OUTPUTS):
            write_outputs(store, out_dir, progress=progress)
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


@dataclass
class _Feed:
    """Stage 1 as a source of work: reads the dumps one by one and hands on, in batches, the
    articles that still need stages 2-4 (left from an earlier run first, then new ones)."""

    store: Store
    paths: list[str]
    run_id: int
    result: RunResult
    separator: str | None
    fallback_date: date | None
    model: str
    progress: bool
    seconds: float = 0.0

    def batches(self) -> Iterator[list[tuple[str, str, str]]]:
        t0 = time.perf_counter()
        queue: deque[str] = deque(self.store.pending_ner(self.model))
        queued = set(queue)
        bar = tqdm(desc="ingest", unit="dump", disable=not self.progress, file=sys.stderr,
                   leave=False, delay=1.0)
        for raw in self.paths:
            try:
                for item in iter_sources([raw]):
                    if isinstance(item, Skipped):
                        self.result.failed.append(str(item))
                        continue
                    bar.update(1)
                    ids = _ingest_one(self.store, item, self.run_id, self.result,
                                      self.separator, self.fallback_date)
                    fresh = [i for i in self.store.not_done(ids, self.model) if i not in queued]
                    queue.extend(fresh)
                    queued.update(fresh)
                    while len(queue) >= BATCH:
                        batch = [queue.popleft() for _ in range(BATCH)]
                        self.seconds += time.perf_counter() - t0
                        yield self.store.article_texts(batch)
                        t0 = time.perf_counter()
            except InputError as exc:
                self.result.failed.append(str(exc))
        bar.close()
        while queue:
            batch = [queue.popleft() for _ in range(min(BATCH, len(queue)))]
            self.seconds += time.perf_counter() - t0
            yield self.store.article_texts(batch)
            t0 = time.perf_counter()
        self.seconds += time.perf_counter() - t0


OUTPUTS = ("articles.csv", "articles.jsonl", "entities.csv", "actors.csv", "events.csv",
           "event_actors.csv", "graph.graphml", "graph.gexf", "graph.json",
           "graph_actors.graphml", "graph.html", "graph.png")


def write_outputs(store: Store, out: Path, *, progress: bool = False) -> None:
    """Rewrite every output file of ``out`` from its store (each one atomically).

    Stages: 1. articles; 2. entities; 3. actors, events and who took part; 4. graph files,
    the HTML explorer and the PNG overview.
    """
    steps = tqdm(total=4, desc="outputs", disable=not progress, file=sys.stderr, leave=False,
                 delay=1.0)
    export.write_articles(out, store.iter_articles)
    steps.update()
    builder = CatalogueBuilder(store)
    export.write_entities(out, entity_rows(store, CorpusNames(store), builder.add))
    steps.update()
    cat = builder.catalogue()
    export.write_csv(out / "actors.csv", ACTOR_COLUMNS, actor_rows(cat))
    export.write_csv(out / "events.csv", EVENT_COLUMNS, event_rows(cat))
    export.write_csv(out / "event_actors.csv", EVENT_ACTOR_COLUMNS, event_actor_rows(cat))
    steps.update()
    g = graph.write_graphs(out, cat)
    graph.write_html(out, g)
    graph.write_png(out, g)
    steps.update()
    steps.close()


def _ingest_one(store: Store, src: Source, run_id: int, result: RunResult,
                separator: str | None, fallback_date: date | None) -> list[str]:
    """Read and store one dump; the ids of its articles (none if skipped or unreadable)."""
    result.n_sources += 1
    name = source_label(src.name)
    src = Source(name, src.data, src.inner)
    key = dump_key(src, separator, fallback_date)
    if store.has_dump(key):
        result.n_unchanged += 1
        return []
    records: list[Record] = []
    skipped: list[Skipped] = []
    try:
        for item in read_records(src, separator=separator):
            (skipped if isinstance(item, Skipped) else records).append(item)  # type: ignore[arg-type]
    except InputError as exc:
        result.failed.append(str(exc))
        return []
    result.skipped.extend(skipped)
    if not records:
        result.failed.append(f"{name}: no article could be read "
                             f"({len(skipped)} records skipped); check the format")
        return []
    articles = to_articles(records, name, fallback_date)
    encoding = records[0].encoding
    n_new = store.add_dump(key, name, articles, len(skipped), encoding, run_id)
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
    from .ingest import decode, looks_binary

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
    from .ner import Recognizer
    from .normalize import normalise_article
    from .orgs import OrgCanon, acronym_definitions

    mentions = normalise_article("", text, Recognizer(model).entities(text), published)
    canon = OrgCanon({m.norm: 1 for m in mentions if m.label == "ORG"},
                     dict(acronym_definitions(text)))
    return [replace(m, norm=canon.canonical(m.norm)) if m.label == "ORG" else m
            for m in mentions]


def status(out: str | Path = DEFAULT_OUT) -> dict[str, Any]:
    """Counts and the last run of an output folder; raises if nothing was processed there."""
    store = open_existing(Path(out))
    if store is None:
        raise NewsgraphError(
            f"{out}: nothing processed here yet (run 'newsgraph run' first, or pass --out)"
        )
    try:
        return {"out": str(out), **store.counts(), "dumps_list": store.dumps(),
                "last_run": store.last_run(), "unresolved": store.unresolved()}
    finally:
        store.close()
