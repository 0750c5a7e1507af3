"""Keyring doubles and isolation for the GUI credential tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """In-memory keyring backend (the core tests have the same one in keyring_doubles)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}
        self.release = threading.Event()
        self.release.set()

    def get_password(self, service: str, username: str) -> str | None:
        self.release.wait(timeout=30)  # cleared by a test: a keyring stuck on a prompt
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError("No such password!")


def isolated_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """No test here can reach the real keyring, HOME or config of the person running it."""
    home = tmp_path / "home"
    for variable, sub in {
        "HOME": "",
        "XDG_CONFIG_HOME": ".config",
        "XDG_DATA_HOME": ".local/share",
        "XDG_CACHE_HOME": ".cache",
        "XDG_STATE_HOME": ".local/state",
    }.items():
        (home / sub).mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(variable, str(home / sub))
    monkeypatch.setenv("AITEMS_DESKTOP_CONFIG_DIR", str(home / ".config" / "aitems-desktop"))
    for variable in ("NCLOUD_ACCESS_KEY", "NCLOUD_SECRET_KEY", "DBUS_SESSION_BUS_ADDRESS"):
        monkeypatch.delenv(variable, raising=False)
    backend = MemoryKeyring()
    monkeypatch.setattr("keyring.core._keyring_backend", backend)
    yield backend
    backend.release.set()  # never leave the keyring thread blocked
