"""The service page's tabs beyond the overview: trainings, updates, and the lookup tester."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aitems_desktop.core.rules import LOOKUP_TARGET_FIELD, TRAINING_TYPES
from aitems_desktop.gui import labels
from aitems_desktop.gui.details.builders import training_tree
from aitems_desktop.gui.details.tree_model import build_model
from aitems_desktop.gui.details.tree_view import DetailsTree
from aitems_desktop.gui.dialogs.fit import fit_to_screen
from aitems_desktop.gui.error_report import report_for
from aitems_desktop.gui.format import number_text, server_time_text, server_time_tooltip

if TYPE_CHECKING:
    from aitems_desktop.core.api import AitemsApi
    from aitems_desktop.gui.shell.runner import Runner

RAW_ROLE = Qt.ItemDataRole.UserRole + 1


def _item(text: str, raw: Any = None, tooltip: str = "") -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(raw, RAW_ROLE)
    if tooltip:
        item.setToolTip(tooltip)
    return item


def _table(parent: QWidget, name: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    return table


def _fit(table: QTableView) -> None:
    """Size the columns to what they hold now (a handful of rows: cheap)."""
    table.resizeColumnsToContents()
    # New rows are read from the first column: a table wider than its pane starts at the
    # left edge, not wherever the last current cell had scrolled it.
    table.horizontalScrollBar().setValue(0)


class _Panel(QWidget):
    """A tab that reads something about the shown service through the runner."""

    #: Something failed: an ErrorReport for the window.
    failed = Signal(object)

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.service: Any = None
        self.status = QLabel(self)
        self.status.setWordWrap(True)

    def set_service(self, service: Any) -> None:
        changed = self.service is None or self.service.service_id != service.service_id
        self.service = service
        if changed:
            self.clear()

    def clear(self) -> None:
        self.status.clear()

    def _still(self, service_id: str, deliver: Callable[[Any], None]) -> Callable[[Any], None]:
        """``deliver``, if the panel still shows ``service_id`` when the answer arrives.

        A person may pick another service while a read is on its way; its answer (or its
        failure) belongs to the service it was asked for, not to the one now on screen.
        """

        def deliver_if_current(value: Any) -> None:
            if self.service is not None and self.service.service_id == service_id:
                deliver(value)

        return deliver_if_current

    def _report(self, error: BaseException) -> None:
        report = report_for(error)
        self.status.setText(report.message)
        self.failed.emit(report)


class TrainingsPanel(_Panel):
    """T1: the trainings of the service; Enter or double-click opens one (T2)."""

    #: The trainings were read (for the updates tab): a list of Training.
    trainings_loaded = Signal(object)

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.setObjectName("trainingsPanel")
        self.model = QStandardItemModel(0, 5, self)
        self.table = _table(self, "trainingsTable")
        self.table.setModel(self.model)
        self.table.activated.connect(self._open)
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("trainingsRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.trainings: list[Any] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("Type"),
                self.tr("Version"),
                self.tr("Status"),
                self.tr("Requested"),
                self.tr("Results"),
            ]
        )
        self.refresh_button.setText(self.tr("&Refresh Trainings"))

    def clear(self) -> None:
        super().clear()
        self.model.removeRows(0, self.model.rowCount())
        self.trainings = []

    @Slot()
    def refresh(self) -> None:
        if self.service is None:
            return
        service_id = self.service.service_id

        def read(api: AitemsApi) -> Any:
            return api.services.trainings(service_id).trains

        task = self.runner.run(
            read,
            self._still(service_id, self._show),
            self._still(service_id, self._report),
            key=f"trains:{service_id}",
        )
        if task is not None:
            self.status.setText(self.tr("Reading the trainings…"))

    def _show(self, trainings: list[Any]) -> None:
        self.trainings = list(trainings)
        self.model.removeRows(0, self.model.rowCount())
        for training in self.trainings:
            self.model.appendRow(
                [
                    _item(labels.with_raw(labels.TRAINING_TYPE, training.type), training),
                    _item(training.version or ""),
                    _item(labels.with_raw(labels.TRAIN_STATUS, training.status)),
                    _item(
                        server_time_text(training.created_date),
                        tooltip=server_time_tooltip(training.created_date),
                    ),
                    _item(
                        self.tr("yes")
                        if training.inference
                        else self.tr("no")
                        if training.inference is False
                        else ""
                    ),
                ]
            )
        _fit(self.table)
        self.status.setText(
            self.tr("{n} trainings").format(n=number_text(len(self.trainings)))
            if self.trainings
            else self.tr("No training yet.")
        )
        self.trainings_loaded.emit(self.trainings)

    @Slot(QModelIndex)
    def _open(self, index: QModelIndex) -> None:
        training = self.model.item(index.row(), 0).data(RAW_ROLE)
        if training is None or self.service is None or not training.version:
            return
        service_id = self.service.service_id

        def read(api: AitemsApi) -> Any:
            return api.services.training(service_id, training.type or "", training.version)

        self.runner.run(
            read,
            self._still(service_id, self._show_training),
            self._still(service_id, self._report),
            key=f"train-get:{service_id}:{training.type}:{training.version}",
        )

    def _show_training(self, training: Any) -> None:
        dialog = TrainingDialog(training, self.window())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()


class TrainingDialog(QDialog):
    """One training (T2) as a tree."""

    def __init__(self, training: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingDialog")
        self.setWindowTitle(
            self.tr("Training {type} · version {version}").format(
                type=training.type or "", version=training.version or ""
            )
        )
        self.model = build_model(training_tree(training), training.raw)
        self.model.setParent(self)
        tree = DetailsTree(self.model, self)
        tree.expandAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tree)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(560, 420))


class UpdatesPanel(_Panel):
    """U1: the update cycles of an interval service, for one training."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.setObjectName("updatesPanel")
        self.training_combo = QComboBox(self)
        self.training_combo.setObjectName("updatesTraining")
        self.show_button = QPushButton(self)
        self.show_button.setObjectName("updatesShow")
        self.show_button.clicked.connect(self.refresh)
        self.model = QStandardItemModel(0, 7, self)
        self.table = _table(self, "updatesTable")
        self.table.setModel(self.model)
        top = QHBoxLayout()
        self.training_label = QLabel(self)
        self.training_label.setBuddy(self.training_combo)
        top.addWidget(self.training_label)
        top.addWidget(self.training_combo, 1)
        top.addWidget(self.show_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.table)
        self.retranslate()

    def retranslate(self) -> None:
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("Update"),
                self.tr("Status"),
                self.tr("Requested"),
                self.tr("Finished"),
                self.tr("Users"),
                self.tr("Items"),
                self.tr("Rows"),
            ]
        )
        self.training_label.setText(self.tr("&Training:"))
        self.show_button.setText(self.tr("&Show Updates"))
        self.training_combo.setAccessibleName(self.tr("Training"))

    def clear(self) -> None:
        super().clear()
        self.model.removeRows(0, self.model.rowCount())
        self.training_combo.clear()

    @Slot(object)
    def set_trainings(self, trainings: list[Any]) -> None:
        current = self.training_combo.currentData()
        self.training_combo.clear()
        for training in trainings:
            if training.version:
                text = (
                    f"{labels.with_raw(labels.TRAINING_TYPE, training.type)} · {training.version}"
                )
                self.training_combo.addItem(text, (training.type, training.version))
        position = self.training_combo.findData(current)
        if position >= 0:
            self.training_combo.setCurrentIndex(position)

    @Slot()
    def refresh(self) -> None:
        chosen = self.training_combo.currentData()
        if self.service is None or not chosen:
            self.status.setText(self.tr("Read the trainings first, then choose one."))
            return
        train_type, version = chosen
        service_id = self.service.service_id

        def read(api: AitemsApi) -> Any:
            return api.services.updates(
                service_id, train_type=train_type, train_version=version
            ).updates

        self.runner.run(
            read,
            self._still(service_id, self._show),
            self._still(service_id, self._report),
            key=f"updates:{service_id}",
        )

    def _show(self, updates: list[Any]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for update in updates:
            result = update.update_result
            counts = (
                [
                    number_text(result.input_users_cnt),
                    number_text(result.input_items_cnt),
                    number_text(result.input_rows_cnt),
                ]
                if result is not None
                else ["", "", ""]
            )
            self.model.appendRow(
                [
                    _item(update.update_version or "", update),
                    _item(update.status or ""),
                    _item(server_time_text(update.created_date)),
                    _item(server_time_text(update.finished_date)),
                    *(_item(c) for c in counts),
                ]
            )
        _fit(self.table)
        self.status.setText(
            self.tr("{n} updates").format(n=number_text(len(updates)))
            if updates
            else self.tr("No update yet.")
        )


class LookupPanel(_Panel):
    """I1: the ranked results of a training for one user or item; copy them as JSON."""

    #: The results went to the clipboard: a line for the window's status bar.
    copied = Signal(str)

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.setObjectName("lookupPanel")
        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("lookupType")
        for value in TRAINING_TYPES:
            self.type_combo.addItem(labels.with_raw(labels.TRAINING_TYPE, value), value)
        self.target_edit = QLineEdit(self)
        self.target_edit.setObjectName("lookupTarget")
        self.lookup_button = QPushButton(self)
        self.lookup_button.setObjectName("lookupButton")
        self.lookup_button.setDefault(True)
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("lookupCopy")
        self.copy_button.setEnabled(False)
        self.model = QStandardItemModel(0, 2, self)
        self.table = _table(self, "lookupTable")
        self.table.setModel(self.model)
        self.type_label = QLabel(self)
        self.type_label.setBuddy(self.type_combo)
        self.target_label = QLabel(self)
        self.target_label.setBuddy(self.target_edit)
        row = QHBoxLayout()
        row.addWidget(self.type_label)
        row.addWidget(self.type_combo)
        row.addWidget(self.target_label)
        row.addWidget(self.target_edit, 1)
        row.addWidget(self.lookup_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table)
        layout.addLayout(bottom)
        self.result: Any = None
        self.lookup_button.clicked.connect(self.lookup)
        self.target_edit.returnPressed.connect(self.lookup)
        self.copy_button.clicked.connect(self.copy_json)
        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.model.setHorizontalHeaderLabels([self.tr("Rank"), self.tr("Value")])
        self.type_label.setText(self.tr("T&ype:"))
        self.target_label.setText(self.tr("&Target ID:"))
        self.lookup_button.setText(self.tr("&Look Up"))
        self.copy_button.setText(self.tr("Copy as &JSON"))
        self.type_combo.setAccessibleName(self.tr("Recommendation type"))
        self._type_changed()

    @Slot()
    def _type_changed(self) -> None:
        field = LOOKUP_TARGET_FIELD.get(str(self.type_combo.currentData()))
        placeholder = (
            self.tr("a {field} from your data").format(field=field)
            if field
            else self.tr("any id (popular items ignore it)")
        )
        self.target_edit.setPlaceholderText(placeholder)
        # The hint is read whole: the field is never narrower than it.
        metrics = self.target_edit.fontMetrics()
        self.target_edit.setMinimumWidth(
            metrics.horizontalAdvance(placeholder) + 2 * metrics.horizontalAdvance("M")
        )
        self.target_edit.setAccessibleName(field or self.tr("Target ID"))

    def clear(self) -> None:
        super().clear()
        self.model.removeRows(0, self.model.rowCount())
        self.result = None
        self.copy_button.setEnabled(False)

    @Slot()
    def lookup(self) -> None:
        if self.service is None:
            return
        train_type = str(self.type_combo.currentData())
        target = self.target_edit.text().strip() or ("-" if train_type == "pop" else "")
        if not target:
            self.status.setText(self.tr("Enter the id to look up."))
            self.target_edit.setFocus()
            return
        service_id = self.service.service_id

        def read(api: AitemsApi) -> Any:
            return api.services.lookup(service_id, train_type=train_type, target_id=target)

        task = self.runner.run(
            read,
            self._still(service_id, self._show),
            self._still(service_id, self._report),
            key=f"lookup:{service_id}",
        )
        if task is not None:
            self.status.setText(self.tr("Looking up…"))

    def _show(self, result: Any) -> None:
        self.result = result
        self.model.removeRows(0, self.model.rowCount())
        for rank, value in enumerate(result.values, start=1):
            self.model.appendRow([_item(number_text(rank)), _item(value)])
        _fit(self.table)
        self.status.setText(
            self.tr("{n} results ({field})").format(
                n=number_text(len(result.values)), field=result.field or ""
            )
            if result.values
            else self.tr("No results for this id.")
        )
        self.copy_button.setEnabled(True)

    @Slot()
    def copy_json(self) -> bool:
        """Copy the shown results as JSON; False when there are none to copy."""
        if self.result is None:
            return False
        text = json.dumps(self.result.raw, ensure_ascii=False, indent=2)
        QGuiApplication.clipboard().setText(text + "\n")
        message = self.tr("Copied the results as JSON")
        self.status.setText(message)
        self.copied.emit(message)
        return True
