"""The leak check shared by the GUI and reliability suites (napari's idea).

A test that leaves a QThread running, a QTimer active, a ``QTimer.singleShot`` pending or a
QThreadPool runnable working fails: in the app each would be a hang at exit or a callback
into a dead window. Each is reported with where it was started. The reliability suite also
counts Python threads; ``python_threads_grace`` is how long threads asked to stop get to end.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QObject, QThread, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication


def _where() -> str:
    # The caller's frames, without this module's and pytest's own.
    frames = [f for f in traceback.extract_stack()[:-2] if "qt_leak_checks" not in f.filename]
    return "".join(traceback.format_list(frames[-6:]))


@dataclass
class _Started:
    """One thing a test started, and where."""

    thing: Any
    where: str
    fired: bool = False
    context: QObject | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _report(kind: str, leaked: list[_Started]) -> str:
    lines = [f"test left {len(leaked)} {kind}:"]
    for entry in leaked:
        lines.append(f"- {entry.thing!r}, started at\n{entry.where}")
    return "\n".join(lines)


@contextmanager
def no_leaked_threads_or_timers(
    monkeypatch: pytest.MonkeyPatch, *, python_threads_grace: float | None = None
) -> Iterator[None]:
    before = set(threading.enumerate())
    threads: list[_Started] = []
    timers: list[_Started] = []
    single_shots: list[_Started] = []
    pools: list[_Started] = []
    thread_start = QThread.start
    timer_start = QTimer.start
    single_shot = QTimer.singleShot
    pool_start = QThreadPool.start

    def record_thread(self: QThread, *args: Any) -> None:
        threads.append(_Started(self, _where()))
        thread_start(self, *args)

    def record_timer(self: QTimer, *args: Any) -> None:
        timers.append(_Started(self, _where()))
        timer_start(self, *args)

    def record_single_shot(msec: Any, *args: Any) -> None:
        target = args[-1] if args else None
        if not callable(target) or isinstance(target, QObject):
            # The (receiver, "member") form: Qt cancels it with its receiver.
            single_shot(msec, *args)
            return
        entry = _Started(target, _where())
        entry.context = next((a for a in args[:-1] if isinstance(a, QObject)), None)

        def fire(*fired_args: Any) -> None:
            entry.fired = True
            target(*fired_args)

        single_shots.append(entry)
        single_shot(msec, *args[:-1], fire)

    def record_pool(self: QThreadPool, *args: Any) -> None:
        pools.append(_Started(self, _where()))
        pool_start(self, *args)

    monkeypatch.setattr(QThread, "start", record_thread)
    monkeypatch.setattr(QTimer, "start", record_timer)
    monkeypatch.setattr(QTimer, "singleShot", staticmethod(record_single_shot))
    monkeypatch.setattr(QThreadPool, "start", record_pool)
    yield
    monkeypatch.undo()
    # A worker's thread ends a moment after its result is delivered (its event loop quits
    # once the job returns); one that is still running after a second was left running.
    running = [
        e
        for e in threads
        if shiboken6.isValid(e.thing) and e.thing.isRunning() and not e.thing.wait(1000)
    ]
    for entry in running:
        # Do not let a leaked thread crash the rest of the session; still fail the test.
        entry.thing.quit()
        entry.thing.wait(5000)
    active = [e for e in timers if shiboken6.isValid(e.thing) and e.thing.isActive()]
    for entry in active:
        entry.thing.stop()
    working = [e for e in {id(e.thing): e for e in pools}.values() if not _pool_done(e.thing)]
    # A zero-delay shot queued by the test's last event is due now: let it run.
    app = QApplication.instance()
    if app is not None:
        app.processEvents()
    pending = [
        e
        for e in single_shots
        if not e.fired and (e.context is None or shiboken6.isValid(e.context))
    ]
    assert not running, _report("QThread(s) running", running)
    assert not active, _report("QTimer(s) active", active)
    assert not pending, _report("QTimer.singleShot(s) pending", pending)
    assert not working, _report("QThreadPool(s) working", working)
    if python_threads_grace is not None:
        # Threads that were asked to stop get a moment to do so (a closed socket wakes them).
        deadline = time.monotonic() + python_threads_grace
        while (extra := _new_threads(before)) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not extra, f"test left Python threads alive: {[t.name for t in extra]}"


def _pool_done(pool: QThreadPool) -> bool:
    return not shiboken6.isValid(pool) or pool.waitForDone(1000)


def _new_threads(before: set[threading.Thread]) -> list[threading.Thread]:
    # A QThread that touched the threading module shows up as a _DummyThread that never
    # goes away; QThreads are checked above, by Qt's own state.
    return [
        t
        for t in threading.enumerate()
        if t not in before and t.is_alive() and not isinstance(t, threading._DummyThread)
    ]
