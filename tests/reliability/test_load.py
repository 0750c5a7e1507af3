"""Scenario 9: load. 1,000 creates through the API and 200 through the window's dialog.

All must succeed, with no thread, socket or file handle leaked and memory growth bounded.
Each test measures after a warm-up (lazy imports, the first pooled connection, Qt's
caches) so what is left is what the calls themselves cost. The figures are printed
(``pytest -rP``) and recorded in docs/reliability.md.
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
import time
from dataclasses import dataclass

import psutil
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from pytestqt.qtbot import QtBot
from reliability_support import click, new_service, sandbox_connection, shown_service, wait_shown

from aitems_desktop.core.models import CreateServiceRequest
from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow
from aitems_desktop.sandbox import SandboxServer

MB = 1024 * 1024


@dataclass(frozen=True)
class Sample:
    fds: int
    sockets: int
    native_threads: int
    python_threads: int
    rss: int

    @classmethod
    def take(cls) -> Sample:
        gc.collect()
        process = psutil.Process()
        fds = os.listdir("/proc/self/fd")
        sockets = 0
        for fd in fds:
            # The listing's own descriptor is closed by now: its readlink fails.
            with contextlib.suppress(OSError):
                sockets += os.readlink(f"/proc/self/fd/{fd}").startswith("socket:")
        return cls(
            fds=len(fds),
            sockets=sockets,
            native_threads=process.num_threads(),
            python_threads=threading.active_count(),
            rss=process.memory_info().rss,
        )

    def growth(self, later: Sample) -> str:
        return (
            f"fds {later.fds - self.fds:+d}, sockets {later.sockets - self.sockets:+d}, "
            f"native threads {later.native_threads - self.native_threads:+d}, "
            f"RSS {(later.rss - self.rss) / MB:+.1f} MB"
        )


def assert_no_leak(before: Sample, after: Sample, rss_bound_mb: float) -> None:
    # One pooled keep-alive connection may come or go between samples; nothing else.
    assert after.fds - before.fds <= 2, before.growth(after)
    assert after.sockets - before.sockets <= 2, before.growth(after)
    assert after.native_threads - before.native_threads <= 1, before.growth(after)
    assert after.python_threads - before.python_threads <= 1, before.growth(after)
    assert after.rss - before.rss < rss_bound_mb * MB, before.growth(after)


@pytest.mark.slow
def test_s09_a_thousand_creates_through_the_api(sandbox: SandboxServer) -> None:
    with sandbox_connection(sandbox).api() as api:
        for i in range(50):
            api.services.create(CreateServiceRequest(name=f"warm_{i:03d}"))
        before = Sample.take()
        started = time.monotonic()
        half: Sample | None = None
        for i in range(1000):
            made = api.services.create(CreateServiceRequest(name=f"load_{i:04d}"))
            assert made.name == f"load_{i:04d}"
            if i == 499:
                half = Sample.take()
        elapsed = time.monotonic() - started
        after = Sample.take()
    assert half is not None
    assert len(sandbox.services()) == 1050
    print(
        f"api: 1000 creates in {elapsed:.1f} s ({1000 / elapsed:.0f}/s); "
        f"whole run: {before.growth(after)}; second half: {half.growth(after)}; "
        f"RSS at end {after.rss / MB:.0f} MB"
    )
    # The sandbox in this process keeps every service and request too.
    # 20 MB over 1,000 calls catches a leak of 20 kB per call.
    assert_no_leak(before, after, rss_bound_mb=20)
    assert after.rss - half.rss < 10 * MB, half.growth(after)


@pytest.mark.slow
def test_s09_two_hundred_creates_through_the_window(
    window: WorkspaceWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    def create(name: str) -> None:
        dialog = new_service(window)
        dialog.form.name_edit.setText(name)
        with qtbot.waitSignal(dialog.created, timeout=10_000) as blocker:
            click(dialog.form.create_button)
        assert blocker.args[1] == "created"
        wait_shown(window, qtbot, name)
        assert shown_service(window)["name"] == name

    def idle() -> None:
        qtbot.waitUntil(
            lambda: not window.runner.running() and window.workers.running_count() == 0,
            timeout=5000,
        )
        # Run the deleteLater() of finished threads, workers and operations now.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    for i in range(20):
        create(f"warm_{i:03d}")
    idle()
    objects_before = len(window.findChildren(QObject))
    before = Sample.take()
    started = time.monotonic()
    for i in range(200):
        create(f"gui_{i:03d}")
    elapsed = time.monotonic() - started
    idle()
    after = Sample.take()
    objects_after = len(window.findChildren(QObject))
    assert [s["name"] for s in sandbox.services()][-200:] == [f"gui_{i:03d}" for i in range(200)]
    assert len(sandbox.services()) == 220
    print(
        f"window: 200 creates in {elapsed:.1f} s ({200 / elapsed:.0f}/s); {before.growth(after)}; "
        f"QObjects under the window {objects_before} -> {objects_after}; "
        f"RSS at end {after.rss / MB:.0f} MB"
    )
    assert objects_after - objects_before <= 5
    # 20 MB over 200 calls catches a leak of 100 kB per call (a tree, a thread stack).
    assert_no_leak(before, after, rss_bound_mb=20)
