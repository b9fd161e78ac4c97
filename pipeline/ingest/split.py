"""Stage 1b: split a plain-text dump into articles.

Digests repeat boilerplate between stories (a promo line, "Read more", share links) with
small variations. The splitter works on lines, in four steps:

1. key every line by its lower-cased letters and digits only, so punctuation, case,
   non-breaking spaces and a missing space do not matter;
2. mark *boilerplate*: short lines whose key repeats in the dump and that are followed by
   different text each time (a duplicated article repeats with its body, and is kept);
   boilerplate is dropped, and it separates articles where a headline follows it;
3. mark explicit separators: form feeds, lines of ``---``/``===``/``***``, or lines matching
   the user's ``--separator`` regex;
4. where no separator is present, split before a *headline*: a short line without final
   punctuation, alone between blank lines, after a finished paragraph, followed by a prose
   paragraph that shares a content word with it.

A dump with none of these stays one article.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..config import Tuning

_NOT_ALNUM = re.compile(r"[\W_]+")
_RULE = re.compile(r"^\s*(?:[-=*_#~•·]\s*){3,}\s*$")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")
_ENDS_CLAUSE = re.compile(r"[.,;:…][\"'”’)\]]*$")
_ELLIPSIS = re.compile(r"(\.\.\.|…)[\"'”’)\]]*$")
_INNER_SENTENCE = re.compile(r"[a-z][.!?]\s+[A-Z]")
_DANGLING = frozenset("a an the as of and or but nor that which whose whom than if".split())
_BULLET = re.compile(r"^\s*(?:[-*•·–—>]|\d+[.)])\s")
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_STOP = frozenset(
    "this that with from have will been were they their there what when where which while "
    "about after again also into more most over said says than them then these those very "
    "would could should other some such only just like year years week time news".split()
)


@dataclass(frozen=True, slots=True)
class Segment:
    """One article found in a plain-text dump.

    Fields:
        title: the article's first line, stripped.
        text: the article's lines (boilerplate removed), title first.
        line_start: 1-based line of the title in the dump.
        line_end: 1-based last line of the article in the dump.
    """

    title: str
    text: str
    line_start: int
    line_end: int


def line_key(line: str) -> str:
    """Comparison key of a line: lower-case letters and digits only.

    >>> line_key("If so,\\u00a0ask our Diplo chatbot!") == line_key("If so, ask our Diplochatbot")
    True
    """
    return _NOT_ALNUM.sub("", line.lower())


def _is_headline_shape(line: str, max_words: int) -> bool:
    s = line.strip()
    if not s or len(s) > 200 or _BULLET.match(s) or _RULE.match(s):
        return False
    words = s.split()
    if len(words) > max_words or _ENDS_CLAUSE.search(_ELLIPSIS.sub("", s)):
        return False
    if (
        s.endswith(("!", "??")) or (s.endswith("?") and len(words) > 12)
        or _INNER_SENTENCE.search(s) or words[-1].lower() in _DANGLING
    ):
        return False  # exclamations, long questions, two sentences, a clause that runs on
    start = s.lstrip("\"'“‘(")
    first = start[:1]
    # "iTunes", "eBay": a lower-case letter then a capital still starts a name
    return first.isupper() or first.isdigit() or first in "$£€¥" or start[1:2].isupper()


def _is_shouting(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


def _ends_paragraph(line: str) -> bool:
    s = line.strip()
    return bool(_ENDS_SENTENCE.search(s)) or (len(s.split()) >= 12 and s[-1:] in "\"”’")


def _content_words(text: str) -> set[str]:
    return {w.lower()[:5] for w in _WORD.findall(text) if w.lower() not in _STOP}


@dataclass(frozen=True, slots=True)
class _Lines:
    """The dump's lines with what every step looks up: blank or not, comparison keys, and the
    next / previous non-blank line (``nxt[i]`` is ``i`` itself when line ``i`` is not blank)."""

    lines: list[str]
    blank: list[bool]
    keys: list[str]
    nxt: list[int]
    prv: list[int]
    tuning: Tuning

    def headline_shape(self, i: int) -> bool:
        """Whether line ``i`` is shaped like a headline."""
        return _is_headline_shape(self.lines[i], self.tuning.max_headline_words)

    @classmethod
    def of(cls, text: str, tuning: Tuning) -> _Lines:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        n = len(lines)
        blank = [not ln.strip() or ln.strip() == "\f" for ln in lines]
        nxt = [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            nxt[i] = i if not blank[i] else nxt[i + 1]
        prv = [-1] * n
        last = -1
        for i in range(n):
            prv[i] = last
            if not blank[i]:
                last = i
        return cls(lines, blank, [line_key(ln) for ln in lines], nxt, prv, tuning)

    def __len__(self) -> int:
        return len(self.lines)


def split_text(text: str, *, separator: str | None = None, tuning: Tuning | None = None
               ) -> list[Segment]:
    """Split a plain-text dump into articles (see the module docstring for the rules).

    Args:
        text: the whole dump.
        separator: optional regex; a line that matches it (``re.search``) separates articles
            and is dropped.
        tuning: the longest headline and boilerplate lines (the defaults if None).

    >>> dump = "First story\\n\\nIt happened.\\n\\n---\\n\\nSecond story\\n\\nIt too.\\n"
    >>> [s.title for s in split_text(dump)]
    ['First story', 'Second story']
    """
    user_sep = re.compile(separator) if separator else None
    doc = _Lines.of(text, tuning or Tuning.defaults())      # 1. line keys
    boiler, separating = _boilerplate(doc)                  # 2. boilerplate
    explicit = _explicit_separators(doc, user_sep)          # 3. explicit separators
    if user_sep is not None:
        separating = set()  # the user's regex replaces the detected separators
    cuts = explicit | separating
    dropped = explicit | boiler
    heads = set() if user_sep is not None else _headlines(doc, cuts, dropped)   # 4. headlines
    return _segments(doc, cuts, dropped, heads)


def _boilerplate(doc: _Lines) -> tuple[set[int], set[int]]:
    """Step 2: repeated short lines followed by different text each time (all of them), and
    those of them that separate articles (a headline follows most of their occurrences)."""
    n = len(doc)
    occurrences: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(doc.keys):
        if k and len(doc.lines[i].split()) <= doc.tuning.max_boilerplate_words:
            occurrences[k].append(i)
    boiler: set[int] = set()
    separating: set[int] = set()
    for idxs in occurrences.values():
        if len(idxs) < 2:
            continue
        followed = [doc.nxt[i + 1] for i in idxs if doc.nxt[i + 1] < n]
        followers = Counter(doc.keys[j] for j in followed) - Counter({"": n})
        if len(followers) < 2 or len(followers) * 2 < len(followed):
            continue  # mostly the same text follows: repeated content, not boilerplate
        boiler.update(idxs)
        heads = sum(1 for j in followed if doc.headline_shape(j))
        if followed and heads * 2 >= len(followed):
            separating.update(idxs)
    return boiler, separating


def _explicit_separators(doc: _Lines, user_sep: re.Pattern[str] | None) -> set[int]:
    """Step 3: form feeds, rules of ``---``/``===``/``***``, and the user's separator."""
    return {
        i for i, ln in enumerate(doc.lines)
        if "\f" in ln or _RULE.match(ln) or (user_sep is not None and user_sep.search(ln))
    }


