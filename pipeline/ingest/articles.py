"""Stage 1d: the records of one dump become articles, with ids, publication dates and
languages."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import date

from ..config import Tuning
from ..types import Article, Record, content_id
from .language import detect_language
from .pubdate import latest_reported_date, publication_date
from .sources import Source


def dump_key(source: Source, separator: str | None, fallback_date: date | None) -> str:
    """Content hash of a dump, its name and the options that change how it is read.

    The name is part of the key so that a copy of a processed dump under another name still
    records its articles' second source (their content hashes keep them stored once).
    """
    h = hashlib.sha256(source.data)
    h.update(f"\x1f{source.name}\x1fsep={separator or ''}\x1fdate={fallback_date or ''}".encode())
    return h.hexdigest()


# control characters other than tab and newline: no news text holds them, and XML cannot
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean_text(text: str) -> str:
    r"""A text without control characters (tab and newline stay; a carriage return ends a
    line): every offset into an article is taken after this.

    >>> clean_text("a\x00b\x1b[2Jc\r\nd\x0be")
    'ab[2Jc\nde'
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def to_articles(
    records: Sequence[Record], source: str, fallback_date: date | None,
    tuning: Tuning | None = None,
) -> list[Article]:
    """Settle ids and publication dates for the records of one dump.

    The dump-wide fallback date (the latest reported full date written anywhere in the dump)
    is only computed when some record has no better date.
    """
    dump_date: date | None = None
    dump_date_done = False
    out = []
    for rec in records:
        # a plain-text article starts with its title line; the dateline follows it
        body = rec.body.partition("\n")[2] if rec.title_in_body else rec.body
        published, date_source = publication_date(rec.published, body, source, fallback_date)
        if not published:
            if not dump_date_done:
                dump_date = latest_reported_date("\n\n".join(r.text for r in records))
                dump_date_done = True
            if dump_date is not None:
                published, date_source = dump_date.isoformat(), "dump"
        text = clean_text(rec.text)
        out.append(Article(
            article_id=content_id(text), source=rec.source, position=rec.position,
            title=clean_text(rec.title), text=text, published=published, date_source=date_source,
            source_id=rec.source_id, url=rec.url, encoding=rec.encoding,
            line_start=rec.line_start, line_end=rec.line_end,
            language=detect_language(text, tuning),
        ))
    return out
