"""Stage 4, step 1: the sentences that may report events (a trigger from
``models/event_taxonomy.json`` and at least one actor), found without a parse."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..lexicon.tables import from_tables, read_json
from ..types import Mention

ACTOR_LABELS = frozenset({"ORG", "PERSON", "GPE", "LOC", "NORP"})
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n|\n(?=\S)")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence that may report events: its triggers and the mentions inside it."""

    article_id: str
    start: int
    end: int
    sentence: str
    triggers: tuple[tuple[str, int, int, str], ...]  # (type, start, end, text), article offsets
    mentions: tuple[Mention, ...]


@from_tables()
def taxonomy() -> list[tuple[str, re.Pattern[str]]]:
    """``(type, trigger regex)`` in priority order, from ``models/event_taxonomy.json``."""
    data = read_json("event_taxonomy.json")
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