def _headlines(doc: _Lines, cuts: set[int], dropped: set[int]) -> set[int]:
    """Step 4: lines that start a new article where a separator is missing."""
    words_since_cut = 0
    heads_at: set[int] = set()
    for i in range(len(doc)):
        if i in cuts:
            words_since_cut = 0
            continue
        if doc.blank[i] or i in dropped:
            continue
        if words_since_cut >= 30 and _starts_story(doc, i, cuts, dropped):
            heads_at.add(i)
            words_since_cut = 0
        words_since_cut += len(doc.lines[i].split())
    return heads_at


def _starts_story(doc: _Lines, i: int, cuts: set[int], dropped: set[int]) -> bool:
    """A headline-shaped line alone between blank lines, after text of this article, followed
    by a prose lede that repeats its words (after a list, more evidence is needed)."""
    n, lines, blank = len(doc), doc.lines, doc.blank
    p = doc.prv[i]
    if not (p >= 0 and p not in cuts and p not in dropped
            and (i == 0 or blank[i - 1]) and (i + 1 >= n or blank[i + 1])
            and doc.headline_shape(i)):
        return False
    j = doc.nxt[i + 1] if i + 1 < n else n
    lede = " ".join(lines[k] for k in range(j, min(n, j + 6)) if k not in cuts)
    if not (j < n and len(lede.split()) >= 20
            and (len(lines[j].split()) >= 10 or not doc.headline_shape(j))
            and not _BULLET.match(lines[j]) and not lines[j].lstrip()[:1].islower()
            and not _is_shouting(lines[i])):
        return False
    shared = len(_content_words(lines[i]) & _content_words(lede))
    need = 1 if _ends_paragraph(lines[p]) else 2
    if need == 1 and len(lines[j].split()) >= 12 and _ENDS_SENTENCE.search(lines[j]):
        need = 0  # a finished story, a headline, then a full lede sentence
    return shared >= need


def _segments(doc: _Lines, cuts: set[int], dropped: set[int], heads: set[int]
              ) -> list[Segment]:
    """The articles between cuts and before headlines, without the dropped lines."""
    segments: list[Segment] = []
    current: list[int] = []
    for i in range(len(doc) + 1):
        end = i == len(doc)
        if end or i in cuts or i in heads:
            segment = _segment(doc, [k for k in current if k not in dropped])
            if segment is not None:
                segments.append(segment)
            current = []
        if not end and i not in cuts:
            current.append(i)
    return segments


def _segment(doc: _Lines, body: list[int]) -> Segment | None:
    """One article from its kept lines (outer blank lines trimmed, inner runs of blanks
    left by dropped lines collapsed to one), or None if nothing is left."""
    while body and doc.blank[body[0]]:
        body.pop(0)
    while body and doc.blank[body[-1]]:
        body.pop()
    if not body:
        return None
    out: list[str] = []
    for i in body:
        if doc.blank[i] and out and out[-1] == "":
            continue
        out.append("" if doc.blank[i] else doc.lines[i].rstrip())
    return Segment(doc.lines[body[0]].strip(), "\n".join(out), body[0] + 1, body[-1] + 1)
