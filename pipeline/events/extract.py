"""Stage 4: events from the dependency parse. Every predicate (a verb, or an eventive noun of
the ontology) with at least one actor among its arguments is an event; a predicate of an
actorless type of the ontology (an attack, a death, an arrest, a protest: ``actorless_types``)
is one even when the text names none of its actors ("a bomb exploded").

Per sentence, for each predicate:

1. its arguments from the parse: the subject and the passive agent ("by CNIL") are the
   ``source``; the object, the passive subject and "into/against/on/over X" the ``target``;
   the possessor of an eventive noun is its source ("Apple's acquisition of Beats": Apple
   source, Beats target), a name that only qualifies it no argument ("the Manchester Arena
   bombing", "iPhone sales": a place, an occasion, a product; the event's actors are named
   elsewhere); anything else is ``other``. A verb without a subject takes the one of the verb
   it depends on ("plans to buy", "bought X and sold Y"); conjoined arguments
   ("Huawei and ZTE") share the role; a light verb ("imposed a fine on X") takes the type and
   the arguments of its eventive object;
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
from .coref import Article
from .frames import sense
from .grammar import grammar
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
            light = _light_object(toks, kids, i, lemma, lex)
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
            if etype is None or _merged_into_verb(toks, i, lex):
                continue
            etype = sense(sent, i, lemma, etype, lex)
            if etype is not None:
                out.append(_Predicate(i, lemma, etype, True))
        elif t.pos == "ADJ" and t.dep in sent.g.state_deps and t.lower in lex.adjectives:
            out.append(_Predicate(i, t.lower, lex.adjectives[t.lower], False, state=True))
    return out


def _light_object(toks: Sequence[Tok], kids: list[list[int]], v: int, lemma: str,
                  lex: Lexicon) -> tuple[EventType, int] | None:
    """The type and index of the eventive noun a verb carries (:func:`_carries`): "imposed a
    fine", "awarded a series of contracts", "a warning was given", "disclosed a breach"."""
    for c in kids[v]:
        n = _through_quantity(toks, kids, c)
        found = lex.noun(toks[n].lemma, toks[n].lower)[1]
        if found is not None and _carries(lemma, found, toks[c].dep, lex):
            return found, n
    return None


def _carries(verb: str, noun: EventType | None, dep: str, lex: Lexicon) -> bool:
    """Whether a verb carries the eventive noun that is its ``dep``: a light verb its object
    or passive subject ("imposed a fine", "a fine was imposed"), a reporting verb an object
    of another type ("disclosed a breach", "announced investments"); the noun is then no event
    of its own, and its arguments are the verb's."""
    if noun is None:
        return False
    if verb in lex.light_verbs:
        return dep in ("dobj", "obj", "nsubjpass")
    return (verb in lex.statement_verbs and dep in ("dobj", "obj")
            and noun.type not in ("statement", "other"))


def _through_quantity(toks: Sequence[Tok], kids: list[list[int]], n: int) -> int:
    """A noun, or what it counts ("a series of contracts": the contracts)."""
    if toks[n].lemma.lower() in grammar().quantity_nouns:
        for p in kids[n]:
            if toks[p].dep == "prep" and toks[p].lower == "of":
                for g in kids[p]:
                    if toks[g].dep == "pobj":
                        return g
    return n


def _merged_into_verb(toks: Sequence[Tok], n: int, lex: Lexicon) -> bool:
    """Whether eventive noun ``n`` is carried by the verb it depends on ("imposed a fine",
    "launched a series of attacks"): then it is no event of its own."""
    h, dep = toks[n].head, toks[n].dep
    if dep == "pobj" and toks[h].lower == "of" and toks[toks[h].head].lemma.lower() in \
            grammar().quantity_nouns:  # "a series of attacks": the series' place
        q = toks[h].head
        h, dep = toks[q].head, toks[q].dep
    if h == n or toks[h].pos != "VERB":
        return False
    return _carries(lex.verb(toks[h].lemma, toks[h].lower)[0],
                    lex.noun(toks[n].lemma, toks[n].lower)[1], dep, lex)


