"""Stage 5: the actor–event graph. The only module that imports networkx.

A bipartite graph: actor nodes (``kind=actor``, ``actor_kind``, ``name``, ``country``) and
event nodes (``kind=event``, ``type``, ``date``, ``amount``, ...), edges carrying the
``role``; every node and edge keeps the ``article_ids`` it came from (";"-joined, since GraphML
and GEXF hold no lists). Plus the actor–actor projection weighted by shared events.

Written as ``graph.graphml``, ``graph.gexf`` (event dates as ``start``/``end`` so Gephi's
timeline works), ``graph.json`` (node-link), ``graph_actors.graphml`` (the projection),
``graph.html`` (:mod:`pipeline.output.html`) and ``graph.png`` (an overview of the busiest actors).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
from networkx.algorithms import bipartite

from ..corpus import Catalogue
from . import html
from .files import atomic_open
from .xmlgraph import gexf_lines, graphml_lines


def actor_node(actor_id: str) -> str:
    """Node id of an actor."""
    return f"actor:{actor_id}"


def event_node(event_id: str) -> str:
    """Node id of an event."""
    return f"event:{event_id}"


def build_graph(cat: Catalogue) -> nx.Graph:
    """The bipartite actor–event graph of a catalogue.

    >>> from pipeline.corpus import Catalogue
    >>> from pipeline.types import Actor, Event
    >>> cat = Catalogue({"a": Actor("a", "Acme", "organisation")},
    ...                 [Event("e", "art", "fine", "fined", 0, 10, "Acme was fined.")],
    ...                 [("e", "a", "target", "Acme", 0, 4, "")], {"a": ["art"]})
    >>> g = build_graph(cat)
    >>> g.edges["actor:a", "event:e"]["role"]
    'target'
    """
    g: nx.Graph = nx.Graph(name="newsgraph actor-event graph")
    involved = {link[1] for link in cat.roles}
    for aid in sorted(involved):
        a = cat.actors[aid]
        g.add_node(actor_node(aid), kind="actor", bipartite=0, actor_kind=a.kind, name=a.name,
                   label=a.name, country=a.country, aliases="; ".join(a.aliases),
                   sector=a.sector, n_mentions=a.n_mentions, n_events=a.n_events,
                   article_ids=";".join(cat.actor_articles.get(aid, [])))
    for e in cat.events:
        attrs: dict[str, Any] = dict(
            kind="event", bipartite=1, type=e.type, subtype=e.subtype, plover=e.plover,
            lemma=e.lemma, label=f"{e.subtype or e.type}: {e.trigger}", trigger=e.trigger,
            mode=e.mode, negated=e.negated, date=e.date_start, date_end=e.date_end,
            currency=e.currency, countries=" ".join(e.countries), location=e.location,
            location_country=e.location_country, sentence=e.sentence,
            article_ids=e.article_id)
        if e.amount is not None:
            attrs["amount"] = e.amount
        g.add_node(event_node(e.event_id), **attrs)
    article_of = {e.event_id: e.article_id for e in cat.events}
    for event_id, actor_id, role, mention, _, _, how in cat.roles:
        if event_id in article_of:
            g.add_edge(actor_node(actor_id), event_node(event_id), role=role, mention=mention,
                       resolved_from=how, article_ids=article_of[event_id])
    return g


def actor_projection(g: nx.Graph) -> nx.Graph:
    """Actor–actor graph: an edge per pair of actors sharing events, ``weight`` = how many."""
    actors = [n for n, d in g.nodes(data=True) if d.get("kind") == "actor"]
    if not actors or len(actors) == g.number_of_nodes():
        p: nx.Graph = nx.Graph()
        p.add_nodes_from(actors)
    else:
        p = bipartite.weighted_projected_graph(g, actors)
    # networkx builds the projection through sets: rebuild it in a stable order
    out: nx.Graph = nx.Graph()
    for n in sorted(p.nodes):
        out.add_node(n, **{k: v for k, v in g.nodes[n].items() if k != "bipartite"})
    for a, b in sorted(tuple(sorted(e)) for e in p.edges):
        out.add_edge(a, b, weight=p.edges[a, b]["weight"])
    return out


def _for_gexf(g: nx.Graph) -> list[tuple[str, dict[str, Any]]]:
    """The nodes with event dates as GEXF ``start``/``end``, for Gephi's timeline."""
    out = []
    for n, d in g.nodes(data=True):
        if d.get("kind") == "event" and d.get("date"):
            d = {**d, "start": d["date"], "end": d.get("date_end") or d["date"]}
        out.append((n, d))
    return out


