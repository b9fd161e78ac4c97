"""What ``newsgraph status`` reports of an output folder, as one frozen value."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .config import Tuning
from .errors import NewsgraphError
from .fingerprint import Fingerprint
from .output import OUTPUTS, parts_only
from .settings import DEFAULT_MODEL, DEFAULT_OUT
from .store import Store, open_existing
from .types import PARTS_FOLDER


@dataclass(frozen=True, slots=True)
class DumpRow:
    """One processed dump: its source, articles read, new ones and records skipped."""

    source: str
    n_records: int
    n_new: int
    n_skipped: int


@dataclass(frozen=True, slots=True)
class DumpGroup:
    """The dumps of one folder (or one dump alone): how many, and their articles."""

    source: str
    n_dumps: int
    n_records: int
    n_new: int
    n_skipped: int


def dump_groups(dumps: Iterable[DumpRow]) -> list[DumpGroup]:
    """Dumps grouped by the folder they were read from (a folder of 300 files is one line),
    a dump alone in its folder as itself; by source.

    >>> [(g.source, g.n_dumps) for g in dump_groups([DumpRow("bbc/a.txt", 1, 1, 0),
    ...     DumpRow("bbc/b.txt", 2, 2, 0), DumpRow("seed.txt", 10, 10, 0)])]
    [('bbc/', 2), ('seed.txt', 1)]
    """
    by_folder: dict[str, list[DumpRow]] = {}
    for d in dumps:
        by_folder.setdefault(posixpath.dirname(d.source.partition("!")[0]), []).append(d)
    groups = [DumpGroup(rows[0].source if len(rows) == 1 else f"{folder}/", len(rows),
                        sum(r.n_records for r in rows), sum(r.n_new for r in rows),
                        sum(r.n_skipped for r in rows)) for folder, rows in by_folder.items()]
    return sorted(groups, key=lambda g: g.source)


@dataclass(frozen=True, slots=True)
class RunRow:
    """One run of the folder: when it started and ended and what it added."""

    run_id: int
    started: str
    finished: str | None
    n_new_dumps: int
    n_new_articles: int
    n_skipped: int
    n_failed: int


@dataclass(frozen=True, slots=True)
class FailedArticle:
    """An article that could not be analysed: its id, first source and the reason."""

    article_id: str
    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class StatusReport:
    """The state of an output folder against the current rules and model.

    Fields:
        out: the folder.
        dumps, articles, article_sources, mentions, events, runs: totals in the store.
        undated_articles: stored articles with no publication date (their relative dates
            and their events' dates stay unresolved).
        dumps_list: every processed dump, by source.
        last_run: the most recent run, or None.
        recent_runs: the last few runs, newest first.
        unresolved: ``(label, reason, count)`` of the mentions that did not resolve.
        not_analysed_languages: articles left out for their language, per language.
        failed_articles: the articles that could not be analysed.
        files: rows of the main output tables when they were last written
            (``entities``, ``actors``, ``events``).
        ambiguous_surnames: surnames used alone that several full names share.
        fingerprint: the current rules' and model's fingerprint.
        articles_needing_nlp: stored articles that need NER again.
        articles_needing_events: stored articles that need only their events again.
        outputs_current: whether the outputs reflect the store and the rules.
    """

    out: str
    dumps: int
    articles: int
    article_sources: int
    mentions: int
    events: int
    runs: int
    undated_articles: int
    dumps_list: tuple[DumpRow, ...]
    last_run: RunRow | None
    recent_runs: tuple[RunRow, ...]
    unresolved: tuple[tuple[str, str, int], ...]
    not_analysed_languages: dict[str, int]
    failed_articles: tuple[FailedArticle, ...]
    files: dict[str, int]
    ambiguous_surnames: dict[str, list[str]]
    fingerprint: Fingerprint
    articles_needing_nlp: int
    articles_needing_events: int
    outputs_current: bool

    @property
    def stale(self) -> bool:
        """Whether a plain ``newsgraph run`` has work to do."""
        return bool(self.articles_needing_nlp or self.articles_needing_events
                    or not self.outputs_current)

    def as_dict(self) -> dict[str, Any]:
        """The report as plain values (for JSON)."""
        return {**asdict(self), "stale": self.stale}


def outputs_state(store: Store, fingerprint: Fingerprint) -> str:
    """The state the outputs of a folder must reflect: the store's results and the rules."""
    return f"{store.generation()}:{fingerprint.outputs}"


def outputs_current(store: Store, out: Path, fingerprint: Fingerprint) -> bool:
    """Whether every output exists (a table kept in parts only: its parts) and was written
    from the current state."""
    only = set(parts_only(store))
    return store.meta("outputs_state") == outputs_state(store, fingerprint) and all(
        (out / PARTS_FOLDER / n).is_dir() if n in only else (out / n).exists()
        for n in OUTPUTS)


def status(out: str | Path = DEFAULT_OUT, *, model: str = DEFAULT_MODEL) -> StatusReport:
    """Counts, the last run and the freshness of an output folder (against the current rules
    and ``model``); raises if nothing was processed there."""
    from .identity import PersonNames

    store = open_existing(Path(out), readonly=True)
    if store is None:
        raise NewsgraphError(
            f"{out}: nothing processed here yet (run 'newsgraph run' first, or pass --out)"
        )
    try:
        fp = Fingerprint.of(model, Tuning.load())
        stale = store.staleness(fp.nlp, fp.events)
        runs = store.recent_runs(5)
        return StatusReport(
            out=str(out), **store.counts(),
            dumps_list=tuple(DumpRow(*row) for row in store.dumps()),
            last_run=RunRow(**runs[0]) if runs else None,
            recent_runs=tuple(RunRow(**r) for r in runs),
            unresolved=tuple(store.unresolved()),
            not_analysed_languages=store.not_analysed_languages(),
            failed_articles=tuple(FailedArticle(*row) for row in store.failed_articles()),
            files=json.loads(store.meta("outputs_counts", "{}")),
            ambiguous_surnames=PersonNames(store.person_name_counts()).ambiguous(),
            fingerprint=fp, **stale,
            outputs_current=outputs_current(store, Path(out), fp))
    finally:
        store.close()
