"""Who an argument is: a named actor, the named actor a pronoun or a description refers to,
or a generic actor ("agent").

Rules (the words are data, ``models/coreference.json`` and ``models/agents.tsv``):

* a name is the actor it names; a place is an actor only when it is a country (or a capital
  acting for its government: "Beijing warned"), otherwise it is where the event happened;
* a pronoun ("it", "he", "they") refers to the most recent earlier actor of a kind it allows;
* a definite description ("the company", "this bank", "the president") refers to the most
  recent earlier actor of its kind; a person's description must have been tied to that person
  by a title ("President Obama") or an apposition ("Dana Perino, the press secretary");
* a pronoun that may mean someone the text introduced without a name ("a friend of the
  attacker told the BBC that he ...") or who is named only inside the quotation it follows
  ('"He listened to X," he said') is linked to no one;
* a person's name that only qualifies a common noun ("the Anna Berg metro station", "the
  district of Anna Berg") is no one a pronoun may mean;
* an apposition names what it stands beside ("the chief executive, Steve Jobs");
* a common noun of the agents table ("regulators", "the French government") that refers to no
  named actor is a generic actor with its sector and, where the text gives it, its country.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..identity.kinds import NOT_ACTING, gazetteer_kind, kind_of, place_kind
from ..identity.names import canonical_name
from ..types import Mention, Tok
from .lexicon import Lexicon
from .sentence import Referent, Resolved, Sentence

_WORDS = re.compile(r"[a-z]+")


class Article:
    """The coreference state of one article: its named actors so far, in order."""

    def __init__(self, text: str, mentions: Sequence[Mention], lex: Lexicon,
                 lookback: int, gender_window: int) -> None:
        self.text = text
        self.lookback = lookback  # named mentions a pronoun or description looks back
        #: named mentions back within which a person of the pronoun's gender and a nearer
        #: one of unknown gender make a pronoun ambiguous
        self.gender_window = gender_window
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self.lex = lex
        self.history: list[Referent] = []
        self._current: list[Referent] = []
        #: the gender of a person of the article, by name, where a title or an unambiguous
        #: pronoun told it ("Mrs Ramírez", "Maduro ... he")
        self.genders: dict[str, str] = {}
        #: the sentence whose quote named its speaker, and who that is (a quote that goes on
        #: in the next sentence keeps that speaker)
        self._quote_speaker: tuple[int, Referent | None] = (-9, None)
        self._previous: Sentence | None = None
        self._sentences = 0

    def sentence(self, toks: Sequence[Tok]) -> Sentence:
        """Start a sentence: its referents, with the titles the parse ties to them."""
        sent = Sentence(self.text, toks, self.mentions)
        self._current = [Referent(m, kind, body=kind == "organisation" and self._body(m),
                                  sentence=self._sentences)
                         for m in sent.names for kind in [kind_of(m)]
                         if kind != "person" or not self._modifies(sent, m)]
        self._current = sorted([*self._current, *self._unnamed(sent)],
                               key=lambda r: r.mention.start)
        for ref in self._current:
            if ref.anonymous:
                continue
            ref.subject = _is_subject(sent, ref.mention)
            ref.titles |= self._titles(sent, ref.mention)
            if ref.kind == "person":
                self._title_gender(ref)
        return sent

    def _unnamed(self, sent: Sentence) -> list[Referent]:
        """The people a sentence introduces by an indefinite common noun as a clause's
        subject ("a friend of the family", "one witness"; not "the man" nor "his lawyer", who may be
        someone named before), tied to no name by an apposition."""
        out = []
        for i, t in enumerate(sent.toks):
            if t.tag != "NN" or t.dep not in sent.g.subject | sent.g.passive_subject \
                    or self.lex.noun_classes.get(t.lemma.lower()) != "person" \
                    or sent.mention_at(i) is not None \
                    or any(sent.toks[c].dep == "appos" for c in sent.kids[i]) \
                    or not any(sent.toks[c].lower in sent.g.indefinite for c in sent.kids[i]):
                continue  # "the man", "his lawyer" may be someone named before
            m = Mention("", t.start, t.end, self.text[t.start:t.end], "PERSON", norm=f"#{t.start}")
            ref = Referent(m, "person", sentence=self._sentences, subject=True, anonymous=True)
            self._title_gender(ref)
            out.append(ref)
        return out

    def _modifies(self, sent: Sentence, m: Mention) -> bool:
        """Whether a name only qualifies a common noun: "the Anna Berg metro station", "the
        district of Anna Berg" (a person's name there names a place or a thing)."""
        toks = sent.toks
        for t in toks:
            if not m.start <= t.start < m.end or m.start <= toks[t.head].start < m.end:
                continue
            head = toks[t.head]
            if t.dep == "compound" and head.pos == "NOUN":
                return True
            if t.dep == "pobj" and head.lower == "of" and head.head != t.head:
                noun = toks[head.head]
                return noun.pos == "NOUN" and self.lex.noun_classes.get(
                    noun.lemma.lower()) == "location"
        return False

    def _title_gender(self, ref: Referent) -> None:
        """A person's gender from a title before the name or tied to it ("Mrs", "King")."""
        m = ref.mention
        line = self.text[self.text.rfind("\n", 0, m.start) + 1:m.start].split()
        words = {w.lower().rstrip(".") for w in [*line[-1:], *m.text.split()[:1]]} | ref.titles
        found = {self.lex.gendered_titles[w] for w in words if w in self.lex.gendered_titles}
        if len(found) == 1:
            self.genders.setdefault(_person_key(m), found.pop())

    def done(self, sent: Sentence) -> None:
        """End a sentence: its referents join the history."""
        self.history.extend(self._current)
        self._current = []
        self._sentences += 1
        self._previous = sent

    def _body(self, m: Mention) -> bool:
        name = f"{m.text} {canonical_name(m.text)}".lower()
        return bool(set(_WORDS.findall(name)) & self.lex.body_words)

    def _titles(self, sent: Sentence, m: Mention) -> set[str]:
        """Words the parse ties to a name: "President Obama", "Obama, the president"."""
        toks, out = sent.toks, set()
        heads = [i for i, t in enumerate(toks) if m.start <= t.start < m.end
                 and not (m.start <= toks[t.head].start < m.end and t.head != i)]
        for h in heads:
            for c in sent.kids[h]:
                t = toks[c]
                if t.dep in ("compound", "appos") and not (m.start <= t.start < m.end):
                    out.add(t.lemma.lower())
                    out |= {toks[g].lemma.lower() for g in sent.kids[c]
                            if toks[g].dep == "compound"}
        return out & set(self.lex.descriptions)

    def resolve(self, sent: Sentence, i: int, role: str) -> Resolved | None:
        """The actor that token ``i``, an argument with ``role``, stands for, if any."""
        t = sent.toks[i]
        m = sent.mention_at(i)
        if m is None and t.pos == "PROPN":
            # "Apple Computer" with only "Apple" recognised; "the iTunes store"
            m = next((n for c in sent.kids[i] if sent.toks[c].dep == "compound"
                      for n in [sent.mention_at(c)] if n is not None), None)
        if m is not None:
            kind = kind_of(m)
            if role == "place" and kind in ("country", "capital", "place"):
                return None  # where it happened, not who took part
            if kind == "place" or (kind == "capital" and role not in ("source", "target")):
                return None
            return Resolved(m.start, m.end, m.text, m.label, m.start, m.end,
                            acts=kind not in NOT_ACTING)
        if t.pos == "PRON":
            return self._pronoun(sent, i)
        if self._counted(sent, i):
            # "496 had been killed", "injuring 260": a count of people, an actor of the
            # events that take people as a count only
            return Resolved(t.start, t.end, self.text[t.start:t.end], "AGENT", -1, -1, "agent",
                            agent="people", sector=self.lex.agents.get("people", ""),
                            by_class=True, count=True)
        if t.pos not in ("NOUN", "PROPN"):
            return None
        # an apposition names what it stands beside: "the chief executive, Steve Jobs",
        # "Mark Papermaster, an Apple executive"
        beside = [c for c in sent.kids[i] if sent.toks[c].dep == "appos"]
        if t.dep == "appos" and t.head != i:
            beside.append(t.head)
        for c in beside:
            named = sent.mention_at(c)
            if named is not None and kind_of(named) not in ("place", "capital", ""):
                return Resolved(t.start, t.end, self.text[t.start:t.end], named.label,
                                named.start, named.end, "apposition")
        return self._description(sent, i) or self._agent(sent, i)

    def _speaker(self, sent: Sentence, i: int) -> Referent | None | bool:
        """The named speaker a person pronoun stands for when a reporting verb governs its
        clause ("Smith said he would resign") or stands in its sentence ("'I saw it,' said
        Eva"); ``None`` when the verb's subject is no named person ("a source said he"): no
        link; ``False`` when no reporting verb is there."""
        toks, cur = sent.toks, i
        verbs = []
        for _ in range(6):  # up through the clauses that hold the pronoun
            head = toks[cur].head
            if head == cur:
                break
            if toks[head].lemma.lower() in self.lex.statement_verbs and toks[cur].dep in (
                    "ccomp", "parataxis", "xcomp"):
                verbs.append(head)
                break
            cur = head
        quoted = self.quoted(toks[i].start)
        if not verbs and quoted:  # "'I saw it,' said Eva"
            verbs = [v for v in self._said(sent) if v != i]
            if not verbs and self._quote_speaker[0] == self._sentences - 1:
                # the quote goes on from the sentence that named its speaker
                self._quote_speaker = (self._sentences, self._quote_speaker[1])
                return self._quote_speaker[1]
        found = self._verb_speaker(sent, i, verbs)
        if found is False and quoted and self._previous is not None:
            # '"...," he told the BBC. "I phoned ..."'
            said = self._said(self._previous)
            found = self._verb_speaker(self._previous, -1, said) if said else False
        if quoted and (found is None or isinstance(found, Referent)):
            self._quote_speaker = (self._sentences, found)
        return found

    def _said(self, sent: Sentence) -> list[int]:
        """The reporting verbs that head a sentence outside its quotations ("..., said X")."""
        return [v for v, t in enumerate(sent.toks) if t.dep == "ROOT"
                and t.lemma.lower() in self.lex.statement_verbs and not self.quoted(t.start)]

    def _verb_speaker(self, sent: Sentence, i: int, verbs: list[int]
                      ) -> Referent | None | bool:
        toks = sent.toks
        for v in verbs:
            if toks[v].dep == "conj" and not any(
                    toks[c].dep in sent.g.subject for c in sent.kids[v]):
                v = toks[v].head  # "her children came home and said": the first verb's
            subjects = [c for c in sent.kids[v]
                        if toks[c].dep in sent.g.subject | sent.g.passive_subject]
            for c in subjects:
                m = sent.mention_at(c)
                if c == i:
                    return False
                if toks[c].pos == "PRON":  # "'I did,' he said": whom "he" stands for
                    kinds = self.lex.pronouns.get(toks[c].lower, ())
                    gender = self.lex.pronoun_gender.get(toks[c].lower, "")
                    return self._antecedent(toks[c].start, kinds, gender=gender) \
                        if "person" in kinds else None
                if m is None or kind_of(m) != "person":
                    return None
                return next((r for r in [*self._current, *reversed(self.history)]
                             if r.mention is m), None)
        return False

    def _pronoun(self, sent: Sentence, i: int) -> Resolved | None:
        """The named actor a pronoun refers to (see :meth:`_antecedent`), or None."""
        t = sent.toks[i]
        if _pleonastic(sent, i):
            return None  # "it is expected that ...": no one
        kinds = self.lex.pronouns.get(t.lower)
        if kinds and t.dep in sent.g.subject and t.head != i and self.lex.verb_classes.get(
                sent.toks[t.head].lemma.lower()) in sent.g.minded_classes:
            kinds = tuple(k for k in kinds if k != "product")  # "it wants": no product
        quoted = False
        if kinds is None and t.lower in self.lex.quoted_pronouns and self.quoted(t.start):
            kinds = self.lex.quoted_pronouns[t.lower]  # "I" in a quote: the speaker
            quoted = True
        gender = self.lex.pronoun_gender.get(t.lower, "")
        speaker = self._speaker(sent, i) if quoted else False
        if speaker is not False:  # "'I saw it,' said Eva": the speaker, or no one
            ref = speaker if isinstance(speaker, Referent) else None
            if ref is not None and gender and self.genders.get(
                    _person_key(ref.mention), gender) != gender:
                ref = None
            return self._refers(t, ref, "coreference")
        ante = self._antecedent(t.start, kinds, gender=gender) if kinds else None
        if ante is not None and t.lower in sent.g.thing_pronouns \
                and ante.mention.start < self._quote_start(t.start):
            return None  # "it" in a quote: a thing of the quote, not a name outside it
        if ante is not None and gender and not ante.subject:
            ante = self._salient(t.start, ante, gender)
        if ante is not None and t.lower in sent.g.thing_pronouns and (
                _thing_between(sent, ante.mention.end, t.start, self.lex,
                               sent.g.core_dependencies)
                or (self._previous is not None and not ante.subject and _thing_between(
                    self._previous, ante.mention.end, t.start, self.lex,
                    sent.g.subject | sent.g.passive_subject))):
            return None  # "a car ... it exploded": a thing nearer than the name
        if ante is not None and gender and ante.kind == "person":
            self.genders.setdefault(_person_key(ante.mention), gender)
        return self._refers(t, ante, "coreference")

    def _counted(self, sent: Sentence, i: int) -> bool:
        """Whether token ``i`` is a bare number (or "260 others") that counts people."""
        t = sent.toks[i]
        counted = t.pos == "NUM" or t.lower in sent.g.count_nouns or (
            t.lower in sent.g.counted_people_heads and any(
            sent.toks[c].dep == "nummod" for c in sent.kids[i]))  # "260 others"
        counted = counted and not any(m.start <= t.start < m.end and m.label != "CARDINAL"
                                      for m in sent.mentions)  # "€750,000" is money
        described = any(sent.toks[c].dep == "acl" and sent.toks[c].tag == "VBN"
                        for c in sent.kids[i])  # "of the 130 injured": who underwent it
        return counted and (t.dep in sent.g.counted_people_deps or described) and not any(
            sent.toks[c].dep == "prep" and sent.toks[c].lower == "of" for c in sent.kids[i])

    def quoted(self, pos: int) -> bool:
        """Whether ``pos`` is inside a quotation of its paragraph."""
        return self._quote_start(pos) >= 0

    def _quote_start(self, pos: int) -> int:
        """Where the quotation that holds ``pos`` opens (its paragraph's last opening mark),
        or -1 outside a quotation."""
        para = self.text.rfind("\n\n", 0, pos) + 1
        before = self.text[para:pos]
        opened = before.count("“") - before.count("”")
        if opened > 0 or (opened == 0 and before.count('"') % 2 == 1):
            return para + max(before.rfind("“"), before.rfind('"'))
        return -1

    def _quote_before(self, pos: int) -> tuple[int, int]:
        """The quotation that closes just before ``pos`` in its sentence ('"...," he said'),
        as (where it opens, where it closes); (-1, -1) when there is none."""
        para = self.text.rfind("\n\n", 0, pos) + 1
        before = self.text[para:pos]
        close = max(before.rfind("”"), before.rfind('"') if before.count('"') % 2 == 0 else -1)
        if close < 0 or self.quoted(pos) or re.search(r"[.!?]", before[close + 1:]):
            return -1, -1
        mark = "“" if before[close] == "”" else '"'
        return para + before.rfind(mark, 0, close), para + close

    def place(self, sent: Sentence, i: int) -> Mention | None:
        """The place a definite description of a place refers to ("the city": the nearest
        earlier place of the last few sentences, if GeoNames gives it a kind the word allows),
        or None."""
        t = sent.toks[i]
        kinds = self.lex.place_descriptions.get(t.lemma.lower())
        if kinds is None or t.tag != "NN" or not _definite(sent, i, self.lex):
            return None
        first = self._sentences - self.lex.sentence_window
        for ref in reversed([*self.history[-self.lookback:],
                             *(r for r in self._current if r.mention.end <= t.start)]):
            if ref.sentence < first:
                return None
            if ref.kind in ("place", "capital"):  # the nearest place only: no guessing past it
                return ref.mention if gazetteer_kind(ref.mention) in kinds else None
        return None

    def _description(self, sent: Sentence, i: int) -> Resolved | None:
        t = sent.toks[i]
        lemma = t.lemma.lower()
        kind = self.lex.descriptions.get(lemma)
        if kind is None or t.tag not in ("NN", "NNP") or not _definite(sent, i, self.lex):
            return None  # "the maker of the iPhone" is new, not a reference
        title = lemma if kind == "person" else None
        named = lemma if kind == "body" and lemma in self.lex.named_bodies else None
        ante = self._antecedent(t.start, (kind,), title, strict=True, named=named)
        return self._refers(t, ante, "coreference")

    def _refers(self, t: Tok, ante: Referent | None, how: str) -> Resolved | None:
        if ante is None or ante.anonymous:
            return None
        a = ante.mention
        return Resolved(t.start, t.end, self.text[t.start:t.end], a.label, a.start, a.end, how,
                        acts=ante.kind not in NOT_ACTING)

    def _antecedent(self, pos: int, kinds: Sequence[str], title: str | None = None, *,
                    strict: bool = False, gender: str = "", named: str | None = None
                    ) -> Referent | None:
        """The most recent earlier actor that fits: of a kind asked for, tied to ``title``,
        of the pronoun's ``gender`` where the person's is known (and none when a nearer
        person of unknown gender and one known to have it, among the last few named, could
        both be meant: no link rather than a guess), and for a description of a named body
        ("the commission") one whose name holds that word."""
        earlier = [*self.history[-self.lookback:],
                   *(r for r in self._current if r.mention.end <= pos)]
        if "person" in kinds:  # '"He listened to X," he said': not X, whom the quote names
            opened, closed = self._quote_before(pos)
            earlier = [r for r in earlier if not opened <= r.mention.start < closed]
        # a thing ("it", "the company") only from the last few sentences; farther back, no link
        first = -1 if "person" in kinds else self._sentences - self.lex.sentence_window
        if strict and "country" in kinds and len({
                r.mention.country for r in earlier
                if r.kind == "country" and r.sentence >= first}) > 1:
            return None  # "the country" with two countries in reach: no guess
        unknown: Referent | None = None
        for n, ref in enumerate(reversed(earlier)):
            if ref.sentence < first or (unknown is not None and n >= self.gender_window):
                break
            if not any(ref.fits(k, strict) for k in kinds):
                continue
            if title is not None and title not in ref.titles:
                continue
            if named is not None and named not in self._name_words(ref.mention):
                continue
            if not gender or ref.kind != "person":
                return ref
            known = self.genders.get(_person_key(ref.mention))
            if known == gender:
                return None if unknown is not None else ref  # two it may be: no guess
            if known is None and unknown is None:
                unknown = ref
        return unknown

    def _salient(self, pos: int, ante: Referent, gender: str) -> Referent:
        """A person pronoun's antecedent, preferring a subject to a name in an oblique
        place of the same sentence ("Maduro, heir of Hugo Chávez, defends ... what he
        hails": Maduro)."""
        same = [r for r in [*self.history[-self.lookback:], *self._current]
                if r.sentence == ante.sentence and r.mention.end <= pos and r.subject
                and r.kind == "person" and r is not ante
                and self.genders.get(_person_key(r.mention), gender) == gender]
        return same[-1] if same else ante

    @staticmethod
    def _name_words(m: Mention) -> set[str]:
        return set(_WORDS.findall(f"{m.text} {m.norm} {canonical_name(m.text)}".lower()))

    def _agent(self, sent: Sentence, i: int) -> Resolved | None:
        t = sent.toks[i]
        lemma = sent.agent_lemma(i, self.lex.agents)  # "prime minister", "armed forces"
        sector = self.lex.agents.get(lemma)
        compound = [sent.toks[c].lower for c in sent.kids[i] if sent.toks[c].dep == "compound"]
        by_class = sector is None and "person" in (
            self.lex.noun_classes.get(lemma),  # "the victims"
            self.lex.noun_classes.get(f"{compound[-1]} {lemma}" if compound else ""))  # "a
        # suicide bomber", where a bomber alone is an aircraft
        if (sector is None and not by_class) or t.pos != "NOUN":
            return None
        country = ""
        for c in sent.kids[i]:
            if sent.toks[c].dep in ("amod", "compound", "poss", "nmod"):
                m = sent.mention_at(c)
                if m is not None and m.country and place_kind(m) == "country":
                    country = m.country
        return Resolved(t.start, t.end, self.text[t.start:t.end], "AGENT", -1, -1, "agent",
                        agent=lemma, sector=sector or "", country=country, by_class=by_class)


