"""Products the NER took for organisations or people, on hand-parsed Docs (no model)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from pipeline.nlp.products import organisation_cue, product_cue, relabel_products

_LEMMAS = {"is": "be", "released": "release", "users": "user", "engineers": "engineer",
           "said": "say"}


def _doc(rows: list[tuple[str, int, str, str, str]], ents: list[tuple[int, int, str]]
         ) -> tuple[Doc, list[Span]]:
    """``rows``: (word, head index, dep, POS, tag); lemmas are the lower-cased words ("is":
    "be", "released": "release")."""
    words = [r[0] for r in rows]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=[r[1] for r in rows],
              deps=[r[2] for r in rows], pos=[r[3] for r in rows], tags=[r[4] for r in rows],
              lemmas=[_LEMMAS.get(w, w.lower()) for w in words])
    return doc, [Span(doc, s, e, label=label) for s, e, label in ents]


# "Zentec launched the Orbix, a tablet computer."
_APPOSITION = [("Zentec", 1, "nsubj", "PROPN", "NNP"), ("launched", 1, "ROOT", "VERB", "VBD"),
               ("the", 3, "det", "DET", "DT"), ("Orbix", 1, "dobj", "PROPN", "NNP"),
               (",", 3, "punct", "PUNCT", ","), ("a", 7, "det", "DET", "DT"),
               ("tablet", 7, "compound", "NOUN", "NN"), ("computer", 3, "appos", "NOUN", "NN"),
               (".", 1, "punct", "PUNCT", ".")]


def test_products_in_apposition_to_a_kind_of_product() -> None:
    doc, ents = _doc(_APPOSITION, [(0, 1, "ORG"), (3, 4, "ORG")])
    assert product_cue(ents[1]) and not product_cue(ents[0])
    assert [e.label_ for e in relabel_products(doc, ents)] == ["ORG", "PRODUCT"]


def test_products_what_a_copula_says_it_is() -> None:
    # "Orbix is a mobile phone."
    doc, ents = _doc([("Orbix", 1, "nsubj", "PROPN", "NNP"), ("is", 1, "ROOT", "AUX", "VBZ"),
                      ("a", 4, "det", "DET", "DT"), ("mobile", 4, "amod", "ADJ", "JJ"),
                      ("phone", 1, "attr", "NOUN", "NN")], [(0, 1, "PERSON")])
    assert [e.label_ for e in relabel_products(doc, ents)] == ["PRODUCT"]


def test_products_not_the_user_of_a_vehicle() -> None:
    # "They flew in an RAF transport plane.": the RAF uses the plane, it is no product
    doc, ents = _doc([("They", 1, "nsubj", "PRON", "PRP"), ("flew", 1, "ROOT", "VERB", "VBD"),
                      ("in", 1, "prep", "ADP", "IN"), ("an", 6, "det", "DET", "DT"),
                      ("RAF", 6, "compound", "PROPN", "NNP"),
                      ("transport", 6, "compound", "NOUN", "NN"),
                      ("plane", 2, "pobj", "NOUN", "NN")], [(4, 5, "ORG")])
    assert [e.label_ for e in relabel_products(doc, ents)] == ["ORG"]


def test_products_an_organisation_anywhere_in_the_document_stays_one() -> None:
    # "Orbix, a tablet computer maker, said ..." is written as someone: no product
    doc, ents = _doc([("Orbix", 5, "nsubj", "PROPN", "NNP"), (",", 0, "punct", "PUNCT", ","),
                      ("a", 4, "det", "DET", "DT"), ("computer", 4, "compound", "NOUN", "NN"),
                      ("maker", 0, "appos", "NOUN", "NN"), ("said", 5, "ROOT", "VERB", "VBD")],
                     [(0, 1, "PRODUCT")])
    assert organisation_cue(ents[0]) and not product_cue(ents[0])
    assert [e.label_ for e in relabel_products(doc, ents)] == ["ORG"]


def test_products_a_product_tag_without_a_mark_takes_the_names_other_label() -> None:
    # "Tsarnaev fled. Police sought Tsarnaev.": the model's PRODUCT once, PERSON once
    doc, ents = _doc([("Tsarnaev", 1, "nsubj", "PROPN", "NNP"), ("fled", 1, "ROOT", "VERB", "VBD"),
                      ("Police", 3, "nsubj", "NOUN", "NNS"), ("sought", 3, "ROOT", "VERB", "VBD"),
                      ("Tsarnaev", 3, "dobj", "PROPN", "NNP")],
                     [(0, 1, "PRODUCT"), (4, 5, "PERSON")])
    assert [e.label_ for e in relabel_products(doc, ents)] == ["PERSON", "PERSON"]


def _released(name: str, label: str) -> tuple[Doc, list[Span]]:
    # "Zentec released <name>."
    return _doc([("Zentec", 1, "nsubj", "PROPN", "NNP"), ("released", 1, "ROOT", "VERB", "VBD"),
                 (name, 1, "dobj", "PROPN", "NNP"), (".", 1, "punct", "PUNCT", ".")],
                [(0, 1, "ORG"), (2, 3, label)])


def test_products_what_is_put_on_the_market() -> None:
    """The object of "released", "launched", "unveiled" tagged an organisation is a product;
    a person's name never ("police released Smith"), nor the subject."""
    doc, ents = _released("Orbix", "ORG")
    assert product_cue(ents[1]) and not product_cue(ents[0])
    assert [e.label_ for e in relabel_products(doc, ents)] == ["ORG", "PRODUCT"]
    doc, ents = _released("Smith", "PERSON")
    assert [e.label_ for e in relabel_products(doc, ents)] == ["ORG", "PERSON"]


def test_products_users_and_owners_mark_no_organisation() -> None:
    """"Orbix users" says who uses a thing, not that Orbix is a company (where "Orbix
    engineers" does)."""
    rows = [("Orbix", 1, "compound", "PROPN", "NNP"), ("users", 2, "nsubj", "NOUN", "NNS"),
            ("complained", 2, "ROOT", "VERB", "VBD")]
    assert not organisation_cue(_doc(rows, [(0, 1, "ORG")])[1][0])
    rows[1] = ("engineers", 2, "nsubj", "NOUN", "NNS")
    assert organisation_cue(_doc(rows, [(0, 1, "ORG")])[1][0])


def test_products_a_place_no_gazetteer_knows_that_speaks_is_an_organisation() -> None:
    """"Zentec said" with Zentec tagged GPE: no gazetteer knows the place and the text writes
    it as someone's, so it is an organisation; "Paris said" stays a place (a capital acting
    for its government is the events' business)."""
    for name, label in (("Zentec", "ORG"), ("Paris", "GPE")):
        doc, ents = _doc([(name, 1, "nsubj", "PROPN", "NNP"), ("said", 1, "ROOT", "VERB", "VBD"),
                          ("so", 1, "advmod", "ADV", "RB")], [(0, 1, "GPE")])
        assert [e.label_ for e in relabel_products(doc, ents)] == [label]
