"""The workspace window: a navigator of services, datasets and schemas, and the details pane.

The layout is a resource browser, as people who manage cloud resources know it: the lists on
the left (filter, sort, counts), the selected resource on the right, its actions in the
toolbar, the menus and a context menu. Everything the window does goes through one
:class:`~aitems_desktop.gui.shell.runner.Runner`, and everything it shows comes from the
:class:`~aitems_desktop.gui.workspace.state.Workspace`.

The app builds the window in two stages (``staged=True``): first its frame (the restored
geometry, the title, the menus and the status bar saying what the app is doing), which is
what the first paint shows, then, right after that paint, :meth:`WorkspaceWindow.complete`
builds the rest (the toolbar, the navigator, the details pane, the service tabs, the
controllers, the activity dock) and imports the modules they need. A
window built directly is complete at once. Until it is complete, the actions that need
the workspace are disabled and nothing reaches the parts not yet built.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

# Not Qt: its first use builds PySide6's whole Qt namespace (about a hundred enum classes),
# which the window's frame does without; the methods that need it import it.
from PySide6.QtCore import QPoint, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QProgressBar, QWidget

from aitems_desktop.gui.qt_enums import set_enum_property
from aitems_desktop.gui.shell.actions import make_action
from aitems_desktop.gui.shell.runner import Runner
from aitems_desktop.gui.shell.window_state import (
    DEFAULT_SIZE,
    WindowState,
    save_state_in_background,
)
from aitems_desktop.gui.worker import WorkerRegistry
from aitems_desktop.gui.workspace.rows import Kind

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QComboBox, QSplitter, QTabWidget, QToolBar

    from aitems_desktop.core.connection import Connection
    from aitems_desktop.gui.datasets.controller import DataActions
    from aitems_desktop.gui.details.pane import DetailsPane
    from aitems_desktop.gui.error_panel import ErrorPanel
    from aitems_desktop.gui.error_report import ErrorReport
    from aitems_desktop.gui.services.controller import ServiceActions
    from aitems_desktop.gui.services.panels import LookupPanel, TrainingsPanel, UpdatesPanel
    from aitems_desktop.gui.shell.activity_dock import ActivityDock
    from aitems_desktop.gui.workspace.navigator import Navigator
    from aitems_desktop.gui.workspace.state import Workspace

log = logging.getLogger(__name__)

API_DOCUMENTATION_URL = "https://api.ncloud-docs.com/docs/ai-application-service-aitems"


class WorkspaceWindow(QMainWindow):
    """Browse, change, train and test every service of one connection."""

    #: File > Credentials…: whoever manages profiles opens its dialog.
    credentials_requested = Signal()
    #: The person picked another profile in the switcher: (profile name).
    profile_switch_requested = Signal(str)
    #: :meth:`complete` has built the rest of the window.
    completed = Signal()

    # Built by complete(): the first frame is painted without them.
    workspace: Workspace
    navigator: Navigator
    details: DetailsPane
    services: ServiceActions
    data: DataActions
    splitter: QSplitter
    activity: ActivityDock
    activity_action: QAction
    trainings_panel: TrainingsPanel
    updates_panel: UpdatesPanel
    lookup_panel: LookupPanel
    toolbar: QToolBar
    profile_label: QLabel
    profile_switcher: QComboBox

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        profile: str | None = None,
        state: WindowState | None = None,
        staged: bool = False,
    ) -> None:
        """A complete window; with ``staged``, only its frame until :meth:`complete`."""
        super().__init__(parent)
        self.setObjectName("workspaceWindow")
        self._profile = profile
        self._restored = state or WindowState()
        #: The thread writing the window's state at close; the app joins it before exiting.
        self.state_writer: threading.Thread | None = None
        #: Threads keeping a Preferences choice; the app joins them before exiting.
        self.preferences_writers: list[threading.Thread] = []
        self.workers = WorkerRegistry(self)
        self.runner = Runner(self.workers, self)
        self._error_panel: ErrorPanel | None = None
        self._connection: Connection | None = None
        self._pending = ""
        self._profiles: list[str] = []
        self._completed = False
        self._closed = False

        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self.set_connection(None)
        if not self._restored.geometry or not self.restoreGeometry(self._restored.geometry):
            self._default_size()
        if not staged:
            self.complete()

    def is_complete(self) -> bool:
        return self._completed

    def complete(self) -> None:
        """Build the rest of the window: the toolbar, the navigator, the details pane, the
        service tabs, the controllers and the activity dock; then restore the lists and the
        layout.

        Does nothing once done, or once the window is closed (closing while starting).
        """
        if self._completed or self._closed:
            return
        from aitems_desktop.gui.datasets.controller import DataActions
        from aitems_desktop.gui.details.pane import DetailsPane
        from aitems_desktop.gui.services.controller import ServiceActions
        from aitems_desktop.gui.workspace.navigator import Navigator
        from aitems_desktop.gui.workspace.state import Workspace

        self.workspace = Workspace(self.runner, self)
        self.navigator = Navigator(self.workspace.models, self)
        self.details = DetailsPane(self.runner, self)
        self.services = ServiceActions(self.runner, self.workspace, self)
        self.data = DataActions(self.runner, self.workspace, self)
        self._build_toolbar()
        self._build_central()
        self._build_service_tabs()
        self._build_activity()
        self._connect()
        self._completed = True
        # The connection as the frame has it (none, in the app): the lists start from it.
        self._show_connection_in_workspace()
        self._show_profile()
        self._update_actions()
        self._apply_state(self._restored)
        self.completed.emit()

    # --- construction ------------------------------------------------------------------------

    def _build_central(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QSplitter, QVBoxLayout

        right = QWidget(self)
        self._right_layout = QVBoxLayout(right)
        self._right_layout.setContentsMargins(0, 0, 0, 0)
        self._right_layout.addWidget(self.details, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("workspaceSplitter")
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.splitter)
        self.setCentralWidget(central)

    def _build_service_tabs(self) -> None:
        from aitems_desktop.gui.services.panels import LookupPanel, TrainingsPanel, UpdatesPanel

        page = self.details.page(Kind.SERVICES)
        self.trainings_panel = TrainingsPanel(self.runner, page)
        self.updates_panel = UpdatesPanel(self.runner, page)
        self.lookup_panel = LookupPanel(self.runner, page)
        page.tabs.addTab(self.trainings_panel, self.tr("Trainings"))
        page.tabs.addTab(self.updates_panel, self.tr("Updates"))
        page.tabs.addTab(self.lookup_panel, self.tr("Test Lookup"))
        self.trainings_panel.trainings_loaded.connect(self.updates_panel.set_trainings)
        for panel in (self.trainings_panel, self.updates_panel, self.lookup_panel):
            panel.failed.connect(lambda report: self.statusBar().showMessage(report.title, 6000))
        self.lookup_panel.copied.connect(lambda text: self.statusBar().showMessage(text, 3000))
        page.tabs.currentChanged.connect(self._service_tab_changed)

    def _show_service_panels(self, service: Any) -> None:
        page = self.details.page(Kind.SERVICES)
        for panel in (self.trainings_panel, self.updates_panel, self.lookup_panel):
            panel.set_service(service)
        page.tabs.setTabVisible(page.tabs.indexOf(self.updates_panel), service.type == "interval")
        if page.tabs.currentWidget() is self.trainings_panel:
            self.trainings_panel.refresh()

    @Slot(int)
    def _service_tab_changed(self, _: int) -> None:
        page = self.details.page(Kind.SERVICES)
        if page.tabs.currentWidget() in (self.trainings_panel, self.updates_panel):
            self.trainings_panel.refresh()

    def _shown_tabs(self) -> QTabWidget | None:
        """The tab widget of the resource on screen, or None when no resource is shown."""
        if self.details.shown is None:
            return None
        return self.details.page(self.details.shown[0]).tabs

    def _show_tab(self, position: int) -> None:
        from PySide6.QtCore import Qt

        tabs = self._shown_tabs()
        if tabs is None or not tabs.isTabVisible(position):
            return
        tabs.setCurrentIndex(position)
        widget = tabs.currentWidget()
        # Into the tab's first control in the Tab order, so the keys that follow work on what
        # is shown.
        first: QWidget = widget
        candidate: QWidget | None = widget
        while not first.focusPolicy() & Qt.FocusPolicy.TabFocus:
            candidate = candidate.nextInFocusChain() if candidate is not None else None
            if candidate is None or candidate is widget:
                first = widget
                break
            if (
                widget.isAncestorOf(candidate)
                and candidate.isVisibleTo(widget)
                and candidate.isEnabled()
                and candidate.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                first = candidate
        first.setFocus(Qt.FocusReason.TabFocusReason)

    def _show_tab_of(self, panel: QWidget) -> None:
        if self.details.shown is not None and self.details.shown[0] is Kind.SERVICES:
            self._show_tab(self.details.page(Kind.SERVICES).tabs.indexOf(panel))

    def _step_tab(self, step: int) -> None:
        tabs = self._shown_tabs()
        if tabs is None:
            return
        visible = [i for i in range(tabs.count()) if tabs.isTabVisible(i)]
        if len(visible) < 2:
            return
        at = visible.index(tabs.currentIndex()) if tabs.currentIndex() in visible else 0
        self._show_tab(visible[(at + step) % len(visible)])

    def _show_list(self, kind: Kind) -> None:
        self.navigator.show_kind(kind)
        self.navigator.focus_list()

    def _build_activity(self) -> None:
        from PySide6.QtCore import Qt

        from aitems_desktop.core.activity import ActivityFile, data_dir
        from aitems_desktop.gui.shell.activity_dock import ActivityDock

        self.activity = ActivityDock(ActivityFile(data_dir()), self._curl_for, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.activity)
        self.activity.hide()
        # The last item of the View menu: the dock's own action, which follows the dock.
        self.activity_action = self.activity.toggleViewAction()
        self.activity_action.setObjectName("activityAction")
        self.activity_action.setText(self.tr("&Activity Log"))
        self.activity_action.setShortcuts([QKeySequence("Ctrl+Shift+L")])
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.activity_action)
        self.runner.call_recorded.connect(self._recorded)
        # Read once the core is imported (after the first paint): a job asked for earlier
        # would start that import while the window is still being built.
        self.runner.core_ready.connect(self._read_activity)

    @Slot()
    def _read_activity(self) -> None:
        self.runner.core_ready.disconnect(self._read_activity)
        file = self.activity.file
        if file is not None:
            self.runner.run_local(file.read, self.activity.load, lambda _: None)

    @Slot(object)
    def _recorded(self, record: Any) -> None:
        from aitems_desktop.core.activity import entry_from_record

        label = self._connection.label if self._connection is not None else ""
        self.activity.add(entry_from_record(record, label))

    def _curl_for(self, entry: Any) -> str | None:
        """A freshly signed command for a call of the current profile (None for another's)."""
        if self._connection is None or entry.profile != self._connection.label:
            return None
        api = self.runner.root_api()
        if api is None:
            return None
        from aitems_desktop.core.catalogue import BY_KEY
        from aitems_desktop.core.engine import PreparedCall

        operation = BY_KEY.get(entry.operation.split(" ", 1)[0])
        if operation is None:
            return None
        body = entry.body.encode("utf-8") if entry.body is not None else None
        prepared = PreparedCall(operation, entry.method, entry.url, entry.target, body)
        return api.engine.curl_command(prepared)

    def _build_actions(self) -> None:
        a = make_action
        self.new_service_action = a(
            self,
            self.tr("New &Service…"),
            "newServiceAction",
            lambda: self.services.new(),
            QKeySequence.StandardKey.New,
        )
        self.new_dataset_action = a(
            self,
            self.tr("New &Dataset from a CSV File…"),
            "newDatasetAction",
            self._new_dataset,
            "Ctrl+Shift+N",
        )
        self.new_schema_action = a(
            self, self.tr("New Sc&hema…"), "newSchemaAction", self._new_schema, "Ctrl+Shift+H"
        )
        self.duplicate_schema_action = a(
            self, self.tr("D&uplicate Schema…"), "duplicateSchemaAction", self._duplicate_schema
        )
        self.credentials_action = a(
            self, self.tr("C&redentials…"), "credentialsAction", self.credentials_requested.emit
        )
        self.quit_action = a(
            self, self.tr("&Quit"), "quitAction", self.close, QKeySequence.StandardKey.Quit
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.edit_action = a(self, self.tr("&Edit…"), "editAction", self._edit, "F2")
        self.delete_action = a(
            self, self.tr("&Delete…"), "deleteAction", self._delete, QKeySequence.StandardKey.Delete
        )
        self.attach_action = a(
            self, self.tr("&Attach Datasets…"), "attachAction", self._attach, "Ctrl+Shift+D"
        )
        self.train_action = a(self, self.tr("&Train…"), "trainAction", self._train, "Ctrl+T")
        self.copy_id_action = a(
            self, self.tr("Copy &ID"), "copyIdAction", self._copy_id, "Ctrl+Shift+C"
        )
        self.copy_name_action = a(self, self.tr("Copy &Name"), "copyNameAction", self._copy_name)
        self.copy_json_action = a(
            self, self.tr("Copy as &JSON"), "copyJsonAction", self._copy_json, "Ctrl+Shift+J"
        )
        self.filter_action = a(
            self,
            self.tr("&Filter"),
            "filterAction",
            lambda: self.navigator.focus_filter(),
            QKeySequence.StandardKey.Find,
        )
        self.refresh_action = a(
            self,
            self.tr("&Refresh"),
            "refreshAction",
            self.refresh_selection,
            QKeySequence.StandardKey.Refresh,
        )
        self.refresh_all_action = a(
            self, self.tr("Refresh &All"), "refreshAllAction", self.refresh_all, "Ctrl+F5"
        )
        self.expand_action = a(
            self, self.tr("E&xpand All"), "expandAction", self._expand_all, "Ctrl+E"
        )
        self.collapse_action = a(
            self, self.tr("C&ollapse All"), "collapseAction", self._collapse_all, "Ctrl+Shift+E"
        )
        self.show_services_action = a(
            self,
            self.tr("&Services"),
            "showServicesAction",
            lambda: self._show_list(Kind.SERVICES),
            "Ctrl+1",
        )
        self.show_datasets_action = a(
            self,
            self.tr("&Datasets"),
            "showDatasetsAction",
            lambda: self._show_list(Kind.DATASETS),
            "Ctrl+2",
        )
        self.show_schemas_action = a(
            self,
            self.tr("Sc&hemas"),
            "showSchemasAction",
            lambda: self._show_list(Kind.SCHEMAS),
            "Ctrl+3",
        )
        # The details pane's tabs: Alt+number as in browsers and terminals (Ctrl+number picks
        # the list), Ctrl+PgDown/PgUp for the next and previous tab as in every tabbed Qt app.
        self.overview_tab_action = a(
            self, self.tr("&Overview Tab"), "overviewTabAction", lambda: self._show_tab(0), "Alt+1"
        )
        self.trainings_tab_action = a(
            self,
            self.tr("&Trainings Tab"),
            "trainingsTabAction",
            lambda: self._show_tab_of(self.trainings_panel),
            "Alt+2",
        )
        self.lookup_tab_action = a(
            self,
            self.tr("Test &Lookup Tab"),
            "lookupTabAction",
            lambda: self._show_tab_of(self.lookup_panel),
            "Alt+3",
        )
        self.updates_tab_action = a(
            self,
            self.tr("&Updates Tab"),
            "updatesTabAction",
            lambda: self._show_tab_of(self.updates_panel),
            "Alt+4",
        )
        self.next_tab_action = a(
            self, self.tr("&Next Tab"), "nextTabAction", lambda: self._step_tab(1), "Ctrl+PgDown"
        )
        self.previous_tab_action = a(
            self,
            self.tr("&Previous Tab"),
            "previousTabAction",
            lambda: self._step_tab(-1),
            "Ctrl+PgUp",
        )
        self.docs_action = a(
            self, self.tr("AiTEMS API &Documentation"), "docsAction", self._open_docs
        )
        self.shortcuts_action = a(
            self, self.tr("&Keyboard Shortcuts"), "shortcutsAction", self._shortcuts, "F1"
        )
        self.log_folder_action = a(
            self, self.tr("Open &Log Folder"), "logFolderAction", self._open_log_folder
        )
        self.about_action = a(self, self.tr("&About AiTEMS Desktop"), "aboutAction", self._about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt_action = a(self, self.tr("About &Qt"), "aboutQtAction", self._about_qt)
        self.preferences_action = a(
            self, self.tr("&Preferences…"), "preferencesAction", self._preferences, "Ctrl+,"
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.cancel_action = a(
            self, self.tr("&Stop All Calls"), "cancelAction", self.runner.cancel_all
        )
        #: Enabled once the window is complete (the others follow the selection).
        self._workspace_actions = [
            self.filter_action,
            self.expand_action,
            self.collapse_action,
            self.show_services_action,
            self.show_datasets_action,
            self.show_schemas_action,
        ]

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions(
            [self.new_service_action, self.new_dataset_action, self.new_schema_action]
        )
        self.file_menu = file_menu
        file_menu.addSeparator()
        file_menu.addAction(self.credentials_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.edit_action, self.delete_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.copy_id_action, self.copy_name_action, self.copy_json_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.filter_action, self.cancel_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)
        self.edit_menu = edit_menu
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions(
            [self.show_services_action, self.show_datasets_action, self.show_schemas_action]
        )
        view_menu.addSeparator()
        self.tabs_menu = view_menu.addMenu(self.tr("Details &Tabs"))
        self.tabs_menu.addActions(
            [
                self.overview_tab_action,
                self.trainings_tab_action,
                self.updates_tab_action,
                self.lookup_tab_action,
            ]
        )
        self.tabs_menu.addSeparator()
        self.tabs_menu.addActions([self.next_tab_action, self.previous_tab_action])
        view_menu.addSeparator()
        view_menu.addActions([self.refresh_action, self.refresh_all_action])
        view_menu.addSeparator()
        view_menu.addActions([self.expand_action, self.collapse_action])
        # The activity dock's action follows, added with the dock.
        self.view_menu = view_menu
        self.service_menu = bar.addMenu(self.tr("&Service"))
        self.service_menu.addAction(self.new_service_action)
        self.service_menu.addSeparator()
        self.service_menu.addActions([self.attach_action, self.train_action])
        self.schema_menu = bar.addMenu(self.tr("Sche&ma"))
        self.schema_menu.addActions([self.new_schema_action, self.duplicate_schema_action])
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.docs_action, self.shortcuts_action, self.log_folder_action])
        help_menu.addSeparator()
        help_menu.addActions([self.about_action, self.about_qt_action])
        self.help_menu = help_menu

    def _build_toolbar(self) -> None:
        from PySide6.QtWidgets import QComboBox, QSizePolicy, QToolBar

        toolbar = QToolBar(self.tr("Main"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        set_enum_property(toolbar, "toolButtonStyle", "ToolButtonTextOnly")
        toolbar.addActions([self.new_service_action, self.refresh_action])
        toolbar.addSeparator()
        toolbar.addActions([self.edit_action, self.delete_action])
        toolbar.addSeparator()
        toolbar.addActions([self.attach_action, self.train_action])
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        self.profile_label = QLabel(self.tr("&Profile:"), toolbar)
        self.profile_switcher = QComboBox(toolbar)
        self.profile_switcher.setObjectName("profileSwitcher")
        self.profile_switcher.setAccessibleName(self.tr("Profile"))
        self.profile_switcher.setToolTip(
            self.tr("The credentials profile the workspace shows; File > Credentials… edits them")
        )
        self.profile_switcher.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.profile_switcher.setEnabled(False)
        self.profile_label.setBuddy(self.profile_switcher)
        # Only the person's choice switches (activated), never a list being filled in.
        self.profile_switcher.activated.connect(self._profile_chosen)
        toolbar.addWidget(self.profile_label)
        toolbar.addWidget(self.profile_switcher)
        self.toolbar = toolbar
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        self.sandbox_badge = QLabel(self.tr("SANDBOX"), self)
        self.sandbox_badge.setObjectName("sandboxBadge")
        self.sandbox_badge.setToolTip(
            self.tr("Talking to the built-in local sandbox, not to NAVER Cloud")
        )
        self.endpoint_label = QLabel(self)
        self.endpoint_label.setObjectName("endpointLabel")
        set_enum_property(self.endpoint_label, "textInteractionFlags", "TextSelectableByMouse")
        self.busy_indicator = QProgressBar(self)
        self.busy_indicator.setObjectName("busyIndicator")
        self.busy_indicator.setRange(0, 0)
        self.busy_indicator.setTextVisible(False)
        self.busy_indicator.setMaximumWidth(80)
        self.busy_indicator.hide()
        self.statusBar().addPermanentWidget(self.busy_indicator)
        self.statusBar().addPermanentWidget(self.sandbox_badge)
        self.statusBar().addPermanentWidget(self.endpoint_label)

    def _connect(self) -> None:
        self.navigator.selection_changed.connect(self._selection_changed)
        self.navigator.activated.connect(self._activated)
        self.navigator.context_menu_requested.connect(self._context_menu)
        self.workspace.count_changed.connect(
            lambda kind, n: self.navigator.set_count(Kind(kind), n)
        )
        self.workspace.details_loaded.connect(self._details_loaded)
        self.workspace.details_failed.connect(self._details_failed)
        self.workspace.removed.connect(self._removed)
        self.workspace.list_failed.connect(self._list_failed)
        self.workspace.list_loaded.connect(self._reselect)
        self.workspace.loading_changed.connect(self._loading_changed)
        self.workspace.training_ended.connect(self._training_ended)
        self.runner.busy_changed.connect(lambda n: self.busy_indicator.setVisible(n > 0))
        self.runner.unhandled_failure.connect(self._unhandled_failure)
        for controller in (self.services, self.data):
            controller.failed.connect(self.show_report)
            controller.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.services.select.connect(lambda kind, rid: self.navigator.select(Kind(kind), rid))

    # --- the connection ----------------------------------------------------------------------

    def connection(self) -> Connection | None:
        return self._connection

    def set_connection(self, connection: Connection | None, pending: str = "") -> None:
        """Talk to ``connection``: the workspace is cleared and read again from it.

        Before :meth:`complete`, only the frame shows it; completing reads the lists.
        """
        self._connection = connection
        self._pending = pending
        self.runner.set_connection(connection)
        self._dismiss_error()
        # Qt appends the application's display name ("sandbox — AiTEMS Desktop"): only the
        # profile goes here, or nothing.
        self.setWindowTitle(connection.label if connection else "")
        if connection is None:
            self.sandbox_badge.setVisible(False)
            self.endpoint_label.setText(pending or self.tr("Not connected"))
        else:
            self.sandbox_badge.setVisible(connection.is_sandbox)
            source = f" ({connection.source})" if connection.source else ""
            self.endpoint_label.setText(
                self.tr("Profile: {label}{source} · {url}").format(
                    label=connection.label, source=source, url=connection.base_url
                )
            )
        if self._completed:
            self._show_connection_in_workspace()
        self._show_profile()
        self._update_actions()

    def _show_connection_in_workspace(self) -> None:
        """The lists and the details pane start again from the connection (and read it)."""
        self.workspace.reset()
        self.details.show_empty()
        self.navigator.set_status(self._pending if self._connection is None else "")
        if self._connection is not None:
            self.workspace.refresh()

    # --- profiles -------------------------------------------------------------------------------

    @Slot(list)
    def set_profiles(self, names: list[str]) -> None:
        """The profiles the switcher offers (read off the GUI thread by whoever manages them)."""
        self._profiles = list(names)
        self._show_profile()

    def _show_profile(self) -> None:
        """The switcher names the connection's profile, or nothing while there is none."""
        if not self._completed:
            return  # complete() builds the switcher and shows it
        switcher = self.profile_switcher
        current = self._connection.label if self._connection is not None else ""
        names = list(self._profiles)
        if current and current not in names:
            # The sandbox, or keys from the environment: shown, but not a profile to pick.
            names.insert(0, current)
        switcher.blockSignals(True)
        switcher.clear()
        switcher.addItems(names)
        switcher.setCurrentIndex(names.index(current) if current else -1)
        switcher.blockSignals(False)
        switcher.setEnabled(bool(self._profiles))

    @Slot(int)
    def _profile_chosen(self, index: int) -> None:
        name = self.profile_switcher.itemText(index)
        current = self._connection.label if self._connection is not None else ""
        if name and name != current and name in self._profiles:
            # Nothing of the old profile stays on screen while the new one resolves.
            self.set_connection(None, self.tr("Switching to {name}…").format(name=name))
            self.profile_switch_requested.emit(name)

    @Slot(str)
    def show_connection_failure(self, message: str) -> None:
        from aitems_desktop.gui.error_report import ErrorReport

        self.set_connection(None, self.tr("Not connected"))
        self.show_report(
            ErrorReport(title=self.tr("Not connected"), message=message, kind="connection")
        )

    # --- errors -------------------------------------------------------------------------------

    @property
    def error_panel(self) -> ErrorPanel:
        # It sits above the details pane: a report that comes first completes the window.
        self.complete()
        if self._error_panel is None:
            from aitems_desktop.gui.error_panel import ErrorPanel

            self._error_panel = ErrorPanel(self)
            self._error_panel.open_existing_requested.connect(self._open_by_name)
            self._error_panel.credentials_requested.connect(self.credentials_requested)
            self._right_layout.insertWidget(0, self._error_panel)
        return self._error_panel

    @Slot(object)
    def show_report(self, report: ErrorReport) -> None:
        self.statusBar().showMessage(report.title, 6000)
        if not self._closed:
            self.error_panel.show_report(report)

    def _dismiss_error(self) -> None:
        if self._error_panel is not None:
            self._error_panel.dismiss()

    @Slot(object, str)
    def _unhandled_failure(self, error: BaseException, label: str) -> None:
        from aitems_desktop.gui.error_report import report_for

        log.warning("%s failed: %r", label, error)
        self.show_report(report_for(error))

    @Slot(str, object)
    def _list_failed(self, kind: str, error: BaseException) -> None:
        from aitems_desktop.gui.error_report import report_for

        report = report_for(error)
        if Kind(kind) is self.navigator.current_kind():
            self.navigator.set_status(
                self.tr("The list could not be read: {message}").format(message=report.message)
            )
        self.show_report(report)

    @Slot(str, bool)
    def _loading_changed(self, kind: str, loading: bool) -> None:
        if Kind(kind) is self.navigator.current_kind() and not self.workspace.is_loaded(Kind(kind)):
            self.navigator.set_status(self.tr("Loading…") if loading else "")

    # --- selection and details ----------------------------------------------------------------

    def selected(self) -> tuple[Kind, str]:
        return self.navigator.current_kind(), self.navigator.selected_id()

    def selected_resource(self) -> Any:
        kind, resource_id = self.selected()
        if not resource_id:
            return None
        return self.workspace.details(kind, resource_id)

    @Slot(str, str)
    def _selection_changed(self, kind: str, resource_id: str) -> None:
        k = Kind(kind)
        if not resource_id:
            self.details.show_empty()
            self.workspace.focus(None)
        else:
            known = self.workspace.details(k, resource_id)
            if known is not None:
                self.details.show_resource(k, resource_id, known)
            else:
                row = self.workspace.models[k].row(resource_id)
                self.details.show_empty(
                    self.tr("Reading {name}…").format(name=row.name if row else resource_id)
                )
            self.workspace.focus(k, resource_id)
        self._update_actions()

    @Slot(str, str)
    def _activated(self, kind: str, resource_id: str) -> None:
        self.details.setFocus()
        self.workspace.fetch(Kind(kind), resource_id)

    @Slot(str, str, object)
    def _details_loaded(self, kind: str, resource_id: str, resource: Any) -> None:
        if self.selected() == (Kind(kind), resource_id):
            self.details.show_resource(Kind(kind), resource_id, resource)
            if Kind(kind) is Kind.SERVICES:
                self._show_service_panels(resource)
            self._update_actions()

    @Slot(str, str, object)
    def _details_failed(self, kind: str, resource_id: str, error: BaseException) -> None:
        from aitems_desktop.core import errors
        from aitems_desktop.gui.error_report import report_for

        if self.selected() != (Kind(kind), resource_id):
            return
        if isinstance(error, errors.NotFoundError):
            self.statusBar().showMessage(self.tr("It no longer exists"), 6000)
            return
        self.show_report(report_for(error))

    @Slot(str, str)
    def _removed(self, kind: str, resource_id: str) -> None:
        if self.details.shown == (Kind(kind), resource_id):
            self.details.show_empty()
        self._update_actions()

    def _update_actions(self) -> None:
        for action in self._workspace_actions:
            action.setEnabled(self._completed)
        if not self._completed:
            for action in self._selection_actions():
                action.setEnabled(False)
            return
        kind, resource_id = self.selected()
        connected = self._connection is not None
        selected = connected and bool(resource_id)
        resource = self.selected_resource() if selected else None
        self.new_service_action.setEnabled(connected)
        self.new_schema_action.setEnabled(connected)
        self.new_dataset_action.setEnabled(connected)
        self.duplicate_schema_action.setEnabled(kind is Kind.SCHEMAS and resource is not None)
        self.edit_action.setEnabled(resource is not None)
        self.delete_action.setEnabled(selected)
        self.copy_id_action.setEnabled(selected)
        self.copy_name_action.setEnabled(selected)
        self.copy_json_action.setEnabled(resource is not None)
        self.refresh_action.setEnabled(connected)
        self.refresh_all_action.setEnabled(connected)
        self.edit_action.setText(
            self.tr("&Edit…") if kind is Kind.SERVICES else self.tr("&Edit Description…")
        )
        shown = self.details.shown
        on_service = shown is not None and shown[0] is Kind.SERVICES
        service_tabs = self.details.page(Kind.SERVICES).tabs
        self.overview_tab_action.setEnabled(shown is not None)
        self.trainings_tab_action.setEnabled(on_service)
        self.lookup_tab_action.setEnabled(on_service)
        self.updates_tab_action.setEnabled(
            on_service and service_tabs.isTabVisible(service_tabs.indexOf(self.updates_panel))
        )
        self.next_tab_action.setEnabled(on_service)
        self.previous_tab_action.setEnabled(on_service)
        service = resource if kind is Kind.SERVICES else None
        self.attach_action.setEnabled(service is not None)
        self.train_action.setEnabled(service is not None)
        if service is not None:
            self.train_action.setText(
                self.tr("Periodic &Training…") if service.type == "interval" else self.tr("&Train…")
            )

    def _selection_actions(self) -> list[QAction]:
        """The actions :meth:`_update_actions` enables by the connection and the selection."""
        return [
            self.new_service_action,
            self.new_schema_action,
            self.new_dataset_action,
            self.duplicate_schema_action,
            self.edit_action,
            self.delete_action,
            self.copy_id_action,
            self.copy_name_action,
            self.copy_json_action,
            self.refresh_action,
            self.refresh_all_action,
            self.overview_tab_action,
            self.trainings_tab_action,
            self.lookup_tab_action,
            self.updates_tab_action,
            self.next_tab_action,
            self.previous_tab_action,
            self.attach_action,
            self.train_action,
        ]

    # --- actions ------------------------------------------------------------------------------

    @Slot()
    def refresh_selection(self) -> None:
        kind, resource_id = self.selected()
        self.workspace.refresh(kind)
        if resource_id:
            self.workspace.fetch(kind, resource_id)

    @Slot()
    def refresh_all(self) -> None:
        self.workspace.refresh()

    @Slot()
    def _edit(self) -> None:
        kind, _ = self.selected()
        resource = self.selected_resource()
        if resource is None:
            return
        if kind is Kind.SERVICES:
            self.services.edit(resource)
        else:
            self.data.describe(kind, resource)

    @Slot()
    def _delete(self) -> None:
        kind, resource_id = self.selected()
        if not resource_id:
            return
        row = self.workspace.models[kind].row(resource_id)
        name = row.name if row is not None else resource_id
        if kind is Kind.SERVICES:
            self.services.delete(resource_id, name)
        else:
            self.data.delete(kind, resource_id, name)

    @Slot()
    def _attach(self) -> None:
        from aitems_desktop.gui.services.attach_dialog import AttachDatasetsDialog

        service = self._selected_service()
        if service is None:
            return
        if not self.workspace.is_loaded(Kind.DATASETS):
            self.workspace.refresh(Kind.DATASETS)
        dialog = AttachDatasetsDialog(
            self.runner, service, self.workspace.models[Kind.DATASETS].rows(), self
        )
        dialog.attached.connect(lambda s: self.workspace.put(Kind.SERVICES, s))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot()
    def _train(self) -> None:
        from aitems_desktop.gui.services.train_dialog import TrainDialog

        service = self._selected_service()
        if service is None:
            return
        dialog = TrainDialog(self.runner, service, self)
        dialog.started.connect(self._training_started)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot(object)
    def _training_started(self, service: Any) -> None:
        self.workspace.put(Kind.SERVICES, service)
        self.statusBar().showMessage(
            self.tr("Training of {name} requested").format(name=service.name), 6000
        )

    @Slot()
    def _new_schema(self) -> None:
        self._open_schema_editor(None)

    def _open_schema_editor(self, source: Any) -> None:
        from aitems_desktop.gui.schemas.editor import SchemaEditorDialog

        dialog = SchemaEditorDialog(self.runner, self, source=source)
        dialog.created.connect(self._schema_created)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot()
    def _new_dataset(self) -> None:
        from aitems_desktop.gui.datasets.wizard import DatasetWizard

        if not self.workspace.is_loaded(Kind.SCHEMAS):
            self.workspace.refresh(Kind.SCHEMAS)
        wizard = DatasetWizard(self.runner, self.workspace, self)
        wizard.created.connect(
            lambda d: self.statusBar().showMessage(
                self.tr("Created {name}").format(name=d.name), 6000
            )
        )
        wizard.finished.connect(wizard.deleteLater)
        wizard.open()

    @Slot()
    def _duplicate_schema(self) -> None:
        kind, _ = self.selected()
        schema = self.selected_resource() if kind is Kind.SCHEMAS else None
        if schema is not None:
            self._open_schema_editor(schema)

    @Slot(object)
    def _schema_created(self, schema: Any) -> None:
        self.workspace.put(Kind.SCHEMAS, schema)
        self.navigator.select(Kind.SCHEMAS, schema.name)
        self.statusBar().showMessage(self.tr("Created {name}").format(name=schema.name), 6000)

    def _selected_service(self) -> Any:
        kind, _ = self.selected()
        return self.selected_resource() if kind is Kind.SERVICES else None

    @Slot()
    def _copy_id(self) -> None:
        _, resource_id = self.selected()
        if resource_id:
            QGuiApplication.clipboard().setText(resource_id)
            self.statusBar().showMessage(self.tr("Copied {text}").format(text=resource_id), 3000)

    @Slot()
    def _copy_name(self) -> None:
        kind, resource_id = self.selected()
        row = self.workspace.models[kind].row(resource_id) if resource_id else None
        if row is not None:
            QGuiApplication.clipboard().setText(row.name)
            self.statusBar().showMessage(self.tr("Copied {text}").format(text=row.name), 3000)

    @Slot()
    def _copy_json(self) -> None:
        import json

        kind, _ = self.selected()
        page = self.details.page(Kind.SERVICES)
        # On the Test Lookup tab the JSON at hand is the lookup's, not the service's.
        if (
            kind is Kind.SERVICES
            and page.tabs.currentWidget() is self.lookup_panel
            and self.lookup_panel.copy_json()
        ):
            return
        resource = self.selected_resource()
        if resource is not None:
            text = json.dumps(resource.raw, ensure_ascii=False, indent=2)
            QGuiApplication.clipboard().setText(text + "\n")
            self.statusBar().showMessage(self.tr("Copied as JSON"), 3000)

    @Slot()
    def _expand_all(self) -> None:
        kind, _ = self.selected()
        self.details.page(kind).tree.expandAll()

    @Slot()
    def _collapse_all(self) -> None:
        kind, _ = self.selected()
        self.details.page(kind).tree.collapseAll()

    @Slot(str)
    def _open_by_name(self, name: str) -> None:
        self.services._open_existing(name)

    @Slot(str, str, QPoint)
    def _context_menu(self, kind: str, resource_id: str, position: QPoint) -> None:
        self._update_actions()
        menu = QMenu(self)
        if resource_id:
            menu.addActions([self.edit_action, self.delete_action])
            menu.addSeparator()
            menu.addActions([self.copy_id_action, self.copy_name_action, self.copy_json_action])
            menu.addSeparator()
        if Kind(kind) is Kind.SERVICES:
            if resource_id:
                menu.addActions([self.attach_action, self.train_action])
                menu.addSeparator()
            menu.addAction(self.new_service_action)
        elif Kind(kind) is Kind.DATASETS:
            menu.addAction(self.new_dataset_action)
        elif Kind(kind) is Kind.SCHEMAS:
            if resource_id:
                menu.addAction(self.duplicate_schema_action)
            menu.addAction(self.new_schema_action)
        menu.addAction(self.refresh_action)
        menu.exec(position)

    @Slot(str, str, str)
    def _training_ended(self, service_id: str, name: str, status: str) -> None:
        from aitems_desktop.gui import labels

        text = self.tr("Training of {name} ended: {status}").format(
            name=name, status=labels.with_raw(labels.SERVICE_STATUS, status)
        )
        self.statusBar().showMessage(text, 15000)
        from PySide6.QtWidgets import QApplication

        # The taskbar entry asks for attention when the window is not the active one.
        QApplication.alert(self, 0)

    # --- help ---------------------------------------------------------------------------------

    @Slot()
    def _open_docs(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl(API_DOCUMENTATION_URL))

    @Slot()
    def _open_log_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from aitems_desktop.gui.logging_setup import log_dir

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir())))

    @Slot()
    def _shortcuts(self) -> None:
        from aitems_desktop.gui.shell.help import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot()
    def _about(self) -> None:
        from aitems_desktop.gui.shell.help import AboutDialog

        dialog = AboutDialog(self.runner, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot()
    def _preferences(self) -> None:
        from aitems_desktop.gui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self)
        dialog.finished.connect(lambda _: self._preferences_closed(dialog))
        dialog.open()

    def _preferences_closed(self, dialog: Any) -> None:
        if dialog.writer is not None:
            self.preferences_writers.append(dialog.writer)
        dialog.deleteLater()

    @Slot()
    def _about_qt(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.aboutQt(self)

    # --- where the window was -------------------------------------------------------------------

    def _apply_state(self, state: WindowState) -> None:
        """The layout and the list: the geometry is restored with the frame, before this."""
        from PySide6.QtCore import Qt

        if state.window_state is not None:
            self.restoreState(state.window_state)
        if state.splitter is not None:
            self.splitter.restoreState(state.splitter)
        if state.kind in {k.value for k in Kind}:
            self.navigator.show_kind(Kind(state.kind))
        # The window opens with the list in hand: its keys work before any click.
        self.navigator.current_table().setFocus(Qt.FocusReason.OtherFocusReason)

    def _default_size(self) -> None:
        width, height = DEFAULT_SIZE
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, int(available.width() * 0.9))
            height = min(height, int(available.height() * 0.9))
        self.resize(width, height)

    def _reselect(self, kind: str) -> None:
        """After the first read of a list, select what was selected when the app last closed."""
        restored = self._restored
        if (
            restored.selected
            and restored.kind == kind
            and self._connection is not None
            and restored.profile == self._connection.label
            and not self.navigator.selected_id()
        ):
            self.navigator.select(Kind(kind), restored.selected)
            restored.selected = ""
        if Kind(kind) is self.navigator.current_kind():
            # A focus frame on the first row, so the arrows and typing a name work at once.
            self.navigator.ensure_current()

    def current_state(self) -> WindowState:
        if not self._completed:
            # Closed while starting: what was restored stays, with where the frame is now.
            restored = self._restored
            return WindowState(
                geometry=self.saveGeometry(),
                window_state=restored.window_state,
                splitter=restored.splitter,
                kind=restored.kind,
                selected=restored.selected,
                profile=restored.profile,
            )
        kind, selected = self.selected()
        return WindowState(
            geometry=self.saveGeometry(),
            window_state=self.saveState(),
            splitter=self.splitter.saveState(),
            kind=kind.value,
            selected=selected,
            profile=self._connection.label if self._connection is not None else "",
        )

    # --- closing ------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        from PySide6.QtWidgets import QDialog

        # A dialog left open (the window closed by the session, say) would keep the app
        # running with no window behind it: the window's dialogs end with it.
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.done(QDialog.DialogCode.Rejected)
        self._closed = True
        self.state_writer = save_state_in_background(self.current_state())
        if self._completed:
            self.workspace.stop()
        self.runner.close()
        self.workers.cancel_all()
        if self._completed and self.activity.file is not None:
            self.activity.file.close()
        super().closeEvent(event)
