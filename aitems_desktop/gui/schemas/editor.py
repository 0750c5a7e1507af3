"""The schema editor: a name, a dataset type, a description and the fields, in file order.

The required fields of the dataset type come from the service (``GET /schemas/default``) and
are locked; the reserved keywords of the type are offered; each field has a name, one or more
types (``null`` makes it nullable; ``float`` and ``double`` are offered as the console offers
them, marked as such) and a categorical flag, and fields can be moved up and down. "Check"
asks the service's validation (C5) before anything is stored; "Create" stores it once (C1).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, Final

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aitems_desktop.core.rules import (
    CONSOLE_ONLY_FIELD_TYPES,
    DATASET_TYPES,
    DESCRIPTION_MAX_LENGTH,
    FIELD_NAME_PATTERN,
    REQUIRED_FIELDS,
    RESERVED_FIELDS,
    SchemaField,
    is_valid_field_name,
    reserved_type_problem,
    schema_name_problems,
    text_length,
)
from aitems_desktop.gui import labels
from aitems_desktop.gui.dialogs.discard import confirm_discard
from aitems_desktop.gui.dialogs.enter import is_enter
from aitems_desktop.gui.dialogs.fit import fit_to_screen
from aitems_desktop.gui.error_panel import ErrorPanel
from aitems_desktop.gui.error_report import ErrorReport, report_for
from aitems_desktop.gui.validators import DescriptionValidator, description_message

if TYPE_CHECKING:
    from aitems_desktop.core.api import AitemsApi
    from aitems_desktop.gui.shell.runner import Runner, Task

#: The type columns, in the order the table shows them.
TYPE_COLUMNS: Final = ("string", "int", "long", "boolean", "float", "double", "null")
NAME_COLUMN: Final = 0
CATEGORICAL_COLUMN: Final = 1 + len(TYPE_COLUMNS)
LOCKED_ROLE: Final = Qt.ItemDataRole.UserRole + 1


class FieldNameDelegate(QStyledItemDelegate):
    """Edits a field name in its cell, refusing there what a field name cannot hold."""

    def createEditor(  # noqa: N802
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setValidator(QRegularExpressionValidator(FIELD_NAME_PATTERN, editor))
        editor.setPlaceholderText(
            QCoreApplication.translate("SchemaEditor", "Letters, digits and _")
        )
        return editor


class FieldsTable(QTableWidget):
    """One row per field; the required ones are locked."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, CATEGORICAL_COLUMN + 1, parent)
        self.setObjectName("schemaFieldsTable")
        # Tab goes on to the buttons below (the arrows move between cells, Space ticks).
        self.setTabKeyNavigation(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.itemChanged.connect(lambda _: self.changed.emit())
        self.setItemDelegateForColumn(NAME_COLUMN, FieldNameDelegate(self))
        self.retranslate()

    def retranslate(self) -> None:
        headers = [QCoreApplication.translate("SchemaEditor", "Field name")]
        for value in TYPE_COLUMNS:
            header = (
                QCoreApplication.translate("SchemaEditor", "null (nullable)")
                if value == "null"
                else value
            )
            if value in CONSOLE_ONLY_FIELD_TYPES:
                header = QCoreApplication.translate("SchemaEditor", "{type} (console)").format(
                    type=value
                )
            headers.append(header)
        headers.append(QCoreApplication.translate("SchemaEditor", "Categorical"))
        self.setHorizontalHeaderLabels(headers)

    def add_field(self, field: SchemaField, *, locked: bool = False, at: int | None = None) -> int:
        row = self.rowCount() if at is None else at
        self.blockSignals(True)
        self.insertRow(row)
        name = QTableWidgetItem(field.name)
        name.setData(LOCKED_ROLE, locked)
        if locked:
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            name.setToolTip(
                QCoreApplication.translate(
                    "SchemaEditor", "Required by AiTEMS for this dataset type: it cannot change."
                )
            )
            font = name.font()
            font.setBold(True)
            name.setFont(font)
        self.setItem(row, NAME_COLUMN, name)
        for offset, value in enumerate(TYPE_COLUMNS, start=1):
            item = QTableWidgetItem()
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if not locked:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            item.setCheckState(
                Qt.CheckState.Checked if value in field.types else Qt.CheckState.Unchecked
            )
            item.setToolTip(value)
            self.setItem(row, offset, item)
        categorical = QTableWidgetItem()
        categorical.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )
        categorical.setCheckState(
            Qt.CheckState.Checked if field.categorical else Qt.CheckState.Unchecked
        )
        self.setItem(row, CATEGORICAL_COLUMN, categorical)
        self.blockSignals(False)
        self.changed.emit()
        return row

    def is_locked(self, row: int) -> bool:
        item = self.item(row, NAME_COLUMN)
        return bool(item is not None and item.data(LOCKED_ROLE))

    def fields(self) -> list[SchemaField]:
        result = []
        for row in range(self.rowCount()):
            name_item = self.item(row, NAME_COLUMN)
            name = name_item.text().strip() if name_item is not None else ""
            types = tuple(
                value
                for offset, value in enumerate(TYPE_COLUMNS, start=1)
                if (cell := self.item(row, offset)) is not None
                and cell.checkState() == Qt.CheckState.Checked
            )
            categorical_item = self.item(row, CATEGORICAL_COLUMN)
            categorical = (
                categorical_item is not None
                and categorical_item.checkState() == Qt.CheckState.Checked
            )
            result.append(SchemaField(name, types, categorical))
        return result

    def move_row(self, delta: int) -> None:
        row = self.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.rowCount():
            return
        fields = self.fields()
        locks = [self.is_locked(r) for r in range(self.rowCount())]
        fields[row], fields[target] = fields[target], fields[row]
        locks[row], locks[target] = locks[target], locks[row]
        self.set_fields(fields, locks)
        self.selectRow(target)

    def set_fields(self, fields: list[SchemaField], locks: list[bool]) -> None:
        self.blockSignals(True)
        self.setRowCount(0)
        self.blockSignals(False)
        for field, locked in zip(fields, locks, strict=True):
            self.add_field(field, locked=locked)


