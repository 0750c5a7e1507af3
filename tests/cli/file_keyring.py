"""A keyring backend for ``aitems`` run as a child process in tests: a JSON file in the
test's own directory (``AITEMS_TEST_KEYRING_FILE``), so a secret stored by one command is
there for the next, and the keyring of the person running the suite is never touched.

Selected with ``PYTHON_KEYRING_BACKEND=file_keyring.FileKeyring`` and this folder on
``PYTHONPATH``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    """Passwords in a JSON file named by ``AITEMS_TEST_KEYRING_FILE``."""

    priority = 1  # type: ignore[assignment]

    @property
    def _path(self) -> Path:
        return Path(os.environ["AITEMS_TEST_KEYRING_FILE"])

    def _load(self) -> dict[str, str]:
        try:
            data: dict[str, str] = json.loads(self._path.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        return data

    def _store(self, data: dict[str, str]) -> None:
        self._path.write_text(json.dumps(data), "utf-8")

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}/{username}"] = password
        self._store(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError("No such password")
        self._store(data)
