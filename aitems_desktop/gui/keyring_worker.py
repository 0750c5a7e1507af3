"""Run one blocking call (keyring, Test connection) on a QThread, superqt-style.

A :class:`_Worker` QObject is moved to a fresh QThread and runs the callable; an
:class:`OffThreadCall` on the GUI thread relays its ``succeeded``/``failed``/``finished``
signals, so slots connected to it always run on the GUI thread. A cancelled call's late result
is dropped. (To be unified with the main window's generic worker.)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot


class _Worker(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, fn: Callable[[], object]) -> None:
        super().__init__()
        self._fn = fn

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # every failure is reported, none escapes the thread
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        finally:
            self.finished.emit()


class OffThreadCall(QObject):
    """One call of ``fn`` on its own QThread.

    ``succeeded(result)`` or ``failed(exception)``, then ``finished()``, arrive on the thread
    this object lives in (the GUI thread). After :meth:`cancel` neither ``succeeded`` nor
    ``failed`` is emitted; ``finished`` still is.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, fn: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancelled = False
        self._running = False
        self._thread = QThread()
        self._thread.setObjectName("aitems-off-thread-call")
        self._worker = _Worker(fn)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.succeeded.connect(self._relay_success)
        self._worker.failed.connect(self._relay_failure)
        self._worker.finished.connect(self._thread.quit)
        self._thread.finished.connect(self._on_thread_finished)

    def start(self) -> None:
        """Start the call."""
        self._running = True
        self._thread.start()

    def is_running(self) -> bool:
        """True until ``finished`` has been emitted."""
        return self._running

    def cancel(self) -> None:
        """Drop the result when it comes; the call itself finishes on its own."""
        self._cancelled = True

    def wait(self, msecs: int) -> bool:
        """Wait up to ``msecs`` for the thread to end; True when it has ended."""
        return self._thread.wait(msecs)

    def detach(self) -> None:
        """Keep this call alive after its parent goes: it deletes itself when it finishes.

        For a dialog closing while a keyring call still waits on an unlock prompt: a QThread
        must never be destroyed while it runs, and it must not be terminated either.
        """
        self.cancel()
        app = QCoreApplication.instance()
        self.setParent(app)

    @Slot(object)
    def _relay_success(self, result: object) -> None:
        if not self._cancelled:
            self.succeeded.emit(result)

    @Slot(object)
    def _relay_failure(self, error: object) -> None:
        if not self._cancelled:
            self.failed.emit(error)

    @Slot()
    def _on_thread_finished(self) -> None:
        # QThread.finished is emitted just *before* the thread ends; wait (briefly) so that
        # whoever hears our finished() sees a thread that is really gone.
        self._thread.wait()
        self._running = False
        self.finished.emit()
        if self.parent() is QCoreApplication.instance():
            self.deleteLater()
