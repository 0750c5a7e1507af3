"""A password field with a "Show" toggle, for the secret key."""

from __future__ import annotations

from pydantic import SecretStr
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget


class SecretField(QWidget):
    """A QLineEdit in password mode plus a checkable "Show" button.

    :meth:`secret` hands the text out as a ``SecretStr`` so it does not end up in a repr.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setObjectName("secretEdit")
        # No input method may learn, suggest or store what is typed here.
        self.edit.setInputMethodHints(
            self.edit.inputMethodHints()
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.show_button = QToolButton(self)
        self.show_button.setObjectName("showSecretButton")
        self.show_button.setText(self.tr("Show"))
        self.show_button.setCheckable(True)
        self.show_button.setToolTip(self.tr("Show or hide the secret key"))
        self.show_button.toggled.connect(self._set_visible)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.show_button)
        self.setFocusProxy(self.edit)

    def _set_visible(self, visible: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        self.edit.setEchoMode(mode)
        self.show_button.setText(self.tr("Hide") if visible else self.tr("Show"))

    def secret(self) -> SecretStr | None:
        """The typed secret, or ``None`` when the field is empty."""
        text = self.edit.text().strip()
        return SecretStr(text) if text else None

    def clear(self) -> None:
        """Empty the field and hide its content again."""
        self.edit.clear()
        self.show_button.setChecked(False)

    def setPlaceholderText(self, text: str) -> None:  # noqa: N802 (Qt naming)
        """Set the hint shown while the field is empty."""
        self.edit.setPlaceholderText(text)
