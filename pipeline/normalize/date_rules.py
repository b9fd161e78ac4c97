"""The rules that resolve a (cleaned) date mention, in order: a table of (pattern, resolver).

1. vague references ("recently", "in the future") stay unresolved; durations ("two years",
   "the past three months") are durations, not dates;
2. absolute dates, which need no article date: "30 November 2025", "November 2025", fiscal
   years ("FY2024/2025", "fiscal 1998"), years and decades ("1998", "the 1990s"), quarters
   and halves ("the third quarter", "Q3 2024"), seasons;
3. the present and its neighbours: "now", "today", "yesterday", "last night", weekdays
   ("on Tuesday" is the Tuesday on or before the article's date), "18 November", "in April";
4. periods relative to the article's date: "this/last/next week|month|year", "the previous
   year", "two years ago".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from ..lexicon.words import CARDINALS, FULL_DATE, MONTH_NAMES, MONTHS, WEEKDAYS, date_of
from .periods import (
    DateValue,
    day_value,
    half_value,
    month_end,
    month_value,
    quarter_value,
    shift_month,
    week_value,
    year_value,
)

_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
        "4th": 4, "final": 4, "last": 4}
#: number words of durations and "N units ago"; vague counts are 0 (unresolved)
_NUMWORD = {**CARDINALS, "a": 1, "an": 1, "hundred": 100, "several": 0, "few": 0, "a few": 0,
            "many": 0, "couple": 2, "a couple of": 2}
_UNIT = r"(?:day|week|month|quarter|year|decade|century|hour|minute|fortnight|weekend)s?"
_MON = MONTH_NAMES
_WD = "|".join(WEEKDAYS)
_NUM = r"(?:\d+|" + "|".join(sorted(_NUMWORD, key=len, reverse=True)) + r")"

_VAGUE = re.compile(
    r"^(?:recent(?:ly)?|lately|the past|in the past|the future|in the future|(?:the )?"
    r"(?:near|distant|foreseeable) future|soon|shortly|once|formerly|previously|earlier|later|"
    r"(?:in )?recent (?:days|weeks|months|years|decades)|(?:the )?(?:coming|past|last|next|"
    r"previous|recent) (?:few |several )?(?:days|weeks|months|years|decades)|some time|"
    r"one day|someday|the time|that time|the moment|the same (?:time|period)|the period|"
    r"the day|the days|days|weeks|months|years|decades|ages|the years|the season|season|"
    r"these days|those days|then)$")
_PRESENT = re.compile(r"^(?:now|right now|just now|today|currently|at present|presently|"
                      r"nowadays|these days|at the moment|the present|this time|"
                      r"today's|tonight|this (?:morning|afternoon|evening))$")
_DURATION = re.compile(
    rf"^(?:(?:the|a|an|over|for|within|in|during|about|almost|nearly|more than|less than|"
    rf"some|around|the (?:past|last|next|previous|coming|first|final|latest|following))\s+)*"
    rf"(?:{_NUM}|\d+(?:\.\d+)?)(?:[\s-]+(?:and a half|plus|or so|or more))?"
    rf"[\s-]+(?:(?:full|straight|consecutive|calendar|fiscal|financial|business|working)\s+)?"
    rf"{_UNIT}(?:[\s-]+(?:old|long|running|period|term|high|low))?$")
_AGO = re.compile(rf"^(?:about |some |nearly |almost )?({_NUM}|\d+)\s+({_UNIT})\s+"
                  r"(ago|earlier|before|later|from now|hence|since)$")
_REL = re.compile(r"^(?:(?:earlier|later) )?(?:in )?(this|last|next|the previous|the prior|"
                  r"the past|the current|the coming|the following|the same|a|the latest|"
                  r"the last|the next|the preceding) "
                  r"(week|weekend|month|quarter|year|decade|fiscal year|financial year|"
                  r"calendar year|season)(?:'s)?$")
_WEEKDAY = re.compile(rf"^(?:(last|this|next|on|this past|past|early|late|the previous|"
                      rf"the following|this coming|coming) )?({_WD})"
                      r"(?:'s)?(?: (?:morning|afternoon|evening|night|midday|noon))?$")
_QUARTER = re.compile(
    r"^(?:the |this year's |this year |(?P<ly>last year's) )?(?:(?:fiscal|financial|calendar)[ -])?"
    r"(first|second|third|fourth|1st|2nd|3rd|"
    r"4th|final|last|latest|current|previous|prior|same|next|this|december|march|june|"
    r"september)?[ -]?(?:fiscal |financial |calendar )?quarter(?:s)?(?: of)?"
    r"(?: (?:fiscal |the fiscal year |financial year |calendar )?(\d{4}))?"
    r"(?: (this|last|next) year)?$")
_YEAR_QUARTER = re.compile(r"^(?:the )?(\d{4})(?:'s)? (?:fiscal )?(first|second|third|fourth|"
                           r"1st|2nd|3rd|4th)[ -]quarter$")
_QSHORT = re.compile(r"^(?:the )?q([1-4])(?:[ /'-]*(\d{2}|\d{4}))?$")
_HALF = re.compile(r"^(?:the )?(first|second|1st|2nd|latter|last|this|next|previous) half"
                   r"(?: of)?(?: (?:fiscal )?(\d{4}))?(?: (this|last|next) year)?$")
_FISCAL = re.compile(r"^(?:the )?(?:fiscal|financial|fy|f\.y\.|fiscal year|financial year|"
                     r"fiscal-year|model year|tax year)[\s-]*'?(\d{2}|\d{4})"
                     r"(?:\s*[/-]\s*'?(\d{2}|\d{4}))?$")
_FISCAL_AFTER = re.compile(r"^(?:the )?(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))? (?:fiscal|financial|"
                           r"tax|budget|school|academic|model|calendar) year$")
_YEAR_SPAN = re.compile(r"^(?:the )?(?:year )?(\d{4})\s*[/-]\s*(\d{2}|\d{4})$")
_YEAR = re.compile(r"^(?:the )?(?:(?:calendar|fiscal|year|the year|early|late|mid|mid-|"
                   r"the end of|the start of|the beginning of|the middle of|end|end-)[\s-]*)?"
                   r"(\d{4})$")
_DECADE = re.compile(r"^(?:the )?(?:early |late |mid-?)?(?:(\d{3})0s|'(\d)0s|(\d)0s)$")
_MONTH_YEAR = re.compile(rf"^(?:(?:early|late|mid|the end of|the start of|the beginning of|"
                         rf"the middle of|end|end-|mid-)[\s-]*)?({_MON})\.?,?(?: of)? (\d{{4}})$")
_MONTH = re.compile(rf"^(?:(last|this|next|early|late|mid|the end of|the start of|"
                    rf"the beginning of|the middle of|end|end-|mid-|in)[\s-]*)?({_MON})\.?$")
_DAY_MONTH = re.compile(rf"^(?:(?:on|the) )?(?:(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({_MON})\.?|"
                        rf"({_MON})\.? (\d{{1,2}})(?:st|nd|rd|th)?)$")
STRIP = re.compile(r"^(?:(?:as )?(?:of|on|in|at|by|since|until|till|from|through|during|"
                    r"before|after|around|about|for|early|late|mid|earlier|later|later in|"
                    r"earlier in|an|a|the day|the night|sometime|some time|this coming|"
                    r"the evening of|the morning of|the night of) )+")
_SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9),
            "winter": ("WI", 12)}
_SEASON = re.compile(r"^(?:the )?(?:(last|this|next|early|late|mid|the early|the late) ?)?"
                     r"(spring|summer|autumn|fall|winter)(?: of)?(?: (\d{4}))?$")


def _year_for_month(month: int, ref: date, future: bool = False) -> int:
    """The year that puts ``month`` between nine months before and two months after ``ref``'s
    month (news reports the past), or within the next eleven months when ``future``."""
    delta = month - ref.month
    low, high = (0, 11) if future else (-9, 2)
    for shift in (0, -1, 1):
        if low <= delta + 12 * shift <= high:
            return ref.year + shift
    return ref.year


def _four_digit(two: str, base: int) -> int:
    v = int(two)
    return v if len(two) == 4 else (base // 100) * 100 + v


def _num(s: str) -> int:
    return int(s) if s.isdigit() else _NUMWORD.get(s, 0)


_Result = tuple[DateValue | None, str]
#: a rule's resolver: the match, the article date and whether the sentence looks ahead; it
#: returns a result, or None to let the next rule try
_Resolver = Callable[[re.Match[str], date | None, bool], _Result | None]


def _exact(*phrases: str) -> re.Pattern[str]:
    """A pattern matching exactly one of ``phrases``."""
    return re.compile("^(?:" + "|".join(re.escape(p) for p in phrases) + ")$")


def _vague(_m: re.Match[str], _ref: date | None, _future: bool) -> _Result:
    return None, "vague"


def _duration(m: re.Match[str], _ref: date | None, _future: bool) -> _Result | None:
    return None if _REL.match(m.string) else (None, "duration")


def _full_date(m: re.Match[str], _ref: date | None, _future: bool) -> _Result | None:
    d = date_of(m)
    return None if d is None else (day_value(d), "")


def _month_year(m: re.Match[str], _ref: date | None, _future: bool) -> _Result:
    return month_value(int(m.group(2)), MONTHS[m.group(1)]), ""


def _fiscal(m: re.Match[str], _ref: date | None, _future: bool) -> _Result:
    y1 = _four_digit(m.group(1), 2000 if len(m.group(1)) == 2 else int(m.group(1)))
    if m.group(2):
        y2 = _four_digit(m.group(2), y1)
        return (year_value(y1, y2), "") if y2 == y1 + 1 else (year_value(y1), "")
    return year_value(y1), ""


def _year_span(m: re.Match[str], _ref: date | None, _future: bool) -> _Result | None:
    y1 = int(m.group(1))
    y2 = _four_digit(m.group(2), y1)
    return (year_value(y1, y2), "") if y2 == y1 + 1 else None


def _plain_year(m: re.Match[str], _ref: date | None, _future: bool) -> _Result | None:
    return (year_value(int(m.group(1))), "") if 1000 <= int(m.group(1)) <= 2200 else None


def _decade(m: re.Match[str], ref: date | None, _future: bool) -> _Result:
    if m.group(1):
        y = int(m.group(1)) * 10
    elif ref is not None:
        y = (ref.year // 100) * 100 + int(m.group(2) or m.group(3)) * 10
        if y > ref.year:
            y -= 100
    else:
        return None, "no article date"
    return DateValue(date(y, 1, 1), date(y + 9, 12, 31), "decade"), ""


def _quarter_words(m: re.Match[str], ref: date | None, future: bool) -> _Result | None:
    if not (m.group(3) or ref is not None):
        return None
    rel = m.group(4) or ("last" if m.group("ly") else None)
    return _resolve_quarter(m.group(2), m.group(3), rel, ref, future), ""


def _quarter_short(m: re.Match[str], ref: date | None, _future: bool) -> _Result | None:
    q = int(m.group(1))
    if m.group(2):
        return quarter_value(_four_digit(m.group(2), ref.year if ref else 2000), q), ""
    if ref is None:
        return None
    y = ref.year if q <= (ref.month - 1) // 3 + 1 else ref.year - 1
    return quarter_value(y, q), ""


def _half_year(m: re.Match[str], ref: date | None, _future: bool) -> _Result | None:
    word = m.group(1)
    first = word in ("first", "1st")
    if m.group(2):
        return half_value(int(m.group(2)), 1 if first else 2), ""
    if ref is None:
        return None
    cur = 1 if ref.month <= 6 else 2
    if m.group(3):
        year = ref.year + {"last": -1, "next": 1}.get(m.group(3), 0)
        return half_value(year, 1 if first else 2), ""
    if first:
        return half_value(ref.year, 1), ""
    if word in ("second", "2nd", "latter"):
        return half_value(ref.year if cur == 2 else ref.year - 1, 2), ""
    h, y = {"this": (cur, ref.year), "next": (2, ref.year) if cur == 1 else (1, ref.year + 1),
            }.get(word, (2, ref.year - 1) if cur == 1 else (1, ref.year))
    return half_value(y, h), ""


def _year_quarter(m: re.Match[str], _ref: date | None, _future: bool) -> _Result:
    return quarter_value(int(m.group(1)), _ORD[m.group(2)]), ""


def _season(m: re.Match[str], ref: date | None, future: bool) -> _Result | None:
    code, month = _SEASONS[m.group(2)]
    if m.group(3):
        y = int(m.group(3))
    elif ref is None:
        return None
    else:
        cur = (ref.month % 12) // 3  # 0 winter, 1 spring, 2 summer, 3 autumn
        idx = (month % 12) // 3
        y = ref.year
        if m.group(1) == "last" or (m.group(1) != "next" and idx > cur and not future):
            y -= 1
        elif m.group(1) == "next" or (future and idx < cur):
            y += 1
    y2, m2 = shift_month(y, month, 2)
    return DateValue(date(y, month, 1), month_end(y2, m2), "season"), ""


def _shifted_day(days: int) -> _Resolver:
    """A resolver for the day ``days`` after the article's ("yesterday": -1)."""
    def resolve(_m: re.Match[str], ref: date | None, _future: bool) -> _Result | None:
        return None if ref is None else (day_value(ref + timedelta(days=days)), "")
    return resolve


