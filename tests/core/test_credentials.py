"""CredentialStore against in-memory and misbehaving keyring backends."""

from __future__ import annotations

import threading
import time
from typing import Any, cast

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.errors import KeyringError, KeyringLocked
from keyring_doubles import MemoryKeyring
from pydantic import SecretStr

from aitems_desktop.core.credentials import (
    SERVICE_NAME,
    CredentialError,
    CredentialStore,
    CredentialTimeoutError,
    SecretLocation,
    SessionSecrets,
    describe_backend,
)


class LockedKeyring(MemoryKeyring):
    """A keyring whose unlock prompt is dismissed from the ``locked_from``-th call on."""

    def __init__(self, locked_from: int = 0) -> None:
        super().__init__()
        self.locked_from = locked_from

    def _check(self) -> None:
        if len(self.calls) > self.locked_from:
            raise KeyringLocked("Failed to unlock the collection!")

    def get_password(self, service: str, username: str) -> str | None:
        value = super().get_password(service, username)
        self._check()
        return value

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append("set")
        self._check()
        self.passwords[(service, username)] = password


class LeakyKeyring(MemoryKeyring):
    """A keyring whose errors quote the password, as a careless backend might."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError(f"cannot store {password!r} for {username}")


def fake_backend(module: str, name: str, **attributes: Any) -> KeyringBackend:
    """An object whose class looks like a keyring backend class, for naming tests only.

    Not a real KeyringBackend subclass: those register themselves with keyring's detection.
    """
    cls = type(name, (), {"__module__": module, "name": f"{module} {name}", **attributes})
    return cast(KeyringBackend, cls())


def test_round_trip_goes_to_the_keyring(memory_keyring: MemoryKeyring) -> None:
    store = CredentialStore()
    assert store.backend is memory_keyring  # the process-wide backend, set by conftest
    assert store.available().usable
    assert store.set("work", SecretStr("s3cret")) is SecretLocation.KEYRING
    assert memory_keyring.passwords == {(SERVICE_NAME, "work"): "s3cret"}
    got = store.get("work")
    assert got is not None
    assert got.get_secret_value() == "s3cret"
    store.set("work", "replaced")
    assert cast(SecretStr, store.get("work")).get_secret_value() == "replaced"
    store.delete("work")
    assert store.get("work") is None
    store.delete("work")  # deleting a missing secret is not an error
    assert memory_keyring.passwords == {}


def test_move_renames_the_entry(memory_keyring: MemoryKeyring) -> None:
    store = CredentialStore()
    store.set("old", "s")
    store.move("old", "new")
    assert memory_keyring.passwords == {(SERVICE_NAME, "new"): "s"}
    store.move("missing", "other")  # no secret, nothing to move
    assert memory_keyring.passwords == {(SERVICE_NAME, "new"): "s"}


@pytest.mark.parametrize(
    ("backend", "name", "reason_part"),
    [
        (fail.Keyring(), "No keyring", "No system keyring"),
        (null.Keyring(), "Keyring disabled", "null backend"),
        (
            fake_backend("keyrings.alt.file", "PlaintextKeyring"),
            "PlaintextKeyring (keyrings.alt)",
            "writes secrets to a file",
        ),
        (
            fake_backend("keyrings.alt.file", "EncryptedKeyring"),
            "EncryptedKeyring (keyrings.alt)",
            "writes secrets to a file",
        ),
        (fake_backend("keyring.backends.chainer", "ChainerBackend", backends=[]), "No keyring", ""),
    ],
)
def test_unsafe_backends_are_unusable(backend: KeyringBackend, name: str, reason_part: str) -> None:
    label, reason = describe_backend(backend)
    assert label == name
    assert reason is not None
    assert reason_part in reason


@pytest.mark.parametrize(
    ("module", "cls", "name"),
    [
        ("keyring.backends.macOS", "Keyring", "macOS Keychain"),
        ("keyring.backends.Windows", "WinVaultKeyring", "Windows Credential Locker"),
        ("keyring.backends.kwallet", "DBusKeyring", "KWallet"),
        ("keyring.backends.kwallet", "DBusKeyringKWallet4", "KWallet 4"),
        # No session bus in the tests (conftest removes it): the provider is not detectable.
        ("keyring.backends.SecretService", "Keyring", "Secret Service"),
    ],
)
def test_system_backends_have_human_names(module: str, cls: str, name: str) -> None:
    assert describe_backend(fake_backend(module, cls)) == (name, None)


def test_a_chainer_is_named_after_the_backend_it_writes_to() -> None:
    chained = [fake_backend("keyring.backends.macOS", "Keyring"), fail.Keyring()]
    chainer = fake_backend("keyring.backends.chainer", "ChainerBackend", backends=chained)
    assert describe_backend(chainer) == ("macOS Keychain", None)


def test_fail_backend_keeps_secrets_for_the_session_only() -> None:
    store = CredentialStore(fail.Keyring())
    availability = store.available()
    assert not availability.usable
    assert "No system keyring" in availability.reason
    assert not store.persistent
    assert store.set("work", "s") is SecretLocation.SESSION
    assert cast(SecretStr, store.get("work")).get_secret_value() == "s"
    store.delete("work")
    assert store.get("work") is None
    # A new store (a new process) does not see the session secret.
    store.set("work", "s")
    assert CredentialStore(fail.Keyring()).get("work") is None


def test_a_locked_keyring_is_unusable() -> None:
    store = CredentialStore(LockedKeyring())
    assert not store.available().usable
    assert "locked" in store.available().reason
    assert store.set("work", "s") is SecretLocation.SESSION


def test_a_keyring_that_locks_later_falls_back_to_the_session() -> None:
    backend = LockedKeyring(locked_from=1)  # the probe succeeds, the next call does not
    store = CredentialStore(backend)
    assert store.available().usable
    assert store.set("work", "s") is SecretLocation.SESSION
    assert not store.available().usable
    assert "locked" in store.available().reason
    assert backend.passwords == {}
    assert cast(SecretStr, store.get("work")).get_secret_value() == "s"


def test_errors_are_clear_and_never_contain_the_secret(caplog: pytest.LogCaptureFixture) -> None:
    store = CredentialStore(LeakyKeyring())
    with pytest.raises(CredentialError) as caught:
        store.set("work", "hunter2-secret")
    error = caught.value
    assert "work" in error.message
    assert "KeyringError" in error.message
    assert error.hint
    assert "hunter2-secret" not in error.message + error.hint + str(error) + repr(error)
    assert "hunter2-secret" not in caplog.text


def test_secrets_do_not_show_in_reprs() -> None:
    session = SessionSecrets()
    session.set("work", SecretStr("hunter2-secret"))
    store = CredentialStore(fail.Keyring())
    store.set("work", "hunter2-secret")
    for text in (repr(session), repr(store), repr(store.get("work")), str(store.get("work"))):
        assert "hunter2-secret" not in text


class BlockingKeyring(MemoryKeyring):
    """A keyring whose reads wait for ``release``, like one showing an unlock prompt."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.active = 0
        self.most_active = 0
        self._count = threading.Lock()

    def get_password(self, service: str, username: str) -> str | None:
        with self._count:
            self.active += 1
            self.most_active = max(self.most_active, self.active)
        try:
            self.release.wait(timeout=30)
            return super().get_password(service, username)
        finally:
            with self._count:
                self.active -= 1


def test_a_bounded_call_gives_up_after_its_timeout() -> None:
    backend = BlockingKeyring()
    store = CredentialStore(backend, timeout=0.2)
    started = time.monotonic()
    with pytest.raises(CredentialTimeoutError) as caught:
        store.call(store.available)
    assert time.monotonic() - started < 5
    assert "did not answer within 0.2 s" in caught.value.message
    assert "unlock" in caught.value.hint
    backend.release.set()  # the prompt is answered: the store works again
    assert store.call(lambda: store.set("work", "s"), timeout=10) is SecretLocation.KEYRING
    assert store.call(store.available).usable
    store.close()


def test_keyring_calls_run_one_at_a_time() -> None:
    backend = BlockingKeyring()
    store = CredentialStore(backend)
    results: list[object] = []

    def read() -> None:
        results.append(store.call(lambda: store.get("work"), timeout=10))

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    backend.release.set()
    for thread in threads:
        thread.join(timeout=10)
    assert results == [None] * 4
    assert backend.most_active == 1
    store.close()


def test_the_global_keyring_is_the_in_memory_one(memory_keyring: MemoryKeyring) -> None:
    # Guards the isolation every other test relies on.
    assert keyring.get_keyring() is memory_keyring
