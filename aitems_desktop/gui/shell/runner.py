"""One GUI runner: run core work off the GUI thread, then call back on it.

Every call the window makes goes through :class:`Runner`: a job takes the connection's
:class:`~aitems_desktop.core.api.AitemsApi` and runs on a worker thread; its result or its
typed error comes back to a bound method on the GUI thread. The runner

- imports the core once, on one worker thread, after the first paint, and starts no job
  before that import is done, so no two threads ever import the core at the same time;
- refuses a second job with the same ``key`` while the first runs, so one intention (a click
  on Create, on Train) can never send two requests;
- gives each job a view of the API with a cancel of its own, so cancelling one job stops its
  calls and no other's;
- drops every late result: a cancelled job's, and any job's that ran for a connection the
  window has since left (a profile switch), so one profile's data never shows under another's
  name;
- cancels everything in flight when the connection changes or the window closes.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

from aitems_desktop.gui.worker import Worker, WorkerRegistry

if TYPE_CHECKING:
    from aitems_desktop.core.api import AitemsApi
    from aitems_desktop.core.connection import Connection

log = logging.getLogger(__name__)

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]

#: A job that belongs to no connection (file I/O, a CSV check): a switch never drops it.
LOCAL = -1


class Task(QObject):
    """One job. ``done`` is emitted once: after success, failure or cancel."""

    done = Signal()

    def __init__(
        self,
        runner: Runner,
        job: Callable[..., Any],
        on_success: Success,
        on_failure: Failure | None,
        *,
        key: str | None,
        label: str,
        generation: int,
    ) -> None:
        super().__init__(runner)
        self.key = key
        self.label = label
        self.generation = generation
        self._runner = runner
        self._job = job
        self._on_success = on_success
        self._on_failure = on_failure
        self._worker: Worker | None = None
        self._over = False

    @property
    def is_running(self) -> bool:
        return not self._over

    @property
    def needs_api(self) -> bool:
        return self.generation != LOCAL

    def cancel(self) -> None:
        """Stop waiting now: the job's calls are cancelled and its result is dropped."""
        if self._over:
            return
        if self._worker is not None:
            self._worker.cancel()
        self._end()

    def start(self, registry: WorkerRegistry, api: AitemsApi | None) -> None:
        if self._over:
            return
        job: Callable[[], Any]
        if self.needs_api:
            assert api is not None  # the runner gives every connection job its view
            job = functools.partial(_run_job, self._job, api)
        else:
            job = self._job
        cancel = api.cancel if api is not None else None
        self._worker = Worker(job, cancel, name=self.label or "task")
        self._worker.succeeded.connect(self._succeeded)
        self._worker.failed.connect(self._failed)
        registry.start(self._worker)

    def _current(self) -> bool:
        return self.generation in (LOCAL, self._runner.generation)

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        if self._over:
            return
        current = self._current()
        self._end()
        if current:
            self._on_success(result)

    @Slot(object)
    def _failed(self, error: object) -> None:
        if self._over:
            return
        current = self._current()
        self._end()
        if not current:
            return
        assert isinstance(error, BaseException)
        if self._on_failure is not None:
            self._on_failure(error)
        else:
            self._runner.unhandled_failure.emit(error, self.label)

    def _end(self) -> None:
        self._over = True
        self._runner._task_over(self)
        self.done.emit()
        self.deleteLater()


