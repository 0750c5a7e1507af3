"""Edit a service's name and description (S4), with the same rules as the creation form."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from aitems_desktop.core.rules import DESCRIPTION_MAX_LENGTH, text_length
from aitems_desktop.gui.dialogs.discard import confirm_discard
from aitems_desktop.gui.error_panel import ErrorPanel
from aitems_desktop.gui.error_report import report_for
from aitems_desktop.gui.validators import (
    DescriptionValidator,
    ServiceNameValidator,
    description_message,
    service_name_message,
)

if TYPE_CHECKING:
    from aitems_desktop.core.api import AitemsApi
    from aitems_desktop.gui.shell.runner import Runner, Task


class EditServiceDialog(QDialog):
    """Save sends one S4; what was typed stays on an error."""

    saved = Signal(object)

    def __init__(self, runner: Runner, service: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editServiceDialog")
        self.setWindowTitle(self.tr("Edit Service"))
        self.runner = runner
        self.service = service
        self._task: Task | None = None
        self.error_panel = ErrorPanel(self)
        self.name_edit = QLineEdit(service.name, self)
        self.name_edit.setObjectName("editNameEdit")
        self.name_edit.setValidator(ServiceNameValidator(self.name_edit))
        self.name_edit.setMaxLength(64)
        self.name_message = QLabel(self)
        self.name_message.setObjectName("editNameMessage")
        self.description_edit = QLineEdit(service.description or "", self)
        self.description_edit.setObjectName("editDescriptionEdit")
        self.description_edit.setValidator(DescriptionValidator(self.description_edit))
        self.description_message = QLabel(self)
        self.description_message.setObjectName("editDescriptionMessage")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("editSaveButton")
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow("", self.name_message)
        form.addRow(self.tr("&Description:"), self.description_edit)
        form.addRow("", self.description_message)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error_panel)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._refresh)
        self.description_edit.textChanged.connect(self._refresh)
        self._refresh()
        self.setMinimumWidth(480)

    def values(self) -> tuple[str, str]:
        return self.name_edit.text(), self.description_edit.text()

    def _changed(self) -> bool:
        return self.values() != (self.service.name, self.service.description or "")

    @Slot()
    def _refresh(self) -> None:
        name, description = self.values()
        name_problem = service_name_message(name)
        description_problem = description_message(description)
        self.name_message.setText(name_problem)
        counter = f"{text_length(description)}/{DESCRIPTION_MAX_LENGTH}"
        self.description_message.setText(
            f"{description_problem} · {counter}" if description_problem else counter
        )
        busy = self._task is not None
        self.save_button.setEnabled(
            not busy and not name_problem and not description_problem and self._changed()
        )
        self.name_edit.setReadOnly(busy)
        self.description_edit.setReadOnly(busy)

    @Slot()
    def _save(self) -> None:
        if not self.save_button.isEnabled():
            return
        name, description = self.values()
        service_id = self.service.service_id

        def update(api: AitemsApi) -> Any:
            from aitems_desktop.core.api import build
            from aitems_desktop.core.models import UpdateServiceRequest

            request = build(UpdateServiceRequest, name=name, description=description)
            return api.services.update(service_id, request)

        self.error_panel.dismiss()
        self._task = self.runner.run(
            update, self._done, self._failed, key=f"edit-service:{service_id}"
        )
        self._refresh()

    @Slot(object)
    def _done(self, service: Any) -> None:
        self._task = None
        self.saved.emit(service)
        self.accept()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._task = None
        self.error_panel.show_report(report_for(error, name=self.values()[0]))
        self._refresh()

    def reject(self) -> None:
        if self._changed() and not confirm_discard(self):
            return
        if self._task is not None:
            self._task.cancel()
            self._task = None
        super().reject()
