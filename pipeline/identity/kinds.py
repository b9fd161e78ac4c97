"""What kind of actor a mention names: a person, an organisation, a product, a country, or no
actor at all (a city or region is where an event happened, never an alias of its country).

* :func:`place_kind`: a place mention is a ``country`` (its name, official or former name, or
  demonym), a ``capital`` (which may act for its government: "Beijing warned") or a ``place``;
* :func:`kind_of`: the kind of actor a (normalised) mention names; an organisation named like a
  country ("EU") acts for it;
* :func:`actor_of`: the actor's ``(kind, name, country)`` once the folder's decisions are taken.
"""

from __future__ import annotations

from ..lexicon.countries import country_name, resolve_place
from ..lexicon.tables import from_tables, read_tsv
from ..types import PLACE_LABELS, Mention, Participant
from .names import org_country

#: kinds of names that take part in events but never act nor are acted on (their role is
#: ``other``): a stock index, a currency, a kind of security, a product (the NER's products
#: checked against how the text writes them: :mod:`pipeline.nlp.products`)
NOT_ACTING = frozenset({"index", "currency", "security", "product"})
#: the labels the NER gives an index or a currency ("the Dow" an organisation, "Sterling" a
#: person)
_MARKET_LABELS = frozenset({"ORG", "PERSON", "PRODUCT", "GPE", "NORP"})
#: the mark of an ORG mention that names no actor: a bare institution word
GENERIC = "generic institution word"
#: kinds of place-table entries that name a country (an ORG written so is the country: "EU")
NAMES_A_COUNTRY = frozenset({"name", "display"})
#: ... and those that stand for a country where a place is written ("French", "Burma")
STANDS_FOR_A_COUNTRY = NAMES_A_COUNTRY | {"former", "demonym"}


def is_country(name: str) -> bool:
    """Whether a place name stands for a country (a national side keeps its country).

    >>> is_country("France"), is_country("French"), is_country("Lyon")
    (True, True, False)
    """
    place = resolve_place(name)
    return place is not None and place.kind in STANDS_FOR_A_COUNTRY


def place_kind(m: Mention) -> str:
    """``country``, ``capital`` or ``place`` for a place mention, ``""`` otherwise.

    >>> [place_kind(Mention("a", 0, 7, name, "GPE")) for name in ("Beijing", "US", "Utah")]
    ['capital', 'country', 'place']
    """
    if m.label not in PLACE_LABELS:
        return ""
    place = resolve_place(m.text)
    if place is None or not place.code:
        return "place" if m.label != "NORP" else ""
    if place.kind in STANDS_FOR_A_COUNTRY:
        return "country"
    return "capital" if place.kind == "capital" else "place"


def gazetteer_kind(m: Mention) -> str:
    """What GeoNames calls a place (``city``, ``capital``, ``state``), ``""`` if unknown.

    >>> [gazetteer_kind(Mention("a", 0, 5, name, "GPE")) for name in ("Paris", "Zzq")]
    ['capital', '']
    """
    place = resolve_place(m.text)
    return place.kind if place is not None else ""


@from_tables()
def _markets() -> dict[str, str]:
    return {row["name"].casefold(): row["kind"] for row in read_tsv("markets.tsv")}


def market_kind(name: str) -> str:
    """``index``, ``currency`` or ``security`` for a name of ``models/markets.tsv``.

    >>> market_kind("the Dow Jones"), market_kind("Sterling"), market_kind("Dow Chemical")
    ('index', 'currency', '')
    """
    key = " ".join(name.split()).casefold()
    return _markets().get(key.removeprefix("the "), "")


def kind_of(m: Mention) -> str:
    """The kind of actor a mention names (``""`` if it names none).

    >>> kind_of(Mention("a", 0, 2, "EU", "ORG", norm="European Union", country="EU"))
    'country'
    >>> kind_of(Mention("a", 0, 3, "Dow", "ORG"))
    'index'
    """
    market = market_kind(m.text) if m.label in _MARKET_LABELS else ""
    if market:
        return market
    if m.label == "PERSON":
        return "person"
    if m.label == "ORG":
        if m.country and m.norm == country_name(m.country):
            return "country"  # "EU" acts for the Union
        return "organisation"
    if m.label == "PRODUCT":
        return "product"
    return place_kind(m)


def actor_of(m: Mention) -> tuple[str, str, str] | None:
    """``(kind, name, country)`` of a (folder-normalised) mention, or None if not an actor.

    >>> actor_of(Mention("a", 0, 4, "CNIL", "ORG", norm="CNIL"))
    ('organisation', 'CNIL', 'FR')
    """
    kind = kind_of(m)
    if m.unresolved == GENERIC:
        return None  # "Council" alone, with no council named in the article
    if kind == "person":
        return "person", m.norm or m.text, ""
    if kind == "organisation":
        name = m.norm or m.text
        return "organisation", name, m.country or org_country(name)
    if kind in NOT_ACTING:
        return kind, " ".join((m.norm or m.text).split()), ""
    if kind == "country":
        return "country", country_name(m.country), m.country
    return None


def agent_name(p: Participant) -> str:
    """The name of a generic actor: its word, and its country where the text gives it."""
    return f"{p.agent} ({p.country})" if p.country else p.agent
