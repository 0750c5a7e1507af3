"""Run start-up work after the window's first frame, not before it.

A zero-delay timer set before ``show()`` fires *before* the first paint (the paint is
itself a posted event that comes later), so work meant to stay off the critical path
(the log file, the icon, the sandbox) waits for the window's first paint event instead.

``AITEMS_DESKTOP_EXIT_AFTER_FIRST_PAINT=1`` is the startup benchmark's probe: the app
prints ``first-paint <time.monotonic()>`` (one clock for every process on the machine)
once the first frame is done, and quits. A bare PySide6 window is measured the same way
(``benchmarks/probes/bare_window.py``).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

EXIT_AFTER_FIRST_PAINT_ENV = "AITEMS_DESKTOP_EXIT_AFTER_FIRST_PAINT"
#: If the window is never painted (started hidden or minimised), run the work anyway.
FALLBACK_MS = 1000


class AfterFirstPaint(QObject):
    """Calls each callback once, right after the watched window's first frame."""

    def __init__(self, window: QObject, callbacks: Sequence[Callable[[], object]]) -> None:
        super().__init__(window)
        self._window = window
        self._callbacks = list(callbacks)
        window.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self._callbacks:
            # The window paints first and its children right after, in the same pass:
            # a zero timer set now fires once that whole frame is painted and flushed.
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        callbacks, self._callbacks = self._callbacks, []
        if callbacks:
            self._window.removeEventFilter(self)
        for callback in callbacks:
            try:
                callback()
            except Exception:
                # A bug, shown as one (the excepthook's dialog); the rest still runs, or
                # the app would sit half-started (no core, no credentials) behind it.
                sys.excepthook(*sys.exc_info())


def report_first_paint_and_quit() -> None:
    try:
        print(f"first-paint {time.monotonic():.6f}", flush=True)
    finally:  # a closed or full stdout still ends the probe's run
        QCoreApplication.quit()
