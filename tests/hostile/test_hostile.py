"""No input can crash a run or poison an output folder, and the run says what it did. Each
test is named after the failure it prevents."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from pipeline import run, status
from pipeline.cli import main
from pipeline.config import Tuning
from pipeline.errors import NewsgraphError
from pipeline.store.lock import folder_lock
from tests.conftest import ROOT
from tests.hostile.conftest import Hostile


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("chars", [1_100_000])
def test_hostile_article_over_a_million_chars_does_not_stop_the_folder(
        tmp_path: Path, hostile: Hostile, chars: int) -> None:
    hostile.huge_line("huge.txt", chars)
    hostile.good()
    out = tmp_path / "out"
    first = run([hostile.root], out, progress=False)
    assert first.n_recognised == 2 and not first.failed_articles
    assert any(r["text"] == "Acme Corp" for r in _rows(out / "entities.csv"))
    hostile.good("later.txt")
    assert run([hostile.root], out, progress=False).ok  # the folder still takes new dumps


@pytest.mark.parametrize("size", [30_000])
def test_hostile_pieces_keep_the_offsets(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    from pipeline.nlp import model

    tuning = replace(Tuning.defaults(), piece_chars=2_000)
    text = ("Filler words go here. " * (size // 22)) + "\n\nThe European Commission fined " \
        "Google on Tuesday."
    rec = model.Recognizer(parse=True)
    (_, ents, sents), = rec.analyse([(text, "x")], tuning=tuning)
    assert len(model.pieces(text, tuning.piece_chars)) > 10
    assert {"European Commission", "Google"} <= {text[s:e] for s, e, _ in ents}
    assert all(text[t.start:t.end] == t.lower or text[t.start:t.end].lower() == t.lower
               for sent in sents for t in sent)


@pytest.mark.parametrize("bad", ["Poison Corp"])
def test_hostile_one_failing_article_is_marked_failed_and_the_rest_go_on(
        tmp_path: Path, hostile: Hostile, monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    from pipeline import engine

    real = engine.normalise_article

    def poisoned(article_id, text, ents, pub):  # type: ignore[no-untyped-def]
        if bad in text:
            raise ValueError("a model error")
        return real(article_id, text, ents, pub)

    monkeypatch.setattr(engine, "normalise_article", poisoned)
    hostile.write("bad.txt", f"Bad\n\n{bad} did something.\n")
    hostile.good()
    out = tmp_path / "out"
    result = run([hostile.root], out, progress=False)
    assert len(result.failed_articles) == 1 and "ValueError: a model error" in \
        result.failed_articles[0][1]
    assert any(r["text"] == "Acme Corp" for r in _rows(out / "entities.csv"))
    st = status(out)
    assert len(st.failed_articles) == 1 and not st.stale
    assert run([hostile.root], out, progress=False).n_recognised == 0  # not retried
    monkeypatch.setattr(engine, "normalise_article", real)
    again = run([hostile.root], out, progress=False, retry_failed=True)
    assert again.n_recognised == 1 and not again.failed_articles
    assert status(out).failed_articles == ()


@pytest.mark.parametrize("depth", [100_000])
def test_hostile_deep_json_is_reported_and_the_good_files_are_written(
        tmp_path: Path, hostile: Hostile, depth: int) -> None:
    hostile.deep_json("deep.json", depth)
    hostile.write("deep.jsonl", json.dumps({"text": "Acme Corp sued Beta Ltd."}) + "\n" +
                  "[" * depth + "]" * depth + "\n")
    hostile.deep_json("noext", depth)
    hostile.good()
    out = tmp_path / "out"
    result = run([hostile.root], out, progress=False)
    assert any("nested too deep" in f for f in result.failed)
    assert any("nested too deep" in s.reason for s in result.skipped)
    assert (out / "graph.graphml").exists() and result.n_recognised >= 2


def _peak_mb_of(args: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    code = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:], "
            "capture_output=True, text=True); print(p.returncode); print(p.stderr); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          check=True)
    return int(done.stdout.strip().splitlines()[-1]) / 1024, done


@pytest.mark.parametrize("megabytes", [1024])
def test_hostile_gzip_bomb_is_refused_under_500_mb(tmp_path: Path, hostile: Hostile,
                                                    megabytes: int) -> None:
    hostile.root.mkdir(parents=True)
    hostile.gzip_bomb("bomb.txt.gz", megabytes)
    hostile.good()
    peak, done = _peak_mb_of([sys.executable, "-m", "pipeline", "run", str(hostile.root),
                              "--out", str(tmp_path / "out"), "-q"])
    assert "compression bomb" in done.stdout or "more than" in done.stdout
    assert peak < 500
    assert (tmp_path / "out" / "entities.csv").exists()


@pytest.mark.parametrize("n", [1])
def test_hostile_second_run_on_a_folder_refuses_with_no_wait(tmp_path: Path, hostile: Hostile,
                                                             n: int) -> None:
    hostile.good()
    out = tmp_path / "out"
    with folder_lock(out):
        with pytest.raises(NewsgraphError, match="another newsgraph run"):
            run([hostile.root], out, progress=False, wait=False)
    waited: list[str] = []

    def later() -> None:
        time.sleep(0.5)
        lock_cm.__exit__(None, None, None)

    lock_cm = folder_lock(out)
    lock_cm.__enter__()
    threading.Thread(target=later).start()
    start = time.monotonic()
    assert run([hostile.root], out, progress=False).n_new_articles == n  # waited, then ran
    assert time.monotonic() - start >= 0.4 and not waited


@pytest.mark.parametrize("control", ["\x01", "\x0b", "\x1b", "\x00", "\x7f"])
def test_hostile_control_characters_never_reach_the_outputs(tmp_path: Path, hostile: Hostile,
                                                            control: str) -> None:
    hostile.write("c.txt", f"Acme{control} buys Beta\n\nAcme{control} Corp sued Beta{control} "
                           f"Ltd for $5 million.\n")
    out = tmp_path / "out"
    run([hostile.root], out, progress=False)
    nx.read_graphml(out / "graph.graphml")
    nx.read_gexf(out / "graph.gexf")
    for name in ("entities.csv", "articles.csv", "events.csv", "articles.jsonl"):
        assert control not in (out / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", [b"\xff", b"\xc3\x28"])
def test_hostile_mostly_valid_utf8_stays_utf8_with_a_warning(tmp_path: Path, hostile: Hostile,
                                                             bad: bytes) -> None:
    hostile.write("u.txt", "Café fined\n\nThe café was fined €5 million by CNIL.".encode()
                  + bad + b"\n")
    out = tmp_path / "out"
    result = run([hostile.root], out, progress=False)
    assert any("u.txt" in w and "replaced" in w for w in result.warnings)
    rows = _rows(out / "entities.csv")
    assert any(r["currency"] == "EUR" and r["amount"] == "5000000" for r in rows)
    assert "café" in (out / "articles.jsonl").read_text(encoding="utf-8")


@pytest.mark.parametrize("n_words", [400])
def test_hostile_word_lists_and_schemas_are_not_read_as_news(tmp_path: Path, hostile: Hostile,
                                                             n_words: int) -> None:
    hostile.write("words.txt", "\n".join(f"word{i}" for i in range(n_words)))
    hostile.write("schema.dtd", "\n".join(f'<!ELEMENT E{i} (#PCDATA)>' for i in range(n_words)))
    hostile.good()
    result = run([hostile.root], tmp_path / "out", progress=False)
    assert result.n_new_articles == 1
    assert sum("holds no prose" in s.reason for s in result.skipped) == 2
    assert result.summary()["skipped_by_reason"]


@pytest.mark.parametrize("n", [1])
def test_hostile_sources_do_not_depend_on_the_current_folder(tmp_path: Path, hostile: Hostile,
                                                             n: int) -> None:
    path = hostile.good()
    seen = set()
    for i, cwd in enumerate([tmp_path, hostile.root, ROOT]):
        out = tmp_path / f"out{i}"
        subprocess.run([sys.executable, "-m", "pipeline", "run", str(path), "--out",
                        str(out), "-q"], cwd=cwd, check=True, capture_output=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
        seen.add(_rows(out / "articles.csv")[0]["source"])
    assert seen == {"in/good.txt"}


@pytest.mark.parametrize("name", ["evil\x1b]0;owned\x07.txt", "two\nnewsgraph: lines.txt"])
def test_hostile_file_names_are_printed_escaped(tmp_path: Path, hostile: Hostile,
                                                name: str) -> None:
    hostile.write(name, b"")
    hostile.good()
    res = CliRunner().invoke(main, ["run", str(hostile.root), "--out", str(tmp_path / "out"),
                                    "-q"])
    assert "\x1b" not in res.stderr and "\x07" not in res.stderr
    assert res.stderr.count("\nnewsgraph: lines") == 0


@pytest.mark.parametrize("n", [1])
def test_hostile_log_gets_plain_lines_and_stdout_the_summary(tmp_path: Path, hostile: Hostile,
                                                             n: int) -> None:
    hostile.good()
    res = CliRunner().invoke(main, ["run", str(hostile.root), "--out", str(tmp_path / "out")])
    assert "\r" not in res.stderr
    assert "entities.csv" in res.stdout and f"{n} new article(s)" in res.stdout
    js = CliRunner().invoke(main, ["run", str(hostile.root), "--out", str(tmp_path / "o2"),
                                   "--json"])
    summary = json.loads(js.stdout)
    assert summary["new_articles"] == n and "graph.html" in summary["files"]


@pytest.mark.parametrize("n", [1])
def test_hostile_status_on_a_read_only_folder_writes_nothing(tmp_path: Path, hostile: Hostile,
                                                            n: int) -> None:
    hostile.good()
    out = tmp_path / "out"
    run([hostile.root], out, progress=False)
    before = sorted(p.name for p in out.iterdir())
    st = status(out)
    assert st.articles == n and sorted(p.name for p in out.iterdir()) == before
    assert st.files["events"] == len(_rows(out / "events.csv"))  # status agrees with files


@pytest.mark.parametrize("megabytes", [6])
def test_hostile_giant_csv_field_is_skipped_and_its_neighbour_kept(
        tmp_path: Path, hostile: Hostile, megabytes: int) -> None:
    giant = "word " * (megabytes * (1 << 20) // 5)
    hostile.write("t.csv", f'id,title,text\n1,Giant,"{giant}"\n2,Good,"Acme Corp sued Beta Ltd."\n')
    result = run([hostile.root], tmp_path / "out", progress=False)
    assert any("MB an article may have" in s.reason for s in result.skipped)
    assert result.n_new_articles == 1
