"""The ``newsgraph_entities`` spaCy component: rules that fix the statistical NER's output.

Per document, in order:

a. drop junk (``models/ner_rules.json``: "AI" as a place, boilerplate words), single
   capitalised ordinary words the model took for names at the start of a sentence, a news
   agency that only signs the story ("LONDON (Reuters) -", a last "Reuter"), and names that
   are no names: no letter ("8:11.22"), an amount ("280bn"); a name cut off is mended: a
   function word that ends it goes ("Group of"), an unmatched bracket ends or starts it
   ("Tara (Total Abstract ..." is Tara), a single letter after "X and" takes them in
   ("LL and E Royalty Trust"); a name that ends in a word of an occasion ("Worldwide
   Developers Conference", "the Boston Marathon": ``occasion_heads``) is an EVENT, whatever
   label the model gave it;
b. sports results: a town facing another side or followed by a score is a team (ORG), and
   a plural "person" after "the" is a group ("the Beatles"); a courtesy title makes a person
   ("Mr Ebbers"), an acronym alone is no person ("JPN": a country code or an organisation);
c. recover all-caps acronyms the model missed (not the words of an amount: "310 MLN DLRS"),
   and give an acronym defined in the text, "HM Revenue & Customs (HMRC)", its long form's
   label (an occasion's too where the model tagged the acronym itself: "WWDC");
d. give a repeated name one label within the document (majority vote), a surname alone
   the PERSON label of the full name (and so a given name alone, where one full name only
   begins with it and no place has that name), and a full name the PERSON label of its
   surname with a courtesy title ("Nicola Sturgeon" ... "Ms Sturgeon");
e. tag the other occurrences of a name already recognised in the document;
f. words for the present and its neighbours ("today", "FY24") are dates;
g. a figure written with its currency ("46 mln dlrs", "EUR 2 million", "Rs 5 crore") is MONEY,
   where the model saw a number, nothing, or only part of it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..identity.kinds import is_country
from ..identity.names import acronym_definitions, clean_name, company_suffixes, is_acronym, titles
from ..lexicon.countries import resolve_place
from ..lexicon.currencies import money_spans
from ..lexicon.tables import read_json
from .products import relabel_products

NAME_LABELS = frozenset({"ORG", "PERSON", "GPE", "LOC", "NORP", "FAC"})
_NUMERIC = frozenset({"MONEY", "CARDINAL", "QUANTITY"})

#: a capitalised word standing alone, which may be an acronym (its shape: is_acronym)
_WORD_IN_TEXT = re.compile(r"(?<![\w&])[A-Z][A-Za-z&]{1,7}(?![\w&])")


def taken_chars(ents: Iterable[Span]) -> set[int]:
    """The character offsets covered by ``ents``."""
    taken: set[int] = set()
    for e in ents:
        taken.update(range(e.start_char, e.end_char))
    return taken


def _rules() -> dict[str, Any]:
    return read_json("ner_rules.json")


def shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """The start and end of the line holding ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


@Language.factory(
    "newsgraph_entities",
    requires=["doc.ents"],
    assigns=["doc.ents"],
    default_config={"rules_version": "newsgraph.ner_rules.v1"},
)
def make_entity_fixer(nlp: Language, name: str, rules_version: str) -> EntityFixer:
    """spaCy factory for :class:`EntityFixer` (registered as ``newsgraph_entities``)."""
    rules = _rules()
    if rules.get("version") != rules_version:
        raise ValueError(f"models/ner_rules.json is {rules.get('version')}, need {rules_version}")
    return EntityFixer(rules)


