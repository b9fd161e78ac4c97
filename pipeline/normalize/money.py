"""Money normaliser: a MONEY mention to an amount and an ISO 4217 currency.

Handles symbols and codes before or after the figure (``€750,000``, ``US$5``, ``5 USD``,
``Rs 40``), currency words (``43 million dollars``, ``20 million pounds``, ``dlrs``),
multipliers (thousand, million/mn/mln/m, billion/bn, trillion, crore, lakh), number words
(``seventy million dollars``) and keeps qualifiers ("about", "up to") apart. spaCy often
leaves the symbol out of the span, so :func:`widen` looks at the characters just left of it.
A figure with no currency at all is not money (a count of things) and stays unresolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pycountry

from ..lexicon.words import CARDINALS


@dataclass(frozen=True, slots=True)
class Money:
    """A normalised amount: ``amount`` in units of ``currency``; ``qualifier`` kept apart."""

    amount: float
    currency: str
    qualifier: str = ""


# Symbols and prefixes, longest first. "$" alone is the US dollar, as in news in English.
SYMBOLS = {
    "US$": "USD", "U.S.$": "USD", "USD$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD",
    "CA$": "CAD", "CAN$": "CAD", "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "SG$": "SGD",
    "R$": "BRL", "NT$": "TWD", "MX$": "MXN", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
    "₹": "INR", "Rs.": "INR", "Rs": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY", "₪": "ILS",
    "₫": "VND", "₦": "NGN", "฿": "THB", "₱": "PHP", "₴": "UAH", "zł": "PLN", "CHF": "CHF",
    "Fr.": "CHF", "R": "ZAR", "元": "CNY", "円": "JPY", "Kč": "CZK", "kr.": "", "kr": "",
    "Kr": "", "Dhs": "AED", "SAR": "SAR", "RM": "MYR", "Rp": "IDR", "руб.": "RUB",
    "руб": "RUB", "р.": "RUB", "грн.": "UAH", "грн": "UAH", "lei": "RON", "Lei": "RON",
    "đ": "VND", "Ft": "HUF", "лв": "BGN", "лв.": "BGN", "₸": "KZT", "₾": "GEL", "₼": "AZN",
    "₵": "GHS", "₲": "PYG", "₡": "CRC", "₭": "LAK", "₮": "MNT", "₨": "PKR", "৳": "BDT",
    "﷼": "", "Z$": "ZWL", "B/.": "PAB", "S/.": "PEN", "S/": "PEN", "Bs.": "VES", "Q": "GTQ",
    "KSh": "KES", "Ksh": "KES", "USh": "UGX", "TSh": "TZS", "GH₵": "GHS", "N$": "NAD",
    "E£": "EGP", "ج.م": "EGP", "د.إ": "AED", "د.ك": "KWD", "ر.س": "SAR", "درهم": "AED",
}
# currency words; an adjective before them can change the currency ("Australian dollars")
_WORDS = {
    "dollar": "USD", "dollars": "USD", "dlr": "USD", "dlrs": "USD", "buck": "USD",
    "bucks": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "sterling": "GBP", "stg": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupee": "INR", "rupees": "INR", "won": "KRW", "rouble": "RUB", "roubles": "RUB",
    "ruble": "RUB", "rubles": "RUB", "franc": "", "francs": "", "mark": "DEM", "marks": "DEM",
    "deutschmark": "DEM", "deutschmarks": "DEM", "lira": "TRY", "lire": "ITL", "guilder": "NLG",
    "guilders": "NLG", "peseta": "ESP", "pesetas": "ESP", "rand": "ZAR", "real": "BRL",
    "reais": "BRL", "peso": "", "pesos": "", "dong": "VND", "baht": "THB", "ringgit": "MYR",
    "rupiah": "IDR", "shekel": "ILS", "shekels": "ILS", "naira": "NGN", "dirham": "AED",
    "dirhams": "AED", "riyal": "SAR", "riyals": "SAR", "krona": "SEK", "kronor": "SEK",
    "krone": "", "kroner": "", "crown": "", "crowns": "", "zloty": "PLN", "zlotys": "PLN",
    "forint": "HUF", "forints": "HUF", "koruna": "CZK", "hryvnia": "UAH", "hryvnias": "UAH",
    "tenge": "KZT", "manat": "", "cent": "USD", "cents": "USD", "pence": "GBP", "penny": "GBP",
    "p": "GBP", "bitcoin": "XBT", "bitcoins": "XBT", "рублей": "RUB", "рубля": "RUB",
    "рубль": "RUB", "euro's": "EUR",
}
_ADJECTIVE = {
    ("australian", "dollar"): "AUD", ("canadian", "dollar"): "CAD", ("hong kong", "dollar"): "HKD",
    ("singapore", "dollar"): "SGD", ("new zealand", "dollar"): "NZD", ("taiwan", "dollar"): "TWD",
    ("taiwanese", "dollar"): "TWD", ("us", "dollar"): "USD", ("u.s.", "dollar"): "USD",
    ("american", "dollar"): "USD", ("zimbabwe", "dollar"): "ZWL", ("egyptian", "pound"): "EGP",
    ("lebanese", "pound"): "LBP", ("syrian", "pound"): "SYP", ("sudanese", "pound"): "SDG",
    ("irish", "pound"): "IEP", ("swiss", "franc"): "CHF", ("french", "franc"): "FRF",
    ("belgian", "franc"): "BEF", ("cfa", "franc"): "XOF", ("mexican", "peso"): "MXN",
    ("argentine", "peso"): "ARS", ("argentinian", "peso"): "ARS", ("chilean", "peso"): "CLP",
    ("colombian", "peso"): "COP", ("philippine", "peso"): "PHP", ("cuban", "peso"): "CUP",
    ("pakistani", "rupee"): "PKR", ("sri lankan", "rupee"): "LKR", ("nepalese", "rupee"): "NPR",
    ("indian", "rupee"): "INR", ("indonesian", "rupiah"): "IDR", ("norwegian", "krone"): "NOK",
    ("norwegian", "crown"): "NOK", ("danish", "krone"): "DKK", ("danish", "crown"): "DKK",
    ("swedish", "crown"): "SEK", ("swedish", "krona"): "SEK", ("czech", "crown"): "CZK",
    ("turkish", "lira"): "TRY", ("italian", "lira"): "ITL", ("south african", "rand"): "ZAR",
    ("brazilian", "real"): "BRL", ("saudi", "riyal"): "SAR", ("qatari", "riyal"): "QAR",
    ("uae", "dirham"): "AED", ("moroccan", "dirham"): "MAD", ("chinese", "yuan"): "CNY",
    ("japanese", "yen"): "JPY", ("south korean", "won"): "KRW", ("korean", "won"): "KRW",
    ("russian", "rouble"): "RUB", ("russian", "ruble"): "RUB", ("turkmen", "manat"): "TMT",
    ("azerbaijani", "manat"): "AZN", ("german", "mark"): "DEM", ("deutsche", "mark"): "DEM",
    ("dutch", "guilder"): "NLG", ("spanish", "peseta"): "ESP",
}
_SUBUNIT = {"cent": 0.01, "cents": 0.01, "pence": 0.01, "penny": 0.01, "p": 0.01}
_MULT = {
    "thousand": 1e3, "k": 1e3, "K": 1e3, "grand": 1e3, "million": 1e6, "millions": 1e6,
    "mn": 1e6, "mln": 1e6, "mio": 1e6, "m": 1e6, "M": 1e6, "billion": 1e9, "billions": 1e9,
    "bn": 1e9, "bln": 1e9, "b": 1e9, "B": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
    "crore": 1e7, "crores": 1e7, "cr": 1e7, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5,
    "hundred": 1e2,
}
_QUALIFIERS = [
    "more than", "less than", "fewer than", "up to", "at least", "at most", "as much as",
    "as little as", "as many as", "in excess of", "upwards of", "an estimated", "close to",
    "nearly", "almost", "about", "around", "approximately", "roughly", "some", "over",
    "under", "below", "above", "just over", "just under", "around about", "an", "a",
]
_NUMBER_WORDS = {**CARDINALS, "a": 1, "an": 1, "half": 0.5, "dozen": 12}
_ISO = {c.alpha_3 for c in pycountry.currencies} | {"XBT"}
_SYM_RE = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
_NUM = r"\d+(?:[.,\u00a0 ]\d{3})*(?:[.,]\d+)?|\d*[.,]\d+"
_LEFT_SYMBOL = re.compile(rf"(?:{_SYM_RE}|\b[A-Z]{{3}})\s?$")
_NUMBER = re.compile(_NUM)
_QUAL_RE = re.compile(r"^(" + "|".join(re.escape(q) for q in _QUALIFIERS if len(q) > 2)
                      + r")\b\s*", re.I)


def widen(text: str, start: int, end: int) -> int:
    """Move a MONEY span's start left over a currency symbol or code spaCy left out.

    >>> t = "fined it €750,000 for"
    >>> t[widen(t, 10, 17):17]
    '€750,000'
    """
    if start > 0 and not re.match(rf"\s*({_SYM_RE})", text[start:end]):
        m = _LEFT_SYMBOL.search(text[max(0, start - 5):start])
        if m:
            cand = m.group(0).strip()
            if cand in SYMBOLS or cand in _ISO:
                return start - len(m.group(0))
    return start


_RIGHT = re.compile(r"^(?:\s?(?:bn|mn|m|k|tn|trn|million|billion|trillion|thousand|crore|lakh)\b)?"
                    r"(?:\s(?:dollars?|euros?|pounds?|yen|yuan|rupees?|USD|EUR|GBP))?")


def widen_right(text: str, start: int, end: int) -> int:
    """Move a MONEY span's end right over a multiplier or currency word spaCy left out.

    >>> t = "fined it £1.2m on"
    >>> t[9:widen_right(t, 9, 13)]
    '£1.2m'
    """
    m = _RIGHT.match(text[end:end + 20])
    return end + (m.end() if m else 0)


def parse_number(s: str) -> float | None:
    """A number written with digits, thousands separators and a decimal point or comma.

    >>> parse_number("750,000"), parse_number("1.198,50"), parse_number("3,5")
    (750000.0, 1198.5, 3.5)
    """
    s = s.replace("\u00a0", "").replace(" ", "")
    if "," in s and "." in s:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if dec == "," else ",", "").replace(dec, ".")
    elif "," in s:
        head, _, tail = s.rpartition(",")
        if len(tail) == 3 and head:
            s = s.replace(",", "")
        elif s.count(",") == 1:
            s = s.replace(",", ".")
        else:
            s = s.replace(",", "")
    elif s.count(".") > 1:
        s = s.replace(".", "")
    try:
        return float(s)
    except ValueError:
        return None


def _words_number(words: list[str]) -> tuple[float | None, int]:
    """Value of leading number words ("seventy", "a hundred and five"); (None, 0) if none."""
    total = 0.0
    current = 0.0
    used = 0
    for w in words:
        lw = w.lower().strip(",")
        if lw in _NUMBER_WORDS and not (lw in ("a", "an") and used):
            current += _NUMBER_WORDS[lw]
        elif lw == "hundred" and used:
            current = max(current, 1) * 100
        elif lw == "and" and used:
            pass
        elif "-" in lw and all(p in _NUMBER_WORDS for p in lw.split("-")):
            current += sum(_NUMBER_WORDS[p] for p in lw.split("-"))
        else:
            break
        used += 1
    total += current
    return (total, used) if used else (None, 0)


def parse_money(text: str) -> Money | None:
    """Parse a money expression; None when it has no figure or no currency.

    >>> parse_money("up to £315 million")
    Money(amount=315000000.0, currency='GBP', qualifier='up to')
    >>> parse_money("about 43 million dollars")
    Money(amount=43000000.0, currency='USD', qualifier='about')
    >>> parse_money("$1.2bn")
    Money(amount=1200000000.0, currency='USD', qualifier='')
    >>> parse_money("33.7 million") is None
    True
    """
    s = " ".join(text.replace("\u00a0", " ").split())
    qualifier = ""
    m = _QUAL_RE.match(s)
    if m:
        qualifier = m.group(1).lower()
        s = s[m.end():]
    currency = ""
    # symbol or code before the figure
    lead = re.match(rf"^({_SYM_RE})\s?(?=[\d.,])", s) or re.match(r"^([A-Z]{3})\s?(?=[\d.])", s)
    if lead and (lead.group(1) in SYMBOLS or lead.group(1) in _ISO):
        currency = SYMBOLS.get(lead.group(1), lead.group(1))
        s = s[lead.end():]
    num = _NUMBER.match(s)
    if num:
        value = parse_number(num.group(0))
        rest = s[num.end():]
    else:
        words = s.split()
        value, used = _words_number(words)
        rest = " " + " ".join(words[used:])
    if value is None:
        return None
    # range: "5-6 million", "5 to 6 million": keep the low end, say so
    rng = re.match(rf"^\s*(?:-|–|to)\s*(?:{_SYM_RE})?\s*({_NUM})", rest)
    if rng:
        rest = rest[rng.end():]
        qualifier = qualifier or "range"
    tokens = re.findall(r"[^\W\d_][^\W\d_.]*\.?|\S", rest)
    i = 0
    # multipliers directly after the number: "315 million", "1.2bn", "600m", "5 crore"
    while i < len(tokens) and tokens[i].rstrip(".") in _MULT:
        value *= _MULT[tokens[i].rstrip(".")]
        i += 1
    if i < len(tokens) and tokens[i].lower() in ("of", "and"):
        i += 1
    # currency after the figure: a code, a symbol, or a word (with its adjective)
    tail = [t.strip(".") for t in tokens[i:i + 4]]
    if not currency and tail:
        first = tail[0]
        if first in _ISO:
            currency = first
        elif tokens[i] in SYMBOLS and SYMBOLS[tokens[i]]:
            currency = SYMBOLS[tokens[i]]
        elif first in SYMBOLS and SYMBOLS[first]:
            currency = SYMBOLS[first]
        else:
            currency = _currency_word(tail)
            if tail[0].lower() in _SUBUNIT and currency:
                value *= _SUBUNIT[tail[0].lower()]
    if not currency:
        return None
    return Money(round(value, 6), currency, qualifier)


def _currency_word(tail: list[str]) -> str:
    low = [t.lower() for t in tail]
    for n in (3, 2, 1):  # "hong kong dollars", "australian dollars"
        if len(low) > n:
            adj = " ".join(low[:n])
            noun = low[n].rstrip("s") if low[n] not in ("pence",) else low[n]
            for key in ((adj, noun), (adj, low[n])):
                if key in _ADJECTIVE:
                    return _ADJECTIVE[key]
    if low and low[0] in _WORDS:
        return _WORDS[low[0]]
    return ""


def normalise_money(text: str) -> tuple[Money | None, str]:
    """``(Money, "")`` or ``(None, reason)`` for a MONEY mention.

    >>> normalise_money("50 million Australian dollars")[0].currency
    'AUD'
    >>> normalise_money("300 francs")
    (None, 'ambiguous currency')
    """
    money = parse_money(text)
    if money is not None:
        return money, ""
    if not re.search(r"\d", text) and _words_number(text.split())[0] is None:
        return None, "no figure"
    low = text.lower()
    if any(re.search(rf"\b{re.escape(w)}\b", low) for w, code in _WORDS.items()
           if not code and len(w) > 2) or re.search(r"\bkr\b", low):
        return None, "ambiguous currency"
    return None, "no currency (a count, not money)"
