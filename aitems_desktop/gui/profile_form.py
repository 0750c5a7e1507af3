"""The fields of one connection profile (everything the dialog edits)."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr, ValidationError
from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from aitems_desktop.core.connection import (
    DEFAULT_CONNECT_TIMEOUT_S,
    DEFAULT_ENDPOINT,
    DEFAULT_READ_TIMEOUT_S,
)
from aitems_desktop.core.profiles import Profile
from aitems_desktop.gui.secret_field import SecretField


class ProfileForm(QWidget):
    """Name, access key, secret key, endpoint, proxy, CA bundle and timeouts of a profile.

    :meth:`profile` builds the pydantic :class:`Profile` (which raises ``ValidationError``
    on bad input); the secret is separate (:attr:`secret_field`), never part of the profile.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("nameEdit")
        self.access_key_edit = QLineEdit(self)
        self.access_key_edit.setObjectName("accessKeyEdit")
        self.secret_field = SecretField(self)
        self.endpoint_edit = QLineEdit(self)
        self.endpoint_edit.setObjectName("endpointEdit")
        self.endpoint_edit.setPlaceholderText(DEFAULT_ENDPOINT)
        self.proxy_edit = QLineEdit(self)
        self.proxy_edit.setObjectName("proxyEdit")
        self.proxy_edit.setPlaceholderText(self.tr("none (e.g. http://proxy.example:3128)"))
        self.ca_bundle_edit = QLineEdit(self)
        self.ca_bundle_edit.setObjectName("caBundleEdit")
        self.ca_bundle_edit.setPlaceholderText(self.tr("system certificates"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse_ca_bundle)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle_edit, 1)
        ca_row.addWidget(browse)
        self.connect_timeout = self._seconds_box(DEFAULT_CONNECT_TIMEOUT_S, 600)
        self.read_timeout = self._seconds_box(DEFAULT_READ_TIMEOUT_S, 3600)

        form = QFormLayout(self)
        form.addRow(self.tr("Profile &name:"), self.name_edit)
        form.addRow(self.tr("Access &key:"), self.access_key_edit)
        form.addRow(self.tr("&Secret key:"), self.secret_field)
        form.addRow(self.tr("&Endpoint:"), self.endpoint_edit)
        form.addRow(self.tr("&Proxy:"), self.proxy_edit)
        form.addRow(self.tr("CA bundle:"), ca_row)
        form.addRow(self.tr("Connect timeout:"), self.connect_timeout)
        form.addRow(self.tr("Read timeout:"), self.read_timeout)
        # Says what is wrong while typing; the pydantic model decides again on Save.
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("problemLabel")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("QLabel#problemLabel { color: #b02a37; }")
        form.addRow(self.problem_label)
        for edit in (self.name_edit, self.access_key_edit, self.endpoint_edit, self.proxy_edit):
            edit.textEdited.connect(self._show_problem)
        self.clear()

    def _seconds_box(self, value: float, maximum: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setRange(0.5, maximum)
        box.setDecimals(1)
        box.setSuffix(self.tr(" s"))
        box.setValue(value)
        return box

    def _browse_ca_bundle(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("CA bundle"), "", self.tr("Certificates (*.pem *.crt);;All files (*)")
        )
        if path:
            self.ca_bundle_edit.setText(path)

    def clear(self) -> None:
        """Reset every field for a new profile."""
        self.load(None)

    def load(self, profile: Profile | None) -> None:
        """Show ``profile`` (``None``: empty fields and defaults). The secret field is emptied:
        the stored secret is not read just to be displayed."""
        self.name_edit.setText(profile.name if profile else "")
        self.access_key_edit.setText(profile.access_key if profile else "")
        self.endpoint_edit.setText(profile.endpoint if profile else DEFAULT_ENDPOINT)
        self.proxy_edit.setText((profile.proxy or "") if profile else "")
        ca_bundle = profile.ca_bundle if profile else None
        self.ca_bundle_edit.setText(str(ca_bundle) if ca_bundle else "")
        self.connect_timeout.setValue(
            profile.connect_timeout if profile else DEFAULT_CONNECT_TIMEOUT_S
        )
        self.read_timeout.setValue(profile.read_timeout if profile else DEFAULT_READ_TIMEOUT_S)
        for edit in (self.endpoint_edit, self.proxy_edit, self.ca_bundle_edit):
            edit.setCursorPosition(0)  # show where a long URL or path starts
        self.secret_field.clear()
        self.problem_label.setText("")
        self.secret_field.setPlaceholderText(
            self.tr("stored; type a new one to replace it")
            if profile
            else self.tr("the secret key that goes with the access key")
        )
        self._loaded = self._fields()

    def _fields(self) -> tuple[object, ...]:
        return (
            self.name_edit.text(),
            self.access_key_edit.text(),
            self.endpoint_edit.text(),
            self.proxy_edit.text(),
            self.ca_bundle_edit.text(),
            self.connect_timeout.value(),
            self.read_timeout.value(),
        )

    def snapshot(self) -> tuple[object, ...]:
        """What the fields hold now, to tell later whether anything was typed meanwhile (of
        the secret only its length: no copy of it is kept)."""
        return (*self._fields(), len(self.secret_field.edit.text()))

    def is_modified(self) -> bool:
        """True when something was typed since the last :meth:`load` (a secret counts)."""
        return self._fields() != self._loaded or bool(self.secret_field.edit.text())

    def problem(self) -> str | None:
        """What is wrong with the fields, in words ("endpoint: ..."), or ``None``."""
        try:
            self.profile()
        except ValidationError as exc:
            first = exc.errors(include_input=False, include_url=False)[0]
            message = str(first["msg"]).removeprefix("Value error, ")
            field = ".".join(str(part) for part in first["loc"]).replace("_", " ")
            return f"{field}: {message}" if field else message
        return None

    @Slot()
    def _show_problem(self) -> None:
        self.problem_label.setText(self.problem() or "")

    def profile(self) -> Profile:
        """The profile the fields describe; raises ``pydantic.ValidationError`` when invalid."""
        ca_bundle = self.ca_bundle_edit.text().strip()
        return Profile(
            name=self.name_edit.text(),
            access_key=self.access_key_edit.text(),
            endpoint=self.endpoint_edit.text().strip() or DEFAULT_ENDPOINT,
            proxy=self.proxy_edit.text().strip() or None,
            ca_bundle=Path(ca_bundle) if ca_bundle else None,
            connect_timeout=self.connect_timeout.value(),
            read_timeout=self.read_timeout.value(),
        )

    def secret(self) -> SecretStr | None:
        """The secret typed in the form, or ``None`` (keep the stored one)."""
        return self.secret_field.secret()
