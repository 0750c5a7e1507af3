"""Fixtures for the GUI tests: isolation (settings, logs) and leak checks (threads, timers).

The leak checks follow napari's: a test that leaves a QThread running or a QTimer active
fails, because in the app that would be a hang at exit or a callback into a dead window.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QSettings, QThread, QTimer

# The offscreen platform cannot resize native windows to size hints and says so once per
# window; that is the test platform talking, not the app.
_PLATFORM_NOISE = "This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(_PLATFORM_NOISE))


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Window geometry and logs go to the test's own directory, never the user's."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    monkeypatch.setenv("AITEMS_DESKTOP_LOG_DIR", str(tmp_path / "logs"))


@pytest.fixture(autouse=True)
def _no_leftover_threads_or_timers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    threads: list[QThread] = []
    timers: list[QTimer] = []
    thread_start = QThread.start
    timer_start = QTimer.start

    def record_thread(self: QThread, *args: Any) -> None:
        threads.append(self)
        thread_start(self, *args)

    def record_timer(self: QTimer, *args: Any) -> None:
        timers.append(self)
        timer_start(self, *args)

    monkeypatch.setattr(QThread, "start", record_thread)
    monkeypatch.setattr(QTimer, "start", record_timer)
    yield
    monkeypatch.undo()
    running = [t for t in threads if shiboken6.isValid(t) and t.isRunning()]
    for thread in running:
        # Do not let a leaked thread crash the rest of the session; still fail the test.
        thread.quit()
        thread.wait(5000)
    active = [t for t in timers if shiboken6.isValid(t) and t.isActive()]
    for timer in active:
        timer.stop()
    assert not running, f"test left {len(running)} QThread(s) running"
    assert not active, f"test left {len(active)} QTimer(s) active"
