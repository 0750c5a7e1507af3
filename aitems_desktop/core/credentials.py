"""Secrets in the operating system's keyring, behind a small interface.

:class:`CredentialStore` wraps the ``keyring`` library: ``get``/``set``/``delete`` a profile's
secret key under one service name (:data:`SERVICE_NAME`) with the profile name as the user
name, ``backend_name()`` for the user ("macOS Keychain", "Secret Service (GNOME Keyring)"),
and ``available()`` with the reason when the keyring cannot be used.

Backends that do not keep a secret safely -- keyring's ``fail`` and ``null`` backends, the
file-based ones of ``keyrings.alt``, a chainer with nothing usable behind it -- count as
unusable, and so does a keyring that stays locked (the unlock prompt was dismissed). Then the
store keeps secrets in a :class:`SessionSecrets` for this process only: nothing is ever written
to disk instead.

The store is synchronous and serialised by a lock. Keyring calls can block on an unlock prompt,
so callers on a GUI thread run them through :meth:`CredentialStore.call`, which runs them on the
store's own worker thread and gives up after a timeout.

Secrets travel as :class:`pydantic.SecretStr` so that no repr, log line or exception shows them.
"""

from __future__ import annotations

import logging
import queue
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Final, TypeVar

from pydantic import SecretStr

from aitems_desktop.core.errors import AitemsError
from aitems_desktop.core.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

#: The keyring "service" under which every profile's secret is stored.
SERVICE_NAME: Final = "aitems-desktop"
#: How long :meth:`CredentialStore.call` waits for the keyring by default (seconds). Long
#: enough for a person to type a keyring password into an unlock prompt.
DEFAULT_TIMEOUT_S: Final = 60.0
#: The user name the availability probe reads. Only ever read, so a profile that happens to
#: have this name is harmless. (No control characters: D-Bus strings cannot carry NUL.)
_PROBE_USER: Final = "<availability check>"

T = TypeVar("T")


class CredentialError(AitemsError):
    """A keyring or profile operation failed. ``message`` says what, ``hint`` what to do.

    An :class:`~aitems_desktop.core.errors.AitemsError`, so the GUI shows it like any other
    error. Neither text ever contains a secret.
    """

    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "Check that the keyring is running and unlocked, then try again."
    )

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)


class CredentialTimeoutError(CredentialError):
    """The keyring did not answer in time (usually an unlock prompt nobody answered)."""


class SecretLocation(StrEnum):
    """Where a secret went: the OS keyring, or this process's memory only."""

    KEYRING = "keyring"
    SESSION = "session"


@dataclass(frozen=True)
class Availability:
    """Whether the keyring can keep secrets; ``reason`` says why not when it cannot."""

    usable: bool
    reason: str = ""


