"""What the store knows of analyses: the results of stages 2-4 per article, and the
corpus-wide queries the outputs are built from."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import fields
from typing import Any

from ..types import ArticleResult, Event, Mention, NameCounts, Participant, Role
from .base import Connection

_MENTION_FIELDS = tuple(f.name for f in fields(Mention))
_EVENT_FIELDS = tuple(f.name for f in fields(Event))
_PARTICIPANT_FIELDS = tuple(f.name for f in fields(Participant))


def _event(row: Sequence[Any]) -> Event:
    values = dict(zip(_EVENT_FIELDS, row, strict=True))
    values["countries"] = tuple(values["countries"].split())
    values["negated"] = bool(values["negated"])
    return Event(**values)


def _event_row(e: Event) -> tuple[object, ...]:
    return tuple(" ".join(e.countries) if n == "countries" else int(e.negated)
                 if n == "negated" else getattr(e, n) for n in _EVENT_FIELDS)


def _row(obj: object, names: tuple[str, ...]) -> tuple[object, ...]:
    """A dataclass as a flat tuple (``dataclasses.astuple`` deep-copies: far slower)."""
    return tuple(getattr(obj, n) for n in names)


# the output order of articles: by their first source, then position
_ORDER = """SELECT a.article_id, MIN(s.source || char(31) || printf('%09d', s.position)) AS k
            FROM articles a JOIN article_sources s ON s.article_id = a.article_id
            GROUP BY a.article_id"""


def _order_of(articles: str) -> str:
    """:data:`_ORDER` of the articles the SQL ``articles`` selects (or lists as ``?``
    marks) only: a few of many."""
    return f"""SELECT s.article_id, MIN(s.source || char(31) || printf('%09d', s.position)) AS k
               FROM article_sources s WHERE s.article_id IN ({articles})
               GROUP BY s.article_id"""


#: the events the outputs hold: linked to an actor, or with no participant at all (asked of
#: each event by index: a folder of millions of events answers for the few it is asked of)
LINKED = """(EXISTS (SELECT 1 FROM out_links l WHERE l.event_id = e.event_id)
             OR NOT EXISTS (SELECT 1 FROM participants p WHERE p.event_id = e.event_id))"""
#: an article's home: the source it was first read from (its part of the tables)
_HOME = "substr(o.k, 1, instr(o.k, char(31)) - 1)"


def _articles_clause(column: str, articles: Collection[str] | None) -> str:
    """The condition that keeps the rows whose ``column`` is one of ``articles`` (all when
    None)."""
    return "" if articles is None else \
        f"AND {column} IN (SELECT article_id FROM wanted_articles)"


class AnalysisStore(Connection):
    """Results of stages 2-4 and the queries over them."""

    graph_type_counts: Callable[[], dict[str, int]]  # CorpusStore's

    @property
    def _analysable(self) -> str:
        """The SQL condition on ``articles`` of the articles stages 2-4 are for."""
        return "" if self.any_language else " AND language IN ('en', '')"

    def not_analysed_languages(self) -> dict[str, int]:
        """How many articles of each language other than English were left out."""
        return dict(self.db.execute(
            "SELECT language, COUNT(*) FROM articles WHERE language NOT IN ('en', '') "
            "AND nlp_state = '' GROUP BY language ORDER BY COUNT(*) DESC, language"))

    def pending_nlp(self, nlp: str) -> list[str]:
        """Ids of articles whose NER and normalisation are not from fingerprint ``nlp``
        (new, or analysed under other rules or another model), in storage order."""
        return [r[0] for r in self.db.execute(
            f"SELECT article_id FROM articles WHERE nlp_state != ?{self._analysable} "
            "ORDER BY rowid", (nlp,))]

    def pending_events(self, nlp: str, events: str) -> list[str]:
        """Ids of articles whose mentions are current but whose events are not from
        fingerprint ``events`` (the event rules changed), in storage order."""
        return [r[0] for r in self.db.execute(
            f"SELECT article_id FROM articles WHERE nlp_state = ? AND events_state != ?"
            f"{self._analysable} ORDER BY rowid", (nlp, events))]

    def not_done(self, ids: list[str], nlp: str) -> list[str]:
        """Those of ``ids`` whose NER is not from fingerprint ``nlp``, in the order given."""
        todo: set[str] = set()
        for chunk in chunks(ids, 500):  # SQLite caps the parameters of one statement
            marks = ",".join("?" * len(chunk))
            todo.update(r[0] for r in self.db.execute(
                f"SELECT article_id FROM articles WHERE nlp_state != ?{self._analysable} "
                f"AND article_id IN ({marks})", (nlp, *chunk)))
        return [i for i in dict.fromkeys(ids) if i in todo]

    def article_texts(self, ids: list[str]) -> list[tuple[str, str, str]]:
        """``(article_id, text, published)`` for ``ids``, in the order given."""
        marks = ",".join("?" * len(ids))
        rows = {r[0]: r for r in self.db.execute(
            f"SELECT article_id, text, published FROM articles WHERE article_id IN ({marks})",
            ids)}
        return [rows[i] for i in ids]

    def article_mentions(self, ids: list[str]) -> dict[str, list[Mention]]:
        """The stored mentions of ``ids``, by article, in position order."""
        marks = ",".join("?" * len(ids))
        out: dict[str, list[Mention]] = {i: [] for i in ids}
        for row in self.db.execute(
                f"SELECT * FROM mentions WHERE article_id IN ({marks}) "
                f"ORDER BY article_id, start, end, label", ids):
            out[row[0]].append(Mention(*row))
        return out

    def add_results(self, nlp: str, events: str, done: Sequence[ArticleResult]) -> None:
        """Store what stages 2-4 found in some articles and mark them current for the
        fingerprints ``nlp`` and ``events``, atomically (an events-only result replaces the
        article's events and keeps its mentions)."""
        with self.transaction():
            ids = [r.article_id for r in done]
            marks = ",".join("?" * len(ids))
            seen = {row[0] for row in self.db.execute(
                f"SELECT article_id FROM articles WHERE (nlp_state != '' OR events_state != '') "
                f"AND article_id IN ({marks})", ids)}
            for r in done:
                if r.article_id not in seen:
                    continue  # analysed for the first time: nothing to replace
                tables = ("events", "participants") if r.events_only and not r.failed else \
                    ("mentions", "acronyms", "events", "participants")
                for table in tables:
                    self.db.execute(f"DELETE FROM {table} WHERE article_id = ?",
                                    (r.article_id,))
            self._insert(done)
            self.db.executemany(
                "UPDATE articles SET nlp_state = ?, events_state = ?, failed = ? "
                "WHERE article_id = ?", [(nlp, events, r.failed, r.article_id) for r in done])
            self.touch()

    def _insert(self, done: Sequence[ArticleResult]) -> None:
        self.db.executemany(
            f"INSERT OR REPLACE INTO mentions VALUES ({','.join('?' * len(_MENTION_FIELDS))})",
            [_row(m, _MENTION_FIELDS) for r in done for m in r.mentions])
        self.db.executemany(
            "INSERT OR IGNORE INTO acronyms VALUES (?, ?, ?)",
            [(r.article_id, acr, long) for r in done for acr, long in r.acronyms])
        self.db.executemany(
            f"INSERT OR REPLACE INTO events VALUES ({','.join('?' * len(_EVENT_FIELDS))})",
            [_event_row(e) for r in done for e in r.events])
        self.db.executemany(
            f"INSERT OR REPLACE INTO participants VALUES "
            f"({','.join('?' * len(_PARTICIPANT_FIELDS))})",
            [_row(p, _PARTICIPANT_FIELDS) for r in done for p in r.participants])

    def failed_articles(self) -> list[tuple[str, str, str]]:
        """``(article_id, first source, reason)`` of the articles that could not be analysed."""
        return list(self.db.execute(
            "SELECT a.article_id, MIN(s.source), a.failed FROM articles a JOIN article_sources s "
            "ON s.article_id = a.article_id WHERE a.failed != '' GROUP BY a.article_id "
            "ORDER BY MIN(s.source), a.article_id"))

    def retry_failed(self) -> int:
        """Mark the articles that failed as not analysed (``run --retry-failed``)."""
        with self.transaction():
            n = self.db.execute(
                "UPDATE articles SET nlp_state = '', events_state = '' WHERE failed != ''")
        return n.rowcount

    def forget_analyses(self) -> int:
        """Mark every article as not analysed (``run --rebuild``); returns how many."""
        with self.transaction():
            n = self.db.execute("UPDATE articles SET nlp_state = '', events_state = ''")
            self.touch()
        return n.rowcount

    def staleness(self, nlp: str, events: str) -> dict[str, int]:
        """How many stored articles need NER again, and how many only their events."""
        one = self.db.execute
        return {
            "articles_needing_nlp": one(
                f"SELECT COUNT(*) FROM articles WHERE nlp_state != ?{self._analysable}",
                (nlp,)).fetchone()[0],
            "articles_needing_events": one(
                f"SELECT COUNT(*) FROM articles WHERE nlp_state = ? AND events_state != ?"
                f"{self._analysable}",
                (nlp, events)).fetchone()[0],
        }

    def participants(self) -> list[Participant]:
        """Every event participant."""
        return [_participant(row) for row in self.db.execute(
            "SELECT * FROM participants ORDER BY event_id, start, end, label, agent")]

    def participants_of(self, article_id: str) -> list[Participant]:
        """The participants of one article's events."""
        return [_participant(row) for row in self.db.execute(
            "SELECT * FROM participants WHERE article_id = ? "
            "ORDER BY event_id, start, end, label, agent", (article_id,))]

    def agent_participants(self) -> Iterator[Participant]:
        """The participants that are generic actors (agents), in event order."""
        for row in self.db.execute(
                "SELECT * FROM participants WHERE agent != '' ORDER BY event_id, start, end"):
            yield _participant(row)

    def iter_linked_events(self, event_ids: Iterable[str] | None = None) -> Iterator[Event]:
        """The events that have an actor (in ``out_links``) or none at all (an attack, a death
        whose actors the text does not name), in article output order; only
        those of ``event_ids`` if given."""
        if event_ids is not None:
            wanted = sorted(set(event_ids))
            for chunk in chunks(wanted, 500):
                marks = ",".join("?" * len(chunk))
                for row in self.db.execute(
                        f"SELECT * FROM events WHERE event_id IN ({marks}) ORDER BY event_id",
                        chunk):
                    yield _event(row)
            return
        for event, *_ in self.iter_event_parties():
            yield event

    def want_articles(self, articles: Collection[str] | None) -> None:
        """Keep the next streams to ``articles`` (None: all)."""
        if articles is None:
            return
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted_articles "
                        "(article_id TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM wanted_articles")
        self.db.executemany("INSERT INTO wanted_articles VALUES (?)",
                            ((a,) for a in set(articles)))

    def article_homes(self) -> dict[str, str]:
        """``article_id → home`` (the source each article was first read from), in output
        order."""
        return dict(self.db.execute(
            f"SELECT o.article_id, {_HOME} FROM ({_ORDER}) o ORDER BY o.k, o.article_id"))

    def newest_events(self, n: int) -> tuple[list[str], dict[str, int]]:
        """The ``n`` newest events of the graph (by date, then output order) and how many
        events of each type it holds. The date of the ``n``-th newest is found first (on the
        index of dates), so only the events from that day on are sorted."""
        row = self.db.execute(f"SELECT e.date_start FROM events e WHERE {LINKED} "
                              "ORDER BY e.date_start DESC LIMIT 1 OFFSET ?",
                              (max(n - 1, 0),)).fetchone()
        since = row[0] if row else ""
        order = _order_of("SELECT article_id FROM events WHERE date_start >= ?")
        ids = [r[0] for r in self.db.execute(
            f"""SELECT e.event_id FROM events e JOIN ({order}) o ON o.article_id = e.article_id
                WHERE {LINKED} AND e.date_start >= ?
                ORDER BY e.date_start DESC, o.k, e.article_id, e.start, e.type
                LIMIT ?""", (since, since, n))]
        return ids, self.graph_type_counts()

    def iter_event_parties(self, articles: Collection[str] | None = None,
                           event_ids: Collection[str] | None = None
                           ) -> Iterator[tuple[Event, list[tuple[str, int]], str, str, str]]:
        """:meth:`iter_linked_events` with who took part, as ``(actor_id, rank of its
        strongest role)`` sorted, and the article's title, URL and first source; only of
        ``articles``, or only ``event_ids``, if given."""
        self.want_articles(articles)
        wanted = ""
        if event_ids is not None:
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted_events "
                            "(event_id TEXT PRIMARY KEY)")
            self.db.execute("DELETE FROM wanted_events")
            self.db.executemany("INSERT INTO wanted_events VALUES (?)",
                                ((e,) for e in set(event_ids)))
            wanted = "AND e.event_id IN (SELECT event_id FROM wanted_events)"
        order = _ORDER if event_ids is None else _order_of(  # the order of their articles only
            "SELECT article_id FROM events WHERE event_id IN (SELECT event_id FROM wanted_events)")
        n = len(_EVENT_FIELDS)
        cur = self.db.execute(
            f"""SELECT e.*, (SELECT group_concat(actor_id || ' ' || r, ',') FROM (
                               SELECT actor_id, MIN(rank) AS r FROM out_links l
                               WHERE l.event_id = e.event_id GROUP BY actor_id)),
                       a.title, a.url, substr(o.k, 1, instr(o.k, char(31)) - 1)
                FROM events e JOIN ({order}) o ON o.article_id = e.article_id
                JOIN articles a ON a.article_id = e.article_id
                WHERE {LINKED} {_articles_clause("e.article_id", articles)} {wanted}
                ORDER BY o.k, e.article_id, e.start, e.type""")
        for row in cur:
            parties = sorted((aid, int(rank)) for aid, rank in (
                p.split(" ") for p in (row[n] or "").split(",") if p))
            yield _event(row[:n]), parties, row[n + 1] or "", row[n + 2] or "", row[n + 3] or ""

    def published_dates(self, articles: Collection[str] | None = None) -> dict[str, str]:
        """``article_id → published`` of every article (of ``articles`` if given) that has
        one."""
        if articles is None:
            return dict(self.db.execute(
                "SELECT article_id, published FROM articles WHERE published != ''"))
        out: dict[str, str] = {}
        for chunk in chunks(sorted(articles), 500):
            out.update(self.db.execute(
                f"SELECT article_id, published FROM articles WHERE published != '' AND "
                f"article_id IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def iter_mentions(self, articles: Collection[str] | None = None) -> Iterator[Mention]:
        """Every mention (of ``articles`` if given), in article output order, then by
        position."""
        self.want_articles(articles)
        cur = self.db.execute(
            f"""SELECT m.* FROM mentions m JOIN ({_ORDER}) o ON o.article_id = m.article_id
                WHERE 1 {_articles_clause("m.article_id", articles)}
                ORDER BY o.k, m.article_id, m.start, m.end, m.label""")
        for row in cur:
            yield Mention(*row)

    def name_counts(self, labels: tuple[str, ...]) -> NameCounts:
        """The snapshot of counts the folder's decisions about names are taken from
        (``labels``: the labels whose names vote for one label per name)."""
        marks = ",".join("?" * len(labels))
        return NameCounts(  # from the running counts the mentions' triggers keep
            orgs=dict(self.db.execute(
                "SELECT norm, SUM(n) FROM name_tally WHERE label = 'ORG' GROUP BY norm")),
            people=self.person_name_counts(),
            labels=tuple(self.db.execute(
                f"SELECT norm, label, SUM(n) FROM name_tally WHERE label IN ({marks}) "
                f"GROUP BY norm, label", labels)),
            acronyms=tuple(self.db.execute("SELECT article_id, acronym, long FROM acronyms")))

    def person_name_counts(self) -> dict[str, int]:
        """How often each normalised PERSON name occurs."""
        return dict(self.db.execute(
            "SELECT norm, SUM(n) FROM name_tally WHERE label = 'PERSON' GROUP BY norm"))

    def unresolved(self) -> list[tuple[str, str, int]]:
        """``(label, reason, count)`` of the mentions that did not resolve, most first."""
        return list(self.db.execute(
            "SELECT label, unresolved, COUNT(*) AS n FROM mentions WHERE unresolved != '' "
            "GROUP BY label, unresolved ORDER BY n DESC, label, unresolved"))


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


def _participant(row: tuple[Any, ...]) -> Participant:
    """A participant from its stored row (the role as a :class:`Role`)."""
    fields_ = list(row)
    fields_[5] = Role(fields_[5])
    return Participant(*fields_)
