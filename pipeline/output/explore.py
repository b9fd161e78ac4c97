"""Queries over the actor–event graph of an output folder (``newsgraph explore``).

Names match case- and accent-insensitively, and through an actor's aliases; an unknown name
raises :class:`UnknownName` with the closest known names.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import NewsgraphError
from ..events.lexicon import lexicon
from . import graph as graphs

TOP_BY = ("events", "mentions", "degree", "betweenness")


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
    """The graph of one output folder, ready for queries."""

    g: Any

    @classmethod
    def open(cls, out: str | Path) -> Explorer:
        """Load ``graph.json`` of ``out``; a clear error if it was never built."""
        path = Path(out) / "graph.json"
        if not path.exists():
            raise NewsgraphError(f"{out}: no graph yet (run 'newsgraph run' first, or pass --out)")
        return cls(graphs.load_graph(Path(out)))

    # ------------------------------------------------------------------ lookups

    def actors(self) -> list[str]:
        return sorted(n for n, d in self.g.nodes(data=True) if d.get("kind") == "actor")

    def find(self, name: str) -> str:
        """The actor node called ``name`` (see :func:`find_actor`)."""
        return find_actor(name, [
            ActorEntry(n, d.get("name", ""), tuple((d.get("aliases") or "").split("; ")),
                       d.get("actor_kind", ""), self.g.degree(n))
            for n in self.actors() for d in [self.g.nodes[n]]])

    # ------------------------------------------------------------------ queries

    def named(self) -> Explorer:
        """The graph without its generic actors ("people", "the company", "officials"):
        who is named."""
        keep = [n for n, d in self.g.nodes(data=True) if d.get("actor_kind") != "agent"]
        return Explorer(self.g.subgraph(keep))

    def top(self, by: str = "events", n: int = 10) -> list[tuple[str, str, float]]:
        """``(name, kind, score)`` of the ``n`` top actors by events, mentions, degree
        (distinct co-actors) or betweenness (in the actor–actor projection)."""
        if by not in TOP_BY:
            raise NewsgraphError(f"unknown ranking {by!r}; use one of {', '.join(TOP_BY)}")
        actors = self.actors()
        if by == "events":
            score = {a: float(self.g.degree(a)) for a in actors}
        elif by == "mentions":
            score = {a: float(self.g.nodes[a].get("n_mentions", 0)) for a in actors}
        elif by == "degree":
            score = {a: float(len(self.co_actors(a))) for a in actors}
        else:
            score = graphs.betweenness(self.g)
        ranked = sorted(actors, key=lambda a: (-score.get(a, 0.0), self.g.nodes[a]["name"]))
        return [(self.g.nodes[a]["name"], self.g.nodes[a]["actor_kind"], score.get(a, 0.0))
                for a in ranked[:n]]

    def co_actors(self, actor: str) -> Counter[str]:
        """Other actors and how many events they share with ``actor``."""
        shared: Counter[str] = Counter()
        for ev in self.g.neighbors(actor):
            for other in self.g.neighbors(ev):
                if other != actor:
                    shared[other] += 1
        return shared

    def _event_row(self, ev: str) -> dict[str, Any]:
        """One event as the explorer shows it: when, what (type and trigger word), who in
        which role, how much, and where it was read."""
        e = self.g.nodes[ev]
        parties: dict[str, list[str]] = {"source": [], "target": [], "other": []}
        for a in sorted(self.g.neighbors(ev), key=lambda a: self.g.nodes[a]["name"]):
            role = self.g.edges[a, ev]["role"]
            parties["other" if role not in parties else role].append(self.g.nodes[a]["name"])
        return {"date": e.get("date", ""), "type": e.get("subtype") or e.get("type", ""),
                "trigger": e.get("trigger", ""), "sources": parties["source"],
                "targets": parties["target"], "others": parties["other"],
                "amount": e.get("amount"), "currency": e.get("currency", ""),
                "sentence": e.get("sentence", ""), "title": e.get("title", ""),
                "source": e.get("article_source", ""), "url": e.get("url", ""),
                "event_id": ev.removeprefix("event:")}

    def profile(self, name: str) -> dict[str, Any]:
        """An actor's details, timeline of events (with its role and the event's actors)
        and closest co-actors."""
        node = self.find(name)
        d = self.g.nodes[node]
        timeline = [self._event_row(ev) | {"role": self.g.edges[node, ev]["role"]}
                    for ev in sorted(self.g.neighbors(node),
                                     key=lambda e: (self.g.nodes[e].get("date", ""), e))]
        close = [(self.g.nodes[o]["name"], n) for o, n in sorted(
            self.co_actors(node).items(), key=lambda kv: (-kv[1], self.g.nodes[kv[0]]["name"]))]
        return {"name": d["name"], "kind": d.get("actor_kind", ""),
                "country": d.get("country", ""), "aliases": d.get("aliases", ""),
                "timeline": timeline, "co_actors": close[:10]}

    def events(self, type_: str | None = None, country: str | None = None,
               since: str | None = None, until: str | None = None,
               actor: str | None = None) -> list[dict[str, Any]]:
        """Events filtered by type (an ontology type, a subtype such as ``fine`` or a PLOVER
        code, any case), country (ISO code), date range (ISO dates) and actor (a name, as
        :meth:`find` takes it), by date."""
        wanted = type_.casefold() if type_ else None
        if wanted is not None and wanted not in event_types():
            raise UnknownType(f"no event type {type_!r}; the types are: "
                              f"{', '.join(sorted(event_types()))}")
        nodes = (self.g.neighbors(self.find(actor)) if actor else
                 (n for n, e in self.g.nodes(data=True) if e.get("kind") == "event"))
        out = []
        for n in nodes:
            e = self.g.nodes[n]
            date = e.get("date", "")
            if wanted and wanted not in (str(e.get("type", "")).casefold(),
                                         str(e.get("subtype", "")).casefold(),
                                         str(e.get("plover", "")).casefold()):
                continue
            if country and country.upper() not in (e.get("countries") or "").split() and not any(
                    self.g.nodes[a].get("country") == country.upper()
                    for a in self.g.neighbors(n)):
                continue
            if since and (not date or date < since):
                continue
            if until and (not date or date > until):
                continue
            out.append(self._event_row(n))
        return sorted(out, key=lambda r: (r["date"], r["event_id"]))

    def path(self, a: str, b: str) -> list[dict[str, Any]] | None:
        """How two actors connect: the actors (``{"actor": name, "kind": ...}``) and the
        events (as in :meth:`events`) along a shortest path, or None."""
        nodes = graphs.shortest_path(self.g, self.find(a), self.find(b))
        if nodes is None:
            return None
        return [{"actor": self.g.nodes[n]["name"], "kind": self.g.nodes[n].get("actor_kind", "")}
                if self.g.nodes[n].get("kind") == "actor" else self._event_row(n)
                for n in nodes]
