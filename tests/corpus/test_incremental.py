"""Outputs that follow the change: a run redoes the corpus rows of the articles that need it
(new, analysed again, or naming someone whose name the folder now decides otherwise), and
the tables are the same, byte for byte, as a run over the whole folder at once, whatever the
order the dumps came in."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline import run
from pipeline.api import forget
from pipeline.corpus import CatalogueBuilder
from pipeline.store import Store
from tests.conftest import SEED, kept_and_counted

TABLES = ("entities.csv", "actors.csv", "events.csv", "event_actors.csv", "articles.csv")

#: the first dump names Mr Blair; the second gives his full name (the first dump's "Mr Blair"
#: becomes Tony Blair); the third brings another Blair (no one Blair any more)
DUMPS = {
    "a.jsonl": ["Mr Blair criticised Acme Corp in London on Monday. Mr Blair said the plan "
                "was wrong.", "Globex bought Initech for $5 million on Tuesday."],
    "b.jsonl": ["Tony Blair met Gordon Brown in London on Wednesday. Tony Blair praised "
                "Acme Corp.", "Acme Corp fined Globex on Thursday."],
    "c.jsonl": ["Lionel Blair sued Acme Corp on Friday.", "Police arrested Tom Kale in "
                "Leeds on Saturday."],
}


@pytest.fixture(scope="module")
def dumps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dumps, in a folder beside which every output folder of these tests goes (the
    sources are named relative to it)."""
    folder = tmp_path_factory.mktemp("incremental") / "dumps"
    folder.mkdir()
    for name, texts in DUMPS.items():
        (folder / name).write_text("\n".join(
            json.dumps({"title": f"{name} {i}", "text": t, "published": "2025-03-0{i + 1}"})
            for i, t in enumerate(texts)) + "\n")
    shutil.copy(SEED, folder / "seed.txt")
    return folder


def _tables(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in TABLES}


@pytest.fixture(scope="module")
def at_once(dumps: Path) -> dict[str, bytes]:
    out = dumps.parent / "at_once"
    run([dumps], out, progress=False)
    return _tables(out)


@pytest.mark.parametrize("order", [("a.jsonl", "b.jsonl", "c.jsonl", "seed.txt"),
                                   ("c.jsonl", "seed.txt", "b.jsonl", "a.jsonl"),
                                   ("seed.txt", "b.jsonl", "a.jsonl", "c.jsonl")])
def test_incremental_runs_give_the_tables_of_one_run(dumps: Path, at_once: dict[str, bytes],
                                                     order: tuple[str, ...]) -> None:
    out = dumps.parent / "-".join(order)
    for name in order:
        run([dumps / name], out, progress=False)
    assert _tables(out) == at_once
    _sums_are_counts(out)


def _sums_are_counts(out: Path) -> None:
    """The actors' running sums (and the events each pair shares) the runs kept equal a
    count over every article's rows."""
    kept, counted = kept_and_counted(out)
    assert kept == counted


def test_incremental_run_redoes_only_what_changed(dumps: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A dump that changes no decision about the folder's names redoes its own articles
    only; one that does (the full name of "Mr Blair") redoes the articles that use it."""
    out = dumps.parent / "redo"
    run([dumps / "seed.txt"], out, progress=False)
    redone: list[str] = []
    add = CatalogueBuilder.add_article

    def spy(self: CatalogueBuilder, article_id: str, *args: object) -> None:
        redone.append(article_id)
        add(self, article_id, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(CatalogueBuilder, "add_article", spy)
    run([dumps / "a.jsonl"], out, progress=False)
    assert len(redone) == 2  # a's own two articles: nothing of the seed changed
    redone.clear()
    run([dumps / "b.jsonl"], out, progress=False)
    store = Store(out)
    try:
        blair = {a for (a,) in store.db.execute(
            "SELECT DISTINCT article_id FROM mentions WHERE text LIKE '%Blair%'")}
    finally:
        store.close()
    assert len(redone) == 3 and blair <= set(redone)  # b's two, and a's "Mr Blair" article


def test_forget_gives_the_tables_of_a_run_without_the_dump(dumps: Path) -> None:
    out, without = dumps.parent / "forget", dumps.parent / "without"
    for name in ("a.jsonl", "b.jsonl", "c.jsonl"):
        run([dumps / name], out, progress=False)
    forget([dumps / "b.jsonl"], out)
    run([dumps / "a.jsonl", dumps / "c.jsonl"], without, progress=False)
    got, expected = _tables(out), _tables(without)
    for name in ("entities.csv", "actors.csv", "events.csv", "event_actors.csv"):
        assert got[name] == expected[name], name
    _sums_are_counts(out)


def test_two_runs_on_one_folder_at_once(dumps: Path, at_once: dict[str, bytes]) -> None:
    """Two runs (two hosts sharing the folder, each with its own workers) write to one
    folder at the same time: the folder's lock makes the second wait, it finds the first's
    articles done, and the tables are those of one run over every dump."""
    out = dumps.parent / "two-hosts"
    runs = [subprocess.Popen([sys.executable, "-m", "pipeline", "run", *map(str, paths),
                              "--out", str(out), "-q"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
            for paths in ([dumps / "a.jsonl", dumps / "seed.txt"],
                          [dumps / "seed.txt", dumps / "b.jsonl", dumps / "c.jsonl"])]
    for proc in runs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    assert _tables(out) == at_once


def _broken_run_then_repaired(dumps: Path, name: str, monkeypatch: pytest.MonkeyPatch,
                              module: object, attr: str,
                              broken: Callable[..., None], error: type[BaseException]) -> None:
    """Run a.jsonl into a folder, then b.jsonl with ``module.attr`` replaced by ``broken``
    (which raises ``error``), then a run with no input: the tables are those of one run over
    both dumps."""
    out, whole = dumps.parent / name, dumps.parent / f"{name}-whole"
    run([dumps / "a.jsonl"], out, progress=False)
    with monkeypatch.context() as m:
        m.setattr(module, attr, broken)
        with pytest.raises(error):
            run([dumps / "b.jsonl"], out, progress=False)
    run([], out, progress=False)
    run([dumps / "a.jsonl", dumps / "b.jsonl"], whole, progress=False)
    assert _tables(out) == _tables(whole)


def test_outputs_that_failed_are_written_whole_next_time(dumps: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    """The corpus stage did a dump's articles, then writing the outputs failed (a full
    disk): the next run still writes their parts, and the tables are a full run's."""
    import pipeline.api as api

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    _broken_run_then_repaired(dumps, "failed", monkeypatch, api, "write_outputs", full_disk,
                              OSError)


