from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from pipeline import run, status
from tests.conftest import SEED

STORY_A = "Alpha fined\n\nThe regulator fined Alpha on 3 March 2024. It was the largest fine."
STORY_B = "Beta sued\n\nA court heard a lawsuit against Beta on 4 March 2024, lawyers said."
STORY_C = "Gamma merges\n\nGamma agreed to merge with Delta on 5 March 2024, the firms said."


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())
            if p.suffix in {".csv", ".jsonl"}}


def _articles(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "articles.jsonl").read_text().splitlines()]


@pytest.mark.parametrize("n", [10])
def test_api_seed_articles_and_dates(tmp_path: Path, n: int) -> None:
    result = run([SEED], tmp_path, progress=False)
    assert result.n_new_articles == n
    arts = _articles(tmp_path)
    assert len(arts) == n
    assert {(a["published"], a["date_source"]) for a in arts} == {("2025-11-30", "dump")}
    rows = list(csv.DictReader((tmp_path / "articles.csv").open(encoding="utf-8")))
    assert [r["title"] for r in rows] == [a["title"] for a in arts]
    for col in ("article_id", "source", "source_id", "position", "title", "published",
                "date_source", "n_words"):
        assert col in rows[0]


@pytest.mark.parametrize("n", [1])
def test_api_rerun_is_idempotent_and_byte_identical(tmp_path: Path, n: int) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(STORY_A + "\n\n---\n\n" + STORY_B)
    out = tmp_path / "out"
    first = run([raw], out, progress=False)
    before = _outputs(out)
    again = run([raw], out, progress=False)
    assert (again.n_new_dumps, again.n_new_articles, again.n_unchanged) == (0, 0, n)
    assert _outputs(out) == before
    assert first.n_new_articles == 2


@pytest.mark.parametrize("n", [1])
def test_api_new_dump_only_processes_new(tmp_path: Path, n: int) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(STORY_A)
    out = tmp_path / "out"
    run([raw], out, progress=False)
    (raw / "b.txt").write_text(STORY_B)
    second = run([raw], out, progress=False)
    assert (second.n_new_dumps, second.n_unchanged, second.n_new_articles) == (n, 1, 1)
    assert [a["title"] for a in _articles(out)] == ["Alpha fined", "Beta sued"]


@pytest.mark.parametrize("n", [2])
def test_api_same_article_in_two_dumps_stored_once(tmp_path: Path, n: int) -> None:
    (tmp_path / "d1.txt").write_text(STORY_A + "\n\n---\n\n" + STORY_B)
    (tmp_path / "d2.txt").write_text(STORY_C + "\n\n---\n\n" + STORY_A)
    out = tmp_path / "out"
    result = run([tmp_path / "d1.txt", tmp_path / "d2.txt"], out, progress=False)
    assert (result.n_new_articles, result.n_duplicate_articles) == (3, 1)
    arts = {a["title"]: a for a in _articles(out)}
    assert len(arts["Alpha fined"]["sources"]) == n


@pytest.mark.parametrize("n", [1])
def test_api_incremental_equals_fresh(tmp_path: Path, n: int) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(STORY_A)
    run([raw], tmp_path / "inc", progress=False)
    (raw / "b.txt").write_text(STORY_B)
    run([raw], tmp_path / "inc", progress=False)
    run([raw], tmp_path / "fresh", progress=False)
    assert _outputs(tmp_path / "inc") == _outputs(tmp_path / "fresh")


@pytest.mark.parametrize("bad", ["=HYPERLINK(\"http://x\")", "+1+1", "@SUM(A1)", "-2+3"])
def test_api_csv_cells_are_spreadsheet_safe(tmp_path: Path, bad: str) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"title": bad, "text": "Body text."}) + "\n")
    run([tmp_path / "a.jsonl"], tmp_path / "out", progress=False)
    rows = list(csv.DictReader((tmp_path / "out" / "articles.csv").open(encoding="utf-8")))
    assert rows[0]["title"] == "'" + bad
    assert _articles(tmp_path / "out")[0]["title"] == bad  # JSON keeps the real value


@pytest.mark.parametrize("n", [0])
def test_api_leaves_no_temporary_files(tmp_path: Path, n: int) -> None:
    run([SEED], tmp_path, progress=False)
    assert len(list(tmp_path.glob(".*.tmp"))) == n


@pytest.mark.parametrize("n_good", [2])
def test_api_bad_record_skipped_rest_kept(tmp_path: Path, n_good: int) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "one"}\n{broken\n{"text": "two"}\n')
    result = run([tmp_path / "a.jsonl"], tmp_path / "out", progress=False)
    assert result.n_new_articles == n_good and len(result.skipped) == 1 and result.ok


@pytest.mark.parametrize("n", [1])
def test_api_status_counts(tmp_path: Path, n: int) -> None:
    run([SEED], tmp_path, progress=False)
    st = status(tmp_path)
    assert (st.dumps, st.articles) == (n, 10)
    assert st.last_run.n_new_articles == 10


@pytest.mark.parametrize("text", [
    "Brussels move\n\nThe European Commission opened an inquiry into Acme Corp on Monday. "
    "The Commission said Acme, which Mr Smith founded with John Smith, must reply. "
    "HM Revenue & Customs (HMRC) joined; HMRC fined Acme Corp £5m.",
])
def test_api_extract_gives_the_names_a_run_gives(tmp_path: Path, text: str) -> None:
    """One ladder: extract and run decide the same names for the same text (the bare
    "Commission" is the European Commission in both)."""
    from pipeline import extract

    (tmp_path / "story.txt").write_text(text, encoding="utf-8")
    run([tmp_path / "story.txt"], tmp_path / "out", progress=False)
    with (tmp_path / "out" / "entities.csv").open(encoding="utf-8", newline="") as fh:
        ran = {(int(r["start"]), r["label"]): r["norm"] for r in csv.DictReader(fh)}
    extracted = {(m.start, m.label): m.norm for m in extract(text)}
    assert extracted == ran
    assert extracted[(text.index("Commission said"), "ORG")] == "European Commission"
