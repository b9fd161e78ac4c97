"""A store damaged by a fault outside newsgraph (a copy cut short, a full disk, a crash of the
machine): found cheaply on open from the file's own header, and set aside for a rebuild.

SQLite's header (its first 100 bytes) gives the page size and, when valid, the number of
pages; a file shorter than that, not a whole number of pages, or without the header is
damaged. A damage inside the file that the header does not show is reported by SQLite when
it reads it ("database disk image is malformed"): :func:`damaged_error` words both alike.
"""

from __future__ import annotations

import time
from pathlib import Path

from ..errors import NewsgraphError
from ..types import STORE_COMPANIONS

_MAGIC = b"SQLite format 3\x00"
#: what SQLite says of a damaged file
_DAMAGE_WORDS = ("malformed", "not a database")


def damage_of(path: Path) -> str:
    """What is wrong with the store file ``path`` as its header shows, ``""`` if nothing (or
    if it does not exist). A store with a write-ahead log is judged by SQLite itself (the log
    may hold pages the file does not have yet)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(100)
    except FileNotFoundError:
        return ""
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size:
        return ""
    if size == 0:
        return "the file is empty"
    if len(head) < 100 or not head.startswith(_MAGIC):
        return f"not a SQLite database: {size:,} bytes without its header"
    page = int.from_bytes(head[16:18], "big")
    page = 65536 if page == 1 else page
    pages, counter, valid_for = (int.from_bytes(head[i:i + 4], "big") for i in (28, 24, 92))
    if page < 512 or page & (page - 1):
        return "its header is damaged"
    if size % page:
        return f"cut short: {size:,} bytes, not a whole number of {page:,}-byte pages"
    if pages and counter == valid_for and size < pages * page:
        return f"cut short: {size:,} of its {pages * page:,} bytes"
    return ""


def is_damage(exc: Exception) -> bool:
    """Whether a SQLite error says the file is damaged."""
    return any(w in str(exc) for w in _DAMAGE_WORDS)


def damaged_error(path: Path, what: str) -> NewsgraphError:
    """The one line that says a store is damaged, what is kept and the way back."""
    out = path.parent
    return NewsgraphError(
        f"{path}: the store is damaged ({what}); nothing was changed, the outputs in {out} "
        f"are those of the last good run. To rebuild it from the dumps: newsgraph run "
        f"--rebuild-store DUMP... --out {out} (the damaged file is kept aside)")


def set_aside(path: Path) -> Path | None:
    """Move the store file (and its companions) aside, never deleting it: the new name, or
    None if there was no store."""
    if not path.exists():
        return None
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    path.rename(aside)
    for suffix in STORE_COMPANIONS:
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            companion.rename(Path(f"{aside}{suffix}"))
    return aside
