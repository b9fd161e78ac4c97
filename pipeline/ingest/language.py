"""Stage 1e: the language of an article (py3langid: langid.py's model for 97 languages, shipped
in its wheel; nothing is downloaded).

Only English goes to the English model by default: a German or Portuguese article through it
gives its words as organisations ("Estados Unidos", "Irão"). A text too short to tell, or one
the identifier is unsure of, counts as English (``""`` is "not identified"), so a headline-only
record is not lost. A sample whose running words are a third English function words is English
without asking the identifier (``models/english.json``; a tenth of its cost).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..config import Tuning
from ..lexicon.tables import from_tables, read_json

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")

#: the languages the English model is for
ENGLISH = ("en", "")


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, tuning: Tuning | None = None) -> str:
    """The ISO 639-1 code of a text's language, or ``""`` when it cannot be told: from its
    first ``sample_chars`` characters (the identifier's cost grows with the text), when they
    hold ``min_letters`` letters and the identifier is ``min_probability`` sure.

    >>> detect_language("The central bank raised interest rates again on Thursday, citing "
    ...                 "persistent inflation in services.")
    'en'
    >>> detect_language("Die Zentralbank hat die Zinsen am Donnerstag erneut erhöht und "
    ...                 "verweist auf die hartnäckige Inflation.")
    'de'
    >>> detect_language("Fed hikes")
    ''
    """
    t = tuning or Tuning.defaults()
    sample = text[:t.sample_chars]
    if sum(c.isalpha() for c in sample) < t.min_letters:
        return ""
    if sample.isupper():  # wire headlines in capitals read as another language
        sample = sample.lower()
    if _plainly_english(sample):
        return "en"
    lang, prob = _identifier().classify(sample)
    return str(lang) if prob >= t.min_probability else ""


@from_tables()
def _english() -> tuple[frozenset[str], int, float, int]:
    d = read_json("english.json")
    return (frozenset(d["function_words"]), int(d["min_words"]), float(d["min_share"]),
            int(d["min_distinct"]))


def _plainly_english(sample: str) -> bool:
    """Whether a third of a sample's running words are English function words, of ten kinds
    at least."""
    words, min_words, share, distinct = _english()
    found = _WORD.findall(sample.lower())
    if len(found) < min_words:
        return False
    hits = [w for w in found if w in words]
    return len(hits) >= share * len(found) and len(set(hits)) >= distinct


def is_english(language: str) -> bool:
    """Whether an article of this language goes to the English model by default."""
    return language in ENGLISH
