"""Every tuning constant of a run, as one frozen value (:class:`Tuning`): the defaults ship in
``models/settings.cfg``; a user's file overlays them (``run --config FILE`` or
``$NEWSGRAPH_CONFIG``), and ``NEWSGRAPH_<KEY>`` variables override both. It is read once, when
a run's settings are made, and passed down to the stages: no module reads the environment."""

from __future__ import annotations

import configparser
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import NewsgraphError
from .lexicon.tables import models_dir
from .types import content_id

DEFAULTS_FILE = "settings.cfg"
#: the variable naming a user's overlay file
CONFIG_VARIABLE = "NEWSGRAPH_CONFIG"


@dataclass(frozen=True, slots=True)
class Tuning:
    """The tuning constants; ``models/settings.cfg`` says what each does.

    >>> t = Tuning.defaults()
    >>> t.max_record_mb, t.lookback
    (5.0, 40)
    >>> Tuning.load(environ={"NEWSGRAPH_MAX_RECORD_MB": "20"}).max_record_mb
    20.0
    """

    # ingest
    max_unpacked_mb: int
    max_ratio: int
    ratio_from_mb: int
    max_record_mb: float
    max_json_depth: int
    min_prose_share: float
    min_judged_chars: int
    max_headline_words: int
    max_boilerplate_words: int
    # language
    sample_chars: int
    min_letters: int
    min_probability: float
    # nlp
    batch_articles: int
    piece_chars: int
    batch_chars: int
    # events
    lookback: int
    gender_window: int
    # corpus
    label_majority: float
    scratch_batch: int
    # output
    max_html_nodes: int
    max_slice_events: int
    max_projection_actors: int
    html_events_per_actor: int
    max_index_events: int
    max_index_actors: int
    max_index_articles: int
    max_single_file_mb: float
    index_sentence_chars: int
    png_actors: int
    png_events: int
    # report
    log_every_seconds: float
    max_listed: int

    @staticmethod
    def defaults() -> Tuning:
        """The shipped defaults (``models/settings.cfg``), with no overlay or variable."""
        path = models_dir() / DEFAULTS_FILE
        return _defaults(path, _stamp(path))

    @classmethod
    def load(cls, overlay: str | Path | None = None,
             environ: Mapping[str, str] | None = None) -> Tuning:
        """The defaults, overlaid by ``overlay`` (else the file ``$NEWSGRAPH_CONFIG`` names)
        and then by the ``NEWSGRAPH_<KEY>`` variables of ``environ`` (the process's by
        default). A file that cannot be read, an unknown key or a bad value raise a
        :class:`NewsgraphError` naming them."""
        env = os.environ if environ is None else environ
        values = asdict(cls.defaults())
        overlay = overlay or env.get(CONFIG_VARIABLE) or None
        if overlay:
            values.update(_read(Path(overlay), strict=True))
        for name in values:
            raw = env.get(f"NEWSGRAPH_{name.upper()}")
            if raw is not None:
                values[name] = _value(name, raw, f"${'NEWSGRAPH_' + name.upper()}")
        return cls(**values)

    def digest(self, *names: str) -> str:
        """A hash of some values (for the fingerprint of the stage they shape)."""
        return content_id(*(f"{n}={getattr(self, n)!r}" for n in names))


#: each setting's type, as the annotation's name ("int", "float": annotations are strings here)
_TYPES = {f.name: f.type for f in fields(Tuning)}
#: the settings a run divides by or counts batches in: 0 would divide by zero or never end
_AT_LEAST_ONE = frozenset({"batch_articles", "piece_chars", "batch_chars", "scratch_batch",
                           "index_sentence_chars"})


def _stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=4)
def _defaults(path: Path, stamp: tuple[int, int]) -> Tuning:
    values = _read(path, strict=False)
    missing = sorted(set(_TYPES) - set(values))
    if missing:
        raise NewsgraphError(f"{path}: has no value for {', '.join(missing)} (restore the file "
                             "from the newsgraph release)")
    return Tuning(**values)


def _read(path: Path, *, strict: bool) -> dict[str, Any]:
    """The values a settings file sets (any section; an unknown key is an error)."""
    parser = configparser.ConfigParser(inline_comment_prefixes=("#",))
    try:
        with path.open(encoding="utf-8") as fh:
            parser.read_file(fh)
    except OSError as exc:
        raise NewsgraphError(f"{path}: cannot read the settings ({exc.strerror or exc})"
                             f"{'; check --config or $' + CONFIG_VARIABLE if strict else ''}"
                             ) from None
    except configparser.Error as exc:
        raise NewsgraphError(f"{path}: not a settings file ({' '.join(str(exc).split())}); "
                             "write [section] lines and key = value lines") from None
    out: dict[str, Any] = {}
    for section in parser.sections():
        for key, raw in parser.items(section):
            if key not in _TYPES:
                raise NewsgraphError(f"{path}: unknown setting {key!r} in [{section}]; the "
                                     f"settings are {', '.join(_TYPES)}")
            out[key] = _value(key, raw, f"{path} [{section}]")
    return out


def _value(name: str, raw: str, where: str) -> int | float:
    kind = _TYPES[name]
    try:
        value: int | float = int(raw) if kind == "int" else float(raw)
    except ValueError:
        what = "a whole number" if kind == "int" else "a number"
        raise NewsgraphError(f"{where}: {name} = {raw!r} is not {what}") from None
    if value < 0:
        raise NewsgraphError(f"{where}: {name} = {raw!r} cannot be negative")
    if value < 1 and name in _AT_LEAST_ONE:
        raise NewsgraphError(f"{where}: {name} = {raw!r} must be at least 1")
    return value