def _weekday(m: re.Match[str], ref: date | None, future: bool) -> _Result | None:
    if ref is None:
        return None
    wd = WEEKDAYS[m.group(2)]
    mod = m.group(1)
    back = (ref.weekday() - wd) % 7
    if mod == "next" or (future and mod not in ("last", "this past", "past", "the previous")):
        ahead = (wd - ref.weekday()) % 7
        return day_value(ref + timedelta(days=ahead or (7 if mod == "next" else 0))), ""
    if mod in ("the following", "this coming", "coming"):
        return day_value(ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)), ""
    if mod in ("last", "this past", "past", "the previous") and back == 0:
        back = 7
    return day_value(ref - timedelta(days=back)), ""


def _day_month(m: re.Match[str], ref: date | None, future: bool) -> _Result | None:
    if ref is None:
        return None
    day_s, mon = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    month = MONTHS[mon]
    try:
        d = date(_year_for_month(month, ref), month, int(day_s))
        if future and (ref - d).days > 60:
            d = date(d.year + 1, month, int(day_s))
        return day_value(d), ""
    except ValueError:
        return None, "not understood"


def _month_alone(m: re.Match[str], ref: date | None, future: bool) -> _Result | None:
    if ref is None:
        return None
    month = MONTHS[m.group(2)]
    mod = m.group(1) or ""
    if mod == "last":
        y = ref.year if month < ref.month else ref.year - 1
    elif mod == "next":
        y = ref.year if month > ref.month else ref.year + 1
    elif mod == "this":
        y = ref.year
    else:
        y = _year_for_month(month, ref, future)
    return month_value(y, month), ""


