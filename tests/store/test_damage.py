"""A store damaged outside newsgraph (cut short) says so in one line, changes nothing, and
``run --rebuild-store`` moves it aside (kept) and builds a new one from the dumps."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline import run, status
from pipeline.errors import NewsgraphError

STORY_A = "Alpha fined\n\nThe regulator fined Alpha on 3 March 2024. It was the largest fine."
STORY_B = "Beta sued\n\nA court heard a lawsuit against Beta on 4 March 2024, lawyers said."


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A dump and the folder a run made of it."""
    root = tmp_path_factory.mktemp("good")
    dump = root / "dump.txt"
    dump.write_text(STORY_A + "\n\n---\n\n" + STORY_B)
    run([dump], root / "out", progress=False)
    return dump, root / "out"


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))}


@pytest.mark.parametrize("cut", [0, 50, 4096, 20_000, 20_480, -4096])
def test_damage_cut_store_says_so_and_rebuilds(good: tuple[Path, Path], tmp_path: Path,
                                               cut: int) -> None:
    made = good[1]
    dump = Path(shutil.copy(good[0], tmp_path))  # the dump where it was, beside the folder
    out = tmp_path / "out"
    shutil.copytree(made, out)
    store = out / "newsgraph.sqlite"
    whole = store.read_bytes()
    store.write_bytes(whole[:cut] if cut >= 0 else whole[:len(whole) + cut])
    before = _outputs(out)
    for attempt in (lambda: run([dump], out, progress=False), lambda: status(out)):
        with pytest.raises(NewsgraphError, match="the store is damaged .* --rebuild-store"):
            attempt()
    assert _outputs(out) == before  # nothing changed, the outputs of the last good run stay
    result = run([dump], out, progress=False, rebuild_store=True)
    assert result.n_new_articles == 2 and _outputs(out) == _outputs(made)
    aside = [p for p in out.iterdir() if p.name.startswith("newsgraph.sqlite.damaged-")]
    assert len(aside) == 1 and aside[0].stat().st_size == len(whole[:cut] if cut >= 0 else
                                                                whole[:len(whole) + cut])
    assert result.notes == [f"{aside[0]}: the store before, kept aside; a new one is built "
                            "from the inputs"]


def test_damage_rebuild_store_needs_the_dumps(good: tuple[Path, Path]) -> None:
    with pytest.raises(NewsgraphError, match="pass them"):
        run([], good[1], progress=False, rebuild_store=True)