class Runner(QObject):
    """Runs jobs against the current connection; see the module docstring."""

    #: The number of jobs in flight changed (for a busy indicator).
    busy_changed = Signal(int)
    #: A job failed and its caller gave no failure handler: (error, label).
    unhandled_failure = Signal(object, str)
    #: An attempt finished (the engine's record, re-emitted on the GUI thread).
    call_recorded = Signal(object)
    #: The core finished importing; jobs start from now on.
    core_ready = Signal()
    #: The core could not be imported: nothing will run (the message says why).
    core_failed = Signal(str)
    _record = Signal(object)

    def __init__(self, registry: WorkerRegistry, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.generation = 0
        self._connection: Connection | None = None
        self._api: AitemsApi | None = None
        self._tasks: list[Task] = []
        self._waiting: list[Task] = []
        self._core_ready = False
        self._core_loading = False
        #: Options for each connection's engine (timeouts, retries, back-off: see
        #: :class:`~aitems_desktop.core.engine.Engine`); the app keeps the defaults.
        self.engine_options: dict[str, Any] = {}
        # Observer calls arrive on worker threads; a queued signal brings them here.
        self._record.connect(self.call_recorded)

    # --- the core import --------------------------------------------------------------

    def load_core(self) -> None:
        """Import the core on one worker thread; jobs asked for meanwhile wait for it."""
        if self._core_ready or self._core_loading:
            return
        self._core_loading = True
        worker = Worker(_import_core, name="load-core")
        worker.succeeded.connect(self._core_loaded)
        worker.failed.connect(self._core_failed)
        self.registry.start(worker)

    @property
    def is_core_ready(self) -> bool:
        return self._core_ready

    @Slot(object)
    def _core_loaded(self, _: object) -> None:
        self._core_ready = True
        self._core_loading = False
        waiting, self._waiting = self._waiting, []
        for task in waiting:
            self._start(task)
        self.core_ready.emit()

    @Slot(object)
    def _core_failed(self, error: object) -> None:
        self._core_loading = False
        log.error("importing the core failed: %r", error)
        self.core_failed.emit(f"{type(error).__name__}: {error}")
        waiting, self._waiting = self._waiting, []
        for task in waiting:
            task._failed(error)

    # --- the connection -----------------------------------------------------------------

    @property
    def connection(self) -> Connection | None:
        return self._connection

    def set_connection(self, connection: Connection | None) -> None:
        """Talk to ``connection`` from now on; everything in flight for the old one is dropped."""
        for task in list(self._tasks):
            if task.needs_api:
                task.cancel()
        self.generation += 1
        old, self._api = self._api, None
        if old is not None:
            old.close()
        self._connection = connection

    def root_api(self) -> AitemsApi | None:
        """The connection's API (made on first use, once the core is loaded)."""
        return self._root_api()

    def _root_api(self) -> AitemsApi | None:
        if self._api is None and self._connection is not None and self._core_ready:
            self._api = self._connection.api(**self.engine_options)
            self._api.engine.add_observer(self._record.emit)
        return self._api

    def close(self) -> None:
        """Cancel everything and close the connection's pooled sockets (at exit)."""
        self.cancel_all()
        if self._api is not None:
            self._api.close()
            self._api = None

    # --- jobs -----------------------------------------------------------------------------

    def run(
        self,
        job: Callable[[AitemsApi], Any],
        on_success: Success,
        on_failure: Failure | None = None,
        *,
        key: str | None = None,
        label: str = "",
        owner: QObject | None = None,
    ) -> Task | None:
        """Run ``job(api)`` off the GUI thread; None when not connected or ``key`` is busy.

        ``owner``: the object the answer is for; once it is deleted the task is cancelled and
        its answer dropped (a dialog closed while it waits is deleted).
        """
        if self._connection is None:
            return None
        return self._submit(job, on_success, on_failure, key, label, self.generation, owner)

    def run_local(
        self,
        job: Callable[[], Any],
        on_success: Success,
        on_failure: Failure | None = None,
        *,
        key: str | None = None,
        label: str = "",
        owner: QObject | None = None,
    ) -> Task | None:
        """Run ``job()`` (file I/O, a CSV check) off the GUI thread; no connection needed.

        ``owner``: as for :meth:`run`.
        """
        return self._submit(job, on_success, on_failure, key, label, LOCAL, owner)

    def _submit(
        self,
        job: Callable[..., Any],
        on_success: Success,
        on_failure: Failure | None,
        key: str | None,
        label: str,
        generation: int,
        owner: QObject | None = None,
    ) -> Task | None:
        if key is not None and self.is_running(key):
            log.info("%s is already running; not starting it again", key)
            return None
        task = Task(self, job, on_success, on_failure, key=key, label=label, generation=generation)
        if owner is not None:
            owner.destroyed.connect(task.cancel)
        self._tasks.append(task)
        self.busy_changed.emit(len(self._tasks))
        if self._core_ready:
            self._start(task)
        else:
            self._waiting.append(task)
            self.load_core()
        return task

    def _start(self, task: Task) -> None:
        if not task.is_running:
            return
        api = None
        if task.needs_api:
            root = self._root_api()
            if root is None:
                task.cancel()
                return
            api = root.scoped()
        task.start(self.registry, api)

    def is_running(self, key: str) -> bool:
        return any(t.key == key and t.is_running for t in self._tasks)

    def running(self) -> list[Task]:
        return [t for t in self._tasks if t.is_running]

    def cancel(self, key: str) -> None:
        for task in list(self._tasks):
            if task.key == key:
                task.cancel()

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    def _task_over(self, task: Task) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        if task in self._waiting:
            self._waiting.remove(task)
        self.busy_changed.emit(len(self._tasks))


def _import_core() -> None:
    """Everything a job may need, imported once before any job runs.

    When two threads import, for the first time and at the same moment, a package whose
    modules import each other in a cycle (pydantic does), Python's import machinery can hand
    one of them a partly initialised module. Importing here, on one thread, before any other
    worker starts, means no job ever imports these for the first time.
    """
    import keyring  # noqa: F401

    import aitems_desktop.core.api
    import aitems_desktop.core.connection
    import aitems_desktop.core.credentials
    import aitems_desktop.core.csvfile
    import aitems_desktop.core.objectstorage
    import aitems_desktop.core.profiles
    import aitems_desktop.core.usecases  # noqa: F401


def _run_job(job: Callable[[AitemsApi], Any], api: AitemsApi) -> Any:
    """``job(api)`` on its worker thread, whose connections are closed when it ends (the
    thread ends with the job: kept open, each would hold one of the server's slots)."""
    try:
        return job(api)
    finally:
        api.engine.close_thread_session()
