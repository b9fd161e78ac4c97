"""The kinds of ``newsgraph eval``: what each scores, its headline score and the scores a
floor can be set on, so that options are checked before any work is done."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import NewsgraphError
from . import core, meantime, wikievents

Path_ = tuple[str, ...]  # keys into the result, outermost first


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of evaluation.

    Fields:
        score: the evaluation: ``(paths, model) → result``.
        headline: where the headline score (``--floor``) is in the result.
        floors: the scores ``--type-floor NAME=F`` can name, and where each is in the result.
        many_paths: whether it takes several paths (else exactly one).
    """

    score: Callable[[Sequence[Path], str], dict[str, Any]]
    headline: Path_
    floors: Mapping[str, Path_]
    many_paths: bool = False


KINDS: dict[str, Kind] = {
    "conll": Kind(lambda ps, m: core.eval_conll(ps[0], m), ("micro_PER_ORG_LOC", "f1"),
                  {t: (t, "f1") for t in ("PER", "ORG", "LOC", "MISC")}),
    "timeml": Kind(lambda ps, m: core.eval_timeml(ps[0], m), ("accuracy_calendar",),
                   {"accuracy": ("accuracy",)}),
    "reuters": Kind(lambda ps, m: core.eval_reuters_places(list(ps), m), ("f1",),
                    {"p": ("p",), "r": ("r",)}, many_paths=True),
    "money": Kind(lambda ps, m: core.eval_money(ps[0]), ("accuracy",), {}),
    "meantime": Kind(lambda ps, m: meantime.eval_meantime(ps[0], m), ("strict", "f1"),
                     {"strict_p": ("strict", "p"), "strict_r": ("strict", "r"),
                      "role_strict_f1": ("role_strict", "f1"),
                      "timeline_recall": ("timelines", "recall")}),
    "identity": Kind(lambda ps, m: meantime.eval_identity(ps[0], m), ("f1",),
                     {"p": ("p",), "r": ("r",)}),
    "wikievents": Kind(lambda ps, m: wikievents.eval_wikievents(ps[0], m), ("strict", "f1"),
                       {"strict_p": ("strict", "p"), "role_strict_f1": ("role_strict", "f1"),
                        "trigger_recall": ("trigger_recall",),
                        "type_agreement": ("type_agreement",),
                        "resolution_p": ("resolution", "precision")}),
}


def parse_floors(kind: str, specs: Sequence[str]) -> dict[str, float]:
    """``NAME=F`` floors checked against what ``kind`` scores (before anything runs).

    >>> parse_floors("meantime", ["strict_p=0.6"])
    {'strict_p': 0.6}
    >>> parse_floors("meantime", ["timelines=0.7"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pipeline.errors.NewsgraphError: --type-floor timelines=0.7: meantime has no score ...
    """
    known = KINDS[kind].floors
    out: dict[str, float] = {}
    for spec in specs:
        name, _, value = spec.partition("=")
        if name not in known:
            names = ", ".join(known) or "none (use --floor)"
            raise NewsgraphError(f"--type-floor {spec}: {kind} has no score {name!r}; use one "
                                 f"of {names}")
        out[name] = _fraction(spec, value)
    return out


def check_paths(kind: str, paths: Sequence[Path]) -> None:
    """One path for the kinds that take one."""
    if len(paths) != 1 and not KINDS[kind].many_paths:
        raise NewsgraphError(f"eval {kind} takes one path, not {len(paths)}")


def _fraction(spec: str, value: str) -> float:
    try:
        f = float(value)
    except ValueError:
        f = -1.0
    if not 0.0 <= f <= 1.0:
        raise NewsgraphError(f"{spec}: a floor is a number from 0 to 1, not {value!r}")
    return f


def lookup(result: Mapping[str, Any], where: Path_) -> float:
    """The score at ``where`` in a result (0 when the evaluation has none)."""
    value: Any = result
    for key in where:
        value = value.get(key, {}) if isinstance(value, Mapping) else {}
    return float(value) if isinstance(value, int | float) else 0.0


def below_floors(kind: str, result: Mapping[str, Any], floor: float | None,
                 floors: Mapping[str, float]) -> list[str]:
    """One line per score below its floor.

    >>> below_floors("identity", {"f1": 0.9, "p": 0.95, "r": 0.8}, 0.93, {"p": 0.9})
    ['identity score 0.9000 is below the floor 0.93']
    """
    k = KINDS[kind]
    failed = []
    if floor is not None and (score := lookup(result, k.headline)) < floor:
        failed.append(f"{kind} score {score:.4f} is below the floor {floor}")
    for name, value in floors.items():
        if (got := lookup(result, k.floors[name])) < value:
            failed.append(f"{name} {got:.4f} is below the floor {value}")
    return failed
