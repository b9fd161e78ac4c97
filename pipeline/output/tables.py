"""The rows of the CSV and JSONL outputs, built from the store and the corpus view, and the
columns each file has."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import fields
from typing import Any

from ..corpus import Catalogue, EventParties
from ..normalize.rates import convert
from ..types import Mention

ARTICLE_COLUMNS = (
    "article_id", "source", "source_id", "position", "title", "published", "date_source",
    "n_words", "url", "encoding", "line_start", "line_end", "sources", "language",
)
ARTICLE_JSON_FIELDS = (
    "article_id", "title", "text", "published", "date_source", "source", "source_id",
    "position", "url", "sources", "language",
)


def json_rows(rows: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    """Rows of ``articles.jsonl`` from those of ``articles.csv``: its sources a list."""
    for row in rows:
        out = dict(row)
        out["sources"] = (row.get("sources") or "").split(" | ")
        yield out


ENTITY_COLUMNS = (
    "article_id", "start", "end", "text", "label", "norm", "country", "date_start", "date_end",
    "date_granularity", "amount", "currency", "qualifier", "unresolved", "amount_high",
    "amount_eur", "amount_usd",
)


_MENTION_FIELDS = tuple(f.name for f in fields(Mention))


def entity_rows(cat: Catalogue, published: Mapping[str, str],
                articles: Collection[str] | None = None) -> Iterator[dict[str, Any]]:
    """Rows of ``entities.csv``: every mention (of ``articles`` if given) with
    the folder's decisions applied; an amount also in euros and US dollars at its article's
    ``published`` date."""
    for m in cat.iter_mentions(articles):
        row = {f: getattr(m, f) for f in _MENTION_FIELDS}
        if m.amount is not None:
            row["amount_eur"], row["amount_usd"] = convert(
                m.amount, m.currency, published.get(m.article_id, ""))
        yield row


ACTOR_COLUMNS = ("actor_id", "name", "kind", "country", "aliases", "n_mentions", "n_articles",
                 "n_events", "sector")
EVENT_COLUMNS = ("event_id", "article_id", "type", "subtype", "plover", "lemma", "trigger",
                 "source_actors", "target_actors", "start", "end", "mode", "negated",
                 "date_start", "date_end", "amount", "currency", "amount_eur", "amount_usd",
                 "countries", "location", "location_country", "sentence", "source_ids",
                 "target_ids", "title", "url", "article_source")
EVENT_ACTOR_COLUMNS = ("event_id", "actor_id", "role", "mention", "start", "end",
                       "resolved_from")


def actor_rows(cat: Catalogue) -> Iterator[dict[str, Any]]:
    """Rows of ``actors.csv``, busiest first, then by name."""
    for a in sorted(cat.actors.values(), key=lambda a: (-a.n_events, -a.n_mentions, a.name,
                                                         a.actor_id)):
        yield {"actor_id": a.actor_id, "name": a.name, "kind": a.kind, "country": a.country,
               "aliases": "; ".join(a.aliases), "n_mentions": a.n_mentions,
               "n_articles": a.n_articles, "n_events": a.n_events, "sector": a.sector}


def event_rows(cat: Catalogue, published: Mapping[str, str] | None = None,
               articles: Collection[str] | None = None) -> Iterator[dict[str, Any]]:
    """Rows of ``events.csv`` (of ``articles`` if given), in article order, with who did it
    to whom (:func:`parties`); an amount also in euros and US dollars at its article's
    ``published`` date."""
    for row in cat.iter_event_parties(articles):
        e = row.event
        eur, usd = convert(e.amount, e.currency, (published or {}).get(e.article_id, ""))
        yield {**parties(row), "amount_eur": eur, "amount_usd": usd, "event_id": e.event_id,
               "article_id": e.article_id, "type": e.type,
               "subtype": e.subtype, "plover": e.plover, "lemma": e.lemma,
               "trigger": e.trigger, "start": e.start, "end": e.end, "mode": e.mode,
               "negated": "true" if e.negated else "false", "date_start": e.date_start,
               "date_end": e.date_end, "amount": e.amount, "currency": e.currency,
               "countries": " ".join(e.countries), "location": e.location,
               "location_country": e.location_country, "sentence": e.sentence}


def parties(row: EventParties) -> dict[str, str]:
    """Who did it to whom (names and ids, "; "-joined in the same order) and where it was
    read: the columns ``events.csv`` and the graph's event nodes add to an event."""
    return {"source_actors": "; ".join(a.name for a in row.sources),
            "target_actors": "; ".join(a.name for a in row.targets),
            "source_ids": "; ".join(a.actor_id for a in row.sources),
            "target_ids": "; ".join(a.actor_id for a in row.targets),
            "title": row.title, "url": row.url, "article_source": row.source}


def event_actor_rows(cat: Catalogue, articles: Collection[str] | None = None
                     ) -> Iterator[dict[str, Any]]:
    """Rows of ``event_actors.csv`` (of ``articles`` if given)."""
    for k in cat.iter_roles(articles):
        yield {"event_id": k.event_id, "actor_id": k.actor_id, "role": str(k.role),
               "mention": k.mention, "start": k.start, "end": k.end,
               "resolved_from": k.resolved_from, "article_id": k.article_id}
