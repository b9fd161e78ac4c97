"""Progress of a run: a bar with a total and an estimate of the time left on a terminal, a
plain line every so often in a log (a file or a pipe gets no carriage returns).

While the dumps are read, the total is an estimate (the articles found so far, scaled by
the share of the input files read); once all are read, it is the articles found. The bar
counts the articles analysed.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from tqdm import tqdm

# tqdm's monitor thread would make the process multi-threaded when it forks its workers and
# output writers (unsafe, and a DeprecationWarning from Python 3.12 on); set for the whole
# package, as ``pipeline`` imports this module through its API
tqdm.monitor_interval = 0


class Progress:
    """Articles found and analysed; shown on ``stream`` (stderr) unless ``enabled`` is off."""

    def __init__(self, enabled: bool = True, stream: TextIO | None = None,
                 every: float = 30.0) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.total = 0
        self.done = 0
        self._found = 0
        self._expected = 0
        self.every = every
        self._start = time.monotonic()
        self._last = self._start
        self._bar: tqdm | None = None
        if enabled and self.stream.isatty():
            self._bar = tqdm(total=0, desc="analysed", unit="article", file=self.stream,
                             leave=False, delay=1.0, dynamic_ncols=True)

    def found(self, n: int) -> None:
        """``n`` more articles to analyse."""
        self._found += n
        self._set_total()

    @property
    def total_found(self) -> int:
        """The articles found so far."""
        return self._found

    def expect(self, n: int) -> None:
        """About ``n`` articles to analyse in all, once every input is read (0: no more
        estimate, the articles found are the total)."""
        self._expected = n
        self._set_total()

    def _set_total(self) -> None:
        self.total = max(self._found, self._expected, self.done)
        if self._bar is not None:
            self._bar.total = self.total
            self._bar.refresh()

    def advance(self, n: int) -> None:
        """``n`` more articles analysed."""
        self.done += n
        self.total = max(self.total, self.done)
        if self._bar is not None:
            self._bar.total = self.total
            self._bar.update(n)
        elif self.enabled and time.monotonic() - self._last >= self.every:
            self._last = time.monotonic()
            self.stream.write(f"newsgraph: {self.line()}\n")
            self.stream.flush()

    def line(self) -> str:
        """``analysed 640 of 2132 articles (30 %), about 1 min left``."""
        elapsed = time.monotonic() - self._start
        share = self.done / self.total if self.total else 0.0
        text = f"analysed {self.done} of {self.total} articles ({100 * share:.0f} %)"
        if 0 < share < 1:
            left = elapsed * (1 - share) / share
            text += f", about {left / 60:.0f} min left" if left >= 90 else \
                f", about {left:.0f} s left"
        return text

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
