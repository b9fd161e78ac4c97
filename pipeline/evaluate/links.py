"""What the link scorers share (MEANTIME, WikiEvents): the system's actors of one document,
whether an actor names a gold entity, and precision/recall counts."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..errors import NewsgraphError
from ..identity.kinds import NOT_ACTING, kind_of
from ..types import ArticleResult, Event, Mention, Participant, WorkItem

_STOP = frozenset("a an the of in on at to for by and or its it his her their they he she we "
                  "this that these those with from as is was be new".split())
_WORD = re.compile(r"[a-z0-9]+")


def content_words(text: str) -> set[str]:
    """Content words, a plural counted as its singular ("iPods" shares "iPod").

    >>> sorted(content_words("The iPods of Apple"))
    ['apple', 'ipod']
    """
    return {w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
            for w in _WORD.findall(text.lower()) if w not in _STOP}


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two character spans overlap."""
    return a[0] < b[1] and b[0] < a[1]


@dataclass(frozen=True)
class Pair:
    """A system (event, actor) link with what the scorer compares."""

    trigger: tuple[int, int]
    actor: str                 # the actor's key within the document
    role: str
    sentence: int
    date_start: str


def analyse_all(items: list[WorkItem], model: str) -> list[ArticleResult]:
    """Stages 2-4 over the documents of an evaluation (the pipeline's engine, no store), 16
    at a time; a document whose analysis failed stops the evaluation with its reason (a
    failure must not pass for a document with no events)."""
    from ..engine import analyse_batch

    out: list[ArticleResult] = []
    for i in range(0, len(items), 16):
        out += analyse_batch(items[i:i + 16], model)
    failed = [(item.article_id, r.failed) for item, r in zip(items, out, strict=True)
              if r.failed]
    if failed:
        raise NewsgraphError(f"{len(failed)} document(s) failed to analyse, the first "
                             f"{failed[0][0]}: {failed[0][1]} (a bug: report it)")
    return out


class SystemLinks:
    """The system's events and actors of one document."""

    def __init__(self, result: ArticleResult) -> None:
        self.mentions = {(m.start, m.end, m.label): m for m in result.mentions}
        self.names: dict[str, set[str]] = defaultdict(set)  # actor key → names and aliases
        for m in result.mentions:
            self.names[self._key_of(m)] |= {m.text, m.norm}
        self.events = {e.event_id: e for e in result.events}
        self.participants = result.participants

    @staticmethod
    def _key_of(m: Mention) -> str:
        return (m.norm or m.text).casefold()

    def actor(self, p: Participant) -> str:
        """The actor key of a participant (its named referent, or its agent name)."""
        if p.agent:
            key = f"agent:{p.agent}:{p.country}"
            self.names[key] |= {p.agent, p.mention}  # "developer", as written "developers"
            return key
        m = self.mentions.get((p.ref_start, p.ref_end, p.label))
        return self._key_of(m) if m is not None else p.mention.casefold()

    def pairs(self, sentence_at: Callable[[int], int], *, actors_only: bool = False
              ) -> Iterator[tuple[Pair, Event]]:
        """Every (event, actor) link, with the sentence its trigger stands in;
        ``actors_only``: not those of a product, an index, a currency or a security (a
        gold standard that scores the links of organisations, people and places only)."""
        for p in self.participants:
            m = self.mentions.get((p.ref_start, p.ref_end, p.label))
            if actors_only and m is not None and not p.agent and kind_of(m) in NOT_ACTING:
                continue
            e = self.events[p.event_id]
            yield Pair((e.start, e.end), self.actor(p), p.role, sentence_at(e.start),
                       e.date_start), e

    def matches(self, actor: str, gold_texts: Iterable[str]) -> bool:
        """Whether a system actor names a gold participant: one of the texts of that entity
        in the document shares a content word with the actor's name or an alias (a pronoun
        or description earns credit only when the actor it resolved to is that entity)."""
        names = [content_words(name) for name in self.names.get(actor, ())]
        return any(content_words(text) & words for text in gold_texts for words in names)


@dataclass
class Counts:
    """Pairs (precision) and items (recall): their numbers differ."""

    pred: int = 0
    tp: int = 0
    gold: int = 0
    r_tp: int = 0


def prf(c: Counts) -> dict[str, float | int]:
    """Precision over pairs, recall over items (their counts differ)."""
    p = c.tp / c.pred if c.pred else 0.0
    r = c.r_tp / c.gold if c.gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "pairs": c.pred,
            "pairs_right": c.tp, "items": c.gold, "items_found": c.r_tp}
