"""Stage 4: events. A sentence with a trigger from ``models/event_taxonomy.json`` and at least
one actor (an organisation, a person, or a place or demonym that resolves to a country)
becomes an event per trigger type in its main clause.

Steps, per batch of articles:

1. split each article into sentences and keep those with a trigger and an actor
   (:func:`find_candidates`, pure and cheap);
2a. keep the triggers of the main clause (:func:`main_clause_triggers`; a "statement" only
   when nothing else happens there);
2. parse only those where two or more actors meet (:func:`pipeline.ner.parse`; no whole
   article is parsed; a lone actor's role comes from word order, :func:`heuristic_role`);
3. give each actor a role from the parse (:func:`assign_roles`): the subject of the trigger's
   verb acts (``source``), its object or passive subject is acted on (``target``), "by X" in
   the passive acts, "an investigation into X" / "a fine on X" targets X; anything else is
   ``other``;
4. date the event by the date in the sentence nearest the trigger (else the article's date),
   with the nearest amount and the countries named in the sentence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .models import models_dir
from .types import Event, Mention, Participant, content_id

ACTOR_LABELS = frozenset({"ORG", "PERSON", "GPE", "LOC", "NORP"})
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n|\n(?=\S)")
_SUBJECT = {"nsubj", "csubj", "expl", "agent"}
_OBJECT = {"dobj", "obj", "dative", "attr", "oprd", "nsubjpass", "csubjpass", "pobj"}
_TARGET_PREPS = {"into", "on", "against", "of", "over", "to", "for", "from", "upon"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence that may report events: its triggers and the mentions inside it."""

    article_id: str
    start: int
    end: int
    sentence: str
    triggers: tuple[tuple[str, int, int, str], ...]  # (type, start, end, text), article offsets
    mentions: tuple[Mention, ...]


