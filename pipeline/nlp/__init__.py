"""Stage 2, NLP: the spaCy pipelines (the only package that imports spaCy). NER with the
rules around it (:class:`Recognizer`), and dependency parses (:func:`parse`) as plain
:class:`~pipeline.types.Tok` values.
"""

from .model import DEFAULT_MODEL, Ent, Recognizer, decase, load, parse

__all__ = ["DEFAULT_MODEL", "Ent", "Recognizer", "decase", "load", "parse"]
