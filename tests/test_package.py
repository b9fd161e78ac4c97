"""The built package carries its data files and gives the same outputs as the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pipeline.output import OUTPUTS
from tests.conftest import ROOT, SEED


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist),
                    str(ROOT)], check=True, capture_output=True)
    (found,) = dist.glob("newsgraph-*.whl")
    return found


@pytest.mark.parametrize("table", ["countries.tsv", "places.tsv", "org_aliases.tsv",
                                   "ner_rules.json", "event_ontology.json", "agents.tsv",
                                   "coreference.json"])
def test_package_wheel_holds_the_tables(wheel: Path, table: str) -> None:
    assert f"pipeline/models/{table}" in zipfile.ZipFile(wheel).namelist()


@pytest.mark.parametrize("files", [("entities.csv", "events.csv", "actors.csv")])
def test_package_installed_wheel_gives_the_same_outputs(wheel: Path, tmp_path: Path,
                                                        files: tuple[str, ...]) -> None:
    """Installed without -e (no repository beside it), run from another folder."""
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(site), str(wheel)], check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("NEWSGRAPH_MODELS", None)
    code = ("import pipeline, sys; from pipeline.lexicon.tables import models_dir; "
            "assert str(models_dir()).startswith(sys.argv[1]), models_dir(); "
            "pipeline.run([sys.argv[2]], sys.argv[3], progress=False)")
    subprocess.run([sys.executable, "-c", code, str(site), str(SEED), "out"], cwd=elsewhere,
                   env=env, check=True)
    dev = tmp_path / "dev"
    subprocess.run([sys.executable, "-c", "import pipeline, sys; "
                    "pipeline.run([sys.argv[1]], sys.argv[2], progress=False)", str(SEED),
                    str(dev)], check=True)
    for name in files:
        assert (elsewhere / "out" / name).read_bytes() == (dev / name).read_bytes(), name
    assert all((elsewhere / "out" / n).exists() for n in OUTPUTS)
