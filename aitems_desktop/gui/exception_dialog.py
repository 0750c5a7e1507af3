"""The dialog for an exception nobody expected: the text can be selected and copied."""

from __future__ import annotations

from PySide6.QtCore import QSize, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from aitems_desktop.gui.dialogs.fit import fit_to_screen


class ExceptionDialog(QDialog):
    """Shows a (redacted) traceback; non-modal so a test or a busy loop is never blocked."""

    def __init__(self, text: str, log_path: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exceptionDialog")
        self.setWindowTitle(self.tr("Unexpected error — AiTEMS Desktop"))
        intro = QLabel(
            self.tr(
                "Something went wrong that aitems-desktop did not expect. "
                "Your work in the form is kept. Please report this text."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.text_edit = QPlainTextEdit(text, self)
        self.text_edit.setObjectName("exceptionText")
        self.text_edit.setReadOnly(True)
        self.text_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton(self.tr("Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_text)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text_edit, 1)
        if log_path:
            where = QLabel(self.tr("Log file: {path}").format(path=log_path), self)
            where.setWordWrap(True)
            layout.addWidget(where)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(640, 400))

    @Slot()
    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.text_edit.toPlainText())
