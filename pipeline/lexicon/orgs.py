"""Organisation names, shared by NER, normalisation and the corpus view: cleaning, acronym
definitions and the alias table.

* :func:`clean_name` strips "the", possessives, stray punctuation, ticker codes
  ("Siemens AG <SIEG.F>") and the headline words an all-caps wire title runs on with
  ("CHEMLAWN CORP SAID").
* :func:`acronym_definitions` finds "Long Form (ACRONYM)" in a text with the Schwartz–Hearst
  algorithm (each acronym letter found right to left in the long form, the first one at a
  word start), so ``HM Revenue & Customs (HMRC)`` links HMRC to its long form.
* :func:`alias_table` reads the editable alias table ``models/org_aliases.tsv``.
"""

from __future__ import annotations

import re

from .tables import from_tables, read_json, read_tsv

_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
_SUFFIX = re.compile(
    r"[,\s]+(?:Inc|Incorporated|Corp|Corporation|Co|Company|Ltd|Limited|LLC|L\.L\.C|plc|PLC|"
    r"AG|SA|S\.A|NV|N\.V|BV|GmbH|SE|SpA|S\.p\.A|Pty|Holdings?|Group)\.?$"
)
_PAREN = re.compile(r"\(([A-Z][A-Za-z&.\-]{1,11})\)")
_TICKER = re.compile(r"\s*<[^<>]*>?|[<>]")


@from_tables()
def _headline_words() -> frozenset[str]:
    return frozenset(read_json("ner_rules.json")["headline_words"])


def clean_name(name: str) -> str:
    """A name without a leading "the", a possessive or surrounding punctuation.

    >>> clean_name("the European Commission's")
    'European Commission'
    >>> clean_name("Broken Hill Pty Co Ltd <BRKN.S>"), clean_name("CHEMLAWN CORP SAID")
    ('Broken Hill Pty Co Ltd', 'CHEMLAWN CORP')
    """
    n = _TICKER.sub("", name)
    n = " ".join(n.replace("\u00a0", " ").split()).strip(" ,;:\"'“”‘’()")
    if n.isupper():  # a wire headline: "ACME CORP SAID IT ..."
        words = n.split()
        while len(words) > 1 and words[-1].lower() in _headline_words():
            words.pop()
        n = " ".join(words)
    n = _LEADING_THE.sub("", n)
    n = _POSSESSIVE.sub("", n).strip(" ,;:\"'“”‘’")
    # a final full stop goes, unless it ends an abbreviation ("U.N.", "Inc.")
    if n.endswith(".") and not re.search(r"(?:^|[.\s])[A-Za-z]\.$|\b(?:Inc|Corp|Co|Ltd)\.$", n):
        n = n[:-1]
    return n


def strip_suffix(name: str) -> str:
    """A company name without its legal-form suffix ("Apple Inc." → "Apple")."""
    stripped = _SUFFIX.sub("", name)
    return stripped if stripped else name


def possessive_variants(alias: str) -> list[str]:
    """"French data regulator" is also written "France's data regulator".

    >>> possessive_variants("Italian competition authority")
    ["Italy's competition authority", 'Italy’s competition authority']
    """
    from .countries import resolve_place

    first, _, rest = alias.partition(" ")
    place = resolve_place(first) if rest else None
    if place is None or place.kind != "demonym" or not place.code:
        return []
    return [f"{place.name}{apostrophe}s {rest}" for apostrophe in ("'", "’")]


@from_tables()
def alias_table() -> dict[str, tuple[str, ...]]:
    """``canonical → aliases`` from ``models/org_aliases.tsv``."""
    table: dict[str, tuple[str, ...]] = {}
    for row in read_tsv("org_aliases.tsv"):
        aliases = [a.strip() for a in row.get("aliases", "").split("|") if a.strip()]
        aliases += [v for a in aliases for v in possessive_variants(a)]
        table[row["canonical"]] = tuple(aliases)
    return table


def _best_long_form(acronym: str, words: list[str]) -> str | None:
    """Schwartz–Hearst: the shortest tail of ``words`` whose letters hold the acronym."""
    letters = [c.lower() for c in acronym if c.isalnum()]
    if len(letters) < 2:
        return None
    cand = " ".join(words)
    li = len(letters) - 1
    ci = len(cand) - 1
    while li >= 0:
        c = letters[li]
        while ci >= 0 and (cand[ci].lower() != c or
                           (li == 0 and ci > 0 and cand[ci - 1].isalnum())):
            ci -= 1
        if ci < 0:
            return None
        li -= 1
        ci -= 1
    start = cand.rfind(" ", 0, ci + 1) + 1
    long = cand[start:].strip()
    if long.lower() == acronym.lower() or len(long.split()) < 2 and len(long) <= len(acronym):
        return None
    return long if long[:1].isupper() else None


def acronym_definitions(text: str) -> list[tuple[str, str]]:
    """``(acronym, long form)`` pairs written as "Long Form (ACR)" in ``text``.

    >>> acronym_definitions("must provide HM Revenue & Customs (HMRC) with data")
    [('HMRC', 'HM Revenue & Customs')]
    """
    out = []
    for m in _PAREN.finditer(text):
        acr = m.group(1)
        if sum(c.isupper() for c in acr) < 2:
            continue
        before = text[max(0, text.rfind("\n", 0, m.start()) + 1):m.start()].split()
        n = min(len(acr) + 5, len(acr) * 2)
        long = _best_long_form(acr, before[-n:])
        if long:
            out.append((acr, clean_name(long)))
    return out


@from_tables()
def _countries() -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, aliases in alias_table().items():
        country = _raw_countries().get(canonical, "")
        if country:
            out.update({name: country for name in (canonical, *aliases)})
    return out


@from_tables()
def _raw_countries() -> dict[str, str]:
    return {row["canonical"]: row["country"] for row in read_tsv("org_aliases.tsv")
            if row.get("country")}


def org_country(name: str) -> str:
    """The country an organisation of the alias table belongs to or acts for, else ``""``.

    >>> org_country("CNIL"), org_country("UN")
    ('FR', '')
    """
    return _countries().get(name, "")


@from_tables()
def _canonical() -> dict[str, str]:
    return {alias: canonical for canonical, aliases in alias_table().items()
            for alias in aliases}


def canonical_name(name: str) -> str:
    """The alias table's canonical name for ``name``, or ``name`` itself.

    >>> canonical_name("WHO")
    'World Health Organization'
    """
    return _canonical().get(name, name)
