"""Shared steps for the tests of the workspace window's screens, against a sandbox."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from aitems_desktop.core.connection import Connection
from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow
from aitems_desktop.gui.workspace.rows import Kind
from aitems_desktop.sandbox import SandboxServer

KINDS = ("services", "datasets", "schemas")


def connection(sandbox: SandboxServer, label: str = "sandbox") -> Connection:
    return Connection(
        label=label,
        base_url=sandbox.base_url,
        access_key=sandbox.access_key,
        secret_key=sandbox.secret_key,
        is_sandbox=True,
        source="test",
        object_storage_url=sandbox.object_storage_url,
    )


@contextmanager
def open_window(qtbot: QtBot) -> Iterator[WorkspaceWindow]:
    window = WorkspaceWindow()
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    with qtbot.waitSignal(window.runner.core_ready, timeout=30_000):
        window.runner.load_core()
    try:
        yield window
    finally:
        window.close()
        assert window.workers.shutdown(10_000)
        if window.state_writer is not None:
            window.state_writer.join(5)


def connect(
    window: WorkspaceWindow, sandbox: SandboxServer, qtbot: QtBot, made: Connection | None = None
) -> None:
    """Connect (to ``made``, else as a test profile) and wait for all three lists, so no
    answer is still on its way."""
    with qtbot.waitSignals(
        [window.workspace.list_loaded] * len(KINDS),
        timeout=15_000,
        check_params_cbs=[lambda k, kind=kind: k == kind for kind in KINDS],
    ):
        window.set_connection(made or connection(sandbox))


def select(window: WorkspaceWindow, qtbot: QtBot, kind: Kind, resource_id: str) -> Any:
    """Select a resource and wait for its full read; returns it."""
    with qtbot.waitSignal(
        window.workspace.details_loaded,
        timeout=10_000,
        check_params_cb=lambda k, i, _: k == kind.value and i == resource_id,
    ) as blocker:
        window.navigator.select(kind, resource_id)
    return blocker.args[2]


def activate(qtbot: QtBot, widget: QWidget) -> None:
    """Make ``widget``'s window the active one, as a click on it would (the offscreen
    platform activates nothing by itself), so its shortcuts and mnemonics work."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)


def dialog(window: QWidget, name: str, qtbot: QtBot | None = None) -> Any:
    """The visible dialog ``name``; made the active window when ``qtbot`` is given."""
    # One closed a moment ago may still wait for its deleteLater: the visible one is meant.
    shown = [d for d in window.findChildren(QDialog, name) if d.isVisible()]
    assert len(shown) == 1, f"{len(shown)} dialogs {name} shown"
    found = shown[0]
    if qtbot is not None:
        activate(qtbot, found)
    return found


def opened(qtbot: QtBot, trigger: Callable[[], None], name: str) -> Any:
    """Run ``trigger`` and wait for the dialog (or window) ``name`` it shows; returns it."""
    trigger()
    found: list[QWidget] = []

    def present() -> bool:
        for top in QApplication.topLevelWidgets():
            hit = top if top.objectName() == name else top.findChild(QDialog, name)
            if hit is not None and hit.isVisible():
                found.append(hit)
                return True
        return False

    qtbot.waitUntil(present, timeout=10_000)
    return found[0]


def button(parent: QWidget, text: str) -> QPushButton:
    for push in parent.findChildren(QPushButton):
        if push.text().replace("&", "") == text and push.isVisible():
            return push
    raise AssertionError(f"no button {text!r}")


def wait_for(qtbot: QtBot, condition: Callable[[], bool], timeout: int = 15_000) -> None:
    qtbot.waitUntil(condition, timeout=timeout)
