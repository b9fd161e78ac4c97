"""The NER post-processor on hand-built Docs: no statistical model is loaded."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from pipeline.nlp.fixer import EntityFixer, _rules
from pipeline.nlp.model import decase


@pytest.fixture(scope="module")
def fixer() -> EntityFixer:
    return EntityFixer(_rules())


def _doc(words: list[str], ents: list[tuple[int, int, str]], spaces: list[bool] | None = None
         ) -> Doc:
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def _labels(doc: Doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


@pytest.mark.parametrize("word,label", [("AI", "GPE"), ("AI", "ORG"), ("Read more", "ORG")])
def test_ner_junk_is_dropped(fixer: EntityFixer, word: str, label: str) -> None:
    words = ["Learn", *word.split(), "today", "."]
    doc = fixer(_doc(words, [(1, 1 + len(word.split()), label)]))
    assert word not in [e.text for e in doc.ents]


@pytest.mark.parametrize("n", [1])
def test_ner_recovers_acronyms(fixer: EntityFixer, n: int) -> None:
    doc = fixer(_doc(["Officials", "at", "CNIL", "said", "the", "CEO", "left", "."], []))
    assert _labels(doc) == [("CNIL", "ORG")][:n]


@pytest.mark.parametrize("n", [0])
def test_ner_no_acronyms_in_all_caps_headlines(fixer: EntityFixer, n: int) -> None:
    doc = fixer(_doc(["SOCCER", "-", "LEEDS", "GET", "LUCKY", "WIN", "AGAINST", "RIVALS"], []))
    assert len(doc.ents) == n


@pytest.mark.parametrize("n", [3])
def test_ner_defined_acronym_takes_long_form_label(fixer: EntityFixer, n: int) -> None:
    words = ["the", "HM", "Revenue", "&", "Customs", "(", "HMRC", ")", "said", ";", "HMRC",
             "agreed", "."]
    spaces = [True, True, True, True, True, False, False, True, False, True, True, False, False]
    doc = fixer(_doc(words, [(1, 5, "ORG")], spaces))
    assert _labels(doc) == [("HM Revenue & Customs", "ORG"), ("HMRC", "ORG"), ("HMRC", "ORG")]
    assert len(doc.ents) == n


@pytest.mark.parametrize("n", [3])
def test_ner_repeated_name_gets_one_label(fixer: EntityFixer, n: int) -> None:
    words = ["Acme", "grew", ".", "Acme", "hired", ".", "Acme", "sold", "."]
    doc = fixer(_doc(words, [(0, 1, "ORG"), (3, 4, "PERSON"), (6, 7, "ORG")]))
    assert _labels(doc) == [("Acme", "ORG")] * n


@pytest.mark.parametrize("n", [2])
def test_ner_surname_alone_is_the_person(fixer: EntityFixer, n: int) -> None:
    words = ["Spencer", "Cox", "spoke", ".", "Cox", "left", "."]
    doc = fixer(_doc(words, [(0, 2, "PERSON"), (4, 5, "ORG")]))
    assert _labels(doc) == [("Spencer Cox", "PERSON"), ("Cox", "PERSON")][:n]


@pytest.mark.parametrize("n", [2])
def test_ner_propagates_a_recognised_name(fixer: EntityFixer, n: int) -> None:
    words = ["Huawei", "won", ".", "Then", "Huawei", "lost", "."]
    doc = fixer(_doc(words, [(0, 1, "ORG")]))
    assert _labels(doc) == [("Huawei", "ORG")] * n


@pytest.mark.parametrize("words,ents,expected", [
    (["Leeds", "2", "Chelsea", "1"], [(0, 1, "GPE"), (2, 3, "GPE")],
     [("Leeds", "ORG"), ("Chelsea", "ORG")]),
    (["Japan", "2", "China", "1"], [(0, 1, "GPE"), (2, 3, "GPE")],
     [("Japan", "GPE"), ("China", "GPE")]),
])
def test_ner_towns_in_results_are_teams_countries_stay(fixer: EntityFixer, words: list[str],
                                                         ents: list[tuple[int, int, str]],
                                                         expected: list[tuple[str, str]]) -> None:
    assert _labels(fixer(_doc(words, ents))) == expected


@pytest.mark.parametrize("words,ents,expected", [
    (["the", "Commerce", "Department", "'s", "report"], [(0, 4, "ORG")],
     [("Commerce Department", "ORG")]),
])
def test_ner_trims_determiners_and_possessives(fixer: EntityFixer, words: list[str],
                                               ents: list[tuple[int, int, str]],
                                               expected: list[tuple[str, str]]) -> None:
    assert _labels(fixer(_doc(words, ents))) == expected


@pytest.mark.parametrize("text,expected", [
    ("SOCCER - JAPAN WIN\nNormal line.", "Soccer - Japan Win\nNormal line."),
    ("Nothing shouting here.", "Nothing shouting here."),
])
def test_ner_decase_keeps_offsets(text: str, expected: str) -> None:
    out = decase(text)
    assert out == expected and len(out) == len(text)


@pytest.mark.parametrize("words,ents,expected", [
    (["The", "Beatles", "sued", "."], [(1, 2, "PERSON")], [("Beatles", "ORG")]),
    (["Beatles", "sued", "."], [(0, 1, "PERSON")], [("Beatles", "PERSON")]),
])
def test_ner_plural_person_after_the_is_a_group(fixer: EntityFixer, words: list[str],
                                                ents: list, expected: list) -> None:
    assert _labels(fixer(_doc(words, ents))) == expected


@pytest.mark.parametrize("text,agency,kept", [
    ("LONDON (Reuters) - Shell rose.", "Reuters", False),
    ("Shell rose.\nReuter", "Reuter", False),
    ("Reuters said it would cut jobs.", "Reuters", True),
])
def test_ner_agency_byline_is_no_actor(fixer: EntityFixer, text: str, agency: str,
                                       kept: bool) -> None:
    nlp = spacy.blank("en")
    doc = nlp(text)
    start = text.index(agency)
    doc.ents = [doc.char_span(start, start + len(agency), label="ORG")]
    assert (agency in [e.text for e in fixer(doc).ents]) == kept


@pytest.mark.parametrize("text,ents,kept", [
    ("CHEMLAWN CORP SAID IT WOULD SELL\nChemlawn Corp said on Monday it would sell.",
     [(0, 18, "ORG")], [(0, 13, "ORG")]),
    ("GLICKMAN PUSHES HARD FOR TALKS\nThe minister said talks would resume.",
     [(0, 20, "PERSON")], []),
    ("GLICKMAN PUSHES HARD FOR TALKS", [(0, 20, "PERSON")], [(0, 20, "PERSON")]),
])
def test_ner_headline_name_kept_only_if_the_story_names_it(text: str, ents: list,
                                                           kept: list) -> None:
    from pipeline.nlp.model import headline_names

    assert headline_names(text, ents) == kept


@pytest.mark.parametrize("words,ents,expected", [
    # no letter, or an amount: no name
    (["at", "8:11.22", "on", "Sunday"], [(1, 2, "PERSON")], []),
    (["costs", "rose", "280bn", "last", "year"], [(2, 3, "PERSON")], []),
    # a function word that ends a name: it was cut off
    (["the", "Group", "of", "Seven", "met"], [(0, 3, "ORG")], [("Group", "ORG")]),
    # an unmatched bracket ends or starts the name
    # a single letter after "X and" takes them in
    (["LL", "and", "E", "Royalty", "Trust", "said"], [(2, 5, "ORG")],
     [("LL and E Royalty Trust", "ORG")]),
    # a courtesy title makes a person; an acronym alone is no person
    (["Mr", "Ebbers", "resigned"], [(0, 2, "ORG")], [("Mr Ebbers", "PERSON")]),
    (["JPN", "shares", "rose"], [(0, 1, "PERSON")], [("JPN", "GPE")]),
    (["XQZ", "shares", "rose"], [(0, 1, "PERSON")], [("XQZ", "ORG")]),
    # a region before an institution word is that body, not the country
    (["the", "Scottish", "Executive", "said"], [(1, 2, "NORP")],
     [("Scottish Executive", "ORG")]),
    (["the", "French", "Government", "said"], [(1, 2, "NORP")], [("French", "NORP")]),
])
def test_ner_names_that_are_no_names_or_cut_off(fixer: EntityFixer, words: list[str],
                                                ents: list[tuple[int, int, str]],
                                                expected: list[tuple[str, str]]) -> None:
    assert _labels(fixer(_doc(words, ents))) == expected


def test_ner_amount_words_are_no_acronyms(fixer: EntityFixer) -> None:
    doc = fixer(_doc(["It", "paid", "310", "MLN", "DLRS", "."], []))
    assert _labels(doc) == [("310 MLN DLRS", "MONEY")]


def test_ner_a_full_name_is_the_person_its_titled_surname_is(fixer: EntityFixer) -> None:
    words = ["Nicola", "Sturgeon", "spoke", ".", "Ms", "Sturgeon", "left", "."]
    doc = fixer(_doc(words, [(0, 2, "ORG"), (4, 6, "PERSON")]))
    assert _labels(doc) == [("Nicola Sturgeon", "PERSON"), ("Ms Sturgeon", "PERSON")]


@pytest.mark.parametrize("words,spaces,expected", [
    (["Tara", "(", "Total", "Abstract", "Rendering", ")", "works"],
     [True, False, True, True, False, True, False], [("Tara", "ORG")]),
    (["International", "Monetary", ")", "Fund", "said"], [True, False, True, True, False],
     [("Fund", "ORG")]),
])
def test_ner_an_unmatched_bracket_ends_or_starts_a_name(fixer: EntityFixer, words: list[str],
                                                        spaces: list[bool],
                                                        expected: list[tuple[str, str]]) -> None:
    assert _labels(fixer(_doc(words, [(0, 4, "ORG")], spaces))) == expected


@pytest.mark.parametrize("words,ents,expected", [
    (["at", "the", "Global", "Developers", "Conference", "."], [(2, 5, "ORG")],
     [("Global Developers Conference", "EVENT")]),
    (["after", "the", "Berlin", "Marathon", "."], [(2, 4, "PERSON")],
     [("Berlin Marathon", "EVENT")]),
    (["shares", "of", "Epic", "Games", "rose"], [(2, 4, "ORG")], [("Epic Games", "ORG")]),
])
def test_ner_the_name_of_an_occasion_is_an_event(fixer: EntityFixer, words: list[str],
                                                 ents: list[tuple[int, int, str]],
                                                 expected: list[tuple[str, str]]) -> None:
    """A conference, a summit, a marathon is an occasion, never an actor; "Games" and "Fair"
    end companies' names too and are left as the model tagged them."""
    assert _labels(fixer(_doc(words, ents))) == expected


