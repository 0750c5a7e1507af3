"""From a CSV file to a dataset AiTEMS accepts, in one guided flow, each step checked first.

1. File: the csv or csv.gz file, its dataset type and the schema it must match.
2. Check: the file against the schema, on this computer, before anything leaves it (header,
   required columns, every value's type, repeated ids, and for an interaction file, ids the
   user and item files lack). Streaming, with progress and cancel.
3. Upload: a bucket and a folder in NCP Object Storage (listed from the account), the upload
   with progress and cancel; or a file already there.
4. Dataset: its name and description; Create sends D1 once, then the wizard follows the
   dataset's status until it is ready (``enable``) or failed (``upload_failed``).

Work runs on the runner's workers; nothing on the GUI thread reads a file or a socket.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from aitems_desktop.core.objectstorage import InvalidRequestError, check_names
from aitems_desktop.core.rules import (
    DATASET_NAME_CONSOLE_MIN_LENGTH,
    DATASET_TYPES,
    DESCRIPTION_MAX_LENGTH,
    dataset_name_problems,
    text_length,
)
from aitems_desktop.gui import labels
from aitems_desktop.gui.dialogs.discard import confirm_discard
from aitems_desktop.gui.dialogs.fit import fit_to_screen
from aitems_desktop.gui.error_report import report_for
from aitems_desktop.gui.format import number_text, size_text
from aitems_desktop.gui.validators import DescriptionValidator, description_message
from aitems_desktop.gui.workspace.rows import Kind

if TYPE_CHECKING:
    from aitems_desktop.core.api import AitemsApi
    from aitems_desktop.gui.shell.runner import Runner, Task
    from aitems_desktop.gui.workspace.state import Workspace

FILE_PAGE, CHECK_PAGE, UPLOAD_PAGE, DATASET_PAGE = range(4)
#: How often the wizard reads a dataset in a passing state after creating it.
FOLLOW_MS: Final = 2_000


def _object_storage(runner: Runner) -> Any:
    """An Object Storage client for the runner's connection (call it on a worker).

    The S3 library loads on the first call, the bucket listing, which runs alone: every later
    Object Storage call of the wizard starts from its answer.
    """
    from aitems_desktop.core import objectstorage as storage

    connection = runner.connection
    if connection is None:
        raise RuntimeError("not connected")
    return storage.ObjectStorageClient(
        storage.ObjectStorageSettings(
            access_key=connection.access_key,
            secret_key=connection.secret_key,
            endpoint=connection.object_storage_url,
            region=connection.object_storage_region,
            ca_bundle=connection.ca_bundle,
            proxy=connection.proxy,
        )
    )


def _name_problem(bucket: str, key: str) -> BaseException | None:
    """Why Object Storage cannot take this bucket and key, or None: the core's own check,
    which is plain string work (no I/O), so it runs here on the GUI thread as the key is
    typed."""
    try:
        check_names(bucket, key)
    except InvalidRequestError as problem:
        return problem
    return None


# --- 1. the file --------------------------------------------------------------------------------


class FilePage(QWizardPage):
    def __init__(self, wizard: DatasetWizard) -> None:
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(QCoreApplication.translate("DatasetWizard", "The file"))
        self.setSubTitle(
            QCoreApplication.translate(
                "DatasetWizard",
                "Choose the csv or csv.gz file, the dataset type and the schema.",
            )
        )
        # In the page, not the header: QWizard's header does not grow for a second line.
        self.match_note = QLabel(
            QCoreApplication.translate(
                "DatasetWizard",
                "The file's columns must match the schema's fields in name, order and case.",
            ),
            self,
        )
        self.match_note.setObjectName("datasetMatchNote")
        self.match_note.setWordWrap(True)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("datasetFileEdit")
        self.path_edit.setAccessibleName(QCoreApplication.translate("DatasetWizard", "File"))
        browse = QPushButton(QCoreApplication.translate("DatasetWizard", "Bro&wse…"), self)
        browse.setObjectName("datasetFileBrowse")
        browse.clicked.connect(self._browse)
        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("datasetTypeCombo")
        self.type_combo.setAccessibleName(
            QCoreApplication.translate("DatasetWizard", "Dataset type")
        )
        for value in DATASET_TYPES:
            self.type_combo.addItem(labels.with_raw(labels.DATASET_TYPE, value), value)
        self.schema_combo = QComboBox(self)
        self.schema_combo.setObjectName("datasetSchemaCombo")
        self.schema_combo.setAccessibleName(QCoreApplication.translate("DatasetWizard", "Schema"))
        self.schema_note = QLabel(self)
        self.schema_note.setWordWrap(True)
        self.user_edit = QLineEdit(self)
        self.user_edit.setObjectName("datasetUserFile")
        self.item_edit = QLineEdit(self)
        self.item_edit.setObjectName("datasetItemFile")
        self.cross_box = QWidget(self)
        cross = QFormLayout(self.cross_box)
        cross.setContentsMargins(0, 0, 0, 0)
        cross.addRow(
            QCoreApplication.translate("DatasetWizard", "User file (optional):"), self.user_edit
        )
        cross.addRow(
            QCoreApplication.translate("DatasetWizard", "Item file (optional):"), self.item_edit
        )
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        file_label = QLabel(QCoreApplication.translate("DatasetWizard", "&File:"), self)
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, row)
        type_label = QLabel(QCoreApplication.translate("DatasetWizard", "Dataset &type:"), self)
        type_label.setBuddy(self.type_combo)
        form.addRow(type_label, self.type_combo)
        schema_label = QLabel(QCoreApplication.translate("DatasetWizard", "&Schema:"), self)
        schema_label.setBuddy(self.schema_combo)
        form.addRow(schema_label, self.schema_combo)
        form.addRow("", self.match_note)
        form.addRow("", self.schema_note)
        form.addRow(self.cross_box)
        self.path_edit.textChanged.connect(self.completeChanged)
        self.schema_combo.currentIndexChanged.connect(self.completeChanged)
        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.registerField("path*", self.path_edit)
        self._type_changed()

    def dataset_type(self) -> str:
        return str(self.type_combo.currentData())

    def schema_name(self) -> str:
        return str(self.schema_combo.currentData() or "")

    @Slot()
    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("DatasetWizard", "Choose the Dataset File"),
            "",
            QCoreApplication.translate(
                "DatasetWizard", "CSV files (*.csv *.csv.gz);;All files (*)"
            ),
        )
        if path:
            self.path_edit.setText(path)

    @Slot()
    def _type_changed(self) -> None:
        dataset_type = self.dataset_type()
        self.schema_combo.clear()
        for row in self.wizard_.workspace.models[Kind.SCHEMAS].rows():
            if row.type == dataset_type:
                self.schema_combo.addItem(row.name, row.name)
        if self.schema_combo.count() == 0:
            self.schema_note.setText(
                QCoreApplication.translate(
                    "DatasetWizard",
                    "There is no {type} schema yet: create one first (Schema > New Schema).",
                ).format(type=dataset_type)
            )
        else:
            self.schema_note.clear()
        self.cross_box.setVisible(dataset_type == "interaction")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.path_edit.text().strip()) and bool(self.schema_name())


# --- 2. the check -------------------------------------------------------------------------------


class CheckPage(QWizardPage):
    def __init__(self, wizard: DatasetWizard) -> None:
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(QCoreApplication.translate("DatasetWizard", "Check the file"))
        self.setSubTitle(
            QCoreApplication.translate(
                "DatasetWizard", "The file is checked on this computer; nothing is sent yet."
            )
        )
        self.progress = QProgressBar(self)
        self.progress.setObjectName("checkProgress")
        self.summary = QLabel(self)
        self.summary.setObjectName("checkSummary")
        self.summary.setWordWrap(True)
        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("DatasetWizard", "Line"),
                QCoreApplication.translate("DatasetWizard", "Column"),
                QCoreApplication.translate("DatasetWizard", "Field"),
                QCoreApplication.translate("DatasetWizard", "Problem"),
                QCoreApplication.translate("DatasetWizard", "Message"),
            ]
        )
        self.table = QTableView(self)
        self.table.setObjectName("checkProblems")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.cancel_button = QPushButton(
            QCoreApplication.translate("DatasetWizard", "&Stop Checking"), self
        )
        self.cancel_button.setObjectName("checkCancel")
        self.copy_button = QPushButton(
            QCoreApplication.translate("DatasetWizard", "&Copy Report"), self
        )
        self.copy_button.setObjectName("checkCopy")
        self.again_button = QPushButton(
            QCoreApplication.translate("DatasetWizard", "Check &Again"), self
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.again_button)
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.cancel_button.clicked.connect(self.cancel)
        self.again_button.clicked.connect(self.start)
        self.copy_button.clicked.connect(self._copy)
        self.report: Any = None
        self._task: Task | None = None
        self._cancel = threading.Event()
        self._key: tuple[str, ...] | None = None

    def initializePage(self) -> None:  # noqa: N802
        file_page = self.wizard_.file_page
        # The user and item files are part of what was checked (an interaction file's ids are
        # looked up in them): another one chosen means another check.
        key = (
            file_page.path_edit.text(),
            file_page.dataset_type(),
            file_page.schema_name(),
            file_page.user_edit.text(),
            file_page.item_edit.text(),
        )
        if key != self._key or self.report is None:
            self._key = key
            self.start()

    @Slot()
    def start(self) -> None:
        file_page = self.wizard_.file_page
        path = file_page.path_edit.text().strip()
        dataset_type = file_page.dataset_type()
        schema = file_page.schema_name()
        user_file = file_page.user_edit.text().strip() or None
        item_file = file_page.item_edit.text().strip() or None
        self.cancel()
        self.report = None
        self.model.removeRows(0, self.model.rowCount())
        self._cancel = threading.Event()
        cancel = self._cancel
        progress = self.wizard_.progress_relay

        def check(api: AitemsApi) -> Any:
            from aitems_desktop.core.csvfile import check_file

            fields = api.schemas.get(schema).fields
            return check_file(
                path,
                dataset_type,
                [
                    {"name": f.name, "type": list(f.type), "categorical": bool(f.categorical)}
                    for f in fields
                ],
                user_file=user_file,
                item_file=item_file,
                progress=progress.check_progress,
                cancel=cancel,
            )

        self.summary.setText(
            QCoreApplication.translate("DatasetWizard", "Checking {name}…").format(
                name=Path(path).name
            )
        )
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self._task = self.wizard_.runner.run(
            check, self._checked, self._failed, key="dataset-check", label="check file"
        )
        self._busy(True)

    @Slot()
    def cancel(self) -> None:
        self._cancel.set()
        if self._task is not None:
            self._task.cancel()
            self._task = None
            self.summary.setText(
                QCoreApplication.translate("DatasetWizard", "The check was stopped.")
            )
        self._busy(False)

    def set_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setValue(int(1000 * min(done, total) / total))

    def _busy(self, busy: bool) -> None:
        self.cancel_button.setEnabled(busy)
        self.again_button.setEnabled(not busy)
        self.copy_button.setEnabled(not busy and self.report is not None)
        self.completeChanged.emit()

    def _checked(self, report: Any) -> None:
        self._task = None
        self.report = report
        self.progress.setValue(1000)
        for problem in report.problems:
            self.model.appendRow(
                [
                    QStandardItem(number_text(problem.line) if problem.line else ""),
                    QStandardItem(number_text(problem.column) if problem.column else ""),
                    QStandardItem(problem.field),
                    QStandardItem(labels.with_raw(labels.CSV_PROBLEM, str(problem.kind))),
                    QStandardItem(problem.message),
                ]
            )
        listed = len(report.problems)
        total = sum(report.counts.values())
        verdict = (
            QCoreApplication.translate("DatasetWizard", "The file matches the schema.")
            if report.ok
            else QCoreApplication.translate("DatasetWizard", "AiTEMS would refuse this file.")
        )
        details = QCoreApplication.translate(
            "DatasetWizard", "{rows} rows, {errors} errors, {warnings} warnings."
        ).format(
            rows=number_text(report.rows),
            errors=number_text(report.errors),
            warnings=number_text(report.warnings),
        )
        more = (
            QCoreApplication.translate(
                "DatasetWizard", "The first {listed} of {total} problems are listed."
            ).format(listed=number_text(listed), total=number_text(total))
            if total > listed
            else ""
        )
        self.summary.setText(" ".join(p for p in (verdict, details, more) if p))
        self._busy(False)

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self.report = None
        report = report_for(error)
        self.summary.setText(
            QCoreApplication.translate(
                "DatasetWizard", "The file could not be checked: {error}"
            ).format(error=f"{report.message} {report.hint}".strip())
        )
        self._busy(False)

    @Slot()
    def _copy(self) -> None:
        if self.report is not None:
            QGuiApplication.clipboard().setText(self.report.to_text())

    def isComplete(self) -> bool:  # noqa: N802
        return self._task is None and self.report is not None and bool(self.report.ok)


# --- 3. the upload ----------------------------------------------------------------------------


class UploadPage(QWizardPage):
    def __init__(self, wizard: DatasetWizard) -> None:
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(QCoreApplication.translate("DatasetWizard", "Object Storage"))
        self.setSubTitle(
            QCoreApplication.translate(
                "DatasetWizard",
                "AiTEMS reads the dataset from NCP Object Storage. Choose where the file goes.",
            )
        )
        self.bucket_combo = QComboBox(self)
        self.bucket_combo.setObjectName("uploadBucket")
        self.bucket_combo.setAccessibleName(QCoreApplication.translate("DatasetWizard", "Bucket"))
        self.folders = QListWidget(self)
        self.folders.setObjectName("uploadFolders")
        self.folders.setAccessibleName(QCoreApplication.translate("DatasetWizard", "Folders"))
        self.prefix_label = QLabel(self)
        self.key_edit = QLineEdit(self)
        self.key_edit.setObjectName("uploadKey")
        self.key_edit.setAccessibleName(QCoreApplication.translate("DatasetWizard", "Object key"))
        self.upload_radio = QRadioButton(
            QCoreApplication.translate("DatasetWizard", "Upload the file &to this key"), self
        )
        self.upload_radio.setChecked(True)
        self.existing_radio = QRadioButton(
            QCoreApplication.translate("DatasetWizard", "The file is &already at this key"), self
        )
        self.upload_button = QPushButton(
            QCoreApplication.translate("DatasetWizard", "&Upload"), self
        )
        self.upload_button.setObjectName("uploadButton")
        self.cancel_button = QPushButton(
            QCoreApplication.translate("DatasetWizard", "&Stop Upload"), self
        )
        self.cancel_button.setObjectName("uploadCancel")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("uploadProgress")
        self.status = QLabel(self)
        self.status.setObjectName("uploadStatus")
        self.status.setWordWrap(True)
        form = QFormLayout()
        bucket_label = QLabel(QCoreApplication.translate("DatasetWizard", "Bu&cket:"), self)
        bucket_label.setBuddy(self.bucket_combo)
        form.addRow(bucket_label, self.bucket_combo)
        form.addRow(QCoreApplication.translate("DatasetWizard", "Folder:"), self.prefix_label)
        form.addRow("", self.folders)
        key_label = QLabel(QCoreApplication.translate("DatasetWizard", "Object &key:"), self)
        key_label.setBuddy(self.key_edit)
        form.addRow(key_label, self.key_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.upload_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.upload_radio)
        layout.addWidget(self.existing_radio)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.prefix = ""
        self._entered = False
        self.uploaded: tuple[str, str] | None = None
        self._task: Task | None = None
        self._list_task: Task | None = None
        self._cancel = threading.Event()
        self.bucket_combo.currentIndexChanged.connect(self._bucket_changed)
        self.folders.itemActivated.connect(self._enter)
        self.upload_button.clicked.connect(self.upload)
        self.cancel_button.clicked.connect(self.cancel)
        self._name_refused = ""
        self.key_edit.textChanged.connect(self.completeChanged)
        self.key_edit.textChanged.connect(self._key_changed)
        self.existing_radio.toggled.connect(self._mode_changed)
        self._busy(False)

    def initializePage(self) -> None:  # noqa: N802
        if self.bucket_combo.count() == 0:
            self._list_buckets()
        self._default_key()

    def bucket(self) -> str:
        return str(self.bucket_combo.currentData() or "")

    def _default_key(self) -> None:
        name = Path(self.wizard_.file_page.path_edit.text()).name
        if name and not self.key_edit.isModified():
            self.key_edit.setText(f"{self.prefix}{name}")

    def _list_buckets(self) -> None:
        runner = self.wizard_.runner

        def read() -> Any:
            with _object_storage(runner) as storage:
                return storage.list_buckets()

        self.status.setText(QCoreApplication.translate("DatasetWizard", "Reading the buckets…"))
        runner.run_local(
            read, self._buckets_read, self._buckets_failed, key="os-buckets", owner=self
        )

    def _buckets_read(self, buckets: list[Any]) -> None:
        self.bucket_combo.clear()
        for bucket in buckets:
            self.bucket_combo.addItem(bucket.name, bucket.name)
        self.status.setText(
            ""
            if buckets
            else QCoreApplication.translate(
                "DatasetWizard", "There is no bucket: create one in the NCP console first."
            )
        )

    @Slot()
    def _bucket_changed(self) -> None:
        # A folder opened in the bucket left behind does not carry the typed name along.
        self._entered = False
        self._list("")

    def _list(self, prefix: str) -> None:
        bucket = self.bucket()
        if not bucket:
            return
        runner = self.wizard_.runner

        def read() -> Any:
            with _object_storage(runner) as storage:
                return storage.list_objects(bucket, prefix)

        # The latest choice wins: a listing still on its way (a slow bucket) is dropped, or
        # it would hold the key and the folder or bucket chosen now would never be listed.
        if self._list_task is not None:
            self._list_task.cancel()
        self._list_task = runner.run_local(read, self._listed, self._list_failed)

    def _listed(self, listing: Any) -> None:
        self._list_task = None
        self.prefix = listing.prefix
        self.prefix_label.setText(f"{listing.bucket}/{listing.prefix}")
        self.folders.clear()
        if listing.prefix:
            up = QListWidgetItem(QCoreApplication.translate("DatasetWizard", ".. (up)"))
            up.setData(
                Qt.ItemDataRole.UserRole, "/".join(listing.prefix.rstrip("/").split("/")[:-1])
            )
            self.folders.addItem(up)
        folder_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon)
        for folder in listing.folders:
            # The style's own folder icon: a symbol character needs a font that has it.
            item = QListWidgetItem(folder_icon, folder[len(listing.prefix) :])
            item.setData(Qt.ItemDataRole.UserRole, folder)
            self.folders.addItem(item)
        for stored in listing.objects:
            item = QListWidgetItem(
                f"{stored.key[len(listing.prefix) :]}  ({size_text(stored.size)})"
            )
            item.setData(Qt.ItemDataRole.UserRole + 1, stored.key)
            self.folders.addItem(item)
        if not self.key_edit.isModified():
            self._default_key()
        elif self._entered:
            # The person opened a folder: the key they typed moves into it, name kept.
            name = self.key_edit.text().rsplit("/", 1)[-1]
            self.key_edit.setText(f"{listing.prefix}{name}")
            self.key_edit.setModified(True)
        # A listing that arrives late (a slow bucket) never overwrites a typed key.
        self._entered = False

    @Slot(QListWidgetItem)
    def _enter(self, item: QListWidgetItem) -> None:
        folder = item.data(Qt.ItemDataRole.UserRole)
        if folder is not None:
            prefix = str(folder)
            if prefix and not prefix.endswith("/"):
                prefix += "/"
            self._entered = True
            self._list(prefix)
            return
        key = item.data(Qt.ItemDataRole.UserRole + 1)
        if key:
            self.key_edit.setText(str(key))
            self.key_edit.setModified(True)

    def _list_failed(self, error: BaseException) -> None:
        self._list_task = None
        self._entered = False
        self._show_error(error)

    def _buckets_failed(self, error: BaseException) -> None:
        self._show_error(error)

    def _show_error(self, error: BaseException) -> None:
        report = report_for(error)
        self.status.setText(report.summary())

    def _storage_failed(self, error: BaseException) -> None:
        self._show_error(error)
        self._task = None
        self._busy(False)

    @Slot()
    def _mode_changed(self) -> None:
        self._busy(False)

    @Slot()
    def upload(self) -> None:
        bucket, key = self.bucket(), self.key_edit.text().strip()
        path = self.wizard_.file_page.path_edit.text().strip()
        if not bucket or not key:
            self.status.setText(
                QCoreApplication.translate("DatasetWizard", "Choose a bucket and a key first.")
            )
            return
        problem = _name_problem(bucket, key)
        if problem is not None:
            self._show_error(problem)
            return
        runner = self.wizard_.runner
        self._cancel = threading.Event()
        cancel = self._cancel
        progress = self.wizard_.progress_relay

        def send() -> Any:
            with _object_storage(runner) as storage:
                return storage.upload_file(
                    path, bucket, key, progress=progress.upload_progress, cancel=cancel
                )

        self.uploaded = None
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.status.setText(
            QCoreApplication.translate("DatasetWizard", "Uploading to {bucket}/{key}…").format(
                bucket=bucket, key=key
            )
        )
        self._task = runner.run_local(send, self._sent, self._upload_failed, key="os-upload")
        self._busy(True)

    @Slot()
    def cancel(self) -> None:
        """Ask the upload to stop; it ends on its own, after aborting what it sent, and says
        whether the abort was confirmed (see :meth:`_storage_failed`)."""
        if self._task is not None and not self._cancel.is_set():
            self._cancel.set()
            self.status.setText(QCoreApplication.translate("DatasetWizard", "Stopping the upload…"))
            self.cancel_button.setEnabled(False)

    def drop(self) -> None:
        """Stop and forget the upload (the wizard closes)."""
        self._cancel.set()
        if self._task is not None:
            self._task.cancel()
            self._task = None
        if self._list_task is not None:
            self._list_task.cancel()
            self._list_task = None

    def set_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setValue(int(1000 * min(done, total) / total))

    def _upload_failed(self, error: BaseException) -> None:
        from aitems_desktop.core.objectstorage import UploadCancelledError

        if isinstance(error, UploadCancelledError):
            self._task = None
            if error.aborted:
                self.status.setText(
                    QCoreApplication.translate(
                        "DatasetWizard", "The upload was stopped; nothing is left half-uploaded."
                    )
                )
            else:
                self.status.setText(f"{error.message} {error.hint}".strip())
            self._busy(False)
            return
        self._storage_failed(error)

    def _sent(self, result: Any) -> None:
        self._task = None
        self.uploaded = (result.bucket, result.key)
        self.progress.setValue(1000)
        self.status.setText(
            QCoreApplication.translate(
                "DatasetWizard", "Uploaded {size} to {bucket}/{key}."
            ).format(size=size_text(result.size), bucket=result.bucket, key=result.key)
        )
        self._busy(False)

    def _busy(self, busy: bool) -> None:
        uploading = self.upload_radio.isChecked()
        self.upload_button.setVisible(uploading)
        self.progress.setVisible(uploading)
        self.cancel_button.setVisible(uploading)
        self.upload_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.bucket_combo.setEnabled(not busy)
        self.completeChanged.emit()

    def location(self) -> tuple[str, str]:
        return self.bucket(), self.key_edit.text().strip()

    def isComplete(self) -> bool:  # noqa: N802
        if self._task is not None:
            return False
        bucket, key = self.location()
        if self.existing_radio.isChecked():
            return bool(bucket and key) and _name_problem(bucket, key) is None
        return self.uploaded == (bucket, key)

    @Slot()
    def _key_changed(self) -> None:
        # A key Object Storage cannot take is said as it is typed; the message goes once the
        # key is right again (any other status, such as an upload's, stays).
        bucket, key = self.location()
        problem = _name_problem(bucket, key) if bucket and key else None
        if problem is not None:
            self._show_error(problem)
            self._name_refused = self.status.text()
        elif self._name_refused and self.status.text() == self._name_refused:
            self.status.clear()
            self._name_refused = ""


# --- 4. the dataset -------------------------------------------------------------------------------


class DatasetPage(QWizardPage):
    def __init__(self, wizard: DatasetWizard) -> None:
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(QCoreApplication.translate("DatasetWizard", "The dataset"))
        self.setSubTitle(
            QCoreApplication.translate(
                "DatasetWizard", "Name the dataset; Create asks AiTEMS to read the file."
            )
        )
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("datasetNameEdit")
        self.name_message = QLabel(self)
        self.name_message.setWordWrap(True)
        self.description_edit = QLineEdit(self)
        self.description_edit.setObjectName("datasetDescriptionEdit")
        self.description_edit.setValidator(DescriptionValidator(self.description_edit))
        self.counter = QLabel(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.create_button = QPushButton(
            QCoreApplication.translate("DatasetWizard", "C&reate Dataset"), self
        )
        self.create_button.setObjectName("datasetCreateButton")
        self.status = QLabel(self)
        self.status.setObjectName("datasetStatus")
        self.status.setWordWrap(True)
        form = QFormLayout()
        name_label = QLabel(QCoreApplication.translate("DatasetWizard", "&Name:"), self)
        name_label.setBuddy(self.name_edit)
        form.addRow(name_label, self.name_edit)
        form.addRow("", self.name_message)
        description_label = QLabel(
            QCoreApplication.translate("DatasetWizard", "&Description:"), self
        )
        description_label.setBuddy(self.description_edit)
        form.addRow(description_label, self.description_edit)
        form.addRow("", self.counter)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.create_button)
        layout.addWidget(self.status)
        self.dataset: Any = None
        self._task: Task | None = None
        self.name_edit.textChanged.connect(self._refresh)
        self.description_edit.textChanged.connect(self._refresh)
        self.create_button.clicked.connect(self.create_dataset)

    def initializePage(self) -> None:  # noqa: N802
        file_page = self.wizard_.file_page
        if not self.name_edit.text():
            stem = Path(file_page.path_edit.text()).name.split(".")[0]
            cleaned = "".join(
                c if c.isascii() and (c.isalnum() or c in "_-") else "_" for c in stem
            )
            if cleaned and not cleaned[0].isalpha():
                cleaned = f"d_{cleaned}"
            self.name_edit.setText(cleaned[:20])
        bucket, key = self.wizard_.upload_page.location()
        self.summary.setText(
            QCoreApplication.translate(
                "DatasetWizard",
                "Dataset type: {type}. Schema: {schema}. Data file: {bucket}/{key} (region KR).",
            ).format(
                type=file_page.dataset_type(),
                schema=file_page.schema_name(),
                bucket=bucket,
                key=key,
            )
        )
        self._refresh()

    @Slot()
    def _refresh(self) -> None:
        name = self.name_edit.text()
        problems = dataset_name_problems(name)
        if problems and name:
            message = QCoreApplication.translate(
                "DatasetWizard", "3 to 20 letters, digits, _ or -, starting with a letter."
            )
        elif name and len(name) < DATASET_NAME_CONSOLE_MIN_LENGTH:
            message = QCoreApplication.translate(
                "DatasetWizard", "The NCP console asks for at least 5 characters; the API takes 3."
            )
        else:
            message = ""
        self.name_message.setText(message)
        description = self.description_edit.text()
        desc_problem = description_message(description)
        counter = f"{text_length(description)}/{DESCRIPTION_MAX_LENGTH}"
        self.counter.setText(f"{desc_problem} · {counter}" if desc_problem else counter)
        self.create_button.setEnabled(
            self._task is None and self.dataset is None and not problems and not desc_problem
        )
        self.completeChanged.emit()

    @Slot()
    def create_dataset(self) -> None:
        if not self.create_button.isEnabled():
            return
        file_page = self.wizard_.file_page
        bucket, key = self.wizard_.upload_page.location()
        values = {
            "type": file_page.dataset_type(),
            "name": self.name_edit.text(),
            "description": self.description_edit.text(),
            "schemaName": file_page.schema_name(),
            "osInfo": {"region": "KR", "bucket": bucket, "key": key},
        }

        def create(api: AitemsApi) -> Any:
            from aitems_desktop.core.api import build
            from aitems_desktop.core.models import CreateDatasetRequest
            from aitems_desktop.core.usecases import create_dataset

            return create_dataset(api, build(CreateDatasetRequest, **values))

        self.status.setText(
            QCoreApplication.translate("DatasetWizard", "Creating {name}…").format(
                name=values["name"]
            )
        )
        self._task = self.wizard_.runner.run(
            create, self._created, self._failed, key="create-dataset"
        )
        self._refresh()

    def _created(self, created: Any) -> None:
        self._task = None
        self.dataset = created.resource
        self.wizard_.workspace.put(Kind.DATASETS, created.resource)
        self.wizard_.created.emit(created.resource)
        self.show_status(created.resource)
        self.wizard_.follow(created.resource.dataset_id)
        self._refresh()

    def show_status(self, dataset: Any) -> None:
        self.dataset = dataset
        status = dataset.status
        shown = labels.with_raw(labels.DATASET_STATUS, status)
        if status == "enable":
            text = QCoreApplication.translate(
                "DatasetWizard", "{name} is ready for training ({status})."
            ).format(name=dataset.name, status=shown)
        elif status in ("upload_failed", "disable"):
            text = QCoreApplication.translate(
                "DatasetWizard",
                "AiTEMS could not read the file ({status}). Check that the object exists and "
                "matches the schema, then create the dataset again.",
            ).format(status=shown)
        else:
            text = QCoreApplication.translate(
                "DatasetWizard", "{name}: {status}. AiTEMS is reading the file…"
            ).format(name=dataset.name, status=shown)
        self.status.setText(text)
        self.completeChanged.emit()

    def _failed(self, error: BaseException) -> None:
        self._task = None
        report = report_for(error, name=self.name_edit.text())
        self.status.setText(report.summary())
        self._refresh()

    def isComplete(self) -> bool:  # noqa: N802
        return self.dataset is not None


class _ProgressRelay(QObject):
    """Brings progress from a worker to the GUI thread (queued signals, no widget touched)."""

    checked = Signal(int, int)
    sent = Signal(int, int)

    def check_progress(self, progress: Any) -> None:
        self.checked.emit(int(progress.done), int(progress.total))

    def upload_progress(self, progress: Any) -> None:
        self.sent.emit(int(progress.sent), int(progress.total))


class DatasetWizard(QWizard):
    """New Dataset from a CSV file; ``created`` carries the dataset D1 answered with."""

    created = Signal(object)

    def __init__(self, runner: Runner, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("datasetWizard")
        self.setWindowTitle(
            QCoreApplication.translate("DatasetWizard", "New Dataset from a CSV File")
        )
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.runner = runner
        self.workspace = workspace
        self.progress_relay = _ProgressRelay(self)
        self.file_page = FilePage(self)
        self.check_page = CheckPage(self)
        self.upload_page = UploadPage(self)
        self.dataset_page = DatasetPage(self)
        self.setPage(FILE_PAGE, self.file_page)
        self.setPage(CHECK_PAGE, self.check_page)
        self.setPage(UPLOAD_PAGE, self.upload_page)
        self.setPage(DATASET_PAGE, self.dataset_page)
        self.progress_relay.checked.connect(self.check_page.set_progress)
        self.progress_relay.sent.connect(self.upload_page.set_progress)
        self.workspace.details_loaded.connect(self._dataset_read)
        self._following = ""
        fit_to_screen(self, QSize(760, 560))

    def follow(self, dataset_id: str) -> None:
        """Read the new dataset until it settles (the workspace polls it while it passes)."""
        self._following = dataset_id
        self.workspace.focus(Kind.DATASETS, dataset_id)

    @Slot(str, str, object)
    def _dataset_read(self, kind: str, resource_id: str, dataset: Any) -> None:
        if kind == Kind.DATASETS.value and resource_id == self._following:
            self.dataset_page.show_status(dataset)

    def _has_typed(self) -> bool:
        return bool(self.file_page.path_edit.text() or self.dataset_page.name_edit.text())

    def reject(self) -> None:
        if self.dataset_page.dataset is None and self._has_typed() and not confirm_discard(self):
            return
        self.check_page.cancel()
        self.upload_page.drop()
        super().reject()

    def done(self, result: int) -> None:
        self.workspace.details_loaded.disconnect(self._dataset_read)
        super().done(result)
