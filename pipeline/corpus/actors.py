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
from ..identity import FolderNames, actor_of, agent_name, place_kind
from ..identity.folder import VOTE_LABELS
from ..lexicon.countries import country_name
from ..store import Store, chunks
from ..types import Actor, Link, Mention, Participant, Role, content_id
from .catalogue import StoreCatalogue


def build_catalogue(store: Store, tuning: Tuning | None = None) -> StoreCatalogue:
    """The corpus stage: the folder's decisions about names (from the store's snapshot of
    counts); the actors and links of the articles that need them (new ones, ones analysed
    again, ones that use a name whose decision changed: the rest keep theirs), kept in the
    store; then the actors of the folder, from every article's.

    Stages: 1. the folder's names; 2. what changed; 3. actors and links of those articles
    (their named actors, their generic agents); 4. the folder's actors, with their counts of
    articles and events.
    """
    t = tuning or Tuning.defaults()
    names = FolderNames(store.name_counts(VOTE_LABELS), t.label_majority)      # 1
    redo = store.articles_to_redo(names.digests(store.name_keys()))            # 2
    builder = CatalogueBuilder(store, t.scratch_batch)
    for chunk in chunks(redo, 500):                                             # 3
        mentions = store.article_mentions(chunk)
        for article_id in chunk:
            raws = mentions[article_id]
            builder.add_article(article_id, raws, names.apply_article(raws))
    return builder.catalogue(names, redo)                                       # 4


@dataclass
class _Tally:
    seq: int
    kind: str
    name: str
    country: str
    sector: str = ""
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0


class CatalogueBuilder:
    """Collects the actors of each article from its mentions and its generic agents, and
    the links of its events to them, into the store's corpus tables."""

    def __init__(self, store: Store, batch: int = 5000) -> None:
        self.store = store
        self.batch = batch  # rows to the store at a time
        self._tallies: list[tuple[object, ...]] = []
        self._links: list[Link] = []
        self._seen: list[tuple[str, str]] = []

    def _link(self, aid: str, p: Participant) -> None:
        self._links.append(Link(p.event_id, aid, p.role, p.mention, p.start, p.end,
                                p.resolved_from, p.article_id))
        self._seen.append((aid, p.article_id))

    def _flush(self) -> None:
        with self.store.transaction():
            self.store.accrue(self._tallies, ((k.actor_id, k.event_id, k.article_id)
                                              for k in self._links), self._seen)
            self.store.add_tallies(self._tallies)
            self.store.add_links(self._links)
            self.store.add_actor_articles(self._seen)
        self._tallies, self._links, self._seen = [], [], []

    def add_article(self, article_id: str, raws: list[Mention], decided: list[Mention]) -> None:
        """The actors of one article (its mentions: ``raws`` as stored, ``decided`` with the
        folder's decisions; and its generic agents), and the links of its events' participants
        to them."""
        tallies: dict[str, _Tally] = {}
        wanted: dict[tuple[int, int, str], list[Participant]] = {}
        agents = []
        for p in self.store.participants_of(article_id):
            if p.agent:
                agents.append(p)
            else:
                wanted.setdefault((p.ref_start, p.ref_end, p.label), []).append(p)
        for raw, m in zip(raws, decided, strict=True):
            self._add(tallies, m, wanted.get((raw.start, raw.end, raw.label), []))
        for p in agents:
            aid, t = _tally(tallies, "agent", agent_name(p), p.country, p.sector)
            t.mentions += 1
            self._link(aid, p)
        self._tallies += [(article_id, aid, t.seq, t.kind, t.name, t.country, t.sector,
                           t.mentions, "\x1f".join(sorted(t.aliases)))
                          for aid, t in tallies.items()]
        if len(self._links) + len(self._tallies) >= self.batch:
            self._flush()

    def _add(self, tallies: dict[str, _Tally], m: Mention, wanted: list[Participant]) -> None:
        located = [p for p in wanted if p.role == Role.LOCATION]
        if located:  # where events happened: a place node, never the country as an actor
            country = place_kind(m) == "country" and m.country
            name = country_name(m.country) if country else " ".join(m.text.split())
            aid, t = _tally(tallies, "place", name, m.country)  # "in Brussels": Brussels
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
        aid, t = _tally(tallies, kind, name, country)
        t.mentions += 1
        self._seen.append((aid, m.article_id))
        if surface and surface != name:
            t.aliases.add(surface)
        for p in wanted:
            self._link(aid, p)

    def catalogue(self, names: FolderNames, done: list[str]) -> StoreCatalogue:
        """The folder's actors from the store's running sums of every article's (the first
        article in output order that names one gives its country and sector), and the
        streams of events and links."""
        self._flush()
        with self.store.transaction():
            self.store.mark_done(done)
        with self.store.transaction():
            if self.store.actors_kept():
                self.store.settle()
            else:
                self.store.rebuild_actors()
        actors = {aid: Actor(aid, name, kind, country, tuple(aliases), mentions, articles,
                             events, sector)
                  for aid, kind, name, country, sector, mentions, articles, events, aliases
                  in self.store.kept_actors()}
        self.store.reset_scratch()
        self.store.add_actors(actors.values())
        return StoreCatalogue(actors, self.store.path.parent, self.store.linked_event_count(),
                              names)


def _tally(tallies: dict[str, _Tally], kind: str, name: str, country: str, sector: str = ""
           ) -> tuple[str, _Tally]:
    aid = content_id(kind, name)
    t = tallies.get(aid)
    if t is None:
        t = tallies[aid] = _Tally(len(tallies), kind, name, country, sector)
    return aid, t
