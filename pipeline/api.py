"""The Python API: everything the CLI does, callable from a notebook or a test.

>>> from pipeline import run                                     # doctest: +SKIP
>>> result = run(["data/raw"], out="data/processed")            # doctest: +SKIP
>>> result.n_new_articles                                        # doctest: +SKIP
10
"""

from __future__ import annotations

import json
import logging
import sqlite3
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from .config import Tuning
from .corpus import build_catalogue
from .engine import analyse_batch, analyse_into_store, load_models
from .errors import InputError, NewsgraphError
from .fingerprint import Fingerprint
from .ingest import (
    Segment,
    Source,
    count_files,
    dump_key,
    iter_sources,
    looks_binary,
    read_records,
    source_label,
    to_articles,
)
from .lexicon.tables import reload as reload_tables
from .output import OUTPUTS, parts_only, write_outputs
from .progress import Progress
from .report import outputs_current, outputs_state
from .settings import DEFAULT_MODEL, DEFAULT_OUT, RunSettings
from .store import DB_NAME, Store, chunks, damaged_error, is_damage, set_aside
from .store.lock import folder_lock
from .types import (
    Event,
    Mention,
    NameCounts,
    Participant,
    Record,
    Skipped,
    WorkItem,
    content_id,
)

log = logging.getLogger("newsgraph")


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
        warnings: what was read but not quite as written (bad bytes replaced), one line each.
        notes: what the run left out on purpose (an output folder inside an input), one line
            each.
        failed_articles: ``(article_id, reason)`` of the articles this run could not analyse
            (marked failed in the store; the rest of the run went on).
        not_analysed: articles left out of stages 2-4 for their language, per language
            (``--language any`` analyses them).
        outputs_written: whether the outputs were rewritten (they are only when they no
            longer reflect the store and the rules).
        parts_only: the tables kept in parts only, too large to be written whole every run
            (``max_single_file_mb``; ``newsgraph export tables`` writes them).
        n_undated: articles of this run's dumps with no publication date.
        folder: what the folder holds after the run: ``articles``, and the rows of the
            output tables (``entities``, ``actors``, ``events``).
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
    failed_articles: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    outputs_written: bool = False
    parts_only: list[str] = field(default_factory=list)
    n_undated: int = 0
    folder: dict[str, int] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        """The run in numbers, for ``run --json``: what was read, analysed, skipped and
        written."""
        reasons: dict[str, int] = {}
        for item in self.skipped:
            reasons[item.reason] = reasons.get(item.reason, 0) + 1
        return {
            "out": str(self.out), "new_dumps": self.n_new_dumps, "unchanged_dumps":
            self.n_unchanged, "new_articles": self.n_new_articles,
            "duplicate_articles": self.n_duplicate_articles, "analysed": self.n_recognised,
            "failed_articles": [{"article_id": a, "reason": r}
                                for a, r in self.failed_articles],
            "not_analysed_languages": self.not_analysed, "skipped": len(self.skipped),
            "skipped_by_reason": dict(sorted(reasons.items(), key=lambda kv: -kv[1])),
            "unusable_files": self.failed, "warnings": self.warnings, "notes": self.notes,
            "outputs_written": self.outputs_written, "folder": self.folder,
            "files": [n for n in OUTPUTS if n not in self.parts_only]
            if self.outputs_written else [], "parts_only": self.parts_only,
            "seconds": {k: round(v, 2) for k, v in self.timings.items()},
        }

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
    retry_failed: bool = False,
    rebuild_store: bool = False,
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
    ``rebuild`` analyses every one again; ``rebuild_store`` moves the folder's store aside
    (a damaged one: never deleted) and builds a new one from the inputs. Bad files and
    records are reported in the result, never raised, so one bad file never stops the batch;
    an article that cannot be analysed is marked failed with its reason and tried again when
    the rules or model change, or with ``retry_failed``.
    """
    settings = inputs if isinstance(inputs, RunSettings) else \
        RunSettings(tuple(str(p) for p in inputs or ()), Path(out), **options)
    check_inputs(settings, rebuild_store)
    result = RunResult(out=settings.out)
    t_start = time.perf_counter()
    reload_tables()  # each run reads the data files afresh (an edit since the last one)
    fingerprint = Fingerprint.of(settings.model, settings.tuning)
    try:
        with folder_lock(settings.out, wait=settings.wait, on_wait=_tell):
            if rebuild_store:
                aside = set_aside(settings.out / DB_NAME)
                if aside is not None:
                    result.notes.append(f"{aside}: the store before, kept aside; a new one is "
                                        "built from the inputs")
            _run_locked(settings, fingerprint, result, progress=progress, rebuild=rebuild,
                        retry_failed=retry_failed)
    except sqlite3.Error as exc:  # a full disk, a damaged database
        if isinstance(exc, sqlite3.DatabaseError) and is_damage(exc):
            raise damaged_error(settings.out / DB_NAME, str(exc)) from None
        raise NewsgraphError(f"{settings.out}: the output folder's database failed ({exc}); "
                             "check free space and permissions; what was stored before is "
                             "kept, and the next run resumes") from None
    result.timings["total"] = time.perf_counter() - t_start
    return result


def check_inputs(settings: RunSettings, rebuild_store: bool = False) -> None:
    """Refuse, before anything is read or written, a run that cannot do what was asked: an
    ``out`` that is a file, an input path that does not exist or a folder that holds no
    file, a run with no input on a folder newsgraph never wrote (nothing to refresh), and a
    rebuild of the store with no input (nothing to rebuild it from)."""
    out = settings.out
    if out.exists() and not out.is_dir():
        raise NewsgraphError(f"{out}: is a file, not a folder; pass --out a folder (it is "
                             "created if missing)")
    for raw in settings.inputs:
        path = Path(raw)
        if raw == "-":
            continue
        if not path.exists():
            raise InputError(raw, "no such file or folder",
                             "check the path; nothing was read or written")
        if path.is_dir() and not any(p.is_file() for p in path.rglob("*")):
            raise InputError(raw, "the folder holds no file",
                             "pass the folder the dumps are in; nothing was read or written")
    if rebuild_store and not settings.inputs:
        raise NewsgraphError(f"--rebuild-store builds the store of {out} from the dumps: pass "
                             f"them (newsgraph run --rebuild-store DUMP... --out {out})")
    if not settings.inputs and not (out / DB_NAME).exists():
        raise NewsgraphError(f"nothing to do: {out} holds no newsgraph output yet; pass the "
                             f"dumps to read (newsgraph run DUMP... --out {out})")


def _run_locked(settings: RunSettings, fingerprint: Fingerprint, result: RunResult, *,
                progress: bool, rebuild: bool, retry_failed: bool) -> None:
    """The body of :func:`run`, holding the folder's lock."""
    store = Store(settings.out, any_language=settings.language == "any")
    try:
        if rebuild:
            store.forget_analyses()
        elif retry_failed:
            store.retry_failed()
        run_id = store.start_run(_now())
        bar = Progress(enabled=progress, every=settings.tuning.log_every_seconds)
        feed = _Feed(store, settings, fingerprint, run_id, result, bar)
        # stages 1 and 2-4 overlap: the workers analyse the first dumps while later ones are
        # still being read
        result.n_recognised = analyse_into_store(
            store, feed.batches(), settings, fingerprint, progress=bar,
            timings=result.timings, failed=result.failed_articles)
        bar.close()
        result.not_analysed = store.not_analysed_languages()
        result.timings["ingest"] = feed.seconds
        result.timings["nlp"] = result.timings.get("nlp", 0.0) - feed.seconds
        t_out = time.perf_counter()
        result.outputs_written = refresh_outputs(store, settings, fingerprint,
                                                 progress=progress)
        result.timings["outputs"] = time.perf_counter() - t_out
        result.parts_only = parts_only(store)
        result.folder = {"articles": store.count("articles"),
                         **json.loads(store.meta("outputs_counts", "{}"))}
        new = result.n_new_articles + result.n_duplicate_articles
        if result.n_undated and 2 * result.n_undated >= new:
            result.warnings.append(
                f"{result.n_undated} of the {new} article(s) read have no publication date (no "
                "date field, dateline or date in the file name): their relative dates and "
                "their events stay undated; if a dump is from one day, run it with --date "
                "YYYY-MM-DD")
        store.finish_run(
            run_id, _now(), n_new_dumps=result.n_new_dumps,
            n_new_articles=result.n_new_articles, n_skipped=len(result.skipped),
            n_failed=len(result.failed),
        )
    finally:
        store.close()


