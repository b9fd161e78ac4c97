"""Actors deduplicated across the output folder, with the events they take part in.

An actor is an organisation (its canonical name, :class:`pipeline.corpus.CorpusNames`), a
person, a product, a country (a country's name or demonym; a body named like a country, "EU",
is that country; a capital acting for its government, "Beijing warned", is its country), or
a generic agent ("investors", "government (FR)"). A city or region is where an event happened,
never an alias of its country. The same actor gets the same id in every run: a hash of kind
and name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..events import Referent
from ..lexicon.countries import country_name
from ..lexicon.orgs import org_country
from ..store import Store
from ..types import Actor, Event, Mention, Participant, content_id

ROLE_RANK = {"source": 0, "target": 1, "other": 2}
MentionKey = tuple[str, int, int, str]


def actor_of(m: Mention) -> tuple[str, str, str] | None:
    """``(kind, name, country)`` of a (corpus-normalised) mention, or None if not an actor.

    >>> actor_of(Mention("a", 0, 4, "CNIL", "ORG", norm="CNIL"))
    ('organisation', 'CNIL', 'FR')
    """
    kind = Referent.kind_of(m)
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
    articles: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)


#: one link of ``event_actors.csv``: (event_id, actor_id, role, mention, start, end,
#: resolved_from)
Link = tuple[str, str, str, str, int, int, str]


@dataclass
class Catalogue:
    """Actors, events and who took part in what, for the CSV and graph writers."""

    actors: dict[str, Actor]
    events: list[Event]
    roles: list[Link]
    actor_articles: dict[str, list[str]]


class CatalogueBuilder:
    """Collects actors from the mentions as they stream past once (for ``entities.csv``), then
    settles events and roles: one pass over the mentions serves both outputs."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.wanted: dict[MentionKey, list[Participant]] = defaultdict(list)
        self.tallies: dict[str, _Tally] = {}
        self.best: dict[tuple[str, str], tuple[int, int, Participant]] = {}
        for p in store.participants():
            if p.agent:
                self._agent(p)
            else:
                self.wanted[(p.article_id, p.ref_start, p.ref_end, p.label)].append(p)

    def _tally(self, kind: str, name: str, country: str, sector: str = "") -> tuple[str, _Tally]:
        aid = content_id(kind, name)
        t = self.tallies.get(aid)
        if t is None:
            t = self.tallies[aid] = _Tally(kind, name, country, sector)
        return aid, t

    def _link(self, aid: str, t: _Tally, p: Participant) -> None:
        t.events.add(p.event_id)
        key = (p.event_id, aid)
        rank = (ROLE_RANK[p.role], p.start, p)
        if key not in self.best or rank[:2] < self.best[key][:2]:
            self.best[key] = rank

    def _agent(self, p: Participant) -> None:
        aid, t = self._tally("agent", agent_name(p), p.country, p.sector)
        t.mentions += 1
        t.articles.add(p.article_id)
        self._link(aid, t, p)

    def add(self, raw: Mention, m: Mention) -> None:
        """Count a mention (``m``: with the corpus-wide decisions; ``raw``: as stored)."""
        wanted = self.wanted.get((raw.article_id, raw.start, raw.end, raw.label), ())
        found = actor_of(m)
        if found is None:
            if not wanted or not m.country or Referent.place_kind(m) != "capital":
                return
            found = ("country", country_name(m.country), m.country)  # "Beijing warned"
            surface = ""
        else:
            surface = " ".join(m.text.split())
        kind, name, country = found
        aid, t = self._tally(kind, name, country)
        t.mentions += 1
        t.articles.add(m.article_id)
        if surface and surface != name:
            t.aliases.add(surface)
        for p in wanted:
            self._link(aid, t, p)

    def catalogue(self) -> Catalogue:
        """Actors, events (those with an actor) and roles."""
        actors = {
            aid: Actor(aid, t.name, t.kind, t.country, tuple(sorted(t.aliases)), t.mentions,
                       len(t.articles), len(t.events), t.sector)
            for aid, t in self.tallies.items()
        }
        roles = sorted((e, a, p.role, p.mention, p.start, p.end, p.resolved_from)
                       for (e, a), (_, _, p) in self.best.items())
        with_actor = {r[0] for r in roles}
        events = [e for e in self.store.iter_events() if e.event_id in with_actor]
        return Catalogue(actors, events, roles,
                         {aid: sorted(t.articles) for aid, t in self.tallies.items()})
