"""The create form: name, description and type, checked as the person types.

Create is enabled only while the whole form is valid, no call is running and the form has
changed since the last successful create: one create per intention, whether the person
double-clicks, holds Enter or clicks again after the answer came.
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from aitems_desktop.core.rules import (
    DEFAULT_SERVICE_TYPE,
    DESCRIPTION_MAX_LENGTH,
    NAME_MAX_LENGTH,
    NAME_MIN_LENGTH,
    ServiceType,
    text_length,
)
from aitems_desktop.gui import labels
from aitems_desktop.gui.style import message_style
from aitems_desktop.gui.validators import (
    DescriptionValidator,
    ServiceNameValidator,
    description_message,
    service_name_message,
)


class ServiceForm(QWidget):
    """Emits ``create_requested(name, description, type)`` once per intention."""

    create_requested = Signal(str, str, str)
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, cancel_closes: bool = False) -> None:
        super().__init__(parent)
        # In a dialog Cancel also closes it when no call runs, so it is never greyed out.
        self._cancel_closes = cancel_closes
        self._busy = False
        self._ready = True  # False while there is no connection to send to
        self._created_snapshot: tuple[str, str, str] | None = None
        self._name_touched = False

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setValidator(ServiceNameValidator(self.name_edit))
        self.name_edit.setPlaceholderText(self.tr("e.g. shop_reco"))
        self.name_edit.setToolTip(
            self.tr("{min} to {max} ASCII letters, digits, _ or -; the first a letter or _").format(
                min=NAME_MIN_LENGTH, max=NAME_MAX_LENGTH
            )
        )
        self.name_message = QLabel(self)
        self.name_message.setObjectName("nameMessage")
        self.name_counter = QLabel(self)
        self.name_counter.setObjectName("nameCounter")
        self.name_rules = QLabel(
            self.tr("{min} to {max} ASCII letters, digits, _ or -; the first a letter or _").format(
                min=NAME_MIN_LENGTH, max=NAME_MAX_LENGTH
            ),
            self,
        )
        self.name_rules.setObjectName("nameRules")
        self.name_rules.setWordWrap(True)
        self.name_edit.setAccessibleName(self.tr("Service name"))
        # The line is always there, empty or not, so the form never jumps while typing.
        self.name_message.setMinimumHeight(self.name_message.fontMetrics().height())

        self.description_edit = QLineEdit(self)
        self.description_edit.setObjectName("descriptionEdit")
        self.description_edit.setValidator(DescriptionValidator(self.description_edit))
        self.description_edit.setPlaceholderText(self.tr("optional"))
        self.description_counter = QLabel(self)
        self.description_counter.setObjectName("descriptionCounter")
        self.description_message = QLabel(self)
        self.description_message.setObjectName("descriptionMessage")
        self.description_edit.setAccessibleName(self.tr("Description"))

        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("typeCombo")
        self.type_combo.setAccessibleName(self.tr("Service type"))
        for service_type in ServiceType:
            # The same words as the lists and the details: one name for each type.
            label = labels.with_raw(labels.SERVICE_TYPE, service_type.value)
            self.type_combo.addItem(label, service_type.value)
        self.type_combo.setCurrentIndex(self.type_combo.findData(DEFAULT_SERVICE_TYPE.value))

        # parent= by keyword: matching a positional second argument against
        # QPushButton(QIcon, str, parent) builds PySide6's QIcon class and its enums (~2 ms).
        self.create_button = QPushButton(self.tr("&Create"), parent=self)
        self.create_button.setObjectName("createButton")
        self.create_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), parent=self)
        self.cancel_button.setObjectName("cancelButton")
        self.busy_indicator = QProgressBar(self)
        self.busy_indicator.setObjectName("busyIndicator")
        self.busy_indicator.setRange(0, 0)  # indeterminate
        self.busy_indicator.setTextVisible(False)
        self.busy_indicator.setMaximumWidth(120)
        self.busy_indicator.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.state_message = QLabel(self)
        self.state_message.setObjectName("formStateMessage")
        self.state_message.setWordWrap(True)

        self._lay_out()
        self._connect()
        self._refresh()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        name_box = QVBoxLayout()
        name_box.setSpacing(1)
        name_box.addWidget(self.name_edit)
        name_under = QHBoxLayout()
        name_under.addWidget(self.name_message, 1)
        name_under.addWidget(self.name_counter)
        name_box.addLayout(name_under)
        name_box.addWidget(self.name_rules)
        name_label = QLabel(self.tr("&Name:"), self)
        name_label.setBuddy(self.name_edit)
        form.addRow(name_label, name_box)

        description_box = QVBoxLayout()
        description_box.setSpacing(1)
        description_box.addWidget(self.description_edit)
        under = QHBoxLayout()
        # The message takes all the room, which keeps the counter at the right edge.
        under.addWidget(self.description_message, 1)
        under.addWidget(self.description_counter)
        description_box.addLayout(under)
        description_label = QLabel(self.tr("&Description:"), self)
        description_label.setBuddy(self.description_edit)
        form.addRow(description_label, description_box)

        type_label = QLabel(self.tr("&Type:"), self)
        type_label.setBuddy(self.type_combo)
        form.addRow(type_label, self.type_combo)

        buttons = QHBoxLayout()
        buttons.addWidget(self.busy_indicator)
        buttons.addWidget(self.state_message, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.create_button)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(form)
        outer.addLayout(buttons)

    def _connect(self) -> None:
        self.name_edit.textChanged.connect(self._name_changed)
        self.description_edit.textChanged.connect(self._refresh)
        self.type_combo.currentIndexChanged.connect(self._refresh)
        # returnPressed comes only when the field's validator accepts the text (after
        # fixup); the slot still checks the whole form.
        self.name_edit.returnPressed.connect(self.submit)
        self.description_edit.returnPressed.connect(self.submit)
        self.create_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.cancel_requested)
        # A held Enter repeats the key press; only the first press is an intention.
        self.name_edit.installEventFilter(self)
        self.description_edit.installEventFilter(self)
        self.type_combo.installEventFilter(self)

    # --- state ---------------------------------------------------------------------

    def values(self) -> tuple[str, str, str]:
        return (
            self.name_edit.text(),
            self.description_edit.text(),
            str(self.type_combo.currentData()),
        )

    def is_valid(self) -> bool:
        name, description, _ = self.values()
        return not service_name_message(name) and not description_message(description)

    def is_busy(self) -> bool:
        return self._busy

    def can_create(self) -> bool:
        return (
            self._ready
            and not self._busy
            and self.is_valid()
            and self.values() != self._created_snapshot
        )

    def set_ready(self, ready: bool, message: str = "") -> None:
        """Whether there is somewhere to send a create (False while the sandbox starts)."""
        self._ready = ready
        self.state_message.setText(message)
        self._refresh()

    def set_busy(self, busy: bool, message: str = "") -> None:
        self._busy = busy
        self.state_message.setText(message)
        self._refresh()

    def mark_created(self) -> None:
        """Remember the values just created: Create stays off until something changes."""
        self._created_snapshot = self.values()
        self.state_message.setText(self.tr("Created. Change the name to create another."))
        self._refresh()

    def clear(self) -> None:
        self.name_edit.clear()
        self.description_edit.clear()
        self.type_combo.setCurrentIndex(self.type_combo.findData(DEFAULT_SERVICE_TYPE.value))
        self._name_touched = False
        self._created_snapshot = None
        self.state_message.clear()
        self._refresh()

    @Slot(str)
    def _name_changed(self, _text: str) -> None:
        self._name_touched = True
        self._refresh()

    @Slot()
    def _refresh(self) -> None:
        name, description, _ = self.values()
        name_msg = service_name_message(name)
        # An untouched empty form is not an error yet; an emptied one is.
        if not name and not self._name_touched:
            name_msg = ""
        self.name_message.setText(name_msg)
        self.name_edit.setAccessibleDescription(name_msg)

        desc_msg = description_message(description)
        self.description_message.setText(desc_msg)
        self.description_counter.setText(f"{text_length(description)}/{DESCRIPTION_MAX_LENGTH}")
        self.name_counter.setText(f"{len(name)}/{NAME_MAX_LENGTH}")
        style = message_style(self.palette())
        self.name_message.setStyleSheet(style)
        self.description_message.setStyleSheet(style)
        self.description_counter.setStyleSheet(style if desc_msg else "")
        self.name_counter.setStyleSheet(style if len(name) > NAME_MAX_LENGTH else "")
        self.description_edit.setAccessibleDescription(desc_msg)

        if self._created_snapshot is not None and self.values() != self._created_snapshot:
            self._created_snapshot = None
            if not self._busy:
                self.state_message.clear()
        for edit in (self.name_edit, self.description_edit):
            edit.setReadOnly(self._busy)
        self.type_combo.setEnabled(not self._busy)
        self.create_button.setEnabled(self.can_create())
        self.cancel_button.setEnabled(self._busy or self._cancel_closes)
        self.busy_indicator.setVisible(self._busy)

    # --- actions -------------------------------------------------------------------

    @Slot()
    def submit(self) -> None:
        """Ask for a create, once: the button is off before the signal leaves."""
        if not self.can_create():
            return
        self.set_busy(True, self.tr("Creating…"))
        self.create_requested.emit(*self.values())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter)
        ):
            if event.isAutoRepeat():
                return True
            if watched is self.type_combo and not self.type_combo.view().isVisible():
                self.submit()
                return True
        return super().eventFilter(watched, event)
