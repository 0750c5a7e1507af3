"""Helpers of the reliability suite: connections, the form, the panel, failing addresses."""

from __future__ import annotations

import dataclasses
import os
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from aitems_desktop.core.client import AitemsClient
from aitems_desktop.core.connection import Connection
from aitems_desktop.gui.main_window import MainWindow
from aitems_desktop.gui.service_tree_model import RAW_VALUE_ROLE
from aitems_desktop.sandbox import SandboxServer

MakeWindow = Callable[..., MainWindow]


# --- the window -------------------------------------------------------------------------------


def sandbox_connection(server: SandboxServer, *, label: str = "sandbox") -> Connection:
    return Connection(
        label=label,
        base_url=server.base_url,
        access_key=server.access_key,
        secret_key=server.secret_key,
        is_sandbox=True,
        source="test",
    )


def url_connection(base_url: str, server: SandboxServer) -> Connection:
    """The sandbox's keys, sent to another address (closed port, black hole, proxy...)."""
    return Connection(
        label="elsewhere",
        base_url=base_url,
        access_key=server.access_key,
        secret_key=server.secret_key,
        source="test",
    )


def client_factory(**options: Any) -> Callable[[Connection], AitemsClient]:
    """A factory like the app's, with some client options changed (timeouts, retries)."""

    # Settings a connection carries itself go through it, as a profile's would.
    carried = {k: options.pop(k) for k in ("proxy", "ca_bundle") if k in options}

    def make(connection: Connection) -> AitemsClient:
        return dataclasses.replace(connection, **carried).client(**options)

    return make


def type_form(win: MainWindow, name: str, description: str = "") -> None:
    win.form.name_edit.clear()
    QTest.keyClicks(win.form.name_edit, name)
    win.form.description_edit.clear()
    if description:
        QTest.keyClicks(win.form.description_edit, description)


def click(widget: Any) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def wait_idle(win: MainWindow, qtbot: QtBot, timeout: int = 20_000) -> None:
    qtbot.waitUntil(
        lambda: not win.form.is_busy() and win.workers.running_count() == 0, timeout=timeout
    )


def shown(win: MainWindow, path: str) -> Any:
    index = win.model.index_for_path(path)
    assert index.isValid(), path
    return index.siblingAtColumn(1).data(RAW_VALUE_ROLE)


def panel_text(win: MainWindow) -> str:
    """Everything the error panel shows, as a person reads it."""
    panel = win.error_panel
    labels = (
        panel.title_label,
        panel.message_label,
        panel.hint_label,
        panel.ids_label,
        panel.details_label,
    )
    return "\n".join(label.text() for label in labels if label.isVisibleTo(panel))


def posts(server: SandboxServer) -> int:
    return len([r for r in server.requests if r.method == "POST"])


# --- addresses that fail -------------------------------------------------------------------


def closed_port() -> int:
    """A loopback port with nothing listening (connections to it are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class BlackHole:
    """A loopback listener whose accept queue is full: new connects hang until they time out.

    Linux drops a SYN while the listener's accept queue is full, so a connect to it behaves
    like one to an unreachable host, without leaving the machine.
    """

    def __init__(self) -> None:
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(0)
        self.port = int(self._listener.getsockname()[1])
        self._fillers: list[socket.socket] = []
        for _ in range(3):
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", self.port))
            self._fillers.append(filler)
        time.sleep(0.05)  # let the kernel queue the fillers' handshakes

    def close(self) -> None:
        for sock in (*self._fillers, self._listener):
            sock.close()


def child_env(home: Path, keys: tuple[str, str, str] | None = None) -> dict[str, str]:
    """The environment of the app run as a child: isolated under ``home``, an in-memory
    keyring, offscreen, and (with ``keys``: access key, secret, endpoint) keys from the
    environment."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NCLOUD_", "AITEMS_", "XDG_", "DBUS_", "PYTHON_KEYRING"))
    }
    env.update(
        PYTHONPATH=os.pathsep.join([str(Path(__file__).parent), env.get("PYTHONPATH", "")]),
        PYTHON_KEYRING_BACKEND="memory_keyring.MemoryKeyring",
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        AITEMS_DESKTOP_LOG_DIR=str(home / "logs"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    if keys is not None:
        access, secret, endpoint = keys
        env.update(NCLOUD_ACCESS_KEY=access, NCLOUD_SECRET_KEY=secret, AITEMS_ENDPOINT=endpoint)
    return env