def field_problems(dataset_type: str, fields: list[SchemaField]) -> list[str]:
    """What is wrong with the fields, in words; empty when they can be sent."""
    problems: list[str] = []
    names = [f.name for f in fields]
    for position, field in enumerate(fields, start=1):
        if not field.name:
            problems.append(
                QCoreApplication.translate("SchemaEditor", "Field {n} has no name.").format(
                    n=position
                )
            )
        elif not is_valid_field_name(field.name):
            problems.append(
                QCoreApplication.translate(
                    "SchemaEditor",
                    "{name}: a field name starts with a letter or _ and holds letters, "
                    "digits and _.",
                ).format(name=field.name)
            )
        if not field.types:
            problems.append(
                QCoreApplication.translate(
                    "SchemaEditor", "{name}: choose at least one type."
                ).format(name=field.name or position)
            )
        elif field.types == ("null",):
            problems.append(
                QCoreApplication.translate(
                    "SchemaEditor", "{name}: null alone is not a type; add the type of its values."
                ).format(name=field.name)
            )
    repeated = sorted(n for n, count in Counter(names).items() if n and count > 1)
    if repeated:
        problems.append(
            QCoreApplication.translate("SchemaEditor", "Repeated field names: {names}.").format(
                names=", ".join(repeated)
            )
        )
    for field in fields:
        wanted = reserved_type_problem(dataset_type, field.name, field.types)
        if wanted is not None:
            problems.append(
                QCoreApplication.translate(
                    "SchemaEditor", "{name} is a reserved keyword: its types must include {type}."
                ).format(name=field.name, type=wanted)
            )
    present = {f.name for f in fields}
    for required in REQUIRED_FIELDS.get(dataset_type, ()):
        if required.name not in present:
            problems.append(
                QCoreApplication.translate(
                    "SchemaEditor", "Dataset type {type}: the schema needs the field {name}."
                ).format(type=dataset_type, name=required.name)
            )
    return problems


