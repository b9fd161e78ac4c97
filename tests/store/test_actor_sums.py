"""The actors' running sums the corpus stage keeps (:mod:`pipeline.store.actors`) equal a
count over every article's rows after any sequence of runs, including an article that moves
earlier in the output order and a dump that is forgotten."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.api import forget, run
from tests.conftest import kept_and_counted

_P = {"title": "Hiring", "text": "Acme Corp hired Ann Lee in London on Monday.",
      "published": "2025-03-03"}
_Q = {"title": "Lawsuit", "text": "Globex Corp sued Acme Corp in Paris on Tuesday.",
      "published": "2025-03-04"}


def _dump(path: Path, *records: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_actor_sums_follow_an_article_that_moves_earlier(tmp_path: Path) -> None:
    """Q, first read from c.jsonl, is read again from a.jsonl: it now comes first in the
    output order, and so do the first rows of Globex and Acme."""
    out = tmp_path / "out"
    run([_dump(tmp_path / "b.jsonl", _P)], out, progress=False)
    run([_dump(tmp_path / "c.jsonl", _Q)], out, progress=False)
    before, _ = kept_and_counted(out)
    run([_dump(tmp_path / "a.jsonl", _Q)], out, progress=False)
    kept, counted = kept_and_counted(out)
    assert kept == counted
    assert kept[:3] != before[:3]  # the order of the actors did change


def test_actor_sums_after_a_dump_is_forgotten(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([_dump(tmp_path / "b.jsonl", _P, _Q)], out, progress=False)
    run([_dump(tmp_path / "c.jsonl", _Q)], out, progress=False)
    forget([tmp_path / "b.jsonl"], out)
    kept, counted = kept_and_counted(out)
    assert kept == counted
    assert all("Ann Lee" not in row for row in kept)  # only P named her
