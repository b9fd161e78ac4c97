"""The word lists the event extractor reads from ``models/``: the event ontology (types,
PLOVER codes, verb and noun lemmas, widened from WordNet in ``wordnet_events.tsv``), the class
of each noun (WordNet's), generic actors ("agents") and the coreference words.

Lemmas are looked up as spaCy gives them and, where its rule lemmatizer slips ("fined" →
"fin"), through the inflected forms of the ontology's own lemmas.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..lexicon.tables import from_tables, read_json, read_tsv
from ..lexicon.wordnet import noun_classes, verb_classes
from .grammar import grammar


@from_tables()
def irregular_forms() -> dict[str, frozenset[str]]:
    """The irregular forms of each verb and noun lemma (WordNet's exception lists,
    ``models/wordnet_irregular.tsv``)."""
    forms: dict[str, set[str]] = {}
    for row in read_tsv("wordnet_irregular.tsv"):
        forms.setdefault(row["lemma"], set()).add(row["form"])
    return {lemma: frozenset(f) for lemma, f in forms.items()}


_VOWELS = set("aeiou")


def inflections(lemma: str) -> set[str]:
    """The regular and common irregular forms of an English verb or noun lemma.

    >>> sorted(inflections("fine"))
    ['fine', 'fined', 'fines', 'fining']
    >>> "stopped" in inflections("stop") and "bought" in inflections("buy")
    True
    """
    w = lemma.lower()
    forms = {w, *irregular_forms().get(w, ())}
    if w.endswith("e"):
        forms |= {w + "s", w + "d", w[:-1] + "ing"}
    elif w.endswith("y") and len(w) > 2 and w[-2] not in _VOWELS:
        forms |= {w[:-1] + "ies", w[:-1] + "ied", w + "ing"}
    elif w.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {w + "es", w + "ed", w + "ing"}
    else:
        forms |= {w + "s", w + "ed", w + "ing"}
        if (len(w) >= 3 and w[-1] not in _VOWELS | {"w", "x", "y"} and w[-2] in _VOWELS
                and w[-3] not in _VOWELS):
            forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}  # stop → stopped
    return forms


@dataclass(frozen=True, slots=True)
class EventType:
    """What a predicate lemma means: the ontology type, its subtype and PLOVER code."""

    type: str
    subtype: str = ""
    plover: str = ""


#: conditions a frame may set, each a list of classes (or words, for particle and prep)
_SLOTS = ("object", "subject", "agent", "compound", "particle", "prep")


@dataclass(frozen=True, slots=True)
class Frame:
    """One sense of a lemma: the conditions on its arguments and the type they give."""

    lemma: str
    etype: EventType | None
    conditions: tuple[tuple[str, frozenset[str]], ...]
    #: a ``prep`` condition's object must be of one of these classes (any, if empty)
    prep_object: frozenset[str] = frozenset()


def read_frames(rows: Sequence[dict[str, object]], types: dict[str, EventType]
                ) -> dict[str, tuple[Frame, ...]]:
    """The frames of the ontology, by lemma, in their order."""
    out: dict[str, list[Frame]] = {}
    for row in rows:
        name = row.get("type")
        etype = None if name is None else types[str(name)]
        sub = str(row.get("subtype", ""))
        if etype is not None and sub:
            etype = EventType(etype.type, sub, etype.plover)
        conds = tuple((slot, frozenset(str(v) for v in _list(row[slot])))
                      for slot in _SLOTS if slot in row)
        frame = Frame(str(row["lemma"]), etype, conds,
                      frozenset(str(v) for v in _list(row.get("prep_object", []))))
        out.setdefault(frame.lemma, []).append(frame)
    return {k: tuple(v) for k, v in out.items()}


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else [value]


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractor looks words up in (built once per process)."""

    verbs: dict[str, EventType]
    nouns: dict[str, EventType]
    verb_forms: dict[str, str]
    noun_forms: dict[str, str]
    phrasal: dict[str, EventType]
    light_verbs: frozenset[str]
    statement_verbs: frozenset[str]
    types: tuple[str, ...]
    agents: dict[str, str]
    pronouns: dict[str, tuple[str, ...]]
    determiners: frozenset[str]
    descriptions: dict[str, str]
    subtypes: dict[str, str] = field(default_factory=dict)
    unaccusative: frozenset[str] = frozenset()
    quoted_pronouns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    pronoun_gender: dict[str, str] = field(default_factory=dict)
    gendered_titles: dict[str, str] = field(default_factory=dict)
    named_bodies: frozenset[str] = frozenset()
    #: a description of a place and the GeoNames kinds it may refer to ("the city": a city)
    place_descriptions: dict[str, frozenset[str]] = field(default_factory=dict)
    #: sentences before its own that a pronoun or description may look back
    sentence_window: int = 3
    #: a noun's class, WordNet's lexicographer file of its first sense ("person", "artifact")
    noun_classes: dict[str, str] = field(default_factory=dict)
    #: the senses of a lemma, by the classes of its arguments (:mod:`~pipeline.events.frames`)
    frames: dict[str, tuple[Frame, ...]] = field(default_factory=dict)
    #: a verb's class, WordNet's lexicographer file of its first sense ("motion" for "go")
    verb_classes: dict[str, str] = field(default_factory=dict)
    #: the general type of each verb class ("motion": move); stative verbs have none
    general: dict[str, EventType] = field(default_factory=dict)
    #: types that make an event though the text names none of its actors ("bombs exploded")
    actorless: frozenset[str] = frozenset()
    #: light verbs that say nothing of their own: the noun is the trigger ("carried out an
    #: attack")
    empty_light_verbs: frozenset[str] = frozenset()
    #: light verbs whose subject undergoes the noun's event ("suffered injuries", "faces
    #: charges")
    undergoer_light_verbs: frozenset[str] = frozenset()
    #: adjectives of the state an event leaves, with its type ("dead": die)
    adjectives: dict[str, EventType] = field(default_factory=dict)
    #: the types by family, for people reading the graph (``family`` in the ontology)
    families: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: the types whose verbs' -ing nouns name their event ("the maiming of civilians")
    gerund_types: frozenset[str] = frozenset()

    def general_type(self, lemma: str) -> EventType | None:
        """The general type of a verb no type of the ontology names, by its WordNet class.

        >>> lexicon().general_type("go"), lexicon().general_type("include")
        (EventType(type='move', subtype='', plover=''), None)
        """
        return self.general.get(self.verb_classes.get(lemma, ""))

    @cached_property
    def general_names(self) -> frozenset[str]:
        """The names of the general types."""
        return frozenset(t.type for t in self.general.values())

    @property
    def body_words(self) -> frozenset[str]:
        """Words that make an organisation's name a body's (regulator, court, ministry)."""
        return frozenset(w for w, kind in self.descriptions.items() if kind == "body")

    def verb(self, lemma: str, lower: str) -> tuple[str, EventType | None]:
        """``(lemma, type)`` of a verb: its ontology lemma and type, if it has one."""
        lemma = lemma.lower()
        if lemma in self.verbs:
            return lemma, self.verbs[lemma]
        base = self.verb_forms.get(lower)
        if base is not None:
            return base, self.verbs[base]
        return lemma, None

    def noun(self, lemma: str, lower: str) -> tuple[str, EventType | None]:
        """``(lemma, type)`` of an eventive noun, if the ontology has it."""
        lemma = lemma.lower()
        if lemma in self.nouns:
            return lemma, self.nouns[lemma]
        base = self.noun_forms.get(lower)
        if base is not None:
            return base, self.nouns[base]
        base = self.verb_forms.get(lower) if lower.endswith("ing") else None
        if base is not None and self.verbs[base].type in self.gerund_types and \
                self.noun_classes.get(lower, "event") in grammar().eventive:
            return base, self.verbs[base]  # "the maiming of civilians": the verb's event
        return lemma, None


