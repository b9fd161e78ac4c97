"""The output folder always reflects the inputs and the rules: a rule edit re-runs exactly
the stages it shapes, and a failure while writing outputs is repaired by the next run."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from pipeline import run, status
from pipeline.lexicon.tables import models_dir, reload
from pipeline.output import OUTPUTS
from tests.conftest import SEED


@pytest.fixture
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An editable copy of the data files, used through $NEWSGRAPH_MODELS."""
    folder = tmp_path / "models"
    shutil.copytree(models_dir(), folder)
    monkeypatch.setenv("NEWSGRAPH_MODELS", str(folder))
    reload()
    yield folder
    monkeypatch.delenv("NEWSGRAPH_MODELS")
    reload()


def _types(out: Path) -> set[str]:
    with (out / "events.csv").open(encoding="utf-8", newline="") as fh:
        return {row["subtype"] or row["type"] for row in csv.DictReader(fh)}


def _drop_type(rules: Path, etype: str) -> None:
    """Remove a subtype from the ontology (its words then only give the type)."""
    path = rules / "event_ontology.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for t in data["types"]:
        t.get("subtypes", {}).pop(etype, None)
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("etype", ["fine"])
def test_state_taxonomy_edit_redoes_events_only(tmp_path: Path, rules: Path,
                                                etype: str) -> None:
    out = tmp_path / "out"
    run([SEED], out, progress=False)
    assert etype in _types(out)
    _drop_type(rules, etype)
    st = status(out)
    assert st.stale and (st.articles_needing_nlp, st.articles_needing_events) == (0, 10)
    result = run([SEED], out, progress=False)
    assert result.n_unchanged == 1 and result.outputs_written
    assert etype not in _types(out)
    fresh = tmp_path / "fresh"
    run([SEED], fresh, progress=False)
    for name in ("entities.csv", "events.csv", "event_actors.csv", "actors.csv"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
    assert not status(out).stale


@pytest.mark.parametrize("alias", ["Publishers of Vogue\tLes Publications Condé Nast"])
def test_state_alias_edit_redoes_ner(tmp_path: Path, rules: Path, alias: str) -> None:
    out = tmp_path / "out"
    run([SEED], out, progress=False)
    with (rules / "org_aliases.tsv").open("a", encoding="utf-8") as fh:
        fh.write(alias.split("\t")[1] + "\t" + alias.split("\t")[0] + "\n")
    assert status(out).articles_needing_nlp == 10
    run([SEED], out, progress=False)
    assert not status(out).stale


@pytest.mark.parametrize("fail_at", ["graph.png"])
def test_state_failed_output_phase_is_repaired_by_next_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_at: str) -> None:
    out = tmp_path / "out"
    from pipeline.output import graph

    def broken(*_a: object, **_k: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(graph, "write_png", broken)
    with pytest.raises(OSError):
        run([SEED], out, progress=False)
    assert not any((out / n).exists() for n in OUTPUTS)  # nothing half-written
    assert not [p for p in out.iterdir() if p.name.startswith(".staging")]
    monkeypatch.undo()
    result = run([SEED], out, progress=False)  # the dump is unchanged, the outputs are not
    assert result.n_unchanged == 1 and result.outputs_written
    assert all((out / n).exists() for n in OUTPUTS)


@pytest.mark.parametrize("n", [2])
def test_state_plain_rerun_rewrites_nothing(tmp_path: Path, n: int) -> None:
    out = tmp_path / "out"
    results = [run([SEED], out, progress=False) for _ in range(n)]
    assert results[0].outputs_written and not results[-1].outputs_written


@pytest.mark.parametrize("name", ["events.csv"])
def test_state_missing_output_is_rewritten(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    run([SEED], out, progress=False)
    before = (out / name).read_bytes()
    (out / name).unlink()
    assert run([SEED], out, progress=False).outputs_written
    assert (out / name).read_bytes() == before


@pytest.mark.parametrize("n", [10])
def test_state_rebuild_analyses_everything_again(tmp_path: Path, n: int) -> None:
    out = tmp_path / "out"
    run([SEED], out, progress=False)
    assert run([SEED], out, progress=False, rebuild=True).n_recognised == n


@pytest.fixture
def code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An editable copy of the package's source, which the fingerprints then hash."""
    import pipeline.fingerprint as fingerprint

    folder = tmp_path / "code"
    shutil.copytree(fingerprint.PACKAGE_ROOT, folder,
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprint, "PACKAGE_ROOT", folder)
    return folder


@pytest.mark.parametrize(("edited", "needing"), [
    ("events/extract.py", (0, 10)), ("normalize/money.py", (10, 0)),
    ("output/tables.py", (0, 0))])
def test_state_code_edit_reruns_its_stage(tmp_path: Path, code: Path, edited: str,
                                          needing: tuple[int, int]) -> None:
    """Editing a stage's code (not only its data) makes the folder stale for that stage."""
    out = tmp_path / "out"
    run([SEED], out, progress=False)
    assert not status(out).stale
    with (code / edited).open("a", encoding="utf-8") as fh:
        fh.write("\n# an edit\n")
    st = status(out)
    assert st.stale and not st.outputs_current
    assert (st.articles_needing_nlp, st.articles_needing_events) == needing
    result = run([SEED], out, progress=False)
    assert result.n_unchanged == 1 and result.n_recognised == sum(needing)
    assert result.outputs_written
    assert not status(out).stale
