"""One article's entities to normalised mentions, per label, without a model."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.normalize import normalise_article

REF = date(2025, 11, 30)


def _one(text: str, surface: str, label: str, nth: int = 0):  # type: ignore[no-untyped-def]
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    ms = normalise_article("a", text, [(start, start + len(surface), label)], REF)
    return ms[0] if ms else None


@pytest.mark.parametrize("text,surface,label,field,value", [
    ("Talks in Hanoi went on.", "Hanoi", "GPE", "country", "VN"),
    ("South Korean firms won.", "South Korean", "NORP", "country", "KR"),
    ("It paid €5 million.", "5 million", "MONEY", "currency", "EUR"),  # symbol left of the span
    ("It paid €5 million.", "5 million", "MONEY", "amount", 5e6),
    ("It happened on 18 November.", "18 November", "DATE", "date_start", "2025-11-18"),
    ("The European Commission's ruling.", "The European Commission's", "ORG", "norm",
     "European Commission"),
    ("The EU acted.", "EU", "ORG", "country", "EU"),
])
def test_mentions_normalised_per_label(text: str, surface: str, label: str, field: str,
                                       value: object) -> None:
    assert getattr(_one(text, surface, label), field) == value


@pytest.mark.parametrize("text,label", [("They sold 33 units.", "CARDINAL"),
                                        ("The third time.", "ORDINAL")])
def test_mentions_numbers_without_unit_are_dropped(text: str, label: str) -> None:
    assert normalise_article("a", text, [(0, 4, label)], REF) == []


@pytest.mark.parametrize("text,expected", [
    ("Ursula von der Leyen spoke. Later Leyen left.", "Ursula von der Leyen"),
])
def test_mentions_surname_takes_the_full_name(text: str, expected: str) -> None:
    full = text.index("Ursula")
    last = text.rindex("Leyen")
    ms = normalise_article("a", text, [(full, full + len(expected), "PERSON"),
                                       (last, last + 5, "PERSON")], REF)
    assert [m.norm for m in ms] == [expected, expected]


@pytest.mark.parametrize("text,surface,reason", [
    ("It took two years.", "two years", "duration"),
    ("Talks in Central Asia.", "Central Asia", "region"),
])
def test_mentions_unresolved_say_why(text: str, surface: str, reason: str) -> None:
    label = "DATE" if reason == "duration" else "LOC"
    assert _one(text, surface, label).unresolved == reason
