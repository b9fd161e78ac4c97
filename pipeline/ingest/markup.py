"""Stage 1b, markup: HTML pages (main text by trafilatura), RSS/Atom feeds (feedparser) and
Reuters-21578 SGML."""

from __future__ import annotations

import html
import re
import warnings
from collections.abc import Iterator

from ..errors import InputError
from ..types import Record, Skipped
from .sources import ReadOptions, ReadResult, decode


def read_html(name: str, data: bytes, opts: ReadOptions) -> Iterator[ReadResult]:
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


def read_feed(name: str, data: bytes, opts: ReadOptions) -> Iterator[ReadResult]:
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


def read_sgml(name: str, data: bytes, opts: ReadOptions) -> Iterator[ReadResult]:
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
