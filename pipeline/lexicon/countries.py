"""Country normaliser: GPE, LOC and NORP mentions to ISO 3166-1 alpha-2 codes.

Lookups, in order, all exact (never fuzzy): the editable table ``models/countries.tsv``
(short and old names, demonyms, sub-national units, regions), pycountry's names and official
names, then ``models/places.tsv`` (capitals, large cities, US states). ``EU`` stands for the
European Union. A region ("Central Asia") resolves to no country, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pycountry

from .tables import from_tables, read_tsv

_POSSESSIVE = re.compile(r"['’]s?$")
_CODE = re.compile(r"^[A-Z]{2,3}$")


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: ISO code (``""`` for a region), display name, and what it was."""

    code: str
    name: str
    kind: str


@from_tables()
def _tables() -> tuple[dict[str, Place], dict[str, Place], dict[str, str]]:
    exact: dict[str, Place] = {}
    display: dict[str, str] = {}
    for row in read_tsv("countries.tsv"):
        exact[row["name"]] = Place(row["country"], row["name"], row["kind"])
        if row["kind"] == "display":
            display[row["country"]] = row["name"]
    for row in read_tsv("places.tsv"):
        exact.setdefault(row["name"], Place(row["country"], row["name"], row["kind"]))
    folded = {k.casefold(): v for k, v in exact.items()}
    for c in pycountry.countries:
        for field in ("name", "official_name", "common_name"):
            value = getattr(c, field, None)
            if value:
                folded.setdefault(str(value).casefold(), Place(c.alpha_2, str(value), "name"))
    return exact, folded, display


def country_name(code: str) -> str:
    """Display name of an ISO alpha-2 code ("KR" → "South Korea", "EU" → "European Union").

    >>> country_name("KR")
    'South Korea'
    """
    _, _, display = _tables()
    if code in display:
        return display[code]
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    return str(getattr(c, "common_name", None) or c.name)


def _pycountry(name: str) -> str | None:
    for field in ("name", "official_name", "common_name"):
        try:
            c = pycountry.countries.get(**{field: name})  # type: ignore[arg-type]
        except (KeyError, LookupError):
            c = None
        if c is not None:
            return str(c.alpha_2)
    if _CODE.match(name):  # "USA", "FRA": codes only when written as codes
        c = pycountry.countries.get(alpha_3=name) if len(name) == 3 else None
        if c is not None:
            return str(c.alpha_2)
    return None


@from_tables(maxsize=65536)
def resolve_place(text: str) -> Place | None:
    """Resolve a place or demonym to a country; None when unknown.

    >>> resolve_place("South Korean")
    Place(code='KR', name='South Korea', kind='demonym')
    >>> resolve_place("Hanoi").code
    'VN'
    >>> resolve_place("Central Asia").code
    ''
    """
    exact, folded, _ = _tables()
    t = " ".join(text.split())
    t = _POSSESSIVE.sub("", t) if t.endswith(("'s", "’s", "s'")) else t
    candidates = [t]
    if t.lower().startswith("the "):
        candidates.append(t[4:])
    for cand in candidates:
        hit = exact.get(cand)
        if hit is None and (len(cand) > 3 or cand.isupper()):
            hit = folded.get(cand.casefold())
        if hit is not None:
            return Place(hit.code, country_name(hit.code) if hit.code else hit.name, hit.kind)
        code = _pycountry(cand) or (_pycountry(cand.title()) if cand.isupper() else None)
        if code:
            return Place(code, country_name(code), "name")
    return None


def resolve_country(text: str) -> tuple[str, str]:
    """``(ISO code, reason)``: the code, or ``""`` and why not ("region", "unknown place").

    >>> resolve_country("Washington")
    ('US', '')
    """
    place = resolve_place(text)
    if place is None:
        return "", "unknown place"
    if not place.code:
        return "", "region"
    return place.code, ""
