"""A two-column tree (field, value) of one resource, built from its typed model.

Known fields get readable labels and decoded values (a status reads ``Ready to train
(learnable)``, a date reads in local time with its zone, numbers are grouped); fields and
values the model does not know are shown as they came, key by key, so nothing the service sent
is hidden. Each node knows its JSON key path (``datasets[1].schemaName``), which is what "Copy
field name" copies.

The model holds plain nodes in a list and refers to them by number, so a service with ten
thousand results expands in one pass of the view without any Python object per index.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Final

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from aitems_desktop.gui.labels import QT_TRANSLATE_NOOP

#: The node's JSON key path (``hpConfig.item_top_n``).
PATH_ROLE: Final = Qt.ItemDataRole.UserRole + 1
#: The node's raw JSON value.
RAW_ROLE: Final = Qt.ItemDataRole.UserRole + 2

ModelIndex = QModelIndex | QPersistentModelIndex


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


class DetailsTreeModel(QAbstractItemModel):
    """Nodes built by a :class:`TreeBuilder`; see the module docstring."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._nodes: list[Node] = [Node("", "", None, "", -1)]
        self._raw: Any = None

    def set_nodes(self, builder: TreeBuilder | None, raw: Any = None) -> None:
        self.beginResetModel()
        self._nodes = builder.nodes if builder is not None else [Node("", "", None, "", -1)]
        self._raw = raw
        self.endResetModel()

    def raw(self) -> Any:
        """The JSON the tree was built from."""
        return self._raw

    def node(self, index: ModelIndex) -> Node:
        return self._nodes[index.internalId()] if index.isValid() else self._nodes[0]

    # --- QAbstractItemModel ------------------------------------------------------------------

    # index(), hasChildren() and rowCount() run once per row when the view expands everything:
    # they are kept to the fewest Python operations.

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        nodes = self._nodes
        children = nodes[parent.internalId()].children if parent.isValid() else nodes[0].children
        if 0 <= row < len(children) and 0 <= column <= 1:
            return self.createIndex(row, column, children[row])
        return QModelIndex()

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = self._nodes[index.internalId()].parent
        if parent <= 0:
            return QModelIndex()
        return self.createIndex(self._nodes[parent].row, 0, parent)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        if not parent.isValid():
            return len(self._nodes[0].children)
        return len(self._nodes[parent.internalId()].children) if parent.column() == 0 else 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 2

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        if not parent.isValid():
            return bool(self._nodes[0].children)
        return parent.column() == 0 and bool(self._nodes[parent.internalId()].children)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._nodes[index.internalId()]
        if role == Qt.ItemDataRole.DisplayRole:
            return node.label if index.column() == 0 else node.value
        if role == Qt.ItemDataRole.ToolTipRole:
            if node.tooltip:
                return node.tooltip
            if index.column() == 0:
                return node.path
            if isinstance(node.raw, dict):
                return json.dumps(node.raw, ensure_ascii=False)
            return None
        if role == PATH_ROLE:
            return node.path
        if role == RAW_ROLE:
            return node.raw
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Field") if section == 0 else self.tr("Value")
        return None


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
