from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipeline.ingest import Source, iter_sources, read_records, to_articles
from pipeline.ingest.pubdate import (
    dateline,
    filename_date,
    full_dates,
    latest_reported_date,
    parse_record_date,
    publication_date,
)
from pipeline.types import Record


@pytest.mark.parametrize("text,expected", [
    ("on 30 November 2025", date(2025, 11, 30)),
    ("on November 30, 2025", date(2025, 11, 30)),
    ("on Nov. 30 2025", date(2025, 11, 30)),
    ("on 2025-11-30", date(2025, 11, 30)),
    ("on the 3rd of March 2024", date(2024, 3, 3)),
])
def test_pubdate_full_dates(text: str, expected: date) -> None:
    assert [d for _, _, d in full_dates(text)] == [expected]


@pytest.mark.parametrize("text", ["in November 2025", "on 30 November", "31 February 2024",
                                  "version 2025-13-01"])
def test_pubdate_partial_or_invalid_dates_are_not_full(text: str) -> None:
    assert full_dates(text) == []


@pytest.mark.parametrize("text,expected", [
    ("Leak disclosed on 30 November 2025. Rules apply from 1 January 2026.", date(2025, 11, 30)),
    ("Law effective January 1, 2026, was signed on 12 March 2025.", date(2025, 3, 12)),
    ("It must comply by 1 June 2027.", None),
])
def test_pubdate_latest_reported_date_ignores_deadlines(text: str, expected: date | None) -> None:
    assert latest_reported_date(text) == expected


@pytest.mark.parametrize("body,expected", [
    ("LONDON, 30 Nov 2025 - The bank said", date(2025, 11, 30)),
    ("Published: 2024-03-05\n\nThe bank said", date(2024, 3, 5)),
    ("The bank said on 30 November 2025 that", None),
])
def test_pubdate_dateline(body: str, expected: date | None) -> None:
    assert dateline(body) == expected


@pytest.mark.parametrize("name,expected", [
    ("news_2024-03-05.txt", date(2024, 3, 5)), ("20240305-digest.txt", date(2024, 3, 5)),
    ("000_0d78579493660949.txt", None), ("dump_2024_03_05.jsonl", date(2024, 3, 5)),
])
def test_pubdate_filename(name: str, expected: date | None) -> None:
    assert filename_date(name) == expected


@pytest.mark.parametrize("value,expected", [
    ("2024-03-05T10:00:00Z", date(2024, 3, 5)),
    ("Tue, 05 Mar 2024 10:00:00 GMT", date(2024, 3, 5)),
    ("26-FEB-1987 15:01:01.79", date(1987, 2, 26)),
    ("March 5, 2024", date(2024, 3, 5)),
    ("not a date", None),
])
def test_pubdate_record_field_formats(value: str, expected: date | None) -> None:
    assert parse_record_date(value) == expected


@pytest.mark.parametrize("record,body,source,option,expected", [
    ("2024-03-05", "x", "a_2020-01-01.txt", date(2021, 1, 1), ("2024-03-05", "record")),
    ("", "PARIS, 4 March 2024 - x", "a_2020-01-01.txt", None, ("2024-03-04", "dateline")),
    ("", "x", "a_2020-01-01.txt", date(2021, 1, 1), ("2020-01-01", "filename")),
    ("", "x", "a.txt", date(2021, 1, 1), ("2021-01-01", "option")),
    ("", "x", "a.txt", None, ("", "none")),
])
def test_pubdate_order_of_sources(record: str, body: str, source: str, option: date | None,
                                  expected: tuple[str, str]) -> None:
    assert publication_date(record, body, source, option) == expected


@pytest.mark.parametrize("name,n", [("reut2-000.sgm", 1000)])
def test_pubdate_reuters_published_from_record(corpora: Path, name: str, n: int) -> None:
    """Stage 1 alone: every Reuters document takes its date from its own DATE field."""
    (src,) = list(iter_sources([str(corpora / "reuters21578" / name)]))
    assert isinstance(src, Source)
    records = [r for r in read_records(src) if isinstance(r, Record)]
    articles = to_articles(records, src.name, None)
    assert len(articles) == n
    assert all(a.date_source == "record" and a.published.startswith("1987-") for a in articles)
