"""Stage 3: normalise the entities of one article into :class:`~pipeline.types.Mention` values.

Per label:

* GPE, LOC, NORP → ISO country code (:mod:`pipeline.lexicon.countries`); a place or demonym the
  tables do not know keeps an empty code and the reason;
* MONEY → amount, ISO 4217 currency and qualifier (:mod:`pipeline.normalize.money`), the span first
  widened left over a currency symbol spaCy left out;
* DATE, TIME → date range and granularity resolved against the publication date
  (:mod:`pipeline.normalize.dates`);
* ORG, PERSON → the name as the article writes it (:class:`pipeline.identity.ArticleNames`:
  cleaned, a surname alone the full name used earlier in the article, an organisation named
  like a country that country); the folder's canonical name is settled later by
  :class:`pipeline.identity.FolderNames`, since it depends on every article.

Numbers without a unit (CARDINAL, ORDINAL) are not entities here and are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date

from ..identity.mention import ArticleNames
from ..identity.names import clean_name
from ..lexicon.countries import resolve_place
from ..types import PLACE_LABELS, Mention
from .dates import DateValue, is_anaphoric, resolve_date
from .money import normalise_money, sentence_currency, widen, widen_right

DROPPED_LABELS = frozenset({"CARDINAL", "ORDINAL"})


def normalise_article(article_id: str, text: str, ents: Iterable[tuple[int, int, str]],
                      published: date | None) -> list[Mention]:
    """Mentions of one article, normalised, sorted by position.

    >>> ms = normalise_article("a1", "France fined X €5m on 3 May 2024.",
    ...                        [(0, 6, "GPE"), (16, 18, "MONEY"), (22, 32, "DATE")], None)
    >>> [(m.text, m.country or m.currency or m.date_start) for m in ms]
    [('France', 'FR'), ('€5m', 'EUR'), ('3 May 2024', '2024-05-03')]
    """
    ents = list(ents)
    out: list[Mention] = []
    names = ArticleNames()
    focus: DateValue | None = None
    day_before: tuple[int, DateValue] | None = None  # "April 24 and 25": 25 takes April
    for start, end, label in sorted(_split_dates(text, ents)):
        if label in DROPPED_LABELS:
            continue
        if label == "MONEY":
            start, end = widen(text, start, end), widen_right(text, start, end)
        surface = text[start:end]
        base = Mention(article_id, start, end, surface, label)
        if label in PLACE_LABELS:
            out.append(_place(base))
        elif label == "MONEY":
            out.append(_money(base, text, ents))
        elif label in ("DATE", "TIME"):
            value, reason = resolve_date(surface, published, focus=focus,
                                         future=_future(text, start, end))
            if surface.isdigit() and day_before is not None and start - day_before[0] < 12:
                value, reason = _same_month(day_before[1], int(surface)), ""
            day_before = (end, value) if value is not None and value.granularity == "day" \
                else None
            if value is not None and value.granularity == "quarter" and not is_anaphoric(surface):
                focus = value
            if value is None:
                out.append(_replace(base, unresolved=reason))
            else:
                out.append(_replace(base, norm=value.timex(), date_start=value.start.isoformat(),
                                    date_end=value.end.isoformat(),
                                    date_granularity=value.granularity))
        elif label == "PERSON":
            out.append(_replace(base, norm=names.person(surface)))
        elif label == "ORG":  # a body named like a country ("EU") acts for it
            norm, code = names.organisation(surface)
            out.append(_replace(base, norm=norm, country=code))
        else:
            out.append(_replace(base, norm=" ".join(surface.split())))
    return out


_CONNECTOR = re.compile(r"\s+(?:ended|ending|to|through|until|till|and|versus|vs\.?|"
                        r"compared with|from)\s+|\s+[-–—]\s+(?=[A-Za-z])")
_BETWEEN = re.compile(r"^(?:between|from)\s+", re.I)
_FUTURE = re.compile(r"\b(?:will|'ll|shall|must|is to|are to|is scheduled|are scheduled|"
                     r"scheduled to|is expected|are expected|expects?|plans? to|is due|are due|"
                     r"is set to|are set to|going to|would begin|next|upcoming|coming)\b", re.I)


def _split_dates(text: str, ents: Iterable[tuple[int, int, str]]
                 ) -> Iterator[tuple[int, int, str]]:
    """Split a DATE span that holds two dates ("the quarter ended Sept. 30", "1991 to 1997")
    into one span per date; a part that is only a day takes the month of the one before."""
    for start, end, label in ents:
        if label != "DATE":
            yield start, end, label
            continue
        surface = text[start:end]
        lead = _BETWEEN.match(surface)
        offset = lead.end() if lead else 0
        pieces = []
        pos = offset
        for m in _CONNECTOR.finditer(surface, offset):
            pieces.append((pos, m.start()))
            pos = m.end()
        pieces.append((pos, len(surface)))
        if len(pieces) == 1 or any(a >= b for a, b in pieces):
            yield start, end, label
            continue
        for a, b in pieces:
            yield start + a, start + b, label


def _same_month(prev: DateValue, day: int) -> DateValue | None:
    try:
        d = prev.start.replace(day=day)
    except ValueError:
        return None
    return DateValue(d, d, "day")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence (roughly: full stops, question marks, line ends) around a
    mention."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start),
               text.rfind("?", 0, start)) + 1
    right = min((i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0),
                default=len(text))
    return left, right


def _future(text: str, start: int, end: int) -> bool:
    """Whether the sentence around a mention speaks of the future."""
    left, right = _sentence(text, start, end)
    return bool(_FUTURE.search(text[left:start] + " " + text[end:right]))


def _money(m: Mention, text: str, ents: list[tuple[int, int, str]]) -> Mention:
    """A MONEY mention normalised. A word that names several currencies ("francs") takes
    the country of the sentence, else of the article's first place (its dateline); a figure
    with no currency takes the one its sentence names ("fined 2 million, in euros")."""
    money, reason = normalise_money(m.text)
    if reason == "ambiguous currency":
        money, reason = normalise_money(m.text, _context_country(text, m.start, m.end, ents))
    elif reason.startswith("no currency"):
        left, right = _sentence(text, m.start, m.end)
        code = sentence_currency(text[left:m.start] + " " + text[m.end:right])
        if code:
            money, reason = normalise_money(f"{m.text} {code}")
    if money is None:
        return _replace(m, unresolved=reason)
    return _replace(m, norm=f"{_fmt(money.amount)} {money.currency}", amount=money.amount,
                    currency=money.currency, qualifier=money.qualifier,
                    amount_high=money.amount_high)


def _context_country(text: str, start: int, end: int, ents: list[tuple[int, int, str]]
                     ) -> str:
    """The country a mention's sentence names (the nearest), else the article's first."""
    places = []
    for s, e, label in ents:
        if label in PLACE_LABELS:
            place = resolve_place(text[s:e])
            if place is not None and place.code and place.code != "EU":
                places.append((s, place.code))
    left, right = _sentence(text, start, end)
    near = sorted((abs(s - start), code) for s, code in places if left <= s < right)
    return near[0][1] if near else places[0][1] if places else ""


def _place(m: Mention) -> Mention:
    place = resolve_place(m.text)
    if place is None:
        return _replace(m, norm=clean_name(m.text), unresolved="unknown place")
    if not place.code:
        return _replace(m, norm=place.name, unresolved="region")
    return _replace(m, norm=place.name, country=place.code)


def _replace(m: Mention, **changes: object) -> Mention:
    return replace(m, **changes)  # type: ignore[arg-type]


def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else repr(x)
