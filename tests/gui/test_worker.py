"""The worker thread and the operation front door."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from aitems_desktop.gui.operations import run_in_background
from aitems_desktop.gui.worker import WorkerRegistry


class Recorder:
    def __init__(self) -> None:
        self.results: list[object] = []
        self.errors: list[BaseException] = []
        self.threads: list[QThread] = []

    def success(self, result: object) -> None:
        self.threads.append(QThread.currentThread())
        self.results.append(result)

    def failure(self, error: BaseException) -> None:
        self.errors.append(error)


@pytest.fixture
def registry(qtbot: QtBot) -> WorkerRegistry:
    reg = WorkerRegistry()
    yield reg
    assert reg.shutdown(2000)


def test_the_job_runs_off_the_gui_thread_and_the_result_comes_back_on_it(
    registry: WorkerRegistry, qtbot: QtBot
) -> None:
    rec = Recorder()
    seen: list[bool] = []

    def job() -> str:
        seen.append(threading.current_thread() is threading.main_thread())
        return "done"

    op = run_in_background(registry, job, on_success=rec.success, on_failure=rec.failure)
    with qtbot.waitSignal(op.done):
        pass
    assert seen == [False]
    assert rec.results == ["done"]
    assert rec.threads == [QThread.currentThread()]
    qtbot.waitUntil(lambda: registry.running_count() == 0)


def test_an_exception_is_delivered_not_raised(registry: WorkerRegistry, qtbot: QtBot) -> None:
    rec = Recorder()

    def job() -> None:
        raise ValueError("boom")

    op = run_in_background(registry, job, on_success=rec.success, on_failure=rec.failure)
    with qtbot.waitSignal(op.done):
        pass
    assert [str(e) for e in rec.errors] == ["boom"]
    qtbot.waitUntil(lambda: registry.running_count() == 0)


def test_cancel_stops_waiting_at_once_and_drops_the_late_result(
    registry: WorkerRegistry, qtbot: QtBot
) -> None:
    rec = Recorder()
    release = threading.Event()
    hook_called = threading.Event()

    def job() -> str:
        release.wait(5)
        return "late"

    op = run_in_background(
        registry, job, on_success=rec.success, on_failure=rec.failure, cancel_hook=hook_called.set
    )
    op.cancel()
    assert hook_called.is_set()
    assert not op.is_running
    release.set()
    # The count drops in a slot queued when the thread finished, after anything the job
    # emitted: the GUI thread delivers them in order, so a late result was delivered by now.
    qtbot.waitUntil(lambda: registry.running_count() == 0)
    assert rec.results == []
    assert rec.errors == []


def test_shutdown_cancels_and_waits_with_a_bound(qtbot: QtBot) -> None:
    registry = WorkerRegistry()
    stop = threading.Event()

    def job() -> None:
        stop.wait(10)

    rec = Recorder()
    run_in_background(
        registry, job, on_success=rec.success, on_failure=rec.failure, cancel_hook=stop.set
    )
    assert registry.shutdown(2000)
    assert registry.running_count() == 0
    assert rec.results == []
