"""Fixtures for the core tests: every test gets an in-memory keyring and a private HOME.

Nothing here (or in any test using it) can reach the keyring of the person running the
suite: the keyring library's backend is replaced, the D-Bus session address is removed and
HOME and the XDG directories point into the test's tmp_path.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from keyring_doubles import MemoryKeyring

ISOLATED_ENV_DIRS = {
    "HOME": "",
    "XDG_CONFIG_HOME": ".config",
    "XDG_DATA_HOME": ".local/share",
    "XDG_CACHE_HOME": ".cache",
    "XDG_STATE_HOME": ".local/state",
}


def isolate_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HOME, the XDG dirs and the app's config dir into ``tmp_path``; return HOME."""
    home = tmp_path / "home"
    for variable, sub in ISOLATED_ENV_DIRS.items():
        (home / sub).mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(variable, str(home / sub))
    monkeypatch.setenv("AITEMS_DESKTOP_CONFIG_DIR", str(home / ".config" / "aitems-desktop"))
    for variable in ("NCLOUD_ACCESS_KEY", "NCLOUD_SECRET_KEY", "PYTHON_KEYRING_BACKEND"):
        monkeypatch.delenv(variable, raising=False)
    # Without a session bus address no code path can find the user's Secret Service.
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    return home


@pytest.fixture(autouse=True)
def memory_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    """The process-wide keyring backend, replaced by a fresh in-memory one per test."""
    isolate_environment(tmp_path, monkeypatch)
    backend = MemoryKeyring()
    # Set the module global directly: keyring.get_keyring() would first detect (and so
    # contact) the real backend.
    monkeypatch.setattr("keyring.core._keyring_backend", backend)
    return backend
