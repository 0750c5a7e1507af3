"""Load what the first call needs on a worker, once the window is on screen.

requests, urllib3, pydantic and the models take a few hundred milliseconds to import.
Imported on first use they would freeze the window at the first click of Create (the
request model is built on the GUI thread); imported before the first paint they would
delay it. So they load on a worker right after the first paint, long before anyone has
typed a name.
"""

from __future__ import annotations

import functools
import logging

from PySide6.QtCore import QObject

from aitems_desktop.core.loading import load_core
from aitems_desktop.gui.operations import run_in_background
from aitems_desktop.gui.worker import WorkerRegistry

log = logging.getLogger(__name__)


def _import_core() -> None:
    load_core()
    import aitems_desktop.gui.error_report  # noqa: F401  (what a failed call reports with)


def _loaded(_: object) -> None:
    log.debug("core modules loaded")


def _failed(error: BaseException) -> None:
    # Not fatal: whatever failed here fails again, and is reported, on first use.
    log.warning("preloading the core modules failed: %r", error)


def preload_core(registry: WorkerRegistry, parent: QObject) -> None:
    """Start importing the client and the models in the background."""
    operation = run_in_background(
        registry,
        _import_core,
        on_success=_loaded,
        on_failure=_failed,
        name="preload-core",
        parent=parent,
    )
    operation.done.connect(operation.deleteLater)


def preload_later(registry: WorkerRegistry, parent: QObject) -> functools.partial[None]:
    """``preload_core`` bound to its arguments, for the after-first-paint list."""
    return functools.partial(preload_core, registry, parent)
