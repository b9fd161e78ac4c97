"""Queries over the actor–event graph of an output folder (``newsgraph explore``), asked of
its store (:class:`~pipeline.store.graph.GraphStore`), so a folder of any size answers at
once.

Names match case- and accent-insensitively, and through an actor's aliases; an unknown name
raises :class:`UnknownName` with the closest known names.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import NewsgraphError
from ..events.lexicon import lexicon
from ..store import Store, open_existing
from ..types import Actor, Role
from . import graph as graphs

TOP_BY = ("events", "mentions", "degree", "betweenness")
#: betweenness is measured among this many of the busiest actors (it grows as their cube)
BETWEENNESS_ACTORS = 1000
#: how many events a path may pass through
PATH_HOPS = 6
_ROLES = tuple(Role)


def event_types() -> set[str]:
    """Every name ``--type`` accepts: types, subtypes and PLOVER codes, folded."""
    lex = lexicon()
    codes = {t.plover for t in (*lex.verbs.values(), *lex.nouns.values()) if t.plover}
    return {n.casefold() for n in (*lex.types, *codes)}


class UnknownType(NewsgraphError):
    """No event type, subtype or PLOVER code has this name."""


class UnknownName(NewsgraphError):
    """No actor has this name; ``suggestions`` holds the closest ones."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"no actor called {name!r}{hint}")


class AmbiguousName(NewsgraphError):
    """Several actors answer to this name; ``candidates`` holds ``(name, kind, events)``,
    busiest first."""

    def __init__(self, name: str, candidates: list[tuple[str, str, int]]) -> None:
        self.candidates = candidates
        listed = ", ".join(f"{n} ({k}, {e} event{'s' if e != 1 else ''})"
                           for n, k, e in candidates[:8])
        more = f" and {len(candidates) - 8} more" if len(candidates) > 8 else ""
        super().__init__(f"{name!r} may be {listed}{more}; give the full name")


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """What a name is matched against: an actor's key, name, aliases, kind and events."""

    key: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    n_events: int


