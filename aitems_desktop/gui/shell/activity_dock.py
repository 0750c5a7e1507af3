"""The activity log panel: every call with time, method, path, status, duration and request id.

Kept across launches (JSON lines in the app's data folder, written and read off the GUI
thread), searchable, and "Copy as cURL" on any call of the current profile, signed afresh so
the copied command, run as printed, sends exactly the request the app sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Slot,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aitems_desktop.gui.format import number_text
from aitems_desktop.gui.labels import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from aitems_desktop.core.activity import ActivityFile, Entry

ModelIndex = QModelIndex | QPersistentModelIndex
#: The most entries the panel holds; older ones stay in the files.
MAX_SHOWN: Final = 5000

_HEADERS: Final = (
    QT_TRANSLATE_NOOP("ActivityModel", "Time"),
    QT_TRANSLATE_NOOP("ActivityModel", "Profile"),
    QT_TRANSLATE_NOOP("ActivityModel", "Method"),
    QT_TRANSLATE_NOOP("ActivityModel", "Path"),
    QT_TRANSLATE_NOOP("ActivityModel", "Status"),
    QT_TRANSLATE_NOOP("ActivityModel", "Duration"),
    QT_TRANSLATE_NOOP("ActivityModel", "Request ID"),
)


class ActivityModel(QAbstractTableModel):
    """Entries, newest last."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[Entry] = []
        self._search: list[str] = []

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(_HEADERS[section]) if 0 <= section < len(_HEADERS) else None
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self.entries):
            return None
        entry = self.entries[row]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return entry.time.replace("T", " ")[:23]
            if column == 1:
                return entry.profile
            if column == 2:
                return entry.method
            if column == 3:
                return entry.target
            if column == 4:
                if entry.status is not None:
                    return str(entry.status)
                return entry.error or ""
            if column == 5:
                return f"{number_text(round(entry.duration_ms))} ms"
            return entry.request_id or ""
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [entry.operation, entry.url]
            if entry.error:
                parts.append(entry.error)
            if entry.attempt > 1:
                parts.append(self.tr("attempt {n}").format(n=entry.attempt))
            return "\n".join(parts)
        return None

    def set_entries(self, entries: list[Entry]) -> None:
        self.beginResetModel()
        self.entries = list(entries[-MAX_SHOWN:])
        self._search = [e.searchable() for e in self.entries]
        self.endResetModel()

    def add(self, entry: Entry) -> None:
        if len(self.entries) >= MAX_SHOWN:
            self.beginRemoveRows(QModelIndex(), 0, 0)
            del self.entries[0]
            del self._search[0]
            self.endRemoveRows()
        position = len(self.entries)
        self.beginInsertRows(QModelIndex(), position, position)
        self.entries.append(entry)
        self._search.append(entry.searchable())
        self.endInsertRows()

    def matches(self, row: int, needle: str) -> bool:
        return needle in self._search[row]


class _Filter(QSortFilterProxyModel):
    def __init__(self, source: ActivityModel) -> None:
        super().__init__(source)
        self._source = source
        self._needle = ""
        self.setSourceModel(source)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: ModelIndex) -> bool:  # noqa: N802
        return not self._needle or self._source.matches(row, self._needle)


class ActivityDock(QDockWidget):
    """The dock; ``curl_for(entry)`` returns a freshly signed command, or None."""

    def __init__(
        self,
        file: ActivityFile | None,
        curl_for: Callable[[Entry], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("activityDock")
        self.file = file
        self._curl_for = curl_for
        self.model = ActivityModel(self)
        self.proxy = _Filter(self.model)
        self.search = QLineEdit(self)
        self.search.setObjectName("activitySearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.table = QTableView(self)
        self.table.setObjectName("activityTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        em = self.fontMetrics().horizontalAdvance("M")
        for column, width in ((0, 14), (1, 7), (2, 5), (4, 5), (5, 6), (6, 7)):
            header.resizeSection(column, width * em)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        self.setWidget(body)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Activity"))
        self.search.setPlaceholderText(self.tr("Search calls (path, status, request id…)"))
        self.search.setAccessibleName(self.tr("Search the activity log"))

    def add(self, entry: Entry) -> None:
        at_end = self._scrolled_to_end()
        self.model.add(entry)
        if self.file is not None:
            self.file.append(entry)
        if at_end:
            self.table.scrollToBottom()

    def load(self, entries: list[Entry]) -> None:
        """The history read from the files, put before anything logged since."""
        self.model.set_entries([*entries, *self.model.entries])
        self.table.scrollToBottom()

    def selected_entry(self) -> Entry | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.entries[self.proxy.mapToSource(index).row()]

    def _scrolled_to_end(self) -> bool:
        bar = self.table.verticalScrollBar()
        return bar.value() >= bar.maximum() - 2

    @Slot(QPoint)
    def _menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        entry = self.selected_entry()
        if entry is None:
            return
        menu = QMenu(self)
        curl = menu.addAction(self.tr("Copy as c&URL"), lambda: self.copy_curl(entry))
        command_possible = not entry.body_dropped and self._curl_for(entry) is not None
        curl.setEnabled(command_possible)
        if not command_possible:
            curl.setToolTip(self.tr("Only calls of the current profile can be signed again"))
        menu.addAction(self.tr("Copy as &JSON"), lambda: self.copy_json(entry))
        if entry.request_id:
            menu.addAction(
                self.tr("Copy &Request ID"),
                lambda: QGuiApplication.clipboard().setText(entry.request_id or ""),
            )
        menu.exec(self.table.viewport().mapToGlobal(position))

    def copy_curl(self, entry: Entry) -> bool:
        command = None if entry.body_dropped else self._curl_for(entry)
        if command is None:
            return False
        QGuiApplication.clipboard().setText(command)
        return True

    def copy_json(self, entry: Entry) -> None:
        data = json.loads(entry.to_json())
        QGuiApplication.clipboard().setText(json.dumps(data, ensure_ascii=False, indent=2))
