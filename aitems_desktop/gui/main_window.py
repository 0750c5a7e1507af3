"""The main window: the form above the answer, menus, a status bar that names the endpoint."""

from __future__ import annotations

import contextlib
import logging
import os
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from aitems_desktop import __version__
from aitems_desktop.gui.qt_enums import set_enum_property
from aitems_desktop.gui.result_tree import ResultTree
from aitems_desktop.gui.service_form import ServiceForm
from aitems_desktop.gui.service_session import ClientFactory, ServiceSession, service_answer
from aitems_desktop.gui.service_tree_model import ServiceTreeModel
from aitems_desktop.gui.worker import WorkerRegistry

if TYPE_CHECKING:
    # Loaded when first needed, not before the first paint: the error panel, and the
    # dataclass modules (dataclasses makes each class slowly, ~1 ms apiece).
    from aitems_desktop.core.connection import Connection
    from aitems_desktop.gui.error_panel import ErrorPanel
    from aitems_desktop.gui.error_report import ErrorReport

log = logging.getLogger(__name__)

ORGANIZATION = "aitems-desktop"
APPLICATION = "aitems-desktop"
_SANDBOX_STYLE = "background: #f9ab00; color: black; font-weight: bold; padding: 1px 6px;"


def window_settings() -> QSettings:
    """Window geometry only (settings proper live in core); honours the default format."""
    return QSettings(
        QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


class MainWindow(QMainWindow):
    """Creates services and shows what the service answered."""

    #: Emitted after an answer is laid out in the tree (origin: created/found/opened).
    answer_shown = Signal(str)
    #: File > Credentials…: whoever manages profiles (CredentialsController) opens its dialog.
    credentials_requested = Signal()

    def __init__(
        self,
        connection: Connection | None = None,
        *,
        client_factory: ClientFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.workers = WorkerRegistry(self)
        self.session = (
            ServiceSession(self.workers, client_factory, self)
            if client_factory is not None
            else ServiceSession(self.workers, parent=self)
        )
        self.model = ServiceTreeModel(self)

        self.form = ServiceForm(self)
        self._error_panel: ErrorPanel | None = None  # made when there is something to show
        self.tree = ResultTree(self.model, self)
        self._build_central()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._connect()
        self.set_connection(connection)
        self._restore_geometry()

    # --- construction --------------------------------------------------------------

    def _build_central(self) -> None:
        form_box = QGroupBox(self.tr("New service"), self)
        form_layout = QVBoxLayout(form_box)
        form_layout.addWidget(self.form)

        result = QWidget(self)
        self._result_layout = QVBoxLayout(result)
        self._result_layout.setContentsMargins(0, 0, 0, 0)
        self.result_title = QLabel(self.tr("No service yet: create one above."), result)
        self.result_title.setObjectName("resultTitle")
        self._result_layout.addWidget(self.result_title)
        self._result_layout.addWidget(self.tree, 1)

        # parent= by keyword and the orientation by key name: a positional first argument
        # is matched against Qt.Orientation, which builds PySide6's Qt namespace before the
        # first paint (see gui/qt_enums.py).
        self.splitter = QSplitter(parent=self)
        set_enum_property(self.splitter, "orientation", "Vertical")
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(form_box)
        self.splitter.addWidget(result)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(8, 6, 8, 4)
        central_layout.addWidget(self.splitter)
        self.setCentralWidget(central)

    def _action(
        self,
        text: str,
        name: str,
        slot: Any,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        # parent= by keyword: a positional one is first matched against QAction(QIcon, str,
        # parent), which builds PySide6's QIcon class and its enums (~2 ms) before the paint.
        action = QAction(text, parent=self)
        action.setObjectName(name)
        if shortcut is not None:
            # The same as setShortcut(), whose overload resolution would build PySide6's
            # Qt namespace before the first paint (see gui/qt_enums.py).
            action.setShortcuts([QKeySequence(shortcut)])
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(
            self.tr("&New Service"), "newAction", self._new, QKeySequence.StandardKey.New
        )
        self.open_action = self._action(
            self.tr("&Open Existing…"), "openAction", self._open_by_name, "Ctrl+O"
        )
        self.credentials_action = self._action(
            self.tr("C&redentials…"), "credentialsAction", self.credentials_requested
        )
        self.save_json_action = self._action(
            self.tr("&Save JSON…"), "saveJsonAction", self._save_json, QKeySequence.StandardKey.Save
        )
        self.quit_action = self._action(
            self.tr("&Quit"), "quitAction", self.close, QKeySequence.StandardKey.Quit
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.copy_json_action = self._action(
            self.tr("Copy &JSON"), "copyJsonAction", self._copy_json, "Ctrl+Shift+C"
        )
        self.copy_curl_action = self._action(
            self.tr("Copy as c&URL"), "copyCurlAction", self._copy_curl, "Ctrl+Alt+C"
        )
        self.cancel_action = self._action(
            self.tr("&Cancel Call"), "cancelAction", self.session.cancel, "Esc"
        )
        self.expand_action = self._action(
            self.tr("&Expand All"), "expandAction", self.tree.expandAll, "Ctrl+E"
        )
        self.collapse_action = self._action(
            self.tr("C&ollapse All"), "collapseAction", self.tree.collapseAll, "Ctrl+Shift+E"
        )
        self.focus_form_action = self._action(
            self.tr("Go to &Form"), "focusFormAction", self._focus_form, "Ctrl+L"
        )
        self.focus_tree_action = self._action(
            self.tr("Go to &Result"), "focusTreeAction", self.tree.setFocus, "Ctrl+R"
        )
        self.about_action = self._action(
            self.tr("&About AiTEMS Desktop"), "aboutAction", self._about
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt_action = self._action(self.tr("About &Qt"), "aboutQtAction", self._about_qt)
        self.tree.set_answer_actions(
            [self.copy_json_action, self.save_json_action, self.copy_curl_action]
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.new_action, self.open_action])
        file_menu.addSeparator()
        file_menu.addAction(self.save_json_action)
        file_menu.addSeparator()
        file_menu.addAction(self.credentials_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.tree.copy_value_action)
        edit_menu.addActions([self.copy_json_action, self.copy_curl_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.cancel_action)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions(
            [
                self.expand_action,
                self.collapse_action,
                self.focus_form_action,
                self.focus_tree_action,
            ]
        )
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.about_action, self.about_qt_action])

    def _build_status_bar(self) -> None:
        self.sandbox_badge = QLabel(self.tr("SANDBOX"), self)
        self.sandbox_badge.setObjectName("sandboxBadge")
        self.sandbox_badge.setStyleSheet(_SANDBOX_STYLE)
        self.sandbox_badge.setToolTip(
            self.tr("Talking to the built-in local sandbox, not to NAVER Cloud")
        )
        self.endpoint_label = QLabel(self)
        self.endpoint_label.setObjectName("endpointLabel")
        set_enum_property(self.endpoint_label, "textInteractionFlags", "TextSelectableByMouse")
        self.statusBar().addPermanentWidget(self.sandbox_badge)
        self.statusBar().addPermanentWidget(self.endpoint_label)

    @property
    def error_panel(self) -> ErrorPanel:
        """The in-window error display above the answer, made the first time it is needed.

        It is hidden until there is an error or a note, so the first paint does without
        its frame, labels, buttons and style sheet.
        """
        if self._error_panel is None:
            from aitems_desktop.gui.error_panel import ErrorPanel

            self._error_panel = ErrorPanel(self._result_layout.parentWidget())
            self._error_panel.open_existing_requested.connect(self._open_existing)
            self._error_panel.credentials_requested.connect(self.credentials_requested)
            self._result_layout.insertWidget(0, self._error_panel)
        return self._error_panel

    def _dismiss_error(self) -> None:
        if self._error_panel is not None:
            self._error_panel.dismiss()

    def _connect(self) -> None:
        self.form.create_requested.connect(self._create)
        self.form.cancel_requested.connect(self.session.cancel)
        self.session.busy.connect(self._busy)
        self.session.idle.connect(self._idle)
        self.session.service_received.connect(self._show_service)
        self.session.failed.connect(self._show_error)
        self.session.note.connect(self._show_note)
        self.session.saved.connect(self._saved)

    # --- connection ----------------------------------------------------------------

    def connection(self) -> Connection | None:
        return self.session.connection()

    def set_connection(self, connection: Connection | None, pending: str = "") -> None:
        """Talk to ``connection``; ``None`` with ``pending`` says what is being waited for."""
        self.session.set_connection(connection)
        # Only a connection names the title: a profile that did not resolve is not in use.
        label = connection.label if connection else ""
        self.setWindowTitle(
            self.tr("AiTEMS Desktop — {label}").format(label=label)
            if label
            else self.tr("AiTEMS Desktop")
        )
        if connection is None:
            self.sandbox_badge.setVisible(False)
            self.endpoint_label.setText(pending or self.tr("Not connected"))
            self.form.set_ready(
                False, pending or self.tr("No credentials: see File > Credentials…")
            )
        else:
            self.sandbox_badge.setVisible(connection.is_sandbox)
            source = f" ({connection.source})" if connection.source else ""
            self.endpoint_label.setText(
                self.tr("Profile: {label}{source} · {url}").format(
                    label=connection.label, source=source, url=connection.base_url
                )
            )
            self.form.set_ready(True)
        self._update_answer_actions()

    # --- slots ---------------------------------------------------------------------

    @Slot(str, str, str)
    def _create(self, name: str, description: str, service_type: str) -> None:
        self._dismiss_error()
        if not self.session.create(name, description, service_type):
            self.form.set_busy(False)

    @Slot(str)
    def _busy(self, message: str) -> None:
        self.form.set_busy(True, message)
        self.cancel_action.setEnabled(True)
        self.statusBar().showMessage(message)

    @Slot()
    def _idle(self) -> None:
        self.form.set_busy(False)
        self.cancel_action.setEnabled(False)
        self.statusBar().clearMessage()

    @Slot(object, str)
    def _show_service(self, service: object, origin: str) -> None:
        answer = service_answer(service)
        self.model.set_answer(answer)
        self.tree.show_answer_laid_out()
        self.result_title.setText(
            self.tr("Service {name} ({id})").format(
                name=answer.get("name", ""), id=answer.get("serviceId", "")
            )
        )
        if origin == "created":
            self._dismiss_error()
            self.form.mark_created()
            self.statusBar().showMessage(
                self.tr("Created {name}").format(name=answer.get("name")), 5000
            )
        elif origin == "found":
            # An ambiguous create did happen: the same values must not be sent again.
            self.form.mark_created()
        self._update_answer_actions()
        self.answer_shown.emit(origin)

    @Slot(object)
    def _show_error(self, report: ErrorReport) -> None:
        self.error_panel.show_report(report)
        self.statusBar().showMessage(report.title, 5000)

    @Slot(str, str, str)
    def _show_note(self, title: str, message: str, hint: str) -> None:
        self.error_panel.show_note(title, message, hint)

    @Slot(str)
    def _open_existing(self, name: str) -> None:
        self._dismiss_error()
        self.session.open_existing(name)

    @Slot()
    def _open_by_name(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        name, ok = QInputDialog.getText(
            self,
            self.tr("Open Existing Service"),
            self.tr("Service name:"),
            text=self.form.name_edit.text(),
        )
        if ok and name.strip():
            self._open_existing(name.strip())

    @Slot()
    def _new(self) -> None:
        if self.session.is_busy():
            return
        self.form.clear()
        self._dismiss_error()
        self._focus_form()

    @Slot()
    def _focus_form(self) -> None:
        self.form.name_edit.setFocus()
        self.form.name_edit.selectAll()

    def _update_answer_actions(self) -> None:
        has_answer = self.model.answer() is not None
        self.copy_json_action.setEnabled(has_answer)
        self.save_json_action.setEnabled(has_answer)
        self.copy_curl_action.setEnabled(has_answer and self.connection() is not None)
        self.cancel_action.setEnabled(self.session.is_busy())

    def answer_json(self) -> str | None:
        answer = self.model.answer()
        if answer is None:
            return None
        import json

        return json.dumps(answer, indent=2, ensure_ascii=False) + "\n"

    @Slot()
    def _copy_json(self) -> None:
        text = self.answer_json()
        if text is not None:
            QGuiApplication.clipboard().setText(text)
            self.statusBar().showMessage(self.tr("Copied the answer as JSON"), 3000)

    @Slot()
    def _save_json(self) -> None:
        text = self.answer_json()
        answer = self.model.answer()
        if text is None or answer is None:
            return
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save JSON"),
            f"{answer.get('name') or 'service'}.json",
            self.tr("JSON files (*.json);;All files (*)"),
        )
        if path:
            self.session.save_json(path, text)

    @Slot(str)
    def _saved(self, path: str) -> None:
        self.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 5000)

    @Slot()
    def _copy_curl(self) -> None:
        answer = self.model.answer()
        if answer is None or self.connection() is None:
            return
        command = self.session.curl_command(str(answer.get("serviceId", "")))
        QGuiApplication.clipboard().setText(command)
        self.statusBar().showMessage(
            self.tr("Copied a freshly signed curl command (valid for 5 minutes)"), 5000
        )

    @Slot()
    def _about_qt(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.aboutQt(self)

    @Slot()
    def _about(self) -> None:
        # Dialog classes load on first use, not before the window's first paint.
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            self.tr("About AiTEMS Desktop"),
            self.tr(
                "<b>AiTEMS Desktop</b> {version}<br>Create NAVER Cloud AiTEMS services "
                "and read what the service answered."
            ).format(version=__version__),
        )

    # --- geometry and closing ----------------------------------------------------------

    def _restore_geometry(self) -> None:
        settings = window_settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            state = settings.value("window/splitter")
            if isinstance(state, QByteArray):
                self.splitter.restoreState(state)
        else:
            self.resize(900, 680)

    def save_geometry(self) -> None:
        settings = window_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.sync()
        # Geometry is harmless, but every settings file of the app is for its owner only.
        with contextlib.suppress(OSError):
            os.chmod(settings.fileName(), 0o600)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_geometry()
        # Stop waiting for whatever is in flight; the threads end on their own shortly
        # and the application waits for them (bounded) before it exits.
        self.session.cancel()
        self.workers.cancel_all()
        super().closeEvent(event)
