"""Change a description (datasets D5, schemas C6): one field, counted as the service counts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from aitems_desktop.core.rules import DESCRIPTION_MAX_LENGTH, text_length
from aitems_desktop.gui.dialogs.discard import confirm_discard
from aitems_desktop.gui.error_panel import ErrorPanel
from aitems_desktop.gui.error_report import report_for
from aitems_desktop.gui.validators import DescriptionValidator, description_message

if TYPE_CHECKING:
    from aitems_desktop.core.api import AitemsApi
    from aitems_desktop.gui.shell.runner import Runner, Task


class DescriptionDialog(QDialog):
    """``save(api, text)`` runs off the GUI thread; ``saved`` carries its answer."""

    saved = Signal(object)

    def __init__(
        self,
        runner: Runner,
        title: str,
        current: str,
        save: Callable[[AitemsApi, str], Any],
        key: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("descriptionDialog")
        self.setWindowTitle(title)
        self.runner = runner
        self._current = current
        self._save_call = save
        self._key = key
        self._task: Task | None = None
        self.error_panel = ErrorPanel(self)
        self.edit = QLineEdit(current, self)
        self.edit.setObjectName("descriptionDialogEdit")
        self.edit.setValidator(DescriptionValidator(self.edit))
        self.edit.setAccessibleName(self.tr("Description"))
        self.counter = QLabel(self)
        self.counter.setObjectName("descriptionDialogCounter")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error_panel)
        label = QLabel(self.tr("&Description:"), self)
        label.setBuddy(self.edit)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(self.counter)
        layout.addWidget(self.buttons)
        self.edit.textChanged.connect(self._refresh)
        self._refresh()
        self.setMinimumWidth(460)

    @Slot()
    def _refresh(self) -> None:
        text = self.edit.text()
        problem = description_message(text)
        counter = f"{text_length(text)}/{DESCRIPTION_MAX_LENGTH}"
        self.counter.setText(f"{problem} · {counter}" if problem else counter)
        busy = self._task is not None
        self.edit.setReadOnly(busy)
        self.save_button.setEnabled(not busy and not problem and text != self._current)

    @Slot()
    def _save(self) -> None:
        if not self.save_button.isEnabled():
            return
        text = self.edit.text()
        self.error_panel.dismiss()
        self._task = self.runner.run(
            lambda api: self._save_call(api, text), self._done, self._failed, key=self._key
        )
        self._refresh()

    @Slot(object)
    def _done(self, answer: Any) -> None:
        self._task = None
        self.saved.emit(answer)
        self.accept()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._task = None
        self.error_panel.show_report(report_for(error))
        self._refresh()

    def reject(self) -> None:
        if self.edit.text() != self._current and not confirm_discard(self):
            return
        if self._task is not None:
            self._task.cancel()
            self._task = None
        super().reject()
