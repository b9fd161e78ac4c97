"""The tuning settings: shipped defaults, a user's overlay, NEWSGRAPH_* variables, clear
errors, and a run that follows them."""

from __future__ import annotations

import configparser
from dataclasses import fields
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import RunSettings, run, status
from pipeline.cli import main
from pipeline.config import Tuning
from pipeline.errors import NewsgraphError
from pipeline.lexicon.tables import models_dir


@pytest.mark.parametrize("name", [f.name for f in fields(Tuning)])
def test_config_every_setting_has_a_documented_default(name: str) -> None:
    """Each field has its value in the shipped file, with a comment above its section."""
    parser = configparser.ConfigParser(inline_comment_prefixes=("#",))
    parser.read(models_dir() / "settings.cfg", encoding="utf-8")
    assert any(parser.has_option(s, name) for s in parser.sections())


@pytest.mark.parametrize(("text", "key", "value"), [
    ("[ingest]\nmax_record_mb = 0.5\n", "max_record_mb", 0.5),
    ("[events]\nlookback = 3  # a short memory\n", "lookback", 3),
])
def test_config_overlay_file_changes_only_its_keys(tmp_path: Path, text: str, key: str,
                                                   value: float) -> None:
    path = tmp_path / "mine.cfg"
    path.write_text(text, encoding="utf-8")
    t = Tuning.load(path, environ={})
    assert getattr(t, key) == value
    assert t.max_html_nodes == Tuning.defaults().max_html_nodes


@pytest.mark.parametrize("variable", ["NEWSGRAPH_MAX_UNPACKED_MB", "NEWSGRAPH_MAX_RATIO"])
def test_config_variables_override_the_files(tmp_path: Path, variable: str) -> None:
    path = tmp_path / "mine.cfg"
    path.write_text("[ingest]\nmax_unpacked_mb = 10\nmax_ratio = 10\n", encoding="utf-8")
    t = Tuning.load(path, environ={variable: "7"})
    assert getattr(t, variable.removeprefix("NEWSGRAPH_").lower()) == 7


@pytest.mark.parametrize(("text", "env", "message"), [
    ("[ingest]\nmax_recrod_mb = 1\n", {}, "unknown setting 'max_recrod_mb' in [ingest]"),
    ("[ingest]\nmax_ratio = lots\n", {}, "max_ratio = 'lots' is not a whole number"),
    ("max_ratio = 3\n", {}, "not a settings file"),
    ("", {"NEWSGRAPH_LOOKBACK": "-1"}, "$NEWSGRAPH_LOOKBACK: lookback = '-1' cannot be negative"),
    ("[nlp]\nbatch_articles = 0\n", {}, "batch_articles = '0' must be at least 1"),
])
def test_config_bad_settings_are_one_clear_error(tmp_path: Path, text: str,
                                                 env: dict[str, str], message: str) -> None:
    path = tmp_path / "mine.cfg"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NewsgraphError, match=message.replace("[", r"\[").replace("$", r"\$")):
        Tuning.load(path, environ=env)


@pytest.mark.parametrize("missing", ["nope.cfg"])
def test_config_cli_names_a_missing_overlay(tmp_path: Path, missing: str) -> None:
    res = CliRunner().invoke(main, ["run", "--config", str(tmp_path / missing), "--out",
                                    str(tmp_path / "out"), str(tmp_path)])
    assert res.exit_code == 1 and f"{missing}: cannot read the settings" in res.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("limit", ["0.0001"])
def test_config_run_follows_the_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         limit: str) -> None:
    """A record larger than max_record_mb is skipped; the variable is read when the settings
    are made, not when the package is imported."""
    dump = tmp_path / "a.jsonl"
    dump.write_text('{"title": "Acme", "text": "' + "Acme Corp grew. " * 20 + '"}\n',
                    encoding="utf-8")
    monkeypatch.setenv("NEWSGRAPH_MAX_RECORD_MB", limit)
    result = run(RunSettings([str(dump)], tmp_path / "out"), progress=False)
    assert result.n_new_articles == 0 and "more text than" in result.skipped[0].reason


@pytest.mark.parametrize("lookback", [1])
def test_config_a_setting_that_shapes_events_makes_them_stale(tmp_path: Path, lookback: int,
                                                              seed_text: str) -> None:
    dump = tmp_path / "seed.txt"
    dump.write_text(seed_text, encoding="utf-8")
    out = tmp_path / "out"
    run([dump], out, progress=False)
    overlay = tmp_path / "mine.cfg"
    overlay.write_text(f"[events]\nlookback = {lookback}\n", encoding="utf-8")
    again = run(RunSettings([str(dump)], out, tuning=Tuning.load(overlay, environ={})),
                progress=False)
    assert again.n_recognised == 10 and again.outputs_written
    assert status(out).stale  # status uses the defaults: the folder follows the overlay now
