"""Ctrl+C (and SIGTERM) quit the app cleanly, with the exit code a shell expects.

Python runs a signal handler only when the main thread next executes Python code. While Qt's
event loop waits in C++, that can be much later, and then the ``KeyboardInterrupt`` surfaces
wherever Python code happens to run next: in an event filter, as a crash dialog. So, the
usual Qt pattern: the handler here asks the application to quit instead of raising, and
``signal.set_wakeup_fd`` writes a byte to a pipe (a socket pair on Windows, where the wakeup
fd must be a socket) that a ``QSocketNotifier`` watches, so that the event loop wakes and
runs a Python slot (and with it the handler) at once.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
from types import FrameType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal, Slot

if TYPE_CHECKING:
    import socket

log = logging.getLogger(__name__)

_SIGNALS = tuple(s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None)) if s is not None)


class InterruptWatcher(QObject):
    """While it exists, SIGINT and SIGTERM emit :attr:`interrupted` (with 128 + signal)."""

    #: The exit code to leave with: 130 for SIGINT, 143 for SIGTERM.
    interrupted = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.exit_code: int | None = None
        self._sockets: tuple[socket.socket, socket.socket] | None = None
        if sys.platform == "win32":
            import socket

            reader, writer = socket.socketpair()
            for end in (reader, writer):
                end.setblocking(False)
            self._sockets = (reader, writer)
            self._reader, self._writer = reader.fileno(), writer.fileno()
        else:
            # A pipe: the socket module is not imported before the first paint for this.
            self._reader, self._writer = os.pipe()
            for fd in (self._reader, self._writer):
                os.set_blocking(fd, False)
        self._previous_fd = signal.set_wakeup_fd(self._writer, warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(self._reader, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)
        self._previous = {number: signal.signal(number, self._handle) for number in _SIGNALS}
        from aitems_desktop import start_signals

        # A signal while the app started (see aitems_desktop.start_signals): acted on now.
        if start_signals.received:
            self._handle(start_signals.received[0], None)

    def _handle(self, number: int, frame: FrameType | None) -> None:
        # Runs on the main thread, between two Python instructions (perhaps inside code that
        # holds a lock this would need, logging's among them): only note and ask.
        if self.exit_code is None:
            self.exit_code = 128 + number
            # From the event loop: QCoreApplication.exit() before exec() has begun (a signal
            # while the window is built) does nothing, and the app would run on.
            QTimer.singleShot(0, self, self._emit)

    @Slot()
    def _emit(self) -> None:
        assert self.exit_code is not None
        log.info("%s received; quitting", signal.Signals(self.exit_code - 128).name)
        self.interrupted.emit(self.exit_code)

    @Slot()
    def _woken(self) -> None:
        # Being in Python code is the point: the interpreter has run the pending handler
        # before this line. The bytes only said "wake up".
        with contextlib.suppress(BlockingIOError, InterruptedError):
            if self._sockets:
                self._sockets[0].recv(512)
            else:
                os.read(self._reader, 512)

    def close(self) -> None:
        """Give the signals back to whoever had them."""
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._previous = {}
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        if self._sockets:
            for end in self._sockets:
                end.close()
        else:
            os.close(self._reader)
            os.close(self._writer)
