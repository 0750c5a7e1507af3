"""Cyclic garbage is collected on the GUI thread only (gui/garbage_collector.py).

Without that rule a worker thread that allocates (requests, pydantic) starts collections
itself, and whatever Qt object sits in a garbage cycle is destroyed on that worker: a
QObject with a running timer then stays in the GUI thread's timer list after it is freed,
and the next tick crashes the process.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from aitems_desktop.gui.garbage_collector import GarbageCollector, collect_due_generations
from aitems_desktop.gui.operations import run_in_background
from aitems_desktop.gui.worker import WorkerRegistry


def _make_cyclic_garbage(count: int = 100_000) -> None:
    for _ in range(count):
        cycle: list[object] = []
        cycle.append(cycle)


def _ignore(_: object) -> None:
    pass


@pytest.fixture
def collections() -> Iterator[list[bool]]:
    """One entry per collection that starts: True when it runs on the main thread."""
    seen: list[bool] = []

    def record(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append(threading.current_thread() is threading.main_thread())

    gc.callbacks.append(record)
    yield seen
    gc.callbacks.remove(record)


def test_workers_never_collect_and_the_gui_thread_does(
    qtbot: QtBot, collections: list[bool]
) -> None:
    registry = WorkerRegistry()
    operations = [
        run_in_background(registry, _make_cyclic_garbage, on_success=_ignore, on_failure=_ignore)
        for _ in range(3)
    ]
    qtbot.waitUntil(lambda: registry.running_count() == 0, timeout=60_000)
    assert not any(operation.is_running for operation in operations)
    # 300,000 cycles were made and none collected on the workers: the GUI thread's timer
    # collects them (the definite event waited for), and nothing else ever collected.
    qtbot.waitUntil(lambda: any(collections), timeout=10_000)
    assert not gc.isenabled()
    assert all(collections), f"{collections.count(False)} collection(s) ran on a worker"


def test_the_rule_is_the_interpreters(collections: list[bool]) -> None:
    generation0, _, _ = gc.get_threshold()
    gc.collect()
    assert collect_due_generations() == 0  # nothing is due yet
    assert collections == [True]
    _make_cyclic_garbage(generation0 + 10)
    assert collect_due_generations() >= generation0
    assert len(collections) == 2


def test_stop_gives_collection_back_only_if_it_had_it(qapp: QApplication) -> None:
    assert not gc.isenabled()  # the suite runs like the app
    collector = GarbageCollector(qapp)
    collector.stop()
    assert not gc.isenabled()
    gc.enable()
    try:
        collector = GarbageCollector(qapp)
        assert not gc.isenabled()
        collector.stop()
        assert gc.isenabled()
    finally:
        gc.disable()


# A QObject with a running QTimer, dropped inside a reference cycle while workers allocate:
# the cycle is collected by the first collection that runs after it, on whichever thread.
_PROBE = textwrap.dedent(
    """
    import os, sys, time
    from PySide6.QtCore import QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QApplication
    from aitems_desktop.gui.operations import run_in_background
    from aitems_desktop.gui.worker import WorkerRegistry

    app = QApplication([])
    if sys.argv[1] == "collector":
        from aitems_desktop.gui.garbage_collector import GarbageCollector
        collector = GarbageCollector(app)
    registry = WorkerRegistry()

    class Ticker(QObject):
        def __init__(self):
            super().__init__()
            self.timer = QTimer(self)
            self.timer.timeout.connect(self.tick)
            self.timer.start(1)
            self.itself = self  # the cycle (a wrapper's cached signals make one too)

        def tick(self):
            pass

    def allocate():
        for _ in range(50_000):
            cycle = []
            cycle.append(cycle)

    for _ in range(10):
        Ticker()
        operation = run_in_background(registry, allocate, on_success=print, on_failure=print)
        loop = QEventLoop()
        operation.done.connect(loop.quit)
        loop.exec()
        end = time.monotonic() + 0.05
        while time.monotonic() < end:
            app.processEvents()
    registry.shutdown(5000)
    print("survived")
    """
)

_WRONG_THREAD = "Timers cannot be stopped from another thread"


def _run_probe(mode: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", _PROBE, mode],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


@pytest.mark.slow
def test_a_qobject_in_a_cycle_is_destroyed_on_the_gui_thread() -> None:
    done = _run_probe("collector")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "survived"
    assert _WRONG_THREAD not in done.stderr


@pytest.mark.slow
def test_without_the_collector_the_probe_does_crash() -> None:
    # The control: the same probe with the interpreter's own collection kills the process
    # (SIGSEGV on every run measured) or at least destroys the timer on a worker.
    done = _run_probe("interpreter")
    assert done.returncode != 0 or _WRONG_THREAD in done.stderr, done.stdout
