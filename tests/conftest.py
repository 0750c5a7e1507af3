"""Suite-wide setup: Qt runs offscreen, garbage is collected on the main thread only, and
every test can have a running sandbox."""

from __future__ import annotations

import gc
import os
import signal

# Before anything imports Qt: the suite runs without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest

from aitems_desktop.sandbox import SandboxServer


def pytest_configure(config: pytest.Config) -> None:
    # A shell without job control starts background commands with SIGINT ignored, and
    # children inherit that: the Ctrl+C tests would then send a signal the command under
    # test never sees. Whatever started the suite, its children get Ctrl+C as a person would.
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    # As in the app (gui/garbage_collector.py): a collection started by a worker thread can
    # free Qt objects there, or walk wrappers the GUI thread is destroying.
    gc.disable()


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread() -> Iterator[None]:
    yield
    from aitems_desktop.gui.garbage_collector import collect_due_generations

    collect_due_generations()


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    """A started, empty sandbox with generated keys; stopped after the test."""
    with SandboxServer() as server:
        yield server


@pytest.fixture
def demo_sandbox() -> Iterator[SandboxServer]:
    """A started sandbox seeded with the demo services."""
    with SandboxServer(seed_demo=True) as server:
        yield server
