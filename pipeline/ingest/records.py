"""Stage 1b, records: JSON, JSON Lines and CSV, whose rows or objects map field names to the
parts of an article (text, title, date, id, URL; the names in order of preference below)."""

from __future__ import annotations

import ast
import csv
import html
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from ..errors import InputError
from ..types import Record, Skipped
from .sources import ReadOptions, ReadResult, decode

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


class TooDeep(ValueError):
    """A JSON document nested deeper than the limit (``max_json_depth``; an article is a few
    levels deep, and parsing a deeper one could exhaust the stack) or than Python can parse."""


def _loads(text: str) -> Any:
    """``json.loads``, raising :class:`TooDeep` for a document nested too deep."""
    try:
        return json.loads(text)
    except RecursionError:
        raise TooDeep from None


def _as_text(value: Any, limit: int, depth: int = 0) -> str:
    """Flatten a field into plain text: lists of paragraphs (even as a repr string) joined;
    nested deeper than ``limit``: :class:`TooDeep`."""
    if depth > limit:
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
            return _as_text(parsed, limit, depth + 1)
        return s
    if isinstance(value, list | tuple):
        parts = [_as_text(v, limit, depth + 1) for v in value]
        return "\n\n".join(p for p in parts if p)
    if isinstance(value, dict):
        return _as_text(_pick(value, _TEXT_KEYS), limit, depth + 1)
    return str(value)


def _record_from_mapping(name: str, position: int, obj: dict[str, Any], encoding: str,
                         opts: ReadOptions) -> Record | Skipped:
    where = f"record {position + 1}"
    limit = opts.tuning.max_json_depth
    try:
        body = _as_text(_pick(obj, _TEXT_KEYS), limit)
        title = _as_text(_pick(obj, _TITLE_KEYS), limit)
    except TooDeep:
        return Skipped(name, where, f"nests deeper than {limit} levels", advice="skipped")
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


def read_json(name: str, data: bytes, opts: ReadOptions) -> Iterator[ReadResult]:
    text, enc = decode(data, name)
    try:
        parsed = _loads(text)
    except TooDeep:
        raise InputError(name, "is JSON nested too deep to be news (a malformed or hostile "
                         "file)", "check where it came from; the other files are read") from None
    except json.JSONDecodeError as exc:
        if "\n{" in text or text.lstrip().startswith("{"):
            # a .json file that holds JSON Lines is common in exports
            records = list(read_jsonl(name, data, opts))
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
        yield _record_from_mapping(name, i, obj, enc, opts)


def read_jsonl(name: str, data: bytes, opts: ReadOptions) -> Iterator[ReadResult]:
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
        rec = _record_from_mapping(name, position, obj, enc, opts)
        if isinstance(rec, Skipped):
            rec = replace(rec, where=f"line {lineno}")
        yield rec
        position += 1


csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def read_csv(name: str, data: bytes, opts: ReadOptions) -> Iterator[ReadResult]:
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
            rec = _record_from_mapping(name, position, dict(zip(columns, row, strict=True)), enc,
                                       opts)
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
