"""The grammar the event extractor reads, from ``models/grammar.json``: dependency labels by
function, the ordered rules that give a preposition's object its role, the cues of mode, and
the word classes coreference and the frames test.

>>> grammar().prep_role("by", verb=False), grammar().prep_role("during", verb=True)
('source', 'other')
"""

from __future__ import annotations

from dataclasses import dataclass

from ..lexicon.tables import from_tables, read_json


@dataclass(frozen=True, slots=True)
class PrepRule:
    """One rule of ``preposition_roles``: the role of its prepositions' objects."""

    preps: frozenset[str]
    verb: str
    noun: str
    region: bool = False  # only for a city or region; else the next rule


@dataclass(frozen=True, slots=True)
class Grammar:
    """The word and label classes of ``models/grammar.json`` (see its ``about``)."""

    not_predicates: frozenset[str]
    subject: frozenset[str]
    passive_subject: frozenset[str]
    object: frozenset[str]
    prep_rules: tuple[PrepRule, ...]
    relative: frozenset[str]
    planned_heads: frozenset[str]
    planned_aux: frozenset[str]
    possible_aux: frozenset[str]
    conditional_marks: frozenset[str]
    denial_heads: frozenset[str]
    planned_modifiers: frozenset[str]
    quantity_nouns: frozenset[str]
    member_preps: frozenset[str]
    possessive_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    core_dependencies: frozenset[str]
    thing_classes: frozenset[str]
    indefinite: frozenset[str]
    counted_people_deps: frozenset[str]
    counted_people_types: frozenset[str]
    counted_people_heads: frozenset[str]
    amount_labels: frozenset[str]
    government_sectors: frozenset[str]
    eventive: frozenset[str]
    state_deps: frozenset[str]
    minded_classes: frozenset[str]
    light_trigger_tokens: int
    #: verbs whose passive subject is their infinitive's ("X is said to be")
    raising_verbs: frozenset[str] = frozenset()
    #: plural nouns of number that count people alone ("thousands were arrested")
    count_nouns: frozenset[str] = frozenset()
    #: classes of a noun that, after a preposition of place, is where ("in hospital")
    building_classes: frozenset[str] = frozenset()

    def prep_role(self, word: str, *, verb: bool, region: bool = False) -> str:
        """The role of the object of preposition ``word`` after a verb (else an eventive
        noun); ``region``: whether that object is a city or region."""
        for rule in self.prep_rules:
            if rule.preps and word not in rule.preps:
                continue
            if rule.region and not region:
                continue
            return rule.verb if verb else rule.noun
        return "other"


@from_tables()
def grammar() -> Grammar:
    """The grammar, from ``models/grammar.json``."""
    g = read_json("grammar.json")

    def words(*path: str) -> frozenset[str]:
        node = g
        for key in path:
            node = node[key]
        return frozenset(node)

    rules = tuple(PrepRule(frozenset(r.get("preps", [])), r.get("verb", r.get("role", "other")),
                           r.get("noun", r.get("role", "other")), bool(r.get("region")))
                  for r in g["preposition_roles"])
    return Grammar(
        not_predicates=words("not_predicates"), subject=words("dependencies", "subject"),
        passive_subject=words("dependencies", "passive_subject"),
        object=words("dependencies", "object"), prep_rules=rules,
        relative=words("relative_pronouns"), planned_heads=words("mode", "planned_heads"),
        planned_aux=words("mode", "planned_aux"), possible_aux=words("mode", "possible_aux"),
        conditional_marks=words("mode", "conditional_marks"),
        denial_heads=words("mode", "denial_heads"),
        planned_modifiers=words("mode", "planned_modifiers"),
        quantity_nouns=words("quantity_nouns"), member_preps=words("member_preps"),
        possessive_pronouns=words("coreference", "possessive_pronouns"),
        thing_pronouns=words("coreference", "thing_pronouns"),
        core_dependencies=words("coreference", "core_dependencies"),
        thing_classes=words("coreference", "thing_classes"),
        indefinite=words("coreference", "indefinite"),
        counted_people_deps=words("coreference", "counted_people_deps"),
        counted_people_types=words("coreference", "counted_people_types"),
        counted_people_heads=words("coreference", "counted_people_heads"),
        amount_labels=words("classes", "amount_labels"),
        government_sectors=words("classes", "government_sectors"),
        eventive=words("classes", "eventive"),
        state_deps=words("dependencies", "state"),
        minded_classes=words("coreference", "minded_classes"),
        light_trigger_tokens=int(g["light_trigger_tokens"]),
        raising_verbs=words("raising_verbs"), count_nouns=words("count_nouns"),
        building_classes=words("classes", "building"),
    )
