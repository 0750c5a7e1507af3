"""How a window says that it is not connected, and why: one place for every window.

A missing profile, a keyring that does not answer, a sandbox that did not start: each
becomes one :class:`~aitems_desktop.gui.error_report.ErrorReport` in the window's error
panel (with a button to the Credentials dialog when that is where it is fixed), and the
status bar and the form say only "Not connected". Nothing is said three times.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QStatusBar

    from aitems_desktop.core.connection import Connection
    from aitems_desktop.gui.error_panel import ErrorPanel
    from aitems_desktop.gui.error_report import ErrorReport
    from aitems_desktop.gui.worker import WorkerRegistry


class ConnectionHost(Protocol):
    """What a window offers the credentials controller (the workspace window does)."""

    workers: WorkerRegistry

    #: File > Credentials… (and the panel's button): open the Credentials dialog.
    @property
    def credentials_requested(self) -> SignalInstance: ...

    def connection(self) -> Connection | None: ...

    def set_connection(self, connection: Connection | None, pending: str = "") -> None: ...

    @property
    def error_panel(self) -> ErrorPanel: ...

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 (Qt's name)

    def tr(self, text: str) -> str: ...


def not_connected() -> str:
    """The short words for the status bar and the form while a report explains why."""
    return QCoreApplication.translate("ConnectionProblems", "Not connected")


def show_connection_problem(host: ConnectionHost, report: ErrorReport) -> None:
    """Leave ``host`` unconnected and show ``report`` in its error panel."""
    host.set_connection(None, not_connected())
    host.error_panel.show_report(report)


def sandbox_failure_report(message: str, log_path: str) -> ErrorReport:
    """The built-in sandbox did not start: what it said, and where the log file is."""
    from aitems_desktop.gui.error_report import ErrorReport

    return ErrorReport(
        title=QCoreApplication.translate("ConnectionProblems", "The sandbox did not start"),
        message=message,
        hint=QCoreApplication.translate(
            "ConnectionProblems", "The log file has the details: {path}"
        ).format(path=log_path),
        kind="sandbox",
    )
