"""The catalogue the output writers read: the actors of a folder, its events that have an
actor, and who took part in what. One interface, two homes: :class:`StoreCatalogue` streams
from the store's scratch tables (memory stays flat), :class:`ListCatalogue` holds lists (a
small catalogue built by hand, in tests and examples)."""

from __future__ import annotations

import heapq
import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..identity import FolderNames, article_groups
from ..store import Store, open_existing
from ..types import Actor, Event, Link, Mention, Role


@dataclass(frozen=True, slots=True)
class EventParties:
    """An event with who did it to whom, and where it was read: a row of ``events.csv``.

    Fields:
        event: the event.
        sources: the actors whose strongest role in it is ``source``, sorted by name.
        targets: the actors whose strongest role in it is ``target``, sorted by name.
        title: its article's title.
        url: its article's URL, or ``""``.
        source: the file (or feed) its article was first read from.
    """

    event: Event
    sources: tuple[Actor, ...] = ()
    targets: tuple[Actor, ...] = ()
    title: str = ""
    url: str = ""
    source: str = ""


def _parties(actors: dict[str, Actor], event: Event, best: Iterable[tuple[str, Role]],
             title: str, url: str, source: str) -> EventParties:
    by_role: dict[Role, list[Actor]] = {Role.SOURCE: [], Role.TARGET: []}
    for aid, role in best:
        if role in by_role and aid in actors:
            by_role[role].append(actors[aid])
    sources, targets = (tuple(sorted(by_role[r], key=lambda a: (a.name, a.actor_id)))
                      for r in (Role.SOURCE, Role.TARGET))
    return EventParties(event, sources, targets, title, url, source)


class Catalogue(ABC):
    """Actors, and the events and links the graph and table writers stream.

    Attributes:
        actors: ``actor_id → Actor``.
    """

    actors: dict[str, Actor]

    @abstractmethod
    def iter_mentions(self, articles: Collection[str] | None = None) -> Iterator[Mention]:
        """Every mention with the folder's decisions about its name and label, in article
        order (the rows of ``entities.csv``); with ``articles``, only those of these
        articles."""

    @abstractmethod
    def iter_events(self) -> Iterator[Event]:
        """The events that have an actor, in article order."""

    @abstractmethod
    def iter_event_parties(self, articles: Collection[str] | None = None
                           ) -> Iterator[EventParties]:
        """:meth:`iter_events` with each event's sources, targets and article (``articles``:
        as for :meth:`iter_mentions`)."""

    @abstractmethod
    def iter_roles(self, articles: Collection[str] | None = None) -> Iterator[Link]:
        """The best link of every (event, actor), in article order, then by event and actor
        (``articles``: as for :meth:`iter_mentions`)."""

    def newest_event_parties(self, n: int) -> tuple[list[EventParties], dict[str, int]]:
        """The ``n`` newest events (by date, then output order), in output order, and how
        many events of each type the catalogue holds."""
        counts: dict[str, int] = {}
        newest: list[tuple[str, int, EventParties]] = []  # (date, -order, row): oldest on top
        for order, row in enumerate(self.iter_event_parties()):
            counts[row.event.type] = counts.get(row.event.type, 0) + 1
            item = (row.event.date_start, -order, row)
            if len(newest) < n:
                heapq.heappush(newest, item)
            elif item[:2] > newest[0][:2]:
                heapq.heapreplace(newest, item)
        return [row for _, _, row in sorted(newest, key=lambda x: -x[1])], counts

    def shared_events(self, actor_ids: Iterable[str]) -> list[tuple[str, str, int]]:
        """``(a, b, events they share)`` for the pairs of ``actor_ids`` that share any
        (``a < b``)."""
        wanted = set(actor_ids)
        weights: dict[tuple[str, str], int] = {}
        event, members = "", set[str]()
        for link in [*self.iter_roles(), Link("", "", Role.OTHER, "", 0, 0, "", "")]:
            if link.event_id != event:
                ordered = sorted(members)
                for i, x in enumerate(ordered):
                    for y in ordered[i + 1:]:
                        weights[(x, y)] = weights.get((x, y), 0) + 1
                event, members = link.event_id, set()
            if link.actor_id in wanted:
                members.add(link.actor_id)
        return [(a, b, w) for (a, b), w in sorted(weights.items())]

    def articles_by_actor(self, actor_ids: Iterable[str], among: Collection[str] | None = None
                          ) -> dict[str, list[str]]:
        """:meth:`articles_of` of many actors; only those ``among`` some articles if
        given."""
        keep = (lambda a: True) if among is None else set(among).__contains__
        return {aid: [a for a in self.articles_of(aid) if keep(a)] for aid in actor_ids}

    def recent_articles(self, n: int) -> list[str] | None:
        """The articles of the newest dumps, at most ``n``; None when that is every article
        (a catalogue in memory is small: every article)."""
        return None

    @abstractmethod
    def articles_of(self, actor_id: str) -> list[str]:
        """The articles an actor appears in, sorted."""

    @abstractmethod
    def event_count(self) -> int:
        """How many events have an actor."""

    @abstractmethod
    def events_of(self, actor_id: str, limit: int | None = None) -> list[tuple[str, Role]]:
        """``(event_id, role)`` of the events an actor takes part in (its strongest role in
        each), sorted; the first ``limit`` only if given."""

    def roles_among(self, actor_ids: Iterable[str], event_ids: Iterable[str]
                    ) -> list[tuple[str, str, Role]]:
        """``(actor_id, event_id, role)`` of each of some actors in each of some events it
        takes part in (its strongest role), sorted."""
        wanted = set(event_ids)
        return [(a, e, r) for a in sorted(set(actor_ids)) for e, r in self.events_of(a)
                if e in wanted]

    @abstractmethod
    def events_by_id(self, event_ids: Iterable[str]) -> list[Event]:
        """Some events, by id (sorted by id)."""

    def close(self) -> None:  # noqa: B027 - most catalogues hold nothing to close
        """Let go of what this process holds open (a connection)."""


