"""The navigator: Services, Datasets and Schemas, each a sortable, filterable list with a count."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent
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
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
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

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_name()


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
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setClearButtonEnabled(True)
        self.stack = QStackedWidget(self)
        self.tables: dict[Kind, ResourceTable] = {}
        for kind in _TAB_ORDER:
            table = ResourceTable(kind, self.proxies[kind], self.stack)
            self.tables[kind] = table
            self.stack.addWidget(table)
            table.selectionModel().currentRowChanged.connect(self._current_changed)
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
        self.tabs.currentChanged.connect(self._tab_changed)
        self.filter_edit.textChanged.connect(self._filter)
        self.retranslate()

    def retranslate(self) -> None:
        names = {
            Kind.SERVICES: self.tr("Services ({n})"),
            Kind.DATASETS: self.tr("Datasets ({n})"),
            Kind.SCHEMAS: self.tr("Schemas ({n})"),
        }
        for position, kind in enumerate(_TAB_ORDER):
            self.tabs.setTabText(position, names[kind].format(n=f"{self._counts[kind]:,}"))
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

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    # --- slots --------------------------------------------------------------------------------

    @Slot(int)
    def _tab_changed(self, position: int) -> None:
        self.stack.setCurrentIndex(position)
        kind = self.current_kind()
        self.proxies[kind].set_filter_text(self.filter_edit.text())
        self.kind_changed.emit(kind.value)
        self.selection_changed.emit(kind.value, self.selected_id())

    @Slot(str)
    def _filter(self, text: str) -> None:
        self.proxies[self.current_kind()].set_filter_text(text)

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        kind = self.current_kind()
        resource_id = (
            str(current.siblingAtColumn(NAME).data(ID_ROLE) or "") if current.isValid() else ""
        )
        self.selection_changed.emit(kind.value, resource_id)

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
