"""Keyring doubles and isolation for the GUI credential tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError
from PySide6.QtWidgets import QMessageBox

from aitems_desktop.core.credentials import CredentialStore
from aitems_desktop.core.profiles import ProfileSettings, ProfileStore
from aitems_desktop.core.settings import AppSettings, SettingsStore


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
        self.release.wait(timeout=30)
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


class MessageBoxAnswers:
    """Answers each ``QMessageBox.exec()`` by clicking the button with the next given text,
    and records what was asked: the title, the text and the buttons' texts."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *choices: str) -> None:
        self.asked: list[tuple[str, str, list[str]]] = []
        self._choices = list(choices)

        def exec_(box: QMessageBox) -> int:  # a function: the class calls it with the box
            return self._exec(box)

        monkeypatch.setattr(QMessageBox, "exec", exec_)

    def _exec(self, box: QMessageBox) -> int:
        buttons = box.buttons()
        self.asked.append((box.windowTitle(), box.text(), sorted(b.text() for b in buttons)))
        assert self._choices, f"unexpected question: {box.text()}"
        wanted = self._choices.pop(0)
        for button in buttons:
            if button.text() == wanted:
                button.click()
                return 0
        raise AssertionError(f"no button {wanted!r} in {[b.text() for b in buttons]}")


class ThreadRecorder:
    """Records each store operation with whether it ran on the GUI (main) thread."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, bool]] = []

    def note(self, what: str) -> None:
        self.calls.append((what, threading.current_thread() is threading.main_thread()))

    def on_the_gui_thread(self) -> list[str]:
        return [what for what, on_gui in self.calls if on_gui]

    def off_the_gui_thread(self) -> set[str]:
        return {what for what, on_gui in self.calls if not on_gui}


class RecordingLock:
    """A re-entrant lock that notes every acquisition."""

    def __init__(self, recorder: ThreadRecorder, name: str) -> None:
        self._lock = threading.RLock()
        self._recorder = recorder
        self._name = name

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        self._recorder.note(self._name)
        return self._lock.acquire(blocking, timeout)

    def release(self) -> None:
        self._lock.release()

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


class RecordingProfileStore(ProfileStore):
    """A ProfileStore that notes which thread takes its lock, reads or writes its file."""

    def __init__(self, credentials: CredentialStore, recorder: ThreadRecorder) -> None:
        super().__init__(credentials)
        self.recorder = recorder
        self._lock = RecordingLock(recorder, "profile store lock")  # type: ignore[assignment]

    def load(self) -> ProfileSettings:
        self.recorder.note("profiles file read")
        return super().load()

    def _write(self, settings: ProfileSettings) -> None:
        self.recorder.note("profiles file written")
        super()._write(settings)


def recording_credential_store(
    recorder: ThreadRecorder, backend: Any = None, **options: Any
) -> CredentialStore:
    """A CredentialStore whose lock notes every acquisition."""
    store = CredentialStore(backend, **options)
    store._lock = RecordingLock(recorder, "credential store lock")  # type: ignore[assignment]
    return store


class RecordingSettingsStore(SettingsStore):
    def __init__(self, recorder: ThreadRecorder) -> None:
        super().__init__()
        self.recorder = recorder

    def load(self) -> AppSettings:
        self.recorder.note("settings file read")
        return super().load()

    def save(self, settings: AppSettings) -> None:
        self.recorder.note("settings file written")
        super().save(settings)
