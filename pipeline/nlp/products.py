"""Products the NER took for organisations or people, told apart by how the text writes them.

The small model tags "iPod", "the iMac", "Safari" ORG or PERSON as often as PRODUCT, and
tags companies PRODUCT now and then. A name is a product in a document when the text writes
it as one (:func:`product_cue`) and never as an organisation (:func:`organisation_cue`):

* a product: the name with a noun of a kind of product (WordNet's devices, machines,
  vehicles, software, drugs: ``models/wordnet_products.tsv``), singular, in apposition ("X,
  a notebook computer", "the operating system X") or as what it is ("X is a mobile phone"),
  not as a compound ("an RAF transport plane", "a Ryder truck" name who uses or makes it);
  or, not tagged a person, as the object of a verb of putting on the market ("Apple released
  X": ``product_verbs`` of ``models/ner_rules.json``);
* an organisation: a legal form ("X Inc."), a person or group noun in apposition or compound
  ("X, a leader in ...", "the X group"; not a consumer noun: "X users" may be a product's),
  the owner of a person ("X's chief executive"), a person's employer ("the head of X", "a
  spokesman at X"), the subject of a verb of speech or thought ("X said", "X believes").

Every mention of such a name in the document becomes a PRODUCT; a mention tagged PRODUCT
of a name with no product's mark takes the name's other label in the document, or ORG where
the text writes it as an organisation's; the folder then gives each name the commoner of its
kinds (:class:`~pipeline.identity.folder.FolderNames`). A name tagged a place that no
gazetteer knows and that the text writes as an organisation ("Cisco states") is an
organisation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

from spacy.tokens import Doc, Span, Token

from ..identity.names import clean_name, strip_suffix
from ..lexicon.countries import resolve_place
from ..lexicon.tables import from_tables, read_json
from ..lexicon.wordnet import noun_classes, product_nouns, verb_classes

#: the labels a product may have been given
_NAME_LABELS = frozenset({"ORG", "PERSON", "PRODUCT"})
#: the classes of noun that make a name an organisation's (or a person's)
_AGENT_CLASSES = frozenset({"person", "group"})
#: the classes of verb whose subject is someone (speech, thought)
_AGENT_VERBS = frozenset({"communication", "cognition"})
#: the relations that write a noun in apposition to a name or as its modifier
_BESIDE = frozenset({"appos", "compound", "nmod"})


@from_tables()
def product_verbs() -> frozenset[str]:
    """Verbs whose object is a product put on the market (``models/ner_rules.json``)."""
    return frozenset(read_json("ner_rules.json")["product_verbs"])


@from_tables()
def consumer_nouns() -> frozenset[str]:
    """People nouns that say who uses or buys a thing: they mark no organisation ("iPod
    users"; ``models/ner_rules.json``)."""
    return frozenset(read_json("ner_rules.json")["consumer_nouns"])


def _kind_noun(t: Token) -> str:
    """``product`` or ``agent`` for a common noun of a kind of product or of someone."""
    if t.pos_ != "NOUN":
        return ""
    lemma = t.lemma_.lower()
    if t.tag_ == "NN" and (lemma in product_nouns() or any(
            f"{c.lower_} {lemma}" in product_nouns() for c in t.lefts
            if c.dep_ in ("compound", "amod"))):
        return "product"  # "a computer", "a mobile phone"
    if noun_classes().get(lemma) in _AGENT_CLASSES:
        return "agent"
    return ""


def _nouns_beside(e: Span, deps: Collection[str] = _BESIDE) -> list[Token]:
    """The common nouns written with a name by one of ``deps``: its head when the name
    modifies it or stands in apposition to it, its own modifiers and appositions outside
    it, and (``attr``) what a copula says it is ("X is a mobile phone")."""
    root = e.root
    out = [c for c in root.children if c.dep_ in deps and not e.start <= c.i < e.end]
    if root.dep_ in deps and not e.start <= root.head.i < e.end:
        out.append(root.head)
    if "attr" in deps and root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ == "be":
        out += [c for c in root.head.children if c.dep_ == "attr"]
    return out


def product_cue(e: Span) -> bool:
    """Whether the text writes the name as a product ("X, a notebook computer"): in
    apposition or as what it is, not as a compound ("an RAF transport plane", "a Ryder truck"
    name who uses or makes it); or, a name not tagged a person, as what is put on the market
    ("Apple released Tiger": ``product_verbs`` of ``models/ner_rules.json``)."""
    root = e.root
    if e.label_ != "PERSON" and root.dep_ in ("dobj", "nsubjpass") \
            and root.head.lemma_.lower() in product_verbs():
        return True
    return any(_kind_noun(t) == "product" for t in _nouns_beside(e, ("appos", "attr")))


def organisation_cue(e: Span) -> bool:
    """Whether the text writes the name as someone's (an organisation's, a person's)."""
    name = clean_name(e.text)
    if strip_suffix(name) != name:
        return True  # "Apple Inc."
    if any(_kind_noun(t) == "agent" and t.lemma_.lower() not in consumer_nouns()
           for t in _nouns_beside(e)):
        return True  # "Cisco, a leader in ...", not "iPod users"
    root = e.root
    head = root.head
    if root.dep_ == "poss" and _kind_noun(head) == "agent":
        return True  # "Apple's chief executive"
    if root.dep_ == "pobj" and head.lower_ in ("of", "at") and _kind_noun(head.head) == "agent":
        return True  # "the head of Apple"
    return root.dep_ == "nsubj" and head.pos_ == "VERB" and \
        verb_classes().get(head.lemma_.lower()) in _AGENT_VERBS  # "Apple said"


def _key(e: Span) -> str:
    return strip_suffix(clean_name(e.text)).casefold()


def relabel_products(doc: Doc, ents: list[Span]) -> list[Span]:
    """The entities with the products of the document labelled PRODUCT (see the module
    docstring); the document must be parsed."""
    product: Counter[str] = Counter()
    agent: Counter[str] = Counter()
    labels: dict[str, Counter[str]] = {}
    for e in ents:
        if e.label_ in _NAME_LABELS:
            key = _key(e)
            product[key] += product_cue(e)
            agent[key] += organisation_cue(e)
            labels.setdefault(key, Counter())[e.label_] += 1
    speaks = {_key(e) for e in ents if e.label_ == "GPE" and organisation_cue(e)
              and resolve_place(e.text) is None}
    out = []
    for e in ents:
        label = e.label_
        if label == "GPE" and _key(e) in speaks:
            label = "ORG"  # "Cisco sues", "Cisco states": a place no gazetteer knows that acts
        elif label in _NAME_LABELS:
            key = _key(e)
            if product[key] and not agent[key]:
                label = "PRODUCT"
            elif label == "PRODUCT" and not product[key]:
                # a product with no product's mark: the commoner of the name's other labels
                # in the document ("Dzhokhar Tsarnaev" a person twice), an organisation where
                # the text writes it as one
                other = [x for x in labels[key].most_common() if x[0] != "PRODUCT"]
                label = other[0][0] if other else "ORG" if agent[key] else label
        out.append(e if label == e.label_ else Span(doc, e.start, e.end, label=label))
    return out
