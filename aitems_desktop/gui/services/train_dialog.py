"""Train a batch service once (S8), or start or stop periodic training of an interval one (S9).

Before anything is sent, the core's checks say whether the service can train now (datasets
attached, not already training, the right type); the dialog shows the reason instead of the
button. The request goes out once per click; a training cannot be stopped once it has started,
and the dialog says so before the click.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from aitems_desktop.core.rules import DESCRIPTION_MAX_LENGTH, INTERVAL_TERMS, text_length
from aitems_desktop.gui import labels
from aitems_desktop.gui.dialogs.discard import confirm_discard
from aitems_desktop.gui.dialogs.enter import is_enter
from aitems_desktop.gui.dialogs.fit import fit_to_screen
from aitems_desktop.gui.error_panel import ErrorPanel
from aitems_desktop.gui.error_report import report_for
from aitems_desktop.gui.services.hpo_editor import HpoEditor, TrainingTypesBox
from aitems_desktop.gui.validators import DescriptionValidator, description_message

if TYPE_CHECKING:
    from aitems_desktop.core.api import AitemsApi
    from aitems_desktop.gui.shell.runner import Runner, Task


class TrainDialog(QDialog):
    """``started`` carries the service the service answered with (status learning)."""

    started = Signal(object)

    def __init__(self, runner: Runner, service: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainDialog")
        self.runner = runner
        self.service = service
        self.interval = service.type == "interval"
        self._task: Task | None = None
        self.setWindowTitle(
            self.tr("Periodic Training of {name}").format(name=service.name)
            if self.interval
            else self.tr("Train {name}").format(name=service.name)
        )
        self.error_panel = ErrorPanel(self)
        self.refusal = QLabel(self)
        self.refusal.setObjectName("trainRefusal")
        self.refusal.setWordWrap(True)
        self.types = TrainingTypesBox(self)
        self.description_edit = QLineEdit(self)
        self.description_edit.setObjectName("trainDescriptionEdit")
        self.description_edit.setValidator(DescriptionValidator(self.description_edit))
        self.description_edit.setAccessibleName(self.tr("Training description"))
        self.counter = QLabel(self)
        self.hpo = HpoEditor(self)
        self.term_combo = QComboBox(self)
        self.term_combo.setObjectName("termCombo")
        self.term_combo.setAccessibleName(self.tr("Update cycle"))
        for term in INTERVAL_TERMS:
            self.term_combo.addItem(labels.with_raw(labels.INTERVAL_TERM, term), term)
        current_term = getattr(service, "learning_interval", None)
        if current_term in INTERVAL_TERMS:
            self.term_combo.setCurrentIndex(INTERVAL_TERMS.index(current_term))
        self.warning = QLabel(self)
        self.warning.setObjectName("trainWarning")
        self.warning.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.start_button = QPushButton(self)
        self.start_button.setObjectName("trainStartButton")
        # Not the default and not an accept button (the box would make it the default):
        # a training cannot be stopped, so only this focused button or a click starts one.
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.stop_button = QPushButton(self.tr("Stop Periodic Training"), self)
        self.stop_button.setObjectName("scheduleStopButton")
        self.stop_button.setAutoDefault(False)
        if self.interval:
            self.buttons.addButton(self.stop_button, QDialogButtonBox.ButtonRole.ActionRole)
        else:
            self.stop_button.hide()
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.start_button.clicked.connect(self._start)
        self.stop_button.clicked.connect(self._stop)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        if self.interval:
            form.addRow(self.tr("&Update cycle:"), self.term_combo)
        else:
            self.term_combo.hide()
        form.addRow(self.tr("&Description:"), self.description_edit)
        form.addRow("", self.counter)
        # The choices scroll, so that on a small screen the warning and the buttons stay
        # in reach however many HPO options show.
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.types)
        body_layout.addLayout(form)
        body_layout.addWidget(self.hpo)
        body_layout.addStretch(1)
        self._body = body
        self.body = QScrollArea(self)
        self.body.setObjectName("trainBody")
        self.body.setWidget(body)
        self.body.setWidgetResizable(True)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error_panel)
        layout.addWidget(self.refusal)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)

        self.start_button.setText(
            self.tr("Start Periodic Training") if self.interval else self.tr("Start Training")
        )
        self.warning.setText(
            self.tr("A training cannot be stopped once it has started.")
            if not self.interval
            else self.tr("The service retrains on every cycle until periodic training is stopped.")
        )
        self._hpo_types: list[str] = []
        self.types.select(["personalRecommend", "relatedItem"])
        self.types.changed.connect(self._refresh)
        self.hpo.changed.connect(self._refresh)
        self.description_edit.textChanged.connect(self._refresh)
        self._refusal_text = self._check()
        self._refresh()
        self._initial = self._edits()
        self.setMinimumWidth(520)
        self.hpo.enabled_box.toggled.connect(self._grow)

    @Slot()
    def _grow(self) -> None:
        """Options shown or hidden: take the room they need, as far as the screen allows."""
        taller = self._body.sizeHint().height() - self.body.viewport().height()
        wanted = QSize(self.width(), self.height() + taller)
        fit_to_screen(self, wanted.expandedTo(self.minimumSizeHint()))

    def _check(self) -> str:
        """The core's reason why the service cannot do this now, or ''."""
        from aitems_desktop.core import errors
        from aitems_desktop.core.rules import ScheduleAction
        from aitems_desktop.core.usecases import check_schedulable, check_trainable

        try:
            if self.interval:
                check_schedulable(self.service, ScheduleAction.START)
            else:
                check_trainable(self.service)
        except errors.ActionRefusedError as exc:
            return f"{exc.message} {exc.hint}"
        return ""

    @Slot()
    def _refresh(self) -> None:
        types = self.types.selected()
        if types != self._hpo_types:
            self._hpo_types = types
            self.hpo.set_types(types)
        description = self.description_edit.text()
        problem = description_message(description)
        counter = f"{text_length(description)}/{DESCRIPTION_MAX_LENGTH}"
        self.counter.setText(f"{problem} · {counter}" if problem else counter)
        self.refusal.setText(self._refusal_text)
        self.refusal.setVisible(bool(self._refusal_text))
        busy = self._task is not None
        self.start_button.setEnabled(
            not busy and not self._refusal_text and bool(types) and not problem
        )
        scheduled = self.service.status in ("scheduled", "scheduledLearning")
        self.stop_button.setEnabled(not busy and scheduled)

    def _requests(self) -> tuple[Any, str]:
        return self.types.selected(), self.description_edit.text()

    @Slot()
    def _start(self) -> None:
        if not self.start_button.isEnabled():
            return
        types, description = self._requests()
        hp = self.hpo.request()
        service_id = self.service.service_id
        term = str(self.term_combo.currentData())
        interval = self.interval
        current_term = getattr(self.service, "learning_interval", None)

        def run(api: AitemsApi) -> Any:
            from aitems_desktop.core.api import build
            from aitems_desktop.core.models import ScheduleRequest, SetIntervalRequest, TrainRequest
            from aitems_desktop.core.rules import ScheduleAction
            from aitems_desktop.core.usecases import request_training, set_schedule

            if interval:
                if term != current_term:
                    api.services.set_interval(service_id, build(SetIntervalRequest, term=term))
                request = build(
                    ScheduleRequest, trainTypes=types, description=description, hpConfig=hp
                )
                return set_schedule(api, service_id, ScheduleAction.START, request).service
            train = build(TrainRequest, types=types, description=description, hpConfig=hp)
            return request_training(api, service_id, train).service

        self._send(run)

    @Slot()
    def _stop(self) -> None:
        service_id = self.service.service_id
        types, description = self._requests()
        hp = self.hpo.request()

        def run(api: AitemsApi) -> Any:
            from aitems_desktop.core.api import build
            from aitems_desktop.core.models import ScheduleRequest
            from aitems_desktop.core.rules import ScheduleAction
            from aitems_desktop.core.usecases import set_schedule

            request = build(
                ScheduleRequest,
                trainTypes=types or ["personalRecommend"],
                description=description,
                hpConfig=hp,
            )
            return set_schedule(api, service_id, ScheduleAction.STOP, request).service

        self._send(run)

    def _send(self, run: Any) -> None:
        self.error_panel.dismiss()
        self._task = self.runner.run(
            run, self._done, self._failed, key=f"train:{self.service.service_id}"
        )
        self._refresh()

    @Slot(object)
    def _done(self, service: Any) -> None:
        self._task = None
        self.started.emit(service)
        self.accept()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._task = None
        report = report_for(error, name=self.service.name)
        if getattr(error, "nothing_created", False):
            import dataclasses

            report = dataclasses.replace(
                report,
                hint=f"{report.hint} {self.tr('Nothing was started: it is safe to try again.')}",
            )
        self.error_panel.show_report(report)
        self._refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        # Enter from a field or a list never starts the training (see gui.dialogs.enter);
        # a focused button has taken its own Enter before it reaches the dialog.
        if is_enter(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def _edits(self) -> tuple[object, ...]:
        return (
            self.types.selected(),
            self.description_edit.text(),
            self.hpo.is_enabled(),
            self.hpo.options(),
            self.term_combo.currentIndex(),
        )

    def reject(self) -> None:
        """Esc, Cancel and the close button: ask before choices and typed text are lost."""
        if (
            self._task is None
            and self.isVisible()
            and self._edits() != self._initial
            and not confirm_discard(
                self,
                self.tr("Discard the training settings?"),
                self.tr("The description and choices you made for this training will be lost."),
            )
        ):
            return
        if self._task is not None:
            # The request may already be on its way: cancel only stops waiting for it.
            self._task.cancel()
            self._task = None
        super().reject()
