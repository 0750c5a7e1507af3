"""The view of a details tree: copy a value, a field's JSON path or a node as JSON."""

from __future__ import annotations

import json

from PySide6.QtCore import QModelIndex, QPoint, Qt, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTreeView, QWidget

from aitems_desktop.gui.details.tree_model import PATH_ROLE, DetailsTreeModel, raw_at

#: Rows measured when the label column is sized to its contents.
_FIT_ROWS = 200


class DetailsTree(QTreeView):
    """A read-only tree of one resource."""

    def __init__(self, model: DetailsTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details_model = model
        self.setModel(model)
        # Every row is one line: the view can lay out ten thousand rows without asking each.
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self._size_columns()
        # A branch opened shows labels not measured yet (deeper, often longer).
        self.expanded.connect(self.fit_labels)

        self.copy_value_action = QAction(self.tr("&Copy Value"), self)
        self.copy_value_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_value_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_value_action.triggered.connect(self.copy_value)
        self.copy_path_action = QAction(self.tr("Copy Field &Name"), self)
        self.copy_path_action.triggered.connect(self.copy_path)
        self.copy_json_action = QAction(self.tr("Copy as &JSON"), self)
        self.copy_json_action.triggered.connect(self.copy_node_json)
        self.addActions([self.copy_value_action, self.copy_path_action, self.copy_json_action])

    def set_details_model(self, model: DetailsTreeModel) -> None:
        """Show another model (built on a worker); the old one and its selection go."""
        old_model, old_selection = self.details_model, self.selectionModel()
        self.details_model = model
        model.setParent(self)
        self.setModel(model)
        self._size_columns()
        if old_selection is not None:
            old_selection.deleteLater()
        if old_model is not model:
            old_model.deleteLater()

    def _size_columns(self) -> None:
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        # The labels are measured on the rows shown, up to this many: ten thousand results
        # are not all read to size a column.
        header.setResizeContentsPrecision(_FIT_ROWS)
        self.fit_labels()

    @Slot()
    def fit_labels(self, *_: object) -> None:
        """The label column as wide as its labels, leaving the values a third at least."""
        # An em of air so a label does not run into its value.
        gap = self.fontMetrics().horizontalAdvance("M")
        width = max(self.sizeHintForColumn(0), self.header().sectionSizeHint(0)) + gap
        room = self.viewport().width()
        if self.isVisible() and room > 0:
            width = min(width, room * 2 // 3)
        self.header().resizeSection(0, width)

    def current(self) -> QModelIndex:
        return self.currentIndex().siblingAtColumn(0)

    @Slot()
    def copy_value(self) -> None:
        index = self.current()
        if index.isValid():
            value = index.siblingAtColumn(1).data() or ""
            QGuiApplication.clipboard().setText(str(value))

    @Slot()
    def copy_path(self) -> None:
        index = self.current()
        if index.isValid():
            QGuiApplication.clipboard().setText(str(index.data(PATH_ROLE) or ""))

    @Slot()
    def copy_node_json(self) -> None:
        index = self.current()
        raw = raw_at(index) if index.isValid() else self.details_model.raw()
        QGuiApplication.clipboard().setText(json.dumps(raw, ensure_ascii=False, indent=2))

    @Slot(QPoint)
    def _menu(self, position: QPoint) -> None:
        index = self.indexAt(position)
        if index.isValid():
            self.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addActions([self.copy_value_action, self.copy_path_action, self.copy_json_action])
        menu.addSeparator()
        menu.addAction(self.tr("Expand All"), self.expandAll)
        menu.addAction(self.tr("Collapse All"), self.collapseAll)
        enabled = index.isValid()
        self.copy_value_action.setEnabled(enabled)
        self.copy_path_action.setEnabled(enabled)
        menu.exec(self.viewport().mapToGlobal(position))
        self.copy_value_action.setEnabled(True)
        self.copy_path_action.setEnabled(True)
