"""A progress line for long jobs: how many of how many, and about how long it still takes."""

from __future__ import annotations

import time
from collections.abc import Callable

import click

# A rate measured over less than this says little, so no estimate is shown before it.
SETTLE_SECONDS = 5.0
SETTLE_ROWS = 3
LOG_INTERVAL = 5.0  # seconds between full lines when stderr is a log file or a pipe


def time_left(seconds: float) -> str:
    """An estimate of the time left, in words: rounded to minutes, as it is only an estimate."""
    if seconds < 60:
        return "nog minder dan een minuut"
    minutes = max(1, round(seconds / 60))
    return f"nog ongeveer {minutes} {'minuut' if minutes == 1 else 'minuten'}"


def _to_stderr(text: str) -> None:
    click.echo(text, err=True, nl=False)


class ProgressLine:
    """Shows "Paspoorten: 57 van 330, nog ongeveer 2 minuten" while a job runs.

    On a terminal one line is rewritten in place; in a log file or a pipe a full line is
    written at the start, every LOG_INTERVAL seconds and at `close`, so a log never stays
    silent and never fills with a line per pupil.
    The estimate comes from the rate since the first call: what the job counts at once before
    it starts (rows an earlier run finished) does not make it look faster than it is.
    """

    def __init__(
        self,
        label: str,
        *,
        terminal: bool,
        write: Callable[[str], None] = _to_stderr,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.terminal = terminal
        self.write = write
        self.clock = clock
        self.start: tuple[float, int] | None = None  # (time, count) of the first call
        self.last = ""  # the latest text
        self.shown = ""  # the text last written
        self.shown_at = 0.0

    def __call__(self, done: int, total: int | None = None) -> None:
        now = self.clock()
        first = self.start is None
        if self.start is None:
            self.start = (now, done)
        self.last = self.text(done, total, now)
        if self.terminal:
            self._rewrite(self.last)
        elif first or now - self.shown_at >= LOG_INTERVAL:
            self._line(self.last, now)

    def close(self) -> None:
        """End the progress output: the terminal line is ended, a log gets the last count.
        Closing again does nothing, so a command may close before a message and in `finally`."""
        if self.terminal and self.shown:
            self.write("\n")
        elif not self.terminal and self.last and self.last != self.shown:
            self._line(self.last, self.clock())
        self.last = self.shown = ""

    def text(self, done: int, total: int | None, now: float) -> str:
        count = f"{done} van {total}" if total else str(done)
        left = self.seconds_left(done, total, now)
        return f"{self.label}: {count}" + (f", {time_left(left)}" if left is not None else "")

    def seconds_left(self, done: int, total: int | None, now: float) -> float | None:
        """None while the rate is not yet worth an estimate, or when there is no total."""
        if self.start is None or not total or done >= total:
            return None
        began, counted = self.start
        elapsed, rows = now - began, done - counted
        if elapsed < SETTLE_SECONDS or rows < SETTLE_ROWS:
            return None
        return (total - done) * elapsed / rows

    def _rewrite(self, text: str) -> None:
        # Spaces wipe what a longer previous line left; \r alone works on every terminal.
        self.write("\r" + text.ljust(len(self.shown)))
        self.shown = text

    def _line(self, text: str, now: float) -> None:
        self.write(text + "\n")
        self.shown, self.shown_at = text, now
