"""One run per output folder at a time: an advisory lock on ``<out>/.newsgraph.lock``.

The lock goes with the process (the operating system releases it when the process ends, even
on kill -9), so a crashed run never leaves a folder locked.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import NewsgraphError
from ..types import LOCK_FILE

LOCK_NAME = LOCK_FILE


@contextmanager
def folder_lock(out: Path, *, wait: bool = True,
                on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock of ``out`` for the block. Another holder makes this wait (telling
    ``on_wait`` once) or, without ``wait``, raise :class:`NewsgraphError`."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            message = f"{out}: another newsgraph run (pid {holder}) is writing here"
            if not wait:
                raise NewsgraphError(f"{message}; wait for it, or leave out --no-wait to "
                                     "queue behind it") from None
            if on_wait is not None:
                on_wait(f"{message}; waiting for it to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock
