"""The state of an ``--out`` folder: an embedded SQLite database (``newsgraph.sqlite``).

It remembers which dumps were processed (by content hash), every article once (by content
hash) with all the sources it arrived from, what stages 2-4 found in each, and the runs.
Outputs are rebuilt from it, so they always cover everything processed so far in that folder.
"""

from __future__ import annotations

from pathlib import Path

from .actors import ActorStore
from .analyses import AnalysisStore, chunks
from .corpus import CorpusStore
from .damage import damaged_error, is_damage, set_aside
from .dumps import DumpStore
from .graph import GraphStore
from .schema import DB_NAME, SCHEMA_VERSION
from .scratch import ScratchStore


class Store(DumpStore, AnalysisStore, ScratchStore, GraphStore, CorpusStore, ActorStore):
    """SQLite-backed state of one output folder.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     s = Store(Path(d))
    ...     s.has_dump("abc")
    False
    """


def open_existing(out: Path, *, readonly: bool = False) -> Store | None:
    """The store of ``out`` if one exists (without creating anything), else None;
    ``readonly``: for reading only (a folder the user may not write to)."""
    return Store(out, readonly=readonly) if (out / DB_NAME).exists() else None


__all__ = ["DB_NAME", "SCHEMA_VERSION", "Store", "chunks", "damaged_error", "is_damage",
           "open_existing", "set_aside"]
