"""Stage 4: events from the dependency parse. Every predicate (a verb, or an eventive noun of
the ontology) with at least one actor among its arguments is an event; a predicate of an
actorless type of the ontology (an attack, a death, an arrest, a protest: ``actorless_types``)
is one even when the text names none of its actors ("a bomb exploded").

Per sentence, for each predicate:

1. its arguments from the parse (:mod:`pipeline.events.arguments`): the subject and the
   passive agent ("by CNIL") are the ``source``; the object, the passive subject and
   "into/against/on/over X" the ``target``; the possessor of an eventive noun is its source
   ("Apple's acquisition of Beats": Apple source, Beats target), a name that only qualifies
   it no argument ("the Manchester Arena bombing", "iPhone sales"); anything else is
   ``other``. A verb without a subject takes the one of the verb it depends on ("plans to
   buy", "bought X and sold Y"); conjoined arguments ("Huawei and ZTE") share the role; a
   light verb ("imposed a fine on X") takes the type and the arguments of its eventive
   object;
2. each argument resolved to an actor (:mod:`pipeline.events.coref`): a name; a pronoun or a
   definite description ("the company") to the named actor it refers to; a common noun of the
   agents table ("regulators") to a generic actor;
3. the type from the ontology, negation ("did not approve") and mode (asserted, planned,
   possible, denied), the date nearest the predicate (else the article's), the nearest amount,
   and the place where it happened.

A reporting verb gives a ``statement`` event with the speaker as its source; the reported
clause is parsed as an event of its own, and what it quotes is never its speaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..identity.kinds import place_kind
from ..types import Event, Mention, Participant, Role, Tok, content_id
from .arguments import (
    building,
    counted_of,
    light_object,
    members,
    merged_into_verb,
    noun_arguments,
    state_arguments,
    verb_arguments,
)
from .coref import Article
from .frames import sense
from .lexicon import EventType, Lexicon, lexicon
from .sentence import Resolved, Sentence

_OTHER = EventType("other")
_UNTYPED = EventType("")  # a verb no type of the ontology names (a sentinel)


@dataclass(frozen=True, slots=True)
class _Predicate:
    index: int
    lemma: str
    etype: EventType
    noun: bool
    #: the eventive noun a light verb carries ("imposed *a fine*"): the event's trigger
    anchor: int = -1
    #: an adjective of the state an event leaves ("nine people were dead")
    state: bool = False
    #: the eventive noun of a light verb with a sense of its own ("imposed *a fine*"): the
    #: trigger runs from the verb to it
    carried: int = -1


def extract_events(article_id: str, text: str, sentences: Sequence[Sequence[Tok]],
                   mentions: Sequence[Mention], published: date | None, *,
                   lookback: int = 40, gender_window: int = 8
                   ) -> tuple[list[Event], list[Participant]]:
    """Events and their participants in one parsed article (steps 1-3 of the module); a
    pronoun or description looks ``lookback`` named mentions back for its antecedent (see
    :class:`~pipeline.config.Tuning` for ``gender_window``).

    >>> extract_events("a", "", [], [], None)
    ([], [])
    """
    lex = lexicon()
    art = Article(text, mentions, lex, lookback, gender_window)
    events: list[Event] = []
    parts: list[Participant] = []
    for toks in sentences:
        if not toks:
            continue
        sent = art.sentence(toks)
        for pred in _predicates(sent, lex):
            found = _event(art, sent, pred, article_id, published, lex)
            if found is not None:
                events.append(found[0])
                parts.extend(found[1])
        art.done(sent)
    return events, parts


def _predicates(sent: Sentence, lex: Lexicon) -> list[_Predicate]:
    toks, kids = sent.toks, sent.kids
    out = []
    for i, t in enumerate(toks):
        if t.pos == "VERB" and t.dep not in ("aux", "auxpass", "amod"):
            lemma, etype = lex.verb(t.lemma, t.lower)
            if lemma in sent.g.not_predicates:
                continue
            prt = [toks[c].lower for c in kids[i] if toks[c].dep == "prt"]
            if prt and f"{lemma} {prt[0]}" in lex.phrasal:
                etype = lex.phrasal[f"{lemma} {prt[0]}"]
                lemma = f"{lemma} {prt[0]}"
            light = light_object(toks, kids, i, lemma, lex)
            if light is not None and lemma in lex.empty_light_verbs:  # "carried out an
                n = light[1]  # attack": the attack, with the verb's arguments
                out.append(_Predicate(i, lex.noun(toks[n].lemma, toks[n].lower)[0], light[0],
                                      False, n))
                continue
            carried = -1
            if light is not None:  # "imposed a fine", "disclosed a breach": the verb and
                etype, carried = light  # its noun
            found = sense(sent, i, lemma, etype or _UNTYPED, lex)
            if found is None:
                continue  # a frame that says no event in this sense ("comes in two sizes")
            if found is _UNTYPED:  # no type and no frame: the verb's general class
                found = lex.general_type(lemma)
                if found is None and lex.verb_classes.get(lemma) == "stative":
                    continue  # a state, no event: "contains", "costs", "includes"
            out.append(_Predicate(i, lemma, found or _OTHER, False, carried=carried))
        elif t.pos == "NOUN":
            lemma, etype = lex.noun(t.lemma, t.lower)
            if etype is None or merged_into_verb(toks, i, lex):
                continue
            etype = sense(sent, i, lemma, etype, lex)
            if etype is not None:
                out.append(_Predicate(i, lemma, etype, True))
        elif t.pos == "ADJ" and t.dep in sent.g.state_deps and t.lower in lex.adjectives:
            out.append(_Predicate(i, t.lower, lex.adjectives[t.lower], False, state=True))
    return out


def _event(art: Article, sent: Sentence, pred: _Predicate, article_id: str,
           published: date | None, lex: Lexicon) -> tuple[Event, list[Participant]] | None:
    # "other" and the general types need an actor named or from the agents table
    untyped = pred.etype.type == "other" or pred.etype.type in lex.general_names
    resolved, places = _resolved(art, sent, pred, lex, untyped)
    if untyped and all(r.by_class or role == Role.LOCATION for r, role in resolved.values()):
        return None  # "other" and the general types need a named actor or a table agent
    if not resolved and (pred.state or pred.etype.type not in lex.actorless):
        return None  # only an attack, a death, an arrest... is news with no actor named
    toks = sent.toks
    t = toks[pred.anchor if pred.anchor >= 0 else pred.index]
    event_id = content_id(article_id, str(t.start))
    start, end = _trigger_span(sent, pred)
    pub = published.isoformat() if published else ""
    d = _nearest(sent.dates, t.start)
    money = _nearest(sent.money, t.start)
    place = places[0] if places else _free_place(sent, resolved)
    event = Event(
        event_id=event_id, article_id=article_id, type=pred.etype.type,
        trigger=" ".join(art.text[start:end].split()), start=start, end=end,
        sentence=" ".join(sent.text.split()),
        date_start=d.date_start if d else pub, date_end=d.date_end if d else pub,
        amount=money.amount if money else None, currency=money.currency if money else "",
        countries=tuple(sorted({m.country for m in sent.mentions if m.country})),
        subtype=pred.etype.subtype, plover=pred.etype.plover, lemma=pred.lemma,
        sentence_start=sent.start, sentence_end=sent.end,
        mode=_mode(sent, pred), negated=_negated(sent, pred),
        location=" ".join(place.text.split()) if place else "",
        location_country=place.country if place else "",
    )
    parts = [r.participant(event_id, article_id, role) for r, role in resolved.values()]
    return event, sorted(parts)


def _resolved(art: Article, sent: Sentence, pred: _Predicate, lex: Lexicon, untyped: bool
              ) -> tuple[dict[tuple[object, ...], tuple[Resolved, str]], list[Mention]]:
    """The actors of a predicate's arguments, each once with its strongest role, and the
    places where it happened."""
    args = (noun_arguments(sent, pred.index) if pred.noun
            else state_arguments(sent, pred.index) if pred.state
            else verb_arguments(sent, pred.index, lex))
    resolved: dict[tuple[object, ...], tuple[Resolved, str]] = {}
    places: list[Mention] = []
    reports = pred.lemma in lex.statement_verbs and not art.quoted(sent.toks[pred.index].start)
    for tok, role in args:
        tok = counted_of(sent, tok)
        if reports and art.quoted(sent.toks[tok].start):
            continue  # '"Somalia," said X': what is said is no one (the speaker is outside)
        where = _place(art, sent, tok, role)
        if where is not None:
            places.append(where[1])  # where it happened: a place node, never a country actor
            resolved.setdefault(where[0].key(), (where[0], Role.LOCATION))
            continue
        found = [art.resolve(sent, tok, role)]
        if found[0] is None or found[0].agent:  # "a consortium including Huawei": its
            found += [art.resolve(sent, m, role) for m in members(sent, tok)]  # members
        if building(sent, tok, lex):
            found = [r for r in found if r is None or not r.agent]  # "to hospital": where
        if role == "place":
            role = "other"  # an organisation or a person "in" it
        for r in found:
            if r is None or (r.by_class and untyped) or (
                    r.count and pred.etype.type not in sent.g.counted_people_types):
                continue
            part = role if r.acts else "other"  # "the Dow fell", "the iPhone sold": no actor
            key = r.key()
            if key not in resolved or Role(part).rank < Role(resolved[key][1]).rank:
                resolved[key] = (r, part)
    return resolved, places


def _place(art: Article, sent: Sentence, tok: int, role: str
           ) -> tuple[Resolved, Mention] | None:
    """Where an event happened, if argument ``tok`` says so: a place named as its place
    ("in Lyon"), or a description of a place named before ("the city")."""
    m = sent.mention_at(tok) if role == "place" else None
    if m is not None and place_kind(m):
        return Resolved(m.start, m.end, m.text, m.label, m.start, m.end, "place"), m
    if role != "source" and (m := art.place(sent, tok)) is not None:
        t = sent.toks[tok]
        return Resolved(t.start, t.end, art.text[t.start:t.end], m.label, m.start, m.end,
                        "coreference"), m
    return None


def _trigger_span(sent: Sentence, pred: _Predicate) -> tuple[int, int]:
    """The characters of a predicate's trigger: its word, or a light verb and the eventive
    noun it carries when they stand close ("imposed a fine", "a fine was imposed")."""
    t = sent.toks[pred.anchor if pred.anchor >= 0 else pred.index]
    if 0 <= pred.carried and abs(pred.carried - pred.index) <= sent.g.light_trigger_tokens:
        n = sent.toks[pred.carried]
        return min(t.start, n.start), max(t.end, n.end)
    return t.start, t.end


def _nearest(ms: Sequence[Mention], off: int) -> Mention | None:
    return min(ms, key=lambda m: abs(m.start - off), default=None)


def _free_place(sent: Sentence, resolved: dict[tuple[object, ...], tuple[Resolved, str]]
                ) -> Mention | None:
    """A place of the sentence (a city first, else a country) that is not one of the
    event's actors."""
    taken = {r.ref_start for r, _ in resolved.values()}
    free = [m for m in sent.mentions if m.start not in taken and place_kind(m)]
    free.sort(key=lambda m: place_kind(m) == "country")
    return free[0] if free else None


