"""Connects the main window to the profiles and the keyring.

:class:`CredentialsController` resolves the active connection (``--profile NAME`` or the
default profile, overridden by ``NCLOUD_ACCESS_KEY``/``NCLOUD_SECRET_KEY``) on a worker
thread after the first paint, hands it to the window, says in the status bar where the keys
came from, shows a session-only notice when no keyring is usable, opens the Credentials
dialog (File > Credentials…, and on first launch without a profile) and resolves again
whenever the profiles change.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from aitems_desktop.gui.logging_setup import REDACTOR
from aitems_desktop.gui.operations import Operation, run_in_background

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QStatusBar

    from aitems_desktop.core.connection import Connection
    from aitems_desktop.core.credentials import CredentialStore
    from aitems_desktop.core.profiles import ProfileStore
    from aitems_desktop.gui.credentials_dialog import CredentialsDialog
    from aitems_desktop.gui.error_panel import ErrorPanel
    from aitems_desktop.gui.worker import WorkerRegistry

log = logging.getLogger(__name__)

_SESSION_STYLE = (
    "QLabel#sessionOnlyBadge { background: #fff3cd; color: #664d03; border-radius: 3px;"
    " padding: 0 6px; }"
)


class CredentialsHost(Protocol):
    """What the controller needs of a window."""

    workers: WorkerRegistry

    @property
    def credentials_requested(self) -> SignalInstance: ...

    @property
    def error_panel(self) -> ErrorPanel: ...

    def connection(self) -> Connection | None: ...

    def set_connection(self, connection: Connection | None, pending: str = "") -> None: ...

    def show_connection_failure(self, message: str) -> None: ...

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 (Qt's name)

    def tr(self, text: str) -> str: ...


class CredentialsController(QObject):
    """The window's side of profiles and keyring. Create it, then call :meth:`start`."""

    #: First launch: the user chose "Try the sandbox" in the Credentials dialog.
    sandbox_requested = Signal()
    #: A connection from a profile or the environment went to the window (or ``None``).
    resolved = Signal(object)
    #: The names of the profiles, read again after each resolve (for a profile switcher).
    profile_names = Signal(list)

    def __init__(
        self,
        window: CredentialsHost,
        profile_name: str | None = None,
        *,
        profile_store: ProfileStore | None = None,
        credential_store: CredentialStore | None = None,
        env: Mapping[str, str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        # The host is a window: the badge and the dialog are its children.
        assert isinstance(window, QWidget)
        self._widget: QWidget = window
        super().__init__(parent or window)
        self._window = window
        self._profile_name = profile_name
        self._profile_store = profile_store
        self._credential_store = credential_store
        self._env = env
        self._operation: Operation | None = None
        self._first_launch = False
        self.dialog: CredentialsDialog | None = None
        self.session_badge = QLabel(self.tr("Secret for this session only"), self._widget)
        self.session_badge.setObjectName("sessionOnlyBadge")
        self.session_badge.setStyleSheet(_SESSION_STYLE)
        self.session_badge.setVisible(False)
        window.statusBar().addPermanentWidget(self.session_badge)
        window.credentials_requested.connect(self.open_dialog)

    def close(self) -> None:
        """Let the keyring thread end once its current call is done (at exit)."""
        if self._credential_store is not None:
            self._credential_store.close()

    def _stores(self) -> tuple[ProfileStore, CredentialStore]:
        # Imported on first use, after the first paint: pydantic, platformdirs, keyring.
        if self._credential_store is None:
            from aitems_desktop.core.credentials import CredentialStore

            self._credential_store = CredentialStore()
        if self._profile_store is None:
            from aitems_desktop.core.profiles import ProfileStore

            self._profile_store = ProfileStore(self._credential_store)
        return self._profile_store, self._credential_store

    @Slot()
    def start(self, *, first_launch: bool = True) -> None:
        """Resolve the connection off the GUI thread; with ``first_launch``, open the dialog
        when nothing is configured."""
        if self._operation is not None and self._operation.is_running:
            self._operation.cancel()
        self._first_launch = first_launch
        self._window.set_connection(None, self.tr("Reading credentials…"))
        self._operation = run_in_background(
            self._window.workers,
            self._resolve_job,
            on_success=self._on_resolved,
            on_failure=self._on_failed,
            name="credentials",
            parent=self,
        )

    def _resolve_job(self) -> object:
        from aitems_desktop.core.profiles import resolve_credentials

        profiles, credentials = self._stores()
        name, env = self._profile_name, self._env
        return credentials.call(lambda: resolve_credentials(name, env, profiles=profiles))

    @Slot(object)
    def _on_resolved(self, result: object) -> None:
        if result is None:
            self._window.set_connection(None)
            self.session_badge.setVisible(False)
            self.resolved.emit(None)
            self._list_profiles()
            if self._first_launch:
                self.open_dialog(first_launch=True)
            return
        from aitems_desktop.core.connection import Connection

        assert isinstance(result, Connection)
        REDACTOR.add_secret(result.secret_key)
        self._window.set_connection(result)
        log.info("using %s for %s", result.source, result.base_url)
        self.session_badge.setVisible(result.session_only)
        if result.session_only:
            _, credentials = self._stores()
            reason = credentials.available().reason  # cached by now: does not block
            self.session_badge.setToolTip(reason)
            self._window.error_panel.show_note(
                self.tr("Secret key kept for this session only"),
                reason,
                self.tr(
                    "It is not written to disk; you will enter it again next time. Install or "
                    "unlock a system keyring to keep it."
                ),
            )
        self.resolved.emit(result)
        self._list_profiles()

    @Slot(BaseException)
    def _on_failed(self, error: BaseException) -> None:
        message = getattr(error, "message", "") or type(error).__name__
        hint = getattr(error, "hint", "")
        log.warning("could not resolve the credentials: %s", message)
        self.session_badge.setVisible(False)
        self._window.show_connection_failure(f"{message} {hint}".strip())
        self._window.set_connection(None, message)  # the status bar and form say it too
        self._list_profiles()

    @Slot()
    def open_dialog(self, first_launch: bool = False) -> None:
        """Show the Credentials dialog (a second call raises the open one)."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        from aitems_desktop.gui.credentials_dialog import CredentialsDialog

        profiles, credentials = self._stores()
        self.dialog = CredentialsDialog(
            profiles,
            credentials,
            self._widget,
            first_launch=first_launch,
            workers=self._window.workers,
        )
        self.dialog.profilesChanged.connect(self._on_profiles_changed)
        self.dialog.sandboxRequested.connect(self.sandbox_requested)
        self.dialog.open()

    @Slot()
    def _on_profiles_changed(self) -> None:
        current = self._window.connection()
        if current is not None and current.is_sandbox:
            return  # the sandbox stays until the user restarts without --sandbox
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

        def names() -> list[str]:
            profiles, _ = self._stores()
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
