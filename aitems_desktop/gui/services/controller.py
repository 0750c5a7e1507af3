"""What the window does for services: create, edit, delete (and the dialogs they open)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from aitems_desktop.gui.error_report import ErrorReport, report_for
from aitems_desktop.gui.workspace.rows import Kind

if TYPE_CHECKING:
    from aitems_desktop.core.api import AitemsApi
    from aitems_desktop.gui.shell.runner import Runner
    from aitems_desktop.gui.workspace.state import Workspace

log = logging.getLogger(__name__)


class ServiceActions(QObject):
    """Opens the service dialogs and runs their calls; results land in the workspace."""

    #: Something failed that the window should show: an ErrorReport.
    failed = Signal(object)
    #: A short line for the status bar.
    message = Signal(str)
    #: Select this resource in the navigator: (kind, id).
    select = Signal(str, str)

    def __init__(self, runner: Runner, workspace: Workspace, window: QWidget) -> None:
        super().__init__(window)
        self.runner = runner
        self.workspace = workspace
        self.window = window
        self._new_dialog: Any = None

    # --- new ---------------------------------------------------------------------------------

    @property
    def new_dialog(self) -> Any:
        """The New Service dialog while it is open (None otherwise)."""
        dialog = self._new_dialog
        try:
            return dialog if dialog is not None and dialog.isVisible() else None
        except RuntimeError:  # deleted after it closed
            return None

    @Slot()
    def new(self) -> None:
        from aitems_desktop.gui.services.new_service_dialog import NewServiceDialog

        shown = self.new_dialog
        if shown is not None:
            shown.raise_()
            shown.activateWindow()
            return
        dialog = NewServiceDialog(self.runner, self.window)
        dialog.created.connect(self._created)
        dialog.open_existing.connect(self._open_existing)
        dialog.finished.connect(dialog.deleteLater)
        self._new_dialog = dialog
        dialog.open()

    @Slot(object, str)
    def _created(self, service: Any, outcome: str) -> None:
        self.workspace.put(Kind.SERVICES, service)
        self.select.emit(Kind.SERVICES.value, service.service_id)
        if outcome == "created":
            text = self.tr("Created {name}").format(name=service.name)
        elif outcome == "recovered":
            text = self.tr("{name} was created, though the answer did not arrive cleanly").format(
                name=service.name
            )
        else:
            text = self.tr("{name} already existed with these settings").format(name=service.name)
        self.message.emit(text)

    @Slot(object)
    def _open_existing(self, existing: Any) -> None:
        if isinstance(existing, str):
            self._find_by_name(existing)
            return
        self.workspace.put(Kind.SERVICES, existing, user=False)
        self.select.emit(Kind.SERVICES.value, existing.service_id)

    def _find_by_name(self, name: str) -> None:
        def find(api: AitemsApi) -> Any:
            from aitems_desktop.core.usecases import find_service

            return find_service(api, name)

        def found(service: Any) -> None:
            if service is None:
                self.message.emit(self.tr("There is no service named {name}").format(name=name))
                return
            self.workspace.put(Kind.SERVICES, service, user=False)
            self.select.emit(Kind.SERVICES.value, service.service_id)

        self.runner.run(find, found, self._report, key=f"find-service:{name}")

    # --- edit ----------------------------------------------------------------------------------

    def edit(self, service: Any) -> None:
        from aitems_desktop.gui.services.edit_dialog import EditServiceDialog

        dialog = EditServiceDialog(self.runner, service, self.window)
        dialog.saved.connect(lambda s: self.workspace.put(Kind.SERVICES, s))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # --- delete --------------------------------------------------------------------------------

    def delete(self, service_id: str, name: str) -> None:
        from aitems_desktop.gui.dialogs.confirm_delete import ConfirmDeleteDialog

        dialog = ConfirmDeleteDialog(
            self.tr("service"),
            name,
            self.tr("Its trainings and results are deleted with it. This cannot be undone."),
            self.window,
        )
        dialog.accepted.connect(lambda: self._delete(service_id, name))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _delete(self, service_id: str, name: str) -> None:
        def delete(api: AitemsApi) -> Any:
            return api.services.delete(service_id)

        def deleted(_: Any) -> None:
            self.workspace.remove(Kind.SERVICES, service_id)
            self.message.emit(self.tr("Deleted {name}").format(name=name))

        task = self.runner.run(delete, deleted, self._report, key=f"delete-service:{service_id}")
        if task is not None:
            self.message.emit(self.tr("Deleting {name}…").format(name=name))

    # --- reporting --------------------------------------------------------------------------

    def _report(self, error: BaseException) -> None:
        report: ErrorReport = report_for(error)
        self.failed.emit(report)
