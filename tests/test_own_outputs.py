"""A run never reads its own outputs nor another run's as input: an output folder inside an
input folder is left out (one line says so), and a file of one named by hand is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import run
from pipeline.ingest import Source, iter_sources

STORY_A = "Alpha fined\n\nThe regulator fined Alpha on 3 March 2024. It was the largest fine."
STORY_B = "Beta sued\n\nA court heard a lawsuit against Beta on 4 March 2024, lawyers said."


def _twice(inputs: list[Path], out: Path) -> None:
    """Run twice: the first stores the two stories, the second finds nothing new."""
    first = run(inputs, out, progress=False)
    assert (first.n_new_articles, first.failed, first.skipped) == (2, [], [])
    again = run(inputs, out, progress=False)
    assert (again.n_new_dumps, again.n_new_articles, again.failed, again.skipped) == (
        0, 0, [], [])
    assert again.n_unchanged == 1


def _dump(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dump.txt").write_text(STORY_A + "\n\n---\n\n" + STORY_B)
    return folder


@pytest.mark.parametrize("below", ["out", "a/b/out"])
def test_own_outputs_out_inside_the_input(tmp_path: Path, below: str) -> None:
    raw = _dump(tmp_path / "raw")
    _twice([raw], raw / below)
    again = run([raw], raw / below, progress=False)
    assert again.notes == [f"{raw / below}: left out, a newsgraph output folder (name one of "
                           "its files to read it)"]


def test_own_outputs_input_is_the_out_folder(tmp_path: Path) -> None:
    """The dumps kept in the output folder itself are read; the files newsgraph wrote there
    (store, tables, parts, graph files, lock) are not."""
    folder = _dump(tmp_path / "both")
    _twice([folder], folder)
    assert (folder / "parts").is_dir() and (folder / "events.csv").is_file()


def test_own_outputs_parent_of_two_output_folders(tmp_path: Path) -> None:
    raw = _dump(tmp_path / "dumps")
    run([raw / "dump.txt"], tmp_path / "dumps" / "first", progress=False)
    _twice([raw], raw / "second")
    notes = run([raw], raw / "second", progress=False).notes
    assert sorted(notes) == sorted(f"{raw / name}: left out, a newsgraph output folder (name "
                                   "one of its files to read it)" for name in ("first", "second"))


def test_own_outputs_a_file_named_is_read(tmp_path: Path) -> None:
    """Another run's articles.jsonl, named by hand, is input like any other dump."""
    raw = _dump(tmp_path / "raw")
    run([raw], raw / "out", progress=False)
    again = run([raw / "out" / "articles.jsonl"], tmp_path / "other", progress=False)
    assert (again.n_new_articles, again.failed, again.skipped) == (2, [], [])


def test_own_outputs_walk_leaves_out_store_folders(tmp_path: Path) -> None:
    (tmp_path / "in" / "old").mkdir(parents=True)
    (tmp_path / "in" / "old" / "newsgraph.sqlite").write_bytes(b"SQLite format 3\0")
    (tmp_path / "in" / "old" / "events.csv").write_text("event_id\n")
    (tmp_path / "in" / "a.txt").write_text(STORY_A)
    notes: list[str] = []
    found = [s.name for s in iter_sources([str(tmp_path / "in")], notes=notes)
             if isinstance(s, Source)]
    assert found == [(tmp_path / "in" / "a.txt").as_posix()]
    assert len(notes) == 1 and notes[0].startswith(str(tmp_path / "in" / "old"))
