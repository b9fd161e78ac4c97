"""``graph.html``: one self-contained page to explore the actor–event graph offline.

No network: every script and style is inline and a Content-Security-Policy forbids any other
source. Every string from the news goes in as JSON data (``<``, ``>`` and ``&`` escaped) and
reaches the page through ``textContent``, never as HTML. The layout is computed with networkx
(seeded, so the page is the same on every run); the page draws it on a canvas with
pan, zoom, search, a filter by event type and a details panel for the clicked node.
The layout and the choice of nodes (the busiest part of a large graph) come from
:func:`pipeline.output.graph.write_html`.
"""

from __future__ import annotations

import json
from typing import Any

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsgraph: actors and events</title>
<style>
body{margin:0;font:14px system-ui,sans-serif;display:flex;height:100vh;color:#222}
#side{width:340px;overflow:auto;border-right:1px solid #ddd;padding:10px;box-sizing:border-box}
#main{flex:1;position:relative}canvas{width:100%;height:100%;display:block;cursor:grab}
input,select{width:100%;margin:4px 0 8px;padding:4px;box-sizing:border-box}
h1{font-size:16px;margin:0 0 8px}h2{font-size:14px;margin:12px 0 4px}
.ev{border-top:1px solid #eee;padding:4px 0}.muted{color:#777;font-size:12px}
#status{position:absolute;right:8px;bottom:6px;color:#777;font-size:12px}
li{cursor:pointer}
#legend div{font-size:12px;margin:1px 0}#legend span{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:6px}
</style>
</head>
<body>
<div id="side">
<h1>newsgraph explorer</h1>
<label>Search an actor <input id="search" list="names" placeholder="name"></label>
<datalist id="names"></datalist>
<label>Event type <select id="type"><option value="">all</option></select></label>
<div id="details"><p class="muted">Click a node for its details and source sentences.
Drag to pan, wheel to zoom.</p></div>
<h2>Legend</h2><div id="legend"></div>
<h2>Busiest actors</h2><ol id="top"></ol>
</div>
<div id="main"><canvas id="c"></canvas><div id="status">loading</div></div>
<script type="application/json" id="data">__DATA__</script>
<script>
"use strict";
const D = JSON.parse(document.getElementById("data").textContent);
const canvas = document.getElementById("c"), ctx = canvas.getContext("2d");
const byId = new Map(D.nodes.map(n => [n.id, n]));
const adj = new Map(D.nodes.map(n => [n.id, []]));
for (const e of D.links) { adj.get(e.source).push([e.target, e.role]); adj.get(e.target).push([e.source, e.role]); }
const colours = {organisation: "#1f77b4", person: "#2ca02c", country: "#d62728", product: "#9467bd", agent: "#8c564b", place: "#7f7f7f", index: "#bcbd22", currency: "#17becf", security: "#e377c2"};
const palette = ["#17becf", "#bcbd22", "#e377c2", "#7f7f7f", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d"];
const eventTypes = [...new Set(D.nodes.filter(n => n.kind === "event").map(n => n.type))].sort();
const typeColours = new Map(eventTypes.map((t, i) => [t, palette[i % palette.length]]));
function colourOf(n) { return n.kind === "event" ? (typeColours.get(n.type) || "#999") : (colours[n.actor_kind] || "#555"); }
let view = {x: 0, y: 0, k: 1}, selected = null, typeFilter = "", drag = null;
function el(tag, text, cls) { const x = document.createElement(tag); if (text !== undefined) x.textContent = text; if (cls) x.className = cls; return x; }
function visible(n) {
  if (!typeFilter) return true;
  if (n.kind === "event") return n.type === typeFilter;
  return adj.get(n.id).some(([m]) => byId.get(m).type === typeFilter);
}
function resize() { canvas.width = canvas.clientWidth * devicePixelRatio; canvas.height = canvas.clientHeight * devicePixelRatio; draw(); }
function toScreen(n) { return [(n.x * view.k + view.x) * devicePixelRatio + canvas.width / 2, (n.y * view.k + view.y) * devicePixelRatio + canvas.height / 2]; }
function draw() {
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.strokeStyle = "rgba(0,0,0,0.15)";
  for (const e of D.links) {
    const a = byId.get(e.source), b = byId.get(e.target);
    if (!visible(a) || !visible(b)) continue;
    const [x1, y1] = toScreen(a), [x2, y2] = toScreen(b);
    ctx.beginPath(); ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); ctx.stroke();
  }
  let shown = 0;
  for (const n of D.nodes) {
    if (!visible(n)) continue;
    shown++;
    const [x, y] = toScreen(n);
    const r = (n.kind === "event" ? 3 : 4 + Math.sqrt(adj.get(n.id).length) * 2) * devicePixelRatio;
    ctx.fillStyle = colourOf(n);
    if (selected && (selected === n.id)) ctx.fillStyle = "#ff7f0e";
    ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI); ctx.fill();
    if (n.kind === "actor" && (view.k > 1.5 || adj.get(n.id).length > 3)) {
      ctx.fillStyle = "#222"; ctx.font = (11 * devicePixelRatio) + "px sans-serif";
      ctx.fillText(n.name, x + r + 2, y + 3);
    }
  }
  const status = document.getElementById("status");
  status.textContent = shown + " nodes drawn" + (D.truncated ? " (busiest part of " + D.total + ")" : "");
  status.dataset.resources = performance.getEntriesByType("resource").length;
}
function show(id) {
  selected = id; const n = byId.get(id), box = document.getElementById("details");
  box.replaceChildren();
  if (n.kind === "actor") {
    box.append(el("h2", n.name), el("div", n.actor_kind + (n.country ? " · " + n.country : ""), "muted"));
    if (n.aliases) box.append(el("div", "also: " + n.aliases, "muted"));
    const evs = adj.get(id).map(([m, role]) => [byId.get(m), role]).sort((a, b) => (a[0].date || "").localeCompare(b[0].date || ""));
    for (const [ev, role] of evs) {
      const d = el("div", undefined, "ev");
      d.append(el("div", (ev.date || "undated") + " · " + ev.type + " · " + role, "muted"), el("div", ev.sentence));
      d.onclick = () => show(ev.id); box.append(d);
    }
  } else {
    box.append(el("h2", n.label), el("div", (n.date || "undated") + (n.amount !== undefined ? " · " + n.amount + " " + n.currency : ""), "muted"), el("p", n.sentence));
    const ul = el("ul");
    for (const [m, role] of adj.get(id)) { const li = el("li", byId.get(m).name + " (" + role + ")"); li.onclick = () => show(m); ul.append(li); }
    box.append(ul);
  }
  const [x, y] = [n.x, n.y]; view.x = -x * view.k; view.y = -y * view.k; draw();
}
canvas.onmousedown = ev => { drag = {x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, moved: false}; };
window.onmouseup = ev => {
  if (drag && !drag.moved) {
    const r = canvas.getBoundingClientRect(), px = (ev.clientX - r.left) * devicePixelRatio, py = (ev.clientY - r.top) * devicePixelRatio;
    let best = null, bd = 100 * devicePixelRatio * devicePixelRatio;
    for (const n of D.nodes) { if (!visible(n)) continue; const [x, y] = toScreen(n); const d = (x - px) ** 2 + (y - py) ** 2; if (d < bd) { bd = d; best = n.id; } }
    if (best) show(best);
  }
  drag = null;
};
window.onmousemove = ev => { if (!drag) return; drag.moved = true; view.x = drag.vx + ev.clientX - drag.x; view.y = drag.vy + ev.clientY - drag.y; draw(); };
canvas.onwheel = ev => { ev.preventDefault(); const f = ev.deltaY < 0 ? 1.2 : 1 / 1.2; view.k *= f; view.x *= f; view.y *= f; draw(); };
function legendRow(colour, text) { const d = el("div", text), sw = el("span"); sw.style.background = colour; d.prepend(sw); return d; }
const legend = document.getElementById("legend");
const count = (f) => D.nodes.filter(f).length;
for (const kind of Object.keys(colours)) { const k = count(n => n.kind === "actor" && n.actor_kind === kind); if (k) legend.append(legendRow(colours[kind], kind + " (" + k + ")")); }
for (const t of eventTypes) legend.append(legendRow(typeColours.get(t), "event: " + t + " (" + count(n => n.kind === "event" && n.type === t) + ")"));
const types = [...new Set(D.nodes.filter(n => n.kind === "event").map(n => n.type))].sort();
for (const t of types) { const o = el("option", t); o.value = t; document.getElementById("type").append(o); }
document.getElementById("type").onchange = ev => { typeFilter = ev.target.value; draw(); };
const actors = D.nodes.filter(n => n.kind === "actor").sort((a, b) => adj.get(b.id).length - adj.get(a.id).length);
for (const a of actors) { const o = el("option"); o.value = a.name; document.getElementById("names").append(o); }
for (const a of actors.slice(0, 15)) { const li = el("li", a.name + " (" + adj.get(a.id).length + ")"); li.onclick = () => show(a.id); document.getElementById("top").append(li); }
document.getElementById("search").onchange = ev => {
  const q = ev.target.value.toLowerCase(); const hit = actors.find(a => a.name.toLowerCase() === q) || actors.find(a => a.name.toLowerCase().includes(q));
  if (hit) show(hit.id);
};
window.onresize = resize; resize();
</script>
</body>
</html>
"""


def render(data: dict[str, Any]) -> str:
    """The explorer page for graph ``data``: ``nodes`` (with ``x``, ``y``), ``links``,
    ``truncated`` and ``total``. Strings are escaped for a ``<script>`` element.

    >>> "<b>" in render({"nodes": [{"id": "a", "name": "<b>"}], "links": []})
    False
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # inside <script>: no "</script>", no "<!--"; & too, for good measure
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return _TEMPLATE.replace("__DATA__", text)
