"""Progress bars of long management commands (seed, import, bench), drawn by tqdm.

    bar = ProgressBar(self.stdout, total=100_000, label="Ωφελούμενοι")
    seed(progress=bar.update)   # callbacks report a running total of units done
    bar.finish()

On a terminal tqdm redraws the bar in place; elsewhere (logs, CI, tests) it writes a new line
at most every few seconds, so a log of a long run stays short.
"""

from __future__ import annotations

from typing import TextIO

from tqdm import tqdm

# Outside a terminal, at most one line per this many seconds (plus the first and the last).
LOG_INTERVAL_SECONDS = 5


class ProgressBar:
    """A tqdm bar for a job of `total` units on `stream` (a file or Django's OutputWrapper)."""

    def __init__(self, stream: TextIO, total: int, *, label: str = "") -> None:
        # Django's OutputWrapper adds a line ending to every write; tqdm needs the raw stream.
        out = getattr(stream, "_out", stream)
        interactive = bool(getattr(out, "isatty", lambda: False)())
        self._bar = tqdm(
            total=max(total, 0),
            desc=label or None,
            file=out,
            ascii=not interactive,
            mininterval=0.1 if interactive else LOG_INTERVAL_SECONDS,
            dynamic_ncols=interactive,
            ncols=None if interactive else 80,
            leave=True,
        )

    def update(self, done: int) -> None:
        """Record that `done` units (a running total, not an increment) are finished."""
        done = min(max(done, 0), self._bar.total) if self._bar.total else max(done, 0)
        if done != self._bar.n:
            self._bar.update(done - self._bar.n)

    def finish(self) -> None:
        """Draw the bar complete and end its line."""
        self.update(self._bar.total)
        self._bar.refresh()
        self._bar.close()
