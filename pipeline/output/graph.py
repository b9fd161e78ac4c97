"""Stage 5: the actor–event graph. The only module that imports networkx.

A bipartite graph: actor nodes (``kind=actor``, ``actor_kind``, ``name``, ``country``) and
event nodes (``kind=event``, ``type``, ``date``, ``amount``, ...), edges carrying the
``role``; every node and edge keeps the ``article_ids`` it came from (";"-joined, since GraphML
and GEXF hold no lists). Plus the actor–actor projection weighted by shared events.

Written as ``graph.graphml``, ``graph.gexf`` (event dates as ``start``/``end`` so Gephi's
timeline works) and ``graph.json`` (node-link) for the newest dumps' events (or any part of
the folder: :func:`write_graph`), ``graph_actors.graphml`` (the projection),
``graph.html`` (:mod:`pipeline.output.html`) and ``graph.png`` (an overview of the busiest
actors).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from ..config import Tuning
from ..corpus import Catalogue
from ..types import Event
from . import html
from .files import atomic_open
from .tables import parties
from .xmlgraph import gexf_lines, graphml_lines


def actor_node(actor_id: str) -> str:
    """Node id of an actor."""
    return f"actor:{actor_id}"


def event_node(event_id: str) -> str:
    """Node id of an event."""
    return f"event:{event_id}"


NAME = "newsgraph actor-event graph"
#: the XML type of every node and edge attribute (the files are written as streams)
NODE_KINDS = {
    "kind": "string", "bipartite": "long", "actor_kind": "string", "name": "string",
    "label": "string", "country": "string", "aliases": "string", "sector": "string",
    "n_mentions": "long", "n_events": "long", "article_ids": "string", "type": "string",
    "subtype": "string", "plover": "string", "lemma": "string", "trigger": "string",
    "mode": "string", "negated": "boolean", "date": "string", "date_end": "string",
    "currency": "string", "countries": "string", "location": "string",
    "location_country": "string", "sentence": "string", "amount": "double",
    "source_actors": "string", "target_actors": "string", "source_ids": "string",
    "target_ids": "string", "title": "string", "url": "string", "article_source": "string",
}
EDGE_KINDS = {"role": "string", "mention": "string", "resolved_from": "string",
              "article_ids": "string"}


def actor_attrs(cat: Catalogue, aid: str) -> dict[str, Any]:
    """The attributes of an actor node."""
    a = cat.actors[aid]
    return dict(kind="actor", bipartite=0, actor_kind=a.kind, name=a.name, label=a.name,
                country=a.country, aliases="; ".join(a.aliases), sector=a.sector,
                n_mentions=a.n_mentions, n_events=a.n_events,
                article_ids=";".join(cat.articles_of(aid)))


def event_attrs(e: Event) -> dict[str, Any]:
    """The attributes of an event node."""
    attrs: dict[str, Any] = dict(
        kind="event", bipartite=1, type=e.type, subtype=e.subtype, plover=e.plover,
        lemma=e.lemma, label=f"{e.subtype or e.type}: {e.trigger}", trigger=e.trigger,
        mode=e.mode, negated=e.negated, date=e.date_start, date_end=e.date_end,
        currency=e.currency, countries=" ".join(e.countries), location=e.location,
        location_country=e.location_country, sentence=e.sentence, article_ids=e.article_id)
    if e.amount is not None:
        attrs["amount"] = e.amount
    return attrs


def _actor_ids(cat: Catalogue) -> list[str]:
    """The actors that take part in an event, sorted."""
    return sorted(aid for aid, a in cat.actors.items() if a.n_events)


def _nodes(cat: Catalogue, dates: bool = False) -> Iterator[tuple[str, dict[str, Any]]]:
    """Actor nodes (sorted) then event nodes (article order); with ``dates``, an event's
    date as its GEXF ``start``/``end``."""
    for aid in _actor_ids(cat):
        yield actor_node(aid), actor_attrs(cat, aid)
    for row in cat.iter_event_parties():
        e = row.event
        d = event_attrs(e) | parties(row)
        if dates and e.date_start:
            d["start"], d["end"] = e.date_start, e.date_end or e.date_start
        yield event_node(e.event_id), d


def _edges(cat: Catalogue) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for k in cat.iter_roles():
        yield actor_node(k.actor_id), event_node(k.event_id), dict(
            role=str(k.role), mention=k.mention, resolved_from=k.resolved_from,
            article_ids=k.article_id)


def build_graph(cat: Catalogue) -> nx.Graph:
    """The bipartite actor–event graph of a catalogue (in memory: for a small catalogue, or
    a part of one; the files are written as streams).

    >>> from pipeline.corpus import ListCatalogue
    >>> from pipeline.types import Actor, Event, Link, Role
    >>> cat = ListCatalogue({"a": Actor("a", "Acme", "organisation", n_events=1)},
    ...                     [Event("e", "art", "fine", "fined", 0, 10, "Acme was fined.")],
    ...                     [Link("e", "a", Role.TARGET, "Acme", 0, 4, "", "art")],
    ...                     {"a": ["art"]})
    >>> g = build_graph(cat)
    >>> g.edges["actor:a", "event:e"]["role"]
    'target'
    """
    g: nx.Graph = nx.Graph(name=NAME)
    g.add_nodes_from(_nodes(cat))
    g.add_edges_from(_edges(cat))
    return g


def write_graph(path: Path, cat: Catalogue) -> None:
    """The actor–event graph of ``cat`` as one file, in the format its name ends with:
    ``.graphml``, ``.gexf`` (event dates as the timeline) or ``.json`` (node-link)."""
    if path.suffix == ".json":
        _node_link(path, cat)
    elif path.suffix == ".gexf":
        _write_lines(path, gexf_lines(_nodes(cat, dates=True), _edges(cat), NAME, NODE_KINDS,
                                      EDGE_KINDS))
    else:
        _write_lines(path, graphml_lines(_nodes(cat), _edges(cat), NAME, NODE_KINDS,
                                         EDGE_KINDS))


def _node_link(path: Path, cat: Catalogue) -> None:
    encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # one, not one a row
    with atomic_open(path, newline="\n") as fh:
        fh.write('{"directed": false, "graph": ' + encode({"name": NAME}) + ', "links": [')
        for i, (a, b, d) in enumerate(_edges(cat)):
            fh.write((", " if i else "") + encode({"source": a, "target": b, **d}))
        fh.write('], "multigraph": false, "nodes": [')
        for i, (n, d) in enumerate(_nodes(cat)):
            fh.write((", " if i else "") + encode({"id": n, **d}))
        fh.write("]}\n")


def write_projection(path: Path, cat: Catalogue, max_actors: int) -> None:
    """The actor–actor projection of the ``max_actors`` busiest actors, weighted by shared
    events, as GraphML."""
    ids = sorted(aid for aid, _ in sorted(
        ((aid, a) for aid, a in cat.actors.items() if a.n_events),
        key=lambda kv: (-kv[1].n_events, kv[0]))[:max_actors])
    nodes = [(actor_node(aid), {k: v for k, v in actor_attrs(cat, aid).items()
                                if k != "bipartite"}) for aid in ids]
    edges = [(actor_node(a), actor_node(b), {"weight": w})
             for a, b, w in sorted(cat.shared_events(ids))]
    _write_lines(path, graphml_lines(nodes, edges))


def _write_lines(path: Path, lines: Iterable[str]) -> None:
    with atomic_open(path, newline="\n") as fh:
        batch: list[str] = []
        for line in lines:
            batch.append(line)
            if len(batch) >= 4096:
                fh.write("\n".join(batch) + "\n")
                batch = []
        if batch:
            fh.write("\n".join(batch) + "\n")


def part_of(cat: Catalogue, actor_ids: Iterable[str], per_actor: int | None = None
            ) -> nx.Graph:
    """The graph of some actors and their events (the first ``per_actor`` of each, by id),
    built from the catalogue without reading the rest."""
    chosen = sorted(set(actor_ids))
    by_id = {e.event_id: e for e in cat.events_by_id(
        {e for aid in chosen for e, _ in cat.events_of(aid, per_actor)})}
    g: nx.Graph = nx.Graph(name=NAME)
    g.add_nodes_from((actor_node(aid), actor_attrs(cat, aid)) for aid in chosen)
    g.add_nodes_from((event_node(e), event_attrs(by_id[e])) for e in sorted(by_id))
    # every chosen actor of a chosen event is linked to it, not only the one it came with
    g.add_edges_from((actor_node(aid), event_node(e), {"role": str(role),
                                                       "article_ids": by_id[e].article_id})
                     for aid, e, role in cat.roles_among(chosen, by_id))
    return g


def busiest_part(cat: Catalogue, max_nodes: int, per_actor: int) -> tuple[nx.Graph, int]:
    """The busiest actors, each with up to ``per_actor`` of its events, as many as fit in
    ``max_nodes`` (so a graph with one actor in a thousand events still shows its many
    actors), and the size of the whole graph."""
    ranked = sorted((aid for aid, a in cat.actors.items() if a.n_events),
                    key=lambda aid: (-cat.actors[aid].n_events, aid))
    chosen: list[str] = []
    size = 0
    for aid in ranked:
        cost = 1 + min(per_actor, cat.actors[aid].n_events)
        if size + cost > max_nodes:
            break
        chosen.append(aid)
        size += cost
    return part_of(cat, chosen, per_actor), len(ranked) + cat.event_count()


def load_graph(out: Path) -> nx.Graph:
    """Read ``graph.json`` of an output folder back into networkx."""
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    return nx.node_link_graph(data, edges="links")


def write_html(out: Path, cat: Catalogue, tuning: Tuning | None = None) -> None:
    """Write ``graph.html``: the busiest part of the graph (:func:`busiest_part`, at most
    ``max_html_nodes``: networkx lays out up to 500 nodes with numpy alone, beyond it needs
    scipy) with a seeded layout, and the page's index of every actor and event
    (:func:`~pipeline.output.html.page_index`)."""
    t = tuning or Tuning.defaults()
    h, total = busiest_part(cat, t.max_html_nodes, t.html_events_per_actor)
    pos = nx.spring_layout(h, seed=11, iterations=100) if h.number_of_nodes() else {}
    nodes: list[dict[str, Any]] = []
    for n in sorted(h.nodes):
        d = {k: v for k, v in h.nodes[n].items() if k in _DRAWN}
        x, y = pos[n]
        nodes.append({"id": n, **d, "x": round(float(x) * 400, 1), "y": round(float(y) * 400, 1)})
    links = [{"source": a, "target": b, "role": h.edges[a, b].get("role", "")}
             for a, b in sorted(tuple(sorted(e)) for e in h.edges)]
    data = {"drawn": {"nodes": nodes, "links": links}, "total": total,
            "truncated": h.number_of_nodes() < total,
            "index": html.page_index(cat, t.max_index_events, t.max_index_actors,
                                     t.index_sentence_chars, t.max_index_articles)}
    with atomic_open(out / "graph.html", newline="\n") as fh:
        fh.write(html.render(data))


#: what the page needs of a node it draws (the rest is in its index)
_DRAWN = frozenset({"kind", "name", "actor_kind", "type", "trigger"})


def _busiest(g: nx.Graph, max_nodes: int) -> nx.Graph:
    """The busiest actors with all their events, as many as fit in ``max_nodes``, as a new
    graph in sorted node order (a subgraph view would iterate a set, and the seeded layout
    would then change from run to run)."""
    if g.number_of_nodes() <= max_nodes:
        return g
    actors = sorted((n for n, d in g.nodes(data=True) if d.get("kind") == "actor"),
                    key=lambda n: (-g.degree(n), n))
    keep: set[str] = set()
    for a in actors:
        more = {a, *g.neighbors(a)} - keep
        if len(keep) + len(more) > max_nodes:
            break
        keep |= more
    return _induced(g, keep)


def _induced(g: nx.Graph, nodes: set[str]) -> nx.Graph:
    """The subgraph of ``g`` on ``nodes``, nodes and edges added in sorted order."""
    h: nx.Graph = nx.Graph()
    h.add_nodes_from((n, g.nodes[n]) for n in sorted(nodes))
    edges = g.subgraph(nodes).edges(data=True)
    h.add_edges_from(sorted((*sorted((a, b)), d) for a, b, d in edges))
    return h


def write_png(out: Path, g: nx.Graph, top: int = 15, per_actor: int = 6) -> None:
    """An overview of the busiest actors and a few of their events each, for reports
    (matplotlib, Agg): readable on any size of graph, every label inside the frame."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    actors = sorted((n for n, d in g.nodes(data=True) if d.get("kind") == "actor"),
                    key=lambda n: (-g.degree(n), n))[:top]
    keep = set(actors) | {e for a in actors for e in sorted(g.neighbors(a))[:per_actor]}
    h = _induced(g, keep)
    fig, ax = plt.subplots(figsize=(12, 9), dpi=100)
    if h.number_of_nodes():
        pos = nx.spring_layout(h, seed=7, k=0.6)
        ev = [n for n in h if h.nodes[n].get("kind") == "event"]
        nx.draw_networkx_edges(h, pos, ax=ax, alpha=0.3)
        nx.draw_networkx_nodes(h, pos, nodelist=ev, node_size=30, node_color="#bbbbbb", ax=ax)
        nx.draw_networkx_nodes(h, pos, nodelist=actors, node_color="#1f77b4", ax=ax,
                               node_size=[80 + 40 * h.degree(a) for a in actors])
        labels = {a: _short(h.nodes[a]["name"]) for a in actors}
        nx.draw_networkx_labels(h, pos, labels=labels, font_size=9, ax=ax, clip_on=False)
        ax.margins(0.12)  # room for the labels of the outermost nodes
    ax.set_title(f"Busiest {len(actors)} actors and their events")
    ax.axis("off")
    with atomic_open(out / "graph.png", binary=True) as fh:
        fig.savefig(fh, format="png", bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)


def _short(name: str, width: int = 28) -> str:
    return name if len(name) <= width else name[:width - 1] + "…"


def betweenness_of(actor_ids: list[str], shared: list[tuple[str, str, int]]
                   ) -> dict[str, float]:
    """Betweenness centrality of actors in the projection their shared events make."""
    p: nx.Graph = nx.Graph()
    p.add_nodes_from(sorted(actor_ids))
    p.add_edges_from((a, b, {"weight": w}) for a, b, w in sorted(shared))
    return nx.betweenness_centrality(p, weight=None) if p.number_of_nodes() else {}
