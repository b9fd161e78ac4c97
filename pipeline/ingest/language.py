"""Stage 1e: the language of an article (py3langid: langid.py's model for 97 languages, shipped
in its wheel; nothing is downloaded).

Only English goes to the English model by default: a German or Portuguese article through it
gives its words as organisations ("Estados Unidos", "Irão"). A text too short to tell, or one
the identifier is unsure of, counts as English (``""`` is "not identified"), so a headline-only
record is not lost.
"""

from __future__ import annotations

from functools import cache
from typing import Any

#: the languages the English model is for
ENGLISH = ("en", "")
#: letters needed before the identifier is trusted, and the share of its vote it needs
MIN_LETTERS = 40
MIN_PROBABILITY = 0.9
#: enough of an article to tell its language (the identifier's cost grows with the text)
SAMPLE_CHARS = 1000


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of a text's language, or ``""`` when it cannot be told.

    >>> detect_language("The central bank raised interest rates again on Thursday, citing "
    ...                 "persistent inflation in services.")
    'en'
    >>> detect_language("Die Zentralbank hat die Zinsen am Donnerstag erneut erhöht und "
    ...                 "verweist auf die hartnäckige Inflation.")
    'de'
    >>> detect_language("Fed hikes")
    ''
    """
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return ""
    if sample.isupper():  # wire headlines in capitals read as another language
        sample = sample.lower()
    lang, prob = _identifier().classify(sample)
    return str(lang) if prob >= MIN_PROBABILITY else ""


def is_english(language: str) -> bool:
    """Whether an article of this language goes to the English model by default."""
    return language in ENGLISH