class SessionSecrets:
    """Secrets kept in memory for this process only: the fallback when no keyring is usable."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._secrets: dict[str, SecretStr] = {}

    def get(self, name: str) -> SecretStr | None:
        """Return the secret kept for ``name``, or ``None``."""
        with self._lock:
            return self._secrets.get(name)

    def set(self, name: str, secret: SecretStr) -> None:
        """Keep ``secret`` for ``name`` until the process ends."""
        with self._lock:
            self._secrets[name] = secret

    def delete(self, name: str) -> None:
        """Forget the secret of ``name``; forgetting a missing one is not an error."""
        with self._lock:
            self._secrets.pop(name, None)

    def names(self) -> frozenset[str]:
        """The profiles whose secret is kept."""
        with self._lock:
            return frozenset(self._secrets)

    def __repr__(self) -> str:
        with self._lock:
            return f"SessionSecrets(names={sorted(self._secrets)!r})"


# --- which backend is it? ------------------------------------------------------------------


def _secret_service_provider() -> str | None:
    """Return the program behind ``org.freedesktop.secrets`` ("GNOME Keyring", "KWallet"...).

    Asks the session bus for the owner's process id and reads its command name; ``None``
    whenever that is not possible (no bus, not Linux, a sandboxed process).
    """
    if not sys.platform.startswith("linux"):
        return None
    try:
        from jeepney.bus_messages import message_bus  # type: ignore[import-untyped]
        from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]

        with open_dbus_connection(bus="SESSION") as connection:
            reply = connection.send_and_get_reply(
                message_bus.GetConnectionUnixProcessID("org.freedesktop.secrets"), timeout=2
            )
        pid = int(reply.body[0])
        command = Path(f"/proc/{pid}/comm").read_text(encoding="utf-8").strip()
    except Exception:  # any failure only means "not detectable"
        log.debug("could not tell which program provides the Secret Service", exc_info=True)
        return None
    known = {
        "gnome-keyring": "GNOME Keyring",
        "kwalletd": "KWallet",
        "ksecretd": "KWallet",
        "keepassxc": "KeePassXC",
    }
    for prefix, label in known.items():
        if command.startswith(prefix):
            return label
    return command or None


_FILE_BACKEND_REASON: Final = (
    "The {name} backend writes secrets to a file; aitems-desktop keeps secrets only in a "
    "system keyring."
)


def describe_backend(backend: KeyringBackend) -> tuple[str, str | None]:
    """Return the human name of ``backend`` and, when it is unusable, the reason why.

    Pure classification by class: no keyring call is made (see :meth:`CredentialStore.available`
    for the probe that finds a locked keyring). The Secret Service provider is looked up on the
    session bus.
    """
    cls = type(backend)
    module, name = cls.__module__, cls.__name__
    if module == "keyring.backends.fail":
        return QT_TRANSLATE_NOOP("aitems", "No keyring"), QT_TRANSLATE_NOOP(
            "aitems",
            "No system keyring was found (no Secret Service, Keychain or Credential Locker "
            "is reachable).",
        )
    if module == "keyring.backends.null":
        return QT_TRANSLATE_NOOP("aitems", "Keyring disabled"), QT_TRANSLATE_NOOP(
            "aitems",
            "The keyring is disabled (the null backend is selected, for example through "
            "PYTHON_KEYRING_BACKEND).",
        )
    if module == "keyring.backends.chainer":
        chained: list[KeyringBackend] = list(getattr(backend, "backends", []))
        if not chained:
            return QT_TRANSLATE_NOOP("aitems", "No keyring"), QT_TRANSLATE_NOOP(
                "aitems", "No usable keyring backend is installed."
            )
        # The chainer writes to the first backend that takes the call: that one decides.
        return describe_backend(chained[0])
    if module.startswith("keyrings.alt") and (
        module.endswith((".file", ".pyfs")) or "Plaintext" in name or "Encrypted" in name
    ):
        label = f"{name} (keyrings.alt)"
        return label, _FILE_BACKEND_REASON.format(name=label)
    if module.startswith("keyring.backends.macOS"):
        return "macOS Keychain", None
    if module == "keyring.backends.Windows":
        return "Windows Credential Locker", None
    if module == "keyring.backends.kwallet":
        return ("KWallet 4" if name.endswith("KWallet4") else "KWallet"), None
    if module in ("keyring.backends.SecretService", "keyring.backends.libsecret"):
        provider = _secret_service_provider()
        return (f"Secret Service ({provider})" if provider else "Secret Service"), None
    return str(cls.name), None


# --- the store -----------------------------------------------------------------------------


class _SerialRunner:
    """One daemon thread that runs submitted calls in order.

    Not a ThreadPoolExecutor: its threads are joined at interpreter exit, so a keyring call
    stuck on an unanswered unlock prompt would keep the application from quitting.
    """

    def __init__(self, name: str) -> None:
        self._name = name
        self._queue: queue.SimpleQueue[tuple[Future[object], Callable[[], object]] | None] = (
            queue.SimpleQueue()
        )
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
            self._queue.put((future, fn))  # type: ignore[arg-type]
        return future

    def shutdown(self) -> None:
        with self._lock:
            if self._thread is not None:
                self._queue.put(None)
                self._thread = None

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            future, fn = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn())
            except BaseException as exc:
                future.set_exception(exc)


def _scrub(text: str, secret: SecretStr | None) -> str:
    """Remove ``secret`` from ``text``: a backend's error message must never leak it."""
    if secret is not None:
        value = secret.get_secret_value()
        if value:
            text = text.replace(value, "***")
    return text