def _event(art: Article, sent: Sentence, pred: _Predicate, article_id: str,
           published: date | None, lex: Lexicon) -> tuple[Event, list[Participant]] | None:
    args = (_noun_arguments(sent, pred.index) if pred.noun
            else _state_arguments(sent, pred.index) if pred.state
            else _verb_arguments(sent, pred.index, lex))
    resolved: dict[tuple[object, ...], tuple[Resolved, str]] = {}
    # "other" and the general types need an actor named or from the agents table
    untyped = pred.etype.type == "other" or pred.etype.type in lex.general_names
    places: list[Mention] = []
    reports = pred.lemma in lex.statement_verbs and not art.quoted(sent.toks[pred.index].start)
    for tok, role in args:
        tok = _counted_of(sent, tok)
        if reports and art.quoted(sent.toks[tok].start):
            continue  # '"Somalia," said X': what is said is no one (the speaker is outside)
        where = _place(art, sent, tok, role)
        if where is not None:
            places.append(where[1])  # where it happened: a place node, never a country actor
            resolved.setdefault(where[0].key(), (where[0], Role.LOCATION))
            continue
        found = [art.resolve(sent, tok, role)]
        if found[0] is None or found[0].agent:  # "a consortium including Huawei": its
            found += [art.resolve(sent, m, role) for m in _members(sent, tok)]  # members
        if _building(sent, tok, lex):
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


# --------------------------------------------------------------------------- arguments

def _verb_arguments(sent: Sentence, v: int, lex: Lexicon) -> list[tuple[int, str]]:
    toks, kids, g = sent.toks, sent.kids, sent.g
    args: list[tuple[int, str]] = []
    has_subject = False
    members: list[int] = []
    for c in kids[v]:
        dep = toks[c].dep
        if dep in g.subject:
            args.append((c, "source"))
            has_subject = True
        elif dep in g.passive_subject:
            has_subject = True
            if _raised(sent, v):
                continue  # "X is said to be faster": X is the infinitive's, not the saying's
            args.append((c, "target"))
            if _merged_into_verb(toks, n := _through_quantity(toks, kids, c), lex):
                args += _noun_arguments(sent, n)  # "a fine was imposed on X"
        elif dep == "dative" and toks[c].pos == "ADP":  # "gave a warning to X": X receives
            args += [(a, "target") for a in kids[c] if toks[a].dep == "pobj"]
        elif dep in g.object:
            args.append((c, "target"))
            if _merged_into_verb(toks, n := _through_quantity(toks, kids, c), lex):
                args += _noun_arguments(sent, n)  # "imposed a fine on X", "signed a deal with Y"
        elif dep == "agent":
            args += [(a, "source") for a in kids[c] if toks[a].dep == "pobj"]
        elif dep == "prep" and toks[c].lower in g.member_preps:
            members.append(c)  # "leftists were arrested, including X": X as the subject
        elif dep == "prep":
            args += _prep_arguments(sent, c, verb=True)
        elif dep == "advmod" and toks[c].pos == "ADV":  # "flew back to Belfast"
            args += [a for p in kids[c] if toks[p].dep == "prep"
                     for a in _prep_arguments(sent, p, verb=True)]
        elif dep in ("ccomp", "xcomp") and any(toks[g].dep == "aux" and toks[g].lower == "to"
                                               for g in kids[c]):
            # "allowed developers to create": who is allowed is the object of "allow"
            args += [(a, "target") for a in kids[c] if toks[a].dep in g.subject]
    lemma = lex.verb(toks[v].lemma, toks[v].lower)[0]
    if (not _transitive(sent, v) and (
            any(toks[c].dep == "agent" for c in kids[v])          # "Apple swamped by orders"
            or lemma in lex.unaccusative)) or (                   # "Jobs died"
            lemma in lex.undergoer_light_verbs and _light_object(toks, kids, v, lemma, lex)):
        args = [(a, "target" if toks[a].dep in g.subject and role == "source" else role)
                for a, role in args]
    if toks[v].dep == "relcl":
        args = [(toks[v].head, role) if toks[a].lower in g.relative else (a, role)
                for a, role in args]
        if not has_subject:  # "the phone Apple launched": the head is the object
            args.append((toks[v].head, "target"))
    elif toks[v].dep == "acl" and toks[v].head != v and not has_subject:
        if any(toks[c].dep == "aux" and toks[c].lower == "to" for c in kids[v]):
            args += _noun_controller(sent, toks[v].head)  # "Apple's plans to import"
            if sent.mention_at(toks[v].head) is not None:
                args.append((toks[v].head, "source"))  # a headline's "UK to require ..."
        else:  # "a deal signed by X" (the deal undergoes it), "a firm making chips"
            passive = toks[v].tag == "VBN" or any(toks[c].dep == "agent" for c in kids[v])
            args.append((toks[v].head, "target" if passive else "source"))
    elif not has_subject:
        inherited = _inherited_subject(sent, v)
        if any(toks[c].dep == "auxpass" for c in kids[v]):  # "... or was forced out"
            inherited = [(a, "target") for a, _ in inherited]
        args += inherited
    subject = next((role for a, role in args if toks[a].dep in g.subject | g.passive_subject),
                   None)
    if subject is not None:
        args += [(a, subject) for c in members for a in kids[c] if toks[a].dep == "pobj"]
    return _with_conjuncts(sent, args)