def write_graphs(out: Path, cat: Catalogue) -> nx.Graph:
    """Write every graph file atomically; returns the graph."""
    g = build_graph(cat)
    write_xml(out, g)
    write_json(out, g)
    return g


def write_xml(out: Path, g: nx.Graph) -> None:
    """``graph.graphml`` and ``graph.gexf`` (event dates as the GEXF timeline)."""
    name = str(g.graph.get("name", ""))
    edges = list(g.edges(data=True))
    _write_lines(out / "graph.graphml", graphml_lines(list(g.nodes(data=True)), edges, name))
    _write_lines(out / "graph.gexf", gexf_lines(_for_gexf(g), edges, name))


def write_json(out: Path, g: nx.Graph) -> None:
    """``graph.json`` (node-link) and ``graph_actors.graphml`` (the projection)."""
    p = actor_projection(g)
    _write_lines(out / "graph_actors.graphml",
                 graphml_lines(list(p.nodes(data=True)), list(p.edges(data=True))))
    with atomic_open(out / "graph.json", newline="\n") as fh:
        fh.write(json.dumps(nx.node_link_data(g, edges="links"), ensure_ascii=False,
                            sort_keys=True))
        fh.write("\n")


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


def load_graph(out: Path) -> nx.Graph:
    """Read ``graph.json`` of an output folder back into networkx."""
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    return nx.node_link_graph(data, edges="links")


# networkx lays out up to 500 nodes with numpy alone (beyond, it needs scipy)
MAX_HTML_NODES = 450


def write_html(out: Path, g: nx.Graph, max_nodes: int = MAX_HTML_NODES) -> None:
    """Write ``graph.html`` for the busiest ``max_nodes`` nodes of ``g`` (seeded layout)."""
    h = _busiest(g, max_nodes)
    pos = nx.spring_layout(h, seed=11, iterations=100) if h.number_of_nodes() else {}
    nodes: list[dict[str, Any]] = []
    for n in sorted(h.nodes):
        d = {k: v for k, v in h.nodes[n].items() if k not in ("bipartite", "article_ids")}
        x, y = pos[n]
        nodes.append({"id": n, **d, "x": round(float(x) * 400, 1), "y": round(float(y) * 400, 1)})
    links = [{"source": a, "target": b, "role": h.edges[a, b].get("role", "")}
             for a, b in sorted(tuple(sorted(e)) for e in h.edges)]
    data = {"nodes": nodes, "links": links, "total": g.number_of_nodes(),
            "truncated": h.number_of_nodes() < g.number_of_nodes()}
    with atomic_open(out / "graph.html", newline="\n") as fh:
        fh.write(html.render(data))


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


def write_png(out: Path, g: nx.Graph, top: int = 15) -> None:
    """An overview of the busiest actors and their events, for reports (matplotlib, Agg)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    actors = sorted((n for n, d in g.nodes(data=True) if d.get("kind") == "actor"),
                    key=lambda n: (-g.degree(n), n))[:top]
    keep = set(actors) | {e for a in actors for e in sorted(g.neighbors(a))[:15]}
    h = _induced(g, keep)
    fig, ax = plt.subplots(figsize=(12, 9), dpi=100)
    if h.number_of_nodes():
        pos = nx.spring_layout(h, seed=7, k=0.6)
        ev = [n for n in h if h.nodes[n].get("kind") == "event"]
        nx.draw_networkx_edges(h, pos, ax=ax, alpha=0.3)
        nx.draw_networkx_nodes(h, pos, nodelist=ev, node_size=30, node_color="#bbbbbb", ax=ax)
        nx.draw_networkx_nodes(h, pos, nodelist=actors, node_color="#1f77b4", ax=ax,
                               node_size=[80 + 40 * h.degree(a) for a in actors])
        nx.draw_networkx_labels(h, pos, labels={a: h.nodes[a]["name"] for a in actors},
                                font_size=9, ax=ax)
    ax.set_title(f"Busiest {len(actors)} actors and their events")
    ax.axis("off")
    with atomic_open(out / "graph.png", binary=True) as fh:
        fig.savefig(fh, format="png", bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)


def betweenness(g: nx.Graph) -> dict[str, float]:
    """Betweenness centrality of the actors in the actor–actor projection."""
    p = actor_projection(g)
    return nx.betweenness_centrality(p, weight=None) if p.number_of_nodes() else {}


def shortest_path(g: nx.Graph, a: str, b: str) -> list[str] | None:
    """Nodes on a shortest path from ``a`` to ``b`` (actors and events alternate), or None."""
    try:
        return list(nx.shortest_path(g, a, b))
    except nx.NetworkXNoPath:
        return None
