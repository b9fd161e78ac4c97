"""Evaluation harness: score the pipeline on gold data (``newsgraph eval``, ``make eval``).

* :func:`eval_conll`: NER spans on CoNLL-2003 (IOB1), exact match, spaCy PERSON→PER, ORG→ORG,
  GPE/LOC/FAC→LOC, the rest→MISC; P/R/F per type and micro over PER, ORG and LOC.
* :func:`eval_timeml`: DATE values on TimeML (TimeBank, AQUAINT): each document's creation
  time is its publication date; a gold DATE counts when an overlapping DATE/TIME mention
  resolves to its value at its granularity (PRESENT_REF: the creation day itself).
* :func:`eval_reuters_places`: per-document country precision/recall against the gold
  ``<PLACES>`` of Reuters-21578.
* :func:`eval_money`: amount + currency accuracy on price-parser's examples (shop prices: a
  floor, not the goal).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..ingest import Source, read_records
from ..lexicon.countries import resolve_place
from ..lexicon.currencies import symbol_code
from ..nlp import Recognizer
from ..normalize import normalise_article
from ..normalize.money import parse_money
from ..settings import DEFAULT_MODEL
from ..types import Record
from .gold import gold_bytes, gold_field, gold_files, gold_json_lines, gold_text, gold_xml

CONLL_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
SCORED = ("PER", "ORG", "LOC")


@dataclass
class PRF:
    """True positives, predicted and gold counts, with precision, recall and F1."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def p(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def r(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"p": round(self.p, 4), "r": round(self.r, 4), "f1": round(self.f, 4),
                "tp": self.tp, "pred": self.pred, "gold": self.gold}


# --------------------------------------------------------------------------- CoNLL


def read_conll(path: Path) -> Iterator[tuple[str, set[tuple[int, int, str]]]]:
    """Documents of a CoNLL-2003 file as ``(text, gold spans)``; sentences one per line."""
    doc_lines: list[str] = []
    spans: set[tuple[int, int, str]] = set()
    sent: list[tuple[str, str]] = []
    offset = 0

    def flush_sentence() -> None:
        nonlocal offset
        if not sent:
            return
        pos = offset
        cur: list[Any] | None = None
        prev_type = "O"
        for tok, tag in sent:
            typ = tag[2:] if tag != "O" else "O"
            begins = tag.startswith("B-") or typ != prev_type
            if cur is not None and (typ == "O" or begins):
                spans.add((cur[0], cur[1], cur[2]))
                cur = None
            if typ != "O":
                if cur is None:
                    cur = [pos, pos + len(tok), typ]
                else:
                    cur[1] = pos + len(tok)
            pos += len(tok) + 1
            prev_type = typ
        if cur is not None:
            spans.add((cur[0], cur[1], cur[2]))
        line = " ".join(t for t, _ in sent)
        doc_lines.append(line)
        offset += len(line) + 1
        sent.clear()

    for raw in gold_text(path).splitlines():
        parts = raw.split()
        if not parts:
            flush_sentence()
            continue
        if parts[0] == "-DOCSTART-":
            flush_sentence()
            if doc_lines:
                yield "\n".join(doc_lines), set(spans)
            doc_lines.clear()
            spans.clear()
            offset = 0
            continue
        sent.append((parts[0], parts[-1]))
    flush_sentence()
    if doc_lines:
        yield "\n".join(doc_lines), set(spans)


def eval_conll(path: Path, model: str = DEFAULT_MODEL) -> dict[str, Any]:
    """NER P/R/F on a CoNLL-2003 file (see module docstring)."""
    docs = list(read_conll(path))
    if not docs:
        raise InputError(str(path), "holds no CoNLL documents", "pass a CoNLL-2003 file")
    rec = Recognizer(model)
    scores = {t: PRF() for t in (*SCORED, "MISC")}
    for (_, gold), (_, ents) in zip(docs, rec.pipe((t, i) for i, (t, _) in enumerate(docs)),
                                    strict=True):
        pred = {(s, e, CONLL_MAP.get(label, "MISC")) for s, e, label in ents
                if label not in ("CARDINAL", "ORDINAL", "DATE", "TIME", "PERCENT", "MONEY",
                                 "QUANTITY")}
        for typ, sc in scores.items():
            g = {x for x in gold if x[2] == typ}
            p = {x for x in pred if x[2] == typ}
            sc.tp += len(g & p)
            sc.gold += len(g)
            sc.pred += len(p)
    micro = PRF(*(sum(getattr(scores[t], a) for t in SCORED) for a in ("tp", "pred", "gold")))
    return {"documents": len(docs), "micro_PER_ORG_LOC": micro.as_dict(),
            **{t: s.as_dict() for t, s in scores.items()}}