def _relative_period(m: re.Match[str], ref: date | None, _future: bool) -> _Result | None:
    return None if ref is None else (_relative(m.group(1), m.group(2), ref, m.string), "")


def _period_of_article(shift_years: int, unit: str) -> _Resolver:
    """A resolver for the article's own year (shifted), month or week."""
    def resolve(_m: re.Match[str], ref: date | None, _future: bool) -> _Result | None:
        if ref is None:
            return None
        if unit == "month":
            return month_value(ref.year, ref.month), ""
        if unit == "week":
            return week_value(ref), ""
        return year_value(ref.year + shift_years), ""
    return resolve


def _ago(m: re.Match[str], ref: date | None, _future: bool) -> _Result | None:
    if ref is None:
        return None
    n = _num(m.group(1))
    unit = m.group(2).rstrip("s")
    sign = 1 if m.group(3) in ("later", "from now", "hence") else -1
    if n == 0:
        return None, "vague"
    if unit == "day":
        return day_value(ref + timedelta(days=sign * n)), ""
    if unit in ("week", "fortnight"):
        return day_value(ref + timedelta(weeks=sign * n * (2 if unit == "fortnight" else 1))), ""
    if unit == "month":
        y, mo = shift_month(ref.year, ref.month, sign * n)
        return month_value(y, mo), ""
    if unit == "year":
        return year_value(ref.year + sign * n), ""
    if unit == "decade":
        y = (ref.year + sign * 10 * n) // 10 * 10
        return DateValue(date(y, 1, 1), date(y + 9, 12, 31), "decade"), ""
    return None, "duration"


