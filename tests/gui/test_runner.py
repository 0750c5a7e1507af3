"""The GUI runner: one job per key, a cancel per job, late results of an old connection dropped."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from aitems_desktop.core.connection import Connection
from aitems_desktop.gui.shell.runner import Runner
from aitems_desktop.gui.worker import WorkerRegistry
from aitems_desktop.sandbox import Fault, SandboxServer


def connection(sandbox: SandboxServer, label: str = "sandbox") -> Connection:
    return Connection(
        label=label,
        base_url=sandbox.base_url,
        access_key=sandbox.access_key,
        secret_key=sandbox.secret_key,
        is_sandbox=True,
    )


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[Runner]:
    owner = QObject()
    registry = WorkerRegistry(owner)
    made = Runner(registry, owner)
    with qtbot.waitSignal(made.core_ready, timeout=30_000):
        made.load_core()
    yield made
    made.close()
    assert registry.shutdown(5000)


def names(api: Any) -> list[str]:
    return [s.name for s in api.services.list().services]


def test_a_job_runs_off_the_gui_thread_and_answers_on_it(
    runner: Runner, sandbox: SandboxServer, qtbot: QtBot
) -> None:
    import threading

    sandbox.add_service("one")
    runner.set_connection(connection(sandbox))
    seen: dict[str, Any] = {}

    def job(api: Any) -> list[str]:
        seen["job_thread"] = threading.current_thread()
        return names(api)

    def done(result: Any) -> None:
        seen["result"] = result
        seen["answer_thread"] = threading.current_thread()

    task = runner.run(job, done)
    assert task is not None
    with qtbot.waitSignal(task.done, timeout=10_000):
        pass
    assert seen["result"] == ["one"]
    assert seen["job_thread"] is not threading.main_thread()
    assert seen["answer_thread"] is threading.main_thread()


def test_a_second_job_with_the_same_key_is_refused_while_the_first_runs(
    runner: Runner, sandbox: SandboxServer, qtbot: QtBot
) -> None:
    runner.set_connection(connection(sandbox))
    sandbox.inject(Fault.STALL, seconds=30)
    first = runner.run(names, lambda _: None, lambda _: None, key="create")
    assert first is not None
    assert runner.run(names, lambda _: None, key="create") is None
    # Cancel once the stalled request has reached the sandbox, so the stall is the first's.
    qtbot.waitUntil(lambda: len(sandbox.requests) == 1, timeout=10_000)
    with qtbot.waitSignal(first.done, timeout=5_000):
        first.cancel()
    # Once the first is over, the same intention may run again.
    second = runner.run(names, lambda _: None, lambda _: None, key="create")
    assert second is not None
    with qtbot.waitSignal(second.done, timeout=10_000):
        pass


def test_cancelling_one_job_leaves_the_others_running(
    runner: Runner, sandbox: SandboxServer, qtbot: QtBot
) -> None:
    runner.set_connection(connection(sandbox))
    sandbox.add_service("kept")
    sandbox.inject(Fault.STALL, count=1, seconds=30)
    results: list[Any] = []
    stalled = runner.run(names, results.append, results.append, key="stalled")
    assert stalled is not None
    qtbot.waitUntil(lambda: len(sandbox.requests) == 1, timeout=10_000)
    other = runner.run(names, results.append, results.append, key="other")
    assert other is not None
    with qtbot.waitSignal(stalled.done, timeout=5_000):
        stalled.cancel()
    with qtbot.waitSignal(other.done, timeout=10_000):
        pass
    # The cancelled job reports nothing; the other one its answer.
    assert results == [["kept"]]


def test_a_late_answer_for_the_old_connection_is_dropped(
    runner: Runner, sandbox: SandboxServer, qtbot: QtBot
) -> None:
    with SandboxServer() as second:
        sandbox.add_service("from_first")
        second.add_service("from_second")
        runner.set_connection(connection(sandbox, "first"))
        sandbox.latency_ms = 800
        results: list[Any] = []
        old = runner.run(names, results.append, results.append)
        assert old is not None
        qtbot.waitUntil(lambda: len(sandbox.requests) == 1, timeout=10_000)
        with qtbot.waitSignal(old.done, timeout=5_000):
            runner.set_connection(connection(second, "second"))
        new = runner.run(names, results.append, results.append)
        assert new is not None
        with qtbot.waitSignal(new.done, timeout=10_000):
            pass
        assert results == [["from_second"]]


def test_jobs_asked_for_before_the_core_is_loaded_wait_for_it(
    sandbox: SandboxServer, qtbot: QtBot
) -> None:
    owner = QObject()
    registry = WorkerRegistry(owner)
    runner = Runner(registry, owner)
    runner.set_connection(connection(sandbox))
    sandbox.add_service("waited")
    results: list[Any] = []
    task = runner.run(names, results.append, results.append)
    assert task is not None
    # run() started the import; the job starts after it, never beside it.
    with qtbot.waitSignal(task.done, timeout=30_000):
        pass
    assert runner.is_core_ready
    assert results == [["waited"]]
    runner.close()
    assert registry.shutdown(5000)


def test_a_task_whose_owner_is_deleted_is_cancelled_and_its_answer_dropped(
    runner: Runner, qtbot: QtBot
) -> None:
    import threading

    release = threading.Event()
    answers: list[Any] = []
    owner = QObject()
    task = runner.run_local(
        lambda: release.wait(10), answers.append, answers.append, key="owned", owner=owner
    )
    assert task is not None
    assert task.is_running
    with qtbot.waitSignal(owner.destroyed, timeout=5_000):
        owner.deleteLater()
    assert not task.is_running  # cancelled with its owner
    release.set()
    qtbot.waitUntil(lambda: runner.registry.running_count() == 0, timeout=10_000)
    assert answers == []
