"""Stage 2: the spaCy pipelines. The only modules that import spaCy are this one and
:mod:`pipeline.nlp.fixer`.

The statistical NER runs alone (in ``en_core_web_sm`` it has its own tok2vec, so the shared
tok2vec, tagger, parser and lemmatizer are not loaded). Around it, an ``entity_ruler``
*before* the NER marks organisation names and acronyms from the alias table in ``models/``
(the NER keeps entities that are already set), and the ``newsgraph_entities`` component
(:mod:`pipeline.nlp.fixer`) *after* it fixes what the model gets wrong. All-caps headlines and
datelines are title-cased for the model first (:func:`decase`; offsets unchanged).

spaCy objects never leave this package: :meth:`Recognizer.pipe` yields plain tuples and
:func:`parse` plain :class:`Tok` values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..config import Tuning
from ..identity.names import alias_table, clean_name
from ..lexicon.tables import from_tables
from ..settings import DEFAULT_MODEL, model_location
from ..types import Tok
from . import fixer  # noqa: F401  (registers the newsgraph_entities factory)
from .fixer import NAME_LABELS, line_bounds, shouting

#: components the NER does not need (en_core_web_sm's NER has its own tok2vec)
UNNEEDED = ["tagger", "parser", "attribute_ruler", "lemmatizer", "senter", "morphologizer"]
#: components the events do not need (the parser gives the sentences)
PARSE_UNNEEDED = ["senter", "morphologizer"]
K = TypeVar("K")
#: one recognised entity: (start char, end char, spaCy label)
Ent = tuple[int, int, str]


_SENTENCE_END = frozenset(".!?:;\"”’'")


@Language.component("newsgraph_lines", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """A blank line, or a line break after a sentence's end, starts a sentence: a headline
    and the first sentence of its story are never one sentence for the parser."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        gap = prev.whitespace_ if not prev.is_space else prev.text + prev.whitespace_
        if "\n" not in gap or tok.is_space:
            continue
        if "\n\n" in gap.replace(" ", "") or prev.text[-1:] in _SENTENCE_END:
            tok.is_sent_start = True
    return doc


@Language.component("newsgraph_ruler_guard", assigns=["doc.ents"])
def ruler_guard(doc: Doc) -> Doc:
    """A one-word known name that runs on into another capitalised word ("Apple Corps",
    "Fox News") is left to the statistical NER: the longer name is another body."""
    keep = []
    for e in doc.ents:
        nxt = doc[e.end] if e.end < len(doc) else None
        if len(e) == 1 and nxt is not None and nxt.is_title and not nxt.is_sent_start \
                and not e.text.isupper() and "\n" not in e[0].whitespace_:
            continue
        keep.append(e)
    if len(keep) != len(doc.ents):
        doc.ents = keep
    return doc


def _ruler_patterns() -> list[dict[str, Any]]:
    patterns = []
    for canonical, aliases in alias_table().items():
        for name in (canonical, *aliases):
            if len(name) >= 2:
                patterns.append({"label": "ORG", "pattern": name, "id": canonical})
    return patterns


@from_tables(maxsize=4)
def load(model: str = DEFAULT_MODEL, parse: bool = False, ner: bool = True) -> Language:
    """Load a spaCy pipeline once per process: the NER with the rules around it, and with
    ``parse`` also what the events need (tagger, parser, attribute ruler, lemmatizer); without
    ``ner``, the parse alone (events redone over stored mentions).

    ``model`` is an installed package name or a pipeline folder. Raises ``OSError`` with
    advice when it cannot be loaded.
    """
    exclude = PARSE_UNNEEDED if parse else UNNEEDED
    try:
        nlp = spacy.load(model_location(model), exclude=exclude if ner else [*exclude, "ner"])
    except OSError as exc:
        raise OSError(_not_loadable(model)) from exc
    if not parse and "tok2vec" in nlp.pipe_names and "ner" not in getattr(
            nlp.get_pipe("tok2vec"), "listening_components", []):
        nlp.remove_pipe("tok2vec")
    wanted = (("ner",) if ner else ()) + (("parser",) if parse else ())
    missing = [c for c in wanted if c not in nlp.pipe_names]
    if missing:
        raise OSError(f"spaCy model {model!r} has no {' or '.join(missing)} component")
    if parse:
        nlp.add_pipe("newsgraph_lines", before="parser")
    if ner:
        ruler = nlp.add_pipe("entity_ruler", name="newsgraph_ruler", before="ner",
                             config={"phrase_matcher_attr": "ORTH", "validate": False})
        ruler.add_patterns(_ruler_patterns())  # type: ignore[attr-defined]
        nlp.add_pipe("newsgraph_ruler_guard", after="newsgraph_ruler")
        nlp.add_pipe("newsgraph_entities", after="ner")
    return nlp


def _not_loadable(model: str) -> str:
    if "/" in model or "\\" in model or model.startswith("."):
        return (f"spaCy model folder {model!r} does not exist or holds no pipeline "
                f"(it needs a config.cfg and meta.json); check the path")
    return (f"spaCy model {model!r} is not installed: pip install it into the environment, "
            f"or pass --model with an installed pipeline package or a pipeline folder")


#: a parsed article: its sentences, each a list of tokens (offsets into the article)
Sentences = list[list[Tok]]


