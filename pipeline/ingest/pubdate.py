"""Stage 1c: give every article a publication date, and say where it came from.

Order of preference: the record's own field, a dateline at the top of
the text, a date in the file name, the user's ``--date``, else the latest full date written in
the dump. Only *full* dates (day, month and year) count; a date introduced as a deadline or a
start ("from 1 January 2026", "effective January 1, 2026", "by 2030") describes the future, not
the day the story was written, and is ignored for the dump-wide fallback.

Nothing here depends on today's date, so a re-run a year later gives the same output.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from ..lexicon.words import MONTHS, full_dates, to_date

_FORWARD = re.compile(
    r"\b(?:from|effective|starting|start(?:s|ing)?\s+on|until|till|by|before|as\s+of|"
    r"beginning|deadline|due|expires?|scheduled\s+for|no\s+later\s+than|will|from\s+on)"
    r"\s*(?:on\s+)?$",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^\s*(?:(?:published|posted|updated|date|dated)\s*:?\s*"
    r"|[A-Z][A-Za-z .'’-]{1,40},\s*(?:[A-Z][A-Za-z. ]{1,20},\s*)?)?$",
    re.IGNORECASE,
)
_FILENAME_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)[-_.]?(?P<m>0[1-9]|1[0-2])[-_.]?(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
)


def is_forward_looking(text: str, start: int) -> bool:
    """True when the date at ``start`` is introduced as a deadline or a start date."""
    return bool(_FORWARD.search(text[max(0, start - 30):start].rstrip(" ,")))


def latest_reported_date(text: str) -> date | None:
    """The latest full date in ``text`` that is not a deadline or a start date.

    >>> latest_reported_date("It leaked on 30 November 2025. Rules apply from 1 January 2026.")
    datetime.date(2025, 11, 30)
    """
    dates = [d for s, _, d in full_dates(text) if not is_forward_looking(text, s)]
    return max(dates) if dates else None


def dateline(body: str) -> date | None:
    """A full date at the very top of an article body ("LONDON, 30 Nov 2025 -", "Published:
    2025-11-30"), or None.

    >>> dateline("BERLIN, 3 March 2024 (dpa) - The coalition")
    datetime.date(2024, 3, 3)
    """
    head = body.lstrip()[:160]
    for start, _end, d in full_dates(head):
        if _DATELINE.match(head[:start]):
            return d
        break
    return None


def filename_date(name: str) -> date | None:
    """A date written in a file name (``2024-03-05``, ``20240305``, ``2024_03_05``).

    >>> filename_date("dumps/news_2024-03-05.txt")
    datetime.date(2024, 3, 5)
    """
    base = name.replace("\\", "/").split("/")[-1]
    m = _FILENAME_DATE.search(base)
    return to_date(int(m["y"]), int(m["m"]), int(m["d"])) if m else None


def parse_record_date(value: str) -> date | None:
    """A date from a record's metadata field: ISO 8601, RFC 822, Reuters' ``26-FEB-1987``,
    or written out. Returns None when it is not a date.

    >>> parse_record_date("Wed, 31 Jan 2018 07:26:05 GMT")
    datetime.date(2018, 1, 31)
    >>> parse_record_date("26-FEB-1987 15:01:01.79")
    datetime.date(1987, 2, 26)
    """
    v = value.strip()
    if not v:
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", v)
    if m:
        return to_date(int(m[1]), int(m[2]), int(m[3]))
    m = re.match(r"^(\d{1,2})-([A-Za-z]{3})-(\d{4})", v)
    if m and m[2].lower() in MONTHS:
        return to_date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
    m = re.match(r"^(\d{4})/(\d{1,2})/(\d{1,2})", v)
    if m:
        return to_date(int(m[1]), int(m[2]), int(m[3]))
    if re.fullmatch(r"\d{9,10}(\.\d+)?", v):  # a Unix timestamp
        return datetime.fromtimestamp(float(v), UTC).date()
    try:
        return parsedate_to_datetime(v).date()
    except (TypeError, ValueError, IndexError):
        pass
    found = full_dates(v)
    return found[0][2] if found else None


def publication_date(
    record_value: str, body: str, source: str, option: date | None
) -> tuple[str, str]:
    """An article's publication date and its source from the record field, a dateline, the
    file name or ``--date``, in that order; ``("", "none")`` when none applies (the
    caller then falls back to :func:`latest_reported_date` over the whole dump).

    >>> publication_date("", "Text.", "news_2025-11-30.txt", None)
    ('2025-11-30', 'filename')
    """
    candidates = (
        ("record", parse_record_date(record_value) if record_value else None),
        ("dateline", dateline(body)),
        ("filename", filename_date(source)),
        ("option", option),
    )
    for name, value in candidates:
        if value is not None:
            return value.isoformat(), name
    return "", "none"
