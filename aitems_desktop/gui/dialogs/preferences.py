"""Preferences: the language the app speaks (the system's, English or 한국어).

The choice takes effect at the next start. Switching live would need every open window,
dialog and model to rebuild each text it ever set (menus, headers, status lines, texts built
from values); a half-switched window is worse than a restart, so the dialog says so instead.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from aitems_desktop.gui.dialogs.fit import grow_to_fit
from aitems_desktop.gui.dialogs.title_width import fit_title
from aitems_desktop.gui.i18n import (
    LANGUAGES,
    SYSTEM_LABEL,
    TRANSLATORS,
    save_pinned_language_in_background,
    system_language,
)


class PreferencesDialog(QDialog):
    """Pick the language; OK keeps it (on a thread of its own) for the next start."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        #: The thread writing the choice, when OK was pressed with a new one.
        self.writer: threading.Thread | None = None
        self.language_combo = QComboBox(self)
        self.language_combo.setObjectName("languageCombo")
        system = LANGUAGES[system_language()]
        self.language_combo.addItem(
            QCoreApplication.translate("Preferences", SYSTEM_LABEL).format(language=system), ""
        )
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(
            max(0, self.language_combo.findData(TRANSLATORS.pinned))
        )
        self.language_combo.currentIndexChanged.connect(self._changed)
        label = QLabel(self.tr("&Language:"), self)
        label.setBuddy(self.language_combo)
        self.note = QLabel(self)
        self.note.setObjectName("languageNote")
        self.note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(label, self.language_combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self._changed()
        fit_title(self)

    def chosen(self) -> str:
        """The chosen language code, "" for the system's."""
        return str(self.language_combo.currentData() or "")

    def _changed(self) -> None:
        changed = self.chosen() != TRANSLATORS.pinned
        self.note.setText(
            self.tr("The new language shows when AiTEMS Desktop starts again.") if changed else ""
        )
        grow_to_fit(self)  # the note's lines, wrapped at the dialog's width, all in view

    def accept(self) -> None:
        if self.chosen() != TRANSLATORS.pinned:
            TRANSLATORS.pinned = self.chosen()
            self.writer = save_pinned_language_in_background(self.chosen())
        super().accept()
