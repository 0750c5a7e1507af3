"""A two-column tree (field, value) of one resource, built from its typed model.

Known fields get readable labels and decoded values (a status reads ``Ready to train
(learnable)``, a date reads in local time with its zone, numbers are grouped); fields and
values the model does not know are shown as they came, key by key, so nothing the service sent
is hidden. Each node knows its JSON key path (``datasets[1].schemaName``), which is what "Copy
field name" copies.

The builders make plain nodes; :class:`DetailsTreeModel` turns them into Qt's own item model,
so a service with ten thousand results expands without a call into Python per row.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Final

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from aitems_desktop.gui.labels import QT_TRANSLATE_NOOP

#: The node's JSON key path (``hpConfig.item_top_n``).
PATH_ROLE: Final = Qt.ItemDataRole.UserRole + 1
#: The node's raw JSON value, held in a :class:`RawValue` (read it with :func:`raw_at`).
RAW_ROLE: Final = Qt.ItemDataRole.UserRole + 2

ModelIndex = QModelIndex | QPersistentModelIndex


class RawValue:
    """A JSON value as Qt holds it: untouched.

    Given as it is, Qt would convert it: an object to a map sorted by key, and an integer
    beyond 64 bits (JSON allows any) fails to convert at all (OverflowError).
    """

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def raw_at(index: ModelIndex) -> Any:
    """The raw JSON value of the node at ``index`` (None when there is none)."""
    held = index.data(RAW_ROLE)
    return held.value if isinstance(held, RawValue) else None


@dataclass(slots=True)
class Node:
    label: str
    value: str
    raw: Any
    path: str
    parent: int
    tooltip: str = ""
    children: list[int] = field(default_factory=list)
    row: int = 0


class DetailsTreeModel(QStandardItemModel):
    """A tree of one resource, held by Qt itself.

    A service can have ten thousand training results; a model written in Python would be
    asked for every one of them, one call at a time, when the view expands everything. Qt's own
    item model answers those questions in C++, and it is filled (:meth:`fill`) on a worker
    thread before it is handed to the view, so showing or expanding a large service does not
    hold the GUI thread.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._raw: Any = None
        self.setColumnCount(2)
        self.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Value")])

    def raw(self) -> Any:
        """The JSON the tree was built from."""
        return self._raw

    def fill(self, builder: TreeBuilder | None, raw: Any = None) -> None:
        """Replace the rows with ``builder``'s nodes (call it before the model is shown, or on
        the thread that owns it)."""
        self.removeRows(0, self.rowCount())
        self._raw = raw
        if builder is None:
            return
        nodes = builder.nodes
        items: list[QStandardItem] = [self.invisibleRootItem()]
        rows: dict[int, list[list[QStandardItem]]] = {}
        for number in range(1, len(nodes)):
            node = nodes[number]
            label = QStandardItem(node.label)
            label.setEditable(False)
            label.setData(node.path, PATH_ROLE)
            raw = RawValue(node.raw)
            label.setData(raw, RAW_ROLE)
            label.setToolTip(node.tooltip or node.path)
            value = QStandardItem(node.value)
            value.setEditable(False)
            value.setData(node.path, PATH_ROLE)
            value.setData(raw, RAW_ROLE)
            tip = node.tooltip or (_json(node.raw) if isinstance(node.raw, dict) else "")
            if tip:
                value.setToolTip(tip)
            items.append(label)
            rows.setdefault(node.parent, []).append([label, value])
        for parent, children in rows.items():
            holder = items[parent]
            holder.setRowCount(len(children))
            holder.setColumnCount(2)
            for row, (label, value) in enumerate(children):
                holder.setChild(row, 0, label)
                holder.setChild(row, 1, value)


def build_model(builder: TreeBuilder, raw: Any, *, for_thread: Any = None) -> DetailsTreeModel:
    """A filled model; on a worker, pass the GUI thread as ``for_thread`` to hand it over."""
    model = DetailsTreeModel()
    model.fill(builder, raw)
    if for_thread is not None:
        model.moveToThread(for_thread)
    return model


