"""The in-window error display: what happened, what to do, and the ids support needs.

It sits above the result tree instead of a modal box, so the form (with everything the
person typed) stays in reach while they read it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from aitems_desktop.gui.dialogs.fit import grow_to_fit
from aitems_desktop.gui.error_report import ErrorAction, ErrorReport, code_label

_STYLE = """
QFrame#errorPanel { background: #fdecea; border: 1px solid #d93025; border-radius: 4px; }
QFrame#errorPanel[severity="info"] { background: #e8f0fe; border-color: #1a73e8; }
QFrame#errorPanel QLabel { color: #202124; background: transparent; }
"""


class ErrorPanel(QFrame):
    """Shows one :class:`ErrorReport` (or an informational note) until dismissed."""

    open_existing_requested = Signal(str)
    #: The report is about the keys or the profile: its button opens the Credentials dialog.
    credentials_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorPanel")
        self.setStyleSheet(_STYLE)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._report: ErrorReport | None = None

        self.title_label = QLabel(self)
        self.title_label.setObjectName("errorTitle")
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.message_label = self._text_label("errorMessage")
        self.hint_label = self._text_label("errorHint")
        self.ids_label = self._text_label("errorIds")
        self.details_label = self._text_label("errorDetails")

        self.open_button = QPushButton(self.tr("Open existing service"), self)
        self.open_button.setObjectName("openExistingButton")
        self.credentials_button = QPushButton(self.tr("Open C&redentials…"), self)
        self.credentials_button.setObjectName("openCredentialsButton")
        self.copy_button = QPushButton(self.tr("Copy details"), self)
        self.copy_button.setObjectName("copyErrorButton")
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self)
        self.dismiss_button.setObjectName("dismissErrorButton")
        self.open_button.clicked.connect(self._open_existing)
        self.credentials_button.clicked.connect(self.credentials_requested)
        self.copy_button.clicked.connect(self._copy)
        self.dismiss_button.clicked.connect(self.dismiss)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.credentials_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        for label in (
            self.title_label,
            self.message_label,
            self.hint_label,
            self.ids_label,
            self.details_label,
        ):
            layout.addWidget(label)
        layout.addLayout(buttons)
        self.hide()

    def _text_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        # Request ids and details are for quoting to support: make them selectable.
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def report(self) -> ErrorReport | None:
        return self._report

    def show_report(self, report: ErrorReport) -> None:
        self._report = report
        self.setProperty("severity", "error")
        self._fill(report)
        self.open_button.setVisible(report.action is ErrorAction.OPEN_EXISTING)
        self.credentials_button.setVisible(report.action is ErrorAction.OPEN_CREDENTIALS)
        self._show()

    def show_note(
        self, title: str, message: str, hint: str = "", action: ErrorAction = ErrorAction.NONE
    ) -> None:
        """An informational message in the same place (a cancel, a lookup's outcome); with
        ``OPEN_CREDENTIALS``, its button leads to the Credentials dialog."""
        report = ErrorReport(title=title, message=message, hint=hint, kind="note", action=action)
        self._report = report
        self.setProperty("severity", "info")
        self._fill(report)
        self.open_button.hide()
        self.credentials_button.setVisible(action is ErrorAction.OPEN_CREDENTIALS)
        self._show()

    def _show(self) -> None:
        self.show()
        # In a dialog the report comes above what the person typed, which must stay in view.
        grow_to_fit(self.window())

    def _fill(self, report: ErrorReport) -> None:
        self.style().unpolish(self)
        self.style().polish(self)
        self.title_label.setText(report.title)
        self.message_label.setText(report.message)
        self.hint_label.setText(report.hint)
        self.hint_label.setVisible(bool(report.hint))
        ids = []
        if report.http_status is not None:
            ids.append(self.tr("HTTP {status}").format(status=report.http_status))
        if report.error_code:
            ids.append(code_label(report.error_code))
        if report.request_id:
            ids.append(self.tr("request id {id}").format(id=report.request_id))
        self.ids_label.setText(" · ".join(ids))
        self.ids_label.setVisible(bool(ids))
        self.details_label.setText(
            self.tr("Details: {details}").format(details=report.details) if report.details else ""
        )
        self.details_label.setVisible(bool(report.details))
        self.copy_button.setVisible(report.kind != "note")

    @Slot()
    def dismiss(self) -> None:
        self._report = None
        self.hide()

    @Slot()
    def _open_existing(self) -> None:
        if self._report is not None and self._report.name:
            self.open_existing_requested.emit(self._report.name)

    @Slot()
    def _copy(self) -> None:
        if self._report is not None:
            QGuiApplication.clipboard().setText(self._report.as_text())
