"""Stage 2, NLP: the spaCy pipelines (the only package that imports spaCy). NER with the
rules around it (:class:`Recognizer`), and, in the same pass, dependency parses as plain
:class:`~pipeline.types.Tok` values.
"""

from .model import DEFAULT_MODEL, Ent, Recognizer, Sentences, decase, load

__all__ = ["DEFAULT_MODEL", "Ent", "Recognizer", "Sentences", "decase", "load"]
