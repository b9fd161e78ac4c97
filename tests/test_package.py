"""The built package carries its data files and gives the same outputs as the source tree."""

from __future__ import annotations

import os
import pkgutil
import shutil
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
    # from a clean copy: setuptools reuses a build/ folder, stale modules and all
    src = tmp_path_factory.mktemp("src") / "newsgraph"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".git", ".venv*", "build", "data", "*.egg-info", "__pycache__", ".*_cache"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist),
                    str(src)], check=True, capture_output=True)
    (found,) = dist.glob("newsgraph-*.whl")
    return found


@pytest.mark.parametrize("table", ["countries.tsv", "places.tsv", "org_aliases.tsv",
                                   "ner_rules.json", "event_ontology.json", "agents.tsv",
                                   "coreference.json"])
def test_package_wheel_holds_the_tables(wheel: Path, table: str) -> None:
    assert f"pipeline/models/{table}" in zipfile.ZipFile(wheel).namelist()


@pytest.fixture(scope="module")
def fresh_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment far from the checkout with the wheel installed into it; the
    dependencies come from this environment's site-packages (a path, so that its editable
    install of the checkout is not seen)."""
    venv = tmp_path_factory.mktemp("venv") / "fresh"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          check=True, capture_output=True, text=True).stdout.strip()
    deps = [p for p in sys.path if p.endswith("site-packages")]
    (Path(site) / "deps.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps",
                    "-q", str(wheel)], check=True, capture_output=True)
    return venv


@pytest.mark.parametrize("command", [["eval", "--help"], ["--version"]])
def test_package_wheel_in_a_fresh_venv_runs(fresh_venv: Path, tmp_path: Path,
                                            command: list[str]) -> None:
    """Every module of the wheel imports, from the wheel (not the checkout), and the console
    script answers."""
    code = ("import importlib, pkgutil, sys, pipeline; "
            "assert pipeline.__file__.startswith(sys.prefix), pipeline.__file__; "
            "names = [m.name for m in pkgutil.walk_packages(pipeline.__path__, 'pipeline.')]; "
            "[importlib.import_module(n) for n in names]; print(' '.join(sorted(names)))")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NEWSGRAPH_MODELS")}
    done = subprocess.run([str(fresh_venv / "bin" / "python"), "-c", code], cwd=tmp_path,
                          env=env, check=True, capture_output=True, text=True)
    assert done.stdout.split() == checkout_modules()  # a package left out of the wheel fails
    out = subprocess.run([str(fresh_venv / "bin" / "newsgraph"), *command], cwd=tmp_path,
                         env=env, check=True, capture_output=True, text=True).stdout
    assert "--type-floor" in out if command[0] == "eval" else out.split()[-1] == \
        pipeline_version()


def pipeline_version() -> str:
    import pipeline

    return pipeline.__version__


def checkout_modules() -> list[str]:
    """Every module of the source tree, by name (the data package included)."""
    import pipeline

    names = {m.name for m in pkgutil.walk_packages(pipeline.__path__, "pipeline.")}
    return sorted(names | {"pipeline.models"})  # mapped from models/: not under pipeline/


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
