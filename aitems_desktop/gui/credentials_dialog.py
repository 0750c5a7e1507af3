"""The Credentials dialog: add, edit, rename and delete connection profiles.

API for the main window::

    from aitems_desktop.core.credentials import CredentialStore
    from aitems_desktop.core.profiles import ProfileStore, resolve_credentials
    from aitems_desktop.gui.credentials_dialog import CredentialsDialog

    credentials = CredentialStore()              # one per application
    profiles = ProfileStore(credentials)         # profiles.json under the config dir
    dialog = CredentialsDialog(profiles, credentials, parent, first_launch=False,
                               workers=window.workers)  # its threads join the window's
    dialog.profilesChanged.connect(...)          # any save, rename, delete or default change
    dialog.sandboxRequested.connect(...)         # first launch: "Try the sandbox" chosen
    dialog.open()

    # The active connection for --profile NAME (None: the default) and the environment.
    # It reads the keyring, so run it off the GUI thread (run_in_background):
    connection = credentials.call(lambda: resolve_credentials(name, profiles=profiles))
    # None: nothing configured -> open the dialog with first_launch=True (unless --sandbox).
    # connection.label and .source -> status bar ("work", "secret in Secret Service (GNOME
    # Keyring)"); connection.session_only -> show a KeyringNotice;
    # connection.client() -> the AitemsClient.

:class:`~aitems_desktop.gui.credentials_controller.CredentialsController` does all of that
for the main window.

Every profile, file and keyring operation and the Test connection request run off the GUI
thread (:func:`~aitems_desktop.gui.operations.run_in_background`), one at a time, the keyring
ones bounded by the store's timeout; the buttons are disabled meanwhile and every failure
becomes a message. The GUI thread works from the last :class:`ProfileSettings` a worker read
and never takes a store's lock or touches the settings file itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from aitems_desktop.core.credentials import (
    Availability,
    CredentialStore,
    SecretLocation,
)
from aitems_desktop.core.errors import AitemsError
from aitems_desktop.core.profiles import Profile, ProfileError, ProfileSettings, ProfileStore
from aitems_desktop.gui.connection_test import ConnectionTest
from aitems_desktop.gui.dialogs.confirm import confirm_action
from aitems_desktop.gui.dialogs.discard import confirm_discard
from aitems_desktop.gui.dialogs.fit import fit_to_screen
from aitems_desktop.gui.keyring_notice import KeyringNotice
from aitems_desktop.gui.operations import Operation, run_in_background
from aitems_desktop.gui.profile_form import ProfileForm
from aitems_desktop.gui.worker import WorkerRegistry

log = logging.getLogger(__name__)


class CredentialsDialog(QDialog):
    """Profiles on the left, the selected profile's fields on the right."""

    profilesChanged = Signal()  # noqa: N815 (Qt naming)
    sandboxRequested = Signal()  # noqa: N815 (Qt naming)

    def __init__(
        self,
        profile_store: ProfileStore,
        credential_store: CredentialStore,
        parent: QWidget | None = None,
        *,
        first_launch: bool = False,
        workers: WorkerRegistry | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Credentials"))
        self._profiles = profile_store
        self._credentials = credential_store
        self._editing: str | None = None  # name of the profile in the form; None: a new one
        # The window's registry, so quitting waits for (and never destroys) a running call.
        # Alone, the dialog keeps its own, owned by the application so it outlives the dialog.
        self._workers = workers or WorkerRegistry(QCoreApplication.instance())
        self._operations: set[Operation] = set()
        self._busy_buttons: list[QWidget] = []
        #: The profiles as a worker last read them; the GUI thread never reads the file.
        self._settings = ProfileSettings()
        #: Without a usable keyring, the profiles whose secret this session holds; None
        #: while the keyring keeps them (or before the keyring check has answered).
        self._session_secrets: frozenset[str] | None = None
        self._build(first_launch)
        self._make_enter_save()
        fit_to_screen(self, self.sizeHint().expandedTo(QSize(780, 480)))
        self._reload(select=None)
        self._check_keyring()

    # --- layout ------------------------------------------------------------------------

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        self._busy_buttons.append(button)
        return button

    def _build(self, first_launch: bool) -> None:
        self.notice = KeyringNotice(self)
        body = QHBoxLayout()
        body.addLayout(self._build_profile_list(), 1)
        body.addLayout(self._build_editor(), 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.sandbox_button: QPushButton | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        if first_launch:
            intro = QLabel(
                self.tr(
                    "Add a profile with the access key and secret key of your NCP account "
                    "(in the NCP console: My Account > 계정 및 보안 관리, log in again, then "
                    "보안 관리 > 접근 관리 > API 인증키 관리). "
                    "No account? Try the sandbox: a local AiTEMS that behaves like the real one."
                ),
                self,
            )
            intro.setWordWrap(True)
            layout.addWidget(intro)
            self.sandbox_button = buttons.addButton(
                self.tr("Try the sand&box"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.sandbox_button.setObjectName("sandboxButton")
            self.sandbox_button.clicked.connect(self._choose_sandbox)
        layout.addLayout(body)
        layout.addWidget(buttons)

    def _make_enter_save(self) -> None:
        """Enter in any field saves the profile; on a focused button it presses that button
        (see gui.dialogs.enter). Without a default, Enter pressed the first "auto default"
        button, "Add", and emptied the form."""
        for button in self.findChildren(QPushButton):
            button.setDefault(False)
        self.save_button.setDefault(True)

    def _build_profile_list(self) -> QVBoxLayout:
        self.profile_list = QListWidget(self)
        self.profile_list.setObjectName("profileList")
        self.profile_list.currentItemChanged.connect(self._on_current_changed)
        self._busy_buttons.append(self.profile_list)
        self.add_button = self._button(self.tr("&Add"), "addButton", self._add)
        self.rename_button = self._button(self.tr("&Rename…"), "renameButton", self._rename)
        self.delete_button = self._button(self.tr("&Delete…"), "deleteButton", self._delete)
        self.default_button = self._button(
            self.tr("Use as de&fault"), "defaultButton", self._set_default
        )
        left = QVBoxLayout()
        left.addWidget(self.profile_list, 1)
        for button in (self.add_button, self.rename_button, self.delete_button):
            left.addWidget(button)
        left.addWidget(self.default_button)
        return left

    def _build_editor(self) -> QVBoxLayout:
        self.form = ProfileForm(self)
        self.save_button = self._button(self.tr("Sa&ve"), "saveButton", self._save)
        self.test_button = self._button(
            self.tr("&Test connection"), "testButton", self._test_connection
        )
        self.verdict = QLabel(self)
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.test_button)
        actions.addWidget(self.save_button)
        # The fields scroll, so that on a small screen (a first launch in Korean with every
        # field's message shown) Save and Close stay in reach.
        fields = QScrollArea(self)
        fields.setObjectName("profileFields")
        fields.setWidget(self.form)
        fields.setWidgetResizable(True)
        fields.setFrameShape(QFrame.Shape.NoFrame)
        fields.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right = QVBoxLayout()
        right.addWidget(fields, 1)
        right.addLayout(actions)
        right.addWidget(self.verdict)
        return right

    # --- running calls off the GUI thread ----------------------------------------------

    def _run(
        self,
        fn: Callable[[], object],
        on_success: Callable[[object], None],
        on_failure: Callable[[BaseException], None] | None = None,
        cancel_hook: Callable[[], None] | None = None,
    ) -> Operation:
        """Run ``fn`` on a worker thread; the callbacks run on the GUI thread."""
        operation = run_in_background(
            self._workers,
            fn,
            on_success=on_success,
            on_failure=on_failure or self._show_error,
            cancel_hook=cancel_hook,
            name="credentials",
            parent=self,
        )
        self._operations.add(operation)
        operation.done.connect(self._on_operation_done)
        self._set_busy(True)
        return operation

    def _keyring(self, fn: Callable[[], object]) -> Callable[[], object]:
        """``fn`` wrapped so it runs on the store's keyring thread, bounded by its timeout."""
        store = self._credentials
        return lambda: store.call(fn)

    @Slot()
    def _on_operation_done(self) -> None:
        self._operations = {op for op in self._operations if op.is_running}
        if not self._operations:
            self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        for widget in self._busy_buttons:
            widget.setEnabled(not busy)
        if not busy:
            self._update_buttons()

    def is_busy(self) -> bool:
        """True while a keyring call or a connection test is running."""
        return any(op.is_running for op in self._operations)

    def reject(self) -> None:
        """Esc, Close and the window's close button: ask before typed edits are lost."""
        if (
            self.isVisible()
            and self.form.is_modified()
            and not confirm_discard(
                self,
                self.tr("Discard changes?"),
                self.tr("The changes to this profile have not been saved."),
            )
        ):
            return
        super().reject()

    def done(self, result: int) -> None:
        """Close: cancel what is running (a connection test stops at once) and drop late
        results. The threads stay in the registry until they end; none is terminated."""
        for operation in list(self._operations):
            operation.cancel()
        super().done(result)

    # --- showing state -----------------------------------------------------------------

    def _say(self, text: str, *, ok: bool | None = None) -> None:
        prefix = {True: "✔ ", False: "✘ ", None: ""}[ok]
        self.verdict.setText(prefix + text)

    @Slot(object)
    def _show_error(self, error: object) -> None:
        if isinstance(error, AitemsError):
            text = error.message + (f"\n{error.hint}" if error.hint else "")
        else:
            # Unexpected: say what kind, never the text (it might quote a secret).
            text = self.tr("Unexpected error (%1).").replace("%1", type(error).__name__)
        log.warning("credentials dialog: %s", text)
        self._say(text, ok=False)

    def _check_keyring(self) -> None:
        store = self._credentials
        self._run(
            self._keyring(
                lambda: (store.backend_name(), store.available(), store.session_profiles())
            ),
            self._on_keyring_checked,
            self._on_keyring_failed,
        )

    @Slot(object)
    def _on_keyring_checked(self, result: object) -> None:
        name, availability, session = cast(tuple[str, Availability, frozenset[str] | None], result)
        self.notice.set_state(str(name), availability)
        self._session_secrets = session
        self._show_secret_kept()

    def _secret_missing(self) -> bool:
        """True when the profile in the form has no secret key anywhere (no keyring, and
        not typed in this session)."""
        session = self._session_secrets
        return session is not None and self._editing is not None and self._editing not in session

    def _show_secret_kept(self) -> None:
        self.form.set_secret_kept(not self._secret_missing())

    @Slot(object)
    def _on_keyring_failed(self, error: object) -> None:
        self.notice.show_failure(getattr(error, "message", type(error).__name__))

    def _reload(self, select: str | None, then_say: tuple[str, bool | None] | None = None) -> None:
        """Read the profiles on a worker, then list them and select ``select`` (or the first).

        Reading changes no file. An entry that cannot be used is left out of the list and
        reported; a file that cannot be read at all is reported and the list starts empty
        (saving a profile then moves the file aside, never overwriting it).
        """
        profiles = self._profiles
        # The fields stay editable while the profiles are read: if anything is typed before
        # the answer comes, the answer must not overwrite it (nor move the focus).
        before = self.form.snapshot()

        def load() -> tuple[ProfileSettings, ProfileError | None]:
            try:
                settings = profiles.load()
            except ProfileError as exc:
                return ProfileSettings(), exc
            return settings, settings.skipped_error()

        def loaded(result: object) -> None:
            settings, error = cast(tuple[ProfileSettings, ProfileError | None], result)
            self._show_settings(settings, select, keep_form=self.form.snapshot() != before)
            if error is not None:
                self._show_error(error)
            elif then_say is not None:
                self._say(then_say[0], ok=then_say[1])

        self._run(load, loaded)

    def _show_settings(
        self, settings: ProfileSettings, select: str | None, *, keep_form: bool = False
    ) -> None:
        """List ``settings`` and show ``select`` (``None``: the first) in the form; with
        ``keep_form`` (something was typed meanwhile) the form is left as it is."""
        self._settings = settings
        self.profile_list.blockSignals(True)
        self.profile_list.clear()
        current = None
        for profile in settings.profiles:
            label = profile.name
            if profile.name == settings.default_profile:
                label = self.tr("%1 (default)").replace("%1", profile.name)
            item = QListWidgetItem(label, self.profile_list)
            item.setData(Qt.ItemDataRole.UserRole, profile.name)
            if profile.name == select or (select is None and current is None):
                current = item
        if keep_form:
            # ``select`` is the profile just saved or renamed, which the form goes on
            # editing; None (the first read): the form holds a new profile, none is selected.
            self._editing = select
            if select is not None and current is not None:
                self.profile_list.setCurrentItem(current)
            else:
                self.profile_list.setCurrentRow(-1)
            self.profile_list.blockSignals(False)
        else:
            self.profile_list.blockSignals(False)
            if current is not None:
                self.profile_list.setCurrentItem(current)
            else:
                self._start_new()
        self._update_buttons()

    def _selected_name(self) -> str | None:
        item = self.profile_list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        selected = self._selected_name() is not None
        for button in (self.rename_button, self.delete_button, self.default_button):
            button.setEnabled(selected)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_current_changed(self, current: QListWidgetItem | None, _: object) -> None:
        if current is None:
            return
        name = str(current.data(Qt.ItemDataRole.UserRole))
        self._editing = name
        self.form.load(self._settings.find(name))
        self._show_secret_kept()
        self._update_buttons()

    def _start_new(self) -> None:
        self._editing = None
        self.profile_list.setCurrentRow(-1)
        self.form.clear()
        self._update_buttons()

    # --- actions -----------------------------------------------------------------------

    @Slot()
    def _add(self) -> None:
        self._start_new()
        self._say("")
        self.form.name_edit.setFocus()

    def _form_profile(self) -> Profile | None:
        problem = self.form.problem()
        if problem is not None:
            self._say(problem, ok=False)
            return None
        return self.form.profile()

    @Slot()
    def _save(self) -> None:
        profile = self._form_profile()
        if profile is None:
            return
        secret = self.form.secret()
        editing = self._editing
        if editing is None and secret is None:
            self._say(self.tr("Enter the secret key for the new profile."), ok=False)
            self.form.secret_field.setFocus()
            return
        if secret is None and self._secret_missing():
            self._say(
                self.tr(
                    "Enter the secret key again: without a keyring it is not kept after "
                    "the app closes."
                ),
                ok=False,
            )
            self.form.secret_field.setFocus()
            return
        profiles, store = self._profiles, self._credentials

        def save() -> tuple[str, SecretLocation | None, Availability, frozenset[str] | None]:
            location = profiles.save(profile, secret, previous_name=editing)
            return profile.name, location, store.available(), store.session_profiles()

        self._say(self.tr("Saving…"))
        self._run(self._keyring(save), self._on_saved)

    @Slot(object)
    def _on_saved(self, result: object) -> None:
        name, location, availability, self._session_secrets = cast(
            tuple[str, SecretLocation | None, Availability, frozenset[str] | None], result
        )
        self.notice.set_state(self._credentials.backend_name_if_known(), availability)
        if location is SecretLocation.SESSION:
            text = self.tr(
                "Saved. The secret key is kept for this session only (no usable keyring)."
            )
        elif location is SecretLocation.KEYRING:
            text = self.tr("Saved. The secret key is in %1.").replace(
                "%1", self._credentials.backend_name_if_known()
            )
        else:
            text = self.tr("Saved.")
        self._reload(select=str(name), then_say=(text, True))
        self.profilesChanged.emit()

    @Slot()
    def _rename(self) -> None:
        old = self._selected_name()
        if old is None:
            return
        new, accepted = QInputDialog.getText(
            self, self.tr("Rename profile"), self.tr("New name:"), text=old
        )
        if not accepted or new == old:
            return
        profiles, store = self._profiles, self._credentials
        self._run(
            self._keyring(lambda: (profiles.rename(old, new).name, store.session_profiles())),
            self._on_renamed,
        )

    @Slot(object)
    def _on_renamed(self, result: object) -> None:
        name, self._session_secrets = cast(tuple[str, frozenset[str] | None], result)
        self._reload(
            select=str(name), then_say=(self.tr("Renamed to “%1”.").replace("%1", str(name)), True)
        )
        self.profilesChanged.emit()

    @Slot()
    def _delete(self) -> None:
        name = self._selected_name()
        if name is None:
            return
        if not confirm_action(
            self,
            self.tr("Delete profile"),
            self.tr("Delete profile “%1” and its secret key?").replace("%1", name),
            self.tr("Delete profile"),
        ):
            return
        profiles = self._profiles

        def delete() -> str:
            profiles.delete(name)
            return name

        self._run(self._keyring(delete), self._on_deleted)

    @Slot(object)
    def _on_deleted(self, name: object) -> None:
        self._reload(
            select=None, then_say=(self.tr("Deleted “%1”.").replace("%1", str(name)), True)
        )
        self.profilesChanged.emit()

    @Slot()
    def _set_default(self) -> None:
        name = self._selected_name()
        if name is None:
            return
        profiles = self._profiles

        def set_default() -> str:
            # The file only, but under the store's lock, which a save waiting on an unlock
            # prompt holds: on a worker, so that the window stays responsive meanwhile.
            profiles.set_default(name)
            return name

        self._run(set_default, self._on_default_set)

    @Slot(object)
    def _on_default_set(self, name: object) -> None:
        self._reload(
            select=str(name),
            then_say=(self.tr("“%1” is now the default profile.").replace("%1", str(name)), True),
        )
        self.profilesChanged.emit()

    @Slot()
    def _test_connection(self) -> None:
        profile = self._form_profile()
        if profile is None:
            return
        typed = self.form.secret()
        editing = self._editing
        if typed is None and editing is None:
            self._say(self.tr("Enter the secret key to test the connection."), ok=False)
            return
        job = ConnectionTest(profile, typed, editing, self._credentials)
        self._say(self.tr("Testing the connection…"))
        self._run(job.run, self._on_tested, cancel_hook=job.cancel)

    @Slot(object)
    def _on_tested(self, endpoint: object) -> None:
        self._say(
            self.tr("Connection works: %1 accepted the keys.").replace("%1", str(endpoint)),
            ok=True,
        )

    @Slot()
    def _choose_sandbox(self) -> None:
        self.reject()
        if not self.isVisible():  # not kept open to go on editing
            self.sandboxRequested.emit()