# --------------------------------------------------------------------------- TimeML


@dataclass
class TimeDoc:
    """A TimeML document: plain text, creation date and gold DATE timexes."""

    name: str
    text: str
    dct: date
    dates: list[tuple[int, int, str]] = field(default_factory=list)


def read_timeml(path: Path) -> TimeDoc:
    """Plain text, DCT and gold DATE ``(start, end, value)`` of one .tml file."""
    root = gold_xml(path)
    dct_el = root.find("DCT/TIMEX3")
    try:
        dct = date.fromisoformat((dct_el.get("value", "") if dct_el is not None else "")[:10])
    except ValueError:
        raise InputError(str(path), "has no document creation time (DCT/TIMEX3 value)",
                         "pass TimeML files") from None
    text_el = root.find("TEXT")
    if text_el is None:
        raise InputError(str(path), "has no TEXT element", "pass TimeML files")
    buf: list[str] = []
    gold: list[tuple[int, int, str]] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        if el.text:
            buf.append(el.text)
            pos += len(el.text)
        for child in el:
            start = pos
            walk(child)
            if child.tag == "TIMEX3" and child.get("type") == "DATE":
                gold.append((start, pos, child.get("value", "")))
            if child.tail:
                buf.append(child.tail)
                pos += len(child.tail)

    walk(text_el)
    return TimeDoc(path.name, "".join(buf), dct, gold)


def eval_timeml(path: Path, model: str = DEFAULT_MODEL) -> dict[str, Any]:
    """DATE value accuracy on a folder of TimeML files (see module docstring).

    ``accuracy`` counts every gold DATE; ``accuracy_calendar`` only those whose value is a
    calendar period (a day, week, month, season, quarter, year or decade, or PRESENT_REF):
    values with placeholders (``1989-WXX``), PAST_REF/FUTURE_REF and clock times have no
    calendar value a normaliser could give.
    """
    files = gold_files(path, "**/*.tml", "TimeML documents") if path.is_dir() else [path]
    docs = [read_timeml(f) for f in files]
    rec = Recognizer(model)
    total = exact = found = calendar = calendar_exact = 0
    misses: Counter[str] = Counter()
    for doc, (_, ents) in zip(docs, rec.pipe((d.text, i) for i, d in enumerate(docs)),
                              strict=True):
        mentions = [m for m in normalise_article(doc.name, doc.text, ents, doc.dct)
                    if m.label in ("DATE", "TIME") and m.date_start]
        for gs, ge, value in doc.dates:
            total += 1
            is_calendar = value == "PRESENT_REF" or bool(_CALENDAR.fullmatch(value))
            calendar += is_calendar
            over = [m for m in mentions if m.start < ge and m.end > gs]
            found += bool(over)
            if any(timex_matches(date.fromisoformat(m.date_start),
                                 date.fromisoformat(m.date_end), value, doc.dct) for m in over):
                exact += 1
                calendar_exact += is_calendar
            else:
                shape = re.sub(r"\d", "9", value)
                misses["no resolved mention" if not over else f"wrong {shape}"] += 1
    return {"documents": len(docs), "gold_dates": total, "resolved_mention": found,
            "value_exact": exact, "accuracy": round(exact / total, 4) if total else 0.0,
            "gold_calendar_dates": calendar, "calendar_exact": calendar_exact,
            "accuracy_calendar": round(calendar_exact / calendar, 4) if calendar else 0.0,
            "misses": dict(misses.most_common(12))}


_CALENDAR = re.compile(r"\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{4}|\d{4}-Q[1-4]|\d{4}-W\d{1,2}|\d{3}|"
                       r"\d{4}-(?:SP|SU|FA|WI)|\d{4}-H[12]")


