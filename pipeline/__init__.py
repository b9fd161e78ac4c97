"""newsgraph: turn raw news dumps into normalised entity CSVs and an actor-event graph.

The CLI (``newsgraph``) is a thin client of this API::

    from pipeline import run
    result = run(["data/raw"], out="data/processed")
"""

from .api import RunResult, extract, run, split_file
from .report import StatusReport, status
from .settings import RunSettings
from .version import __version__

__all__ = ["RunResult", "RunSettings", "StatusReport", "__version__", "extract", "run",
           "split_file", "status"]
