"""What the store knows of inputs: runs, dumps (by content hash) and articles."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from itertools import islice
from typing import Any

from ..types import Article
from .base import Connection

#: the tables :meth:`DumpStore.count` counts
_COUNTED = frozenset({"dumps", "articles", "article_sources", "mentions", "events", "runs"})


class DumpStore(Connection):
    """Runs, processed dumps and stored articles."""

    want_articles: Callable[[Collection[str] | None], None]  # AnalysisStore's

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
                "n_words, url, encoding, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(a.article_id, a.title, a.text, a.published, a.date_source, a.n_words, a.url,
                  a.encoding, a.language) for a in articles],
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
            self.touch()
        return n_new

    def iter_articles(self, articles: Collection[str] | None = None
                      ) -> Iterator[dict[str, Any]]:
        """Every stored article (of ``articles`` if given) with its first source, in
        (source, position) order."""
        self.want_articles(articles)
        wanted = "" if articles is None else \
            "WHERE a.article_id IN (SELECT article_id FROM wanted_articles)"
        cur = self.db.execute(
            f"""
            SELECT a.article_id, s.source, s.source_id, s.position, a.title, a.published,
                   a.date_source, a.n_words, a.url, a.encoding, s.line_start, s.line_end,
                   a.text, a.language,
                   (SELECT group_concat(source, ' | ') FROM
                      (SELECT DISTINCT x.source FROM article_sources x
                       WHERE x.article_id = a.article_id ORDER BY x.source)) AS sources
            FROM articles a
            JOIN article_sources s ON s.rowid = (
                SELECT y.rowid FROM article_sources y WHERE y.article_id = a.article_id
                ORDER BY y.source, y.position LIMIT 1)
            {wanted}
            ORDER BY s.source, s.position, a.article_id
            """
        )
        names = [d[0] for d in cur.description]
        for row in cur:
            yield dict(zip(names, row, strict=True))

    def count(self, table: str) -> int:
        """The rows of one of the store's tables (``articles``, ``mentions``, ...)."""
        if table not in _COUNTED:
            raise ValueError(f"no table {table!r} to count")
        return int(self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def counts(self) -> dict[str, int]:
        """Totals for ``newsgraph status``."""
        one = self.db.execute
        return {
            "dumps": one("SELECT COUNT(*) FROM dumps").fetchone()[0],
            "articles": one("SELECT COUNT(*) FROM articles").fetchone()[0],
            "undated_articles": one(
                "SELECT COUNT(*) FROM articles WHERE published = ''").fetchone()[0],
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

    def forget(self, label: str) -> tuple[list[str], int]:
        """Forget the dumps read from ``label`` (a file, an archive's members, or every file
        under a folder, as :func:`~pipeline.ingest.source_label` names them) and the
        articles no other dump holds, with everything found in them, in one transaction.
        Returns the dumps forgotten and how many articles went."""
        match = "(source = ? OR substr(source, 1, ?) IN (?, ?))"
        label = label.rstrip("/")
        args = (label, len(label) + 1, f"{label}!", f"{label}/")
        with self.transaction():
            forgotten = [r[0] for r in self.db.execute(
                f"SELECT DISTINCT source FROM dumps WHERE {match} ORDER BY source", args)]
            if not forgotten:
                return [], 0
            self.db.execute(f"DELETE FROM dumps WHERE {match}", args)
            self.db.execute(f"DELETE FROM article_sources WHERE {match}", args)
            orphans = "article_id NOT IN (SELECT article_id FROM article_sources)"
            n_articles = self.db.execute(f"DELETE FROM articles WHERE {orphans}").rowcount
            for table in ("mentions", "events", "participants", "acronyms"):
                self.db.execute(f"DELETE FROM {table} WHERE {orphans}")
            self.touch()
        return forgotten, n_articles

    def _newest_first(self) -> Iterator[str]:
        """Every article once, the newest dumps' first (by run, then name, then position)."""
        seen: set[str] = set()
        for (article_id,) in self.db.execute(
                "SELECT s.article_id FROM dumps d JOIN article_sources s ON s.source = d.source "
                "ORDER BY d.run_id DESC, d.source, s.position"):
            if article_id not in seen:
                seen.add(article_id)
                yield article_id

    def newest_articles(self, max_events: int) -> set[str]:
        """The articles of the newest dumps (by run, then name), as many as hold at most
        ``max_events`` events (the first article always)."""
        out: set[str] = set()
        n = 0
        for article_id in self._newest_first():  # counted one by one: only the newest are
            events = self.db.execute("SELECT COUNT(*) FROM events WHERE article_id = ?",
                                     (article_id,)).fetchone()[0]
            if out and n + events > max_events:
                break
            out.add(article_id)
            n += events
        return out

    def recent_articles(self, n: int) -> list[str]:
        """The ``n`` articles of the newest dumps (by run, then name), or every article when
        the folder holds no more."""
        return list(islice(self._newest_first(), n))

    def last_run(self) -> dict[str, Any] | None:
        """The most recent run, or None."""
        runs = self.recent_runs(1)
        return runs[0] if runs else None

    def recent_runs(self, n: int) -> list[dict[str, Any]]:
        """The ``n`` most recent runs, newest first."""
        cur = self.db.execute("SELECT * FROM runs ORDER BY run_id DESC LIMIT ?", (n,))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur]