def _counted_of(sent: Sentence, i: int) -> int:
    """What a number counts: "hundreds of hostages", "two of the guards" stand for the
    hostages, the guards; any other argument for itself."""
    t = sent.toks[i]
    if t.pos != "NUM" and t.lower not in sent.g.count_nouns:
        return i
    return next((g for p in sent.kids[i] if sent.toks[p].dep == "prep"
                 and sent.toks[p].lower == "of" for g in sent.kids[p]
                 if sent.toks[g].dep == "pobj"), i)


def _raised(sent: Sentence, v: int) -> bool:
    """Whether a passive verb of saying or thinking raises its infinitive's subject ("the
    iMac is said to be faster", "he is believed to have fled")."""
    toks = sent.toks
    return toks[v].lemma.lower() in sent.g.raising_verbs and any(
        toks[c].dep == "xcomp" and any(toks[a].dep == "aux" and toks[a].lower == "to"
                                       for a in sent.kids[c]) for c in sent.kids[v])


def _noun_arguments(sent: Sentence, n: int, *, shared: bool = True
                    ) -> list[tuple[int, str]]:
    """The arguments of an eventive noun: its possessor, its prepositions' objects, and
    those of the noun it is conjoined to ("the slaughter and maiming of civilians")."""
    toks, kids = sent.toks, sent.kids
    args: list[tuple[int, str]] = []
    for c in kids[n]:
        dep = toks[c].dep
        if dep == "poss":
            args.append((c, "source"))
        elif dep == "prep":
            args += _prep_arguments(sent, c, verb=False)
    h = toks[n].head
    if shared and toks[n].dep == "conj" and h != n and toks[h].pos == "NOUN":
        args += _noun_arguments(sent, h, shared=False)
    return _with_conjuncts(sent, args)


def _state_arguments(sent: Sentence, a: int) -> list[tuple[int, str]]:
    """Who is in the state an adjective names: the noun it qualifies ("the dead soldier"),
    the object of "left X dead", the noun a participle qualifies ("X, shot dead by police"),
    else the subject of its verb ("nine were dead", "he was found dead"); they underwent the
    event (``target``); the verb's agent ("by police") caused it (``source``)."""
    toks, h = sent.toks, sent.toks[a].head
    if toks[a].dep == "amod":
        return _with_conjuncts(sent, [(h, "target")])
    causers = [(g, "source") for c in sent.kids[h] if toks[c].dep == "agent"
               for g in sent.kids[c] if toks[g].dep == "pobj"]
    objects = [c for c in sent.kids[h] if toks[c].dep in sent.g.object and c != a]
    if toks[a].dep == "oprd" and objects:
        return _with_conjuncts(sent, [(objects[0], "target"), *causers])
    if toks[a].dep == "oprd" and toks[h].dep == "acl" and toks[h].head != h:
        return _with_conjuncts(sent, [(toks[h].head, "target"), *causers])
    return _with_conjuncts(sent, [*((c, "target") for c, _ in _subjects(sent, h)), *causers])


def _prep_arguments(sent: Sentence, p: int, *, verb: bool) -> list[tuple[int, str]]:
    """The objects of preposition ``p`` with their roles (``preposition_roles`` of the
    grammar): "fined by X", "an attack on X", "an agreement between X and Y", "in Lyon"."""
    toks = sent.toks
    out = [(g, sent.g.prep_role(toks[p].lower, verb=verb, region=_region(sent, g)))
           for g in sent.kids[p] if toks[g].dep == "pobj"]
    out += [(a, role) for g, role in out if role == "place"  # "in Helmand, Afghanistan"
            for a in sent.kids[g] if toks[a].dep == "appos"]
    return out + [(x, "place") for g, role in out  # "an attack on the market in Lyon",
                  if role != "place" or _occasion(sent, g)  # "at the Expo in Paris"
                  for q in sent.kids[g] if toks[q].dep == "prep"
                  and sent.g.prep_role(toks[q].lower, verb=verb) == "place"
                  for x in sent.kids[q] if toks[x].dep == "pobj" and _named_place(sent, x)]


def _building(sent: Sentence, i: int, lex: Lexicon) -> bool:
    """Whether argument ``i`` is a building reached by a preposition of place ("taken to
    hospital", "a fire at the embassy"): where, not who."""
    t = sent.toks[i]
    return (t.dep == "pobj" and lex.noun_classes.get(t.lemma.lower()) in sent.g.building_classes
            and sent.g.prep_role(sent.toks[t.head].lower, verb=True, region=True) == "place")


