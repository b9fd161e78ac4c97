"""A predicate's type by its sense: frames that test the classes of its arguments.

The lemma gives a default type (:mod:`pipeline.events.lexicon`); a frame of the ontology
(``frames`` in ``models/event_ontology.json``) overrides it where the predicate's arguments
tell the sense: "attacked the plan" (an idea: a criticism) is not "attacked the convoy";
"took over as chief executive" is an appointment, "took over Acme" an acquisition. The first
frame of the lemma whose every condition holds wins; a frame's ``type`` of ``null`` means
the predicate is no event in that sense. A noun compound WordNet knows, of a class that
names no happening, is no event of its head's type ("treasury bills" are no legislation).

An argument's class: a name's kind (``person``, ``organisation``, ``country``, ``product``,
``place``); an amount (``amount``); a date or time (``time``: "aged 55"); a generic agent of
the government, legislature or courts (``government``); else WordNet's class of the noun's
first sense (``person``, ``group``, ``artifact``, ``communication``, ``cognition``, ``act``,
``possession``, ``body``...; see ``models/wordnet_nouns.tsv``), and ``event`` and
``event:TYPE`` for a noun of the ontology. The object slot is the direct object, the
passive subject, or a bare noun phrase of measure ("aged 55").
"""

from __future__ import annotations

from ..identity.kinds import is_country, kind_of
from ..types import Tok
from .lexicon import EventType, Frame, Lexicon
from .sentence import Sentence

#: the dependency labels of the arguments a frame's slot tests
_SLOT_DEPS = {"object": ("dobj", "obj", "nsubjpass", "npadvmod"), "subject": ("nsubj",),
              "compound": ("compound", "amod")}


def sense(sent: Sentence, i: int, lemma: str, etype: EventType, lex: Lexicon
          ) -> EventType | None:
    """The type of the predicate at token ``i`` by the first frame of ``lemma`` that fits
    (``None``: no event in that sense), else ``etype``."""
    t = sent.toks[i]
    if t.pos == "NOUN":  # "bank bill", "press release": a compound with a sense of its own
        for c in sent.kids[i]:
            if sent.toks[c].dep == "compound" and c == i - 1:
                found = lex.noun_classes.get(f"{sent.toks[c].lower} {lemma}")
                if found is not None and found not in sent.g.eventive:
                    return None
    for frame in lex.frames.get(lemma, ()):
        if all(_holds(sent, i, slot, wanted, frame, lex) for slot, wanted in frame.conditions):
            return frame.etype
    return etype


def _holds(sent: Sentence, i: int, slot: str, wanted: frozenset[str], frame: Frame,
           lex: Lexicon) -> bool:
    toks, kids = sent.toks, sent.kids
    deps = _SLOT_DEPS
    if slot == "particle":
        return any(toks[c].dep == "prt" and toks[c].lower in wanted for c in kids[i])
    if slot == "prep":
        preps = [c for c in kids[i] if toks[c].dep in ("prep", "agent")
                 and toks[c].lower in wanted]
        if not frame.prep_object:
            return bool(preps)
        return any(arg_class(sent, g, lex) & frame.prep_object
                   for c in preps for g in kids[c] if toks[g].dep == "pobj")
    if slot == "agent":
        args = [g for c in kids[i] if toks[c].dep == "agent" for g in kids[c]
                if toks[g].dep == "pobj"]
    else:
        args = [c for c in kids[i] if toks[c].dep in deps[slot]]
        if slot == "subject" and toks[i].dep == "acl" and toks[i].head != i:
            args.append(toks[i].head)  # a headline's "UK to require ...": the noun acts
    return any(arg_class(sent, a, lex) & wanted for a in args)


def arg_class(sent: Sentence, i: int, lex: Lexicon) -> frozenset[str]:
    """The classes of the argument at token ``i`` (see the module docstring)."""
    t: Tok = sent.toks[i]
    for m in sent.mentions:
        if m.start <= t.start < m.end:
            if m.label in sent.g.amount_labels:
                return frozenset({"amount"})
            if m.label in ("DATE", "TIME"):  # "aged 55" reads as a date to the NER
                return frozenset({"time"})
            kind = kind_of(m)
            if kind in ("capital", "place"):
                return frozenset({"place"})
            if is_country(m.text):  # "UK" tagged an organisation in a headline
                return frozenset({kind, "country"} - {""})
            if kind:
                return frozenset({kind})
    lemma = t.lemma.lower()
    out = set()
    agent = sent.agent_lemma(i, lex.agents)
    if agent != lemma:  # "security forces": a group of people
        gov = lex.agents[agent] in sent.g.government_sectors
        return frozenset({"group", "government"} if gov else {"group"})
    if lex.agents.get(lemma) in sent.g.government_sectors:
        out.add("government")
    if t.pos == "PRON":
        out.add("person" if "person" in lex.pronouns.get(t.lower, ()) else "thing")
    if t.pos == "PROPN" and is_country(sent.text[t.start - sent.start:t.end - sent.start]):
        out.add("country")  # a country the NER left out ("UK to require ...")
    found = lex.noun_classes.get(lemma)
    if found:
        out.add(found)
    if lemma in lex.nouns:
        out |= {"event", f"event:{lex.nouns[lemma].type}"}
    return frozenset(out)
