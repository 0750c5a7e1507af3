"""The service an AiTEMS call returned, as a lazily built tree.

Rows are created only when a view asks for them: setting an answer costs the same for a
fresh service and for one with ten thousand infers, and a list node knows its row count
from the list's length without building a single child. Everything the server sent is
shown: known fields with readable labels and decoded enums, unknown fields and values as
they came. Empty lists read as such ("no datasets yet") instead of vanishing.

Column 0 is the field, column 1 its value. :data:`RAW_VALUE_ROLE` gives the value as the
server sent it (what "Copy" copies) and :data:`KEY_PATH_ROLE` a dotted path such as
``hpConfig.item_top_n`` or ``datasets.0.name``, for tests and tools.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from PySide6 import QtCore
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex
from PySide6.QtGui import QColor

from aitems_desktop.gui.service_tree_nodes import Labels, Node, TreeBuilder, copy_text, value_text

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

# Qt::ItemDataRole's numbers as plain ints: the model is imported before the first paint,
# when PySide6's Qt namespace is not built yet (gui/qt_enums.py). Qt compares roles as
# ints, and the test suite checks these against Qt's own values.
DISPLAY_ROLE: Final = 0
TOOLTIP_ROLE: Final = 3
FONT_ROLE: Final = 6
FOREGROUND_ROLE: Final = 9
USER_ROLE: Final = 0x0100
RAW_VALUE_ROLE: Final = USER_ROLE + 1
KEY_PATH_ROLE: Final = USER_ROLE + 2
#: True for the rows that stand for something absent ("no datasets yet", "not returned").
PLACEHOLDER_ROLE: Final = USER_ROLE + 3

AnyIndex = QModelIndex | QPersistentModelIndex
__all__ = [
    "KEY_PATH_ROLE",
    "PLACEHOLDER_ROLE",
    "RAW_VALUE_ROLE",
    "ServiceTreeModel",
    "copy_text",
    "value_text",
]


class ServiceTreeModel(QAbstractItemModel):
    """A read-only two-column model of one AiTEMS answer (a service object)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root: Node = Node(None, 0, "", "", None, "")
        self._answer: Mapping[str, Any] | None = None
        self._builder: TreeBuilder | None = None

    # --- content -----------------------------------------------------------------------

    def set_answer(self, answer: Mapping[str, Any]) -> None:
        """Show ``answer`` (a service object exactly as the server sent it)."""
        if self._builder is None:
            self._builder = TreeBuilder(Labels())
        self.beginResetModel()
        self._answer = answer
        self._root = self._builder.service_root(answer)
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._answer = None
        self._root = Node(None, 0, "", "", None, "")
        self.endResetModel()

    def answer(self) -> Mapping[str, Any] | None:
        return self._answer

    def index_for_path(self, path: str) -> QModelIndex:
        """The column-0 index of the row at dotted ``path``, building rows on the way."""
        node = self._root
        parent = QModelIndex()
        for part in path.split("."):
            for row in range(node.child_count()):
                child = node.child(row)
                if child.path.rsplit(".", 1)[-1] == part:
                    node = child
                    parent = self.index(row, 0, parent)
                    break
            else:
                return QModelIndex()
        return parent

    # --- QAbstractItemModel ------------------------------------------------------------

    def _node(self, index: AnyIndex) -> Node:
        if index.isValid():
            node = index.internalPointer()
            assert isinstance(node, Node)
            return node
        return self._root

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._node(parent).child(row))

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node = self._node(index).parent
        if node is None or node is self._root:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        if parent.column() > 0:
            return 0
        return self._node(parent).child_count()

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 2

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return self.rowCount(parent) > 0

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flag = QtCore.Qt.ItemFlag
        if not index.isValid():
            return flag.NoItemFlags
        return flag.ItemIsEnabled | flag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        if role == DISPLAY_ROLE:
            return node.label if index.column() == 0 else node.value
        if role == TOOLTIP_ROLE:
            return node.tooltip or None
        if role == RAW_VALUE_ROLE:
            return node.raw
        if role == KEY_PATH_ROLE:
            return node.path
        if role == PLACEHOLDER_ROLE:
            return node.placeholder
        if role == FOREGROUND_ROLE and node.placeholder:
            return QColor(QtCore.Qt.GlobalColor.gray)
        if role == FONT_ROLE and node.placeholder:
            # Imported here: only placeholder rows need it, and building PySide6's QFont
            # class (with its enums, ~1 ms) is not worth paying before the first paint.
            from PySide6.QtGui import QFont

            font = QFont()
            font.setItalic(True)
            return font
        return None

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = DISPLAY_ROLE,
    ) -> Any:
        # Views show header_labels() from a model of their own (see ResultTree).
        if orientation == QtCore.Qt.Orientation.Horizontal and role == DISPLAY_ROLE:
            labels = self.header_labels()
            return labels[section] if 0 <= section < len(labels) else None
        return None

    def header_labels(self) -> list[str]:
        """The column titles, one per column."""
        return [self.tr("Field"), self.tr("Value")]
