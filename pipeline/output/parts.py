"""The large tables in parts: ``entities.csv``, ``events.csv`` and ``event_actors.csv`` are
kept under ``parts/<table>/`` as one file per source the articles were first read from (a
dump), with no header. A run rewrites the parts of the sources whose articles changed (new,
analysed again, named otherwise by the folder, moved or gone) and keeps the others; the
single file people open is the header and every part in source order, copied byte for byte,
so it is the file a run over the whole folder writes.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..types import PARTS_FOLDER, content_id
from .files import atomic_open, safe_cell

PARTS = PARTS_FOLDER


def part_name(home: str) -> str:
    """The file of a source's part (a hash: a source's name may hold any character)."""
    return f"{content_id(home)}.csv"


def dirty_homes(now: Mapping[str, str], before: Mapping[str, str], everything: bool
                ) -> set[str]:
    """The sources whose parts must be written again: those of the articles not in the parts
    as they were written (``before``: the corpus stage forgets an article it does again),
    gone, or moved to another source (both sides); or all of them."""
    if everything:
        return set(now.values())
    return {h for a, h in before.items() if now.get(a) != h} | \
        {h for a, h in now.items() if before.get(a) != h}


def write_parts(staging: Path, table: str, columns: Sequence[str],
                rows: Iterable[Mapping[str, Any]], home_of: Callable[[Mapping[str, Any]], str],
                homes: Collection[str]) -> None:
    """Write the parts of ``homes`` into ``staging/parts/<table>/`` from ``rows`` (in output
    order, so a source's rows come together); a source with no row gets an empty part."""
    folder = staging / PARTS / table
    folder.mkdir(parents=True, exist_ok=True)
    written: set[str] = set()
    fh: Any = None
    current = None
    try:
        for row in rows:
            home = home_of(row)
            if home != current:
                if fh is not None:
                    fh.close()
                current = home
                written.add(home)
                fh = (folder / part_name(home)).open("w", encoding="utf-8", newline="")
                writer = csv.writer(fh, lineterminator="\r\n")
            writer.writerow([safe_cell(row.get(c)) for c in columns])
    finally:
        if fh is not None:
            fh.close()
    for home in set(homes) - written:
        (folder / part_name(home)).write_bytes(b"")


def join_parts(staging: Path, out: Path, table: str, columns: Sequence[str],
               homes: Collection[str], dirty: Collection[str]) -> None:
    """The single file of a table, in ``staging``: its header, then each source's part (the
    new one from ``staging`` for a dirty source, else the one in ``out``), in source order."""
    with atomic_open(staging / table, newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerow(columns)
        fh.flush()
        for home in sorted(homes):
            part = (staging if home in dirty else out) / PARTS / table / part_name(home)
            if part.exists():
                with part.open("rb") as src:
                    shutil.copyfileobj(src, fh.buffer)


def commit_parts(staging: Path, out: Path, tables: Iterable[str], homes: Collection[str]
                 ) -> None:
    """Move the new parts into ``out`` and remove the parts of sources no longer there."""
    keep = {part_name(h) for h in homes}
    for table in tables:
        target = out / PARTS / table
        target.mkdir(parents=True, exist_ok=True)
        new = staging / PARTS / table
        if new.is_dir():
            for part in sorted(new.iterdir()):
                part.replace(target / part.name)
        for part in sorted(target.iterdir()):
            if part.name not in keep:
                part.unlink()