class EntityFixer:
    """Post-processes ``doc.ents`` (steps a-f of the module docstring)."""

    def __init__(self, rules: dict[str, Any]) -> None:
        self.junk = {j.lower() for j in rules["junk"]}
        self.not_acronyms = set(rules["not_acronyms"])
        self.common_words = {w.lower() for w in rules["common_capitalised_words"]}
        self.agencies = {a.casefold() for a in rules["news_agencies"]}
        self.courtesy = frozenset(rules["courtesy_titles"])
        self.tail_words = frozenset(rules["name_tail_words"])
        self.bodies = frozenset(rules["generic_org_words"])
        self.occasions = frozenset(rules.get("occasion_heads", []))

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        pieces = [p for e in doc.ents for p in _split(e)]
        ents = [self._occasion(self._regional_body(t))
                for t in (_mend(e, self.tail_words) for e in pieces)
                if t is not None and not self._is_junk(t)]
        ents, teams = self._teams(doc, ents, text)
        ents = self._acronyms(doc, ents, text)
        ents = self._consistent(doc, ents, teams)
        ents = self._propagate(doc, ents, text)
        ents = self._present(doc, ents, text)
        ents = self._money(doc, ents, text)
        if doc.has_annotation("DEP"):
            ents = relabel_products(doc, ents)
        doc.ents = filter_spans(ents)
        return doc

    # a
    def _is_junk(self, ent: Span) -> bool:
        t = ent.text.strip()
        if t.lower() in self.junk or not any(c.isalnum() for c in t):
            return True
        if ent.label_ in NAME_LABELS and not any(c.isalpha() for c in t) or (
                ent.label_ in NAME_LABELS | {"PRODUCT"} and _AMOUNT.match(t)):
            return True  # "8:11.22", "280bn", "950p": no name
        if ent.label_ in NAME_LABELS and not any(c.isupper() or c.isdigit() for c in t):
            return True  # "antennas": names are capitalised
        if t.casefold() in self.agencies and _byline(ent):
            return True
        if ent.label_ in NAME_LABELS and len(ent) == 1:
            first_in_sentence = ent.start == 0 or doc_prev_is_boundary(ent)
            if first_in_sentence and t.lower() in self.common_words:
                return True
        return False

    def _occasion(self, ent: Span) -> Span:
        if ent.label_ in ("ORG", "PERSON", "PRODUCT") and ent[-1].lower_ in self.occasions:
            return Span(ent.doc, ent.start, ent.end, label="EVENT")
        return ent

    def _regional_body(self, ent: Span) -> Span:
        """A region's name or demonym before an institution word is that body, not the
        region's country: "the Scottish Executive", "the Bavarian Parliament"."""
        doc = ent.doc
        if ent.label_ not in ("NORP", "GPE") or ent.end >= len(doc) or is_country(ent.text):
            return ent
        nxt = doc[ent.end]
        if nxt.is_title and nxt.lower_ in self.bodies and "\n" not in ent[-1].whitespace_:
            return Span(doc, ent.start, ent.end + 1, label="ORG")
        return ent

    # g
    @staticmethod
    def _money(doc: Doc, ents: list[Span], text: str) -> list[Span]:
        for start, end in money_spans(text):
            over = [e for e in ents if e.start_char < end and start < e.end_char]
            if any(e.label_ not in _NUMERIC for e in over):
                continue  # part of a name or a date: the model's reading stands
            span = doc.char_span(min([start, *(e.start_char for e in over)]),
                                 max([end, *(e.end_char for e in over)]), label="MONEY",
                                 alignment_mode="expand")
            if span is not None:
                ents = [e for e in ents if e not in over] + [span]
        return ents

    # b
    def _teams(self, doc: Doc, ents: list[Span], text: str) -> tuple[list[Span], set[str]]:
        """A place or name followed by a score, or facing another side across "v", "beat",
        "drew with", is a team: sports results name clubs after their towns. So is the name
        that opens a row of a results table ("COLORADO 63 57 .525")."""
        out = []
        teams: set[str] = set()
        taken = taken_chars(ents)
        row_starts = set()
        for m in _TABLE_ROW.finditer(text):
            if is_country(m.group(1)):
                continue
            row_starts.add(m.start(1))
            if not taken.intersection(range(m.start(1), m.end(1))):
                span = doc.char_span(m.start(1), m.end(1), label="ORG")
                if span is not None:
                    out.append(span)
                    teams.add(span.text)
        for e in ents:
            label = e.label_
            if _INITIAL_NAME.match(e.text) and label in ("ORG", "GPE", "LOC", "NORP"):
                label = "PERSON"  # "C. Lewis": an initial and a surname name a person
            elif label in NAME_LABELS and len(e) > 1 and \
                    e[0].lower_.rstrip(".") in self.courtesy and e[1].is_title:
                label = "PERSON"  # "Mr Ebbers", whatever the model said
            elif label == "PERSON" and len(e) == 1 and is_acronym(e.text):
                label = "GPE" if is_country(e.text) else "ORG"  # "JPN" is no person
            elif label == "PERSON" and e.start > 0 and doc[e.start - 1].lower_ == "the" \
                    and e.text.endswith("s"):
                label = "ORG"  # "the Beatles": a personal name takes no article; a group does
            elif label in ("GPE", "LOC", "NORP", "FAC") and not is_country(e.text):
                after = text[e.end_char:e.end_char + 12]
                line_start, line_end = line_bounds(text, e.start_char)
                if e.start_char in row_starts or (
                        _SCORE_AFTER.match(after)
                        and len(_SCORE_PAIR.findall(text, line_start, line_end)) >= 2) \
                        or _VERSUS_AFTER.match(after) \
                        or _VERSUS_BEFORE.search(text[max(line_start, e.start_char - 14):
                                                      e.start_char]):
                    label = "ORG"
                    teams.add(e.text)
            out.append(e if label == e.label_ else Span(doc, e.start, e.end, label=label))
        return out, teams

    # c
    def _acronyms(self, doc: Doc, ents: list[Span], text: str) -> list[Span]:
        taken = {i for e in ents for i in range(e.start, e.end)}  # token indices
        labels_by_text = {e.text: e.label_ for e in ents}
        defined = {acr: labels_by_text.get(long) or next(
                       (e.label_ for e in ents if e.text.endswith(f" {long}")), "ORG")
                   for acr, long in acronym_definitions(text)}
        out = [Span(doc, e.start, e.end, label="EVENT")  # "WWDC": an occasion's acronym
               if defined.get(e.text) == "EVENT" and e.label_ in NAME_LABELS else e for e in ents]
        shouting_line: dict[int, bool] = {}
        amounts = [range(a, b) for a, b in money_spans(text)]
        for m in _WORD_IN_TEXT.finditer(text):
            word = m.group(0)
            if not is_acronym(word) or word in self.not_acronyms \
                    or word.casefold() in self.agencies \
                    or any(m.start() in r for r in amounts):  # "310 MLN DLRS"
                continue
            span = doc.char_span(m.start(), m.end())
            if span is None or len(span) != 1 or span.start in taken:
                continue
            start, end = line_bounds(text, m.start())
            if start not in shouting_line:
                shouting_line[start] = shouting(text[start:end])
            if shouting_line[start]:
                continue  # an all-caps headline: every word looks like an acronym
            label = defined.get(word)
            if label is None and len(word) >= 3:
                label = "ORG"
            if label is not None:
                out.append(Span(doc, span.start, span.end, label=label))
        return out

    # d
    def _consistent(self, doc: Doc, ents: list[Span], teams: set[str]) -> list[Span]:
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for e in ents:
            if e.label_ in NAME_LABELS:
                votes[_key(e.text)][e.label_] += 1
        person_last = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1}
        firsts = Counter(e[0].text for e in {e.text: e for e in ents
                                             if e.label_ == "PERSON" and len(e) > 1}.values())
        person_first = {w for w, n in firsts.items() if n == 1 and w.istitle()
                        and w.lower().rstrip(".") not in titles()}
        titled = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1
                  and e[0].lower_.rstrip(".") in self.courtesy}
        out = []
        for e in ents:
            label = e.label_
            if label in NAME_LABELS:
                if e.text in teams:
                    label = "ORG"
                elif len(e) == 1 and e.text in person_last:
                    label = "PERSON"
                elif len(e) == 1 and e.text in person_first and not is_country(e.text) \
                        and resolve_place(e.text) is None:
                    label = "PERSON"  # "Tamerlan" after "Tamerlan Tsarnaev", not a place
                elif label == "ORG" and e[-1].text in titled and all(t.is_title for t in e):
                    label = "PERSON"  # "Nicola Sturgeon" where the text says "Ms Sturgeon"
                else:
                    ranked = votes[_key(e.text)].most_common()
                    if len(ranked) > 1 and ranked[0][1] > ranked[1][1]:
                        label = ranked[0][0]
            out.append(e if label == e.label_ else Span(doc, e.start, e.end, label=label))
        return out

    # f
    def _present(self, doc: Doc, ents: list[Span], text: str) -> list[Span]:
        """Words for the present and its neighbours are dates the model often leaves out."""
        taken = taken_chars(ents)
        out = list(ents)
        for m in _PRESENT_WORDS.finditer(text):
            if not taken.intersection(range(m.start(), m.end())):
                span = doc.char_span(m.start(), m.end(), label="DATE")
                if span is not None:
                    out.append(span)
        return out

    # e
    def _propagate(self, doc: Doc, ents: list[Span], text: str) -> list[Span]:
        names = {e.text: e.label_ for e in ents
                 if e.label_ in NAME_LABELS and len(e.text) >= 3 and e.text[:1].isupper()}
        for e in ents:
            if e.label_ == "PERSON" and len(e) > 1 and len(e[-1].text) >= 3:
                names.setdefault(e[-1].text, "PERSON")
        if not names:
            return ents
        taken = taken_chars(ents)
        out = list(ents)
        for name in sorted(names, key=len, reverse=True):  # longer names first
            pos = text.find(name)
            while pos >= 0:
                end = pos + len(name)
                bounded = (pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] in "&_")) \
                    and (end == len(text) or not (text[end].isalnum() or text[end] in "&_"))
                if bounded and not taken.intersection(range(pos, end)):
                    span = doc.char_span(pos, end, label=names[name])
                    if span is not None:
                        out.append(span)
                        taken.update(range(pos, end))
                pos = text.find(name, end)
        return out


