"""Money normaliser: a MONEY mention to an amount and an ISO 4217 currency.

Handles symbols and codes before or after the figure (``€750,000``, ``US$5``, ``5 USD``,
``Rs 40``, ``$249 USD``), currency words (``43 million dollars``, ``46 mln dlrs``,
``1 trillion won``, ``12 cents``), multipliers in any case (thousand, million/mn/mln/m,
billion/bn/bln, trillion, crore, lakh), number words (``seventy million dollars``), ranges
(``$3 to $5 million``: both ends) and words before the figure kept apart as the qualifier
("about", "up to", "an additional"). A word that names several currencies (francs, crowns,
pesos) takes the one of the country the text is about, when the caller knows it. spaCy often
leaves the symbol or the currency word out of the span, so :func:`widen` and
:func:`widen_right` look at the characters beside it. A figure with no currency at all is not
money (a count of things) and stays unresolved. The words are data: ``models/currencies.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon.currencies import ISO, NUMBER, symbol_code, tables
from ..lexicon.words import CARDINALS


@dataclass(frozen=True, slots=True)
class Money:
    """A normalised amount: ``amount`` in units of ``currency``; ``qualifier`` kept apart;
    ``amount_high`` the upper end of a range ("$3 to $5 million")."""

    amount: float
    currency: str
    qualifier: str = ""
    amount_high: float | None = None


_NUMBER_WORDS = {**CARDINALS, "a": 1, "an": 1, "half": 0.5, "dozen": 12}
def widen(text: str, start: int, end: int) -> int:
    """Move a MONEY span's start left over a currency symbol or code spaCy left out.

    >>> t = "fined it €750,000 for"
    >>> t[widen(t, 10, 17):17]
    '€750,000'
    """
    t = tables()
    if start > 0 and not t.starts_with_symbol.match(text, start, end):
        m = t.left_symbol.search(text[max(0, start - 5):start])
        if m and (symbol_code(m.group(0)) or m.group(0).strip() in t.symbols):
            return start - len(m.group(0))
    return start


def widen_right(text: str, start: int, end: int) -> int:
    """Move a MONEY span's end right over a multiplier or currency word spaCy left out.

    >>> t = "fined it £1.2m on"
    >>> t[9:widen_right(t, 9, 13)]
    '£1.2m'
    >>> t = "paid 46 mln Canadian dlrs for"
    >>> t[5:widen_right(t, 5, 11)]
    '46 mln Canadian dlrs'
    """
    m = tables().right.match(text[end:end + 40])
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
        if lw in ("a", "an") and used and words[used - 1].lower() == "half":
            pass  # "half a million"
        elif lw in _NUMBER_WORDS and not (lw in ("a", "an") and used):
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


def parse_money(text: str, country: str = "") -> Money | None:
    """Parse a money expression; None when it has no figure or no currency. ``country``
    (ISO 3166 alpha-2, where the text is about) settles a word that names several
    currencies ("francs" in France).

    >>> parse_money("up to £315 million")
    Money(amount=315000000.0, currency='GBP', qualifier='up to', amount_high=None)
    >>> parse_money("$3 to $5 million")
    Money(amount=3000000.0, currency='USD', qualifier='range', amount_high=5000000.0)
    >>> parse_money("300 mln francs", "CH").currency
    'CHF'
    >>> parse_money("33.7 million") is None
    True
    """
    t = tables()
    s = " ".join(text.replace("\u00a0", " ").split())
    qualifier, s = _qualifier(s)
    currency = ""
    lead = t.lead.match(s) or re.match(r"^([A-Z]{3})\s?(?=[\d.])", s)
    if lead and symbol_code(lead.group(1)):
        currency = symbol_code(lead.group(1))
        s = s[lead.end():]
    num = NUMBER.match(s)
    if num:
        value = parse_number(num.group(0))
        rest = s[num.end():]
    else:
        words = s.split()
        value, used = _words_number(words)
        rest = " " + " ".join(words[used:])
    if value is None:
        return None
    low_factor, rest = _multiplier(rest)
    value *= low_factor
    high = None
    rng = t.range_high.match(rest)
    if rng and (qualifier in ("between", "from") or not rest.lstrip().startswith("and")):
        high = parse_number(rng.group(1))
        if high is not None:
            high_factor, rest = _multiplier(rest[rng.end():])
            high *= high_factor
            if low_factor == 1:  # "$3 to $5 million": the multiplier is both ends'
                value *= high_factor
            qualifier = qualifier if qualifier not in ("", "between", "from") else "range"
    tokens = re.findall(r"[^\W\d_](?:[^\W\d_]|\.(?=[^\W\d_]))*\.?|\S",
                        rest.lstrip(" -–"))  # "8.16-billion-dlr"
    i = 1 if tokens and tokens[0].lower() in ("of", "and", "in") else 0
    tail = [x if x.count(".") > 1 else x.strip(".") for x in tokens[i:i + 4]]
    scale = 1.0
    if not currency and tail:
        if tokens[i] in t.symbols or tail[0].upper() == tail[0]:  # "$249 USD", "5 €"
            currency = symbol_code(tokens[i]) or symbol_code(tail[0])
        if not currency:
            currency, scale = _currency_word(tail, country)
    if not currency:
        return None
    return Money(round(value * scale, 6), currency, qualifier,
                 None if high is None else round(high * scale, 6))


def _qualifier(s: str) -> tuple[str, str]:
    """The words before the figure ("about", "an additional") and the rest."""
    t = tables()
    qualifier = ""
    m = t.qualifiers.match(s)
    if m:
        qualifier, s = m.group(1).lower(), s[m.end():]
    if re.search(r"\d", s):  # other words before a written figure qualify it too
        lead = t.words_before.match(s)
        if lead and not any(w in t.symbols or w.upper() in ISO
                            for w in lead.group(1).split()):
            qualifier = " ".join(filter(None, (qualifier, lead.group(1).strip().lower())))
            s = s[lead.end():]
    return qualifier, s


def _multiplier(rest: str) -> tuple[float, str]:
    """The product of the multipliers at the start of ``rest`` ("million", "bn", "crore";
    1 if none) and what follows them."""
    mult = tables().multipliers
    factor = 1.0
    while True:
        m = re.match(r"^\s?-?([^\W\d_]+)\.?", rest)
        if not m:
            return factor, rest
        word = m.group(1)
        f = mult.get(word) or (mult.get(word.lower()) if len(word) > 1 else None)
        if f is None:
            return factor, rest
        factor *= f
        rest = rest[m.end():]


def _currency_word(tail: list[str], country: str) -> tuple[str, float]:
    """The currency a word (with its adjective) after the figure names, and the scale of a
    subunit ("cents": 0.01); ``("", 1)`` if none."""
    t = tables()
    low = [x.lower() for x in tail]
    for n in (3, 2, 1):  # "hong kong dollars", "australian dollars", "u.s. dlrs"
        if len(low) > n:
            adj = " ".join(low[:n])
            adj = adj if adj.count(".") > 1 else adj.rstrip(".")
            for noun in (low[n], t.nouns.get(low[n], ""), low[n].rstrip("s")):
                if (adj, noun) in t.adjectives:
                    return t.adjectives[(adj, noun)], t.subunits.get(low[n], 1.0)
    if not low or low[0] not in t.words and low[0] not in t.nouns:
        return "", 1.0
    code = t.words.get(low[0], "")
    noun = t.nouns.get(low[0], low[0])
    if country and noun in t.by_country:
        code = t.by_country[noun].get(country, code)
    return code, (t.subunits.get(low[0], 1.0) if code else 1.0)


def sentence_currency(text: str) -> str:
    """The one currency a sentence names in words ("fined 2 million, in euros"), or ``""``
    when it names none or several.

    >>> sentence_currency("was fined 2 million, in euros, on Monday")
    'EUR'
    >>> sentence_currency("2 million dollars and 3 million euros")
    ''
    """
    t = tables()
    codes = set()
    for m in t.sentence_word.finditer(text):
        adjective = (m.group(1) or "").lower(), t.nouns.get(m.group(2).lower(), m.group(2).lower())
        codes.add(t.adjectives.get(adjective) or t.words[m.group(2).lower()])
    return codes.pop() if len(codes) == 1 else ""


def normalise_money(text: str, country: str = "") -> tuple[Money | None, str]:
    """``(Money, "")`` or ``(None, reason)`` for a MONEY mention.

    >>> normalise_money("50 million Australian dollars")[0].currency
    'AUD'
    >>> normalise_money("300 francs")
    (None, 'ambiguous currency')
    """
    money = parse_money(text, country)
    if money is not None:
        return money, ""
    if not re.search(r"\d", text) and _words_number(text.split())[0] is None:
        return None, "no figure"
    t = tables()
    words = {w.lower().strip(".") for w in text.split()}
    if any(t.words.get(w) == "" or t.nouns.get(w, "") in t.by_country and w not in t.words
           for w in words):
        return None, "ambiguous currency"
    return None, "no currency (a count, not money)"
