"""The progress of ``--wait``: one line that updates in place on a terminal, plain lines
(one per change) otherwise, always on stderr so stdout keeps only the result."""

from __future__ import annotations

import time
from typing import TextIO


def _elapsed(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m {seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"


class Progress:
    """``label: state (elapsed)``, redrawn on a TTY, printed on each change otherwise."""

    def __init__(self, label: str, stream: TextIO, *, enabled: bool = True) -> None:
        self.label = label
        self.stream = stream
        self.enabled = enabled
        try:
            self.tty = stream.isatty()
        except (AttributeError, ValueError):
            self.tty = False
        self._started = time.monotonic()
        self._last: str | None = None
        self._width = 0

    def update(self, state: str) -> None:
        """Show ``state`` (the line is redrawn on a TTY even when it did not change, so the
        elapsed time moves)."""
        if not self.enabled:
            return
        if self.tty:
            line = f"{self.label}: {state} ({_elapsed(time.monotonic() - self._started)})"
            pad = max(0, self._width - len(line))
            self.stream.write("\r" + line + " " * pad)
            self.stream.flush()
            self._width = len(line)
        elif state != self._last:
            stamp = _elapsed(time.monotonic() - self._started)
            self.stream.write(f"{self.label}: {state} (after {stamp})\n")
            self.stream.flush()
        self._last = state

    def finish(self) -> None:
        """End the updating line, so what follows starts on a line of its own."""
        if self.enabled and self.tty and self._width:
            self.stream.write("\n")
            self.stream.flush()
            self._width = 0
