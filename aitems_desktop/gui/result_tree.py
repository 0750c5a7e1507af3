"""The view of an answer: a tree with copy on Ctrl+C and a context menu."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Slot
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QGuiApplication,
    QKeySequence,
    QStandardItemModel,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTreeView, QWidget

from aitems_desktop.gui.qt_enums import set_enum_property
from aitems_desktop.gui.service_tree_model import (
    DISPLAY_ROLE,
    RAW_VALUE_ROLE,
    ServiceTreeModel,
    copy_text,
)

#: How many rows expanding may reveal after an answer arrives. Everything opens for any
#: ordinary service; a list too long for the budget (thousands of infers) stays closed,
#: showing its count, so laying out an answer costs the same whatever its size.
EXPAND_BUDGET = 500


class ResultTree(QTreeView):
    """Shows a :class:`ServiceTreeModel`; copying acts on the current row's value."""

    def __init__(self, model: ServiceTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultTree")
        self.setModel(model)
        self._model = model
        # The header reads its labels from a fixed model of its own: Qt would call the
        # answer model's Python headerData() with a Qt.Orientation, and converting that
        # builds PySide6's whole Qt namespace before the first paint (gui/qt_enums.py).
        # Both models always have the same two columns.
        self._header_labels = QStandardItemModel(0, len(model.header_labels()), self)
        self._header_labels.setHorizontalHeaderLabels(model.header_labels())
        self.header().setModel(self._header_labels)
        self.setUniformRowHeights(True)  # lets the view skip measuring every row
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.header().setStretchLastSection(True)
        self.setAccessibleName(self.tr("Result"))

        # parent= by keyword, as in MainWindow._action (no QIcon before the first paint).
        self.copy_value_action = QAction(self.tr("&Copy Value"), parent=self)
        self.copy_value_action.setObjectName("copyValueAction")
        # setShortcuts([...]) rather than setShortcut(): resolving setShortcut()'s overloads
        # builds PySide6's Qt namespace (see gui/qt_enums.py).
        self.copy_value_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Copy)])
        set_enum_property(self.copy_value_action, "shortcutContext", "WidgetShortcut")
        self.copy_value_action.triggered.connect(self.copy_current_value)
        self.addAction(self.copy_value_action)
        self.copy_field_action = QAction(self.tr("Copy &Field Name"), parent=self)
        self.copy_field_action.triggered.connect(self._copy_field_name)
        self._answer_actions: list[QAction] = []

    def set_answer_actions(self, actions: list[QAction]) -> None:
        """Actions on the whole answer (Copy JSON, Save JSON…, Copy as cURL) for the menu."""
        self._answer_actions = actions

    def show_answer_laid_out(self) -> None:
        """Expand (all of it when small) and fit the columns to what is visible."""
        budget = EXPAND_BUDGET
        pending = [self._model.index(r, 0) for r in range(self._model.rowCount())]
        while pending:
            index = pending.pop(0)
            rows = self._model.rowCount(index)
            if rows == 0 or rows > budget:
                continue
            budget -= rows
            self.expand(index)
            pending.extend(self._model.index(r, 0, index) for r in range(rows))
        self.resizeColumnToContents(0)
        self.resizeColumnToContents(1)

    def current_value_text(self) -> str | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        index = index.siblingAtColumn(1)
        raw = index.data(RAW_VALUE_ROLE)
        if raw is None:
            text = index.data(DISPLAY_ROLE)
            return str(text) if text else None
        return copy_text(raw)

    @Slot()
    def copy_current_value(self) -> None:
        text = self.current_value_text()
        if text is not None:
            QGuiApplication.clipboard().setText(text)

    @Slot()
    def _copy_field_name(self) -> None:
        index = self.currentIndex()
        if index.isValid():
            QGuiApplication.clipboard().setText(str(index.siblingAtColumn(0).data()))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        # The viewport's context menu events arrive here with viewport coordinates.
        menu = self.context_menu_at(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def context_menu_at(self, pos: QPoint) -> QMenu:
        """The context menu for the row at ``pos`` (which becomes the current row)."""
        index: QModelIndex = self.indexAt(pos)
        if index.isValid():
            self.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.copy_value_action)
        menu.addAction(self.copy_field_action)
        self.copy_value_action.setEnabled(index.isValid())
        self.copy_field_action.setEnabled(index.isValid())
        if self._answer_actions:
            menu.addSeparator()
            for action in self._answer_actions:
                menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.tr("Expand All"), self.expandAll)
        menu.addAction(self.tr("Collapse All"), self.collapseAll)
        return menu
