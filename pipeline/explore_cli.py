"""``newsgraph explore``: queries over the actor–event graph of an output folder, printed
for people (a table) or for programs (``--json``, ``--csv``)."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

import click

from .clikit import date_option, emit, fail, format_options, money, printable
from .errors import NewsgraphError
from .settings import DEFAULT_OUT

#: the columns of an event row in ``--csv``
EVENT_COLUMNS = ("date", "type", "trigger", "sources", "targets", "others", "amount",
                 "currency", "sentence", "title", "source", "url", "event_id")

#: the events of an actor ``explore actor`` shows unless asked for more
ACTOR_EVENTS = 50

_OUT = click.option("--out", default=str(DEFAULT_OUT), show_default=True,
                    help="Output folder.")
_LIMIT = click.option("--limit", "-n", "limit", default=None, type=click.IntRange(1),
                      help="Show at most this many rows.")
_NAMED = click.option("--named-only", is_flag=True,
                      help="Leave out generic actors (people, the company, officials).")


@click.group("explore")
def explore_group() -> None:
    """Query the actor-event graph of an output folder (built by 'newsgraph run')."""


def _explorer(out: str, named_only: bool = False) -> Any:
    from .output.explore import Explorer

    try:
        e = Explorer.open(out)
    except NewsgraphError as exc:
        fail(str(exc))
    return e.named() if named_only else e


def _event_lines(r: dict[str, Any], indent: str = "") -> list[str]:
    """An event for people: date, type, trigger word, who did it to whom, amount; then its
    sentence and where it was read."""
    who = "; ".join(f"{', '.join(r[k])} ({role})" for k, role in (
        ("sources", "source"), ("targets", "target"), ("others", "other")) if r[k])
    amount = money(r["amount"], r["currency"])
    head = (f"{r['date'] or 'undated':10}  {r['type']:13} \"{r['trigger']}\""
            f"{'  ' + amount if amount else ''}{'  ' + who if who else ''}")
    where = " | ".join(x for x in (r["title"], r["source"]) if x)
    return [printable(x) for x in (indent + head, f"{indent}    {r['sentence']}",
                                   f"{indent}    in: {where}" if where else "") if x]


@explore_group.command("top")
@_OUT
@click.option("--by", type=click.Choice(["events", "mentions", "degree", "betweenness"]),
              default="events", show_default=True)
@click.option("--limit", "-n", "n", default=10, show_default=True,
              type=click.IntRange(1, 10000), help="How many actors.")
@_NAMED
@format_options
def explore_top(out: str, by: str, n: int, named_only: bool, fmt: str) -> None:
    """The top actors by events, mentions, degree (co-actors) or betweenness."""
    rows = [{"rank": i, "name": name, "kind": kind, "score": score} for i, (name, kind, score)
            in enumerate(_explorer(out, named_only).top(by, n), start=1)]
    if emit(rows, ("rank", "name", "kind", "score"), fmt):
        return
    for r in rows:
        value = f"{r['score']:.4f}" if by == "betweenness" else str(int(r["score"]))
        click.echo(printable(f"{r['rank']:>3}  {value:>8}  {r['name']} ({r['kind']})"))


@explore_group.command("actor")
@click.argument("name")
@_OUT
@click.option("--limit", "-n", "limit", default=ACTOR_EVENTS, show_default=True,
              type=click.IntRange(1), help="Show the actor's newest this many events.")
@format_options
def explore_actor(name: str, out: str, limit: int, fmt: str) -> None:
    """One actor: aliases, country, its newest events and closest co-actors."""
    try:
        p = _explorer(out).profile(name, limit)
    except NewsgraphError as exc:  # no such actor, or several
        fail(str(exc))
    timeline = p["timeline"]
    if p["n_events"] > len(timeline):
        click.echo(f"showing the newest {len(timeline)} of {p['n_events']} (--limit)", err=True)
    if fmt == "json":
        click.echo(json.dumps(p, indent=2, ensure_ascii=False))
        return
    if emit(timeline, ("role", *EVENT_COLUMNS), fmt):
        return
    click.echo(printable(f"{p['name']} ({p['kind']}{', ' + p['country'] if p['country'] else ''})"))
    if p["aliases"]:
        click.echo(printable(f"also: {p['aliases']}"))
    click.echo(f"events: {p['n_events']}")
    for t in timeline:
        for line in _event_lines(t | {"type": f"{t['type']} [{t['role']}]"}, "  "):
            click.echo(line)
    if p["co_actors"]:
        click.echo(printable("closest co-actors: " + ", ".join(
            f"{n} ({k})" for n, k in p["co_actors"])))


@explore_group.command("events")
@_OUT
@click.option("--type", "type_",
              help="Event type, subtype or PLOVER code (sanction, fine, acquire, SANCTION, ...).")
@click.option("--actor", help="Only the events of this actor (a name or alias).")
@click.option("--country", help="ISO 3166-1 alpha-2 code (EU for the European Union).")
@click.option("--since", callback=date_option, metavar="YYYY-MM-DD")
@click.option("--until", callback=date_option, metavar="YYYY-MM-DD")
@_LIMIT
@format_options
def explore_events(out: str, type_: str | None, actor: str | None, country: str | None,
                   since: date | None, until: date | None, limit: int | None,
                   fmt: str) -> None:
    """Events by type, actor, country and date."""
    try:
        rows, total = _explorer(out).events_page(type_, country,
                                                 since.isoformat() if since else None,
                                                 until.isoformat() if until else None, actor,
                                                 limit)
    except NewsgraphError as exc:  # an unknown type or actor
        fail(str(exc))
    if len(rows) < total:
        click.echo(f"showing {len(rows)} of {total} (--limit)", err=True)
    if emit(rows, EVENT_COLUMNS, fmt):
        return
    for r in rows:
        for line in _event_lines(r):
            click.echo(line)
    click.echo(f"{total} event(s)", err=True)


@explore_group.command("path")
@click.argument("a")
@click.argument("b")
@_OUT
@_NAMED
@format_options
def explore_path(a: str, b: str, out: str, named_only: bool, fmt: str) -> None:
    """How two actors connect through events."""
    try:
        steps = _explorer(out, named_only).path(a, b)
    except NewsgraphError as exc:
        fail(str(exc))
    if steps is None:
        click.echo(f"{a} and {b} are not connected"
                   + (" through named actors" if named_only else ""), err=True)
        sys.exit(1)
    if emit(steps, ("actor", "kind", *EVENT_COLUMNS), fmt):
        return
    for s in steps:
        if "actor" in s:
            click.echo(printable(f"{s['actor']} ({s['kind']})"))
        else:
            for line in _event_lines(s, "  "):
                click.echo(line)
