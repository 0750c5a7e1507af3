"""Helpers of the reliability suite: connections, the New Service dialog, the details pane,
the panel, failing addresses."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from aitems_desktop.core.connection import Connection
from aitems_desktop.gui.details.tree_model import PATH_ROLE, raw_at
from aitems_desktop.gui.services.new_service_dialog import CREATE_KEY, NewServiceDialog
from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow
from aitems_desktop.gui.workspace.rows import Kind
from aitems_desktop.sandbox import SandboxServer

MakeWindow = Callable[..., WorkspaceWindow]


# --- the window -------------------------------------------------------------------------------


def sandbox_connection(
    server: SandboxServer, *, label: str = "sandbox", **settings: Any
) -> Connection:
    return Connection(
        label=label,
        base_url=server.base_url,
        access_key=server.access_key,
        secret_key=server.secret_key,
        is_sandbox=True,
        source="test",
        **settings,
    )


def url_connection(base_url: str, server: SandboxServer, **settings: Any) -> Connection:
    """The sandbox's keys, sent to another address (closed port, black hole, proxy...)."""
    return Connection(
        label="elsewhere",
        base_url=base_url,
        access_key=server.access_key,
        secret_key=server.secret_key,
        source="test",
        **settings,
    )


def new_service(win: WorkspaceWindow) -> NewServiceDialog:
    """Open File > New Service… and return its dialog."""
    win.new_service_action.trigger()
    dialog = win.services.new_dialog
    assert isinstance(dialog, NewServiceDialog), "the New Service dialog did not open"
    return dialog


def type_form(dialog: NewServiceDialog, name: str, description: str = "") -> None:
    dialog.form.name_edit.clear()
    QTest.keyClicks(dialog.form.name_edit, name)
    dialog.form.description_edit.clear()
    if description:
        QTest.keyClicks(dialog.form.description_edit, description)


def click(widget: Any) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def creating(win: WorkspaceWindow) -> bool:
    """A create is in flight (the one the runner allows at a time)."""
    return win.runner.is_running(CREATE_KEY)


def wait_idle(win: WorkspaceWindow, qtbot: QtBot, timeout: int = 20_000) -> None:
    """No job of the window runs and every worker thread has ended."""
    qtbot.waitUntil(
        lambda: not win.runner.running() and win.workers.running_count() == 0, timeout=timeout
    )


def shown_service(win: WorkspaceWindow) -> Any:
    """The JSON of the service the details pane shows (None when it shows no service)."""
    page = win.details.page(Kind.SERVICES)
    if win.details.currentWidget() is not page:
        return None
    return page.model.raw()


def wait_shown(win: WorkspaceWindow, qtbot: QtBot, name: str, timeout: int = 10_000) -> Any:
    """Wait until the details pane shows the service called ``name``; its JSON."""
    qtbot.waitUntil(lambda: (shown_service(win) or {}).get("name") == name, timeout=timeout)
    return shown_service(win)


def shown(win: WorkspaceWindow, path: str) -> Any:
    """The raw value of the node with JSON key path ``path`` in the service's details tree."""
    model = win.details.page(Kind.SERVICES).model
    found = model.match(
        model.index(0, 1),
        PATH_ROLE,
        path,
        1,
        Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
    )
    assert found, path
    return raw_at(found[0])


def panel_text(panel: Any) -> str:
    """Everything an error panel shows, as a person reads it."""
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