def _tell(message: str) -> None:
    print(f"newsgraph: {message}", file=sys.stderr, flush=True)


def refresh_outputs(store: Store, settings: RunSettings, fingerprint: Fingerprint, *,
                    progress: bool = False) -> bool:
    """Rewrite the outputs when any is missing or they were written from another state of
    the store or the rules (a run that failed while writing, an edited table); True if so."""
    if outputs_current(store, settings.out, fingerprint):
        return False
    state = outputs_state(store, fingerprint)
    cat = build_catalogue(store, settings.tuning)
    try:
        counts = write_outputs(store, cat, settings.out, settings.tuning, progress=progress,
                               parts_state=fingerprint.outputs)
    finally:
        cat.close()
    store.set_meta("outputs_state", state)
    store.set_meta("outputs_counts", json.dumps(counts))
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
    progress: Progress
    seconds: float = 0.0
    _files_read: int = 0
    _last_file: str = ""

    def batches(self) -> Iterator[list[WorkItem]]:
        t0 = time.perf_counter()
        batch = self.settings.tuning.batch_articles
        nlp = self.fingerprint.nlp
        queue: deque[str] = deque(self.store.pending_nlp(nlp))
        queued = set(queue)
        events_only = self.store.pending_events(nlp, self.fingerprint.events)
        self.progress.found(len(queue) + len(events_only))
        before, files = len(queue) + len(events_only), count_files(self.settings.inputs,
                                                                    self.settings.out)
        for ids in self._dumps():
            fresh = [i for i in self.store.not_done(ids, nlp) if i not in queued]
            queue.extend(fresh)
            queued.update(fresh)
            self.progress.found(len(fresh))
            if self._files_read and files > self._files_read:  # the total, estimated
                self.progress.expect(before + round(
                    (self.progress.total_found - before) * files / self._files_read))
            while len(queue) >= batch:
                self.seconds += time.perf_counter() - t0
                yield self._texts([queue.popleft() for _ in range(batch)])
                t0 = time.perf_counter()
        self.progress.expect(0)
        while queue:
            self.seconds += time.perf_counter() - t0
            yield self._texts([queue.popleft() for _ in range(min(batch, len(queue)))])
            t0 = time.perf_counter()
        for chunk in chunks(events_only, batch):
            mentions = self.store.article_mentions(chunk)
            self.seconds += time.perf_counter() - t0
            yield [WorkItem(i, t, p, mentions[i]) for i, t, p in self.store.article_texts(chunk)]
            t0 = time.perf_counter()
        self.seconds += time.perf_counter() - t0

    def _texts(self, ids: list[str]) -> list[WorkItem]:
        return [WorkItem(i, t, p) for i, t, p in self.store.article_texts(ids)]

    def _dumps(self) -> Iterator[list[str]]:
        """Read and store each input dump in turn: the ids of its articles."""
        for raw in self.settings.inputs:
            try:
                for item in iter_sources([str(raw)], self.settings.tuning,
                                         out=self.settings.out, notes=self.result.notes):
                    file = (item.source if isinstance(item, Skipped) else item.name
                            ).partition("!")[0]
                    if file != self._last_file:  # an archive's members are one file
                        self._files_read, self._last_file = self._files_read + 1, file
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
    name = source_label(src.name, settings.out.parent)
    src = Source(name, src.data, src.inner)
    key = dump_key(src, settings.separator, settings.date)
    if store.has_dump(key):
        result.n_unchanged += 1
        return []
    records: list[Record] = []
    skipped: list[Skipped] = []
    try:
        for item in read_records(src, separator=settings.separator, tuning=settings.tuning):
            if isinstance(item, Skipped):
                skipped.append(item)
            else:
                records.append(item)
    except InputError as exc:
        result.failed.append(str(exc))
        return []
    result.skipped.extend(skipped)
    if not records:
        if not any(s.where == "" for s in skipped):  # a whole file skipped says so already
            result.failed.append(f"{name}: no article could be read "
                                 f"({len(skipped)} records skipped); check the format")
        return []
    if "replaced" in records[0].encoding:
        result.warnings.append(f"{name}: {records[0].encoding.split(', ', 1)[1]} (not valid "
                               "UTF-8 there; the rest of the text is kept)")
    articles = to_articles(records, name, settings.date, settings.tuning)
    result.n_undated += sum(1 for a in articles if not a.published)
    n_new = store.add_dump(key, name, articles, len(skipped), records[0].encoding, run_id)
    result.n_new_dumps += 1
    result.n_new_articles += n_new
    result.n_duplicate_articles += len(articles) - n_new
    return [a.article_id for a in articles]