def _json(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return str(value)


def value_text(value: Any) -> str:
    """A scalar as a person reads it: strings as they are, everything else as JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, list):
        return f"[{len(value)}]"
    if isinstance(value, dict):
        return f"{{{len(value)}}}"
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return str(value)


class TreeBuilder:
    """Builds the node list of a :class:`DetailsTreeModel` from the top down."""

    def __init__(self, translate: Callable[[str], str]) -> None:
        self.tr = translate
        self.nodes: list[Node] = [Node("", "", None, "", -1)]

    def add(
        self,
        parent: int,
        label: str,
        value: str,
        raw: Any,
        path: str,
        tooltip: str = "",
    ) -> int:
        number = len(self.nodes)
        siblings = self.nodes[parent].children
        self.nodes.append(Node(label, value, raw, path, parent, tooltip, row=len(siblings)))
        siblings.append(number)
        return number

    def json(self, parent: int, label: str, value: Any, path: str, tooltip: str = "") -> int:
        """A JSON value as it came, key by key (objects) and item by item (lists)."""
        node = self.add(parent, label, value_text(value), value, path, tooltip)
        if isinstance(value, dict):
            for key, child in value.items():
                self.json(node, str(key), child, f"{path}.{key}" if path else str(key))
        elif isinstance(value, list):
            for position, child in enumerate(value):
                self.json(node, f"[{position}]", child, f"{path}[{position}]")
        return node

    def extras(self, parent: int, extra: dict[str, Any], path: str) -> None:
        """Fields the model does not know, as they came."""
        for key, value in extra.items():
            self.json(parent, key, value, f"{path}.{key}" if path else key)


def child_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


# Labels of the fields every resource has, for lupdate (context "DetailsTree").
FIELD_LABELS: Final[dict[str, str]] = {
    "serviceId": QT_TRANSLATE_NOOP("DetailsTree", "Service ID"),
    "datasetId": QT_TRANSLATE_NOOP("DetailsTree", "Dataset ID"),
    "name": QT_TRANSLATE_NOOP("DetailsTree", "Name"),
    "description": QT_TRANSLATE_NOOP("DetailsTree", "Description"),
    "status": QT_TRANSLATE_NOOP("DetailsTree", "Status"),
    "type": QT_TRANSLATE_NOOP("DetailsTree", "Type"),
    "datasetType": QT_TRANSLATE_NOOP("DetailsTree", "Dataset type"),
    "schemaName": QT_TRANSLATE_NOOP("DetailsTree", "Schema"),
    "learningInterval": QT_TRANSLATE_NOOP("DetailsTree", "Update cycle"),
    "scheduledDate": QT_TRANSLATE_NOOP("DetailsTree", "Scheduled update"),
    "createdDate": QT_TRANSLATE_NOOP("DetailsTree", "Created"),
    "updatedDate": QT_TRANSLATE_NOOP("DetailsTree", "Last update"),
    "datasets": QT_TRANSLATE_NOOP("DetailsTree", "Datasets"),
    "hpConfig": QT_TRANSLATE_NOOP("DetailsTree", "HPO settings"),
    "infers": QT_TRANSLATE_NOOP("DetailsTree", "Training results"),
    "osInfo": QT_TRANSLATE_NOOP("DetailsTree", "Object Storage"),
    "region": QT_TRANSLATE_NOOP("DetailsTree", "Region"),
    "bucket": QT_TRANSLATE_NOOP("DetailsTree", "Bucket"),
    "key": QT_TRANSLATE_NOOP("DetailsTree", "Path (key)"),
    "connectedServices": QT_TRANSLATE_NOOP("DetailsTree", "Used by services"),
    "fields": QT_TRANSLATE_NOOP("DetailsTree", "Fields"),
    "categorical": QT_TRANSLATE_NOOP("DetailsTree", "Categorical"),
    "version": QT_TRANSLATE_NOOP("DetailsTree", "Version"),
    "inference": QT_TRANSLATE_NOOP("DetailsTree", "Results available"),
    "dataType": QT_TRANSLATE_NOOP("DetailsTree", "Dataset type"),
    "trainVersion": QT_TRANSLATE_NOOP("DetailsTree", "Training version"),
    "rowCount": QT_TRANSLATE_NOOP("DetailsTree", "Rows"),
}


def ordered(keys: Iterable[str], raw: dict[str, Any]) -> list[str]:
    """The known keys present in ``raw``, in the given order."""
    return [k for k in keys if k in raw]
