"""The table model behind each navigator list, updated in place so selections survive.

A refresh that brings the same thousand services with two new statuses changes two rows
(``dataChanged``), not the whole table: the selection, the scroll position and the sort stay
where the person left them, and a poll every few seconds costs the GUI thread almost nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from aitems_desktop.gui import labels
from aitems_desktop.gui.format import server_time_text, server_time_tooltip
from aitems_desktop.gui.labels import QT_TRANSLATE_NOOP
from aitems_desktop.gui.workspace.rows import Kind, Row

#: The raw value behind a cell, for sorting and for tests.
RAW_ROLE: Final = Qt.ItemDataRole.UserRole + 1
#: The resource id of the row.
ID_ROLE: Final = Qt.ItemDataRole.UserRole + 2

NAME, STATUS, TYPE, UPDATED = range(4)

_HEADERS: Final[dict[Kind, tuple[str, ...]]] = {
    Kind.SERVICES: (
        QT_TRANSLATE_NOOP("ResourceListModel", "Name"),
        QT_TRANSLATE_NOOP("ResourceListModel", "Status"),
        QT_TRANSLATE_NOOP("ResourceListModel", "Type"),
        QT_TRANSLATE_NOOP("ResourceListModel", "Last update"),
    ),
    Kind.DATASETS: (
        QT_TRANSLATE_NOOP("ResourceListModel", "Name"),
        QT_TRANSLATE_NOOP("ResourceListModel", "Status"),
        QT_TRANSLATE_NOOP("ResourceListModel", "Type"),
        QT_TRANSLATE_NOOP("ResourceListModel", "Last update"),
    ),
    Kind.SCHEMAS: (
        QT_TRANSLATE_NOOP("ResourceListModel", "Name"),
        QT_TRANSLATE_NOOP("ResourceListModel", "Status"),
        QT_TRANSLATE_NOOP("ResourceListModel", "Dataset type"),
        QT_TRANSLATE_NOOP("ResourceListModel", "Created"),
    ),
}

_STATUS_TABLES: Final = {
    Kind.SERVICES: labels.SERVICE_STATUS,
    Kind.DATASETS: labels.DATASET_STATUS,
    Kind.SCHEMAS: {},
}
_TYPE_TABLES: Final = {
    Kind.SERVICES: labels.SERVICE_TYPE_SHORT,
    Kind.DATASETS: labels.DATASET_TYPE,
    Kind.SCHEMAS: labels.DATASET_TYPE,
}


class ResourceListModel(QAbstractTableModel):
    """Rows of one kind (services, datasets or schemas)."""

    def __init__(self, kind: Kind, parent: Any = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._rows: list[Row] = []
        self._index: dict[str, int] = {}

    # --- reading ---------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 4

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = _HEADERS[self.kind]
        if 0 <= section < len(headers):
            return self.tr(headers[section])
        return None

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return row.name
            if column == STATUS:
                return labels.with_raw(_STATUS_TABLES[self.kind], row.status)
            if column == TYPE:
                return labels.with_raw(_TYPE_TABLES[self.kind], row.type)
            if column == UPDATED:
                return server_time_text(row.updated)
        elif role == Qt.ItemDataRole.ToolTipRole:
            if column == UPDATED:
                return server_time_tooltip(row.updated)
            if column == NAME:
                return row.id
        elif role == RAW_ROLE:
            return (row.name, row.status or "", row.type or "", row.updated or "")[column]
        elif role == ID_ROLE:
            return row.id
        return None

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row(self, resource_id: str) -> Row | None:
        position = self._index.get(resource_id)
        return self._rows[position] if position is not None else None

    def index_of(self, resource_id: str) -> QModelIndex:
        position = self._index.get(resource_id)
        return self.index(position, 0) if position is not None else QModelIndex()

    # --- changing ----------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[Row]) -> None:
        """Make the model hold ``rows``: changed rows change, new ones are appended."""
        new = list(rows)
        if not self._rows:
            self.beginResetModel()
            self._rows = new
            self._reindex()
            self.endResetModel()
            return
        wanted = {r.id: r for r in new}
        self._remove(lambda r: r.id not in wanted)
        for position, old in enumerate(self._rows):
            fresh = wanted.pop(old.id)
            if fresh != old:
                self._rows[position] = fresh
                self.dataChanged.emit(self.index(position, 0), self.index(position, 3))
        self._append([r for r in new if r.id in wanted])

    def upsert(self, row: Row) -> None:
        """Add or replace one row (after a create, an edit or a detail read)."""
        position = self._index.get(row.id)
        if position is None:
            self._append([row])
        elif self._rows[position] != row:
            self._rows[position] = row
            self.dataChanged.emit(self.index(position, 0), self.index(position, 3))

    def remove(self, resource_id: str) -> None:
        self._remove(lambda r: r.id == resource_id)

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._index = {}
        self.endResetModel()

    def _append(self, rows: list[Row]) -> None:
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        for offset, row in enumerate(rows):
            self._index[row.id] = first + offset
        self.endInsertRows()

    def _remove(self, doomed: Any) -> None:
        # From the bottom up, one contiguous run at a time.
        position = len(self._rows) - 1
        changed = False
        while position >= 0:
            if doomed(self._rows[position]):
                last = position
                while position - 1 >= 0 and doomed(self._rows[position - 1]):
                    position -= 1
                self.beginRemoveRows(QModelIndex(), position, last)
                del self._rows[position : last + 1]
                self.endRemoveRows()
                changed = True
            position -= 1
        if changed:
            self._reindex()

    def _reindex(self) -> None:
        self._index = {row.id: i for i, row in enumerate(self._rows)}


class ResourceFilterModel(QSortFilterProxyModel):
    """Filters on every column's text, case-insensitively, and sorts on the raw values."""

    def __init__(self, source: ResourceListModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortRole(RAW_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setDynamicSortFilter(True)