def _definite(sent: Sentence, i: int, lex: Lexicon) -> bool:
    """Whether a common noun refers back: "the company", "its unit", not "the maker of the
    iPhone" nor "the company that makes it" (new, not a reference)."""
    toks = sent.toks
    definite = any(toks[c].dep in ("det", "poss")
                   and toks[c].lower in lex.determiners | sent.g.possessive_pronouns
                   for c in sent.kids[i])
    return definite and not any(toks[c].dep in ("acl", "relcl") or (
        toks[c].dep == "prep" and toks[c].lower == "of") for c in sent.kids[i])


def _thing_between(sent: Sentence, start: int, end: int, lex: Lexicon,
                   deps: frozenset[str]) -> bool:
    """Whether a singular common noun that names a thing (a car, a drone, the patrol) stands
    in one of ``deps`` in the sentence between a name and an "it" that follows it (in the
    sentence before the pronoun's, a thing that is a subject, where the name is none)."""
    for t in sent.toks:
        if start <= t.start < end and t.tag == "NN" and t.dep in deps and (
                lex.noun_classes.get(t.lemma.lower()) in sent.g.thing_classes):
            return True
    return False


def _is_subject(sent: Sentence, m: Mention) -> bool:
    """Whether a name is the subject of its clause."""
    return any(m.start <= t.start < m.end and t.dep in sent.g.subject | sent.g.passive_subject
               for t in sent.toks)


def _person_key(m: Mention) -> str:
    """A person's name as the article's genders are kept (its last word: "Ramírez" is the
    same person as "Gabriela Ramírez")."""
    words = (m.norm or m.text).split()
    return words[-1].casefold() if words else ""


def _pleonastic(sent: Sentence, i: int) -> bool:
    """An "it" that stands for a clause, not an actor: "it is expected that", "it seems"."""
    t = sent.toks[i]
    if t.lower != "it":
        return False
    if t.dep == "expl":
        return True
    head = t.head
    return t.dep in ("nsubj", "nsubjpass") and head != i and any(
        sent.toks[c].dep in ("ccomp", "csubj") and any(
            sent.toks[g].dep == "mark" and sent.toks[g].lower in ("that", "whether", "if")
            for g in sent.kids[c]) for c in sent.kids[head])
