"""Stage 1b: read every record out of a source.

``read_records`` turns a source's bytes into :class:`~pipeline.types.Record` values, one per
article, for plain text (split by :mod:`pipeline.ingest.split`), JSON, JSON Lines, CSV, HTML,
RSS/Atom and Reuters-21578 SGML.

Three levels of bad input: a bad *record* is yielded as a
:class:`~pipeline.types.Skipped` and the rest of the file goes on; a bad *file* raises
:class:`~pipeline.errors.InputError` with the path and what to do; a programming error crashes.
"""

from __future__ import annotations

import ast
import csv
import html
import io
import json
import os
import re
import sys
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..types import Record, Skipped
from .sources import Source, decode, looks_binary
from .split import split_text

#: What a source can yield: a record, or a note that a record was skipped.
ReadResult = Record | Skipped

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


#: the most text one record may hold (a longer one is no article: a dump pasted into one
#: field); NEWSGRAPH_MAX_RECORD_MB raises it
MAX_RECORD_MB = float(os.environ.get("NEWSGRAPH_MAX_RECORD_MB", "5"))


def read_records(source: Source, *, separator: str | None = None) -> Iterator[ReadResult]:
    """Yield the records of one source (a record too large to be an article is skipped),
    or raise :class:`InputError` if the file is unusable.

    >>> src = Source("digest.txt", b"Title one\\n\\nBody of the first story.\\n")
    >>> [r.title for r in read_records(src)]
    ['Title one']
    """
    limit = int(MAX_RECORD_MB * (1 << 20))
    for item in _records(source, separator):
        if isinstance(item, Record) and len(item.body) + len(item.title) > limit:
            yield Skipped(source.name, f"record {item.position + 1}",
                          f"holds more text than the {MAX_RECORD_MB:g} MB an article may have",
                          f"{len(item.body) / (1 << 20):.0f} MB; NEWSGRAPH_MAX_RECORD_MB raises "
                          "the limit", "skipped")
        else:
            yield item


def _records(source: Source, separator: str | None) -> Iterator[ReadResult]:
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
        yield from _READERS[fmt](name, source.data, separator)
        return
    try:  # the format was guessed from the content: if it does not parse, it is prose
        items = list(_READERS[fmt](name, source.data, separator))
    except InputError:
        items = []
    if not any(isinstance(i, Record) for i in items):
        items = list(_read_text(name, source.data, separator))
    yield from items


#: the share of a plain text's words that must stand in lines of prose for it to be news
MIN_PROSE_SHARE = 0.3
#: shorter texts are not judged (a headline and a line of text can be news)
MIN_JUDGED_CHARS = 500
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


def _read_text(name: str, data: bytes, separator: str | None) -> Iterator[ReadResult]:
    text, enc = decode(data, name)
    if len(text) > MIN_JUDGED_CHARS and prose_share(text) < MIN_PROSE_SHARE:
        yield Skipped(name, "", "holds no prose", "a word list, a schema or a data table, not "
                      "news", "skipped")
        return
    for i, seg in enumerate(split_text(text, separator=separator)):
        yield Record(
            source=name, position=i, title=seg.title, body=seg.text, encoding=enc,
            line_start=seg.line_start, line_end=seg.line_end, title_in_body=True,
        )


# Field names, in order of preference, for the parts of a record.
_TEXT_KEYS = ("text", "body", "content", "article", "full_text", "fulltext", "story",
              "body-paragraphs", "paragraphs", "article_text", "maintext", "description",
              "summary", "abstract", "lede")
_TITLE_KEYS = ("title", "headline", "heading", "name", "subject")
_DATE_KEYS = ("date", "published", "pubdate", "pub_date", "published_at", "publishedat",
              "publication_date", "datetime", "timestamp", "created_at", "time", "dct", "dated")
_ID_KEYS = ("id", "uuid", "guid", "doc_id", "docid", "article_id", "_id", "newid")
_URL_KEYS = ("url", "link", "href", "permalink", "source_url")


def _norm_key(key: str) -> str:
    return re.sub(r"[\s_\-]+", "_", key.strip().lower())