@dataclass
class ListCatalogue(Catalogue):
    """A catalogue held in lists.

    >>> from pipeline.types import Actor, Event, Link, Role
    >>> cat = ListCatalogue({"a": Actor("a", "Acme", "organisation", n_events=1)},
    ...                     [Event("e", "art", "fine", "fined", 0, 10, "Acme was fined.")],
    ...                     [Link("e", "a", Role.TARGET, "Acme", 0, 4, "", "art")],
    ...                     {"a": ["art"]})
    >>> cat.events_of("a"), cat.event_count()
    ([('e', <Role.TARGET: 'target'>)], 1)
    """

    actors: dict[str, Actor]
    events: list[Event]
    links: list[Link]
    actor_articles: dict[str, list[str]] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    #: ``article_id → (title, url, source)``
    articles: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    @staticmethod
    def _wanted(article_id: str, articles: Collection[str] | None) -> bool:
        return articles is None or article_id in articles

    def iter_mentions(self, articles: Collection[str] | None = None) -> Iterator[Mention]:
        return (m for m in self.mentions if self._wanted(m.article_id, articles))

    def iter_events(self) -> Iterator[Event]:
        return iter(self.events)

    def iter_roles(self, articles: Collection[str] | None = None) -> Iterator[Link]:
        return (k for k in self.links if self._wanted(k.article_id, articles))

    def iter_event_parties(self, articles: Collection[str] | None = None
                           ) -> Iterator[EventParties]:
        for e in self.events:
            if not self._wanted(e.article_id, articles):
                continue
            best = self.roles_of(e.event_id)
            yield _parties(self.actors, e, best.items(), *self.articles.get(e.article_id,
                                                                            ("", "", "")))

    def roles_of(self, event_id: str) -> dict[str, Role]:
        """``actor_id → its strongest role`` in an event."""
        best: dict[str, Role] = {}
        for link in self.links:
            if link.event_id == event_id and (link.actor_id not in best
                                              or link.role.rank < best[link.actor_id].rank):
                best[link.actor_id] = link.role
        return best

    def articles_of(self, actor_id: str) -> list[str]:
        return self.actor_articles.get(actor_id, [])

    def event_count(self) -> int:
        return len(self.events)

    def events_of(self, actor_id: str, limit: int | None = None) -> list[tuple[str, Role]]:
        best: dict[str, Role] = {}
        for link in self.links:
            if link.actor_id == actor_id and (link.event_id not in best
                                              or link.role.rank < best[link.event_id].rank):
                best[link.event_id] = link.role
        return sorted(best.items())[:limit]

    def events_by_id(self, event_ids: Iterable[str]) -> list[Event]:
        wanted = set(event_ids)
        return sorted((e for e in self.events if e.event_id in wanted),
                      key=lambda e: e.event_id)


