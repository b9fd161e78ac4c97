"""Stage 4: events. A sentence with a trigger from ``models/event_taxonomy.json`` and at least
one actor (an organisation, a person, or a place or demonym that resolves to a country)
becomes an event per trigger type in its main clause.

Steps, per batch of articles:

1. split each article into sentences and keep those with a trigger and an actor
   (:func:`~pipeline.events.candidates.find_candidates`, pure and cheap);
2. parse only those where two or more actors meet (:func:`pipeline.nlp.parse`; no whole
   article is parsed; a lone actor's role comes from word order,
   :func:`~pipeline.events.roles.heuristic_role`);
3. keep the triggers of the main clause (:func:`~pipeline.events.roles.main_clause_triggers`;
   a "statement" only when nothing else happens there);
4. give each actor a role from the parse (:func:`~pipeline.events.roles.assign_roles`): the
   subject of the trigger's verb acts (``source``), its object or passive subject is acted on
   (``target``), "by X" in the passive acts, "an investigation into X" / "a fine on X"
   targets X; anything else is ``other``;
5. date the event by the date in the sentence nearest the trigger (else the article's date),
   with the nearest amount and the countries named in the sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..types import Event, Mention, Participant, Tok, content_id
from .candidates import Candidate, is_actor
from .roles import assign_roles, heuristic_role, main_clause_triggers


def needs_parse(cand: Candidate) -> bool:
    """Only sentences where two or more actors meet are worth a parse."""
    return sum(1 for m in cand.mentions if is_actor(m)) >= 2


def _nearest(ms: Sequence[Mention], off: int) -> Mention | None:
    return min(ms, key=lambda m: abs(m.start - off), default=None)


def build_events(cand: Candidate, parsed: Sequence[Tok] | None,
                 published: date | None) -> tuple[list[Event], list[Participant]]:
    """Events and participants of one candidate sentence (steps 3-5); ``parsed`` is None
    for a sentence with a single actor, which gets :func:`heuristic_role`."""
    actors = [m for m in cand.mentions if is_actor(m)]
    dates = [m for m in cand.mentions if m.label in ("DATE", "TIME") and m.date_start]
    money = [m for m in cand.mentions if m.label == "MONEY" and m.amount is not None]
    countries = tuple(sorted({m.country for m in cand.mentions if m.country}))
    events, parts = [], []
    # without a parse the clauses are unknown: the taxonomy's first type stands for the sentence
    triggers = main_clause_triggers(cand, parsed) if parsed else cand.triggers[:1]
    for etype, t_start, _t_end, trigger in triggers:
        event_id = content_id(cand.article_id, str(cand.start), etype)
        d = _nearest(dates, t_start)
        pub = published.isoformat() if published else ""
        m = _nearest(money, t_start)
        events.append(Event(
            event_id=event_id, article_id=cand.article_id, type=etype, trigger=trigger,
            start=cand.start, end=cand.end, sentence=" ".join(cand.sentence.split()),
            date_start=d.date_start if d else pub, date_end=d.date_end if d else pub,
            amount=m.amount if m else None, currency=m.currency if m else "",
            countries=countries,
        ))
        spans = [(a.start - cand.start, a.end - cand.start) for a in actors]
        if parsed is None:
            roles = [heuristic_role(cand.sentence, t_start - cand.start, s, e) for s, e in spans]
        else:
            roles = assign_roles(parsed, t_start - cand.start, spans)
        for a, role in zip(actors, roles, strict=True):
            parts.append(Participant(event_id, cand.article_id, a.start, a.end, a.label, role))
    return events, parts