_LEADING_DET = {"the", "The", "THE"}
_SCORE_AFTER = re.compile(r"^\s+\d{1,3}(?:-\d{1,3})?(?:\s|$|,)")
_SCORE_PAIR = re.compile(r"[A-Za-z][A-Za-z.'’-]*\s+\d{1,3}(?:-\d{1,3})?\b")
_VERSUS_AFTER = re.compile(r"^\s+(?:v|vs\.?|versus|beat|beats|drew with|draw with|lost to|"
                           r"\d{1,2}-\d{1,2})\s+[A-Z]")
_VERSUS_BEFORE = re.compile(r"(?:\bv|\bvs\.?|\bversus|\bbeat|\bdrew with|\blost to|"
                            r"\d{1,2}-\d{1,2})\s+$")


_TABLE_ROW = re.compile(r"(?m)^([A-Z][A-Za-z.'’&-]*(?: [A-Z][A-Za-z.'’&-]*){0,3})"
                        r"(?= +\d+ +\d+ +[\d.]+)")
_INITIAL_NAME = re.compile(r"^(?:[A-Z]\.\s?){1,2}[A-Z][a-z]+(?:[-'][A-Za-z]+)?$")
_SPLIT_TOKENS = {"-", "–", "—", "(", ")", "/", "|", ":", ";"}