#: The rules, in order: the first whose pattern matches and whose resolver answers wins.
#: 1. vague references and durations; 2. absolute dates, which need no article date;
#: 3. the present and its neighbours, weekdays, days and months without a year;
#: 4. periods relative to the article's date. Rules 3-4 need the article's date.
_ABSOLUTE_RULES: tuple[tuple[re.Pattern[str], _Resolver], ...] = (
    (_VAGUE, _vague),
    (_DURATION, _duration),
    (FULL_DATE, _full_date),
    (_MONTH_YEAR, _month_year),
    (_FISCAL, _fiscal),
    (_FISCAL_AFTER, _fiscal),
    (_YEAR_SPAN, _year_span),
    (_YEAR, _plain_year),
    (_DECADE, _decade),
    (_QUARTER, _quarter_words),
    (_QSHORT, _quarter_short),
    (_HALF, _half_year),
    (_YEAR_QUARTER, _year_quarter),
    (_SEASON, _season),
)
_RELATIVE_RULES: tuple[tuple[re.Pattern[str], _Resolver], ...] = (
    (_PRESENT, _shifted_day(0)),
    (_exact("yesterday", "last night", "yesterday's", "overnight"), _shifted_day(-1)),
    (_exact("tomorrow", "tomorrow's", "tomorrow night"), _shifted_day(1)),
    (re.compile(r"^yesterday "), _shifted_day(-1)),
    (re.compile(r"^tomorrow "), _shifted_day(1)),
    (_WEEKDAY, _weekday),
    (_DAY_MONTH, _day_month),
    (_MONTH, _month_alone),
    (_REL, _relative_period),
    (_exact("the year", "the fiscal year", "the current year", "the year's", "year",
            "the financial year", "this year's", "the full year", "full year", "year end",
            "year-end", "the year-end", "the end of the year", "the rest of the year",
            "the remainder of the year"), _period_of_article(0, "year")),
    (_exact("a year ago", "a year earlier", "the year before", "the year-ago",
            "the prior year", "the previous year", "a year before", "last year's",
            "the year earlier", "year-ago", "the year-earlier", "a year-earlier",
            "year-earlier", "a year ago's"), _period_of_article(-1, "year")),
    (_exact("the month", "the current month", "this month's"), _period_of_article(0, "month")),
    (_exact("the week", "this week's", "the current week"), _period_of_article(0, "week")),
    (_AGO, _ago),
)


