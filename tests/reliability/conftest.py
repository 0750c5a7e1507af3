"""Shared pieces of the reliability suite: isolation, leak checks, the window and its helpers.

Every test here runs with its own HOME, XDG directories, log directory and window settings,
so a scan for secrets afterwards sees exactly what this test wrote. Every test also fails
when it leaves a QThread running, a QTimer active or a Python thread alive: in the app each
of those would be a hang at exit or a callback into a dead window.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from qt_gc import gui_thread_garbage_collector
from qt_leak_checks import no_leaked_threads_or_timers as watch_for_leaks
from reliability_support import BlackHole, MakeWindow, sandbox_connection

from aitems_desktop.core.connection import Connection
from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow
from aitems_desktop.gui.workspace.rows import Kind
from aitems_desktop.sandbox import SandboxServer

# The offscreen platform cannot resize native windows to size hints and says so once per
# window; that is the test platform talking, not the app.
_PLATFORM_NOISE = "This plugin does not support (propagateSizeHints|raise)"
#: How long a test may take to let its own threads end before they count as leaked.
_THREAD_GRACE_SECONDS = 5.0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(_PLATFORM_NOISE))


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME, XDG dirs, logs and window settings under the test's own directory."""
    home = tmp_path / "home"
    for sub in ("config", "data", "cache", "state"):
        (home / sub).mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("AITEMS_DESKTOP_LOG_DIR", str(home / "logs"))
    for name in ("NCLOUD_ACCESS_KEY", "NCLOUD_SECRET_KEY", "AITEMS_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "config"))
    return home


@pytest.fixture(autouse=True)
def no_leaked_threads_or_timers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail a test that leaves a QThread running, a QTimer active or a Python thread alive."""
    with watch_for_leaks(monkeypatch, python_threads_grace=_THREAD_GRACE_SECONDS):
        yield


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[MakeWindow]:
    """Open the real window on a connection; closed (and its threads joined) afterwards.

    ``engine`` options (timeouts, retries, back-off) go to each call's engine. With
    ``lists=True`` (the default) it returns once the three lists of the connection are read,
    so that no read of them is still on its way when a test injects a fault; with
    ``lists=False`` (an address that never answers) those reads are stopped instead, so that
    the calls in flight afterwards are the test's own.
    """
    made: list[WorkspaceWindow] = []

    def make(
        connection: Connection | None, *, lists: bool = True, **engine: Any
    ) -> WorkspaceWindow:
        win = WorkspaceWindow()
        qtbot.addWidget(win)
        win.runner.engine_options = dict(engine)
        win.resize(1100, 700)
        win.show()
        qtbot.waitExposed(win)
        made.append(win)
        with qtbot.waitSignal(win.runner.core_ready, timeout=30_000):
            win.runner.load_core()
        if connection is None:
            return win
        if lists:
            kinds = [kind.value for kind in Kind]
            with qtbot.waitSignals(
                [win.workspace.list_loaded] * len(kinds),
                timeout=20_000,
                check_params_cbs=[lambda k, kind=kind: k == kind for kind in kinds],
            ):
                win.set_connection(connection)
        else:
            win.set_connection(connection)
            win.runner.cancel_all()
            qtbot.waitUntil(lambda: win.workers.running_count() == 0, timeout=10_000)
        return win

    yield make
    for win in made:
        win.close()
        assert win.workers.shutdown(5000)
        if win.state_writer is not None:
            win.state_writer.join(5)


@pytest.fixture
def window(make_window: MakeWindow, sandbox: SandboxServer) -> WorkspaceWindow:
    """The window on the sandbox with the app's own engine settings, its lists read."""
    return make_window(sandbox_connection(sandbox))


@pytest.fixture
def black_hole() -> Iterator[BlackHole]:
    hole = BlackHole()
    yield hole
    hole.close()


@pytest.fixture(scope="session", autouse=True)
def _garbage_collected_on_the_gui_thread(qapp: QApplication) -> Iterator[None]:
    with gui_thread_garbage_collector(qapp):
        yield


@pytest.fixture(autouse=True)
def _no_unanswered_message_box(monkeypatch: pytest.MonkeyPatch) -> None:
    """A QMessageBox that no test answers (MessageBoxAnswers) returns at once, as if
    dismissed with Esc, instead of waiting forever for a click offscreen: closing a dialog
    with unsaved edits at teardown asks "Discard changes?"."""
    monkeypatch.setattr(QMessageBox, "exec", _dismissed)


def _dismissed(box: QMessageBox) -> int:
    return int(QMessageBox.StandardButton.NoButton.value)