@lru_cache(maxsize=1)
def taxonomy() -> list[tuple[str, re.Pattern[str]]]:
    """``(type, trigger regex)`` in priority order, from ``models/event_taxonomy.json``."""
    path = models_dir() / "event_taxonomy.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("version") != "newsgraph.event_taxonomy.v1":
        raise ValueError(f"{path}: expected version newsgraph.event_taxonomy.v1")
    out = []
    for entry in data["types"]:
        words = sorted(entry["triggers"], key=len, reverse=True)
        alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
        out.append((entry["type"], re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.I)))
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a text (a light splitter: the parser only sees chosen sentences).

    >>> t = "Mr. A said no. The firm won.\\n\\nNew para"
    >>> [t[s:e] for s, e in sentences(t)]
    ['Mr. A said no.', 'The firm won.', 'New para']
    """
    spans = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if _abbreviation(text, m.start()):
            continue
        if text[pos:m.start()].strip():
            spans.append(_strip(text, pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append(_strip(text, pos, len(text)))
    return spans


def _abbreviation(text: str, end: int) -> bool:
    word = text[max(0, end - 5):end].split()[-1:] or [""]
    return word[0] in {"Mr.", "Ms.", "Mrs.", "Dr.", "St.", "U.S.", "U.K.", "No.", "Jr.", "Sr."} \
        or bool(re.fullmatch(r"(?:[A-Z]\.)+", word[0]))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_actor(m: Mention) -> bool:
    """Organisations and people are actors; places and demonyms when they name a country."""
    if m.label in ("ORG", "PERSON"):
        return True
    return m.label in ACTOR_LABELS and bool(m.country)


def find_candidates(article_id: str, text: str, mentions: Sequence[Mention]) -> list[Candidate]:
    """Sentences holding at least one trigger and one actor (step 1)."""
    out = []
    ms = sorted(mentions, key=lambda m: m.start)
    # each type's regex runs once over the text; its matches are then sorted into sentences
    hits = [(etype, [(t.start(), t.end(), t.group(0)) for t in rx.finditer(text)])
            for etype, rx in taxonomy()]
    for s, e in sentences(text):
        inside = tuple(m for m in ms if m.start >= s and m.end <= e)
        if not any(is_actor(m) for m in inside):
            continue
        triggers = []
        for etype, found in hits:
            for a, b, word in found:
                if a < s or b > e or any(m.start < b and a < m.end for m in inside):
                    continue  # outside, or part of a name: "the AI Act", "Court of Justice"
                triggers.append((etype, a, b, word))
                break
        if triggers:
            out.append(Candidate(article_id, s, e, text[s:e], tuple(triggers), inside))
    return out


def _token_at(toks: Sequence[tuple[int, int, str, int, str, str]], off: int) -> int:
    for i, t in enumerate(toks):
        if t[0] <= off < t[1]:
            return i
    return min(range(len(toks)), key=lambda i: abs(toks[i][0] - off))


def predicate(toks: Sequence[tuple[int, int, str, int, str, str]], trig: int) -> int:
    """The verb a trigger acts through: itself, or the verb of a noun trigger ("launched a
    probe") or of a participle used as an adjective ("secured contracts")."""
    pred = trig
    for _ in range(6):
        verb = toks[pred][4] in ("VERB", "AUX") and toks[pred][2] not in ("amod", "compound")
        if verb or toks[pred][3] == pred:
            break
        pred = toks[pred][3]
    return pred


def depth(toks: Sequence[tuple[int, int, str, int, str, str]], i: int) -> int:
    """Steps from token ``i`` up to the root of its sentence."""
    n = 0
    while toks[i][3] != i and n < 50:
        i = toks[i][3]
        n += 1
    return n


def main_clause_triggers(cand: Candidate, toks: Sequence[tuple[int, int, str, int, str, str]]
                         ) -> list[tuple[str, int, int, str]]:
    """The triggers of the sentence's main clause: those whose verb is nearest the root
    ("X won a deal after tariffs came into force" is a deal, not a law)."""
    if not toks:
        return list(cand.triggers)
    depths = [depth(toks, predicate(toks, _token_at(toks, t[1] - cand.start)))
              for t in cand.triggers]
    best = min(depths)
    kept = [t for t, d in zip(cand.triggers, depths, strict=True) if d == best]
    if len(kept) > 1:
        kept = [t for t in kept if t[0] != "statement"] or kept[:1]
    return kept


def assign_roles(toks: Sequence[tuple[int, int, str, int, str, str]], trigger_off: int,
                 spans: Sequence[tuple[int, int]]) -> list[str]:
    """Roles of the mentions at ``spans`` (sentence offsets) for the trigger at
    ``trigger_off``, from a dependency parse (step 3)."""
    if not toks:
        return ["other"] * len(spans)
    trig = _token_at(toks, trigger_off)
    pred = predicate(toks, trig)
    # a verb without its own subject ("Vietnam moved to expand ..., awarding X contracts")
    # takes the subject of the verb it depends on
    controllers = []
    v = pred
    while toks[v][2] in ("xcomp", "advcl", "conj") and toks[v][3] != v:
        v = toks[v][3]
        controllers.append(v)
    roles = []
    for s, e in spans:
        inside = [i for i, t in enumerate(toks) if t[0] >= s and t[1] <= e] or [_token_at(toks, s)]
        root = next((i for i in inside if toks[i][3] not in inside or toks[i][3] == i), inside[0])
        role = _role_on_path(toks, root, trig, pred)
        if role == "other" and not any(t[3] == pred and t[2] in _SUBJECT for t in toks):
            for c in controllers:
                if _role_on_path(toks, root, c, c) == "source":
                    role = "source"
                    break
        roles.append(role)
    return roles


def _role_on_path(toks: Sequence[tuple[int, int, str, int, str, str]], node: int, trig: int,
                  pred: int) -> str:
    prev = node
    for _ in range(12):
        head = toks[prev][3]
        if prev in (trig, pred) or head == prev:
            return "other"
        dep = toks[prev][2]
        if head == trig and trig != pred:  # attached to a noun trigger: "a fine on X"
            if dep == "poss":
                return "source"
            if dep == "prep":
                return "source" if toks[prev][5] == "by" else \
                    "target" if toks[prev][5] in _TARGET_PREPS else "other"
        if head == pred:
            if dep in _SUBJECT:
                return "source"
            if dep in ("nsubjpass", "csubjpass", "dobj", "obj", "dative", "attr", "oprd"):
                return "target"
            if dep == "prep":
                return "source" if toks[prev][5] == "by" else \
                    "target" if toks[prev][5] in _TARGET_PREPS and toks[trig][4] != "VERB" \
                    else "other"
            return "other"
        prev = head
    return "other"


_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be|get|gets|got)\s+(?:\w+ly\s+)?$",
                             re.I)


def heuristic_role(sentence: str, trigger_off: int, start: int, end: int) -> str:
    """Role of a lone actor without a parse: before the trigger it acts (unless the trigger
    is passive, "X was fined"), after it it is acted on (unless "by X").

    >>> s = "Acme was fined on Monday."
    >>> heuristic_role(s, s.index("fined"), 0, 4)
    'target'
    """
    if end <= trigger_off:
        return "target" if _PASSIVE_BEFORE.search(sentence[:trigger_off]) else "source"
    return "source" if re.search(r"\bby\s+(?:the\s+)?$", sentence[:start], re.I) else "target"


def needs_parse(cand: Candidate) -> bool:
    """Only sentences where two or more actors meet are worth a parse."""
    return sum(1 for m in cand.mentions if is_actor(m)) >= 2


def _nearest(ms: Sequence[Mention], off: int) -> Mention | None:
    return min(ms, key=lambda m: abs(m.start - off), default=None)


def build_events(cand: Candidate, parsed: Sequence[tuple[int, int, str, int, str, str]] | None,
                 published: date | None) -> tuple[list[Event], list[Participant]]:
    """Events and participants of one candidate sentence (steps 3 and 4); ``parsed`` is None
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
