"""Stage 4, steps 3-4: the triggers of the main clause and each actor's role, from a
dependency parse (:class:`pipeline.nlp.Tok`), or from word order for a lone actor."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..types import Tok
from .candidates import Candidate

_SUBJECT = {"nsubj", "csubj", "expl", "agent"}
_TARGET_PREPS = {"into", "on", "against", "of", "over", "to", "for", "from", "upon"}


def _token_at(toks: Sequence[Tok], off: int) -> int:
    for i, t in enumerate(toks):
        if t.start <= off < t.end:
            return i
    return min(range(len(toks)), key=lambda i: abs(toks[i].start - off))


def predicate(toks: Sequence[Tok], trig: int) -> int:
    """The verb a trigger acts through: itself, or the verb of a noun trigger ("launched a
    probe") or of a participle used as an adjective ("secured contracts")."""
    pred = trig
    for _ in range(6):
        verb = toks[pred].pos in ("VERB", "AUX") and toks[pred].dep not in ("amod", "compound")
        if verb or toks[pred].head == pred:
            break
        pred = toks[pred].head
    return pred


def depth(toks: Sequence[Tok], i: int) -> int:
    """Steps from token ``i`` up to the root of its sentence."""
    n = 0
    while toks[i].head != i and n < 50:
        i = toks[i].head
        n += 1
    return n


def main_clause_triggers(cand: Candidate, toks: Sequence[Tok]
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


def assign_roles(toks: Sequence[Tok], trigger_off: int,
                 spans: Sequence[tuple[int, int]]) -> list[str]:
    """Roles of the mentions at ``spans`` (sentence offsets) for the trigger at
    ``trigger_off``, from a dependency parse (step 4)."""
    if not toks:
        return ["other"] * len(spans)
    trig = _token_at(toks, trigger_off)
    pred = predicate(toks, trig)
    # a verb without its own subject ("Vietnam moved to expand ..., awarding X contracts")
    # takes the subject of the verb it depends on
    controllers = []
    v = pred
    while toks[v].dep in ("xcomp", "advcl", "conj") and toks[v].head != v:
        v = toks[v].head
        controllers.append(v)
    roles = []
    for s, e in spans:
        inside = [i for i, t in enumerate(toks) if t.start >= s and t.end <= e] \
            or [_token_at(toks, s)]
        root = next((i for i in inside if toks[i].head not in inside or toks[i].head == i),
                    inside[0])
        role = _role_on_path(toks, root, trig, pred)
        if role == "other" and not any(t.head == pred and t.dep in _SUBJECT for t in toks):
            for c in controllers:
                if _role_on_path(toks, root, c, c) == "source":
                    role = "source"
                    break
        roles.append(role)
    return roles


def _role_on_path(toks: Sequence[Tok], node: int, trig: int,
                  pred: int) -> str:
    prev = node
    for _ in range(12):
        head = toks[prev].head
        if prev in (trig, pred) or head == prev:
            return "other"
        dep = toks[prev].dep
        if head == trig and trig != pred:  # attached to a noun trigger: "a fine on X"
            if dep == "poss":
                return "source"
            if dep == "prep":
                return "source" if toks[prev].lower == "by" else \
                    "target" if toks[prev].lower in _TARGET_PREPS else "other"
        if head == pred:
            if dep in _SUBJECT:
                return "source"
            if dep in ("nsubjpass", "csubjpass", "dobj", "obj", "dative", "attr", "oprd"):
                return "target"
            if dep == "prep":
                return "source" if toks[prev].lower == "by" else \
                    "target" if toks[prev].lower in _TARGET_PREPS and toks[trig].pos != "VERB" \
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


