"""The WordNet tables several stages read (``models/wordnet_*.tsv``, made once by
``scripts/build_wordnet.py``): a noun's class, a verb's class, the nouns of kinds of product.

>>> noun_classes()["victim"], verb_classes()["say"], "computer" in product_nouns()
('person', 'communication', True)
"""

from __future__ import annotations

from .tables import from_tables, read_tsv


@from_tables()
def noun_classes() -> dict[str, str]:
    """A noun's class, the lexicographer file of its most frequent sense (``person``,
    ``artifact``, ``group``, ...); two-word compounds are written with a space."""
    return {row["noun"]: row["class"] for row in read_tsv("wordnet_nouns.tsv")}


@from_tables()
def verb_classes() -> dict[str, str]:
    """A verb's class, the lexicographer file of its first sense (``communication``, ...)."""
    return {row["verb"]: row["class"] for row in read_tsv("wordnet_verbs.tsv")}


@from_tables()
def product_nouns() -> frozenset[str]:
    """The nouns of kinds of product: a device, a machine, a vehicle, software, a drug."""
    return frozenset(row["noun"] for row in read_tsv("wordnet_products.tsv"))
