"""Running ``aitems`` as a person would: a child process with its own HOME, config dir and
keyring, talking to a sandbox over the network.

Nothing here can reach the keyring or settings of the person running the suite: the child's
HOME, XDG directories and ``AITEMS_DESKTOP_CONFIG_DIR`` are under the test's tmp_path, its
keyring is a file there (``file_keyring.py``) or the null backend, and the D-Bus address is
removed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from aitems_desktop.sandbox import SandboxServer

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
#: Long enough for a loaded 2-core machine; a command that hangs fails instead of blocking.
TIMEOUT_S = 120


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


@dataclass
class Cli:
    """``aitems`` in a child process, with an isolated environment."""

    home: Path
    env: dict[str, str] = field(default_factory=dict)

    @property
    def config_dir(self) -> Path:
        return self.home / "config" / "aitems-desktop"

    @property
    def keyring_file(self) -> Path:
        return self.home / "keyring.json"

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "aitems_desktop.cli", *args]

    def run(
        self, *args: str, input: str | None = None, env: dict[str, str] | None = None
    ) -> Result:
        proc = subprocess.run(
            self.command(*args),
            env={**self.env, **(env or {})},
            input=input if input is not None else "",
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            cwd=self.home,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    def popen(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
        return subprocess.Popen(
            self.command(*args),
            env={**self.env, **(env or {})},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=self.home,
        )

    def use(self, sandbox: SandboxServer) -> None:
        """Keys and endpoint of ``sandbox`` through the environment."""
        self.env.update(
            NCLOUD_ACCESS_KEY=sandbox.access_key,
            NCLOUD_SECRET_KEY=sandbox.secret_key,
            AITEMS_ENDPOINT=sandbox.base_url,
        )
        if sandbox.ca_bundle_path is not None:
            self.env["AITEMS_CA_BUNDLE"] = str(sandbox.ca_bundle_path)


def child_env(home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("NCLOUD_", "AITEMS_", "XDG_", "DBUS_", "PYTHON_KEYRING", "_ARGCOMPLETE")
        )
    }
    for sub in ("config", "data", "cache", "state"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    env.update(
        HOME=str(home),
        USERPROFILE=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        AITEMS_DESKTOP_CONFIG_DIR=str(home / "config" / "aitems-desktop"),
        PYTHONPATH=os.pathsep.join([str(HERE), str(ROOT), env.get("PYTHONPATH", "")]),
        PYTHON_KEYRING_BACKEND="file_keyring.FileKeyring",
        AITEMS_TEST_KEYRING_FILE=str(home / "keyring.json"),
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONIOENCODING="utf-8",
        COLUMNS="200",
    )
    return env


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    home = tmp_path / "home"
    home.mkdir()
    return Cli(home, child_env(home))


@pytest.fixture
def tls_sandbox() -> Iterator[SandboxServer]:
    with SandboxServer(seed_demo=True, tls=True) as server:
        yield server