def _apply(rules: tuple[tuple[re.Pattern[str], _Resolver], ...], t: str, ref: date | None,
           future: bool) -> _Result | None:
    for pattern, resolver in rules:
        m = pattern.match(t)
        if m is not None:
            result = resolver(m, ref, future)
            if result is not None:
                return result
    return None


def apply_rules(t: str, ref: date | None, future: bool = False) -> _Result:
    """The first rule of :data:`_ABSOLUTE_RULES`, then of :data:`_RELATIVE_RULES`, that
    resolves the (cleaned) mention ``t``."""
    result = _apply(_ABSOLUTE_RULES, t, ref, future)
    if result is not None:
        return result
    if ref is None:
        return None, "no article date"
    return _apply(_RELATIVE_RULES, t, ref, future) or (None, "not understood")


def _resolve_quarter(word: str | None, year: str | None, rel: str | None,
                     ref: date | None, future: bool = False) -> DateValue:
    """Quarters: an ordinal takes the latest such quarter not after the article's."""
    if ref is None:
        assert year is not None
        return quarter_value(int(year), _ORD.get(word or "", 1))
    cur = (ref.month - 1) // 3 + 1
    named_month = {"march": 1, "june": 2, "september": 3, "december": 4}
    if word in _ORD or word in named_month:
        q = _ORD.get(word or "") or named_month[word or ""]
        if word == "last" and not year and not rel:
            y, q = (ref.year, cur - 1) if cur > 1 else (ref.year - 1, 4)
            return quarter_value(y, q)
        if year:
            return quarter_value(int(year), q)
        if rel:
            return quarter_value(ref.year + {"last": -1, "next": 1}.get(rel, 0), q)
        # a later quarter is this year's when the sentence looks ahead, else last year's
        return quarter_value(ref.year if q <= cur or future else ref.year - 1, q)
    if year:
        return quarter_value(int(year), cur)
    if word in ("previous", "prior", "latest", "same", None):
        y, q = (ref.year, cur - 1) if cur > 1 else (ref.year - 1, 4)
        if word == "same" and rel == "last":
            return quarter_value(ref.year - 1, cur)
        return quarter_value(y, q)
    if word == "next":
        y, q = (ref.year, cur + 1) if cur < 4 else (ref.year + 1, 1)
        return quarter_value(y, q)
    return quarter_value(ref.year, cur)


def _relative(which: str, unit: str, ref: date, text: str) -> DateValue:
    back = which in ("last", "the previous", "the prior", "the past", "the latest",
                     "the last", "the preceding")
    fwd = which in ("next", "the coming", "the following", "the next")
    step = -1 if back else 1 if fwd else 0
    if unit in ("week", "weekend"):
        return week_value(ref + timedelta(weeks=step))
    if unit == "month":
        y, m = shift_month(ref.year, ref.month, step)
        return month_value(y, m)
    if unit == "quarter":
        cur = (ref.month - 1) // 3 + 1
        y, m = shift_month(ref.year, 3 * cur - 2, 3 * step)
        return quarter_value(y, (m - 1) // 3 + 1)
    if unit == "decade":
        y = (ref.year // 10 + step) * 10
        return DateValue(date(y, 1, 1), date(y + 9, 12, 31), "decade")
    return year_value(ref.year + step)
