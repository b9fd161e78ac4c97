"""Writers for the output files: atomic, deterministic, spreadsheet-safe.

Every file is written to a temporary file in the same folder and renamed into place, so a
crash never leaves a half-written output. CSV is RFC 4180 (``\\r\\n`` line ends), UTF-8, and a
text cell starting with ``= + - @`` (or a tab or carriage return) is prefixed with ``'`` so a
spreadsheet shows it instead of running it as a formula.
"""

from __future__ import annotations

import csv
import json
import multiprocessing as mp
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_UMASK = os.umask(0)
os.umask(_UMASK)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A value as a CSV cell: None empty, a whole float without ".0", and a text cell a
    spreadsheet would run as a formula neutralised.

    >>> safe_cell("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    >>> safe_cell(-3), safe_cell(2.0), safe_cell(None)
    (-3, '2', '')
    """
    kind = type(value)
    if kind is str:
        return "'" + value if value.startswith(_FORMULA_START) else value
    if value is None:
        return ""
    if kind is float:
        return repr(value) if value != int(value) else str(int(value))
    return value


@contextmanager
def atomic_open(path: Path, newline: str | None = None, *, binary: bool = False
                ) -> Iterator[Any]:
    """Open ``path`` for writing (text, or bytes if ``binary``) under a unique temporary
    name; it appears under its own name only once complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are for sharing
    try:
        handle = os.fdopen(fd, "wb") if binary else \
            os.fdopen(fd, "w", encoding="utf-8", newline=newline)
        with handle as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> int:
    """Write rows (mappings) as an RFC 4180 CSV with the given columns; returns the row count."""
    n = 0
    with atomic_open(path, newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([safe_cell(row.get(c)) for c in columns])
            n += 1
    return n


def write_jsonl(path: Path, fields: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> int:
    """Write rows as JSON Lines with keys in ``fields`` order; returns the row count."""
    n = 0
    encode = json.JSONEncoder(ensure_ascii=False).encode
    with atomic_open(path, newline="\n") as fh:
        for row in rows:
            fh.write(encode({f: row.get(f) for f in fields}))
            fh.write("\n")
            n += 1
    return n


def in_parallel(*tasks: Callable[[], None]) -> None:
    """Run ``tasks``: the first ones in forked processes, the last one here; raises if any
    failed (a forked task writes files, it returns nothing)."""
    if len(tasks) < 2 or "fork" not in mp.get_all_start_methods():
        for task in tasks:
            task()
        return
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=_run, args=(task,)) for task in tasks[:-1]]
    for proc in procs:
        proc.start()
    try:
        tasks[-1]()
    finally:
        for proc in procs:
            proc.join()
    failed = [proc.exitcode for proc in procs if proc.exitcode != 0]
    if failed:
        raise OSError(f"writing an output file failed in a worker process (exit {failed[0]})")


def _run(task: Callable[[], None]) -> None:
    try:
        task()
    except BaseException as exc:  # the parent reports it; the child says why
        sys.stderr.write(f"newsgraph: error: {exc}\n")
        os._exit(1)
