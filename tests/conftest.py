"""Suite-wide setup: Qt runs offscreen, and every test can have a running sandbox."""

from __future__ import annotations

import os

# Before anything imports Qt: the suite runs without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest

from aitems_desktop.sandbox import SandboxServer


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
