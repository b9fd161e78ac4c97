"""``graph.html``: one self-contained page to explore the actor–event graph offline.

No network: every script and style is inline and a Content-Security-Policy forbids any other
source. Every string from the news goes in as JSON data (``<``, ``>`` and ``&`` escaped) and
reaches the page through ``textContent``, never as HTML. The page (``explorer.html``) draws:

* the busiest part of the graph, laid out by networkx (seeded, so the page is the same on
  every run; :func:`pipeline.output.graph.write_html` chooses the part);
* from a compact index of every actor and event of the folder (:func:`page_index`; capped,
  with a note on the page when it is), the neighbourhood of any actor searched, every event
  of a type (the true count beside it), and the actors linked by shared events or by the
  articles that mention both, each laid out in the page.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from importlib.resources import files
from typing import Any

from ..corpus import Catalogue
from ..events.lexicon import lexicon

#: the role of an actor in an event, as the page's index writes it
ROLE_CODES = {"source": 0, "target": 1, "other": 2, "location": 3}


@cache
def _template() -> str:
    return files("pipeline.output").joinpath("explorer.html").read_text(encoding="utf-8")


def render(data: dict[str, Any]) -> str:
    """The explorer page for ``data``: ``drawn`` (the laid-out part: ``nodes`` with ``x``,
    ``y``, ``links``), ``total``, ``truncated`` and ``index`` (:func:`page_index`). Strings
    are escaped for a ``<script>`` element.

    >>> "<b>" in render({"drawn": {"nodes": [{"id": "a", "name": "<b>"}], "links": []}})
    False
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # inside <script>: no "</script>", no "<!--"; & too, for good measure
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return _template().replace("__DATA__", text)


def money_text(amount: float | None, currency: str) -> str:
    """An amount as people read it: thousands separated, then its currency.

    >>> money_text(1800000000.0, "EUR"), money_text(2.5, "USD"), money_text(None, "")
    ('1,800,000,000 EUR', '2.50 USD', '')
    """
    if amount is None:
        return ""
    number = f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"
    return f"{number} {currency}".strip()


def page_index(cat: Catalogue, max_events: int, max_actors: int, sentence_chars: int,
               max_articles: int) -> dict[str, Any]:
    """Every actor that takes part in an event (the busiest ``max_actors``, each with how
    many articles it is in and which of the newest dumps' ``max_articles`` articles) and
    every event (the newest ``max_events``), compactly, with the true counts by actor kind
    and event type and what the caps left out (``capped``: kept and total; ``articles``:
    the articles of the actors' lists, when not every one)."""
    acting = sorted((a for a in cat.actors.values() if a.n_events),
                    key=lambda a: (-a.n_events, a.actor_id))
    kept_actors = acting[:max_actors]
    actor_at = {a.actor_id: i for i, a in enumerate(kept_actors)}
    articles: dict[str, int] = {}
    article_rows: list[list[str]] = []

    def article(article_id: str) -> int:
        if article_id not in articles:
            articles[article_id] = len(article_rows)
            article_rows.append(["", "", ""])
        return articles[article_id]

    kept, type_counts = cat.newest_event_parties(max_events)
    event_at = {row.event.event_id: i for i, row in enumerate(kept)}
    links: list[list[list[int]]] = [[] for _ in kept]
    for actor_id, event_id, role in cat.roles_among(actor_at, event_at):
        links[event_at[event_id]].append([actor_at[actor_id], ROLE_CODES.get(str(role), 2)])
    events = []
    for row, parties in zip(kept, links, strict=True):
        e = row.event
        at = article(e.article_id)
        article_rows[at] = [row.title, row.source, row.url]
        sentence = e.sentence if len(e.sentence) <= sentence_chars else \
            e.sentence[:sentence_chars - 1] + "…"
        events.append([e.event_id, e.type, e.subtype, e.trigger, e.date_start, sentence,
                       money_text(e.amount, e.currency), at, parties])
    recent = cat.recent_articles(max_articles)
    articles_of = cat.articles_by_actor((a.actor_id for a in kept_actors), recent)
    actors = [[a.actor_id, a.name, a.kind, a.country, "; ".join(a.aliases), a.n_events,
               [article(x) for x in articles_of[a.actor_id]], a.n_articles]
              for a in kept_actors]
    groups = {f: list(ts) for f, ts in lexicon().families}
    known = {t for ts in groups.values() for t in ts}
    groups["other"] = [*groups.get("other", []), *sorted(set(type_counts) - known)]
    return {"actors": actors, "events": events, "articles": article_rows,
            "kind_counts": dict(Counter(a.kind for a in acting).most_common()),
            "type_counts": dict(sorted(type_counts.items())),
            "families": [[f, ts] for f, ts in groups.items() if ts],
            "capped": {"events": [len(kept), sum(type_counts.values())],
                       "actors": [len(kept_actors), len(acting)],
                       **({} if recent is None else {"articles": len(recent)})}}