def _pick(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    by_norm = {_norm_key(k): v for k, v in record.items()}
    for key in keys:
        value = by_norm.get(_norm_key(key))
        if value not in (None, "", [], {}):
            return value
    return None


#: how deep a JSON record may nest (an article is a few levels deep; a document nested
#: deeper is not news, and parsing it would exhaust the stack)
MAX_DEPTH = 64


class TooDeep(ValueError):
    """A JSON document nested deeper than :data:`MAX_DEPTH` (or than Python can parse)."""


def _loads(text: str) -> Any:
    """``json.loads``, raising :class:`TooDeep` for a document nested too deep."""
    try:
        return json.loads(text)
    except RecursionError:
        raise TooDeep from None


def _as_text(value: Any, depth: int = 0) -> str:
    """Flatten a field into plain text: lists of paragraphs (even as a repr string) joined."""
    if depth > MAX_DEPTH:
        raise TooDeep
    if value is None:
        return ""
    if isinstance(value, str):
        s = value.strip()
        if s.startswith("[") and s.endswith("]"):
            try:
                parsed = ast.literal_eval(s)
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                return s
            return _as_text(parsed, depth + 1)
        return s
    if isinstance(value, list | tuple):
        parts = [_as_text(v, depth + 1) for v in value]
        return "\n\n".join(p for p in parts if p)
    if isinstance(value, dict):
        return _as_text(_pick(value, _TEXT_KEYS), depth + 1)
    return str(value)


def _record_from_mapping(
    name: str, position: int, obj: dict[str, Any], encoding: str
) -> Record | Skipped:
    where = f"record {position + 1}"
    try:
        body = _as_text(_pick(obj, _TEXT_KEYS))
        title = _as_text(_pick(obj, _TITLE_KEYS))
    except TooDeep:
        return Skipped(name, where, f"nests deeper than {MAX_DEPTH} levels", advice="skipped")
    title = " ".join(title.split())
    if not body and not title:
        keys = ", ".join(list(obj)[:8])
        return Skipped(name, where, "has no text field", f"keys: {keys}", "expected one of "
                       "text, body, content, article, description")
    date = _pick(obj, _DATE_KEYS)
    rid = _pick(obj, _ID_KEYS)
    url = _pick(obj, _URL_KEYS)
    return Record(
        source=name, position=position, title=title, body=_clean_inline(body),
        published="" if date is None else str(date),
        source_id="" if rid is None else str(rid),
        url="" if url is None else str(url), encoding=encoding,
    )


def _clean_inline(text: str) -> str:
    """Unescape HTML entities, literal ``\\n`` sequences and stray carriage returns."""
    if "&" in text:
        text = html.unescape(text)
    if "\\n" in text and "\n" not in text:
        text = text.replace("\\n", "\n")
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _objects_in(value: Any) -> list[Any]:
    """The list of article objects in a parsed JSON document."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        for key in ("articles", "items", "data", "results", "entries", "documents", "docs",
                    "records", "news", "stories"):
            inner = value.get(key)
            if isinstance(inner, list) and inner and all(isinstance(v, dict) for v in inner):
                return inner
        return [value]
    return []


def _read_json(name: str, data: bytes, separator: str | None) -> Iterator[ReadResult]:
    text, enc = decode(data, name)
    try:
        parsed = _loads(text)
    except TooDeep:
        raise InputError(name, "is JSON nested too deep to be news (a malformed or hostile "
                         "file)", "check where it came from; the other files are read") from None
    except json.JSONDecodeError as exc:
        if "\n{" in text or text.lstrip().startswith("{"):
            # a .json file that holds JSON Lines is common in exports
            records = list(_read_jsonl(name, data, separator))
            if any(isinstance(r, Record) for r in records):
                yield from records
                return
        raise InputError(
            name, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            "fix the file or save it as JSON Lines, one article per line",
        ) from None
    objects = _objects_in(parsed)
    if not objects:
        raise InputError(name, "holds no JSON objects", "expected an object or a list of them")
    for i, obj in enumerate(objects):
        if not isinstance(obj, dict):
            yield Skipped(name, f"record {i + 1}", "is not a JSON object", advice="skipped")
            continue
        yield _record_from_mapping(name, i, obj, enc)


def _read_jsonl(name: str, data: bytes, separator: str | None) -> Iterator[ReadResult]:
    text, enc = decode(data, name)
    position = 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = _loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(name, f"line {lineno}", "is not valid JSON", exc.msg, "skipped")
            continue
        except TooDeep:
            yield Skipped(name, f"line {lineno}", "is JSON nested too deep to be news",
                          advice="skipped")
            continue
        if not isinstance(obj, dict):
            yield Skipped(name, f"line {lineno}", "is not a JSON object", advice="skipped")
            continue
        rec = _record_from_mapping(name, position, obj, enc)
        if isinstance(rec, Skipped):
            rec = replace(rec, where=f"line {lineno}")
        yield rec
        position += 1


csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _read_csv(name: str, data: bytes, separator: str | None) -> Iterator[ReadResult]:
    text, enc = decode(data, name)
    sample = text[:65536]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel_tab if name.lower().endswith(".tsv") else csv.excel
    rows = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        first = next(rows)
    except StopIteration:
        raise InputError(name, "is empty", "remove it or add rows") from None
    except csv.Error as exc:
        raise InputError(name, f"is not readable as CSV ({exc})", "check the quoting") from None
    header = [_norm_key(h) for h in first]
    known = set(map(_norm_key, _TEXT_KEYS + _TITLE_KEYS + _DATE_KEYS + _ID_KEYS + _URL_KEYS))
    has_header = any(h in known for h in header)
    if has_header:
        if not any(h in set(map(_norm_key, _TEXT_KEYS + _TITLE_KEYS)) for h in header):
            raise InputError(
                name, f"has no text column (columns: {', '.join(first[:10])})",
                "name the article column text, body or content (and title, date, id, url)",
            )
        columns = first
        data_rows: Iterable[list[str]] = rows
        start_line = 2
    else:
        columns = _guess_columns(first, text, dialect, name)
        data_rows = _chain_one(first, rows)
        start_line = 1
    position = 0
    line = start_line - 1
    try:
        for row in data_rows:
            line += 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                yield Skipped(name, f"line {line}", "has another number of fields than the header",
                              f"{len(row)}, the header {len(columns)}", "skipped")
                continue
            rec = _record_from_mapping(name, position, dict(zip(columns, row, strict=True)), enc)
            if isinstance(rec, Skipped):
                rec = replace(rec, where=f"line {line}")
            else:
                position += 1
            yield rec
    except csv.Error as exc:
        yield Skipped(name, f"line {line + 1}", "is not readable as CSV", str(exc), "rest skipped")


def _chain_one(first: list[str], rest: Iterator[list[str]]) -> Iterator[list[str]]:
    yield first
    yield from rest


def _guess_columns(first: list[str], text: str, dialect: Any, name: str) -> list[str]:
    """Name the columns of a header-less CSV: the longest prose column is the text, the next
    longest the title; numeric columns are ignored."""
    sample = []
    for i, row in enumerate(csv.reader(io.StringIO(text[:262144], newline=""), dialect)):
        sample.append(row)
        if i >= 200:
            break
    width = len(first)
    mean_len = []
    for col in range(width):
        cells = [r[col] for r in sample if len(r) == width]
        prose = [c for c in cells if re.search(r"[A-Za-z]{3,}", c) and " " in c.strip()]
        share = len(prose) / max(1, len(cells))
        mean_len.append(sum(map(len, cells)) / max(1, len(cells)) if share > 0.5 else 0.0)
    ranked = sorted(range(width), key=lambda c: -mean_len[c])
    if not ranked or mean_len[ranked[0]] == 0:
        raise InputError(
            name, "has no header and no column of article text",
            "add a header row naming the text column (text, body or content)",
        )
    columns = [f"col{c}" for c in range(width)]
    columns[ranked[0]] = "text"
    if width > 1 and mean_len[ranked[1]] > 0:
        columns[ranked[1]] = "title"
    return columns


def _read_html(name: str, data: bytes, separator: str | None) -> Iterator[ReadResult]:
    import trafilatura

    text, enc = decode(data, name)
    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body:
        raise InputError(name, "holds no article text that could be extracted",
                         "check that it is a news page, not an index or a login page")
    title = " ".join((getattr(doc, "title", None) or "").split())
    first, _, rest = body.partition("\n")
    if title and " ".join(first.split()) == title:
        body = rest.strip()  # the extracted text often repeats the headline
    yield Record(
        source=name, position=0, title=title, body=body,
        published=getattr(doc, "date", None) or "", url=getattr(doc, "url", None) or "",
        encoding=enc,
    )


def _read_feed(name: str, data: bytes, separator: str | None) -> Iterator[ReadResult]:
    import feedparser  # feedparser resolves no external entities and recovers from bad XML

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        exc = parsed.get("bozo_exception")
        why = f" ({exc})" if exc else ""
        raise InputError(name, f"is not a readable RSS/Atom feed{why}",
                         "check that the file is a complete feed")
    enc = parsed.get("encoding") or "utf-8"
    for i, entry in enumerate(entries):
        title = " ".join(_strip_html(entry.get("title", "")).split())
        content = entry.get("content") or []
        raw = content[0].get("value", "") if content else entry.get("summary", "")
        body = _strip_html(raw)
        if not title and not body:
            yield Skipped(name, f"item {i + 1}", "has neither title nor text", advice="skipped")
            continue
        published = ""
        for key in ("published_parsed", "updated_parsed", "created_parsed"):
            with warnings.catch_warnings():  # feedparser warns about its own key aliasing
                warnings.simplefilter("ignore", DeprecationWarning)
                st = entry.get(key)
            if st:
                published = f"{st.tm_year:04d}-{st.tm_mon:02d}-{st.tm_mday:02d}"
                break
        yield Record(
            source=name, position=i, title=title, body=body, published=published,
            source_id=str(entry.get("id", "") or ""), url=str(entry.get("link", "") or ""),
            encoding=enc,
        )


_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(p|div|br|li|h[1-6]|blockquote|tr)\b[^>]*>", re.I)


def _strip_html(fragment: str) -> str:
    """Plain text of a small HTML fragment (feed summaries): block tags become breaks."""
    if "<" in fragment:
        fragment = _BLOCK.sub("\n\n", fragment)
        fragment = _TAG.sub("", fragment)
    fragment = html.unescape(fragment)
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", fragment)]
    return "\n\n".join(p for p in paras if p)


_SGML_DOC = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S | re.I)


def _sgml_field(doc: str, tag: str) -> str:
    m = re.search(rf"<{tag}\b[^>]*>(.*?)</{tag}>", doc, re.S | re.I)
    return m.group(1) if m else ""


def _read_sgml(name: str, data: bytes, separator: str | None) -> Iterator[ReadResult]:
    text = data.decode("latin-1")
    found = False
    for i, m in enumerate(_SGML_DOC.finditer(text)):
        found = True
        attrs, doc = m.group(1), m.group(2)
        newid = re.search(r'NEWID="(\d+)"', attrs)
        title = " ".join(_sgml_unescape(_sgml_field(doc, "TITLE")).split())
        body = _sgml_unescape(_sgml_field(doc, "BODY"))
        body = re.sub(r"\s*\bReuter\s*$", "", body.strip())
        place = " ".join(_sgml_unescape(_sgml_field(doc, "DATELINE")).split())
        if body and place:
            body = f"{place} {body}"  # "NEW YORK, Feb 26 - The bank said ..."
        if not body:
            body = _sgml_unescape(_sgml_field(doc, "TEXT"))
            body = _TAG.sub("", body).strip()
        if not title and not body:
            yield Skipped(name, f"document {i + 1}", "has no title or body", advice="skipped")
            continue
        yield Record(
            source=name, position=i, title=title, body=_reflow(body),
            published=_sgml_field(doc, "DATE").strip(),
            source_id=newid.group(1) if newid else "", encoding="latin-1",
        )
    if not found:
        raise InputError(name, "holds no <REUTERS> documents", "is it Reuters-21578 SGML?")


def _sgml_unescape(s: str) -> str:
    s = re.sub(r"&#\d+;", "", s)  # control characters (&#2; &#3;) used as markers
    return html.unescape(s)


def _reflow(body: str) -> str:
    """Join hard-wrapped lines into paragraphs; paragraphs in SGML start with an indent."""
    paras = re.split(r"\n\s*\n|\n(?=\s{3,})", body)
    return "\n\n".join(" ".join(p.split()) for p in paras if p.strip())


_READERS = {
    "text": _read_text, "json": _read_json, "jsonl": _read_jsonl, "csv": _read_csv,
    "html": _read_html, "feed": _read_feed, "sgml": _read_sgml,
}
