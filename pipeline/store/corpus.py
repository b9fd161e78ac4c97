"""What the corpus stage keeps between runs, so that a new dump costs what it changes: per
article, the actors it names (``corpus_tally``), the links of its events to them
(``out_links``) and the actors it holds (``out_actor_articles``); the folder's decision about
every name the articles use (``corpus_keys``: a digest, so a change is seen); and the state of
each article when its rows were made (``corpus_articles``). An article is done again only
when it is new, was analysed again, or uses a name whose decision changed."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from .analyses import LINKED, chunks
from .base import Connection
from .schema import mention_key

#: the name a mention is decided by: its normalised name, else its text
MENTION_KEY = mention_key()
#: what an article's rows were made from: its analyses' states (and the version of the rows)
_STATE = "'2 ' || a.nlp_state || ' ' || a.events_state || ' ' || a.failed"
_TABLES = ("corpus_tally", "out_links", "out_actor_articles", "corpus_types")


class CorpusStore(Connection):
    """The corpus stage's state (see the module docstring)."""

    retract: Callable[[Sequence[str]], None]  # ActorStore's

    def name_keys(self) -> Iterator[str]:
        """Every name the folder's decisions are asked about: the mentions' names and the
        long forms the articles define for their acronyms."""
        for (key,) in self.db.execute(  # the mentions' keys, from their running counts
                "SELECT DISTINCT key FROM name_tally UNION SELECT long FROM acronyms"):
            yield key

    def corpus_keys(self) -> dict[str, str]:
        """``name → digest`` of the decisions the corpus rows were made with."""
        return dict(self.db.execute("SELECT key, digest FROM corpus_keys"))

    def articles_to_redo(self, digests: Mapping[str, str]) -> list[str]:
        """The articles whose corpus rows must be made (again), their old rows gone: new or
        analysed again since, or using a name whose decision is not ``digests``'s; and the
        rows of articles no longer stored are dropped. Also records ``digests``."""
        old = self.corpus_keys()
        changed = [k for k, d in digests.items() if old.get(k) != d] + \
            [k for k in old if k not in digests]
        with self.transaction():
            fresh = self.db.execute("SELECT COUNT(*) FROM corpus_articles").fetchone()[0] == 0
            redo = {r[0] for r in self.db.execute(
                f"""SELECT a.article_id FROM articles a LEFT JOIN corpus_articles c
                    ON c.article_id = a.article_id WHERE c.state IS NULL OR c.state != {_STATE}
                """)}
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS changed_keys (key TEXT PRIMARY KEY)")
            self.db.execute("DELETE FROM changed_keys")
            self.db.executemany("INSERT INTO changed_keys VALUES (?)", ((k,) for k in changed))
            renamed = {r[0] for r in self.db.execute(
                f"""SELECT DISTINCT article_id FROM mentions
                    WHERE {MENTION_KEY} IN (SELECT key FROM changed_keys)
                    UNION SELECT article_id FROM acronyms
                    WHERE long IN (SELECT key FROM changed_keys)""")} - redo
            gone = [r[0] for r in self.db.execute(
                "SELECT article_id FROM corpus_articles WHERE article_id NOT IN "
                "(SELECT article_id FROM articles)")]
            if fresh:  # rows from before this state was kept: none stands
                for table in _TABLES:
                    self.db.execute(f"DELETE FROM {table}")
                self.set_meta("actors_state", "")  # the actors' sums are made again
            for chunk in chunks(sorted(redo | renamed | set(gone)), 500):
                marks = ",".join("?" * len(chunk))
                self.retract(chunk)  # the actors' sums lose these articles' rows
                for table in (*_TABLES, "corpus_articles"):
                    self.db.execute(f"DELETE FROM {table} WHERE article_id IN ({marks})", chunk)
            # the tables' parts of these articles must be written again: every table's of
            # a new, changed or gone article, the name tables' of one that uses a name
            # decided otherwise now (its own rows in articles.csv stand)
            self.db.executemany("DELETE FROM part_homes WHERE article_id = ?",
                                ((a,) for a in sorted(redo | set(gone))))
            self.db.executemany("INSERT OR IGNORE INTO part_renamed VALUES (?)",
                                ((a,) for a in sorted(renamed)))
            self.db.executemany("INSERT OR REPLACE INTO corpus_keys VALUES (?, ?)",
                                ((k, digests[k]) for k in changed if k in digests))
            self.db.executemany("DELETE FROM corpus_keys WHERE key = ?",
                                ((k,) for k in changed if k not in digests))
        return sorted(redo | renamed)

    def add_tallies(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """``(article_id, actor_id, seq, kind, name, country, sector, mentions, aliases)``:
        the actors one article names, in the order it names them."""
        self.db.executemany("INSERT INTO corpus_tally VALUES (?,?,?,?,?,?,?,?,?)", rows)

    def mark_done(self, article_ids: Iterable[str]) -> None:
        """Record that these articles' corpus rows are made, from their current state, and
        count their events in the graph by type (``corpus_types``: the folder's counts are
        their sums)."""
        for chunk in chunks(sorted(set(article_ids)), 500):
            marks = ",".join("?" * len(chunk))
            self.db.execute(
                f"INSERT OR REPLACE INTO corpus_articles SELECT a.article_id, {_STATE} "
                f"FROM articles a WHERE a.article_id IN ({marks})", chunk)
            self.db.execute(
                f"""INSERT OR REPLACE INTO corpus_types SELECT e.article_id, e.type, COUNT(*)
                    FROM events e WHERE e.article_id IN ({marks}) AND {LINKED}
                    GROUP BY e.article_id, e.type""", chunk)

    def graph_type_counts(self) -> dict[str, int]:
        """How many events of each type the graph holds."""
        return dict(self.db.execute("SELECT type, SUM(n) FROM corpus_types GROUP BY type"))

    def part_state(self) -> tuple[dict[str, tuple[str, str]], set[str]]:
        """``article_id → (source, its sources)`` as the tables' parts were last written, and
        the articles whose rows in the tables of names must be written again."""
        return ({a: (h, s) for a, h, s in self.db.execute("SELECT * FROM part_homes")},
                {r[0] for r in self.db.execute("SELECT article_id FROM part_renamed")})

    def article_sources(self) -> dict[str, str]:
        """``article_id → its sources`` (the ``sources`` column: " | "-joined, sorted)."""
        out: dict[str, list[str]] = {}
        for a, source in self.db.execute(
                "SELECT DISTINCT article_id, source FROM article_sources "
                "ORDER BY article_id, source"):
            out.setdefault(a, []).append(source)
        return {a: " | ".join(s) for a, s in out.items()}

    def part_spans(self, table: str, homes: Iterable[str]) -> dict[str, tuple[int, int]]:
        """Where the rows of the articles of some sources sit in their parts of ``table``:
        ``article_id → (start, length)``."""
        out: dict[str, tuple[int, int]] = {}
        for chunk in chunks(sorted(set(homes)), 500):
            marks = ",".join("?" * len(chunk))
            for (spans,) in self.db.execute(
                    f"SELECT spans FROM part_spans WHERE tbl = ? AND home IN ({marks})",
                    (table, *chunk)):
                out.update((a, (s, n)) for a, s, n in json.loads(spans))
        return out

    def save_parts(self, state: Mapping[str, tuple[str, str]], homes: Mapping[str, str],
                   spans: Mapping[str, Mapping[str, tuple[int, int]]]) -> None:
        """Record the parts as written (inside a transaction): the ``state`` of the articles
        written again, and the ``spans`` of every article of the parts written again (their
        source: ``homes``, of every article); the articles and sources no longer stored are
        forgotten."""
        self.db.executemany("INSERT OR REPLACE INTO part_homes VALUES (?, ?, ?)",
                            ((a, h, s) for a, (h, s) in sorted(state.items())))
        self.db.execute("DELETE FROM part_homes WHERE article_id NOT IN "
                        "(SELECT article_id FROM articles)")
        self.db.execute("DELETE FROM part_renamed")
        rows: dict[tuple[str, str], list[tuple[str, int, int]]] = {}
        for table, by in spans.items():
            for a, (start, n) in by.items():
                rows.setdefault((table, homes[a]), []).append((a, start, n))
        self.db.executemany("INSERT OR REPLACE INTO part_spans VALUES (?, ?, ?)", (
            (table, home, json.dumps(r, separators=(",", ":")))
            for (table, home), r in sorted(rows.items())))
        present = set(homes.values())
        self.db.executemany("DELETE FROM part_spans WHERE home = ?", (
            (h,) for (h,) in self.db.execute("SELECT DISTINCT home FROM part_spans").fetchall()
            if h not in present))