class SchemaEditorDialog(QDialog):
    """New, or a duplicate of an existing schema (same dataset type)."""

    created = Signal(object)

    def __init__(
        self,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        source: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("schemaEditorDialog")
        self.runner = runner
        self.source = source
        self._task: Task | None = None
        self._defaults: dict[str, tuple[SchemaField, ...]] = dict(REQUIRED_FIELDS)
        self.setWindowTitle(
            QCoreApplication.translate("SchemaEditor", "Duplicate Schema {name}").format(
                name=source.name
            )
            if source is not None
            else QCoreApplication.translate("SchemaEditor", "New Schema")
        )
        self.error_panel = ErrorPanel(self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("schemaNameEdit")
        self.name_edit.setMaxLength(64)
        self.name_message = QLabel(self)
        self.name_message.setObjectName("schemaNameMessage")
        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("schemaTypeCombo")
        self.type_combo.setAccessibleName(
            QCoreApplication.translate("SchemaEditor", "Dataset type")
        )
        for value in DATASET_TYPES:
            self.type_combo.addItem(labels.with_raw(labels.DATASET_TYPE, value), value)
        self.description_edit = QLineEdit(self)
        self.description_edit.setObjectName("schemaDescriptionEdit")
        self.description_edit.setValidator(DescriptionValidator(self.description_edit))
        self.description_counter = QLabel(self)
        self.table = FieldsTable(self)
        self.add_button = QPushButton(
            QCoreApplication.translate("SchemaEditor", "&Add Field"), self
        )
        self.add_button.setObjectName("schemaAddField")
        self.reserved_button = QPushButton(
            QCoreApplication.translate("SchemaEditor", "Add Reser&ved Keyword"), self
        )
        self.reserved_button.setObjectName("schemaAddReserved")
        self.remove_button = QPushButton(
            QCoreApplication.translate("SchemaEditor", "Re&move"), self
        )
        self.remove_button.setObjectName("schemaRemoveField")
        self.up_button = QPushButton(QCoreApplication.translate("SchemaEditor", "Move &Up"), self)
        self.down_button = QPushButton(
            QCoreApplication.translate("SchemaEditor", "Move Do&wn"), self
        )
        self.from_file_button = QPushButton(
            QCoreApplication.translate("SchemaEditor", "From a CSV F&ile…"), self
        )
        self.from_file_button.setObjectName("schemaFromFile")
        self.problems = QLabel(self)
        self.problems.setObjectName("schemaProblems")
        self.problems.setWordWrap(True)
        self.check_result = QLabel(self)
        self.check_result.setObjectName("schemaCheckResult")
        self.check_result.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.check_button = QPushButton(QCoreApplication.translate("SchemaEditor", "&Check"), self)
        self.check_button.setObjectName("schemaCheckButton")
        self.create_button = QPushButton(
            QCoreApplication.translate("SchemaEditor", "C&reate"), self
        )
        self.create_button.setObjectName("schemaCreateButton")
        self.buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        self.check_button.clicked.connect(self._check)
        self.create_button.clicked.connect(self._create)

        form = QFormLayout()
        name_label = QLabel(QCoreApplication.translate("SchemaEditor", "&Name:"), self)
        name_label.setBuddy(self.name_edit)
        form.addRow(name_label, self.name_edit)
        form.addRow("", self.name_message)
        type_label = QLabel(QCoreApplication.translate("SchemaEditor", "Dataset &type:"), self)
        type_label.setBuddy(self.type_combo)
        form.addRow(type_label, self.type_combo)
        description_label = QLabel(
            QCoreApplication.translate("SchemaEditor", "&Description:"), self
        )
        description_label.setBuddy(self.description_edit)
        form.addRow(description_label, self.description_edit)
        form.addRow("", self.description_counter)
        tools = QHBoxLayout()
        for button in (
            self.add_button,
            self.reserved_button,
            self.remove_button,
            self.up_button,
            self.down_button,
        ):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.from_file_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error_panel)
        layout.addLayout(form)
        fields_label = QLabel(
            QCoreApplication.translate(
                "SchemaEditor", "&Fields, in the order of the file's columns:"
            ),
            self,
        )
        fields_label.setBuddy(self.table)
        layout.addWidget(fields_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(tools)
        layout.addWidget(self.problems)
        layout.addWidget(self.check_result)
        layout.addWidget(self.buttons)

        self.add_button.clicked.connect(self._add_field)
        self.reserved_button.clicked.connect(self._reserved_menu)
        self.remove_button.clicked.connect(self._remove_field)
        self.up_button.clicked.connect(lambda: self.table.move_row(-1))
        self.down_button.clicked.connect(lambda: self.table.move_row(1))
        QShortcut(QKeySequence("Ctrl+Up"), self.table, lambda: self.table.move_row(-1))
        QShortcut(QKeySequence("Ctrl+Down"), self.table, lambda: self.table.move_row(1))
        self.name_edit.textChanged.connect(self._refresh)
        self.description_edit.textChanged.connect(self._refresh)
        # _create sends nothing unless Create is enabled: valid, and no call running.
        self.name_edit.returnPressed.connect(self._create)
        self.description_edit.returnPressed.connect(self._create)
        self.table.changed.connect(self._refresh)
        self.table.itemSelectionChanged.connect(self._refresh)
        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.from_file_button.clicked.connect(self._from_file)

        if source is not None:
            self._load(source)
        else:
            self._type_changed()
        fit_to_screen(self, QSize(820, 560))

    # --- content ----------------------------------------------------------------------------------

    def dataset_type(self) -> str:
        return str(self.type_combo.currentData())

    def _load(self, source: Any) -> None:
        self.name_edit.setText(f"{source.name}_copy"[:20] if source.name else "")
        self.description_edit.setText(source.description or "")
        position = self.type_combo.findData(source.dataset_type)
        if position >= 0:
            self.type_combo.setCurrentIndex(position)
        # A duplicate keeps the dataset type of the schema it copies.
        self.type_combo.setEnabled(False)
        required = {f.name for f in self._defaults.get(self.dataset_type(), ())}
        fields = [SchemaField(f.name, tuple(f.type), bool(f.categorical)) for f in source.fields]
        self.table.set_fields(fields, [f.name in required for f in fields])
        self._refresh()

    @Slot()
    def _type_changed(self) -> None:
        dataset_type = self.dataset_type()
        self._lay_out_required(dataset_type)
        self._fetch_default(dataset_type)

    def _lay_out_required(self, dataset_type: str) -> None:
        keep = [
            (f, False) for r, f in enumerate(self.table.fields()) if not self.table.is_locked(r)
        ]
        required = self._defaults.get(dataset_type, ())
        names = {f.name for f in required}
        keep = [(f, locked) for f, locked in keep if f.name not in names]
        fields = [*required, *(f for f, _ in keep)]
        self.table.set_fields(list(fields), [True] * len(required) + [False] * len(keep))
        self._refresh()

    def _fetch_default(self, dataset_type: str) -> None:
        def read(api: AitemsApi) -> Any:
            return api.schemas.default(dataset_type)

        self.runner.run(
            read,
            lambda schema: self._default_read(dataset_type, schema),
            lambda error: None,
            key=f"schema-default:{dataset_type}",
            owner=self,
        )

    def _default_read(self, dataset_type: str, schema: Any) -> None:
        fields = tuple(
            SchemaField(f.name, tuple(f.type), bool(f.categorical)) for f in schema.fields
        )
        if fields and fields != self._defaults.get(dataset_type):
            self._defaults[dataset_type] = fields
            if self.dataset_type() == dataset_type and self.source is None:
                self._lay_out_required(dataset_type)

    def fields(self) -> list[SchemaField]:
        return self.table.fields()

    @Slot()
    def _add_field(self) -> None:
        row = self.table.add_field(SchemaField("", ("string",)))
        self.table.setCurrentCell(row, NAME_COLUMN)
        item = self.table.item(row, NAME_COLUMN)
        if item is not None:
            self.table.editItem(item)

    @Slot()
    def _reserved_menu(self) -> None:
        menu = QMenu(self)
        present = {f.name for f in self.fields()}
        reserved = RESERVED_FIELDS.get(self.dataset_type(), ())
        for field in reserved:
            action = menu.addAction(f"{field.name} ({', '.join(field.types)})")
            action.setEnabled(field.name not in present)
            action.triggered.connect(lambda _=False, f=field: self.table.add_field(f))
        if not reserved:
            menu.addAction(
                QCoreApplication.translate(
                    "SchemaEditor", "This dataset type has no reserved keywords"
                )
            ).setEnabled(False)
        menu.exec(self.reserved_button.mapToGlobal(self.reserved_button.rect().bottomLeft()))

    @Slot()
    def _remove_field(self) -> None:
        row = self.table.currentRow()
        if row >= 0 and not self.table.is_locked(row):
            self.table.removeRow(row)
            self._refresh()

    def apply_proposal(self, fields: list[SchemaField]) -> None:
        """Take a proposal (from a file) in the file's order; the required fields stay locked,
        with the types the service asks for, and any the file lacks go first."""
        required = {f.name: f for f in self._defaults.get(self.dataset_type(), ())}
        ordered: list[SchemaField] = []
        locks: list[bool] = []
        for field in fields:
            locked = field.name in required
            ordered.append(required[field.name] if locked else field)
            locks.append(locked)
        named = {f.name for f in fields}
        missing = [f for name, f in required.items() if name not in named]
        self.table.set_fields([*missing, *ordered], [True] * len(missing) + locks)
        self._refresh()

    @Slot()
    def _from_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("SchemaEditor", "Propose a Schema from a CSV File"),
            "",
            QCoreApplication.translate("SchemaEditor", "CSV files (*.csv *.csv.gz);;All files (*)"),
        )
        if not path:
            return
        dataset_type = self.dataset_type()

        def propose() -> Any:
            from aitems_desktop.core.csvfile import propose_schema

            return propose_schema(path, dataset_type)

        self.check_result.setText(QCoreApplication.translate("SchemaEditor", "Reading the file…"))
        self.runner.run_local(
            propose, self._proposed, self._proposal_failed, key="schema-propose", owner=self
        )

    def _proposed(self, proposal: Any) -> None:
        self.apply_proposal(list(proposal.schema_fields()))
        notes = [str(n) for n in getattr(proposal, "notes", ())]
        self.check_result.setText(
            "\n".join(
                [
                    QCoreApplication.translate(
                        "SchemaEditor", "Proposed from the file: check each field before creating."
                    ),
                    *notes,
                ]
            )
        )

    def _proposal_failed(self, error: BaseException) -> None:
        self.check_result.setText(
            QCoreApplication.translate(
                "SchemaEditor", "The file could not be read: {error}"
            ).format(error=error)
        )

    # --- checking and creating --------------------------------------------------------------

    def _values(self) -> dict[str, Any]:
        return {
            "datasetType": self.dataset_type(),
            "name": self.name_edit.text(),
            "description": self.description_edit.text(),
            "fields": [
                {"name": f.name, "type": list(f.types), "categorical": f.categorical}
                for f in self.fields()
            ],
        }

    @Slot()
    def _refresh(self) -> None:
        name = self.name_edit.text()
        name_problems = schema_name_problems(name) if name else []
        self.name_message.setText(
            QCoreApplication.translate(
                "SchemaEditor",
                "3 to 20 letters, digits, _ or -, starting with a letter; not “default”",
            )
            if name_problems
            else ""
        )
        description = self.description_edit.text()
        problem = description_message(description)
        counter = f"{text_length(description)}/{DESCRIPTION_MAX_LENGTH}"
        self.description_counter.setText(f"{problem} · {counter}" if problem else counter)
        problems = field_problems(self.dataset_type(), self.fields())
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))
        row = self.table.currentRow()
        self.remove_button.setEnabled(row >= 0 and not self.table.is_locked(row))
        ready = bool(name) and not name_problems and not problem and not problems
        busy = self._task is not None
        self.create_button.setEnabled(ready and not busy)
        self.check_button.setEnabled(not problems and not busy and bool(name) and not name_problems)

    @Slot()
    def _check(self) -> None:
        values = self._values()

        def check(api: AitemsApi) -> Any:
            from aitems_desktop.core.api import build
            from aitems_desktop.core.models import ValidateSchemaRequest

            return api.schemas.validate(build(ValidateSchemaRequest, **values))

        self.error_panel.dismiss()
        self.check_result.setText(
            QCoreApplication.translate("SchemaEditor", "Checking with the service…")
        )
        self._task = self.runner.run(check, self._checked, self._check_failed, key="schema-check")
        self._refresh()

    def _checked(self, _result: Any) -> None:
        self._task = None
        self.check_result.setText(
            QCoreApplication.translate("SchemaEditor", "The service accepts this schema.")
        )
        self._refresh()

    def _check_failed(self, error: BaseException) -> None:
        self._task = None
        self.check_result.setText(
            QCoreApplication.translate("SchemaEditor", "The service does not accept this schema.")
        )
        self.error_panel.show_report(report_for(error))
        self._refresh()

    @Slot()
    def _create(self) -> None:
        if not self.create_button.isEnabled():
            return
        values = self._values()

        def create(api: AitemsApi) -> Any:
            from aitems_desktop.core.api import build
            from aitems_desktop.core.models import CreateSchemaRequest
            from aitems_desktop.core.usecases import create_schema

            return create_schema(api, build(CreateSchemaRequest, **values))

        self.error_panel.dismiss()
        self._task = self.runner.run(create, self._done, self._failed, key="create-schema")
        self._refresh()

    def _done(self, created: Any) -> None:
        self._task = None
        self.created.emit(created.resource)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._task = None
        report: ErrorReport = report_for(error, name=self.name_edit.text())
        self.error_panel.show_report(report)
        self._refresh()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        # Enter in the name, type or description creates once the schema is valid, as in
        # New Service; in the fields table it edits a cell. It never closes the dialog
        # (see gui.dialogs.enter).
        if is_enter(event):
            event.accept()
            if self.focusWidget() is self.type_combo and not event.isAutoRepeat():
                self._create()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        typed = bool(self.name_edit.text() or self.description_edit.text()) or any(
            not self.table.is_locked(r) for r in range(self.table.rowCount())
        )
        if typed and not confirm_discard(self):
            return
        if self._task is not None:
            self._task.cancel()
            self._task = None
        super().reject()
