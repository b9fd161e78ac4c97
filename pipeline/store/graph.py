"""The queries ``newsgraph explore`` asks of the graph the last write of the outputs left in
the store (its actors, and the links of events to them): each reads only what its answer
needs, so a folder of any size answers at once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..types import Actor, Event
from .actors import ACTORS_STATE
from .analyses import _EVENT_FIELDS, LINKED, _event, chunks
from .base import Connection


class GraphStore(Connection):
    """The actor–event graph of the folder's last output, as queries."""

    def has_graph(self) -> bool:
        """Whether outputs were ever written here (the graph's tables exist)."""
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'out_actors'"
                               ).fetchone() is not None

    def graph_actors(self) -> list[Actor]:
        """Every actor of the graph."""
        return [Actor(r[0], r[1], r[2], r[3], tuple(a for a in r[4].split("; ") if a), *r[5:])
                for r in self.db.execute("SELECT * FROM out_actors ORDER BY actor_id")]

    def co_actor_counts(self, actor_id: str) -> dict[str, int]:
        """The other actors of an actor's events, and how many events each shares."""
        return dict(self.db.execute(
            """SELECT b.actor_id, COUNT(DISTINCT a.event_id) FROM out_links a
               JOIN out_links b ON b.event_id = a.event_id
               WHERE a.actor_id = ? AND b.actor_id != a.actor_id GROUP BY b.actor_id""",
            (actor_id,)))

    def degrees(self, without_kind: str = "") -> dict[str, int]:
        """Every actor's number of distinct co-actors (not counting those of
        ``without_kind``)."""
        return dict(self.db.execute(
            """SELECT a.actor_id, COUNT(DISTINCT b.actor_id) FROM out_links a
               JOIN out_links b ON b.event_id = a.event_id AND b.actor_id != a.actor_id
               JOIN out_actors x ON x.actor_id = b.actor_id AND x.kind != ?
               GROUP BY a.actor_id""", (without_kind,)))

    def shared_events(self, actor_ids: Iterable[str]) -> list[tuple[str, str, int]]:
        """``(a, b, events they share)`` for pairs of the given actors."""
        wanted = sorted(set(actor_ids))
        if not wanted:
            return []
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS picked (actor_id TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM picked")
        self.db.executemany("INSERT INTO picked VALUES (?)", [(a,) for a in wanted])
        if self.meta("actors_state") == ACTORS_STATE:  # the corpus stage's running sums
            return list(self.db.execute(
                "SELECT a, b, n FROM corpus_pairs WHERE a IN (SELECT actor_id FROM picked) "
                "AND b IN (SELECT actor_id FROM picked) ORDER BY a, b"))
        return list(self.db.execute(
            """SELECT a.actor_id, b.actor_id, COUNT(DISTINCT a.event_id)
               FROM out_links a JOIN out_links b
                 ON b.event_id = a.event_id AND a.actor_id < b.actor_id
               WHERE a.actor_id IN (SELECT actor_id FROM picked)
                 AND b.actor_id IN (SELECT actor_id FROM picked)
               GROUP BY a.actor_id, b.actor_id"""))

    def events_of_actors(self, actor_ids: Iterable[str]) -> list[tuple[str, str]]:
        """``(actor_id, event_id)`` of the given actors' events, sorted."""
        out: list[tuple[str, str]] = []
        for chunk in chunks(sorted(set(actor_ids)), 500):
            marks = ",".join("?" * len(chunk))
            out += self.db.execute(
                f"SELECT DISTINCT actor_id, event_id FROM out_links WHERE actor_id IN ({marks})"
                " ORDER BY actor_id, event_id", chunk).fetchall()
        return out

    def actors_of_events(self, event_ids: Iterable[str]) -> dict[str, list[tuple[str, int]]]:
        """``event_id → [(actor_id, rank of its strongest role)]``."""
        out: dict[str, list[tuple[str, int]]] = {}
        for chunk in chunks(sorted(set(event_ids)), 500):
            marks = ",".join("?" * len(chunk))
            for event_id, actor_id, rank in self.db.execute(
                    f"SELECT event_id, actor_id, MIN(rank) FROM out_links WHERE event_id IN "
                    f"({marks}) GROUP BY event_id, actor_id ORDER BY event_id, actor_id",
                    chunk):
                out.setdefault(event_id, []).append((actor_id, rank))
        return out

    def event_views(self, event_ids: Iterable[str]) -> list[tuple[Event, str, str, str]]:
        """``(event, article title, URL, first source)`` of some events."""
        out = []
        n = len(_EVENT_FIELDS)
        for chunk in chunks(sorted(set(event_ids)), 500):
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(
                    f"""SELECT e.*, a.title, a.url,
                               (SELECT MIN(s.source) FROM article_sources s
                                WHERE s.article_id = e.article_id)
                        FROM events e JOIN articles a ON a.article_id = e.article_id
                        WHERE e.event_id IN ({marks})""", chunk):
                out.append((_event(row[:n]), row[n] or "", row[n + 1] or "", row[n + 2] or ""))
        return out

    def _type_column(self, name: str) -> str:
        """The column a type's name is found in: ``type`` (indexed) if any event has that
        type, else ``subtype`` if any has that subtype, else ``plover``."""
        for column in ("type", "subtype"):
            if self.db.execute(f"SELECT 1 FROM events WHERE {column} = ? COLLATE NOCASE "
                               "LIMIT 1", (name,)).fetchone():
                return column
        return "plover"

    def graph_event_ids(self, type_: str | None = None, since: str | None = None,
                        until: str | None = None, country: str | None = None) -> list[str]:
        """The graph's events of a type (type, subtype or PLOVER code, any case), dated in a
        range, and of a country (written in the event, or an actor's); by date, then id."""
        where, args = [LINKED], list[Any]()
        if type_:
            where.append(f"e.{self._type_column(type_)} = ? COLLATE NOCASE")
            args.append(type_)
        if since:
            where.append("e.date_start != '' AND e.date_start >= ?")
            args.append(since)
        if until:
            where.append("e.date_start != '' AND e.date_start <= ?")
            args.append(until)
        if country:
            where.append("""((' ' || e.countries || ' ') LIKE ? OR e.event_id IN (
                               SELECT l.event_id FROM out_links l JOIN out_actors x
                               ON x.actor_id = l.actor_id WHERE x.country = ?))""")
            args += [f"% {country.upper()} %", country.upper()]
        return [r[0] for r in self.db.execute(
            f"SELECT e.event_id FROM events e WHERE {' AND '.join(where)} "
            "ORDER BY e.date_start, e.event_id", args)]