def _occasion(sent: Sentence, i: int) -> bool:
    pos = sent.toks[i].start
    return any(m.label == "EVENT" and m.start <= pos < m.end for m in sent.mentions)


def _named_place(sent: Sentence, i: int) -> bool:
    m = sent.mention_at(i)
    return m is not None and bool(place_kind(m))


def _region(sent: Sentence, i: int) -> bool:
    m = sent.mention_at(i)
    return m is not None and place_kind(m) == "place"


def _subjects(sent: Sentence, v: int) -> list[tuple[int, str]]:
    g = sent.g
    return [(c, "source" if sent.toks[c].dep in g.subject else "target")
            for c in sent.kids[v] if sent.toks[c].dep in g.subject | g.passive_subject]


def _inherited_subject(sent: Sentence, v: int) -> list[tuple[int, str]]:
    """The subject of a verb that has none of its own: the controller of "plans to buy" or
    "barred X from using", the first verb of "bought X and sold Y", the main verb of a
    participle clause."""
    toks = sent.toks
    cur = v
    for _ in range(4):
        dep, head = toks[cur].dep, toks[cur].head
        if dep == "pcomp" and toks[head].dep == "prep" and toks[head].head != head:
            prep, head = head, toks[head].head  # "from using": the verb the phrase is on
            objects = [c for c in sent.kids[head] if toks[c].dep in ("dobj", "obj")]
            if toks[prep].lower == "from" and objects:
                return [(objects[0], "source")]
            dep = "advcl"
        if head == cur or toks[head].pos not in ("VERB", "AUX"):
            return []
        if dep == "xcomp":
            objects = [c for c in sent.kids[head] if toks[c].dep in ("dobj", "obj")]
            if objects:  # "asked X to leave": X acts
                return [(objects[0], "source")]
            found = [(c, "source") for c, _ in _subjects(sent, head)]
        elif dep == "conj":
            found = _subjects(sent, head)
        elif dep == "advcl" and toks[cur].tag in ("VBG", "VBN"):
            found = [(c, "source") for c, r in _subjects(sent, head) if r == "source"]
        else:
            return []
        if found:
            return found
        cur = head
    return []


def _transitive(sent: Sentence, v: int) -> bool:
    """Whether a verb has an object or a clause it governs ("began selling", "started by
    hinting"): then its subject acts, whatever the verb."""
    toks = sent.toks
    for c in sent.kids[v]:
        if toks[c].dep in sent.g.object or toks[c].dep in ("xcomp", "ccomp"):
            return True
        if toks[c].dep == "prep" and any(toks[g].dep == "pcomp" for g in sent.kids[c]):
            return True
    return False


def _noun_controller(sent: Sentence, n: int) -> list[tuple[int, str]]:
    """Who acts in "X's plans to V" or "X has plans to V": the noun's possessor, else the
    subject of the verb the noun is the object of."""
    toks = sent.toks
    owners = [(c, "source") for c in sent.kids[n] if toks[c].dep == "poss"]
    head = toks[n].head
    if owners or head == n or toks[n].dep not in ("dobj", "obj", "attr"):
        return owners
    return [(c, "source") for c, r in _subjects(sent, head) if r == "source"]


def _with_conjuncts(sent: Sentence, args: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Conjoined arguments share the role: "Huawei and ZTE won"."""
    out = list(args)
    for a, role in args:
        stack = [a]
        for _ in range(8):
            if not stack:
                break
            cur = stack.pop()
            for c in sent.kids[cur]:
                if sent.toks[c].dep == "conj" and sent.toks[c].pos in ("PROPN", "NOUN", "PRON"):
                    out.append((c, role))
                    stack.append(c)
    return out


def _members(sent: Sentence, i: int) -> list[int]:
    """The named members of a group noun: "a consortium including X", "a group led by X"."""
    toks, kids = sent.toks, sent.kids
    out = []
    for c in kids[i]:
        if toks[c].dep == "prep" and toks[c].lower in sent.g.member_preps:
            out += [g for g in kids[c] if toks[g].dep == "pobj"]
        elif toks[c].dep == "acl" and toks[c].lemma.lower() in ("lead", "head", "include"):
            for a in kids[c]:
                if toks[a].dep == "agent":
                    out += [g for g in kids[a] if toks[g].dep == "pobj"]
                elif toks[a].dep == "dobj":
                    out.append(a)
    return [m for a in out for m, _ in _with_conjuncts(sent, [(a, "")])]


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

