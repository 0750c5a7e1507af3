"""``--self-test``'s road through the workspace window, run against a fast sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from aitems_desktop.core.connection import Connection
from aitems_desktop.gui.shell.self_test import SelfTest
from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow
from aitems_desktop.sandbox import SandboxServer


@pytest.fixture
def fast_sandbox() -> Iterator[SandboxServer]:
    # As --sandbox starts it (demo data, a bucket); trainings take 140 simulated seconds,
    # at 200x under a second.
    with SandboxServer(seed_demo=True, time_scale=200) as server:
        yield server


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[WorkspaceWindow]:
    made = WorkspaceWindow()
    qtbot.addWidget(made)
    made.resize(1100, 700)
    made.show()
    with qtbot.waitSignal(made.runner.core_ready, timeout=30_000):
        made.runner.load_core()
    yield made
    made.close()
    assert made.workers.shutdown(5000)
    if made.state_writer is not None:
        made.state_writer.join(5)


def test_the_whole_road_passes_through_the_window(
    window: WorkspaceWindow, fast_sandbox: SandboxServer, qtbot: QtBot
) -> None:
    kinds = ("services", "datasets", "schemas")
    with qtbot.waitSignals(
        [window.workspace.list_loaded] * len(kinds),
        timeout=10_000,
        check_params_cbs=[lambda k, kind=kind: k == kind for kind in kinds],
    ):
        window.set_connection(
            Connection(
                label="sandbox",
                base_url=fast_sandbox.base_url,
                access_key=fast_sandbox.access_key,
                secret_key=fast_sandbox.secret_key,
                is_sandbox=True,
                source="test",
                object_storage_url=fast_sandbox.object_storage_url,
            )
        )
    road = SelfTest(window, fast_sandbox)
    with qtbot.waitSignal(road.finished, timeout=180_000) as blocker:
        road.start()
    report: dict[str, Any] = blocker.args[0]
    assert report["ok"], report
    steps = {step["step"]: step for step in report["steps"]}
    assert list(steps) == ["schemas", "datasets", "service", "attach", "train", "lookup", "deletes"]
    assert steps["train"]["trainings"] >= 1
    assert all(count > 0 for count in steps["lookup"]["results"].values())
    assert steps["deletes"]["deleted"] == 7
    # What the road made, it removed again.
    names = {service["name"] for service in fast_sandbox.services()}
    assert not [name for name in names if name.startswith("selftest_")]
