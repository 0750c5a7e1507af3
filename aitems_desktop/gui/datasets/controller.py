"""What the window does for datasets and schemas: describe and delete."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from aitems_desktop.gui.error_report import report_for
from aitems_desktop.gui.workspace.rows import Kind

if TYPE_CHECKING:
    from aitems_desktop.core.api import AitemsApi
    from aitems_desktop.gui.shell.runner import Runner
    from aitems_desktop.gui.workspace.state import Workspace


class DataActions(QObject):
    """Describe and delete for datasets and schemas; results land in the workspace."""

    failed = Signal(object)
    message = Signal(str)

    def __init__(self, runner: Runner, workspace: Workspace, window: QWidget) -> None:
        super().__init__(window)
        self.runner = runner
        self.workspace = workspace
        self.window = window

    def describe(self, kind: Kind, resource: Any) -> None:
        from aitems_desktop.gui.dialogs.description_dialog import DescriptionDialog

        if kind is Kind.DATASETS:
            dataset_id = resource.dataset_id

            def save(api: AitemsApi, text: str) -> Any:
                return api.datasets.set_description(dataset_id, text)

            title = self.tr("Edit Dataset Description")
            key = f"describe-dataset:{dataset_id}"
        else:
            name = resource.name

            def save(api: AitemsApi, text: str) -> Any:
                return api.schemas.set_description(name, text)

            title = self.tr("Edit Schema Description")
            key = f"describe-schema:{name}"
        dialog = DescriptionDialog(
            self.runner, title, resource.description or "", save, key, self.window
        )
        dialog.saved.connect(lambda answer: self.workspace.put(kind, answer))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def delete(self, kind: Kind, resource_id: str, name: str) -> None:
        from aitems_desktop.gui.dialogs.confirm_delete import ConfirmDeleteDialog

        if kind is Kind.DATASETS:
            what = self.tr("dataset")
            consequence = self.tr(
                "The file in Object Storage stays. A dataset a service uses cannot be deleted."
            )
        else:
            what = self.tr("schema")
            consequence = self.tr("A schema a dataset uses cannot be deleted.")
        dialog = ConfirmDeleteDialog(what, name, consequence, self.window)
        dialog.accepted.connect(lambda: self._delete(kind, resource_id, name))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _delete(self, kind: Kind, resource_id: str, name: str) -> None:
        def delete(api: AitemsApi) -> Any:
            if kind is Kind.DATASETS:
                return api.datasets.delete(resource_id)
            return api.schemas.delete(resource_id)

        def deleted(_: Any) -> None:
            self.workspace.remove(kind, resource_id)
            self.message.emit(self.tr("Deleted {name}").format(name=name))

        self.runner.run(
            delete,
            deleted,
            lambda error: self.failed.emit(report_for(error, name=name)),
            key=f"delete-{kind.value}:{resource_id}",
        )