def _byline(ent: Span) -> bool:
    """Whether a name stands where an agency signs a story: in brackets, alone on its line,
    after "(c)", or as the text's last word."""
    text = ent.doc.text
    before = text[max(0, ent.start_char - 12):ent.start_char]
    after = text[ent.end_char:ent.end_char + 12]
    line_start, line_end = line_bounds(text, ent.start_char)
    return (before.rstrip().endswith(("(", "©", "(c)")) and after.lstrip()[:1] in (")", "")
            or not text[line_start:ent.start_char].strip() and not text[ent.end_char:line_end]
            .strip(" .")
            or not text[ent.end_char:].strip(" .\n\x03"))


def _split(ent: Span) -> list[Span]:
    """Two names glued together by a score, a dash or a bracket are two entities; a date
    that runs over a dateline's dash into the story ("March 2 - American Motors Corp") ends
    at the dash, and what follows is an organisation when it ends with a company suffix."""
    if ent.label_ in ("DATE", "TIME"):
        return _dateline_date(ent)
    if ent.label_ not in NAME_LABELS or len(ent) < 3:
        return [ent]
    parts: list[Span] = []
    start = ent.start
    doc = ent.doc
    for tok in ent[1:-1]:
        spaced = bool(doc[tok.i - 1].whitespace_) and bool(tok.whitespace_)
        if (tok.text in _SPLIT_TOKENS and spaced) or tok.like_num:
            if tok.i > start:
                parts.append(Span(ent.doc, start, tok.i, label=ent.label_))
            start = tok.i + 1
    if start == ent.start:
        return [ent]
    parts.append(Span(ent.doc, start, ent.end, label=ent.label_))
    return [p for p in parts if p.text[:1].isupper()]


