"""Actors deduplicated across the output folder, with the events they take part in.

An actor is an organisation (its canonical name, :class:`pipeline.corpus.CorpusNames`), a
person, a product, a country (a country's name or demonym; a body named like a country, "EU",
is that country; a capital acting for its government, "Beijing warned", is its country), or
a generic agent ("investors", "government (FR)"). A city or region is where an event happened,
never an alias of its country. The same actor gets the same id in every run: a hash of kind
and name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..events import Referent
from ..lexicon.countries import country_name
from ..lexicon.orgs import org_country
from ..store import Store
from ..types import Actor, Link, Mention, Participant, content_id
from .catalogue import Catalogue, StoreCatalogue
from .names import GENERIC


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


class CatalogueBuilder:
    """Collects actors from the mentions as they stream past once (for ``entities.csv``), and
    the links of each article's events to them; the links go to the store's scratch tables, so
    nothing here grows with the folder but the actors themselves."""

    def __init__(self, store: Store, batch: int = 5000) -> None:
        self.store = store
        self.batch = batch  # rows to the scratch tables at a time
        self.tallies: dict[str, _Tally] = {}
        self._article = ""
        self._wanted: dict[tuple[int, int, str], list[Participant]] = {}
        self._links: list[Link] = []
        self._seen: list[tuple[str, str]] = []
        store.reset_scratch()

    def _tally(self, kind: str, name: str, country: str, sector: str = "") -> tuple[str, _Tally]:
        aid = content_id(kind, name)
        t = self.tallies.get(aid)
        if t is None:
            t = self.tallies[aid] = _Tally(kind, name, country, sector)
        return aid, t

    def _link(self, aid: str, p: Participant) -> None:
        self._links.append(Link(p.event_id, aid, p.role, p.mention, p.start, p.end,
                                p.resolved_from, p.article_id))
        self._seen.append((aid, p.article_id))
        if len(self._links) >= self.batch:
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
        if len(self._seen) >= self.batch:
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
        return StoreCatalogue(actors, self.store.path.parent, self.store.linked_event_count())
