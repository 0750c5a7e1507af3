"""Delete, confirmed by typing the resource's name, as cloud consoles ask."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aitems_desktop.gui.dialogs.enter import is_enter
from aitems_desktop.gui.dialogs.title_width import fit_title


class ConfirmDeleteDialog(QDialog):
    """The Delete button is enabled only once the exact name is typed.

    Enter in the name field deletes once the name matches and does nothing otherwise: the
    person who typed the name means to delete, and a dialog that vanishes on Enter without
    deleting looks like a delete that silently failed.
    """

    def __init__(
        self,
        what: str,
        name: str,
        consequence: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("confirmDeleteDialog")
        self.name = name
        self.setWindowTitle(self.tr("Delete {what}").format(what=what))
        self.message = QLabel(
            self.tr("Delete the {what} <b>{name}</b>? {consequence}").format(
                what=what, name=_html(name), consequence=consequence
            ),
            self,
        )
        self.message.setObjectName("confirmDeleteMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        prompt = QLabel(self.tr("Type <b>{name}</b> to confirm:").format(name=_html(name)), self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("confirmNameEdit")
        self.name_edit.setAccessibleName(self.tr("Name to confirm"))
        prompt.setBuddy(self.name_edit)
        self.buttons = QDialogButtonBox(self)
        self.delete_button = QPushButton(self.tr("Delete {what}").format(what=what), self)
        self.delete_button.setObjectName("confirmDeleteButton")
        self.buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        # No default button: Enter belongs to keyPressEvent below. A focused button still
        # takes Enter itself (auto default), so Tab to Cancel and Enter cancels.
        self.delete_button.setAutoDefault(False)
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._typed)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(prompt)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.buttons)
        self.name_edit.setFocus()
        fit_title(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        if is_enter(event):
            if self.delete_button.isEnabled() and not event.isAutoRepeat():
                self.delete_button.click()
            return
        super().keyPressEvent(event)

    @Slot(str)
    def _typed(self, text: str) -> None:
        self.delete_button.setEnabled(text == self.name)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
