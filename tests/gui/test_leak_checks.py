"""The leak check itself: each kind of leftover fails, saying where it was started."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer
from pytestqt.qtbot import QtBot
from qt_leak_checks import no_leaked_threads_or_timers


def test_a_pending_single_shot_is_a_leak(qtbot: QtBot) -> None:
    fired: list[str] = []
    context = QObject()
    with (
        pytest.MonkeyPatch.context() as patch,
        pytest.raises(AssertionError) as failed,
        no_leaked_threads_or_timers(patch),
    ):
        QTimer.singleShot(60_000, context, lambda: fired.append("late"))
    assert "QTimer.singleShot(s) pending" in str(failed.value)
    assert "test_leak_checks.py" in str(failed.value)  # where it was started
    # Cancelled with its context, so that this test leaves nothing behind itself.
    context.deleteLater()
    qtbot.waitUntil(lambda: not _alive(context))


def test_a_single_shot_that_fired_or_lost_its_context_is_no_leak(qtbot: QtBot) -> None:
    fired: list[str] = []
    with pytest.MonkeyPatch.context() as patch, no_leaked_threads_or_timers(patch):
        QTimer.singleShot(0, lambda: fired.append("now"))
        context = QObject()
        QTimer.singleShot(60_000, context, lambda: fired.append("never"))
        qtbot.waitUntil(lambda: fired == ["now"])
        context.deleteLater()
        qtbot.waitUntil(lambda: not _alive(context))
    assert fired == ["now"]


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


class _Blocked(QRunnable):
    def __init__(self, release: threading.Event) -> None:
        super().__init__()
        self.release = release

    def run(self) -> None:
        self.release.wait(10)


def test_a_thread_pool_still_working_is_a_leak() -> None:
    release = threading.Event()
    pool = QThreadPool()
    try:
        with (
            pytest.MonkeyPatch.context() as patch,
            pytest.raises(AssertionError) as failed,
            no_leaked_threads_or_timers(patch),
        ):
            pool.start(_Blocked(release))
        assert "QThreadPool(s) working" in str(failed.value)
        assert "test_leak_checks.py" in str(failed.value)
    finally:
        release.set()
        assert pool.waitForDone(10_000)
