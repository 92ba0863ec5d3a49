"""A tiny text progress bar for long management commands (seed, import).

    bar = ProgressBar(self.stdout, total=100_000, label="Ωφελούμενοι")
    bar.update(50_000)   # Ωφελούμενοι [###############...............]  50% 50000/100000
    bar.finish()

On a terminal the bar is redrawn in place; elsewhere (logs, CI, tests) it writes a new line
only every tenth of the way, so a log of a 100,000-row run stays eleven lines long.
"""

from __future__ import annotations

from typing import TextIO

LOG_STEPS = 10


class ProgressBar:
    """Draw `[#####.....] 50% 50000/100000` for a job of `total` units on `stream`."""

    def __init__(self, stream: TextIO, total: int, *, width: int = 30, label: str = "") -> None:
        self.stream = stream
        self.total = max(total, 0)
        self.width = width
        self.label = label
        self.done = 0
        self._interactive = bool(getattr(stream, "isatty", lambda: False)())
        self._last_step = -1
        self._finished = False

    def render(self, done: int) -> str:
        """The bar's text for `done` units (without a line ending)."""
        fraction = min(done / self.total, 1.0) if self.total else 1.0
        filled = round(fraction * self.width)
        bar = "#" * filled + "." * (self.width - filled)
        prefix = f"{self.label} " if self.label else ""
        return f"{prefix}[{bar}] {fraction:4.0%} {done}/{self.total}"

    def update(self, done: int) -> None:
        """Record that `done` units (a running total, not an increment) are finished."""
        self.done = min(max(done, 0), self.total) if self.total else done
        if self._interactive:
            self._write("\r" + self.render(self.done))
            return
        step = (self.done * LOG_STEPS // self.total) if self.total else LOG_STEPS
        if step != self._last_step:
            self._last_step = step
            self._write(self.render(self.done) + "\n")

    def advance(self, units: int = 1) -> None:
        self.update(self.done + units)

    def finish(self) -> None:
        """Draw the full bar once and end its line."""
        if self._finished:
            return
        self._finished = True
        if self._interactive:
            self._write("\r" + self.render(self.total) + "\n")
        elif self._last_step != LOG_STEPS or self.done != self.total:
            self._last_step = LOG_STEPS
            self._write(self.render(self.total) + "\n")

    def _write(self, text: str) -> None:
        # Django's OutputWrapper adds its own line ending unless told not to.
        try:
            self.stream.write(text, ending="")
        except TypeError:
            self.stream.write(text)
        self.stream.flush()
