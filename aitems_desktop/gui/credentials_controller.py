"""Connects a window to the profiles, the keyring and the app's settings.

:class:`CredentialsController` resolves the active connection (``--profile NAME`` or the
default profile, overridden by ``NCLOUD_ACCESS_KEY``/``NCLOUD_SECRET_KEY``) on a worker
thread after the first paint, hands it to the window, says in the status bar where the keys
came from, shows a session-only notice when no keyring is usable, opens the Credentials
dialog (File > Credentials…, and on first launch without a profile) and resolves again
whenever the profiles change.

"Try the sandbox" on the first launch is remembered in the app's settings: later starts
without a profile go to the sandbox at once, with a note that leads back to a real account.
Adding a profile then leaves the sandbox for it and forgets the choice.

Everything that reads a file, the keyring or a store's lock runs on a worker; the GUI thread
only receives results.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from aitems_desktop.gui.connection_problems import ConnectionHost, show_connection_problem
from aitems_desktop.gui.logging_setup import REDACTOR
from aitems_desktop.gui.operations import Operation, run_in_background

if TYPE_CHECKING:
    from aitems_desktop.core.connection import Connection
    from aitems_desktop.core.credentials import CredentialStore
    from aitems_desktop.core.errors import AitemsError
    from aitems_desktop.core.profiles import ProfileStore
    from aitems_desktop.core.settings import SettingsStore
    from aitems_desktop.gui.credentials_dialog import CredentialsDialog

log = logging.getLogger(__name__)

_SESSION_STYLE = (
    "QLabel#sessionOnlyBadge { background: #fff3cd; color: #664d03; border-radius: 3px;"
    " padding: 0 6px; }"
)


@dataclass(frozen=True)
class Stores:
    """The profiles, the keyring and the app's settings (made on a worker: they import
    pydantic and keyring)."""

    profiles: ProfileStore
    credentials: CredentialStore
    settings: SettingsStore


@dataclass(frozen=True)
class Resolution:
    """What resolving found, made on a worker and handed to the GUI thread."""

    stores: Stores
    connection: Connection | None = None
    error: AitemsError | None = None
    #: Why the secret is kept for this session only (when it is).
    keyring_reason: str = ""
    #: Nothing is configured and "Try the sandbox" was chosen before.
    start_in_sandbox: bool = False


def make_stores(
    profiles: ProfileStore | None = None,
    credentials: CredentialStore | None = None,
    settings: SettingsStore | None = None,
) -> Stores:
    """The stores, with defaults for the missing ones. Imports the core: run it on a worker."""
    from aitems_desktop.core.credentials import CredentialStore
    from aitems_desktop.core.profiles import ProfileStore
    from aitems_desktop.core.settings import SettingsStore

    credentials = credentials or CredentialStore()
    return Stores(
        profiles=profiles or ProfileStore(credentials),
        credentials=credentials,
        settings=settings or SettingsStore(),
    )


def _resolve(name: str | None, env: Mapping[str, str] | None, stores: Stores) -> Resolution:
    """The worker's side of :meth:`CredentialsController.start`."""
    from aitems_desktop.core.errors import AitemsError
    from aitems_desktop.core.profiles import resolve_credentials

    credentials = stores.credentials
    try:
        connection = credentials.call(
            lambda: resolve_credentials(name, env, profiles=stores.profiles)
        )
    except AitemsError as exc:
        return Resolution(stores, error=exc)
    if connection is None:
        return Resolution(stores, start_in_sandbox=stores.settings.load().start_in_sandbox)
    reason = ""
    if connection.session_only:
        reason = credentials.call(lambda: credentials.available().reason)
    return Resolution(stores, connection=connection, keyring_reason=reason)


