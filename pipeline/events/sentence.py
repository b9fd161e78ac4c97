"""What the event extractor and coreference share about one sentence: its parse, its
named mentions, and the arguments resolved in it (:class:`Resolved`), and the named actors
an article has met so far (:class:`Referent`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..identity.kinds import kind_of
from ..types import Mention, Participant, Role, Tok
from .grammar import grammar


@dataclass(slots=True)
class Referent:
    """A named actor mention of the article, and the words tied to it (titles). ``body``:
    an organisation whose name holds a body word ("Competition Authority", "CNIL" for the
    Commission nationale ...), which "the regulator" may refer to and "the company" not."""

    mention: Mention
    kind: str
    titles: set[str] = field(default_factory=set)
    body: bool = False
    sentence: int = 0  # the article's sentence it is in, counted from 0
    subject: bool = False  # the subject of its clause (more salient than an oblique name)
    #: a person named by a common noun only ("a friend of the attacker said"): a pronoun
    #: that may mean them is linked to no one
    anonymous: bool = False

    def fits(self, kind: str, strict: bool) -> bool:
        """Whether a word asking for ``kind`` can refer to this actor (``strict`` for a
        description: a company is not "the regulator", and the other way round)."""
        if kind == "body":
            return self.kind == "organisation" and self.body
        if strict and kind == "organisation":
            return self.kind == "organisation" and not self.body
        return self.kind == kind


@dataclass(frozen=True, slots=True)
class Resolved:
    """An argument resolved to an actor: where it is written, and what it refers to."""

    start: int
    end: int
    text: str
    label: str
    ref_start: int = -1
    ref_end: int = -1
    resolved_from: str = ""
    agent: str = ""
    sector: str = ""
    country: str = ""
    #: a generic person known only from WordNet's class of the noun ("the victim", "a
    #: commander"), not the agents table: an actor of typed events only
    by_class: bool = False
    #: a bare number that counts people ("496 were killed"): an actor of the types that take
    #: people as a count (``counted_people_types`` of the grammar) only
    count: bool = False
    #: False for a product, an index, a currency or a security: it takes part (role
    #: ``other``), never acts nor is acted on
    acts: bool = True

    def key(self) -> tuple[object, ...]:
        """What makes two arguments the same actor within one event."""
        if self.agent:
            return ("agent", self.agent, self.country)
        return (self.ref_start, self.ref_end, self.label)

    def participant(self, event_id: str, article_id: str, role: str) -> Participant:
        """The participant this argument makes in an event."""
        return Participant(event_id, article_id, self.start, self.end, self.label, Role(role),
                           mention=" ".join(self.text.split()), ref_start=self.ref_start,
                           ref_end=self.ref_end, resolved_from=self.resolved_from,
                           agent=self.agent, sector=self.sector, country=self.country)


class Sentence:
    """One parsed sentence with what the extractor looks up in it."""

    def __init__(self, text: str, toks: Sequence[Tok], mentions: Sequence[Mention]) -> None:
        self.toks = toks
        self.start = toks[0].start
        self.end = toks[-1].end
        self.text = text[self.start:self.end]
        self.kids: list[list[int]] = [[] for _ in toks]
        for i, t in enumerate(toks):
            if t.head != i:
                self.kids[t.head].append(i)
        self.mentions = [m for m in mentions if m.start >= self.start and m.end <= self.end]
        self.dates = [m for m in self.mentions if m.label in ("DATE", "TIME") and m.date_start]
        self.money = [m for m in self.mentions if m.label == "MONEY" and m.amount is not None]
        self.names = [m for m in self.mentions if kind_of(m)]
        self.g = grammar()  # the word classes the extractor tests

    def agent_lemma(self, i: int, agents: Mapping[str, str]) -> str:
        """The lemma under which common noun ``i`` is in the agents table: with the word
        that qualifies it where the two are an entry ("prime minister", "armed forces"),
        else its own."""
        lemma = self.toks[i].lemma.lower()
        mods = [self.toks[c].lower for c in self.kids[i]
                if self.toks[c].dep in ("compound", "amod")]
        return f"{mods[-1]} {lemma}" if mods and f"{mods[-1]} {lemma}" in agents else lemma

    def mention_at(self, i: int) -> Mention | None:
        """The named mention that token ``i`` is part of, if any."""
        pos = self.toks[i].start
        for m in self.names:
            if m.start <= pos < m.end:
                return m
        return None
