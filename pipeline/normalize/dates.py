"""Date normaliser: a DATE mention to a calendar range, resolved against the article's date.

The only module that imports dateparser. The mention is cleaned ("its", possessives, spoken
years, a leading weekday), then: a reference back to the quarter the text is about ("a year
earlier"); the ordered rules of :mod:`pipeline.normalize.date_rules`; the same rules without a
leading preposition ("as of", "in"); and dateparser (one reused parser, English only, cached)
as the fallback.

A month or day without a year takes the year that puts it at most two months after the
article's date (news reports the past far more than the future). Nothing depends on today:
without an article date, relative expressions stay unresolved.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from ..lexicon.words import MONTH_NAMES, TEENS, TENS, UNITS, WEEKDAYS
from .date_rules import STRIP, apply_rules
from .periods import (
    GRANULARITIES,
    DateValue,
    day_value,
    month_value,
    quarter_value,
    week_value,
    year_value,
)

__all__ = ["GRANULARITIES", "DateValue", "is_anaphoric", "resolve_date"]
_MON = MONTH_NAMES
_WD = "|".join(WEEKDAYS)


def _clean(text: str) -> str:
    t = " ".join(text.replace("\u00a0", " ").lower().split())
    t = t.strip(" ,.;:()\"'“”‘’")
    t = re.sub(r"['’]s$", "", t)
    return re.sub(r"^(?:its|their|his|her|our|your|my|this year's|last year's)\s+(?=\w)",
                  lambda m: "this year's " if m.group(0).startswith("this") else
                  "last year's " if m.group(0).startswith("last") else "the ", t)


def resolve_date(text: str, ref: date | None, *, focus: DateValue | None = None,
                 future: bool = False) -> tuple[DateValue | None, str]:
    """Resolve a DATE mention against the article date ``ref``.

    ``focus`` is the period the text last talked about (a quarter): "a year earlier" and
    "the quarter" refer to it. ``future`` says the sentence speaks of the future ("will"), so
    a bare weekday or month is the next one rather than the last one.

    Returns ``(DateValue, "")`` or ``(None, reason)``; reasons: ``duration``, ``vague``,
    ``no article date``, ``not understood``.

    >>> ref = date(2025, 11, 30)
    >>> resolve_date("18 November", ref)[0]
    DateValue(start=datetime.date(2025, 11, 18), end=datetime.date(2025, 11, 18), granularity='day')
    >>> resolve_date("In April", ref)[0].timex()
    '2025-04'
    >>> resolve_date("two years", ref)
    (None, 'duration')
    >>> resolve_date("FY2024/2025", ref)[0].timex()
    '2024/2025'
    """
    t = _spoken_years(_clean(text))
    t = _LEADING_WEEKDAY.sub("", t)
    if not t:
        return None, "not understood"
    if ref is not None and focus is not None and focus.granularity == "quarter":
        anaphor = _anaphor(t, focus)
        if anaphor is not None:
            return anaphor, ""
    value, reason = apply_rules(t, ref, future)
    if value is None and reason == "not understood":
        stripped = STRIP.sub("", t)
        if stripped != t and stripped:
            value, reason = apply_rules(stripped, ref, future)
    if value is None and reason == "not understood":
        value = _dateparser(t, ref)
        if value is not None:
            reason = ""
    return value, reason


_YEAR_BACK = re.compile(r"^(?:the )?(?:comparable |same )?(?:a year ago|a year earlier|"
                        r"year[- ](?:ago|earlier)(?: (?:quarter|period|three months))?|"
                        r"(?:quarter|period) a year (?:ago|earlier)|same (?:quarter|period) "
                        r"(?:a year ago|last year|a year earlier))$")
_SAME_PERIOD = re.compile(r"^(?:the|that|this|the same|the latest|the current) "
                          r"(?:quarter|period|three months)$")
_LEADING_WEEKDAY = re.compile(rf"^(?:{_WD}),?\s+(?=(?:{_MON})\b|\d)")
_SPOKEN_TENS = {**TEENS, "twenty": 20}
_SPOKEN = re.compile(r"\b(nineteen|twenty) (ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                     r"seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|"
                     r"eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|"
                     r"hundred)\b")

def _spoken_years(t: str) -> str:
    """Years read out in broadcast transcripts: "nineteen ninety-seven" → "1997"."""
    def year(m: re.Match[str]) -> str:
        century = _SPOKEN_TENS[m.group(1)] * 100
        rest = m.group(2)
        if rest == "hundred":
            return str(century)
        if rest in _SPOKEN_TENS:
            return str(century + _SPOKEN_TENS[rest])
        tens, _, unit = rest.partition("-")
        return str(century + TENS[tens] + UNITS.get(unit, 0))
    return _SPOKEN.sub(year, t) if ("nineteen" in t or "twenty" in t) else t


def is_anaphoric(text: str) -> bool:
    """Whether a mention refers back to the period the text is about ("a year earlier")."""
    t = _clean(text)
    return bool(_YEAR_BACK.match(t) or _SAME_PERIOD.match(t))


def _anaphor(t: str, focus: DateValue) -> DateValue | None:
    """"a year earlier", "the year-ago quarter", "the quarter": relative to the quarter the
    text is about."""
    q = (focus.start.month - 1) // 3 + 1
    if _YEAR_BACK.match(t):
        return quarter_value(focus.start.year - 1, q)
    if _SAME_PERIOD.match(t):
        return focus
    return None




@lru_cache(maxsize=256)
def _parser_for(ref: date):  # type: ignore[no-untyped-def]
    """One English dateparser per article date (RELATIVE_BASE is a parser setting)."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True,
        "RELATIVE_BASE": datetime(ref.year, ref.month, ref.day)})


@lru_cache(maxsize=65536)
def _dateparser(text: str, ref: date | None) -> DateValue | None:
    """Fallback: dateparser (English only, reused, cached per text and article date)."""
    if ref is None or not re.search(r"\d|" + _MON + "|" + _WD, text):
        return None
    try:
        data = _parser_for(ref).get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if period in ("day", "time", "hour", "minute", "second"):
        return day_value(d)
    if period == "week":
        return week_value(d)
    if period == "month":
        return month_value(d.year, d.month)
    if period == "year":
        return year_value(d.year)
    return None