def split_file(path: str | Path, *, separator: str | None = None) -> list[Segment]:
    """The articles a dump holds, as a run would read them: a plain-text digest split into
    articles with titles and line ranges; the records of JSON, JSONL, CSV, HTML, feeds and
    Reuters SGML (line ranges 0), archive members in turn.

    Raises :class:`InputError` for a missing, empty, binary or unreadable file.
    """
    p = Path(path)
    if str(path) != "-" and not p.is_file():
        raise InputError(str(path), "no such file", "check the path")
    out: list[Segment] = []
    for src in iter_sources([str(path)]):
        if isinstance(src, Skipped):
            raise InputError(src.source, f"{src.reason} ({src.detail})" if src.detail
                             else src.reason, "check the file")
        if not src.data.strip():
            raise InputError(str(path), "is empty", "pass a dump with text in it")
        if looks_binary(src.data):
            raise InputError(str(path), "looks like a binary file, not text", "pass a dump")
        for item in read_records(src, separator=separator):
            if isinstance(item, Record):
                body = item.body.partition("\n")[2] if item.title_in_body else item.body
                out.append(Segment(item.title or body.strip().partition("\n")[0][:80],
                                   item.text, item.line_start, item.line_end))
    return out


@dataclass(frozen=True)
class TextAnalysis:
    """What newsgraph finds in one text: its entities (normalised, with the names a run
    gives them), its events and who takes part in each (``participants``, by
    ``event_id``)."""

    text: str
    mentions: list[Mention]
    events: list[Event]
    participants: list[Participant]

    def actor(self, p: Participant) -> str:
        """Whom a participant stands for: the name a pronoun or a description refers to,
        the generic actor ("regulators"), or the words as written."""
        if p.ref_start >= 0:
            return self.text[p.ref_start:p.ref_end]
        return p.agent or p.mention


