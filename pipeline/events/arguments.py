"""The arguments of a predicate in the dependency parse, with the role each takes (step 1 of
:mod:`pipeline.events.extract`), and the light verbs that carry an eventive noun.

* a verb: its subject and passive agent (``source``), its object, passive subject and
  dative (``target``), its prepositions' objects by the grammar's ordered rules, the subject
  it inherits when it has none ("plans to buy", "bought X and sold Y"); a passive verb of
  saying or thinking leaves its subject to its infinitive ("X is said to be");
* an eventive noun: its possessor (``source``), its prepositions' objects, those of the noun
  it is conjoined to; a name that only qualifies it is no argument;
* an adjective of a state: who is in the state (``target``) and the agent who caused it;
* conjoined arguments share a role; a count stands for what it counts ("hundreds of
  hostages"); a place in apposition to a place, and the named place of what an event is on
  or of an occasion it is at, are where it happened.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..identity.kinds import place_kind
from ..types import Tok
from .grammar import grammar
from .lexicon import EventType, Lexicon
from .sentence import Sentence


def light_object(toks: Sequence[Tok], kids: list[list[int]], v: int, lemma: str,
                  lex: Lexicon) -> tuple[EventType, int] | None:
    """The type and index of the eventive noun a verb carries (:func:`carries`): "imposed a
    fine", "awarded a series of contracts", "a warning was given", "disclosed a breach"."""
    for c in kids[v]:
        n = through_quantity(toks, kids, c)
        found = lex.noun(toks[n].lemma, toks[n].lower)[1]
        if found is not None and carries(lemma, found, toks[c].dep, lex):
            return found, n
    return None


def carries(verb: str, noun: EventType | None, dep: str, lex: Lexicon) -> bool:
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


def through_quantity(toks: Sequence[Tok], kids: list[list[int]], n: int) -> int:
    """A noun, or what it counts ("a series of contracts": the contracts)."""
    if toks[n].lemma.lower() in grammar().quantity_nouns:
        for p in kids[n]:
            if toks[p].dep == "prep" and toks[p].lower == "of":
                for g in kids[p]:
                    if toks[g].dep == "pobj":
                        return g
    return n


def merged_into_verb(toks: Sequence[Tok], n: int, lex: Lexicon) -> bool:
    """Whether eventive noun ``n`` is carried by the verb it depends on ("imposed a fine",
    "launched a series of attacks"): then it is no event of its own."""
    h, dep = toks[n].head, toks[n].dep
    if dep == "pobj" and toks[h].lower == "of" and toks[toks[h].head].lemma.lower() in \
            grammar().quantity_nouns:  # "a series of attacks": the series' place
        q = toks[h].head
        h, dep = toks[q].head, toks[q].dep
    if h == n or toks[h].pos != "VERB":
        return False
    return carries(lex.verb(toks[h].lemma, toks[h].lower)[0],
                    lex.noun(toks[n].lemma, toks[n].lower)[1], dep, lex)



def verb_arguments(sent: Sentence, v: int, lex: Lexicon) -> list[tuple[int, str]]:
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
            if merged_into_verb(toks, n := through_quantity(toks, kids, c), lex):
                args += noun_arguments(sent, n)  # "a fine was imposed on X"
        elif dep == "dative" and toks[c].pos == "ADP":  # "gave a warning to X": X receives
            args += [(a, "target") for a in kids[c] if toks[a].dep == "pobj"]
        elif dep in g.object:
            args.append((c, "target"))
            if merged_into_verb(toks, n := through_quantity(toks, kids, c), lex):
                args += noun_arguments(sent, n)  # "imposed a fine on X", "signed a deal with Y"
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
            lemma in lex.undergoer_light_verbs and light_object(toks, kids, v, lemma, lex)):
        args = [(a, "target" if toks[a].dep in g.subject and role == "source" else role)
                for a, role in args]
    if toks[v].dep == "relcl":  # "the company, which bought X": the company
        args = [(toks[v].head, role) if toks[a].lower in g.relative else (a, role)
                for a, role in args]
    args += _outside_arguments(sent, v, has_subject)
    subject = next((role for a, role in args if toks[a].dep in g.subject | g.passive_subject),
                   None)
    if subject is not None:
        args += [(a, subject) for c in members for a in kids[c] if toks[a].dep == "pobj"]
    return _with_conjuncts(sent, args)


def _outside_arguments(sent: Sentence, v: int, has_subject: bool) -> list[tuple[int, str]]:
    """The arguments of a verb that stand outside its own phrase: the noun a relative clause
    or a participle qualifies ("the phone Apple launched", "a deal signed by X", "a firm
    making chips"), the controller of "Apple's plans to import", the subject a verb without
    one inherits."""
    toks, kids = sent.toks, sent.kids
    args: list[tuple[int, str]] = []
    if toks[v].dep == "relcl":
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
    return args


def counted_of(sent: Sentence, i: int) -> int:
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


def noun_arguments(sent: Sentence, n: int, *, shared: bool = True
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
        args += noun_arguments(sent, h, shared=False)
    return _with_conjuncts(sent, args)


def state_arguments(sent: Sentence, a: int) -> list[tuple[int, str]]:
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
    out = [(g, sent.g.prep_role(toks[p].lower, verb=verb, region=_place_kind(sent, g) == "place"))
           for g in sent.kids[p] if toks[g].dep == "pobj"]
    out += [(a, role) for g, role in out if role == "place"  # "in Helmand, Afghanistan"
            for a in sent.kids[g] if toks[a].dep == "appos"]
    return out + [(x, "place") for g, role in out  # "an attack on the market in Lyon",
                  if role != "place" or _occasion(sent, g)  # "at the Expo in Paris"
                  for q in sent.kids[g] if toks[q].dep == "prep"
                  and sent.g.prep_role(toks[q].lower, verb=verb) == "place"
                  for x in sent.kids[q] if toks[x].dep == "pobj" and _place_kind(sent, x)]


def building(sent: Sentence, i: int, lex: Lexicon) -> bool:
    """Whether argument ``i`` is a building reached by a preposition of place ("taken to
    hospital", "a fire at the embassy"): where, not who."""
    t = sent.toks[i]
    return (t.dep == "pobj" and lex.noun_classes.get(t.lemma.lower()) in sent.g.building_classes
            and sent.g.prep_role(sent.toks[t.head].lower, verb=True, region=True) == "place")


def _occasion(sent: Sentence, i: int) -> bool:
    pos = sent.toks[i].start
    return any(m.label == "EVENT" and m.start <= pos < m.end for m in sent.mentions)


def _place_kind(sent: Sentence, i: int) -> str:
    """``country``, ``capital`` or ``place`` for a named place at token ``i``, else ``""``."""
    m = sent.mention_at(i)
    return place_kind(m) if m is not None else ""


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


def members(sent: Sentence, i: int) -> list[int]:
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
