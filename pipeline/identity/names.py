"""The shapes and words of names, written once for every stage that tells who a name is (the
NER rules, normalisation, coreference and the folder's decisions):

* :func:`clean_name` strips "the", possessives, stray punctuation, ticker codes
  ("Siemens AG <SIEG.F>") and the headline words an all-caps wire title runs on with
  ("CHEMLAWN CORP SAID");
* :func:`company_suffixes` and :func:`strip_suffix`: the legal forms that end a company name
  (``models/ner_rules.json``);
* :func:`is_acronym`: the shape of an acronym (``CNIL``, ``FinCEN``); :func:`initials`: the
  acronyms a long name can have; :func:`acronym_definitions` finds "Long Form (ACRONYM)" in a
  text with the Schwartz–Hearst algorithm (each acronym letter found right to left in the long
  form, the first one at a word start), so ``HM Revenue & Customs (HMRC)`` links HMRC to its
  long form;
* :func:`person_key` and :func:`org_key`: what two spellings of one name share;
  :func:`titles`: the words before a surname that are no given name ("Mr", "President");
* :func:`alias_table` reads the editable alias table ``models/org_aliases.tsv``.
"""

from __future__ import annotations

import re
from collections import Counter

from ..lexicon.tables import from_tables, read_json, read_tsv

_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
_PAREN = re.compile(r"\(([A-Z][A-Za-z&.\-]{1,11})\)")
_TICKER = re.compile(r"\s*<[^<>]*>?|[<>]")
#: an acronym: two to eight capitals (and &), or a mixed-case word with three capitals
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}$|^(?=(?:[a-z]*[A-Z]){3})[A-Z][A-Za-z&]{2,7}$")
#: function words a name's initials leave out ("Bank of England": BE)
_MINOR = frozenset({"of", "and", "the", "for", "de", "du", "des", "la", "le", "&", "in", "on"})


@from_tables()
def _headline_words() -> frozenset[str]:
    return frozenset(read_json("ner_rules.json")["headline_words"])


@from_tables()
def company_suffixes() -> frozenset[str]:
    """The legal forms that end a company name, without their full stop ("Inc", "plc")."""
    return frozenset(s.rstrip(".") for s in read_json("ner_rules.json")["company_suffixes"])


@from_tables()
def _suffix_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A legal form at the end of a name; and a name ending with one written with its full
    stop ("Acme Inc.", which keeps it)."""
    spelt = read_json("ner_rules.json")["company_suffixes"]
    forms = sorted((s.rstrip(".") for s in spelt), key=len, reverse=True)
    dotted = sorted((s[:-1] for s in spelt if s.endswith(".")), key=len, reverse=True)
    return (re.compile(r"[,\s]+(?:" + "|".join(map(re.escape, forms)) + r")\.?$"),
            re.compile(r"\b(?:" + "|".join(map(re.escape, dotted)) + r")\.$"))


def is_acronym(word: str) -> bool:
    """Whether a word has the shape of an acronym.

    >>> is_acronym("CNIL"), is_acronym("FinCEN"), is_acronym("Apple"), is_acronym("A")
    (True, True, False, False)
    """
    return bool(_ACRONYM.match(word))


@from_tables()
def titles() -> frozenset[str]:
    """Words before a surname that are no given name: honorifics and person titles (lower
    case, no full stop)."""
    return frozenset(read_json("ner_rules.json")["honorifics"]) | frozenset(
        read_json("coreference.json")["descriptions"]["person"])


def untitled(name: str) -> str:
    """A person's name without the titles before it ("Mr Blair" → "Blair", "Dr. Jane Doe"
    → "Jane Doe"); a title alone stays.

    >>> untitled("Mr Blair"), untitled("President Barack Obama"), untitled("Lord")
    ('Blair', 'Barack Obama', 'Lord')
    """
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in titles():
        words.pop(0)
    return " ".join(words)


@from_tables(maxsize=65536)
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
    if n.endswith(".") and not re.search(r"(?:^|[.\s])[A-Za-z]\.$", n) \
            and not _suffix_patterns()[1].search(n):
        n = n[:-1]
    return n


def strip_suffix(name: str) -> str:
    """A company name without its legal-form suffix ("Apple Inc." → "Apple").

    >>> strip_suffix("Apple Inc."), strip_suffix("Barclays Plc"), strip_suffix("Group")
    ('Apple', 'Barclays', 'Group')
    """
    stripped = _suffix_patterns()[0].sub("", name)
    return stripped if stripped else name


@from_tables(maxsize=65536)
def initials(name: str) -> frozenset[str]:
    """The acronyms a name can have: its capitalised words' initials, with and without its
    legal suffix.

    >>> sorted(initials("American Motors Corp"))
    ['AM', 'AMC']
    """
    out: set[str] = set()
    for n in (name, strip_suffix(name)):
        words = [w for w in re.split(r"[\s\-/]+", n) if w and w.lower() not in _MINOR]
        if len(words) >= 2 and all(w[0].isupper() for w in words):
            out.add("".join(w[0] for w in words))
    return frozenset(out)


def person_key(name: str) -> str:
    """A person's name without case, dots or middle initials.

    >>> person_key("James A. Baker")
    'james baker'
    """
    words = name.replace(".", ". ").split()
    words = [w for i, w in enumerate(words)
             if i in (0, len(words) - 1) or len(w.rstrip(".")) > 1]
    return " ".join(w.rstrip(".").casefold() for w in words)


def org_key(name: str) -> str:
    """An organisation's name without case, dots, commas or legal suffixes.

    >>> org_key("Acme Co. Ltd."), org_key("ACME CO LTD")
    ('acme', 'acme')
    """
    if name.isupper() and len(name) > 5:  # a wire headline's "ACME CO LTD"
        name = name.title()
    for _ in range(3):
        shorter = strip_suffix(name)
        if shorter == name:
            break
        name = shorter
    return " ".join(name.replace(".", "").replace(",", " ").casefold().split())


def best_spelling(spellings: Counter[str]) -> str:
    """The spelling of a name: the most frequent, preferring one not in capitals (a wire
    headline's) unless it is short (an acronym), then the shortest.

    >>> best_spelling(Counter({"CHEMLAWN CORP": 3, "ChemLawn Corp": 1, "ChemLawn": 1}))
    'ChemLawn'
    """
    return max(spellings, key=lambda s: (not s.isupper() or len(s) <= 5, spellings[s],
                                         -len(s), s))


def possessive_variants(alias: str) -> list[str]:
    """"French data regulator" is also written "France's data regulator".

    >>> possessive_variants("Italian competition authority")
    ["Italy's competition authority", 'Italy’s competition authority']
    """
    from ..lexicon.countries import resolve_place

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