class Recognizer:
    """Runs the NER (and, with ``parse``, the dependency parse) over many texts.

    >>> rec = Recognizer()                                       # doctest: +SKIP
    >>> rec.entities("The EU fined Google.")                     # doctest: +SKIP
    [(4, 6, 'ORG'), (13, 19, 'ORG')]
    """

    def __init__(self, model: str = DEFAULT_MODEL, *, parse: bool = False,
                 ner: bool = True) -> None:
        self.model = model
        self.parse = parse
        self.nlp = load(model, parse, ner)

    def entities(self, text: str) -> list[Ent]:
        """Entities of one text as ``(start, end, label)``."""
        return headline_names(text, _ents(self.nlp(decase(text))))

    def pipe(self, items: Iterable[tuple[str, K]], *, n_process: int = 1,
             batch_size: int = 64) -> Iterator[tuple[K, list[Ent]]]:
        """Entities for ``(text, context)`` pairs, in order, with their context."""
        for ctx, ents, _ in self.analyse(items, n_process=n_process, batch_size=batch_size):
            yield ctx, ents

    def analyse(self, items: Iterable[tuple[str, K]], *, n_process: int = 1,
                batch_size: int = 64, tuning: Tuning | None = None
                ) -> Iterator[tuple[K, list[Ent], Sentences]]:
        """Entities and (with ``parse``) parsed sentences for ``(text, context)`` pairs. A
        text longer than ``piece_chars`` goes through the model in :func:`pieces` (so it can
        exceed neither spaCy's limit nor the memory), ``batch_chars`` of text to a spaCy
        batch (memory grows with the text in one batch; a 1.5 MB paragraph: 560 MB);
        offsets stay the text's."""
        t = tuning or Tuning.defaults()
        work = [(decase(piece), (text, ctx, offset, i == len(parts) - 1))
                for text, ctx in items for parts in [pieces(text, t.piece_chars)]
                for i, (offset, piece) in enumerate(parts)]
        if any(offset for _, (_, _, offset, _) in work):  # a text was cut
            batch_size = max(1, min(batch_size, t.batch_chars // t.piece_chars))
        ents: list[Ent] = []
        sents: Sentences = []
        for doc, (text, ctx, offset, last) in self.nlp.pipe(
                work, as_tuples=True, n_process=n_process, batch_size=batch_size):
            ents += [(s + offset, e + offset, label) for s, e, label in _ents(doc)]
            if self.parse:
                sents += _sentences(doc, offset)
            if last:
                yield ctx, headline_names(text, ents), sents
                ents, sents = [], []


def _sentences(doc: Doc, offset: int = 0) -> Sentences:
    out = []
    for sent in doc.sents:
        base = sent.start
        out.append([Tok(offset + t.idx, offset + t.idx + len(t.text), t.dep_, t.head.i - base,
                        t.pos_, t.tag_, t.lower_, t.lemma_) for t in sent])
    return out


def pieces(text: str, size: int | None = None) -> list[tuple[int, str]]:
    """``(offset, piece)`` of a text cut into pieces of at most ``size`` characters, each
    ending at a paragraph, a line, a sentence or a word where one is near.

    >>> [(o, p) for o, p in pieces("One. Two three. Four", size=9)]
    [(0, 'One. Two '), (9, 'three. '), (16, 'Four')]
    """
    size = size or Tuning.defaults().piece_chars
    out = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = size
        for sep in ("\n\n", "\n", ". ", " "):
            at = window.rfind(sep, size // 2)
            if at > 0:
                cut = at + len(sep)
                break
        out.append((start, window[:cut]))
        start += cut
    out.append((start, text[start:]))
    return out


_CAPS_RUN = re.compile(r"[A-Z]{3,}[^a-z\n]{5,}")  # cheap test before looking for shouting lines
_DATELINE_CAPS = re.compile(r"(?m)^[A-Z][A-Z .'’-]{2,30}(?=,)")


def decase(text: str) -> str:
    """Title-case all-caps lines (headlines, tables) so the model sees names as names.

    The result has the same length, so every offset still points into the original text.

    >>> decase("SOCCER - JAPAN GET LUCKY WIN") == "Soccer - Japan Get Lucky Win"
    True
    """
    if not _DATELINE_CAPS.search(text) and not (
            _CAPS_RUN.search(text) and any(shouting(ln) for ln in text.split("\n"))):
        return text
    out = []
    for line in text.split("\n"):
        if shouting(line):
            titled = line.title()
            if len(titled) == len(line):
                line = titled
        else:  # a dateline: "HANOI, 2 April 2024 - ..."
            line = _DATELINE_CAPS.sub(lambda m: m.group(0).title(), line)
        out.append(line)
    return "\n".join(out)


def headline_names(text: str, ents: list[Ent]) -> list[Ent]:
    r"""A name the model found in an all-caps headline ("GLICKMAN PUSHES HARD FOR TALKS",
    read title-cased) is kept only where the story names it too, and then without the
    headline's verbs ("CHEMLAWN CORP SAID" → "CHEMLAWN CORP"): such lines read badly.

    >>> t = "CHEMLAWN CORP SAID IT WOULD SELL\nChemlawn Corp will sell."
    >>> headline_names(t, [(0, 18, "ORG")])
    [(0, 13, 'ORG')]
    """
    if not _CAPS_RUN.search(text):
        return ents
    folded = text.casefold()
    out = []
    for start, end, label in ents:
        surface = text[start:end]
        if label not in NAME_LABELS or not surface.isupper() or len(surface) < 6:
            out.append((start, end, label))
            continue
        line_start, line_end = line_bounds(text, start)
        if not shouting(text[line_start:line_end]) or line_end - line_start == len(text):
            out.append((start, end, label))
            continue
        name = clean_name(surface)
        at = surface.find(name)
        if at >= 0 and name.casefold() in folded[:line_start] + "\n" + folded[line_end:]:
            out.append((start + at, start + at + len(name), label))
    return out


def _ents(doc: Doc) -> list[Ent]:
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]
