"""Training types and HPO settings: a field per documented option, shown only where it applies."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from aitems_desktop.core.rules import HP_OPTIONS, TRAINING_TYPES, hp_options_for
from aitems_desktop.gui import labels
from aitems_desktop.gui.format import number_text


class TrainingTypesBox(QGroupBox):
    """One checkbox per training type, with its readable name and raw value."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingTypesBox")
        layout = QVBoxLayout(self)
        self.boxes: dict[str, QCheckBox] = {}
        for value in TRAINING_TYPES:
            box = QCheckBox(labels.with_raw(labels.TRAINING_TYPE, value), self)
            box.setObjectName(f"type_{value}")
            box.toggled.connect(self.changed)
            self.boxes[value] = box
            layout.addWidget(box)
        self.setTitle(self.tr("Training types"))

    def selected(self) -> list[str]:
        return [value for value, box in self.boxes.items() if box.isChecked()]

    def select(self, values: list[str]) -> None:
        for value, box in self.boxes.items():
            box.setChecked(value in values)


class HpoEditor(QGroupBox):
    """HPO on or off; when on, the options that tune the chosen types, each within its range."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hpoEditor")
        self.enabled_box = QCheckBox(self)
        self.enabled_box.setObjectName("hpoEnabled")
        self.enabled_box.toggled.connect(self._refresh)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setObjectName("hpoNote")
        self.form = QFormLayout()
        self.fields: dict[str, QSpinBox] = {}
        self._labels: dict[str, QLabel] = {}
        for key, option in HP_OPTIONS.items():
            spin = QSpinBox(self)
            spin.setObjectName(f"hpo_{key}")
            spin.setRange(option.minimum, option.maximum)
            spin.setValue(option.default)
            spin.setGroupSeparatorShown(True)
            spin.setAccelerated(True)
            if option.unit:
                unit = labels.label(labels.HP_UNIT, option.unit) or option.unit
                spin.setSuffix(f" {unit}")
            name = labels.label(labels.HP_OPTION, key) or key
            label = QLabel(name, self)
            label.setBuddy(spin)
            spin.setAccessibleName(name)
            spin.setToolTip(
                self.tr("{key}: {minimum} to {maximum}, default {default}").format(
                    key=key,
                    minimum=number_text(option.minimum),
                    maximum=number_text(option.maximum),
                    default=number_text(option.default),
                )
            )
            spin.valueChanged.connect(self.changed)
            self.form.addRow(label, spin)
            self.fields[key] = spin
            self._labels[key] = label
        layout = QVBoxLayout(self)
        layout.addWidget(self.enabled_box)
        layout.addWidget(self.note)
        layout.addLayout(self.form)
        self._types: list[str] = []
        self.setTitle(self.tr("Hyperparameter optimization (HPO)"))
        self.enabled_box.setText(self.tr("Tune the model with HPO"))
        self._refresh()

    def set_types(self, types: list[str]) -> None:
        self._types = list(types)
        self._refresh()

    def is_enabled(self) -> bool:
        return self.enabled_box.isChecked()

    def options(self) -> dict[str, int]:
        """The options sent: those that tune a chosen type, when HPO is on."""
        if not self.is_enabled():
            return {}
        return {o.key: self.fields[o.key].value() for o in hp_options_for(self._types)}

    def request(self) -> Any:
        from aitems_desktop.core.api import build
        from aitems_desktop.core.models import HpConfigRequest

        return build(HpConfigRequest, is_enabled=self.is_enabled(), options=self.options())

    @Slot()
    def _refresh(self) -> None:
        applicable = {o.key for o in hp_options_for(self._types)}
        on = self.is_enabled()
        for key, spin in self.fields.items():
            visible = on and key in applicable
            spin.setVisible(visible)
            self._labels[key].setVisible(visible)
        if not on:
            self.note.setText(self.tr("Off: AiTEMS trains with its own algorithm and settings."))
        elif not applicable:
            self.note.setText(self.tr("No option tunes the chosen training types."))
        else:
            self.note.setText(self.tr("Only the options that tune the chosen types are sent."))
        self.changed.emit()
