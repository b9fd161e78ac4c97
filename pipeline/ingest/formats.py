"""Stage 1b: read every record out of a source.

``read_records`` turns a source's bytes into :class:`~pipeline.types.Record` values, one per
article, for plain text (split by :mod:`pipeline.ingest.split`), JSON, JSON Lines, CSV, HTML,
RSS/Atom and Reuters-21578 SGML.

Three levels of bad input: a bad *record* is yielded as a
:class:`~pipeline.types.Skipped` and the rest of the file goes on; a bad *file* raises
:class:`~pipeline.errors.InputError` with the path and what to do; a programming error crashes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from ..config import Tuning
from ..errors import InputError
from ..types import Record, Skipped
from .markup import read_feed, read_html, read_sgml
from .records import read_csv, read_json, read_jsonl
from .sources import ReadOptions, ReadResult, Source, decode, looks_binary
from .split import split_text

_TEXT_EXTS = {"", ".txt", ".text", ".md"}
_JSON_EXTS = {".json"}
_JSONL_EXTS = {".jsonl", ".ndjson", ".jsonlines"}
_CSV_EXTS = {".csv", ".tsv"}
_HTML_EXTS = {".html", ".htm", ".xhtml"}
_FEED_EXTS = {".rss", ".atom", ".xml", ".rdf"}
_SGML_EXTS = {".sgm", ".sgml"}
_FORMAT_EXTS = _JSON_EXTS | _JSONL_EXTS | _CSV_EXTS | _HTML_EXTS | _FEED_EXTS | _SGML_EXTS
# --------------------------------------------------------------------------- formats


def sniff_format(name: str, data: bytes) -> str:
    """Decide a source's format from its (uncompressed) name, then from its first bytes.

    Returns one of ``text``, ``json``, ``jsonl``, ``csv``, ``html``, ``feed``, ``sgml``.

    >>> sniff_format("a.jsonl", b'{"text": "x"}')
    'jsonl'
    """
    suffix = Path(name).suffix.lower()
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if suffix in _SGML_EXTS or head.startswith(b"<!doctype lewis") or head.startswith(b"<reuters"):
        return "sgml"
    if suffix in _JSONL_EXTS:
        return "jsonl"
    if suffix in _JSON_EXTS:
        return "json"
    if suffix in _CSV_EXTS:
        return "csv"
    if suffix in _HTML_EXTS:
        return "html"
    if suffix in _FEED_EXTS:
        return "feed" if _is_feed(head) or suffix != ".xml" else "html"
    if suffix in _TEXT_EXTS and suffix:
        return "text"  # a .txt that starts with "[" or "{" is still prose
    # no or an unknown extension: look at the content
    if head.startswith((b"{", b"[")):
        first = head.split(b"\n", 1)[0].strip()
        if head.startswith(b"{") and first.endswith(b"}") and b"\n{" in head:
            return "jsonl"
        return "json"
    if head.startswith(b"<"):
        if _is_feed(head):
            return "feed"
        if b"<html" in head or b"<!doctype html" in head or b"<body" in head:
            return "html"
    return "text"


def _is_feed(head: bytes) -> bool:
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


def read_records(source: Source, *, separator: str | None = None,
                 tuning: Tuning | None = None) -> Iterator[ReadResult]:
    """Yield the records of one source (a record too large to be an article, more than
    ``max_record_mb``, is skipped: a dump pasted into one field), or raise
    :class:`InputError` if the file is unusable.

    >>> src = Source("digest.txt", b"Title one\\n\\nBody of the first story.\\n")
    >>> [r.title for r in read_records(src)]
    ['Title one']
    """
    opts = ReadOptions(separator, tuning or Tuning.defaults())
    max_mb = opts.tuning.max_record_mb
    limit = int(max_mb * (1 << 20))
    for item in _records(source, opts):
        if isinstance(item, Record) and len(item.body) + len(item.title) > limit:
            yield Skipped(source.name, f"record {item.position + 1}",
                          f"holds more text than the {max_mb:g} MB an article may have",
                          f"{len(item.body) / (1 << 20):.0f} MB; NEWSGRAPH_MAX_RECORD_MB raises "
                          "the limit", "skipped")
        else:
            yield item


def _records(source: Source, opts: ReadOptions) -> Iterator[ReadResult]:
    name = source.name
    if not source.data.strip():
        raise InputError(name, "is empty", "remove it or add articles to it")
    if looks_binary(source.data):
        raise InputError(
            name, "looks like a binary file, not news text",
            "pass text, JSON, JSONL, CSV, HTML, RSS/Atom or SGML files, optionally compressed",
        )
    fmt = sniff_format(source.inner or source.name, source.data)
    declared = Path(source.inner or source.name).suffix.lower() in _FORMAT_EXTS
    if fmt == "text" or declared:
        yield from _READERS[fmt](name, source.data, opts)
        return
    try:  # the format was guessed from the content: if it does not parse, it is prose
        items = list(_READERS[fmt](name, source.data, opts))
    except InputError:
        items = []
    if not any(isinstance(i, Record) for i in items):
        items = list(_read_text(name, source.data, opts))
    yield from items


_WORD = re.compile(r"[^\W\d_]{2,}")


def prose_share(text: str) -> float:
    r"""The share of a text's words that stand in lines of prose (six words or more, mostly
    words): news is prose; a word list, a schema or a table of facts is not.

    >>> prose_share("amex\nnyse\nlse"), prose_share("The bank raised its rates, it said.")
    (0.0, 1.0)
    """
    total = prose = 0
    for line in text.splitlines():
        tokens = line.split()
        words = sum(1 for t in tokens if _WORD.match(t))
        total += len(tokens)
        sentence = len(tokens) >= 3 and line.rstrip()[-1:] in ".!?\"”'"
        if (len(tokens) >= 6 or sentence) and words >= 0.6 * len(tokens):
            prose += len(tokens)
    return prose / total if total else 0.0


def _read_text(name: str, data: bytes, opts: ReadOptions) -> Iterator[ReadResult]:
    """A plain text, split into articles; a text of no prose (the share of its words in prose
    lines below ``min_prose_share``; a short one is not judged) is skipped whole."""
    text, enc = decode(data, name)
    t = opts.tuning
    if len(text) > t.min_judged_chars and prose_share(text) < t.min_prose_share:
        yield Skipped(name, "", "holds no prose", "a word list, a schema or a data table, not "
                      "news", "skipped")
        return
    for i, seg in enumerate(split_text(text, separator=opts.separator, tuning=t)):
        yield Record(
            source=name, position=i, title=seg.title, body=seg.text, encoding=enc,
            line_start=seg.line_start, line_end=seg.line_end, title_in_body=True,
        )


_READERS: dict[str, Callable[[str, bytes, ReadOptions], Iterator[ReadResult]]] = {
    "text": _read_text, "json": read_json, "jsonl": read_jsonl, "csv": read_csv,
    "html": read_html, "feed": read_feed, "sgml": read_sgml,
}
