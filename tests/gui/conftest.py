"""Fixtures for the GUI tests: isolation (settings, logs) and leak checks (threads, timers).

The leak check (tests/qt_leak_checks.py) fails a test that leaves a QThread running or a
QTimer active.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from qt_gc import gui_thread_garbage_collector
from qt_leak_checks import no_leaked_threads_or_timers

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
    monkeypatch.setenv("AITEMS_DESKTOP_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(autouse=True)
def _no_leftover_threads_or_timers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with no_leaked_threads_or_timers(monkeypatch):
        yield


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
