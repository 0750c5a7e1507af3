"""The navigator: Services, Datasets and Schemas, each a sortable, filterable list with a count."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aitems_desktop.gui.workspace.list_model import (
    ID_ROLE,
    NAME,
    STATUS,
    TYPE,
    UPDATED,
    ResourceFilterModel,
    ResourceListModel,
)
from aitems_desktop.gui.workspace.rows import Kind

_TAB_ORDER: Final = (Kind.SERVICES, Kind.DATASETS, Kind.SCHEMAS)
#: Rows measured when a column is sized to its contents.
_FIT_ROWS: Final = 200


class ResourceTable(QTableView):
    """One list: rows select whole, sort by clicking a header, open with Enter or double-click."""

    def __init__(self, kind: Kind, proxy: ResourceFilterModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"{kind.value}Table")
        self.setModel(proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSortingEnabled(True)
        self.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        # Tab leaves the list for the next part of the window, as in every file manager; the
        # arrows move between rows.
        self.setTabKeyNavigation(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("M" * 4))
        # Sized to the contents, measuring at most this many rows (the visible ones first):
        # a thousand-row list is not read in full at each change.
        header.setResizeContentsPrecision(_FIT_ROWS)
        if kind is Kind.SCHEMAS:
            self.setColumnHidden(STATUS, True)
        # The date before the type: when the list is narrower than its columns, the type (the
        # same for many rows, and in the details) is the one scrolled out of sight.
        header.moveSection(header.visualIndex(UPDATED), header.visualIndex(TYPE))
        #: The content widths last applied: a column the person resized keeps its width
        #: until what it holds needs another.
        self._fitted: dict[int, int] = {}
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_columns)
        for signal in (
            proxy.modelReset,
            proxy.rowsInserted,
            proxy.dataChanged,
            proxy.layoutChanged,
            proxy.headerDataChanged,
        ):
            signal.connect(self._refit_soon)
        #: Over an empty list: why it is empty ("No services match …").
        self.empty_label = QLabel(self.viewport())
        self.empty_label.setObjectName("emptyListLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty_label.hide()
        self.fit_columns()

    @Slot()
    def _refit_soon(self, *_: object) -> None:
        # Once after a burst of changes, when the rows have their new texts.
        self._fit_timer.start()

    def _content_width(self, column: int) -> int:
        header = self.horizontalHeader()
        return max(self.sizeHintForColumn(column), header.sectionSizeHint(column))

    @Slot()
    def fit_columns(self) -> None:
        """Size Status, Type and the date to what they hold; Name takes the rest."""
        header = self.horizontalHeader()
        for column in (STATUS, TYPE, UPDATED):
            if self.isColumnHidden(column):
                continue
            width = self._content_width(column)
            if self._fitted.get(column) != width:
                self._fitted[column] = width
                header.resizeSection(column, width)
        self._fit_name()

    def _fit_name(self) -> None:
        # Name stretches into the room left, but never below its own contents: when the
        # room is short the list scrolls sideways rather than cut the names.
        header = self.horizontalHeader()
        others = sum(
            header.sectionSize(c) for c in (STATUS, TYPE, UPDATED) if not self.isColumnHidden(c)
        )
        needed = self._content_width(NAME)
        header.resizeSection(NAME, max(needed, self.viewport().width() - others))

    def set_empty_text(self, text: str) -> None:
        self.empty_label.setText(text)
        self.empty_label.setVisible(bool(text))
        self._place_empty_label()

    def _place_empty_label(self) -> None:
        self.empty_label.setGeometry(self.viewport().rect().adjusted(8, 8, -8, -8))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place_empty_label()
        self._fit_name()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key == Qt.Key.Key_F10 and event.modifiers() == Qt.KeyboardModifier.ShiftModifier:
            self._menu_at_current_row()
            return
        if (
            key in (Qt.Key.Key_Down, Qt.Key.Key_Up)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and not self.selectionModel().hasSelection()
            and self.model().rowCount() > 0
        ):
            # The row with the focus frame is the one the person sees as "here": the first
            # arrow selects it instead of moving past it.
            current = self.currentIndex()
            self.select_row(current.row() if current.isValid() else 0)
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            # The menu key: the current row's menu, at the row, not at the middle of the list.
            self._menu_at_current_row()
            return
        self.customContextMenuRequested.emit(event.pos())

    def _menu_at_current_row(self) -> None:
        current = self.currentIndex()
        if not current.isValid():
            self.customContextMenuRequested.emit(QPoint(0, 0))
            return
        self.select_row(current.row())
        self.scrollTo(current)
        rect = self.visualRect(current.siblingAtColumn(NAME))
        self.customContextMenuRequested.emit(QPoint(rect.left() + 8, rect.bottom()))

    def select_row(self, row: int) -> None:
        """Make ``row`` current and selected (current and highlighted always agree)."""
        index = self.model().index(row, NAME)
        if not index.isValid():
            return
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def keyboardSearch(self, search: str) -> None:  # noqa: N802
        # Typing a name jumps to it: Qt searches the current index's column, so keep that the
        # name column even after a click on another cell.
        current = self.currentIndex()
        if current.isValid() and current.column() != NAME:
            self.selectionModel().setCurrentIndex(
                current.siblingAtColumn(NAME), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        super().keyboardSearch(search)


class FilterEdit(QLineEdit):
    """The filter box: Esc clears it (a second Esc goes back to the list), Down enters the list."""

    #: The person wants to go back to the list; True: to pick a row in it (Down).
    leave = Signal(bool)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key == Qt.Key.Key_Escape and not event.modifiers():
            if self.text():
                self.clear()
            else:
                self.leave.emit(False)
            return
        if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and not event.modifiers():
            self.leave.emit(True)
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        # Esc is the box's own key while it has the focus, before any shortcut of the window.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and not event.modifiers()
        ):
            event.accept()
            return True
        return super().event(event)


class Navigator(QWidget):
    """The left side of the workspace."""

    #: The selected resource changed: (kind, id); id is "" when nothing is selected.
    selection_changed = Signal(str, str)
    #: A resource was opened (Enter or double-click): (kind, id).
    activated = Signal(str, str)
    #: The list of another kind is on screen.
    kind_changed = Signal(str)
    #: A context menu was asked for at a global position: (kind, id, position).
    context_menu_requested = Signal(str, str, QPoint)

    def __init__(
        self, models: dict[Kind, ResourceListModel], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("navigator")
        self.models = models
        self.proxies = {kind: ResourceFilterModel(models[kind], self) for kind in Kind}
        self.tabs = QTabBar(self)
        self.tabs.setObjectName("navigatorTabs")
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        for _ in _TAB_ORDER:
            self.tabs.addTab("")
        self.filter_edit = FilterEdit(self)
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setClearButtonEnabled(True)
        self.stack = QStackedWidget(self)
        self.tables: dict[Kind, ResourceTable] = {}
        for kind in _TAB_ORDER:
            table = ResourceTable(kind, self.proxies[kind], self.stack)
            self.tables[kind] = table
            self.stack.addWidget(table)
            # Both: the first arrow selects the current row without moving the current index.
            table.selectionModel().currentRowChanged.connect(
                lambda *_, kind=kind: self._current_changed(kind)
            )
            table.selectionModel().selectionChanged.connect(
                lambda *_, kind=kind: self._current_changed(kind)
            )
            proxy = self.proxies[kind]
            for changed in (proxy.rowsInserted, proxy.rowsRemoved, proxy.modelReset):
                changed.connect(self._shown_changed)
            table.activated.connect(self._activated)
            table.customContextMenuRequested.connect(self._context_menu)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("navigatorStatus")
        self.status_label.setWordWrap(True)
        self.status_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.tabs)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.status_label)
        layout.addWidget(self.stack, 1)

        self._counts = dict.fromkeys(Kind, 0)
        #: The selection last announced, so that a row's selection and its becoming current
        #: (two signals of Qt) are told once.
        self._told = ("", "")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.filter_edit.textChanged.connect(self._filter)
        self.filter_edit.leave.connect(self.focus_list)
        self.retranslate()

    def retranslate(self) -> None:
        names = {
            Kind.SERVICES: self.tr("Services ({n})"),
            Kind.DATASETS: self.tr("Datasets ({n})"),
            Kind.SCHEMAS: self.tr("Schemas ({n})"),
        }
        filtered = {
            Kind.SERVICES: self.tr("Services ({shown} of {n})"),
            Kind.DATASETS: self.tr("Datasets ({shown} of {n})"),
            Kind.SCHEMAS: self.tr("Schemas ({shown} of {n})"),
        }
        current = self.current_kind()
        needle = self.filter_edit.text().strip()
        for position, kind in enumerate(_TAB_ORDER):
            n = f"{self._counts[kind]:,}"
            if kind is current and needle:
                # The filter box holds one text for the list on screen: only its tab is filtered.
                shown = f"{self.proxies[kind].rowCount():,}"
                self.tabs.setTabText(position, filtered[kind].format(shown=shown, n=n))
            else:
                self.tabs.setTabText(position, names[kind].format(n=n))
        self._show_empty_text()
        self.filter_edit.setPlaceholderText(self.tr("Filter (Ctrl+F)"))
        self.filter_edit.setAccessibleName(self.tr("Filter the list"))

    # --- state ------------------------------------------------------------------------------

    def current_kind(self) -> Kind:
        return _TAB_ORDER[max(0, self.tabs.currentIndex())]

    def current_table(self) -> ResourceTable:
        return self.tables[self.current_kind()]

    def show_kind(self, kind: Kind) -> None:
        self.tabs.setCurrentIndex(_TAB_ORDER.index(kind))

    def selected_id(self) -> str:
        table = self.current_table()
        index = table.currentIndex()
        if not index.isValid() or not table.selectionModel().isSelected(index):
            return ""
        return str(index.siblingAtColumn(NAME).data(ID_ROLE) or "")

    def select(self, kind: Kind, resource_id: str) -> bool:
        """Show and select one resource; False when the list does not hold it."""
        self.show_kind(kind)
        source = self.models[kind].index_of(resource_id)
        if not source.isValid():
            return False
        proxy = self.proxies[kind].mapFromSource(source)
        if not proxy.isValid():
            # Hidden by the filter: clear the filter rather than select something unseen.
            self.filter_edit.clear()
            proxy = self.proxies[kind].mapFromSource(source)
        table = self.tables[kind]
        table.selectionModel().setCurrentIndex(
            proxy,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        table.scrollTo(proxy)
        return True

    def set_count(self, kind: Kind, count: int) -> None:
        self._counts[kind] = count
        self.retranslate()

    def set_status(self, text: str) -> None:
        """A line above the list (loading, or why the list could not be read)."""
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

    def _show_empty_text(self) -> None:
        kind = self.current_kind()
        needle = self.filter_edit.text().strip()
        text = ""
        if needle and self.proxies[kind].rowCount() == 0 and self._counts[kind] > 0:
            texts = {
                Kind.SERVICES: self.tr("No services match “{text}”"),
                Kind.DATASETS: self.tr("No datasets match “{text}”"),
                Kind.SCHEMAS: self.tr("No schemas match “{text}”"),
            }
            text = texts[kind].format(text=needle)
        for each, table in self.tables.items():
            table.set_empty_text(text if each is kind else "")

    @Slot(bool)
    def focus_list(self, pick: bool = False) -> None:
        """Put the focus in the list on screen, on its current row (the first if none).

        ``pick``: select that row too, unless a row of the list is selected already.
        """
        table = self.current_table()
        table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ensure_current()
        if pick and not table.selectionModel().hasSelection() and table.currentIndex().isValid():
            table.select_row(table.currentIndex().row())

    def ensure_current(self) -> None:
        """Give the list on screen a current row (the first), without selecting it.

        A focus frame on a row the arrows start from; the row is opened only when the person
        moves to it, so nothing is read for a row nobody asked about.
        """
        table = self.current_table()
        if table.currentIndex().isValid() or table.model().rowCount() == 0:
            return
        table.selectionModel().setCurrentIndex(
            table.model().index(0, NAME), QItemSelectionModel.SelectionFlag.NoUpdate
        )

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    # --- slots --------------------------------------------------------------------------------

    @Slot(int)
    def _tab_changed(self, position: int) -> None:
        self.stack.setCurrentIndex(position)
        kind = self.current_kind()
        self.proxies[kind].set_filter_text(self.filter_edit.text())
        self.ensure_current()
        self.retranslate()
        self.kind_changed.emit(kind.value)
        self._told = (kind.value, self.selected_id())
        self.selection_changed.emit(*self._told)

    @Slot(str)
    def _filter(self, text: str) -> None:
        self.proxies[self.current_kind()].set_filter_text(text)
        self.retranslate()

    @Slot()
    def _shown_changed(self) -> None:
        if self.filter_edit.text().strip():
            self.retranslate()
        else:
            self._show_empty_text()

    def _current_changed(self, kind: Kind) -> None:
        if kind is not self.current_kind():
            # A list off screen (a refresh moved its rows): the details follow the one shown.
            return
        selected = (kind.value, self.selected_id())
        if selected != self._told:
            self._told = selected
            self.selection_changed.emit(*selected)

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        resource_id = str(index.siblingAtColumn(NAME).data(ID_ROLE) or "")
        if resource_id:
            self.activated.emit(self.current_kind().value, resource_id)

    @Slot(QPoint)
    def _context_menu(self, position: QPoint) -> None:
        table = self.current_table()
        index = table.indexAt(position)
        resource_id = ""
        if index.isValid():
            table.selectRow(index.row())
            resource_id = str(index.siblingAtColumn(NAME).data(ID_ROLE) or "")
        self.context_menu_requested.emit(
            self.current_kind().value, resource_id, table.viewport().mapToGlobal(position)
        )
