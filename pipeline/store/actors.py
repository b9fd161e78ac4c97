"""The folder's actors kept as running sums, so that a new dump costs what it changes: per
actor, its number of article rows, mentions, articles and events, its aliases with how many
articles write each, and the first article in output order that names it (which gives its
country and sector); per pair of actors, how many events they share (the projection).

The corpus stage takes away the rows of the articles it does again
(:meth:`ActorStore.retract`) and adds their new rows (:meth:`ActorStore.accrue`); an actor
whose first article went or moved in the output order is looked up again from its rows
(:meth:`ActorStore.settle`). The sums equal a count over every article's rows
(:meth:`ActorStore.rebuild_actors`, also used when the sums are not kept yet)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import combinations
from typing import Any

from .analyses import _ORDER, _order_of, chunks
from .base import Connection

#: the version of the sums (``actors_state`` in the meta table): another one rebuilds them
ACTORS_STATE = "2"
#: (order key, article, seq): the place of an actor's row in output order
_Place = tuple[str, str, int]


class ActorStore(Connection):
    """Running sums of the folder's actors (see the module docstring)."""

    def actors_kept(self) -> bool:
        """Whether the sums are kept (else :meth:`rebuild_actors` makes them)."""
        return self.meta("actors_state") == ACTORS_STATE

    def _order_of(self, articles: Sequence[str]) -> dict[str, str]:
        """The output order key of each of ``articles``."""
        out: dict[str, str] = {}
        for chunk in chunks(list(articles), 500):
            marks = ",".join("?" * len(chunk))
            out.update(self.db.execute(_order_of(marks), chunk))
        return out

    def retract(self, articles: Sequence[str]) -> None:
        """Take the rows of ``articles`` (about to be deleted) out of the sums; an actor whose
        first article is one of them is marked to be looked up again."""
        if not self.actors_kept():
            return
        for chunk in chunks(list(articles), 500):
            marks = ",".join("?" * len(chunk))
            rows: Counter[str] = Counter()
            mentions: Counter[str] = Counter()
            aliases: Counter[tuple[str, str]] = Counter()
            for aid, n, alias_text in self.db.execute(
                    f"SELECT actor_id, mentions, aliases FROM corpus_tally "
                    f"WHERE article_id IN ({marks})", chunk):
                rows[aid] += 1
                mentions[aid] += n
                aliases.update((aid, a) for a in alias_text.split("\x1f") if alias_text)
            arts = Counter(dict(self.db.execute(
                f"SELECT actor_id, COUNT(*) FROM out_actor_articles WHERE article_id IN "
                f"({marks}) GROUP BY actor_id", chunk)))
            events = Counter(dict(self.db.execute(
                f"SELECT actor_id, COUNT(DISTINCT event_id) FROM out_links WHERE article_id "
                f"IN ({marks}) GROUP BY actor_id", chunk)))
            self._add(rows, mentions, arts, events, aliases, sign=-1)
            self._add_pairs(_pairs(self.db.execute(
                f"SELECT actor_id, event_id FROM out_links WHERE article_id IN ({marks})",
                chunk)), sign=-1)
            self.db.execute(f"UPDATE corpus_actors SET dirty = 1 WHERE first_article IN "
                            f"({marks})", chunk)

    def accrue(self, tallies: Iterable[Sequence[Any]], links: Iterable[tuple[str, str, str]],
               seen: Iterable[tuple[str, str]]) -> None:
        """Add new rows to the sums: ``tallies`` as :meth:`add_tallies` takes them, ``links``
        ``(actor_id, event_id, article_id)``, ``seen`` ``(actor_id, article_id)`` pairs."""
        if not self.actors_kept():
            return
        tallies, links = list(tallies), list(links)
        self._add_pairs(_pairs((a, e) for a, e, _ in links), sign=1)
        order = self._order_of(sorted({t[0] for t in tallies}))
        rows: Counter[str] = Counter()
        mentions: Counter[str] = Counter()
        aliases: Counter[tuple[str, str]] = Counter()
        firsts: dict[str, tuple[_Place, Sequence[Any]]] = {}
        for t in tallies:
            article, aid, seq, mentioned, alias_text = t[0], t[1], t[2], t[7], t[8]
            rows[aid] += 1
            mentions[aid] += mentioned
            aliases.update((aid, a) for a in alias_text.split("\x1f") if alias_text)
            place = (order.get(article, ""), article, seq)
            if aid not in firsts or place < firsts[aid][0]:
                firsts[aid] = (place, t)
        arts = Counter(aid for aid, _ in set(seen))
        events = Counter(aid for aid, _ in {(a, e) for a, e, _ in links})  # distinct events
        for aid, (place, t) in firsts.items():
            self.db.execute("INSERT OR IGNORE INTO corpus_actors VALUES "
                            "(?, ?, ?, 0, 0, 0, 0, NULL, NULL, NULL, '', '', 0)",
                            (aid, t[3], t[4]))
            old = self.db.execute("SELECT first_k, first_article, first_seq FROM corpus_actors "
                                  "WHERE actor_id = ?", (aid,)).fetchone()
            if old[0] is None or tuple(old) > place:
                self.db.execute("UPDATE corpus_actors SET first_k = ?, first_article = ?, "
                                "first_seq = ?, country = ?, sector = ? WHERE actor_id = ?",
                                (*place, t[5], t[6], aid))
        self._add(rows, mentions, arts, events, aliases, sign=1)

    def _add(self, rows: Counter[str], mentions: Counter[str], arts: Counter[str],
             events: Counter[str], aliases: Counter[tuple[str, str]], *, sign: int) -> None:
        self.db.executemany(
            "UPDATE corpus_actors SET n_rows = n_rows + ?, mentions = mentions + ?, "
            "articles = articles + ?, events = events + ? WHERE actor_id = ?",
            ((sign * rows[a], sign * mentions[a], sign * arts[a], sign * events[a], a)
             for a in rows.keys() | arts.keys() | events.keys()))
        self.db.executemany(
            "INSERT INTO corpus_aliases VALUES (?, ?, ?) ON CONFLICT (actor_id, alias) "
            "DO UPDATE SET n = n + excluded.n", ((a, alias, sign * n)
                                                 for (a, alias), n in aliases.items()))

    def _add_pairs(self, pairs: Counter[tuple[str, str]], *, sign: int) -> None:
        self.db.executemany(
            "INSERT INTO corpus_pairs VALUES (?, ?, ?) ON CONFLICT (a, b) "
            "DO UPDATE SET n = n + excluded.n", ((a, b, sign * n) for (a, b), n in pairs.items()))

    def settle(self) -> None:
        """After the corpus stage: forget actors no article names any more; look up again the
        first article of the actors whose first went, or whose articles moved in the output
        order (a dump read earlier in the order holds them too)."""
        self.db.execute("DELETE FROM corpus_actors WHERE n_rows <= 0")
        self.db.execute("DELETE FROM corpus_aliases WHERE n <= 0")
        self.db.execute("DELETE FROM corpus_pairs WHERE n <= 0")
        current = dict(self.db.execute(f"SELECT article_id, k FROM ({_ORDER})"))
        old = dict(self.db.execute("SELECT article_id, k FROM corpus_order"))
        moved = [a for a, k in current.items() if old.get(a) != k]
        gone = [a for a in old if a not in current]
        for chunk in chunks(moved, 500):
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"UPDATE corpus_actors SET dirty = 1 WHERE actor_id IN (SELECT "
                            f"actor_id FROM corpus_tally WHERE article_id IN ({marks}))", chunk)
        self.db.executemany("INSERT OR REPLACE INTO corpus_order VALUES (?, ?)",
                            ((a, current[a]) for a in moved))
        self.db.executemany("DELETE FROM corpus_order WHERE article_id = ?",
                            ((a,) for a in gone))
        for (aid,) in self.db.execute(
                "SELECT actor_id FROM corpus_actors WHERE dirty = 1").fetchall():
            self.db.execute(
                """UPDATE corpus_actors SET (first_k, first_article, first_seq, country, sector,
                       dirty) = (SELECT o.k, t.article_id, t.seq, t.country, t.sector, 0
                       FROM corpus_tally t JOIN corpus_order o ON o.article_id = t.article_id
                       WHERE t.actor_id = ?1 ORDER BY o.k, t.article_id, t.seq LIMIT 1)
                   WHERE actor_id = ?1""", (aid,))

    def rebuild_actors(self) -> None:
        """Make the sums from every article's rows (a folder whose sums are not kept yet)."""
        for table in ("corpus_actors", "corpus_aliases", "corpus_order", "corpus_pairs"):
            self.db.execute(f"DELETE FROM {table}")
        self.db.execute(
            """INSERT INTO corpus_pairs SELECT a.actor_id, b.actor_id, COUNT(DISTINCT a.event_id)
               FROM out_links a JOIN out_links b
                 ON b.event_id = a.event_id AND a.actor_id < b.actor_id
               GROUP BY a.actor_id, b.actor_id""")
        self.db.execute(f"INSERT INTO corpus_order SELECT article_id, k FROM ({_ORDER})")
        self.set_meta("actors_state", ACTORS_STATE)
        tallies = self.db.execute(
            "SELECT article_id, actor_id, seq, kind, name, country, sector, mentions, aliases "
            "FROM corpus_tally")
        while batch := tallies.fetchmany(50_000):
            self.accrue(batch, (), ())
        self.db.execute(
            """UPDATE corpus_actors SET articles = c.n FROM (SELECT actor_id, COUNT(*) AS n
               FROM out_actor_articles GROUP BY actor_id) c
               WHERE c.actor_id = corpus_actors.actor_id""")
        self.db.execute(
            """UPDATE corpus_actors SET events = c.n FROM (SELECT actor_id,
               COUNT(DISTINCT event_id) AS n FROM out_links GROUP BY actor_id) c
               WHERE c.actor_id = corpus_actors.actor_id""")

    def kept_actors(self) -> Iterator[tuple[Any, ...]]:
        """``(actor_id, kind, name, country, sector, mentions, articles, events, aliases)`` of
        every actor in the order of their first rows, aliases a sorted list."""
        aliases: dict[str, list[str]] = {}
        for aid, alias in self.db.execute(
                "SELECT actor_id, alias FROM corpus_aliases WHERE n > 0 "
                "ORDER BY actor_id, alias"):
            aliases.setdefault(aid, []).append(alias)
        for row in self.db.execute(
                "SELECT actor_id, kind, name, country, sector, mentions, articles, events "
                "FROM corpus_actors ORDER BY first_k, first_article, first_seq"):
            yield (*row, aliases.get(row[0], []))


def _pairs(links: Iterable[tuple[str, str]]) -> Counter[tuple[str, str]]:
    """How many events each pair of actors shares, from ``(actor_id, event_id)`` links."""
    by_event: dict[str, set[str]] = {}
    for actor_id, event_id in links:
        by_event.setdefault(event_id, set()).add(actor_id)
    return Counter(pair for actors in by_event.values()
                   for pair in combinations(sorted(actors), 2))
