"""The leak check shared by the GUI and reliability suites (napari's idea).

A test that leaves a QThread running or a QTimer active fails: in the app either would be a
hang at exit or a callback into a dead window. The reliability suite also counts Python
threads; ``python_threads_grace`` is how long threads asked to stop get to end.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QThread, QTimer


@contextmanager
def no_leaked_threads_or_timers(
    monkeypatch: pytest.MonkeyPatch, *, python_threads_grace: float | None = None
) -> Iterator[None]:
    before = set(threading.enumerate())
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
    # A worker's thread ends a moment after its result is delivered (its event loop quits
    # once the job returns); one that is still running after a second was left running.
    running = [t for t in threads if shiboken6.isValid(t) and t.isRunning() and not t.wait(1000)]
    for thread in running:
        # Do not let a leaked thread crash the rest of the session; still fail the test.
        thread.quit()
        thread.wait(5000)
    active = [t for t in timers if shiboken6.isValid(t) and t.isActive()]
    for timer in active:
        timer.stop()
    assert not running, f"test left {len(running)} QThread(s) running"
    assert not active, f"test left {len(active)} QTimer(s) active"
    if python_threads_grace is not None:
        # Threads that were asked to stop get a moment to do so (a closed socket wakes them).
        deadline = time.monotonic() + python_threads_grace
        while (extra := _new_threads(before)) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not extra, f"test left Python threads alive: {[t.name for t in extra]}"


def _new_threads(before: set[threading.Thread]) -> list[threading.Thread]:
    # A QThread that touched the threading module shows up as a _DummyThread that never
    # goes away; QThreads are checked above, by Qt's own state.
    return [
        t
        for t in threading.enumerate()
        if t not in before and t.is_alive() and not isinstance(t, threading._DummyThread)
    ]