class CredentialStore:
    """Profile secrets in the OS keyring, or in memory when no keyring is usable.

    ``backend`` defaults to ``keyring.get_keyring()``, resolved on first use so that merely
    building the store imports nothing heavy. All methods are thread-safe and serialised.
    """

    def __init__(
        self,
        backend: KeyringBackend | None = None,
        *,
        service: str = SERVICE_NAME,
        timeout: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        self._backend = backend
        self._service = service
        self.timeout = timeout
        # Re-entrant: rename() calls get/set/delete while holding it.
        self._lock = threading.RLock()
        self._session = SessionSecrets()
        self._availability: Availability | None = None
        self._name: str | None = None
        self._runner = _SerialRunner("aitems-keyring")

    def __repr__(self) -> str:
        return f"CredentialStore(service={self._service!r}, availability={self._availability!r})"

    @property
    def backend(self) -> KeyringBackend:
        """The keyring backend in use."""
        with self._lock:
            if self._backend is None:
                import keyring

                self._backend = keyring.get_keyring()
            return self._backend

    def backend_name(self) -> str:
        """The backend's name for people: "macOS Keychain", "Secret Service (GNOME Keyring)"."""
        with self._lock:
            if self._name is None:
                self._name = describe_backend(self.backend)[0]
            return self._name

    def available(self, *, refresh: bool = False) -> Availability:
        """Whether secrets go to the keyring; the reason when they are kept for this session.

        The first call (or one with ``refresh``) probes the keyring with a read, which is what
        makes a locked keyring show its unlock prompt; the result is remembered.
        """
        with self._lock:
            if self._availability is None or refresh:
                self._availability = self._probe()
            return self._availability

    @property
    def persistent(self) -> bool:
        """True when secrets outlive this process (they go to a usable keyring)."""
        return self.available().usable

    def _probe(self) -> Availability:
        name, reason = describe_backend(self.backend)
        self._name = name
        if reason is not None:
            return Availability(False, reason)
        try:
            self.backend.get_password(self._service, _PROBE_USER)
        except Exception as exc:
            return Availability(False, self._failure_reason(exc))
        return Availability(True)

    def _failure_reason(self, exc: BaseException, secret: SecretStr | None = None) -> str:
        from keyring.errors import KeyringLocked, NoKeyringError

        name = self._name or type(self.backend).__name__
        if isinstance(exc, KeyringLocked):
            return f"{name} is locked: the unlock prompt was dismissed or failed."
        if isinstance(exc, NoKeyringError):
            return QT_TRANSLATE_NOOP("aitems", "No system keyring was found.")
        detail = _scrub(str(exc), secret).strip()
        kind = type(exc).__name__
        return f"{name} did not answer ({kind}{': ' + detail if detail else ''})."

    def _fall_back(self, exc: BaseException) -> None:
        """Switch to session-only secrets after the keyring turned out to be locked."""
        self._availability = Availability(False, self._failure_reason(exc))
        log.warning("keyring unusable, keeping secrets for this session only: %s", exc)

    def session_profiles(self) -> frozenset[str] | None:
        """The profiles whose secret this session holds while no keyring is usable; ``None``
        while secrets go to the keyring. Without a keyring the secrets of a previous run are
        gone, and any other profile needs its secret typed again."""
        with self._lock:
            return None if self.persistent else self._session.names()

    def get(self, profile: str) -> SecretStr | None:
        """Return the secret of ``profile``, or ``None`` when none is stored."""
        from keyring.errors import KeyringLocked

        with self._lock:
            if not self.persistent:
                return self._session.get(profile)
            try:
                value = self.backend.get_password(self._service, profile)
            except KeyringLocked as exc:
                self._fall_back(exc)
                return self._session.get(profile)
            except Exception as exc:
                raise self._error("read the secret of", profile, exc) from None
            return None if value is None else SecretStr(value)

    def set(self, profile: str, secret: SecretStr | str) -> SecretLocation:
        """Store ``secret`` for ``profile``; return where it went (keyring or session)."""
        from keyring.errors import KeyringLocked

        if isinstance(secret, str):
            secret = SecretStr(secret)
        with self._lock:
            if self.persistent:
                try:
                    self.backend.set_password(self._service, profile, secret.get_secret_value())
                except KeyringLocked as exc:
                    self._fall_back(exc)
                except Exception as exc:
                    raise self._error("save the secret of", profile, exc, secret) from None
                else:
                    return SecretLocation.KEYRING
            self._session.set(profile, secret)
            return SecretLocation.SESSION

    def delete(self, profile: str) -> None:
        """Remove the secret of ``profile``; removing a missing one is not an error."""
        from keyring.errors import KeyringLocked, PasswordDeleteError

        with self._lock:
            self._session.delete(profile)
            if not self.persistent:
                return
            try:
                self.backend.delete_password(self._service, profile)
            except PasswordDeleteError:
                pass  # nothing stored: already in the state the caller wants
            except KeyringLocked as exc:
                self._fall_back(exc)
            except Exception as exc:
                raise self._error("delete the secret of", profile, exc) from None

    def move(self, old: str, new: str) -> None:
        """Move the secret of profile ``old`` to ``new`` (a rename); no secret, no change."""
        with self._lock:
            secret = self.get(old)
            if secret is None:
                return
            self.set(new, secret)
            self.delete(old)

    def call(self, fn: Callable[[], T], *, timeout: float | None = None) -> T:
        """Run ``fn`` (typically a bound method of this store) on the keyring thread.

        Waits at most ``timeout`` seconds (default: :attr:`timeout`), then raises
        :class:`CredentialTimeoutError`; the call itself keeps running and later calls wait behind
        it, so the keyring still sees one call at a time.
        """
        limit = self.timeout if timeout is None else timeout
        future = self._runner.submit(fn)
        try:
            return future.result(timeout=limit)
        except TimeoutError:
            future.cancel()
            raise CredentialTimeoutError(
                f"The keyring ({self.backend_name_if_known()}) did not answer within {limit:g} s.",
                "An unlock prompt may be waiting, possibly behind another window. Answer it "
                "or unlock the keyring, then try again.",
            ) from None

    def backend_name_if_known(self) -> str:
        """The backend name if it has been looked up already, else a generic word.

        Never blocks: used in messages about a keyring that does not answer.
        """
        return self._name or "keyring"

    def close(self) -> None:
        """Stop the keyring thread once it has finished what it is doing."""
        self._runner.shutdown()

    def _error(
        self, action: str, profile: str, exc: BaseException, secret: SecretStr | None = None
    ) -> CredentialError:
        reason = self._failure_reason(exc, secret)
        log.warning("could not %s profile %r: %s", action, profile, reason)
        return CredentialError(f"Could not {action} profile “{profile}”: {reason}")
