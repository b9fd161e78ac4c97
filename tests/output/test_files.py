"""Output files are RFC 4180 CSV and JSONL, spreadsheet-safe, and appear only when complete."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from pipeline.output.files import atomic_open, safe_cell, write_csv, write_jsonl


@pytest.mark.parametrize("value,expected", [
    ("=1+1", "'=1+1"), ("+31 6", "'+31 6"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("plain", "plain"), (-3, -3), (None, ""), (2.0, "2"), (2.5, "2.5"),
])
def test_files_formula_cells_are_neutralised(value: object, expected: object) -> None:
    assert safe_cell(value) == expected


@pytest.mark.parametrize("rows", [[{"a": "x,y", "b": 'say "hi"\nthen'}, {"a": "=2", "b": None}]])
def test_files_csv_round_trips_and_is_rfc4180(tmp_path: Path, rows: list[dict]) -> None:
    path = tmp_path / "t.csv"
    assert write_csv(path, ("a", "b"), rows) == len(rows)
    raw = path.read_bytes()
    assert raw.startswith(b"a,b\r\n")
    with path.open(encoding="utf-8", newline="") as fh:
        back = list(csv.DictReader(fh))
    assert back[0] == {"a": "x,y", "b": 'say "hi"\nthen'} and back[1]["a"] == "'=2"


@pytest.mark.parametrize("row", [{"id": "1", "text": "café €5", "extra": "dropped"}])
def test_files_jsonl_keeps_the_fields_asked_for(tmp_path: Path, row: dict) -> None:
    path = tmp_path / "t.jsonl"
    write_jsonl(path, ("id", "text"), [row])
    assert json.loads(path.read_text(encoding="utf-8")) == {"id": "1", "text": "café €5"}


@pytest.mark.parametrize("old", ["previous contents\n"])
def test_files_failed_write_leaves_the_previous_file(tmp_path: Path, old: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(old, encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_open(path) as fh:
        fh.write("half")
        raise RuntimeError
    assert path.read_text(encoding="utf-8") == old
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]  # no temp file left behind