@pytest.mark.parametrize("words,ents,expected", [
    (["Rustam", "Valiev", "spoke", ".", "Rustam", "left", "."], [(0, 2, "PERSON"), (4, 5, "GPE")],
     [("Rustam Valiev", "PERSON"), ("Rustam", "PERSON")]),
    # a place keeps its label: "Jordan" is a country too
    (["Jordan", "Henderson", "spoke", ".", "Jordan", "left", "."],
     [(0, 2, "PERSON"), (4, 5, "GPE")], [("Jordan Henderson", "PERSON"), ("Jordan", "GPE")]),
    # two full names begin with it: no guess
    (["Anna", "Berg", "and", "Anna", "Lind", "met", ".", "Anna", "left", "."],
     [(0, 2, "PERSON"), (3, 5, "PERSON"), (7, 8, "ORG")],
     [("Anna Berg", "PERSON"), ("Anna Lind", "PERSON"), ("Anna", "ORG")]),
])
def test_ner_a_given_name_alone_is_the_person(fixer: EntityFixer, words: list[str],
                                              ents: list[tuple[int, int, str]],
                                              expected: list[tuple[str, str]]) -> None:
    """A given name alone is a person where one full name of the document begins with it."""
    assert _labels(fixer(_doc(words, ents))) == expected


def test_ner_the_acronym_of_an_occasion_is_an_event(fixer: EntityFixer) -> None:
    """"the Acme Global Developers Conference (GDC)": the model's ORG "GDC" names the
    occasion its long form names, even where the long form has a word before it."""
    words = ["at", "the", "Acme", "Global", "Developers", "Conference", "(", "GDC", ")", "."]
    spaces = [True, True, True, True, True, True, False, False, False, False]
    doc = fixer(_doc(words, [(2, 6, "ORG"), (7, 8, "ORG")], spaces))
    assert _labels(doc) == [("Acme Global Developers Conference", "EVENT"), ("GDC", "EVENT")]
