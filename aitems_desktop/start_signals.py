"""Ctrl+C and SIGTERM while the app starts: noted, acted on once the event loop runs.

Python's own SIGINT handler raises ``KeyboardInterrupt`` at the next Python instruction,
which while the app starts can be in the middle of PySide6's import: its half-built enum
classes then fail later in other modules, or shiboken aborts ("could not initialize part
2"). And SIGTERM's default action ends the process without a word. So the first thing the
app does is to install a handler that only notes the signal; the Qt-side watcher
(:class:`~aitems_desktop.gui.interrupts.InterruptWatcher`) takes the note over and quits as
soon as the event loop runs, with 130 or 143.
"""

from __future__ import annotations

import signal
from types import FrameType

_SIGNALS = tuple(s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None)) if s is not None)
#: The signals received before the watcher took over, in order.
received: list[int] = []


def _note(number: int, frame: FrameType | None) -> None:
    received.append(number)


def note_signals() -> None:
    """From now on SIGINT and SIGTERM are only noted (see :data:`received`)."""
    for number in _SIGNALS:
        signal.signal(number, _note)
