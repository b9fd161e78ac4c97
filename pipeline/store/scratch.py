"""The scratch tables the outputs are built from, and ``newsgraph explore`` reads: which
actor each event links to, which articles each actor appears in, and the actors. Rebuilt on
every write of the outputs and read back as streams, so the memory of the output phase does
not grow with the folder."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator

from ..types import Actor, Link, Role
from .analyses import _ORDER
from .base import Connection

_SCRATCH = """
DROP TABLE IF EXISTS out_actors;
CREATE TABLE out_actors (
    actor_id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT NOT NULL,
    aliases TEXT NOT NULL, n_mentions INTEGER NOT NULL, n_articles INTEGER NOT NULL,
    n_events INTEGER NOT NULL, sector TEXT NOT NULL
) WITHOUT ROWID;
"""

_BY_RANK = tuple(Role)


class ScratchStore(Connection):
    """Links and actor–article pairs for the output writers."""

    want_articles: Callable[[Collection[str] | None], None]  # AnalysisStore's

    def reset_scratch(self) -> None:
        """Empty the table of actors (rebuilt on every write of the outputs; the links and
        the actors' articles follow the articles that changed: :mod:`.corpus`)."""
        self.db.executescript(_SCRATCH)

    def add_links(self, links: Iterable[Link]) -> None:
        """Links of events to actors (an actor may be linked to an event more than once)."""
        self.db.executemany("INSERT INTO out_links VALUES (?,?,?,?,?,?,?,?,?)", (
            (k.event_id, k.actor_id, str(k.role), k.role.rank, k.mention, k.start, k.end,
             k.resolved_from, k.article_id) for k in links))

    def add_actors(self, actors: Iterable[Actor]) -> None:
        """The folder's actors, for ``newsgraph explore`` (aliases "; "-joined)."""
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO out_actors VALUES (?,?,?,?,?,?,?,?,?)", (
                (a.actor_id, a.name, a.kind, a.country, "; ".join(a.aliases), a.n_mentions,
                 a.n_articles, a.n_events, a.sector) for a in actors))

    def add_actor_articles(self, rows: Iterable[tuple[str, str]]) -> None:
        """``(actor_id, article_id)`` pairs (repeats are ignored)."""
        self.db.executemany("INSERT OR IGNORE INTO out_actor_articles VALUES (?, ?)", rows)

    def links(self, articles: Collection[str] | None = None) -> Iterator[Link]:
        """The best link of every (event, actor): its strongest role, then its first
        mention; in article output order, then by event and actor; only of ``articles`` if
        given."""
        self.want_articles(articles)
        mine = "" if articles is None else \
            "WHERE article_id IN (SELECT article_id FROM wanted_articles)"
        for row in self.db.execute(
            f"""SELECT l.event_id, l.actor_id, l.role, l.mention, l.start, l.end,
                       l.resolved_from, l.article_id
               FROM (
                   SELECT *, ROW_NUMBER() OVER (PARTITION BY event_id, actor_id
                                                ORDER BY rank, start, mention) AS rn
                   FROM out_links {mine}) l JOIN ({_ORDER}) o ON o.article_id = l.article_id
               WHERE l.rn = 1
               ORDER BY o.k, l.article_id, l.event_id, l.actor_id, l.role"""):
            yield Link(row[0], row[1], Role(row[2]), *row[3:])

    def linked_event_count(self) -> int:
        """How many events link to an actor."""
        return int(self.db.execute("SELECT COALESCE(SUM(n), 0) FROM corpus_types").fetchone()[0])

    def actor_articles(self, actor_id: str) -> list[str]:
        """The articles an actor appears in, sorted."""
        return [r[0] for r in self.db.execute(
            "SELECT article_id FROM out_actor_articles WHERE actor_id = ? ORDER BY article_id",
            (actor_id,))]

    def articles_by_actor(self, actor_ids: Iterable[str], among: Collection[str] | None = None
                          ) -> dict[str, list[str]]:
        """``actor_id → its articles, sorted`` for many actors at once; only those
        ``among`` some articles if given."""
        out: dict[str, list[str]] = {a: [] for a in actor_ids}
        if among is None:
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS asked (actor_id TEXT PRIMARY KEY)")
            self.db.execute("DELETE FROM asked")
            self.db.executemany("INSERT INTO asked VALUES (?)", ((a,) for a in out))
            rows = self.db.execute(
                "SELECT actor_id, article_id FROM out_actor_articles WHERE actor_id IN "
                "(SELECT actor_id FROM asked) ORDER BY actor_id, article_id")
        else:  # by the index of articles (the actors are many: they are kept here)
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS among (article_id TEXT PRIMARY KEY)")
            self.db.execute("DELETE FROM among")
            self.db.executemany("INSERT INTO among VALUES (?)", ((a,) for a in among))
            rows = self.db.execute(
                "SELECT actor_id, article_id FROM out_actor_articles INDEXED BY "
                "out_actor_articles_article WHERE article_id IN (SELECT article_id FROM among) "
                "ORDER BY actor_id, article_id")
        for actor_id, article_id in rows:
            if actor_id in out:
                out[actor_id].append(article_id)
        return out

    def events_of(self, actor_id: str, limit: int | None = None) -> list[tuple[str, Role]]:
        """``(event_id, role)`` of an actor's events (its strongest role in each), sorted;
        the first ``limit`` only if given."""
        return [(e, _BY_RANK[rank]) for e, rank in self.db.execute(
            "SELECT event_id, MIN(rank) FROM out_links WHERE actor_id = ? "
            "GROUP BY event_id ORDER BY event_id LIMIT ?",
            (actor_id, -1 if limit is None else limit))]

    def newest_events_of(self, actor_id: str, limit: int) -> tuple[list[tuple[str, Role]], int]:
        """``(event_id, role)`` of an actor's ``limit`` newest events (by date, then id),
        and how many events it has."""
        newest = [(e, _BY_RANK[rank]) for e, rank in self.db.execute(
            "SELECT l.event_id, MIN(l.rank) FROM out_links l JOIN events e "
            "ON e.event_id = l.event_id WHERE l.actor_id = ? GROUP BY l.event_id "
            "ORDER BY e.date_start DESC, l.event_id DESC LIMIT ?", (actor_id, limit))]
        total = self.db.execute("SELECT COUNT(DISTINCT event_id) FROM out_links "
                                "WHERE actor_id = ?", (actor_id,)).fetchone()[0]
        return newest, int(total)

    def roles_among(self, actor_ids: Iterable[str], event_ids: Iterable[str]
                    ) -> list[tuple[str, str, Role]]:
        """``(actor_id, event_id, role)`` of each of ``actor_ids`` in each of ``event_ids`` it
        takes part in (its strongest role), sorted."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS asked (actor_id TEXT PRIMARY KEY)")
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS asked_events "
                        "(event_id TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM asked")
        self.db.execute("DELETE FROM asked_events")
        self.db.executemany("INSERT OR IGNORE INTO asked VALUES (?)", ((a,) for a in actor_ids))
        self.db.executemany("INSERT OR IGNORE INTO asked_events VALUES (?)",
                            ((e,) for e in event_ids))
        # by the events: a few of millions, where the busiest actors have most (and by
        # their index: without statistics SQLite would build one of its own every time)
        return [(a, e, _BY_RANK[rank]) for a, e, rank in self.db.execute(
            "SELECT l.actor_id, l.event_id, MIN(l.rank) FROM asked_events w "
            "CROSS JOIN out_links l INDEXED BY out_links_event ON l.event_id = w.event_id "
            "WHERE l.actor_id IN (SELECT actor_id FROM asked) "
            "GROUP BY l.actor_id, l.event_id ORDER BY l.actor_id, l.event_id")]