@from_tables()
def lexicon() -> Lexicon:
    """The lexicon, from ``models/event_ontology.json``, ``agents.tsv`` and
    ``coreference.json``."""
    onto = read_json("event_ontology.json")
    verbs, nouns, adjectives, subtypes = _read_types(onto["types"])
    by_name = {e["type"]: EventType(e["type"], "", e.get("plover", "")) for e in onto["types"]}
    phrasal = {k: by_name[v] for k, v in onto.get("phrasal", {}).items()}
    for row in read_tsv("wordnet_events.tsv"):  # the words written in the ontology win
        if row["type"] not in by_name:
            continue  # a type since removed from the ontology
        widened = nouns if row["pos"] == "noun" else phrasal if " " in row["word"] else verbs
        sub = row["subtype"] if subtypes.get(row["subtype"]) == row["type"] else ""
        widened.setdefault(row["word"], EventType(row["type"], sub,
                                                  by_name[row["type"]].plover))
    by_name["other"] = EventType("other")
    coref = read_json("coreference.json")
    return Lexicon(
        verbs=verbs, nouns=nouns,
        verb_forms={f: v for v in verbs for f in sorted(inflections(v)) if f not in verbs},
        noun_forms={f: n for n in nouns for f in sorted(inflections(n)) if f not in nouns},
        phrasal=phrasal,
        light_verbs=frozenset(onto.get("light_verbs", [])),
        statement_verbs=frozenset(v for v, t in verbs.items() if t.type == "statement"),
        types=(*sorted(by_name), *sorted(subtypes)),
        agents={row["lemma"]: row["sector"] for row in read_tsv("agents.tsv")},
        pronouns={k: tuple(v) for k, v in coref["pronouns"].items()},
        determiners=frozenset(coref["determiners"]),
        descriptions={w: kind for kind, words in coref["descriptions"].items() for w in words},
        subtypes=subtypes,
        unaccusative=frozenset(onto.get("unaccusative", [])),
        quoted_pronouns={k: tuple(v) for k, v in coref.get("quoted_pronouns", {}).items()},
        pronoun_gender=dict(coref.get("pronoun_gender", {})),
        gendered_titles={w: g for g, words in coref.get("gendered_titles", {}).items()
                         for w in words},
        named_bodies=frozenset(coref.get("named_bodies", [])),
        place_descriptions={w: frozenset(kinds) for w, kinds in
                            coref.get("place_descriptions", {}).items()},
        sentence_window=int(coref.get("sentence_window", 3)),
        noun_classes=noun_classes(),
        frames=read_frames(onto.get("frames", []), by_name),
        verb_classes=verb_classes(),
        general={e["wordnet_class"]: by_name[e["type"]] for e in onto["types"]
                 if "wordnet_class" in e},
        actorless=frozenset(onto.get("actorless_types", [])),
        empty_light_verbs=frozenset(onto.get("empty_light_verbs", [])),
        undergoer_light_verbs=frozenset(onto.get("undergoer_light_verbs", [])),
        gerund_types=frozenset(onto.get("gerund_types", [])),
        adjectives=adjectives,
        families=_families(onto["types"]),
    )


