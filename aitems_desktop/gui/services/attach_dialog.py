"""Attach datasets to a service (S6): one of each type, chosen from the datasets of that type."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from aitems_desktop.core.rules import DATASET_TYPES
from aitems_desktop.gui import labels
from aitems_desktop.gui.dialogs.discard import confirm_discard
from aitems_desktop.gui.error_panel import ErrorPanel
from aitems_desktop.gui.error_report import report_for
from aitems_desktop.gui.workspace.rows import Row

if TYPE_CHECKING:
    from aitems_desktop.core.api import AitemsApi
    from aitems_desktop.gui.shell.runner import Runner, Task


class AttachDatasetsDialog(QDialog):
    """``attached`` carries the service the service answered with (status learnable)."""

    attached = Signal(object)

    def __init__(
        self,
        runner: Runner,
        service: Any,
        datasets: list[Row],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attachDatasetsDialog")
        self.setWindowTitle(self.tr("Datasets of {name}").format(name=service.name))
        self.runner = runner
        self.service = service
        self._task: Task | None = None
        self.error_panel = ErrorPanel(self)
        self.refusal = QLabel(self)
        self.refusal.setObjectName("attachRefusal")
        self.refusal.setWordWrap(True)
        intro = QLabel(
            self.tr(
                "A service learns from one dataset of each type. Only datasets that are ready "
                "for training are offered."
            ),
            self,
        )
        intro.setWordWrap(True)
        current = {d.type: d.dataset_id for d in service.datasets}
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        for dataset_type in DATASET_TYPES:
            combo = QComboBox(self)
            combo.setObjectName(f"attach_{dataset_type}")
            name = labels.label(labels.DATASET_TYPE, dataset_type) or dataset_type
            combo.setAccessibleName(name)
            offered = [
                row
                for row in datasets
                if row.type == dataset_type and (row.status in (None, "enable"))
            ]
            for row in sorted(offered, key=lambda r: r.name.casefold()):
                combo.addItem(f"{row.name} ({row.id})", row.id)
            if combo.count() == 0:
                combo.addItem(self.tr("No {kind} dataset is ready").format(kind=name), "")
                combo.setEnabled(False)
            selected = combo.findData(current.get(dataset_type))
            if selected >= 0:
                combo.setCurrentIndex(selected)
            combo.currentIndexChanged.connect(self._refresh)
            self.combos[dataset_type] = combo
            label = QLabel(f"{name}:", self)
            label.setBuddy(combo)
            form.addRow(label, combo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("attachSaveButton")
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error_panel)
        layout.addWidget(self.refusal)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._refusal_text = self._check()
        self._refresh()
        self._initial = self.chosen()
        self.setMinimumWidth(480)

    def _check(self) -> str:
        from aitems_desktop.core import errors
        from aitems_desktop.core.usecases import check_datasets_changeable

        try:
            check_datasets_changeable(self.service)
        except errors.ActionRefusedError as exc:
            return f"{exc.message} {exc.hint}"
        return ""

    def chosen(self) -> dict[str, str]:
        return {kind: str(combo.currentData() or "") for kind, combo in self.combos.items()}

    @Slot()
    def _refresh(self) -> None:
        self.refusal.setText(self._refusal_text)
        self.refusal.setVisible(bool(self._refusal_text))
        chosen = self.chosen()
        current = {d.type: d.dataset_id for d in self.service.datasets}
        self.save_button.setEnabled(
            self._task is None
            and not self._refusal_text
            and all(chosen.values())
            and chosen != current
        )

    @Slot()
    def _save(self) -> None:
        if not self.save_button.isEnabled():
            return
        chosen = self.chosen()
        service_id = self.service.service_id

        def attach(api: AitemsApi) -> Any:
            from aitems_desktop.core.usecases import attach_datasets

            return attach_datasets(
                api,
                service_id,
                user=chosen["user"],
                item=chosen["item"],
                interaction=chosen["interaction"],
            )

        self.error_panel.dismiss()
        self._task = self.runner.run(attach, self._done, self._failed, key=f"attach:{service_id}")
        self._refresh()

    @Slot(object)
    def _done(self, service: Any) -> None:
        self._task = None
        self.attached.emit(service)
        self.accept()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._task = None
        self.error_panel.show_report(report_for(error, name=self.service.name))
        self._refresh()

    def reject(self) -> None:
        """Esc, Cancel and the close button: ask before the datasets chosen are lost."""
        if (
            self._task is None
            and self.isVisible()
            and self.chosen() != self._initial
            and not confirm_discard(
                self,
                self.tr("Discard the datasets chosen?"),
                self.tr("The datasets you chose have not been saved to the service."),
            )
        ):
            return
        if self._task is not None:
            self._task.cancel()
            self._task = None
        super().reject()
