from __future__ import annotations

from datetime import date

import pytest

from pipeline.normalize.dates import DateValue, resolve_date

REF = date(2025, 11, 30)  # a Sunday


@pytest.mark.parametrize("text,timex,granularity", [
    ("30 November 2025", "2025-11-30", "day"),
    ("18 November", "2025-11-18", "day"),
    ("24 June", "2025-06-24", "day"),
    ("January 1, 2026", "2026-01-01", "day"),
    ("In April", "2025-04", "month"),
    ("November 2025", "2025-11", "month"),
    ("2030", "2030", "year"),
    ("the previous year", "2024", "year"),
    ("last year", "2024", "year"),
    ("this year", "2025", "year"),
    ("next month", "2025-12", "month"),
    ("last week", "2025-W47", "week"),
    ("the third quarter", "2025-Q3", "quarter"),
    ("Q1 2024", "2024-Q1", "quarter"),
    ("the first half of 2024", "2024-H1", "half"),
    ("FY2024/2025", "2024/2025", "year"),
    ("fiscal 1998", "1998", "year"),
    ("the 1990s", "199", "decade"),
    ("yesterday", "2025-11-29", "day"),
    ("today", "2025-11-30", "day"),
    ("two years ago", "2023", "year"),
    ("three days ago", "2025-11-27", "day"),
    ("summer 2024", "2024-SU", "season"),
    ("nineteen ninety-seven", "1997", "year"),
])
def test_dates_resolve(text: str, timex: str, granularity: str) -> None:
    value, reason = resolve_date(text, REF)
    assert reason == ""
    assert value is not None
    assert (value.timex(), value.granularity) == (timex, granularity)


@pytest.mark.parametrize("text,expected", [
    ("on Tuesday", date(2025, 11, 25)),   # the Tuesday before the article's date
    ("Sunday", date(2025, 11, 30)),       # the article's own day
    ("last Sunday", date(2025, 11, 23)),
    ("next Tuesday", date(2025, 12, 2)),
])
def test_dates_weekdays(text: str, expected: date) -> None:
    value, _ = resolve_date(text, REF)
    assert value == DateValue(expected, expected, "day")


@pytest.mark.parametrize("text,future,expected", [
    ("Tuesday", True, date(2025, 12, 2)),
    ("Tuesday", False, date(2025, 11, 25)),
])
def test_dates_future_sentences_look_ahead(text: str, future: bool, expected: date) -> None:
    value, _ = resolve_date(text, REF, future=future)
    assert value is not None and value.start == expected


@pytest.mark.parametrize("text,reason", [
    ("two years", "duration"), ("the past three months", "duration"), ("20 years", "duration"),
    ("recently", "vague"), ("in the future", "vague"), ("blue moon", "not understood"),
    ("over forty years", "duration"), ("the past eighteen months", "duration"),
    ("seventy-year", "duration"), ("ninety days", "duration"),
])
def test_dates_durations_and_vague_stay_unresolved(text: str, reason: str) -> None:
    assert resolve_date(text, REF) == (None, reason)


@pytest.mark.parametrize("text,resolves", [("last week", False), ("yesterday", False),
                                           ("3 March 2024", True), ("2019", True)])
def test_dates_without_article_date_never_use_today(text: str, resolves: bool) -> None:
    value, reason = resolve_date(text, None)
    assert (value is not None) == resolves
    if not resolves:
        assert reason == "no article date"


@pytest.mark.parametrize("text,timex", [("a year earlier", "2024-Q3"),
                                        ("the year-ago quarter", "2024-Q3"),
                                        ("the quarter", "2025-Q3")])
def test_dates_anaphora_follow_the_quarter_in_focus(text: str, timex: str) -> None:
    focus, _ = resolve_date("the third quarter", REF)
    value, _ = resolve_date(text, REF, focus=focus)
    assert value is not None and value.timex() == timex
