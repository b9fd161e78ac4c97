"""The corpus stage: the actors of an output folder, deduplicated, with the events they take
part in, from the store and the identity rules (:mod:`pipeline.identity`).

An actor is an organisation, a person, a product, a country (a body named like a country,
"EU", is that country; a capital acting for its government, "Beijing warned", is its
country), or a generic agent ("investors", "government (FR)"). Where an event happened ("in
Lyon", "in France") is a ``place`` node linked with the role ``location``, never an alias of
the country as an actor. The same actor gets the same id in every run:
a hash of kind and name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..config import Tuning
from ..identity import FolderNames, actor_of, agent_name, article_groups, place_kind
from ..identity.folder import VOTE_LABELS
from ..lexicon.countries import country_name
from ..store import Store
from ..types import Actor, Link, Mention, Participant, Role, content_id
from .catalogue import StoreCatalogue


def build_catalogue(store: Store, tuning: Tuning | None = None) -> StoreCatalogue:
    """The corpus stage: the folder's decisions about names (from the store's snapshot of
    counts), then one pass over the stored mentions, article by article, that counts the
    actors and links each event to its actors in the store's scratch tables (memory does not
    grow with the folder but for the actors themselves).

    Stages: 1. the folder's names; 2. actors and links from the mentions; 3. the generic
    agents; 4. the counts of articles and events per actor.
    """
    t = tuning or Tuning.defaults()
    names = FolderNames(store.name_counts(VOTE_LABELS), t.label_majority)      # 1
    builder = CatalogueBuilder(store, t.scratch_batch)
    for raws in article_groups(store.iter_mentions()):                          # 2
        builder.add_article(raws, names.apply_article(raws))
    return builder.catalogue(names)                                             # 3, 4


@dataclass
class _Tally:
    kind: str
    name: str
    country: str
    sector: str = ""
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0


class CatalogueBuilder:
    """Collects actors from the mentions of each article, and the links of its events to
    them; the links go to the store's scratch tables."""

    def __init__(self, store: Store, batch: int = 5000) -> None:
        self.store = store
        self.batch = batch  # rows to the scratch tables at a time
        self.tallies: dict[str, _Tally] = {}
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

    def add_article(self, raws: list[Mention], decided: list[Mention]) -> None:
        """Count the mentions of one article (``raws`` as stored, ``decided`` with the
        folder's decisions) and link its events' participants to their actors."""
        wanted: dict[tuple[int, int, str], list[Participant]] = {}
        for p in self.store.participants_of(raws[0].article_id):
            if not p.agent:
                wanted.setdefault((p.ref_start, p.ref_end, p.label), []).append(p)
        for raw, m in zip(raws, decided, strict=True):
            self._add(m, wanted.get((raw.start, raw.end, raw.label), []))

    def _add(self, m: Mention, wanted: list[Participant]) -> None:
        located = [p for p in wanted if p.role == Role.LOCATION]
        if located:  # where events happened: a place node, never the country as an actor
            country = place_kind(m) == "country" and m.country
            name = country_name(m.country) if country else " ".join(m.text.split())
            aid, t = self._tally("place", name, m.country)  # "in Brussels": Brussels
            t.mentions += 1
            for p in located:
                self._link(aid, p)
            wanted = [p for p in wanted if p.role != Role.LOCATION]
        found = actor_of(m)
        surface = " ".join(m.text.split())
        if found is None:
            if not wanted or not m.country or place_kind(m) != "capital":
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

    def catalogue(self, names: FolderNames) -> StoreCatalogue:
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
        self.store.add_actors(actors.values())
        return StoreCatalogue(actors, self.store.path.parent, self.store.linked_event_count(),
                              names)