def find_actor(name: str, entries: list[ActorEntry]) -> str:
    """The key of the actor called ``name`` (case-, accent- and punctuation-insensitively);
    else of the one actor with it as an alias or as whole words of its name ("Condé Nast" is
    "Les Publications Condé Nast"). Several such actors raise :class:`AmbiguousName`
    ("Brown": Gordon Brown, Steve Brown), none :class:`UnknownName` with the closest names.
    """
    key = fold(name)
    names: dict[str, ActorEntry] = {}
    exact: dict[str, ActorEntry] = {}
    fits: dict[str, ActorEntry] = {}
    for e in entries:
        for i, alias in enumerate([e.name, *e.aliases]):
            if not alias:
                continue
            k = fold(alias)
            names.setdefault(k, e)
            if k == key:
                (exact if i == 0 else fits)[e.key] = e
            elif key and f" {key} " in f" {k} ":
                fits[e.key] = e
    found = exact or fits
    if len(found) == 1:
        return next(iter(found))
    if found:
        raise AmbiguousName(name, sorted(((e.name, e.kind, e.n_events) for e in found.values()),
                                         key=lambda c: (-c[2], c[0])))
    close = difflib.get_close_matches(key, list(names), n=5, cutoff=0.6)
    contains = [k for k in names if key and key in k][:5]
    shown: list[str] = []
    for k in contains + close:
        if names[k].name not in shown:
            shown.append(names[k].name)
    raise UnknownName(name, shown[:5])


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "Condé" and "CONDE" match, and so do
    "U.S. Steel" and "US Steel".

    >>> fold("Condé Nast") == fold("CONDE NAST"), fold("U.S. Steel") == fold("US Steel")
    (True, True)
    """
    nfkd = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in nfkd if not unicodedata.combining(c)).casefold()
    bare = re.sub(r"(?<=\w)[.'’](?=\w)|[.'’]$", "", bare)  # "U.S." is "US", "O'Neil" "ONeil"
    return " ".join(re.sub(r"[^\w\s]", " ", bare).split())


@dataclass
class Explorer:
    """The actor–event graph of one output folder, as the last write of its outputs left it
    in the store; each query reads only what its answer needs. ``named_only``: without the
    generic actors ("people", "the company", "officials")."""

    store: Store
    named_only: bool = False

    @classmethod
    def open(cls, out: str | Path) -> Explorer:
        """The graph of ``out``; a clear error if it was never built."""
        store = open_existing(Path(out), readonly=True)
        if store is None or not store.has_graph():
            if store is not None:
                store.close()
            raise NewsgraphError(f"{out}: no graph yet (run 'newsgraph run' first, or pass --out)")
        return cls(store)

    def named(self) -> Explorer:
        """The graph without its generic actors: who is named."""
        return Explorer(self.store, named_only=True)

    # ------------------------------------------------------------------ lookups

    @cached_property
    def _all(self) -> dict[str, Actor]:
        return {a.actor_id: a for a in self.store.graph_actors()}

    def _shown(self, actor_id: str) -> bool:
        a = self._all.get(actor_id)
        return a is not None and not (self.named_only and a.kind == "agent")

    def find(self, name: str) -> str:
        """The id of the actor called ``name`` (see :func:`find_actor`)."""
        return find_actor(name, [ActorEntry(a.actor_id, a.name, a.aliases, a.kind, a.n_events)
                                 for a in self._all.values() if self._shown(a.actor_id)])

    # ------------------------------------------------------------------ queries

    def top(self, by: str = "events", n: int = 10) -> list[tuple[str, str, float]]:
        """``(name, kind, score)`` of the ``n`` top actors by events, mentions, degree
        (distinct co-actors) or betweenness (in the actor–actor projection of the
        ``BETWEENNESS_ACTORS`` busiest actors)."""
        if by not in TOP_BY:
            raise NewsgraphError(f"unknown ranking {by!r}; use one of {', '.join(TOP_BY)}")
        actors = [a for a in self._all.values() if a.n_events and self._shown(a.actor_id)]
        if by == "events":
            score = {a.actor_id: float(a.n_events) for a in actors}
        elif by == "mentions":
            score = {a.actor_id: float(a.n_mentions) for a in actors}
        elif by == "degree":
            degrees = self.store.degrees("agent" if self.named_only else "")
            score = {a.actor_id: float(degrees.get(a.actor_id, 0)) for a in actors}
        else:
            busiest = sorted(actors, key=lambda a: (-a.n_events, a.actor_id))
            score = graphs.betweenness_of(
                [a.actor_id for a in busiest[:BETWEENNESS_ACTORS]],
                self.store.shared_events(a.actor_id for a in busiest[:BETWEENNESS_ACTORS]))
        ranked = sorted(actors, key=lambda a: (-score.get(a.actor_id, 0.0), a.name))
        return [(a.name, a.kind, score.get(a.actor_id, 0.0)) for a in ranked[:n]]

    def co_actors(self, actor_id: str) -> Counter[str]:
        """Other actors (ids) and how many events they share with ``actor_id``."""
        return Counter({a: n for a, n in self.store.co_actor_counts(actor_id).items()
                        if self._shown(a)})

    def _rows(self, event_ids: list[str]) -> list[dict[str, Any]]:
        """Events as the explorer shows them: when, what (type and trigger word), who in
        which role, how much, and where it was read; by date."""
        parties = self.store.actors_of_events(event_ids)
        rows = []
        for e, title, url, source in self.store.event_views(event_ids):
            by_role: dict[str, list[str]] = {"source": [], "target": [], "other": []}
            for aid, rank in parties.get(e.event_id, []):
                role = str(_ROLES[rank])
                by_role["other" if role not in by_role else role].append(self._all[aid].name
                                                                         if aid in self._all
                                                                         else aid)
            rows.append({"date": e.date_start, "type": e.subtype or e.type,
                         "trigger": e.trigger, "sources": sorted(by_role["source"]),
                         "targets": sorted(by_role["target"]),
                         "others": sorted(by_role["other"]), "amount": e.amount,
                         "currency": e.currency, "sentence": e.sentence, "title": title,
                         "source": source, "url": url, "event_id": e.event_id})
        return sorted(rows, key=lambda r: (r["date"], r["event_id"]))

    def profile(self, name: str, limit: int | None = None) -> dict[str, Any]:
        """An actor's details, timeline of events (with its role and the event's actors; its
        ``limit`` newest only, if given, by date), how many events it has, and closest
        co-actors."""
        aid = self.find(name)
        a = self._all[aid]
        if limit is None:
            roles = dict(self.store.events_of(aid))
            n_events = len(roles)
        else:
            newest, n_events = self.store.newest_events_of(aid, limit)
            roles = dict(newest)
        timeline = [r | {"role": str(roles[r["event_id"]])}
                    for r in self._rows(list(roles))]
        close = sorted(self.co_actors(aid).items(),
                       key=lambda kv: (-kv[1], self._all[kv[0]].name))
        return {"name": a.name, "kind": a.kind, "country": a.country,
                "aliases": "; ".join(a.aliases), "n_events": n_events, "timeline": timeline,
                "co_actors": [(self._all[o].name, n) for o, n in close[:10]]}

    def events(self, type_: str | None = None, country: str | None = None,
               since: str | None = None, until: str | None = None,
               actor: str | None = None) -> list[dict[str, Any]]:
        """Events filtered by type (an ontology type, a subtype such as ``fine`` or a PLOVER
        code, any case), country (ISO code), date range (ISO dates) and actor (a name, as
        :meth:`find` takes it), by date."""
        return self.events_page(type_, country, since, until, actor)[0]

    def events_page(self, type_: str | None = None, country: str | None = None,
                    since: str | None = None, until: str | None = None,
                    actor: str | None = None, limit: int | None = None
                    ) -> tuple[list[dict[str, Any]], int]:
        """The first ``limit`` of :meth:`events` (only they are read), and how many there
        are."""
        wanted = type_.casefold() if type_ else None
        if wanted is not None and wanted not in event_types():
            raise UnknownType(f"no event type {type_!r}; the types are: "
                              f"{', '.join(sorted(event_types()))}")
        ids = self.store.graph_event_ids(wanted, since, until, country)
        if actor:
            mine = {e for e, _ in self.store.events_of(self.find(actor))}
            ids = [e for e in ids if e in mine]
        return self._rows(ids[:limit]), len(ids)

    def path(self, a: str, b: str) -> list[dict[str, Any]] | None:
        """How two actors connect: the actors (``{"actor": name, "kind": ...}``) and the
        events (as in :meth:`events`) along a shortest path, or None (none within
        ``PATH_HOPS`` events)."""
        src, dst = self.find(a), self.find(b)
        parent: dict[str, str] = {src: ""}
        frontier = [src]
        for _ in range(PATH_HOPS):
            if dst in parent or not frontier:
                break
            events = []
            for aid, ev in self.store.events_of_actors(frontier):
                if "e:" + ev not in parent:
                    parent["e:" + ev] = aid
                    events.append(ev)
            frontier = []
            for ev, members in sorted(self.store.actors_of_events(events).items()):
                for aid, _ in members:
                    if aid not in parent and self._shown(aid):
                        parent[aid] = "e:" + ev
                        frontier.append(aid)
        if dst not in parent:
            return None
        chain, node = [], dst
        while node:
            chain.append(node)
            node = parent[node]
        rows = {r["event_id"]: r for r in self._rows([n[2:] for n in chain if n[:2] == "e:"])}
        return [rows[n[2:]] if n[:2] == "e:" else {"actor": self._all[n].name,
                                                    "kind": self._all[n].kind}
                for n in reversed(chain)]