def _dateline_date(ent: Span) -> list[Span]:
    doc = ent.doc
    for tok in ent[1:-1]:
        if tok.text in _DASHES and doc[tok.i + 1].is_title:
            out = [Span(doc, ent.start, tok.i, label=ent.label_)]
            if doc[ent.end - 1].text.rstrip(".") in company_suffixes() and all(
                    t.is_title or t.is_upper for t in doc[tok.i + 1:ent.end]):
                out.append(Span(doc, tok.i + 1, ent.end, label="ORG"))
            return out
    return [ent]


_DASHES = frozenset({"-", "--", "–", "—"})


def _mend(ent: Span, tail_words: frozenset[str]) -> Span | None:
    """An entity without a leading "the", a trailing possessive, score or function word
    ("Group of"), or a line break; a name ends before an unmatched "(" ("Tara (Total ...")
    and starts after an unmatched ")"; a single letter after "X and" takes them in ("LL and
    E Royalty Trust", where the model saw "E Royalty Trust")."""
    start, end = ent.start, ent.end
    doc = ent.doc
    for i in range(start, end):  # never across a line break
        if "\n" in doc[i].text or (i < end - 1 and "\n" in doc[i].whitespace_):
            end = i if "\n" in doc[i].text else i + 1
            break
    if ent.label_ in NAME_LABELS:
        start, end = _brackets(doc, start, end)
        while start < end and doc[start].text in _LEADING_DET:
            start += 1
        while end > start and (doc[end - 1].text in ("'s", "’s", "'", "’")
                               or doc[end - 1].like_num or doc[end - 1].is_punct
                               or doc[end - 1].lower_ in tail_words):
            end -= 1
        if end - start > 1 and start >= 2 and len(doc[start].text) == 1 \
                and doc[start].is_upper and doc[start - 1].lower_ in ("and", "&") \
                and doc[start - 2].is_upper and "\n" not in doc[start - 2].whitespace_:
            start -= 2
    if end <= start:
        return None
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=ent.label_)


def _brackets(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """``start, end`` narrowed to one side of an unmatched bracket."""
    depth = 0
    for i in range(start, end):
        if doc[i].text == "(":
            depth += 1
        elif doc[i].text == ")":
            if depth == 0:
                return _brackets(doc, i + 1, end)  # "Monetary) Fund": after it
            depth -= 1
    if depth:
        opened = max(i for i in range(start, end) if doc[i].text == "(")
        return start, opened  # "Tara (Total Abstract": before it
    return start, end


#: an amount written as a name ("280bn", "5.5m", "950p"): never a name
_AMOUNT = re.compile(r"^[\d.,]+\s?(?:bn|m|mn|mln|k|p|pc|tn|trn)$")


_PRESENT_WORDS = re.compile(r"\b(?:now|currently|today|tonight|yesterday|tomorrow|"
                            r"at present|presently|nowadays|FY\s?'?\d{2,4}(?:/\d{2,4})?|"
                            r"fiscal(?: year)? \d{4}(?:/\d{2,4})?)(?![\w/])", re.I)


def doc_prev_is_boundary(ent: Span) -> bool:
    """True when the token before ``ent`` ends a sentence or a line."""
    prev = ent.doc[ent.start - 1]
    return prev.text in {".", "!", "?", ":", "\"", "“", "-", "—"} or "\n" in prev.text \
        or prev.is_space or "\n" in prev.whitespace_


def _key(text: str) -> str:
    """What the mentions of one name share within a document: its cleaned name."""
    return clean_name(text)


