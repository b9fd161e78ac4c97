"""Actors deduplicated across the output folder, with the events they take part in.

An actor is an organisation (its canonical name, :class:`pipeline.corpus.CorpusNames`), a
person, a product, a country (a country's name or demonym; a body named like a country, "EU",
is that country; a capital acting for its government, "Beijing warned", is its country), or
a generic agent ("investors", "government (FR)"). A city or region is where an event happened,
never an alias of its country. The same actor gets the same id in every run: a hash of kind
and name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..events import Referent
from ..lexicon.countries import country_name
from ..lexicon.orgs import org_country
from ..store import Link, Store, open_existing
from ..types import Actor, Event, Mention, Participant, content_id
from .names import GENERIC

ROLE_RANK = {"source": 0, "target": 1, "other": 2}


def actor_of(m: Mention) -> tuple[str, str, str] | None:
    """``(kind, name, country)`` of a (corpus-normalised) mention, or None if not an actor.

    >>> actor_of(Mention("a", 0, 4, "CNIL", "ORG", norm="CNIL"))
    ('organisation', 'CNIL', 'FR')
    """
    kind = Referent.kind_of(m)
    if m.unresolved == GENERIC:
        return None  # "Council" alone, with no council named in the article
    if kind == "person":
        return "person", m.norm or m.text, ""
    if kind == "organisation":
        name = m.norm or m.text
        return "organisation", name, m.country or org_country(name)
    if kind == "product":
        return "product", " ".join((m.norm or m.text).split()), ""
    if kind == "country":
        return "country", country_name(m.country), m.country
    return None


def agent_name(p: Participant) -> str:
    """The name of a generic actor: its word, and its country where the text gives it."""
    return f"{p.agent} ({p.country})" if p.country else p.agent


@dataclass
class _Tally:
    kind: str
    name: str
    country: str
    sector: str = ""
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0


_BATCH = 5000


@dataclass
class Catalogue:
    """Actors, and streams of the events and of who took part in what, for the CSV and graph
    writers. Built from a store, the streams re-read it (memory stays flat); built by hand
    (tests), they are lists.

    Fields:
        actors: ``actor_id → Actor``.
        events: the events that have an actor, in article order (or a function giving them).
        roles: the links ``(event_id, actor_id, role, mention, start, end, resolved_from,
            article_id)``, sorted (or a function giving them).
        actor_articles: ``actor_id → article ids`` (or a function of the actor id).
    """

    actors: dict[str, Actor]
    events: list[Event] | Callable[[], Iterator[Event]]
    roles: list[Link] | Callable[[], Iterator[Link]]
    actor_articles: dict[str, list[str]] | Callable[[str], list[str]]
    by_actor: Callable[[str], list[tuple[str, str]]] | None = None
    by_id: Callable[[Iterable[str]], list[Event]] | None = None
    n_events: int | None = None
    _articles: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def iter_events(self) -> Iterator[Event]:
        """The events, in article order."""
        return iter(self.events) if isinstance(self.events, list) else self.events()

    def iter_roles(self) -> Iterator[Link]:
        """The links, sorted by event and actor."""
        return iter(self.roles) if isinstance(self.roles, list) else self.roles()

    def articles_of(self, actor_id: str) -> list[str]:
        """The articles an actor appears in (read once: every graph writer asks)."""
        if isinstance(self.actor_articles, dict):
            return self.actor_articles.get(actor_id, [])
        if actor_id not in self._articles:
            self._articles[actor_id] = self.actor_articles(actor_id)
        return self._articles[actor_id]

    def event_count(self) -> int:
        """How many events have an actor."""
        if self.n_events is None:
            self.n_events = sum(1 for _ in self.iter_events())
        return self.n_events

    def events_of(self, actor_id: str) -> list[tuple[str, str]]:
        """``(event_id, role)`` of the events an actor takes part in, sorted."""
        if self.by_actor is not None:
            return self.by_actor(actor_id)
        best: dict[str, str] = {}
        for link in self.iter_roles():
            if link[1] == actor_id and (link[0] not in best
                                        or ROLE_RANK[link[2]] < ROLE_RANK[best[link[0]]]):
                best[link[0]] = link[2]
        return sorted(best.items())

    def events_by_id(self, event_ids: Iterable[str]) -> list[Event]:
        """Some events, by id (sorted by id)."""
        if self.by_id is not None:
            return self.by_id(event_ids)
        wanted = set(event_ids)
        return sorted((e for e in self.iter_events() if e.event_id in wanted),
                      key=lambda e: e.event_id)


class CatalogueBuilder:
    """Collects actors from the mentions as they stream past once (for ``entities.csv``), and
    the links of each article's events to them; the links go to the store's scratch tables, so
    nothing here grows with the folder but the actors themselves."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.tallies: dict[str, _Tally] = {}
        self._article = ""
        self._wanted: dict[tuple[int, int, str], list[Participant]] = {}
        self._links: list[tuple[Any, ...]] = []
        self._seen: list[tuple[str, str]] = []
        store.reset_scratch()

    def _tally(self, kind: str, name: str, country: str, sector: str = "") -> tuple[str, _Tally]:
        aid = content_id(kind, name)
        t = self.tallies.get(aid)
        if t is None:
            t = self.tallies[aid] = _Tally(kind, name, country, sector)
        return aid, t

    def _link(self, aid: str, p: Participant) -> None:
        self._links.append((p.event_id, aid, p.role, ROLE_RANK[p.role], p.mention, p.start,
                            p.end, p.resolved_from, p.article_id))
        self._seen.append((aid, p.article_id))
        if len(self._links) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        with self.store.transaction():
            self.store.add_links(self._links)
            self.store.add_actor_articles(self._seen)
        self._links, self._seen = [], []

    def add(self, raw: Mention, m: Mention) -> None:
        """Count a mention (``m``: with the corpus-wide decisions; ``raw``: as stored)."""
        if raw.article_id != self._article:
            self._article = raw.article_id
            self._wanted = {}
            for p in self.store.participants_of(raw.article_id):
                if not p.agent:
                    self._wanted.setdefault((p.ref_start, p.ref_end, p.label), []).append(p)
        wanted = self._wanted.get((raw.start, raw.end, raw.label), ())
        found = actor_of(m)
        surface = " ".join(m.text.split())
        if found is None:
            if not wanted or not m.country or Referent.place_kind(m) != "capital":
                return
            found = ("country", country_name(m.country), m.country)  # "Beijing warned"
            surface = ""
        kind, name, country = found
        aid, t = self._tally(kind, name, country)
        t.mentions += 1
        self._seen.append((aid, m.article_id))
        if len(self._seen) >= _BATCH:
            self._flush()
        if surface and surface != name:
            t.aliases.add(surface)
        for p in wanted:
            self._link(aid, p)

    def catalogue(self) -> Catalogue:
        """Actors (with the generic agents), and the streams of events and links."""
        for p in self.store.agent_participants():
            aid, t = self._tally("agent", agent_name(p), p.country, p.sector)
            t.mentions += 1
            self._link(aid, p)
        self._flush()
        counts = self.store.actor_counts()
        actors = {
            aid: Actor(aid, t.name, t.kind, t.country, tuple(sorted(t.aliases)), t.mentions,
                       *counts.get(aid, (0, 0)), t.sector)
            for aid, t in self.tallies.items()
        }
        path = self.store.path.parent

        def events() -> Iterator[Event]:
            yield from _reader(path).iter_linked_events()

        def links() -> Iterator[Link]:
            yield from _reader(path).links()

        return Catalogue(
            actors, events, links, lambda aid: _reader(path).actor_articles(aid),
            by_actor=lambda aid: _reader(path).events_of(aid),
            by_id=lambda ids: list(_reader(path).iter_linked_events(ids)),
            n_events=self.store.linked_event_count())


_READERS: dict[tuple[int, Path], Store] = {}


def _reader(path: Path) -> Store:
    """A connection to the store of ``path`` for this process (a forked writer opens its own:
    a database connection must not cross a fork)."""
    import os

    key = (os.getpid(), path)
    if key not in _READERS:
        store = open_existing(path)
        if store is None:
            raise FileNotFoundError(f"{path}: the store is gone")
        _READERS[key] = store
    return _READERS[key]
