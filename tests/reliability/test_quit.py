"""Scenario 8: quitting mid-call. Exit code 0, no Qt warnings, no thread left running.

The app runs as a program (``aitems_desktop.__main__.main``) in a child process, against a
sandbox in this process that holds the call where the test wants it: a stalled create, a
connect that never completes, a Retry-After wait, the lookup after a dropped create. The
driver creates through the workspace window's New Service dialog (or, for the Retry-After
wait, lets the window read its lists), quits while the call is in flight and prints what was
still running afterwards.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from reliability_support import (
    BlackHole,
    MakeWindow,
    child_env,
    click,
    new_service,
    sandbox_connection,
    type_form,
)

from aitems_desktop.sandbox import Fault, SandboxServer

_DRIVER = textwrap.dedent(
    """
    import json, os, sys, threading, time
    from PySide6.QtCore import QSocketNotifier, QTimer, Qt
    from PySide6.QtTest import QTest
    from aitems_desktop.__main__ import main
    from aitems_desktop.gui import worker
    from aitems_desktop.gui.shell import workspace_window
    from aitems_desktop.gui.workspace.rows import Kind

    action = sys.argv[1]
    state = {"shutdown": []}
    original_shutdown = worker.WorkerRegistry.shutdown

    def shutdown(self, timeout_ms=800):
        stopped = original_shutdown(self, timeout_ms)
        state["shutdown"].append([stopped, self.running_count()])
        return stopped

    worker.WorkerRegistry.shutdown = shutdown

    def start(window):
        if action == "create":
            window.new_service_action.trigger()
            dialog = window.services.new_dialog
            state["dialog"] = dialog
            QTest.keyClicks(dialog.form.name_edit, "quit_reco")
            QTest.mouseClick(dialog.form.create_button, Qt.MouseButton.LeftButton)
        # "open": the lists' reads are the calls in flight (the first waits for Retry-After).
        state["started"] = time.monotonic()
        QTimer.singleShot(20, lambda: wait(window))

    def wait(window):
        # Quit well into the call, while it is still running.
        if time.monotonic() - state["started"] < 0.6:
            QTimer.singleShot(20, lambda: wait(window))
            return
        dialog = state.get("dialog")
        state["busy"] = bool(window.runner.running()) or (
            dialog is not None and dialog.form.is_busy()
        )
        state["running"] = window.workers.running_count()
        print(f"QUIT_AT {time.monotonic()}", flush=True)
        window.close()

    original_show = workspace_window.WorkspaceWindow.show

    def show(self):
        original_show(self)
        QTimer.singleShot(0, lambda: connected(self))

    def connected(window):
        # The window completes after the first paint and the keys are read; start once the
        # window has them and (when the endpoint answers) has read its lists, so that the
        # create is the call in flight.
        if window.connection() is None or (
            action == "create" and sys.argv[2] == "lists"
            and not all(window.workspace.is_loaded(kind) for kind in Kind)
        ):
            QTimer.singleShot(20, lambda: connected(window))
        else:
            # Tell the test the lists are read (it may now inject what the call should
            # meet) and start once it answers on stdin, without blocking the event loop.
            print("READY", flush=True)
            notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read, window)
            state["notifier"] = notifier

            def go():
                notifier.setEnabled(False)
                os.read(sys.stdin.fileno(), 64)
                start(window)

            notifier.activated.connect(go)

    workspace_window.WorkspaceWindow.show = show
    code = main(sys.argv[3:])
    others = [
        t for t in threading.enumerate()
        if t is not threading.main_thread() and not isinstance(t, threading._DummyThread)
    ]
    for thread in others:
        thread.join(1.0)  # a thread told to stop gets a moment to do so
    others = [t.name for t in others if t.is_alive()]
    print("AFTER " + json.dumps({
        "busy": state.get("busy"), "running": state.get("running"),
        "shutdown": state["shutdown"], "threads": others,
    }), flush=True)
    sys.exit(code)
    """
)


#: The app's own warnings about the interrupted call may reach stderr; nothing else may.
_EXPECTED_STDERR = ("create failed:", "failed after", "a call was still running")

CASES = [
    pytest.param("create", "stall", id="create-stalled"),
    pytest.param("create", "black-hole", id="create-connecting"),
    pytest.param("open", "retry-after", id="open-waiting-for-retry-after"),
    pytest.param("create", "lookup", id="lookup-after-dropped-create"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("action", "setup"), CASES)
def test_s08_quitting_mid_call_exits_0_quietly_with_no_thread_left(
    isolated_home: Path, sandbox: SandboxServer, black_hole: BlackHole, action: str, setup: str
) -> None:
    endpoint = sandbox.base_url
    if setup == "stall":
        sandbox.inject(Fault.STALL, method="POST", seconds=60)
    elif setup == "black-hole":
        endpoint = f"http://127.0.0.1:{black_hole.port}/api/v1"
    elif setup == "retry-after":
        sandbox.add_service("quit_reco")
        sandbox.inject(Fault.RATE_LIMITED, method="GET", retry_after=25)
    else:
        sandbox.inject(Fault.DROP_AFTER_CREATE, method="POST")
    lists = "no-lists" if setup == "black-hole" else "lists"
    proc = subprocess.Popen(
        [sys.executable, "-c", _DRIVER, action, lists],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(isolated_home, (sandbox.access_key, sandbox.secret_key, endpoint)),
    )
    try:
        assert proc.stdin is not None
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line == "READY\n", line + (proc.stderr.read() if proc.stderr else "")
        if setup == "lookup":
            # Only now, with the lists read: the look-up after the dropped create stalls
            # (the lists themselves must not, or the create waits for their stall to end).
            sandbox.inject(Fault.STALL, method="GET", seconds=60, count=10)
        proc.stdin.write("GO\n")
        proc.stdin.flush()
        line = proc.stdout.readline()
        assert line.startswith("QUIT_AT "), line + (proc.stderr.read() if proc.stderr else "")
        quit_at = float(line.split()[1])
        code = proc.wait(timeout=20)
        ended = time.monotonic()
        out, err = proc.communicate()
    finally:
        proc.kill()
        proc.communicate()
    assert code == 0, err
    # The calls would have taken 25 s (Retry-After) or 60 s (stall): an exit within 10 s
    # did not wait for them. That every worker stopped within the app's own 700 ms bound is
    # what ``shutdown`` says below; the rest is interpreter teardown, the machine's speed.
    assert ended - quit_at < 10, f"took {ended - quit_at:.2f} s to exit"
    after = json.loads(out.split("AFTER ", 1)[1])
    assert after["busy"] is True
    assert after["running"] >= 1
    # Every worker stopped within the bound; nothing else was left running.
    assert after["shutdown"] == [[True, 0]]
    assert after["threads"] == []
    unexpected = [ln for ln in err.splitlines() if not any(s in ln for s in _EXPECTED_STDERR)]
    assert unexpected == [], err
    log_text = "".join(p.read_text("utf-8") for p in (isolated_home / "logs").glob("*.log*"))
    assert " qt: " not in log_text  # no Qt message of any level made it past the noise filter
    assert "Traceback" not in log_text
    # The lists are read first (GET), then the create and what follows it (a lookup reads
    # the list of services too).
    requests = list(sandbox.requests)
    while requests and _is_list_read(requests[0].method, requests[0].target):
        requests.pop(0)
    methods = [r.method for r in requests]
    expected = {
        "stall": ["POST"],
        "black-hole": [],
        "retry-after": [],
        "lookup": ["POST", "GET"],
    }[setup]
    assert methods == expected
    if setup == "retry-after":
        # Quit while the first list read waited out its 429.
        assert [r.method for r in sandbox.requests][:1] == ["GET"]


def _is_list_read(method: str, target: str) -> bool:
    path = target.split("?", 1)[0]
    return method == "GET" and path.endswith(("/services", "/datasets", "/schemas"))


def test_s08_closing_the_window_mid_call_stops_every_worker(
    make_window: MakeWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    win = make_window(sandbox_connection(sandbox))
    sandbox.inject(Fault.STALL, method="POST", seconds=60)
    mark = len(sandbox.requests)
    dialog = new_service(win)
    type_form(dialog, "quit_reco")
    click(dialog.form.create_button)
    qtbot.waitUntil(lambda: len(sandbox.requests) == mark + 1, timeout=5000)
    assert win.workers.running_count() == 1
    win.close()
    # True only when every worker ended within the app's bound at exit (the stall is 60 s).
    assert win.workers.shutdown(700)
    assert win.workers.running_count() == 0
