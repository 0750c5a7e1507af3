"""Run one blocking job on a QThread and report back through signals.

The shape follows superqt's workers: the QObject that holds the signals is moved onto its
own QThread, ``run()`` catches everything and always emits ``finished``, and the result of a
cancelled job is dropped. Results reach widgets only through queued signals connected to
slots of GUI-thread objects; nothing here touches a widget.

Every running worker sits in a :class:`WorkerRegistry` so that quitting can cancel them all,
ask each thread to quit and wait a bounded time. Threads are never terminated.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6 import QtCore
from PySide6.QtCore import QDeadlineTimer, QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)

Job = Callable[[], object]
CancelHook = Callable[[], None]


def _done() -> object:
    raise RuntimeError("this worker has run its job already")


class Worker(QObject):
    """Runs ``job`` once on the thread it is moved to."""

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, job: Job, cancel_hook: CancelHook | None = None, name: str = "") -> None:
        super().__init__()
        self._job = job
        self._cancel_hook = cancel_hook
        self._cancelled = threading.Event()
        self.name = name or "worker"

    @property
    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        """Stop waiting: the job is asked to stop and its result will be dropped.

        Safe from any thread; the hook (for example the client's ``cancel``) must be too.
        """
        if self._cancelled.is_set():
            return
        self._cancelled.set()
        if self._cancel_hook is not None:
            try:
                self._cancel_hook()
            except Exception:
                log.exception("cancelling %s failed", self.name)

    @Slot()
    def run(self) -> None:
        try:
            result = self._job()
        except BaseException as exc:  # the thread must always finish and say so
            if not self.is_cancelled:
                self.failed.emit(exc)
            else:
                log.debug("%s failed after cancel: %r (dropped)", self.name, exc)
        else:
            if not self.is_cancelled:
                self.succeeded.emit(result)
            else:
                log.debug("%s finished after cancel; result dropped", self.name)
        finally:
            # The job (a partial holding a client, a request...) is not needed any more; the
            # worker itself may wait for its deleteLater a while.
            self._job = _done
            self.finished.emit()


class WorkerRegistry(QObject):
    """Owns every running worker and its thread until the thread has finished."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: dict[QThread, Worker] = {}

    def start(self, worker: Worker) -> None:
        thread = QThread()
        thread.setObjectName(worker.name)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        # Direct: the thread's loop stops even while the GUI thread is busy or shutting down.
        worker.finished.connect(thread.quit, QtCore.Qt.ConnectionType.DirectConnection)
        thread.finished.connect(self._thread_finished)
        self._running[thread] = worker
        thread.start()

    @Slot()
    def _thread_finished(self) -> None:
        thread = self.sender()
        if isinstance(thread, QThread):
            worker = self._running.pop(thread, None)
            if worker is not None:
                worker.deleteLater()
            thread.deleteLater()

    def running_count(self) -> int:
        return len(self._running)

    def cancel_all(self) -> None:
        for worker in list(self._running.values()):
            worker.cancel()

    def shutdown(self, timeout_ms: int = 800) -> bool:
        """Cancel everything and wait up to ``timeout_ms`` in total; True if all stopped."""
        self.cancel_all()
        deadline = QDeadlineTimer(timeout_ms)
        all_stopped = True
        for thread in list(self._running):
            thread.quit()
            if not thread.wait(deadline):
                log.warning("thread %s still running at shutdown", thread.objectName())
                all_stopped = False
            else:
                # The finished signal is queued to us; drop the thread here so nothing
                # outlives the event loop that would have delivered it.
                worker = self._running.pop(thread)
                worker.deleteLater()
                thread.deleteLater()
        return all_stopped
