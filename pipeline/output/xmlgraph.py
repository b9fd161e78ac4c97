"""GraphML and GEXF written as a stream of lines (networkx builds a whole XML tree first,
which takes most of the output time on a large graph). The files are what networkx writes and
reads: a test reads them back with ``networkx.read_graphml`` and ``read_gexf``.

Input: ``(node id, attributes)`` and ``(source, target, attributes)`` in the order to write.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

Node = tuple[str, Mapping[str, Any]]
Edge = tuple[str, str, Mapping[str, Any]]
# characters XML 1.0 cannot hold (a text with control characters must still give a valid file)
_INVALID_XML = str.maketrans({c: None for c in [*map(chr, range(9)), "\x0b", "\x0c",
                                                *map(chr, range(14, 32)), "\ufffe", "\uffff"]})


# anything _text, escape or quoteattr would change (most values need none of it)
_SPECIAL = re.compile("[\x00-\x1f&<>\"\ufffe\uffff]")


def _text(value: Any) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    text = str(value)
    return text.translate(_INVALID_XML) if _SPECIAL.search(text) else text


def escape(text: str) -> str:
    """Text escaped for an XML element."""
    if not _SPECIAL.search(text):
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(text: str) -> str:
    """Text quoted and escaped for an XML attribute."""
    if not _SPECIAL.search(text):
        return '"' + text + '"'
    return '"' + escape(text).replace('"', "&quot;").replace("\n", "&#10;").replace(
        "\r", "&#13;").replace("\t", "&#9;") + '"'


def _kinds(items: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Each attribute's XML type over all items: boolean, long, double or string."""
    kinds: dict[str, str] = {}
    for attrs in items:
        for k, v in attrs.items():
            new = ("boolean" if isinstance(v, bool) else "long" if isinstance(v, int)
                   else "double" if isinstance(v, float) else "string")
            old = kinds.get(k, new)
            if old != new:
                new = "double" if {old, new} <= {"long", "double"} else "string"
            kinds[k] = new
    return kinds


def _typed(nodes: Iterable[Node], edges: Iterable[Edge], node_kinds: Mapping[str, str] | None,
           edge_kinds: Mapping[str, str] | None
           ) -> tuple[Iterable[Node], Iterable[Edge], Mapping[str, str], Mapping[str, str]]:
    """The attribute types as given, or worked out from the items (then read as lists)."""
    if node_kinds is None:
        nodes = list(nodes)
        node_kinds = _kinds(a for _, a in nodes)
    if edge_kinds is None:
        edges = list(edges)
        edge_kinds = _kinds(a for _, _, a in edges)
    return nodes, edges, node_kinds, edge_kinds


def graphml_lines(nodes: Iterable[Node], edges: Iterable[Edge], name: str = "",
                  node_kinds: Mapping[str, str] | None = None,
                  edge_kinds: Mapping[str, str] | None = None) -> Iterator[str]:
    """The lines of a GraphML file (undirected). Without the attribute types, they are
    worked out from the nodes and edges (which are then read twice: pass lists)."""
    nodes, edges, node_kinds, edge_kinds = _typed(nodes, edges, node_kinds, edge_kinds)
    keys: dict[tuple[str, str], str] = {}
    yield "<?xml version='1.0' encoding='utf-8'?>"
    yield ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">')
    for scope, kinds in (("node", node_kinds), ("edge", edge_kinds)):
        for attr, kind in kinds.items():
            keys[(scope, attr)] = key = f"d{len(keys)}"
            yield (f'  <key id="{key}" for="{scope}" attr.name={quoteattr(attr)} '
                   f'attr.type="{kind}" />')
    if name:
        yield '  <key id="name" for="graph" attr.name="name" attr.type="string" />'
    yield '  <graph edgedefault="undirected">'
    if name:
        yield f'    <data key="name">{escape(_text(name))}</data>'
    for node, attrs in nodes:
        data = "".join(f'<data key="{keys[("node", k)]}">{escape(_text(v))}</data>'
                       for k, v in attrs.items() if ("node", k) in keys)
        yield f"    <node id={quoteattr(_text(node))}>{data}</node>"
    for a, b, attrs in edges:
        data = "".join(f'<data key="{keys[("edge", k)]}">{escape(_text(v))}</data>'
                       for k, v in attrs.items())
        yield f"    <edge source={quoteattr(_text(a))} target={quoteattr(_text(b))}>{data}</edge>"
    yield "  </graph>"
    yield "</graphml>"


def gexf_lines(nodes: Iterable[Node], edges: Iterable[Edge], name: str = "",
               node_kinds: Mapping[str, str] | None = None,
               edge_kinds: Mapping[str, str] | None = None) -> Iterator[str]:
    """The lines of a GEXF 1.2 file in dynamic mode: a node's ``start``/``end`` attributes
    (dates) become its time interval, for Gephi's timeline."""
    dyn = ("start", "end")
    nodes, edges, node_kinds, edge_kinds = _typed(nodes, edges, node_kinds, edge_kinds)
    node_kinds = {k: v for k, v in node_kinds.items() if k not in dyn and k != "label"}
    node_ids = {k: str(i) for i, k in enumerate(node_kinds)}
    edge_ids = {k: str(i + len(node_ids)) for i, k in enumerate(edge_kinds)}
    yield "<?xml version='1.0' encoding='utf-8'?>"
    yield ('<gexf xmlns="http://www.gexf.net/1.2draft" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://www.gexf.net/1.2draft '
           'http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">')
    yield "  <meta>"
    yield "    <creator>newsgraph</creator>"
    yield "  </meta>"
    yield (f'  <graph defaultedgetype="undirected" mode="dynamic" name={quoteattr(_text(name))} '
           f'timeformat="date">')
    for scope, kinds, ids in (("node", node_kinds, node_ids), ("edge", edge_kinds, edge_ids)):
        yield f'    <attributes mode="static" class="{scope}">'
        for attr, kind in kinds.items():
            yield f'      <attribute id="{ids[attr]}" title={quoteattr(attr)} type="{kind}" />'
        yield "    </attributes>"
    yield "    <nodes>"
    for node, attrs in nodes:
        label = attrs.get("label", node)
        when = "".join(f" {k}={quoteattr(_text(attrs[k]))}" for k in dyn if attrs.get(k))
        values = "".join(f'<attvalue for="{node_ids[k]}" value={quoteattr(_text(v))} />'
                         for k, v in attrs.items() if k in node_ids)
        yield (f"      <node id={quoteattr(_text(node))} label={quoteattr(_text(label))}{when}>"
               f"<attvalues>{values}</attvalues></node>")
    yield "    </nodes>"
    yield "    <edges>"
    for i, (a, b, attrs) in enumerate(edges):
        values = "".join(f'<attvalue for="{edge_ids[k]}" value={quoteattr(_text(v))} />'
                         for k, v in attrs.items() if k in edge_ids)
        yield (f'      <edge source={quoteattr(_text(a))} target={quoteattr(_text(b))} '
               f'id="{i}"><attvalues>{values}</attvalues></edge>')
    yield "    </edges>"
    yield "  </graph>"
    yield "</gexf>"
