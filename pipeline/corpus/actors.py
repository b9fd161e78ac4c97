"""Actors deduplicated across the output folder, with the events they take part in.

An actor is an organisation (its canonical name, :class:`pipeline.corpus.CorpusNames`), a
person, or a country (a place or demonym that resolves to one; a body named like a country,
"EU", is that country). The same actor gets the same id in every run: a hash of kind and name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..events import is_actor
from ..lexicon.countries import country_name
from ..store import Store
from ..types import Actor, Event, Mention, content_id

ROLE_RANK = {"source": 0, "target": 1, "other": 2}
MentionKey = tuple[str, int, int, str]


def actor_of(m: Mention) -> tuple[str, str, str] | None:
    """``(kind, name, country)`` of a (corpus-normalised) mention, or None if not an actor."""
    if not is_actor(m):
        return None
    if m.label == "PERSON":
        return "person", m.norm or m.text, ""
    if m.label == "ORG":
        if m.country and m.norm == country_name(m.country):
            return "country", m.norm, m.country
        return "organisation", m.norm or m.text, m.country
    return "country", country_name(m.country), m.country


@dataclass
class _Tally:
    kind: str
    name: str
    country: str
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    articles: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)


@dataclass
class Catalogue:
    """Actors, events and who took part in what, for the CSV and graph writers."""

    actors: dict[str, Actor]
    events: list[Event]
    roles: list[tuple[str, str, str]]  # (event_id, actor_id, role), sorted
    actor_articles: dict[str, list[str]]


class CatalogueBuilder:
    """Collects actors from the mentions as they stream past once (for ``entities.csv``), then
    settles events and roles: one pass over the mentions serves both outputs."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.wanted: dict[MentionKey, list[tuple[str, str]]] = defaultdict(list)
        for p in store.participants():
            self.wanted[(p.article_id, p.start, p.end, p.label)].append((p.event_id, p.role))
        self.tallies: dict[str, _Tally] = {}
        self.best: dict[tuple[str, str], str] = {}

    def add(self, raw: Mention, m: Mention) -> None:
        """Count a mention (``m``: with the corpus-wide decisions; ``raw``: as stored)."""
        found = actor_of(m)
        if found is None:
            return
        kind, name, country = found
        aid = content_id(kind, name)
        t = self.tallies.get(aid)
        if t is None:
            t = self.tallies[aid] = _Tally(kind, name, country)
        t.mentions += 1
        t.articles.add(m.article_id)
        surface = " ".join(m.text.split())
        if surface != name:
            t.aliases.add(surface)
        for event_id, role in self.wanted.get((raw.article_id, raw.start, raw.end, raw.label), ()):
            t.events.add(event_id)
            key = (event_id, aid)
            if key not in self.best or ROLE_RANK[role] < ROLE_RANK[self.best[key]]:
                self.best[key] = role

    def catalogue(self) -> Catalogue:
        """Actors, events (those with an actor) and roles."""
        actors = {
            aid: Actor(aid, t.name, t.kind, t.country, tuple(sorted(t.aliases)), t.mentions,
                       len(t.articles), len(t.events))
            for aid, t in self.tallies.items()
        }
        roles = sorted((e, a, r) for (e, a), r in self.best.items())
        with_actor = {e for e, _, _ in roles}
        events = [e for e in self.store.iter_events() if e.event_id in with_actor]
        return Catalogue(actors, events, roles,
                         {aid: sorted(t.articles) for aid, t in self.tallies.items()})
