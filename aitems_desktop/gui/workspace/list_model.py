"""The table model behind each navigator list, updated in place so selections survive.

A refresh that brings the same thousand services with two new statuses changes two rows
(``dataChanged``), not the whole table: the selection, the scroll position and the sort stay
where the person left them, and a poll every few seconds costs the GUI thread almost nothing.

Speed, for a thousand rows and more: each row's texts are worked out once, when the row
arrives (and again when the language changes), so painting and filtering only look them up.
The model sorts itself (one Python sort, not a comparison callback per pair), and the filter
matches one lower-cased line per row.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from aitems_desktop.gui import labels
from aitems_desktop.gui.format import server_time_text, server_time_tooltip
from aitems_desktop.gui.labels import QT_TRANSLATE_NOOP
from aitems_desktop.gui.workspace.rows import Kind, Row

#: The raw value behind a cell, for tests and for whoever needs the API's own value.
RAW_ROLE: Final = Qt.ItemDataRole.UserRole + 1
#: The resource id of the row.
ID_ROLE: Final = Qt.ItemDataRole.UserRole + 2

NAME, STATUS, TYPE, UPDATED = range(4)
COLUMNS: Final = 4

ModelIndex = QModelIndex | QPersistentModelIndex

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
    Kind.SERVICES: labels.SERVICE_TYPE,
    Kind.DATASETS: labels.DATASET_TYPE,
    Kind.SCHEMAS: labels.DATASET_TYPE,
}


class _Line:
    """A row and the texts it shows, worked out once."""

    __slots__ = ("cells", "haystack", "raw", "row", "tooltips")

    def __init__(self, row: Row) -> None:
        self.row = row
        self.raw = (row.name, row.status or "", row.type or "", row.updated or "")
        self.cells = ("", "", "", "")
        self.haystack = ""
        self.tooltips: tuple[str | None, ...] = (None, None, None, None)

    def render(self, kind: Kind, words: dict[tuple[int, str | None], str]) -> _Line:
        row = self.row
        status = words.get((STATUS, row.status))
        if status is None:
            status = words[(STATUS, row.status)] = labels.with_raw(_STATUS_TABLES[kind], row.status)
        kind_text = words.get((TYPE, row.type))
        if kind_text is None:
            kind_text = words[(TYPE, row.type)] = labels.with_raw(_TYPE_TABLES[kind], row.type)
        self.cells = (row.name, status, kind_text, server_time_text(row.updated))
        self.haystack = "\n".join(self.cells).casefold()
        status_tip = words.get((-STATUS, row.status))
        if status_tip is None:
            status_tip = words[(-STATUS, row.status)] = labels.unlisted_tooltip(
                _STATUS_TABLES[kind], row.status
            )
        if kind is Kind.SERVICES and not row.type:
            type_tip = words.get((-TYPE, None))
            if type_tip is None:
                type_tip = words[(-TYPE, None)] = _type_unknown_tip()
        else:
            type_tip = labels.unlisted_tooltip(_TYPE_TABLES[kind], row.type)
        self.tooltips = (
            row.id,
            status_tip or None,
            type_tip or None,
            server_time_tooltip(row.updated),
        )
        return self


def _type_unknown_tip() -> str:
    return QCoreApplication.translate(
        "ResourceListModel",
        "The service list does not say a service's type; it shows here once the service"
        " has been opened.",
    )


class ResourceListModel(QAbstractTableModel):
    """Rows of one kind (services, datasets or schemas), kept in the chosen sort order."""

    def __init__(self, kind: Kind, parent: Any = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._lines: list[_Line] = []
        self._index: dict[str, int] = {}
        self._sort_column = NAME
        self._descending = False
        #: The words of statuses and types, translated once per language.
        self._words: dict[tuple[int, str | None], str] = {}

    # --- reading ---------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMNS

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return _type_unknown_tip() if self.kind is Kind.SERVICES and section == TYPE else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = _HEADERS[self.kind]
        return self.tr(headers[section]) if 0 <= section < len(headers) else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not 0 <= row < len(self._lines) or not index.isValid():
            return None
        line = self._lines[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return line.cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return line.tooltips[index.column()]
        if role == RAW_ROLE:
            return line.raw[index.column()]
        if role == ID_ROLE:
            return line.row.id
        return None

    def rows(self) -> list[Row]:
        return [line.row for line in self._lines]

    def row(self, resource_id: str) -> Row | None:
        position = self._index.get(resource_id)
        return self._lines[position].row if position is not None else None

    def index_of(self, resource_id: str) -> QModelIndex:
        position = self._index.get(resource_id)
        return self.index(position, 0) if position is not None else QModelIndex()

    def matches(self, source_row: int, needle: str) -> bool:
        """Whether a row's shown text holds ``needle`` (already case-folded)."""
        return needle in self._lines[source_row].haystack

    # --- sorting ---------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < COLUMNS:
            return
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        before = [line.row.id for line in self._lines]
        self._lines.sort(key=self._key, reverse=self._descending)
        self._reindex()
        moved = {rid: self._index[rid] for rid in before}
        for persistent in self.persistentIndexList():
            old = persistent.row()
            if 0 <= old < len(before):
                self.changePersistentIndex(
                    persistent, self.index(moved[before[old]], persistent.column())
                )
        self.layoutChanged.emit()

    def _key(self, line: _Line) -> tuple[str, str]:
        return (line.raw[self._sort_column].casefold(), line.raw[NAME].casefold())

    def _position_for(self, line: _Line) -> int:
        keys = [self._key(existing) for existing in self._lines]
        key = self._key(line)
        if self._descending:
            # bisect on the reversed order: count the keys that sort after this one.
            return sum(1 for k in keys if k > key)
        return bisect.bisect_right(keys, key)

    # --- changing ----------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[Row]) -> None:
        """Make the model hold ``rows``: changed rows change, new ones go in their place."""
        new = list(rows)
        if not self._lines:
            self.beginResetModel()
            self._lines = [_Line(r).render(self.kind, self._words) for r in new]
            self._lines.sort(key=self._key, reverse=self._descending)
            self._reindex()
            self.endResetModel()
            return
        wanted = {r.id: r for r in new}
        self._remove(lambda line: line.row.id not in wanted)
        resort = False
        for position, line in enumerate(self._lines):
            fresh = wanted.pop(line.row.id)
            if fresh != line.row:
                old_key = self._key(line)
                self._lines[position] = _Line(fresh).render(self.kind, self._words)
                resort = resort or self._key(self._lines[position]) != old_key
                self.dataChanged.emit(self.index(position, 0), self.index(position, COLUMNS - 1))
        added = [_Line(row).render(self.kind, self._words) for row in new if row.id in wanted]
        if len(added) <= 8:
            for line in added:
                self._insert(line)
        elif added:
            # Many new rows: append them all, then sort once.
            first = len(self._lines)
            self.beginInsertRows(QModelIndex(), first, first + len(added) - 1)
            self._lines.extend(added)
            self._reindex()
            self.endInsertRows()
            resort = True
        if resort:
            self.sort(self._sort_column, self._order())

    def upsert(self, row: Row) -> None:
        """Add or replace one row (after a create, an edit or a detail read)."""
        position = self._index.get(row.id)
        if position is None:
            self._insert(_Line(row).render(self.kind, self._words))
        elif self._lines[position].row != row:
            old_key = self._key(self._lines[position])
            self._lines[position] = _Line(row).render(self.kind, self._words)
            self.dataChanged.emit(self.index(position, 0), self.index(position, COLUMNS - 1))
            if self._key(self._lines[position]) != old_key:
                self.sort(self._sort_column, self._order())

    def remove(self, resource_id: str) -> None:
        self._remove(lambda line: line.row.id == resource_id)

    def clear(self) -> None:
        self.beginResetModel()
        self._lines = []
        self._index = {}
        self.endResetModel()

    def retranslate(self) -> None:
        """Work the texts out again (the language changed)."""
        self._words.clear()
        for line in self._lines:
            line.render(self.kind, self._words)
        if self._lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._lines) - 1, COLUMNS - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)

    def _order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    def _insert(self, line: _Line) -> None:
        position = self._position_for(line)
        self.beginInsertRows(QModelIndex(), position, position)
        self._lines.insert(position, line)
        self._reindex()
        self.endInsertRows()

    def _remove(self, doomed: Callable[[_Line], bool]) -> None:
        # From the bottom up, one contiguous run at a time.
        position = len(self._lines) - 1
        changed = False
        while position >= 0:
            if doomed(self._lines[position]):
                last = position
                while position - 1 >= 0 and doomed(self._lines[position - 1]):
                    position -= 1
                self.beginRemoveRows(QModelIndex(), position, last)
                del self._lines[position : last + 1]
                self.endRemoveRows()
                changed = True
            position -= 1
        if changed:
            self._reindex()

    def _reindex(self) -> None:
        self._index = {line.row.id: i for i, line in enumerate(self._lines)}


class ResourceFilterModel(QSortFilterProxyModel):
    """Filters on the rows' shown text, case-insensitively; the source model does the sorting."""

    def __init__(self, source: ResourceListModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._source = source
        self._needle = ""
        self.setSourceModel(source)

    def set_filter_text(self, text: str) -> None:
        needle = text.strip().casefold()
        if needle != self._needle:
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:  # noqa: N802
        return not self._needle or self._source.matches(source_row, self._needle)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The view's header asks the proxy; the source keeps its rows in that order.
        self._source.sort(column, order)