def _read_types(types: list[dict[str, Any]]) -> tuple[dict[str, EventType], dict[str, EventType],
                                                      dict[str, EventType], dict[str, str]]:
    """The verbs, nouns and adjectives the ontology's types list, and each subtype's type."""
    verbs: dict[str, EventType] = {}
    nouns: dict[str, EventType] = {}
    adjectives: dict[str, EventType] = {}
    subtypes: dict[str, str] = {}
    for entry in types:
        name, plover = entry["type"], entry.get("plover", "")
        for sub, words in entry.get("subtypes", {}).items():
            subtypes[sub] = name
            for v in words.get("verbs", []):
                verbs.setdefault(v, EventType(name, sub, plover))
            for n in words.get("nouns", []):
                nouns.setdefault(n, EventType(name, sub, plover))
        for v in entry.get("verbs", []):
            verbs.setdefault(v, EventType(name, "", plover))
        for n in entry.get("nouns", []):
            nouns.setdefault(n, EventType(name, "", plover))
        for a in entry.get("adjectives", []):
            adjectives.setdefault(a, EventType(name, "", plover))
    return verbs, nouns, adjectives, subtypes


def _families(types: list[dict[str, object]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    out: dict[str, list[str]] = {}
    for entry in types:
        out.setdefault(str(entry.get("family", "other")), []).append(str(entry["type"]))
    return tuple((f, tuple(ts)) for f, ts in out.items())

