"""Help: the keyboard shortcuts, and About (versions and third-party licences)."""

from __future__ import annotations

import platform
import sys

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aitems_desktop import __version__


class ShortcutsDialog(QDialog):
    """Every action of the window that has a shortcut, read from the actions themselves."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        rows: list[tuple[str, str]] = []
        seen: set[str] = set()
        for action in window.findChildren(QAction):
            sequences = action.shortcuts()
            text = action.text().replace("&", "").rstrip("…").strip()
            if not sequences or not text or text in seen:
                continue
            seen.add(text)
            native = QKeySequence.SequenceFormat.NativeText
            rows.append((text, ", ".join(k.toString(native) for k in sequences)))
        rows.sort(key=lambda r: r[0].casefold())
        table = QTableWidget(len(rows), 2, self)
        table.setObjectName("shortcutsTable")
        table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Shortcut")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for position, (text, keys) in enumerate(rows):
            table.setItem(position, 0, QTableWidgetItem(text))
            table.setItem(position, 1, QTableWidgetItem(keys))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(460, 520)


def versions() -> dict[str, str]:
    """The versions About shows (and a bug report needs)."""
    import PySide6

    return {
        "AiTEMS Desktop": __version__,
        "Qt": qVersion(),
        "PySide6": PySide6.__version__,
        "Python": platform.python_version(),
        "OS": f"{platform.system()} {platform.release()} ({platform.machine()})",
    }


class AboutDialog(QDialog):
    """Name, versions, the project's licence and the third-party licences it ships with."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About AiTEMS Desktop"))
        title = QLabel(f"<h2>AiTEMS Desktop {__version__}</h2>", self)
        blurb = QLabel(
            self.tr(
                "A desktop tool for NAVER Cloud Platform AiTEMS: schemas, datasets, services, "
                "training and recommendation lookups, with your keys in the system keyring."
            ),
            self,
        )
        blurb.setWordWrap(True)
        rows = "".join(
            f"<tr><td><b>{name}</b>&nbsp;&nbsp;</td><td>{value}</td></tr>"
            for name, value in versions().items()
        )
        version_label = QLabel(f"<table>{rows}</table>", self)
        version_label.setObjectName("aboutVersions")
        version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        about = QWidget(self)
        about_layout = QVBoxLayout(about)
        about_layout.addWidget(title)
        about_layout.addWidget(blurb)
        about_layout.addWidget(version_label)
        about_layout.addWidget(QLabel(self.tr("Licensed under the Apache License 2.0."), self))
        about_layout.addStretch(1)
        self.licences = QPlainTextEdit(self)
        self.licences.setObjectName("aboutLicences")
        self.licences.setReadOnly(True)
        self.licences.setPlainText(_licence_text())
        tabs = QTabWidget(self)
        tabs.addTab(about, self.tr("About"))
        tabs.addTab(self.licences, self.tr("Third-Party Licences"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.resize(620, 480)


def _licence_text() -> str:
    import importlib

    try:
        module = importlib.import_module("aitems_desktop.licenses")
    except ImportError:
        return _installed_licences()
    return str(module.third_party_text())


def _installed_licences() -> str:
    """The licence of every installed distribution, as its metadata names it."""
    from importlib import metadata

    lines = []
    for dist in sorted(metadata.distributions(), key=lambda d: (d.metadata["Name"] or "").lower()):
        meta = dist.metadata
        name = meta["Name"] or "?"
        licence = meta["License-Expression"] or meta["License"] or ""
        if not licence:
            classifiers = [
                c.split("::")[-1].strip()
                for c in meta.get_all("Classifier") or []
                if c.startswith("License ::")
            ]
            licence = ", ".join(classifiers)
        lines.append(f"{name} {dist.version}: {licence.splitlines()[0] if licence else '?'}")
    return "\n".join(lines) + f"\n\nPython {sys.version.split()[0]}"
