"""The state of an ``--out`` folder: an embedded SQLite database (``newsgraph.sqlite``).

It remembers which dumps were processed (by content hash), every article once (by content
hash) with all the sources it arrived from, and the runs. Outputs are rebuilt from it, so
they always cover everything processed so far in that folder.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import NewsgraphError
from .types import Article, Event, Mention, Participant

SCHEMA_VERSION = "3"
DB_NAME = "newsgraph.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dumps (
    dump_key TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    n_records INTEGER NOT NULL,
    n_new INTEGER NOT NULL,
    n_skipped INTEGER NOT NULL,
    encoding TEXT NOT NULL,
    run_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    article_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    published TEXT NOT NULL,
    date_source TEXT NOT NULL,
    n_words INTEGER NOT NULL,
    url TEXT NOT NULL,
    encoding TEXT NOT NULL,
    ner_model TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    norm TEXT NOT NULL,
    country TEXT NOT NULL,
    date_start TEXT NOT NULL,
    date_end TEXT NOT NULL,
    date_granularity TEXT NOT NULL,
    amount REAL,
    currency TEXT NOT NULL,
    qualifier TEXT NOT NULL,
    unresolved TEXT NOT NULL,
    PRIMARY KEY (article_id, start, end, label)
);
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    type TEXT NOT NULL,
    trigger TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    date_start TEXT NOT NULL,
    date_end TEXT NOT NULL,
    amount REAL,
    currency TEXT NOT NULL,
    countries TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS participants (
    event_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    label TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (event_id, start, end, label)
);
CREATE INDEX IF NOT EXISTS events_article ON events (article_id);
CREATE INDEX IF NOT EXISTS participants_article ON participants (article_id);
CREATE TABLE IF NOT EXISTS acronyms (
    article_id TEXT NOT NULL,
    acronym TEXT NOT NULL,
    long TEXT NOT NULL,
    PRIMARY KEY (article_id, acronym, long)
);
CREATE TABLE IF NOT EXISTS article_sources (
    article_id TEXT NOT NULL,
    source TEXT NOT NULL,
    position INTEGER NOT NULL,
    source_id TEXT NOT NULL,
    line_start INTEGER NOT NULL,
    line_end INTEGER NOT NULL,
    PRIMARY KEY (article_id, source, position)
);
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    n_new_dumps INTEGER NOT NULL DEFAULT 0,
    n_new_articles INTEGER NOT NULL DEFAULT 0,
    n_skipped INTEGER NOT NULL DEFAULT 0,
    n_failed INTEGER NOT NULL DEFAULT 0
);
"""


_MENTION_FIELDS = tuple(f.name for f in fields(Mention))
_EVENT_FIELDS = tuple(f.name for f in fields(Event))
_PARTICIPANT_FIELDS = tuple(f.name for f in fields(Participant))


def _row(obj: object, names: tuple[str, ...]) -> tuple[object, ...]:
    """A dataclass as a flat tuple (``dataclasses.astuple`` deep-copies: far slower)."""
    return tuple(getattr(obj, n) for n in names)


