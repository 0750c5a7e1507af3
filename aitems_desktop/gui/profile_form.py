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
    QVBoxLayout,
    QWidget,
)

from aitems_desktop.core.connection import (
    DEFAULT_CONNECT_TIMEOUT_S,
    DEFAULT_ENDPOINT,
    DEFAULT_READ_TIMEOUT_S,
)
from aitems_desktop.core.profiles import PROFILE_NAME_MAX_LENGTH, Profile
from aitems_desktop.gui.secret_field import SecretField
from aitems_desktop.gui.style import message_style


class ProfileForm(QWidget):
    """Name, access key, secret key, endpoint, proxy, CA bundle and timeouts of a profile.

    :meth:`profile` builds the pydantic :class:`Profile` (which raises ``ValidationError``
    on bad input); the secret is separate (:attr:`secret_field`), never part of the profile.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editing_stored = False  # the form shows a saved profile, not a new one
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
        # One message under each checked field, said once the person has left the field
        # (or tried to save), then kept up to date while they fix it.
        self._messages: dict[QLineEdit, QLabel] = {}
        self._left: set[QLineEdit] = set()
        self._add_checked_row(form, self.tr("Profile &name:"), self.name_edit)
        self._add_checked_row(form, self.tr("Access &key:"), self.access_key_edit)
        form.addRow(self.tr("&Secret key:"), self.secret_field)
        self._add_checked_row(form, self.tr("&Endpoint:"), self.endpoint_edit)
        self._add_checked_row(form, self.tr("&Proxy:"), self.proxy_edit)
        form.addRow(self.tr("CA bundle:"), ca_row)
        form.addRow(self.tr("Connect timeout:"), self.connect_timeout)
        form.addRow(self.tr("Read timeout:"), self.read_timeout)
        self.clear()

    def _add_checked_row(self, form: QFormLayout, text: str, edit: QLineEdit) -> None:
        label = QLabel(text, self)
        label.setBuddy(edit)
        message = QLabel(self)
        message.setObjectName(f"{edit.objectName()}Message")
        message.setWordWrap(True)
        message.hide()
        column = QVBoxLayout()
        column.setSpacing(1)
        column.addWidget(edit)
        column.addWidget(message)
        form.addRow(label, column)
        self._messages[edit] = message
        edit.editingFinished.connect(lambda: self._left_field(edit))
        edit.textEdited.connect(self._show_problems)

    def _left_field(self, edit: QLineEdit) -> None:
        self._left.add(edit)
        self._show_problems()

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

    def set_secret_kept(self, kept: bool) -> None:
        """Say whether the profile shown has a secret key kept somewhere (the keyring, or
        this session): without a keyring, the secrets of an earlier run are gone."""
        if not self._editing_stored:
            text = self.tr("the secret key that goes with the access key")
        elif kept:
            text = self.tr("stored; type a new one to replace it")
        else:
            text = self.tr("not kept since the app was closed (no keyring): enter it again")
        self.secret_field.setPlaceholderText(text)

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
        self._left.clear()
        self._show_problems()
        self._editing_stored = profile is not None
        self.set_secret_kept(True)
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

    def field_problems(self) -> dict[QLineEdit, str]:
        """What is wrong with each field, in plain words; the pydantic model decides which
        fields are wrong, the form says it in the person's language."""
        try:
            self.profile()
        except ValidationError as exc:
            wrong = {str(e["loc"][0]) for e in exc.errors(include_input=False) if e["loc"]}
        else:
            return {}
        words = {
            self.name_edit: self.tr(
                "Give the profile a name: at most %1 characters, no space at either end."
            ).replace("%1", str(PROFILE_NAME_MAX_LENGTH)),
            self.access_key_edit: self.tr(
                "Enter the access key: one word, as the NCP console shows it."
            ),
            self.endpoint_edit: self.tr(
                "The endpoint is a web address starting with https:// or http://."
            ),
            self.proxy_edit: self.tr(
                "The proxy is an address starting with http://, https://, socks5:// or "
                "socks5h://, or nothing."
            ),
        }
        fields = {
            "name": self.name_edit,
            "access_key": self.access_key_edit,
            "endpoint": self.endpoint_edit,
            "proxy": self.proxy_edit,
        }
        return {fields[f]: words[fields[f]] for f in fields if f in wrong}

    def problem(self) -> str | None:
        """What is wrong, in words, or ``None``. Saving asks this: every field's message is
        shown from then on and the first wrong field takes the focus."""
        problems = self.field_problems()
        self._left.update(self._messages)
        self._show_problems()
        if not problems:
            try:
                self.profile()
            except ValidationError:
                return self.tr("Check the CA bundle and the timeouts.")
            return None
        first = next(edit for edit in self._messages if edit in problems)
        first.setFocus()
        return problems[first]

    @Slot()
    def _show_problems(self) -> None:
        problems = self.field_problems()
        style = message_style(self.palette())
        for edit, label in self._messages.items():
            text = problems.get(edit, "") if edit in self._left else ""
            label.setText(text)
            label.setStyleSheet(style)
            label.setVisible(bool(text))
            edit.setAccessibleDescription(text)

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
