from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline import run
from pipeline.config import Tuning
from pipeline.progress import Progress
from pipeline.settings import RunSettings


def test_progress_total_is_estimated_from_the_files_read(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """While a folder is read, the total is the articles found scaled by the share of files
    read, so the bar does not sit near 100 % while the total grows; at the end it is exact."""
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    for i in range(6):
        (dumps / f"{i}.jsonl").write_text(json.dumps(
            {"title": f"T{i}", "text": f"Acme Corp fined Globex {i} times in Paris."}) + "\n")
    seen: list[tuple[int, int]] = []
    advance = Progress.advance

    def spy(self: Progress, n: int) -> None:
        advance(self, n)
        seen.append((self.done, self.total))

    monkeypatch.setattr(Progress, "advance", spy)
    tuning = replace(Tuning.defaults(), batch_articles=1)  # each article as it is found
    run(RunSettings((str(dumps),), tmp_path / "out", tuning=tuning), progress=True)
    assert seen[0] == (1, 6)  # one of six files read: about six articles
    assert seen[-1] == (6, 6)


@pytest.mark.parametrize(("found", "expected", "total"), [(3, 10, 10), (12, 10, 12),
                                                           (3, 0, 3)])
def test_progress_total_is_the_larger_of_found_and_expected(found: int, expected: int,
                                                            total: int) -> None:
    p = Progress(enabled=False)
    p.found(found)
    p.expect(expected)
    assert p.total == total
