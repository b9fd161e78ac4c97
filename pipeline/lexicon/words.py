"""Closed word classes of English that several stages read: month and weekday names, and
cardinal number words, and the shape of a full written date. Each lives here once.

>>> MONTHS["sept"], WEEKDAYS["friday"], CARDINALS["forty"]
(9, 4, 40)
"""

from __future__ import annotations

import re
from datetime import date

#: month name or abbreviation (lower case) → month number
MONTHS: dict[str, int] = {
    name: i + 1
    for i, names in enumerate([
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
        ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
        ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
        ("december", "dec"),
    ])
    for name in names
}
#: alternation of the month names, longest first (for regular expressions)
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))

#: weekday name (lower case) → ``date.weekday()``
WEEKDAYS: dict[str, int] = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
                            "friday": 4, "saturday": 5, "sunday": 6}

#: units, teens and tens
UNITS: dict[str, int] = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                         "seven": 7, "eight": 8, "nine": 9}
TEENS: dict[str, int] = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                         "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
                         "nineteen": 19}
TENS: dict[str, int] = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                        "seventy": 70, "eighty": 80, "ninety": 90}
#: every cardinal number word from zero to ninety
CARDINALS: dict[str, int] = {"zero": 0, **UNITS, **TEENS, **TENS}


def _mon(g: str) -> str:
    return rf"(?P<{g}>{MONTH_NAMES})\.?"


def _day(g: str) -> str:
    return rf"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"


def _year(g: str) -> str:
    return rf"(?P<{g}>(?:1[89]|20)\d\d)"


#: a full written date: "30 November 2025", "November 30, 2025", "2025-11-30"
FULL_DATE = re.compile(
    r"(?<![\w-])(?:"
    + rf"{_day('day')}\s+(?:of\s+)?{_mon('mon')},?\s+{_year('year')}"
    + "|"
    + rf"{_mon('mon2')}\s+{_day('day2')},?\s+{_year('year2')}"
    + "|"
    + r"(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
    + r")(?![\w-])",
    re.IGNORECASE,
)


def to_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when the day does not exist."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def full_dates(text: str) -> list[tuple[int, int, date]]:
    """Every full written date in ``text`` as ``(start, end, date)``.

    >>> [d.isoformat() for _, _, d in full_dates("on 30 November 2025 and January 1, 2026")]
    ['2025-11-30', '2026-01-01']
    """
    found = []
    for m in FULL_DATE.finditer(text):
        d = date_of(m)
        if d is not None:
            found.append((m.start(), m.end(), d))
    return found


def date_of(m: re.Match[str]) -> date | None:
    """The date a match of :data:`FULL_DATE` writes, or None when that day does not exist."""
    g = m.groupdict()
    if g["iy"]:
        return to_date(int(g["iy"]), int(g["im"]), int(g["id"]))
    if g["year"]:
        return to_date(int(g["year"]), MONTHS[g["mon"].lower()], int(g["day"]))
    return to_date(int(g["year2"]), MONTHS[g["mon2"].lower()], int(g["day2"]))
