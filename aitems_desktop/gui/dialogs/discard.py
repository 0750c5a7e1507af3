"""Ask before typed text is thrown away: "Discard" or "Keep Editing" (the default)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from aitems_desktop.gui.dialogs.title_width import fit_title


def confirm_discard(parent: QWidget, title: str = "", text: str = "") -> bool:
    """True when the person chose to discard; Esc and Enter keep editing."""
    box = QMessageBox(parent)
    box.setObjectName("discardChangesBox")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title or QCoreApplication.translate("DiscardChanges", "Discard changes?"))
    box.setText(
        text or QCoreApplication.translate("DiscardChanges", "What you typed will be lost.")
    )
    discard = box.addButton(
        QCoreApplication.translate("DiscardChanges", "Discard"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    keep = box.addButton(
        QCoreApplication.translate("DiscardChanges", "Keep Editing"),
        QMessageBox.ButtonRole.RejectRole,
    )
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    fit_title(box)
    box.exec()
    return box.clickedButton() is discard
