"""Calendar periods: the value a date mention resolves to, and how to build one."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

GRANULARITIES = ("day", "week", "month", "season", "quarter", "half", "year", "decade")


@dataclass(frozen=True, slots=True)
class DateValue:
    """A resolved date: the first and last day it covers, and how precise it is."""

    start: date
    end: date
    granularity: str

    def timex(self) -> str:
        """The value in TIMEX3 notation (``1998-01-08``, ``1998-W02``, ``1998-Q3``, ``199``).

        >>> DateValue(date(1998, 7, 1), date(1998, 9, 30), "quarter").timex()
        '1998-Q3'
        """
        s, g = self.start, self.granularity
        if g == "day":
            return s.isoformat()
        if g == "week":
            y, w, _ = s.isocalendar()
            return f"{y}-W{w:02d}"
        if g == "month":
            return f"{s.year}-{s.month:02d}"
        if g == "quarter":
            return f"{s.year}-Q{(s.month - 1) // 3 + 1}"
        if g == "half":
            return f"{s.year}-H{1 if s.month <= 6 else 2}"
        if g == "decade":
            return str(s.year)[:3]
        if g == "season":
            return f"{s.year}-" + {3: "SP", 6: "SU", 9: "FA", 12: "WI"}[s.month]
        if self.end.year != s.year:
            return f"{s.year}/{self.end.year}"
        return str(s.year)


def month_end(y: int, m: int) -> date:
    return date(y, m, monthrange(y, m)[1])


def day_value(d: date) -> DateValue:
    return DateValue(d, d, "day")


def month_value(y: int, m: int) -> DateValue:
    return DateValue(date(y, m, 1), month_end(y, m), "month")


def quarter_value(y: int, q: int) -> DateValue:
    return DateValue(date(y, 3 * q - 2, 1), month_end(y, 3 * q), "quarter")


def half_value(y: int, h: int) -> DateValue:
    return DateValue(date(y, 6 * h - 5, 1), month_end(y, 6 * h), "half")


def year_value(y: int, y2: int | None = None) -> DateValue:
    return DateValue(date(y, 1, 1), date(y2 or y, 12, 31), "year")


def week_value(d: date) -> DateValue:
    start = d - timedelta(days=d.weekday())
    return DateValue(start, start + timedelta(days=6), "week")


def shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + delta
    return idx // 12, idx % 12 + 1
