"""Help: the keyboard shortcuts, and About (versions and third-party licences)."""

from __future__ import annotations

import platform
from typing import Any

from PySide6.QtCore import QSize, Qt, qVersion
from PySide6.QtGui import QAction, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aitems_desktop import __version__
from aitems_desktop.gui.dialogs.fit import fit_to_screen


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
        fit_to_screen(self, QSize(460, 520))


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
    """Name, versions, the project's licence and the third-party licences it ships with.

    The licence list and texts are read from disk on a worker (``runner.run_local``).
    """

    def __init__(self, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        # Qt adds the application's display name to every window title: "About" alone
        # reads "About — AiTEMS Desktop", not the name twice.
        self.setWindowTitle(self.tr("About"))
        self.runner = runner
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
        self.components = QListWidget(self)
        self.components.setObjectName("aboutComponents")
        self.components.setAccessibleName(self.tr("Third-party components"))
        self.licence_text = QPlainTextEdit(self)
        self.licence_text.setObjectName("aboutLicenceText")
        self.licence_text.setReadOnly(True)
        # Licence files carry their own line breaks and layout: shown as written, never
        # re-wrapped on top of them.
        self.licence_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.licence_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.licence_text.setPlainText(self.tr("Reading the licences…"))
        licences = QSplitter(self)
        licences.addWidget(self.components)
        licences.addWidget(self.licence_text)
        licences.setStretchFactor(1, 2)
        tabs = QTabWidget(self)
        tabs.addTab(about, self.tr("About"))
        tabs.addTab(licences, self.tr("Third-Party Licences"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(720, 520))
        self._components: list[Any] = []
        self.components.currentRowChanged.connect(self._show)
        runner.run_local(
            _read_components, self._listed, self._failed, key="about-licences", owner=self
        )

    def _listed(self, components: list[Any]) -> None:
        self._components = components
        self.components.clear()
        for component in components:
            self.components.addItem(f"{component.name} {component.version} · {component.license}")
        if components:
            self.components.setCurrentRow(0)
        else:
            self.licence_text.setPlainText(self.tr("No licence files were found."))

    def _failed(self, error: BaseException) -> None:
        self.licence_text.setPlainText(
            self.tr("The licences could not be read: {error}").format(error=error)
        )

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self._components):
            return
        component = self._components[row]
        self.runner.run_local(
            lambda: _read_texts(component),
            self.licence_text.setPlainText,
            self._failed,
            key="about-licence-text",
            owner=self,
        )


def _read_components() -> list[Any]:
    from aitems_desktop.licenses import third_party_licenses

    return third_party_licenses()


def _read_texts(component: Any) -> str:
    texts = [f"{component.name} {component.version}: {component.license}", ""]
    for path in component.files:
        try:
            texts.append(f"--- {path.name} ---")
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
        except OSError as exc:
            texts.append(f"({path}: {exc.strerror or exc})")
    if len(texts) == 2:
        texts.append("(the package ships no licence file; its metadata names the licence above)")
    return "\n".join(texts)