# the output order of articles: by their first source, then position
_ORDER = """SELECT a.article_id, MIN(s.source || char(31) || printf('%09d', s.position)) AS k
            FROM articles a JOIN article_sources s ON s.article_id = a.article_id
            GROUP BY a.article_id"""


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What stages 2-4 found in one article."""

    article_id: str
    mentions: list[Mention]
    acronyms: list[tuple[str, str]]
    events: list[Event] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)


class Store:
    """SQLite-backed state of one output folder.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     s = Store(Path(d))
    ...     s.has_dump("abc")
    False
    """

    def __init__(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.path = out / DB_NAME
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        self.db.execute(
            "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,)
        )
        version = self.db.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        if version != SCHEMA_VERSION:
            self.db.close()
            raise NewsgraphError(
                f"{self.path}: made by another version of newsgraph (schema {version}, this "
                f"one needs {SCHEMA_VERSION}); use a new --out folder or delete this one")

    def close(self) -> None:
        """Close the database connection."""
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside are committed together, or not at all."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # ----------------------------------------------------------------- runs and dumps

    def start_run(self, started: str) -> int:
        """Record the start of a run and return its id."""
        cur = self.db.execute("INSERT INTO runs (started) VALUES (?)", (started,))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, finished: str, **counts: int) -> None:
        """Record the end of a run with its counts."""
        sets = ", ".join(f"{k} = ?" for k in counts)
        self.db.execute(
            f"UPDATE runs SET finished = ?{', ' + sets if sets else ''} WHERE run_id = ?",
            (finished, *counts.values(), run_id),
        )

    def has_dump(self, dump_key: str) -> bool:
        """True when a dump with this content hash was processed already."""
        row = self.db.execute("SELECT 1 FROM dumps WHERE dump_key = ?", (dump_key,)).fetchone()
        return row is not None

    def add_dump(self, dump_key: str, source: str, articles: list[Article], n_skipped: int,
                 encoding: str, run_id: int) -> int:
        """Store one processed dump and its articles in one transaction.

        Returns how many of the articles were new (an article already stored from another
        dump only gains this dump as one more source).
        """
        with self.transaction():
            before = self.db.total_changes
            self.db.executemany(
                "INSERT OR IGNORE INTO articles (article_id, title, text, published, date_source, "
                "n_words, url, encoding) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(a.article_id, a.title, a.text, a.published, a.date_source, a.n_words, a.url,
                  a.encoding) for a in articles],
            )
            n_new = self.db.total_changes - before
            self.db.executemany(
                "INSERT OR IGNORE INTO article_sources VALUES (?, ?, ?, ?, ?, ?)",
                [(a.article_id, a.source, a.position, a.source_id, a.line_start, a.line_end)
                 for a in articles],
            )
            self.db.execute(
                "INSERT OR REPLACE INTO dumps VALUES (?, ?, ?, ?, ?, ?, ?)",
                (dump_key, source, len(articles), n_new, n_skipped, encoding, run_id),
            )
        return n_new

    # ----------------------------------------------------------------- reading back

    def iter_articles(self) -> Iterator[dict[str, Any]]:
        """Every stored article with its first source, in (source, position) order."""
        cur = self.db.execute(
            """
            SELECT a.article_id, s.source, s.source_id, s.position, a.title, a.published,
                   a.date_source, a.n_words, a.url, a.encoding, s.line_start, s.line_end,
                   a.text,
                   (SELECT group_concat(source, ' | ') FROM
                      (SELECT DISTINCT x.source FROM article_sources x
                       WHERE x.article_id = a.article_id ORDER BY x.source)) AS sources
            FROM articles a
            JOIN article_sources s ON s.rowid = (
                SELECT y.rowid FROM article_sources y WHERE y.article_id = a.article_id
                ORDER BY y.source, y.position LIMIT 1)
            ORDER BY s.source, s.position, a.article_id
            """
        )
        names = [d[0] for d in cur.description]
        for row in cur:
            yield dict(zip(names, row, strict=True))

    # ----------------------------------------------------------------- entities

    def pending_ner(self, model: str) -> list[str]:
        """Ids of articles not yet run through NER with ``model``, in storage order."""
        return [r[0] for r in self.db.execute(
            "SELECT article_id FROM articles WHERE ner_model != ? ORDER BY rowid", (model,))]

    def not_done(self, ids: list[str], model: str) -> list[str]:
        """Those of ``ids`` not yet run through NER with ``model``, in the order given."""
        todo: set[str] = set()
        for chunk in chunks(ids, 500):  # SQLite caps the parameters of one statement
            marks = ",".join("?" * len(chunk))
            todo.update(r[0] for r in self.db.execute(
                f"SELECT article_id FROM articles WHERE ner_model != ? "
                f"AND article_id IN ({marks})", (model, *chunk)))
        return [i for i in dict.fromkeys(ids) if i in todo]

    def article_texts(self, ids: list[str]) -> list[tuple[str, str, str]]:
        """``(article_id, text, published)`` for ``ids``, in the order given."""
        marks = ",".join("?" * len(ids))
        rows = {r[0]: r for r in self.db.execute(
            f"SELECT article_id, text, published FROM articles WHERE article_id IN ({marks})",
            ids)}
        return [rows[i] for i in ids]

    def add_results(self, model: str, done: Sequence[ArticleResult]) -> None:
        """Store what stages 2-4 found in some articles, and mark them done, atomically."""
        with self.transaction():
            ids = [r.article_id for r in done]
            marks = ",".join("?" * len(ids))
            redone = [row[0] for row in self.db.execute(
                f"SELECT article_id FROM articles WHERE ner_model != '' "
                f"AND article_id IN ({marks})", ids)]
            for article_id in redone:  # processed before (another model): replace
                for table in ("mentions", "acronyms", "events", "participants"):
                    self.db.execute(f"DELETE FROM {table} WHERE article_id = ?",
                                    (article_id,))
            self.db.executemany(
                "INSERT OR REPLACE INTO mentions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [_row(m, _MENTION_FIELDS) for r in done for m in r.mentions])
            self.db.executemany(
                "INSERT OR IGNORE INTO acronyms VALUES (?, ?, ?)",
                [(r.article_id, acr, long) for r in done for acr, long in r.acronyms])
            self.db.executemany(
                "INSERT OR REPLACE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [(*_row(e, _EVENT_FIELDS[:-1]), " ".join(e.countries))
                 for r in done for e in r.events])
            self.db.executemany(
                "INSERT OR REPLACE INTO participants VALUES (?,?,?,?,?,?)",
                [_row(p, _PARTICIPANT_FIELDS) for r in done for p in r.participants])
            self.db.executemany("UPDATE articles SET ner_model = ? WHERE article_id = ?",
                                [(model, r.article_id) for r in done])

    def iter_events(self) -> Iterator[Event]:
        """Every event, in article output order, then by position."""
        cur = self.db.execute(
            f"""SELECT e.* FROM events e JOIN ({_ORDER}) o ON o.article_id = e.article_id
                ORDER BY o.k, e.article_id, e.start, e.type""")
        for row in cur:
            *head, countries = row
            yield Event(*head, countries=tuple(countries.split()) if countries else ())

    def participants(self) -> list[Participant]:
        """Every event participant."""
        return [Participant(*row) for row in self.db.execute(
            "SELECT * FROM participants ORDER BY event_id, start, end, label")]

    def iter_mentions(self) -> Iterator[Mention]:
        """Every mention, in article output order, then by position."""
        cur = self.db.execute(
            f"""SELECT m.* FROM mentions m JOIN ({_ORDER}) o ON o.article_id = m.article_id
                ORDER BY o.k, m.article_id, m.start, m.end, m.label""")
        for row in cur:
            yield Mention(*row)

    def org_name_counts(self) -> dict[str, int]:
        """How often each normalised ORG name occurs."""
        return dict(self.db.execute(
            "SELECT norm, COUNT(*) FROM mentions WHERE label = 'ORG' GROUP BY norm"))

    def acronym_table(self) -> dict[str, str]:
        """``acronym → long form`` defined in the corpus (the most frequent long form)."""
        best: dict[str, tuple[int, str]] = {}
        for acr, long, n in self.db.execute(
                "SELECT acronym, long, COUNT(*) FROM acronyms GROUP BY acronym, long"):
            if acr not in best or (n, long) > best[acr]:
                best[acr] = (n, long)
        return {acr: long for acr, (_, long) in best.items()}

    def label_votes(self, labels: tuple[str, ...]) -> list[tuple[str, str, int]]:
        """``(text, label, count)`` of name mentions, for corpus-wide label consistency."""
        marks = ",".join("?" * len(labels))
        return list(self.db.execute(
            f"SELECT norm, label, COUNT(*) FROM mentions WHERE label IN ({marks}) "
            f"GROUP BY norm, label", labels))

    def unresolved(self) -> list[tuple[str, str, int]]:
        """``(label, reason, count)`` of the mentions that did not resolve, most first."""
        return list(self.db.execute(
            "SELECT label, unresolved, COUNT(*) AS n FROM mentions WHERE unresolved != '' "
            "GROUP BY label, unresolved ORDER BY n DESC, label, unresolved"))

    def counts(self) -> dict[str, int]:
        """Totals for ``newsgraph status``."""
        one = self.db.execute
        return {
            "dumps": one("SELECT COUNT(*) FROM dumps").fetchone()[0],
            "articles": one("SELECT COUNT(*) FROM articles").fetchone()[0],
            "article_sources": one("SELECT COUNT(*) FROM article_sources").fetchone()[0],
            "mentions": one("SELECT COUNT(*) FROM mentions").fetchone()[0],
            "events": one("SELECT COUNT(*) FROM events").fetchone()[0],
            "runs": one("SELECT COUNT(*) FROM runs").fetchone()[0],
        }

    def dumps(self) -> list[tuple[str, int, int, int]]:
        """``(source, n_records, n_new, n_skipped)`` for every processed dump, by source."""
        return list(self.db.execute(
            "SELECT source, n_records, n_new, n_skipped FROM dumps ORDER BY source"
        ))

    def last_run(self) -> dict[str, Any] | None:
        """The most recent run, or None."""
        cur = self.db.execute("SELECT * FROM runs ORDER BY run_id DESC LIMIT 1")
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cur.description], row, strict=True))


def open_existing(out: Path) -> Store | None:
    """The store of ``out`` if one exists (without creating anything), else None."""
    return Store(out) if (out / DB_NAME).exists() else None


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Split an iterable into lists of at most ``size`` items."""
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