# --------------------------------------------------------------------------- mode

def _negated(sent: Sentence, pred: _Predicate) -> bool:
    toks, kids = sent.toks, sent.kids
    if any(toks[c].dep == "neg" for c in kids[pred.index]):
        return True
    return pred.noun and any(toks[c].dep == "det" and toks[c].lower == "no"
                             for c in kids[pred.index])


def _mode(sent: Sentence, pred: _Predicate) -> str:
    toks, kids, g = sent.toks, sent.kids, sent.g
    i = pred.index
    words = {toks[c].lower for c in kids[i] if toks[c].dep in ("aux", "auxpass", "mark", "amod")}
    cur = i
    for _ in range(3):  # climb through "is expected to", "plans to", "denied that"
        head = toks[cur].head
        if head == cur or toks[cur].dep not in ("xcomp", "ccomp"):
            break
        lemma = toks[head].lemma.lower()
        if lemma in g.denial_heads and toks[cur].dep == "ccomp":
            return "denied"
        if lemma in g.planned_heads:
            return "planned"
        words |= {toks[c].lower for c in kids[head] if toks[c].dep in ("aux", "auxpass")}
        cur = head
    if words & g.planned_aux or (pred.noun and words & g.planned_modifiers):
        return "planned"
    if words & (g.possible_aux | g.conditional_marks):
        return "possible"
    return "asserted"

