"""Currencies as news writes them: symbols, codes, words and multipliers from
``models/currencies.json``, and where a text writes a figure with its currency. Shared by the
NER rules (a figure with a currency is MONEY) and the money normaliser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pycountry

from .tables import from_tables, read_json


@dataclass(frozen=True)
class Tables:
    """The currency table, read once, with the patterns built from it."""

    symbols: dict[str, str]
    words: dict[str, str]
    nouns: dict[str, str]
    adjectives: dict[tuple[str, str], str]
    by_country: dict[str, dict[str, str]]
    subunits: dict[str, float]
    multipliers: dict[str, float]
    qualifiers: re.Pattern[str]
    starts_with_symbol: re.Pattern[str]
    range_high: re.Pattern[str]
    words_before: re.Pattern[str]
    written: re.Pattern[str]
    sentence_word: re.Pattern[str]
    left_symbol: re.Pattern[str]
    right: re.Pattern[str]
    lead: re.Pattern[str]


ISO = frozenset({c.alpha_3 for c in pycountry.currencies} | {"XBT", "XEU"} | {
    # currencies of the news archive, gone from today's ISO 4217 list
    "DEM", "FRF", "ITL", "ESP", "NLG", "BEF", "LUF", "ATS", "FIM", "IEP", "PTE", "GRD", "SKK",
    "EEK", "CYP", "MTL", "SIT", "LTL", "LVL", "HRK", "ZWL", "VEF"})
NUM = r"\d+(?:[.,\u00a0 ]\d{3})*(?:[.,]\d+)?|\d*[.,]\d+"
NUMBER = re.compile(NUM)


def _alternation(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@from_tables()
def tables() -> Tables:
    t = read_json("currencies.json")
    symbols = dict(t["symbols"])
    words = {k.lower(): v for k, v in t["words"].items()}
    multipliers = {k: float(v) for k, v in t["multipliers"].items()}
    sym_re = _alternation(symbols)
    currency_words = _alternation([*words, *t["nouns"]])
    mult_re = _alternation(multipliers)
    return Tables(
        symbols=symbols, words=words, nouns=dict(t["nouns"]),
        adjectives={(k.split("|", 1)[0], k.split("|", 1)[1]): v
                    for k, v in t["adjectives"].items()},
        by_country={k: dict(v) for k, v in t["by_country"].items()},
        subunits={k: float(v) for k, v in t["subunits"].items()}, multipliers=multipliers,
        qualifiers=re.compile(r"^(" + _alternation(q for q in t["qualifiers"] if len(q) > 2)
                              + r")\b\s*", re.I),
        starts_with_symbol=re.compile(rf"\s*(?:{sym_re})"),
        # the upper end of a range: "to $5", "- 6", "and 3.5"
        range_high=re.compile(rf"^\s*(?:-|–|to|and)\s*(?:{sym_re})?\s*({NUM})"),
        # up to three words before a written figure ("an additional US$5")
        words_before=re.compile(
            rf"^((?:[A-Za-z][a-z]*\s+){{1,3}})(?=(?:{sym_re}|[A-Z]{{3}})?\s?\d)"),
        written=_written_money(symbols, words, set(t["homographs"]), mult_re),
        sentence_word=re.compile(r"\b(?:in\s+)?(?:([A-Z][\w.]*)\s+)?(" + _alternation(
            w for w, code in words.items() if code and len(w) > 2
            and w not in set(t["homographs"])) + r")\b", re.I),
        left_symbol=re.compile(rf"(?:{sym_re}|\b[A-Z]{{3}})\s?$"),
        # a multiplier, then a currency (with up to two words of adjective) or a code
        right=re.compile(rf"^(?:\s?-?(?i:{mult_re})\b\.?)?(?:\s(?:of\s)?"
                         rf"(?:(?:[A-Z][\w.]*|new|east)\s){{0,2}}(?i:{currency_words})\b"
                         rf"|\s?(?:{_alternation(ISO)})\b)?"),
        lead=re.compile(rf"^({sym_re})\s?(?=[\d.,])"),
    )


def _written_money(symbols: dict[str, str], words: dict[str, str], homographs: set[str],
                   mult_re: str) -> re.Pattern[str]:
    """A figure with its currency, as news writes it: a symbol or code before the figure
    ("US$5", "EUR 2 million", "Rs 5 crore"), or a code or currency word after it ("46 mln
    dlrs", "150 million euros", "12 cents", "5.5 mln Canadian dlrs"). A symbol that is one
    Latin letter ("R", "Q") is left out ("Q3" is a quarter), and a word that is also
    ordinary English ("won", "real") counts only after a multiplier ("1 trillion won")."""
    lead = _alternation(s for s in symbols if not (len(s) == 1 and s.isascii() and s.isalpha())
                        and symbols[s])
    plain = _alternation(w for w, code in words.items()
                         if w not in homographs and len(w) > 1 and (code or w.endswith("s")))
    homo = _alternation(w for w in homographs if w in words)
    iso = _alternation(c for c in ISO)
    mult = rf"(?:\s?-?(?i:{mult_re})\b)"
    adjective = r"(?:(?:[A-Z][\w.]*|new|east)\s){0,2}"
    return re.compile(
        rf"(?<![\w$€£¥])(?:(?:{lead})\s?|\b(?:{iso})\s)(?:{NUM}){mult}?(?:\s(?i:{plain}))?"
        rf"|(?<![\w.,])(?:{NUM})(?:{mult}?\s(?:of\s)?{adjective}(?i:{plain})\b"
        rf"|{mult}\s(?:of\s)?{adjective}(?i:{homo})\b|{mult}?\s?(?:{iso})\b)")


def money_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` writes a figure with its currency (character spans).

    >>> t = "It paid 46 mln dlrs and EUR 2 million; won 3 games in Q3."
    >>> [t[a:b] for a, b in money_spans(t)]
    ['46 mln dlrs', 'EUR 2 million']
    """
    return [m.span() for m in tables().written.finditer(text)]


def symbol_code(symbol: str) -> str:
    """The ISO code of a currency symbol or code as written ("€", "US$", "EUR"), or ``""``.

    >>> symbol_code("AU$"), symbol_code("EUR"), symbol_code("kr")
    ('AUD', 'EUR', '')
    """
    s = symbol.strip()
    return tables().symbols.get(s, s.upper() if s.upper() in ISO else "")
