"""New service: the creation form in a dialog, one create per intention, nothing typed lost.

The form keeps its validators, inline messages and counter. A create runs the core's
``create_service`` use case: sent once, and after an unclear failure looked up (every field
compared) before anything is said. Whatever happens, what the person typed stays in the form
until the service exists; Esc and Close ask before they throw typed text away.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from aitems_desktop.gui.dialogs.discard import confirm_discard
from aitems_desktop.gui.error_panel import ErrorPanel
from aitems_desktop.gui.error_report import ErrorAction, ErrorReport, report_for
from aitems_desktop.gui.service_form import ServiceForm

if TYPE_CHECKING:
    from aitems_desktop.core.api import AitemsApi
    from aitems_desktop.gui.shell.runner import Runner, Task

log = logging.getLogger(__name__)

CREATE_KEY = "create-service"


class NewServiceDialog(QDialog):
    """Create a service; ``created`` carries the service (and the outcome) on success."""

    #: (service, outcome) with outcome "created", "recovered" or "already_existed".
    created = Signal(object, str)
    #: The person asked to see an existing service with the name: (name).
    open_existing = Signal(object)
    #: A create failed; the report is on screen above the form, as typed: (ErrorReport).
    failed = Signal(object)

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newServiceDialog")
        self.setWindowTitle(self.tr("New Service"))
        self.runner = runner
        self.form = ServiceForm(self, cancel_closes=True)
        self.error_panel = ErrorPanel(self)
        self.error_panel.open_existing_requested.connect(self._open_existing)
        self._task: Task | None = None
        self._existing: Any = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.error_panel)
        layout.addWidget(self.form)
        self.form.create_requested.connect(self._create)
        self.form.cancel_requested.connect(self._cancel_call)
        self.form.set_ready(runner.connection is not None)
        self.form.name_edit.setFocus()
        self.setMinimumWidth(520)

    # --- creating --------------------------------------------------------------------------

    @Slot(str, str, str)
    def _create(self, name: str, description: str, service_type: str) -> None:
        self.error_panel.dismiss()

        def create(api: AitemsApi) -> Any:
            from aitems_desktop.core.api import build
            from aitems_desktop.core.models import CreateServiceRequest
            from aitems_desktop.core.usecases import create_service

            request = build(
                CreateServiceRequest, name=name, description=description, type=service_type
            )
            return create_service(api, request)

        self._task = self.runner.run(
            create,
            self._done,
            self._failed,
            key=CREATE_KEY,
            label=f"create service {name}",
        )
        if self._task is not None:
            log.info("creating service %s (%s)", name, service_type)
        if self._task is None:
            # Another create is still running (from this dialog or another), or no connection.
            self.form.set_busy(False, self.tr("A create is already running."))
            return
        self.form.set_busy(True, self.tr("Creating {name}…").format(name=name))

    @Slot(object)
    def _done(self, created: Any) -> None:
        self._task = None
        outcome = str(created.outcome)
        log.info("service %s (%s): %s", created.resource.name, created.resource.service_id, outcome)
        self.form.set_busy(False)
        self.form.mark_created()
        self.created.emit(created.resource, outcome)
        self.accept()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        from aitems_desktop.core import errors

        self._task = None
        name = self.form.values()[0]
        # A create that never left this computer: say so (nothing was created).
        unsent = isinstance(error, errors.NetworkError) and not error.may_have_reached_server
        report = report_for(error, name=name, creating=unsent)
        self._existing = None
        if isinstance(error, errors.DuplicateNameError):
            self._existing = error.existing
        if isinstance(error, errors.OutcomeUnknownError):
            # The create may have happened: the way on is to look for it, not to send it again.
            report = dataclasses.replace(
                report,
                title=self.tr("Could not check whether the service was created"),
                hint=self.tr(
                    "The request to create {name} may have reached the service, and looking "
                    "for it failed too. Open the service by name before creating it again."
                ).format(name=name),
                action=ErrorAction.OPEN_EXISTING,
                name=name,
            )
        if getattr(error, "nothing_created", False):
            report = _with_hint(report, self.tr("Nothing was created: it is safe to try again."))
        if isinstance(error, errors.CancelledError) and error.may_have_reached_server:
            report = _with_hint(
                report,
                self.tr(
                    "The request may have reached the service before the cancel. Refresh the "
                    "list to see whether {name} exists; creating it again is safe: an existing "
                    "service with these same settings is found, not made twice."
                ).format(name=name),
            )
        self.form.set_busy(False)
        self.error_panel.show_report(report)
        self.failed.emit(report)

    @Slot(str)
    def _open_existing(self, name: str) -> None:
        self.open_existing.emit(self._existing if self._existing is not None else name)
        self.reject_without_asking()

    @Slot()
    def _cancel_call(self) -> None:
        """Cancel: stop waiting for a create that runs, or else close (asking first)."""
        if self._task is None:
            self.reject()
            return
        self._task.cancel()
        self._task = None
        self.form.set_busy(False)
        name = self.form.values()[0]
        self.error_panel.show_report(
            ErrorReport(
                title=self.tr("Stopped waiting"),
                message=self.tr(
                    "The request to create {name} may already have reached the service."
                ).format(name=name),
                hint=self.tr(
                    "Refresh the list to check. Creating it again is safe: an existing "
                    "service with these same settings is found, not made twice."
                ),
                kind="cancelled",
            )
        )

    # --- closing ------------------------------------------------------------------------------

    def _has_typed(self) -> bool:
        name, description, _ = self.form.values()
        return bool(name or description)

    def reject_without_asking(self) -> None:
        self._cancel_silently()
        super().reject()

    def reject(self) -> None:
        """Esc and Close: ask before typed text is thrown away; a call in flight is stopped."""
        if self._has_typed() and not self._discard_confirmed():
            return
        self._cancel_silently()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        unsaved = self._has_typed() and self.result() != QDialog.DialogCode.Accepted
        if unsaved and not self._discard_confirmed():
            event.ignore()
            return
        self._cancel_silently()
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # Enter is the form's (it creates once, or does nothing); the dialog's default button
        # must never take it.
        from PySide6.QtCore import Qt

        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.form.submit()
            return
        super().keyPressEvent(event)

    def _discard_confirmed(self) -> bool:
        return confirm_discard(
            self,
            self.tr("Discard the new service?"),
            self.tr("What you typed for the new service will be lost."),
        )

    def _cancel_silently(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None


def _with_hint(report: ErrorReport, extra: str) -> ErrorReport:
    hint = f"{report.hint} {extra}".strip() if report.hint else extra
    return dataclasses.replace(report, hint=hint)