def timex_matches(start: date, end: date, gold: str, dct: date) -> bool:
    """Whether a resolved range equals a gold TIMEX3 value at the gold's granularity.

    >>> timex_matches(date(1998, 7, 1), date(1998, 9, 30), "1998-Q3", date(1998, 10, 1))
    True
    """
    if gold == "PRESENT_REF":
        return start == end == dct
    if not _CALENDAR.fullmatch(gold):
        return False
    if len(gold) == 10:
        return start == end and start.isoformat() == gold
    if len(gold) == 7 and gold[5:].isdigit():
        return start.isoformat()[:7] == gold and end.isoformat()[:7] == gold
    if len(gold) == 4:
        return start.year == end.year == int(gold)
    if len(gold) == 3:
        return str(start.year)[:3] == gold == str(end.year)[:3]
    kind = gold[5]
    year = int(gold[:4])
    if gold[5:] in ("SP", "SU", "FA", "WI"):
        season = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[gold[5:]]
        return start.year == year and start.month == season
    if kind == "Q":
        return start.year == year == end.year and (start.month - 1) // 3 + 1 == int(gold[6]) \
            == (end.month - 1) // 3 + 1
    if kind == "W":
        y, w, _ = start.isocalendar()
        return (y, w) == (year, int(gold[6:])) and (end - start).days <= 6
    return start.year == year and (1 if start.month <= 6 else 2) == int(gold[6])


# --------------------------------------------------------------------------- Reuters places


def _reuters_code(place: str) -> str | None:
    """Reuters place codes are lower-case names ("usa", "west-germany", "hong-kong")."""
    name = place.replace("-", " ")
    for cand in (name.upper() if len(name) <= 3 else name.title(), name):
        hit = resolve_place(cand)
        if hit is not None and hit.code:
            return hit.code
    return None


def reuters_files(paths: Iterable[Path]) -> list[Path]:
    """The Reuters-21578 files named: files as given, folders' ``*.sgm`` files."""
    return [f for p in paths
            for f in (gold_files(p, "*.sgm", "Reuters-21578 files") if p.is_dir() else [p])]


def eval_reuters_places(paths: list[Path], model: str = DEFAULT_MODEL) -> dict[str, Any]:
    """Per-document country P/R/F against Reuters-21578 ``<PLACES>`` (files, or folders of
    ``.sgm`` files)."""
    docs: list[tuple[Record, set[str]]] = []
    unmapped: Counter[str] = Counter()
    for p in reuters_files(paths):
        data = gold_bytes(p)
        golds = [re.findall(r"<D>(.*?)</D>", m) for m in re.findall(
            r"<PLACES>(.*?)</PLACES>", data.decode("latin-1"))]
        recs = [r for r in read_records(Source(p.name, data, p.name)) if isinstance(r, Record)]
        if len(recs) != len(golds):
            raise InputError(str(p), f"holds {len(recs)} documents but {len(golds)} <PLACES>",
                             "pass Reuters-21578 .sgm files")
        for r, g in zip(recs, golds, strict=True):
            codes = set()
            for place in g:
                code = _reuters_code(place)
                if code is None:
                    unmapped[place] += 1
                else:
                    codes.add(code)
            if codes and r.body:
                docs.append((r, codes))
    rec = Recognizer(model)
    score = PRF()
    for (r, gold), (_, ents) in zip(docs, rec.pipe((r.text, i) for i, (r, _) in enumerate(docs)),
                                    strict=True):
        pred = {m.country for m in normalise_article("", r.text, ents, None) if m.country}
        pred.discard("EU")
        score.tp += len(pred & gold)
        score.pred += len(pred)
        score.gold += len(gold)
    return {"documents": len(docs), **score.as_dict(),
            "gold_places_without_iso_code": sum(unmapped.values())}


# --------------------------------------------------------------------------- money


def eval_money(path: Path) -> dict[str, Any]:
    """Amount + currency accuracy on price-parser's examples that have both."""
    total = right = 0
    for number, ex in gold_json_lines(path):
        cur, amount = ex.get("currency"), ex.get("amount")
        if not cur or amount in (None, "null"):
            continue
        cur = str(cur)
        price = str(gold_field(path, number, ex, "price_raw"))
        try:
            gold_amount = float(amount)
        except (TypeError, ValueError):
            raise InputError(f"{path}:{number}", f"has an amount that is no number ({amount!r})",
                             "pass price-parser's examples") from None
        gold_iso = symbol_code(cur) or cur.strip().upper()
        raw = price if cur in price else f"{cur} {price}"
        m = re.search(rf"(?:{re.escape(cur)}\s*)?[\d.,\s]*\d(?:\s*{re.escape(cur)})?", raw)
        got = parse_money(m.group(0).strip()) if m else None
        total += 1
        if got is not None and got.currency == gold_iso and \
                abs(got.amount - gold_amount) < 1e-6 * max(1.0, abs(gold_amount)):
            right += 1
    return {"examples": total, "right": right, "accuracy": round(right / total, 4) if total else 0}
