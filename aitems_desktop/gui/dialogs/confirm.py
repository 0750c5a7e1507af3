"""Ask before doing something that cannot be undone, with buttons named for what they do."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_action(parent: QWidget, title: str, text: str, action: str) -> bool:
    """True when the person pressed ``action`` ("Delete profile"); Cancel is the default,
    for Enter and Esc alike, so a key pressed by habit never destroys anything."""
    box = QMessageBox(parent)
    box.setObjectName("confirmActionBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    do_it = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(
        QCoreApplication.translate("ConfirmAction", "Cancel"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is do_it
