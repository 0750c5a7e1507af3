"""Start the built-in sandbox off the GUI thread and hand back a Connection to it."""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from aitems_desktop.gui.operations import run_in_background
from aitems_desktop.gui.worker import WorkerRegistry

if TYPE_CHECKING:
    from aitems_desktop.core.connection import Connection

log = logging.getLogger(__name__)


def _start_sandbox(stack: contextlib.ExitStack, latency_ms: int, time_scale: float) -> Any:
    from aitems_desktop.sandbox import SandboxServer

    kwargs: dict[str, Any] = {"seed_demo": True, "time_scale": time_scale}
    if latency_ms:
        kwargs["latency_ms"] = latency_ms
    return stack.enter_context(SandboxServer(**kwargs))


def sandbox_connection(server: Any) -> Connection:
    """The connection to a running sandbox, named as the status bar and the switcher show it."""
    # Imported here, not before the window's first paint (see app.py).
    from aitems_desktop.core.connection import Connection

    return Connection(
        label=QCoreApplication.translate("SandboxLauncher", "sandbox"),
        base_url=str(getattr(server, "base_url", "")),
        access_key=str(getattr(server, "access_key", "")),
        secret_key=str(getattr(server, "secret_key", "")),
        is_sandbox=True,
        source=QCoreApplication.translate("SandboxLauncher", "built-in, demo data"),
        # The dataset wizard uploads its CSV files here.
        object_storage_url=str(getattr(server, "object_storage_url", "")),
    )


class SandboxLauncher(QObject):
    """Owns the in-process sandbox for ``--sandbox`` and ``--self-test``."""

    started = Signal(object)  # Connection
    failed = Signal(str)

    def __init__(
        self,
        registry: WorkerRegistry,
        latency_ms: int = 0,
        parent: QObject | None = None,
        *,
        time_scale: float = 1.0,
    ) -> None:
        super().__init__(parent)
        self._registry = registry
        self._latency_ms = latency_ms
        #: Simulated time (trainings, schedules, datasets) runs this many times faster.
        self._time_scale = time_scale
        self._stack = contextlib.ExitStack()
        self.server: Any = None

    @Slot()
    def start(self) -> None:
        import functools

        run_in_background(
            self._registry,
            functools.partial(_start_sandbox, self._stack, self._latency_ms, self._time_scale),
            on_success=self._started,
            on_failure=self._failed,
            name="sandbox-start",
            parent=self,
        )

    @Slot(object)
    def _started(self, server: object) -> None:
        self.server = server
        log.info("sandbox listening at %s", getattr(server, "base_url", ""))
        self.started.emit(sandbox_connection(server))

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        log.error("the sandbox did not start: %r", error)
        self.failed.emit(f"{type(error).__name__}: {error}")

    def stop(self) -> None:
        try:
            self._stack.close()
        except Exception:
            log.exception("stopping the sandbox failed")
