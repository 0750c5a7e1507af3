"""The window the app builds in two stages: its frame first, the rest right after the paint."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget
from pytestqt.qtbot import QtBot

from aitems_desktop.core.connection import Connection
from aitems_desktop.gui.shell.window_state import (
    APPLICATION,
    ORGANIZATION,
    WindowState,
)
from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow
from aitems_desktop.gui.workspace.rows import Kind
from aitems_desktop.sandbox import SandboxServer


def _actions(window: WorkspaceWindow) -> dict[str, tuple[str, list[str], bool, bool]]:
    return {
        action.objectName(): (
            action.text(),
            [s.toString() for s in action.shortcuts()],
            action.isEnabled(),
            action.isVisible(),
        )
        for action in window.findChildren(QAction)
        if action.objectName()
    }


def _menu(menu: QMenu) -> list[Any]:
    items: list[Any] = []
    for action in menu.actions():
        if action.isSeparator():
            items.append("-")
        elif action.menu() is not None:
            items.append((action.text(), _menu(action.menu())))
        else:
            items.append(action.objectName())
    return items


def _shape(window: WorkspaceWindow) -> dict[str, Any]:
    widgets = sorted(
        (w.objectName(), type(w).__name__) for w in window.findChildren(QWidget) if w.objectName()
    )
    menus = [(a.text(), _menu(a.menu())) for a in window.menuBar().actions()]
    toolbar = [a.objectName() or a.text() for a in window.toolbar.actions()]
    return {
        "actions": _actions(window),
        "menus": menus,
        "toolbar": toolbar,
        "widgets": widgets,
        "title": window.windowTitle(),
        "status": window.endpoint_label.text(),
        "list": window.navigator.current_kind(),
    }


def test_a_staged_window_once_complete_is_a_directly_built_one(qtbot: QtBot) -> None:
    direct = WorkspaceWindow()
    qtbot.addWidget(direct)
    staged = WorkspaceWindow(staged=True)
    qtbot.addWidget(staged)
    assert direct.is_complete()
    assert not staged.is_complete()
    # The frame: its menus and status bar, and nothing that needs the workspace enabled.
    assert not hasattr(staged, "navigator")
    assert staged.menuBar().actions()
    assert staged.endpoint_label.text() == "Not connected"
    frame_actions = _actions(staged)
    assert "activityAction" not in frame_actions  # comes with the dock
    for name in (
        "newServiceAction",
        "filterAction",
        "refreshAction",
        "showServicesAction",
        "expandAction",
        "editAction",
        "overviewTabAction",
    ):
        assert frame_actions[name][2] is False, name
    # What needs no workspace works in the frame.
    for name in ("quitAction", "credentialsAction", "preferencesAction", "shortcutsAction"):
        assert frame_actions[name][2] is True, name

    with qtbot.waitSignal(staged.completed):
        staged.complete()
    assert staged.is_complete()
    assert _shape(staged) == _shape(direct)
    staged.complete()  # a second call builds nothing more
    assert _shape(staged) == _shape(direct)


def test_the_layout_is_restored_when_the_window_completes(qtbot: QtBot) -> None:
    model = WorkspaceWindow()
    qtbot.addWidget(model)
    model.resize(900, 610)
    model.navigator.show_kind(Kind.SCHEMAS)
    saved = model.current_state()
    direct = WorkspaceWindow(state=saved)
    qtbot.addWidget(direct)
    staged = WorkspaceWindow(state=saved, staged=True)
    qtbot.addWidget(staged)
    assert staged.size() == direct.size()  # the frame has the geometry already
    staged.complete()
    assert staged.navigator.current_kind() is direct.navigator.current_kind() is Kind.SCHEMAS
    assert staged.splitter.saveState() == direct.splitter.saveState()
    assert staged.saveState() == direct.saveState()


def test_a_connection_set_before_completion_is_read_once_complete(
    qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.add_service("alpha", "learnable")
    window = WorkspaceWindow(staged=True)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.runner.core_ready, timeout=30_000):
        window.runner.load_core()
    window.set_connection(
        Connection(
            label="sandbox",
            base_url=sandbox.base_url,
            access_key=sandbox.access_key,
            secret_key=sandbox.secret_key,
            is_sandbox=True,
            source="test",
        )
    )
    assert window.windowTitle() == "sandbox"
    assert not window.new_service_action.isEnabled()  # nothing to act on yet
    window.complete()
    qtbot.waitUntil(lambda: all(window.workspace.is_loaded(k) for k in Kind), timeout=10_000)
    assert [r.name for r in window.workspace.models[Kind.SERVICES].rows()] == ["alpha"]
    assert window.new_service_action.isEnabled()
    window.close()
    assert window.workers.shutdown(5000)
    if window.state_writer is not None:
        window.state_writer.join(5)


def test_closing_before_completion_keeps_the_saved_state_and_builds_nothing(
    qtbot: QtBot,
) -> None:
    restored = WindowState(kind="datasets", selected="ds-1", profile="work")
    window = WorkspaceWindow(state=restored, staged=True)
    qtbot.addWidget(window)
    window.show()
    window.close()
    assert window.state_writer is not None
    window.state_writer.join(5)
    window.complete()  # what the app queued for after the first paint
    assert not window.is_complete()
    assert not hasattr(window, "navigator")
    settings = QSettings(
        QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )
    assert settings.value("workspace/kind") == "datasets"
    assert settings.value("workspace/selected") == "ds-1"
    assert settings.value("workspace/profile") == "work"


def test_the_app_closed_before_its_window_completes_exits_cleanly(tmp_path: Path) -> None:
    # The window is closed by a zero timer set before show(), which fires before the first
    # paint, so before the work queued after it (the rest of the window, the credentials).
    driver = textwrap.dedent(
        """
        import sys
        from PySide6.QtCore import QTimer
        from aitems_desktop.__main__ import main
        from aitems_desktop.gui.shell import workspace_window

        original_show = workspace_window.WorkspaceWindow.show
        seen = {}

        def show(self):
            seen["window"] = self
            QTimer.singleShot(0, self.close)
            original_show(self)

        workspace_window.WorkspaceWindow.show = show
        code = main(sys.argv[1:])
        print("complete" if seen["window"].is_complete() else "frame only", flush=True)
        sys.exit(code)
        """
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NCLOUD_", "AITEMS_"))}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.update(
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        QT_QPA_PLATFORM="offscreen",
        AITEMS_DESKTOP_LOG_DIR=str(tmp_path / "logs"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        HOME=str(tmp_path / "home"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    out = subprocess.run(
        [sys.executable, "-c", driver, "--sandbox"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "frame only"
    assert out.stderr == ""
    log = (tmp_path / "logs").glob("*.log")
    text = "".join(p.read_text(encoding="utf-8") for p in log)
    assert "Traceback" not in text
