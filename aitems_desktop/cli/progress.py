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
            # The CR is the tool's own: the escaping stream would write it as text.
            control = getattr(self.stream, "control", self.stream.write)
            control("\r")
            self.stream.write(line + " " * pad)
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


def _size(count: int) -> str:
    if count < 1000 * 1000:
        return f"{count / 1000:.0f} kB"
    if count < 1000**3:
        return f"{count / 1000**2:.1f} MB"
    return f"{count / 1000**3:.2f} GB"


class Meter:
    """Bytes of a file done, as one line redrawn in place on a terminal.

    Only on a terminal: elsewhere a line for every block would flood a log, so a script sees
    the result alone. Redrawn at most every ``interval`` seconds (the first and the last
    update are always drawn). Called from the worker that reads or sends the file.
    """

    def __init__(
        self, label: str, stream: TextIO, *, enabled: bool = True, interval: float = 0.1
    ) -> None:
        self._line = Progress(label, stream, enabled=enabled)
        self._line.enabled = enabled and self._line.tty
        self._interval = interval
        self._drawn = -interval

    @property
    def shown(self) -> bool:
        """True when the line is drawn (a terminal, not --quiet)."""
        return self._line.enabled

    def update(self, done: int, total: int, what: str = "") -> None:
        """``what``: ``done`` of ``total`` bytes (with the share of the whole)."""
        if not self._line.enabled:
            return
        now = time.monotonic()
        if now - self._drawn < self._interval and done < total:
            return
        self._drawn = now
        share = f" ({100 * done // total}%)" if total > 0 else ""
        prefix = f"{what}: " if what else ""
        self._line.update(f"{prefix}{_size(done)} of {_size(total)}{share}")

    def finish(self) -> None:
        """End the line, so what follows starts on a line of its own."""
        self._line.finish()
