"""A line that says where secrets are kept, and warns when it is this session only."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from aitems_desktop.core.credentials import Availability
from aitems_desktop.core.i18n import CONTEXT


class KeyringNotice(QLabel):
    """Shows "Secrets are kept in <keyring>", or the session-only warning and its reason.

    ``session_only`` tells tests and the main window which of the two is showing.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyringNotice")
        self.setWordWrap(True)
        self.session_only = False
        self.setText(self.tr("Looking for the system keyring…"))

    def set_state(self, backend_name: str, availability: Availability) -> None:
        """Show where secrets go: ``backend_name`` when usable, else the session warning."""
        self.session_only = not availability.usable
        # The reason and the name come from core in English; the fixed ones are translated
        # there (a reason with a value in it, such as an error's text, stays as it came).
        backend_name = QCoreApplication.translate(CONTEXT, backend_name)
        if availability.usable:
            self.setText(self.tr("Secret keys are kept in %1.").replace("%1", backend_name))
            self.setStyleSheet("")
            self.setToolTip("")
            return
        self.setText(
            self.tr(
                "No usable keyring: secret keys are kept in memory for this session only "
                "and are never written to disk. %1"
            ).replace("%1", QCoreApplication.translate(CONTEXT, availability.reason))
        )
        self.setToolTip(self.tr("Keyring in use: %1").replace("%1", backend_name))
        # A visible warning colour from the palette would be nicer; a fixed amber
        # background reads on light and dark themes alike.
        self.setStyleSheet(
            "QLabel#keyringNotice { background: #fff3cd; color: #664d03;"
            " border: 1px solid #ffe69c; padding: 4px; }"
        )

    def show_failure(self, message: str) -> None:
        """Show that the keyring could not even be asked (e.g. it timed out)."""
        self.session_only = False
        self.setText(message)