def analyse(text: str, *, published: date | None = None,
            model: str = DEFAULT_MODEL) -> TextAnalysis:
    """Entities and events of one text, normalised (relative dates need ``published``):
    the same analysis (:func:`pipeline.engine.analyse_batch`) and the same identity rules a
    run applies, over a folder of this one article.

    >>> a = analyse("Vietnam signed it.")                              # doctest: +SKIP
    >>> [m.country for m in a.mentions if m.label == "GPE"]            # doctest: +SKIP
    ['VN']
    """
    from .identity import FolderNames
    from .identity.folder import VOTE_LABELS

    tuning = Tuning.load()
    load_models(model)
    article_id = content_id(text)
    (result,) = analyse_batch([WorkItem(article_id, text, published.isoformat() if published
                                        else "")], model, tuning)
    if result.failed:
        raise NewsgraphError(f"the text could not be analysed ({result.failed})")
    counts = NameCounts.of_mentions(result.mentions, VOTE_LABELS,
                                    [(article_id, a, long) for a, long in result.acronyms])
    mentions = FolderNames(counts, tuning.label_majority).apply_article(result.mentions)
    return TextAnalysis(text, mentions, result.events, result.participants)


def extract(text: str, *, published: date | None = None,
            model: str = DEFAULT_MODEL) -> list[Mention]:
    """The entities of :func:`analyse`."""
    return analyse(text, published=published, model=model).mentions


# the API's other half: working on a folder beyond a run (forget, export)
from .manage import Forgotten as Forgotten  # noqa: E402
from .manage import export_graph as export_graph  # noqa: E402
from .manage import export_tables as export_tables  # noqa: E402
from .manage import forget as forget  # noqa: E402
