"""A one-line progress bar on stderr: done/total, percent, rate and time left."""

import sys
import time
from typing import TextIO

WIDTH = 24


def clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class Progress:
    def __init__(self, total: int, label: str, stream: TextIO | None = None,
                 every: float = 0.5):
        self.total, self.label, self.every = total, label, every
        self.stream = stream or sys.stderr
        self.done = 0
        self.started = self._last = time.monotonic()

    def advance(self, count: int = 1) -> None:
        self.done += count
        if time.monotonic() - self._last >= self.every:
            self._draw()

    def finish(self) -> None:
        self._draw()
        self.stream.write("\n")
        self.stream.flush()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        share = self.done / self.total if self.total else 1.0
        left = (self.total - self.done) / rate if rate and self.total > self.done else 0.0
        bar = "#" * int(WIDTH * min(share, 1.0))
        return (f"{self.label} [{bar:<{WIDTH}}] {self.done:,}/{self.total:,} {share:6.1%} "
                f"{rate:,.0f}/s ETA {clock(left)} elapsed {clock(elapsed)}")

    def _draw(self) -> None:
        self._last = time.monotonic()
        self.stream.write("\r" + self.line())
        self.stream.flush()


class NoProgress(Progress):
    def _draw(self) -> None:
        return None

    def finish(self) -> None:
        return None