class StoreCatalogue(Catalogue):
    """A catalogue read back from the store of ``folder`` (its scratch tables, filled by the
    corpus stage, and its mentions with the folder's ``names`` applied); each process opens
    its own connection (the writers run in two)."""

    def __init__(self, actors: dict[str, Actor], folder: Path, n_events: int,
                 names: FolderNames) -> None:
        self.actors = actors
        self.folder = folder
        self.n_events = n_events
        self.names = names
        self._articles: dict[str, list[str]] = {}
        self._stores: dict[int, Store] = {}

    def _store(self) -> Store:
        """This process's connection to the store (a forked writer opens its own: a database
        connection must not cross a fork)."""
        pid = os.getpid()
        if pid not in self._stores:
            store = open_existing(self.folder)
            if store is None:
                raise FileNotFoundError(f"{self.folder}: the store is gone")
            self._stores[pid] = store
        return self._stores[pid]

    def close(self) -> None:
        """Close this process's connection."""
        store = self._stores.pop(os.getpid(), None)
        if store is not None:
            store.close()

    def iter_mentions(self, articles: Collection[str] | None = None) -> Iterator[Mention]:
        for raws in article_groups(self._store().iter_mentions(articles)):
            yield from self.names.apply_article(raws)

    def iter_events(self) -> Iterator[Event]:
        yield from self._store().iter_linked_events()

    def iter_roles(self, articles: Collection[str] | None = None) -> Iterator[Link]:
        yield from self._store().links(articles)

    def shared_events(self, actor_ids: Iterable[str]) -> list[tuple[str, str, int]]:
        return self._store().shared_events(actor_ids)

    def articles_by_actor(self, actor_ids: Iterable[str], among: Collection[str] | None = None
                          ) -> dict[str, list[str]]:
        return self._store().articles_by_actor(actor_ids, among)

    def recent_articles(self, n: int) -> list[str] | None:
        recent = self._store().recent_articles(n + 1)
        return recent[:n] if len(recent) > n else None

    def newest_event_parties(self, n: int) -> tuple[list[EventParties], dict[str, int]]:
        ids, counts = self._store().newest_events(n)
        roles = tuple(Role)
        return [_parties(self.actors, e, ((a, roles[r]) for a, r in best), *article)
                for e, best, *article in self._store().iter_event_parties(event_ids=ids)
                ], counts

    def iter_event_parties(self, articles: Collection[str] | None = None
                           ) -> Iterator[EventParties]:
        roles = tuple(Role)
        for e, best, *article in self._store().iter_event_parties(articles):
            yield _parties(self.actors, e, ((a, roles[r]) for a, r in best), *article)

    def articles_of(self, actor_id: str) -> list[str]:
        if actor_id not in self._articles:  # read once: every graph writer asks
            self._articles[actor_id] = self._store().actor_articles(actor_id)
        return self._articles[actor_id]

    def event_count(self) -> int:
        return self.n_events

    def events_of(self, actor_id: str, limit: int | None = None) -> list[tuple[str, Role]]:
        return self._store().events_of(actor_id, limit)

    def roles_among(self, actor_ids: Iterable[str], event_ids: Iterable[str]
                    ) -> list[tuple[str, str, Role]]:
        return self._store().roles_among(actor_ids, event_ids)

    def events_by_id(self, event_ids: Iterable[str]) -> list[Event]:
        return list(self._store().iter_linked_events(event_ids))


class SliceCatalogue(Catalogue):
    """A part of a catalogue: the events ``keep`` accepts and the actors they link (their
    counts stay the folder's; their articles are those of the part when it is given by its
    articles), for a graph file of that part."""

    def __init__(self, base: Catalogue, keep: Callable[[EventParties], bool],
                 articles: Collection[str] | None = None) -> None:
        """``articles``: the articles that hold every event ``keep`` accepts (only they are
        read), or None."""
        self.base = base
        #: the part's events and links, read once (a part is bounded; its files read it thrice)
        self._rows = [row for row in base.iter_event_parties(articles) if keep(row)]
        self.event_ids = {row.event.event_id for row in self._rows}
        self._links = [k for k in base.iter_roles(articles) if k.event_id in self.event_ids]
        linked = {k.actor_id for k in self._links}
        self.actors = {aid: base.actors[aid] for aid in sorted(linked) if aid in base.actors}
        self._articles = None if articles is None else \
            base.articles_by_actor(self.actors, articles)

    def iter_mentions(self, articles: Collection[str] | None = None) -> Iterator[Mention]:
        return iter(())  # a graph's part: no entity table

    def iter_events(self) -> Iterator[Event]:
        return (row.event for row in self.iter_event_parties())

    def iter_event_parties(self, articles: Collection[str] | None = None
                           ) -> Iterator[EventParties]:
        return (row for row in self._rows
                if articles is None or row.event.article_id in articles)

    def iter_roles(self, articles: Collection[str] | None = None) -> Iterator[Link]:
        return (k for k in self._links if articles is None or k.article_id in articles)

    def articles_of(self, actor_id: str) -> list[str]:
        if self._articles is None:
            return self.base.articles_of(actor_id)
        return self._articles.get(actor_id, [])

    def event_count(self) -> int:
        return len(self.event_ids)

    def events_of(self, actor_id: str, limit: int | None = None) -> list[tuple[str, Role]]:
        return [(e, r) for e, r in self.base.events_of(actor_id)
                if e in self.event_ids][:limit]

    def events_by_id(self, event_ids: Iterable[str]) -> list[Event]:
        return self.base.events_by_id(set(event_ids) & self.event_ids)

    def close(self) -> None:
        self.base.close()
