"""Delete, confirmed by typing the resource's name, as cloud consoles ask."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aitems_desktop.gui.dialogs.title_width import fit_title


class ConfirmDeleteDialog(QDialog):
    """The Delete button is enabled only once the exact name is typed."""

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
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
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

    @Slot(str)
    def _typed(self, text: str) -> None:
        self.delete_button.setEnabled(text == self.name)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