class CredentialsController(QObject):
    """The window's side of profiles and keyring. Create it, then call :meth:`start`."""

    #: The person chose "Try the sandbox" now, or did on an earlier first launch.
    sandbox_requested = Signal()
    #: A connection from a profile or the environment went to the window (or ``None``).
    resolved = Signal(object)
    #: The names of the profiles, read again after each resolve (for a profile switcher).
    profile_names = Signal(list)

    def __init__(
        self,
        window: ConnectionHost,
        profile_name: str | None = None,
        *,
        profile_store: ProfileStore | None = None,
        credential_store: CredentialStore | None = None,
        settings_store: SettingsStore | None = None,
        env: Mapping[str, str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        # The host is a window: the badge and the dialog are its children.
        assert isinstance(window, QWidget)
        self._widget: QWidget = window
        super().__init__(parent or window)
        self._window = window
        self._profile_name = profile_name
        self._given = (profile_store, credential_store, settings_store)
        self._stores: Stores | None = None
        self._env = env
        self._operation: Operation | None = None
        self._first_launch = False
        self._sandbox_by_choice = False
        self._waiting_for_stores: list[Callable[[], None]] = []
        self.dialog: CredentialsDialog | None = None
        self.session_badge = QLabel(self.tr("Secret for this session only"), self._widget)
        self.session_badge.setObjectName("sessionOnlyBadge")
        self.session_badge.setStyleSheet(_SESSION_STYLE)
        self.session_badge.setVisible(False)
        window.statusBar().addPermanentWidget(self.session_badge)
        window.credentials_requested.connect(self.open_dialog)

    def close(self) -> None:
        """Let the keyring thread end once its current call is done (at exit)."""
        if self._stores is not None:
            self._stores.credentials.close()
        elif self._given[1] is not None:
            self._given[1].close()

    @property
    def sandbox_by_choice(self) -> bool:
        """The window shows the sandbox because the person chose it (not ``--sandbox``)."""
        return self._sandbox_by_choice

    # --- resolving ------------------------------------------------------------------------

    @Slot()
    def start(self, *, first_launch: bool = True) -> None:
        """Resolve the connection off the GUI thread; with ``first_launch``, open the dialog
        (or start the remembered sandbox) when nothing is configured.

        While the sandbox chosen by the person is on screen, the window keeps it until a
        profile has resolved to a connection.
        """
        if self._operation is not None and self._operation.is_running:
            self._operation.cancel()
        self._first_launch = first_launch
        if not self._sandbox_by_choice:
            self._window.set_connection(None, self.tr("Reading credentials…"))
        stores, given, name, env = self._stores, self._given, self._profile_name, self._env

        def job() -> Resolution:
            return _resolve(name, env, stores or make_stores(*given))

        self._operation = run_in_background(
            self._window.workers,
            job,
            on_success=self._on_resolved,
            on_failure=self._on_failed,
            name="credentials",
            parent=self,
        )

    def _have_stores(self, stores: Stores) -> None:
        if self._stores is None:
            self._stores = stores
        waiting, self._waiting_for_stores = self._waiting_for_stores, []
        for then in waiting:
            then()

    @Slot(object)
    def _on_resolved(self, result: object) -> None:
        assert isinstance(result, Resolution)
        self._have_stores(result.stores)
        self._list_profiles()
        if self._sandbox_by_choice and not self._first_launch and result.connection is None:
            return  # still no profile to leave the sandbox for
        self.session_badge.setVisible(False)
        if result.error is not None:
            from aitems_desktop.gui.error_report import report_for

            log.warning("could not resolve the credentials: %s", result.error.message)
            show_connection_problem(self._window, report_for(result.error))
            self.resolved.emit(None)
            return
        connection = result.connection
        if connection is None:
            self._window.set_connection(None)
            self.resolved.emit(None)
            if self._first_launch and result.start_in_sandbox:
                self._start_remembered_sandbox()
            elif self._first_launch:
                self.open_dialog(first_launch=True)
            return
        REDACTOR.add_secret(connection.secret_key)
        if self._sandbox_by_choice:
            self._sandbox_by_choice = False
            self._remember_sandbox(False)  # a profile now: the way back to a real account
        self._window.set_connection(connection)
        log.info("using %s for %s", connection.source, connection.base_url)
        self.session_badge.setVisible(connection.session_only)
        if connection.session_only:
            self.session_badge.setToolTip(result.keyring_reason)
            self._window.error_panel.show_note(
                self.tr("Secret key kept for this session only"),
                result.keyring_reason,
                self.tr(
                    "It is not written to disk; you will enter it again next time. Install or "
                    "unlock a system keyring to keep it."
                ),
            )
        self.resolved.emit(connection)

    @Slot(BaseException)
    def _on_failed(self, error: BaseException) -> None:
        from aitems_desktop.gui.error_report import report_for

        log.error("resolving the credentials failed: %r", error)
        self.session_badge.setVisible(False)
        show_connection_problem(self._window, report_for(error))

    # --- the sandbox, chosen now or before ---------------------------------------------------

    def _start_remembered_sandbox(self) -> None:
        from aitems_desktop.gui.error_report import ErrorAction

        self._sandbox_by_choice = True
        self.sandbox_requested.emit()
        self._window.error_panel.show_note(
            self.tr("The sandbox, as chosen before"),
            self.tr(
                "You chose to try the built-in sandbox when the app first started, so it starts "
                "there while no profile exists."
            ),
            self.tr(
                "To use your NCP account, add a profile with its keys: the app then leaves the "
                "sandbox for it."
            ),
            action=ErrorAction.OPEN_CREDENTIALS,
        )

    @Slot()
    def _sandbox_chosen(self) -> None:
        self._sandbox_by_choice = True
        self.sandbox_requested.emit()
        self._remember_sandbox(True)

    def _remember_sandbox(self, start_in_sandbox: bool) -> None:
        if self._stores is None:
            return
        settings = self._stores.settings
        operation = run_in_background(
            self._window.workers,
            lambda: settings.remember_sandbox(start_in_sandbox),
            on_success=self._remembered,
            on_failure=self._not_remembered,
            name="settings",
            parent=self,
        )
        operation.done.connect(operation.deleteLater)

    @Slot(object)
    def _remembered(self, settings: object) -> None:
        log.info("remembered: %r", settings)

    @Slot(BaseException)
    def _not_remembered(self, error: BaseException) -> None:
        message = getattr(error, "message", "") or repr(error)
        log.warning("could not save the app's settings: %s", message)
        self._window.statusBar().showMessage(
            self.tr("The choice could not be saved: {message}").format(message=message),
            8000,
        )

    # --- the dialog -----------------------------------------------------------------------

    @Slot()
    def open_dialog(self, first_launch: bool = False) -> None:
        """Show the Credentials dialog (a second call raises the open one)."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        if self._stores is None:
            # The stores are made on a worker (they import pydantic and keyring).
            self._waiting_for_stores.append(lambda: self.open_dialog(first_launch))
            if len(self._waiting_for_stores) == 1 and not (
                self._operation is not None and self._operation.is_running
            ):
                self._make_stores()
            return
        from aitems_desktop.gui.credentials_dialog import CredentialsDialog

        self.dialog = CredentialsDialog(
            self._stores.profiles,
            self._stores.credentials,
            self._widget,
            first_launch=first_launch,
            workers=self._window.workers,
        )
        self.dialog.profilesChanged.connect(self._on_profiles_changed)
        self.dialog.sandboxRequested.connect(self._sandbox_chosen)
        self.dialog.open()

    def _make_stores(self) -> None:
        given = self._given
        operation = run_in_background(
            self._window.workers,
            lambda: make_stores(*given),
            on_success=self._stores_made,
            on_failure=self._on_failed,
            name="credentials",
            parent=self,
        )
        operation.done.connect(operation.deleteLater)

    @Slot(object)
    def _stores_made(self, stores: object) -> None:
        assert isinstance(stores, Stores)
        self._have_stores(stores)

    @Slot()
    def _on_profiles_changed(self) -> None:
        current = self._window.connection()
        if current is not None and current.is_sandbox and not self._sandbox_by_choice:
            return  # --sandbox: the sandbox stays until the app is started without it
        self.start(first_launch=False)

    # --- switching profiles -------------------------------------------------------------------

    @Slot(str)
    def switch_profile(self, name: str) -> None:
        """Use the profile ``name`` from now on: the window is cleared and resolved again."""
        log.info("switching to the profile %s", name)
        self._profile_name = name
        self.start(first_launch=False)

    def _list_profiles(self) -> None:
        """Read the profiles' names off the GUI thread, then emit :attr:`profile_names`."""
        if self._stores is None:
            return
        profiles = self._stores.profiles

        def names() -> list[str]:
            return [profile.name for profile in profiles.profiles()]

        operation = run_in_background(
            self._window.workers,
            names,
            on_success=self.profile_names.emit,
            on_failure=self._not_listed,
            name="profile-names",
            parent=self,
        )
        operation.done.connect(operation.deleteLater)

    @Slot(BaseException)
    def _not_listed(self, error: BaseException) -> None:
        # Resolving reported what is wrong with the profiles file; the switcher stays as it was.
        log.warning("could not list the profiles: %r", error)