PARTED = ("articles.csv", "articles.jsonl", "entities.csv", "events.csv", "event_actors.csv")


def test_large_tables_are_kept_in_parts_and_exported_whole(
        dumps: Path, at_once: dict[str, bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables over ``max_single_file_mb`` are kept in parts only: a run removes their single
    files (they would be stale) and still counts the folder as up to date;
    ``newsgraph export tables`` writes them whole, the files of one run over every dump."""
    from click.testing import CliRunner

    from pipeline.cli import main

    out = dumps.parent / "parts-only"
    run([dumps / "a.jsonl", dumps / "b.jsonl"], out, progress=False)
    assert all((out / name).exists() for name in PARTED)
    monkeypatch.setenv("NEWSGRAPH_MAX_SINGLE_FILE_MB", "0")
    result = run([dumps / "c.jsonl", dumps / "seed.txt"], out, progress=False)
    assert sorted(result.parts_only) == sorted(PARTED)
    assert not any((out / name).exists() for name in PARTED) and (out / "actors.csv").exists()
    assert not run([], out, progress=False).outputs_written
    res = CliRunner().invoke(main, ["export", "tables", str(out / "whole"), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert _tables(out / "whole") == at_once


def test_a_crash_while_the_parts_move_writes_them_all_again(
        dumps: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The run is killed after the new parts moved into place but before the store noted
    where their rows sit: the next run does not trust the old note, it writes every part
    again, and the tables are a full run's."""
    from pipeline.output import writer

    real = writer.commit_parts

    def killed(*args: object, **kwargs: object) -> None:
        real(*args, **kwargs)  # type: ignore[arg-type]
        raise KeyboardInterrupt

    _broken_run_then_repaired(dumps, "crash-commit", monkeypatch, writer, "commit_parts",
                              killed, KeyboardInterrupt)


@pytest.mark.parametrize("order", [("business", "politics", "tech"),
                                   ("tech", "business", "politics")])
def test_incremental_bbc_runs_give_the_tables_of_one_run(
        corpora: Path, tmp_path: Path, order: tuple[str, ...]) -> None:
    """Real news: BBC articles of three topics, one folder of files a dump, added one by
    one in two orders, give the tables of one run over all of them, byte for byte (names
    the later dumps decide otherwise are written again, the rest copied)."""
    bbc = corpora / "bbc_news_fulltext" / "bbc"
    if not bbc.is_dir():
        pytest.skip(f"{bbc}: the BBC corpus is absent")
    dumps = tmp_path / "dumps"
    for topic in order:
        (dumps / topic).mkdir(parents=True)
        for path in sorted((bbc / topic).glob("*.txt"))[:12]:
            shutil.copy(path, dumps / topic / path.name)
    whole, out = tmp_path / "whole", tmp_path / "out"
    run([dumps / topic for topic in sorted(order)], whole, progress=False)
    for topic in order:
        run([dumps / topic], out, progress=False)
    assert _tables(out) == _tables(whole)
    _sums_are_counts(out)
