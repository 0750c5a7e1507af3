"""The front door for background work: run this off the GUI thread, then do that.

Modelled on Anki's ``QueryOp``: the caller hands over a blocking job and bound methods to
call with its result or its exception; the operation lives on the GUI thread, receives the
worker's queued signals in its own slots, and drops anything that arrives after
:meth:`Operation.cancel`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from aitems_desktop.gui.worker import CancelHook, Job, Worker, WorkerRegistry

SuccessHandler = Callable[[object], None]
FailureHandler = Callable[[BaseException], None]


class Operation(QObject):
    """One job in flight. ``done`` is emitted once, on success, failure or cancel."""

    done = Signal()

    def __init__(
        self,
        registry: WorkerRegistry,
        job: Job,
        *,
        on_success: SuccessHandler,
        on_failure: FailureHandler,
        cancel_hook: CancelHook | None = None,
        name: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._registry = registry
        self._on_success = on_success
        self._on_failure = on_failure
        self._worker = Worker(job, cancel_hook, name)
        self._finished = False
        self._cancelled = False
        # Queued connections (the worker lives on another thread) to slots of this
        # GUI-thread object: no lambda ever crosses the thread boundary.
        self._worker.succeeded.connect(self._succeeded)
        self._worker.failed.connect(self._failed)

    @property
    def is_running(self) -> bool:
        return not self._finished

    def start(self) -> Operation:
        self._registry.start(self._worker)
        return self

    def cancel(self) -> None:
        """Stop waiting now; whatever the job returns later is dropped."""
        if self._finished:
            return
        self._cancelled = True
        self._worker.cancel()
        self._finish()

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        if self._finished or self._cancelled:
            return
        on_success = self._on_success
        self._finish()
        on_success(result)

    @Slot(object)
    def _failed(self, error: object) -> None:
        if self._finished or self._cancelled:
            return
        on_failure = self._on_failure
        self._finish()
        assert isinstance(error, BaseException)
        on_failure(error)

    def _finish(self) -> None:
        self._finished = True
        # The handlers are bound methods of the owner, which holds this operation: let go of
        # them, so that the pair is not a reference cycle left for the collector.
        self._on_success = _ignore
        self._on_failure = _ignore
        self.done.emit()


def _ignore(_: object) -> None:
    pass


def run_in_background(
    registry: WorkerRegistry,
    job: Job,
    *,
    on_success: SuccessHandler,
    on_failure: FailureHandler,
    cancel_hook: CancelHook | None = None,
    name: str = "",
    parent: QObject | None = None,
) -> Operation:
    """Start ``job`` on a worker thread and return the operation that tracks it."""
    return Operation(
        registry,
        job,
        on_success=on_success,
        on_failure=on_failure,
        cancel_hook=cancel_hook,
        name=name,
        parent=parent,
    ).start()
