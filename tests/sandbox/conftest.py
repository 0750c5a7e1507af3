"""Fixtures of the sandbox tests: clients signed by hand (see sandbox_support.py).

Deliberately not the app's client nor its signing code, so these tests check the sandbox.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sandbox_support import SignedClient

from aitems_desktop.sandbox import SandboxServer


@pytest.fixture
def make_client(sandbox: SandboxServer) -> Iterator[Callable[..., SignedClient]]:
    """Make more clients of the test's sandbox (one per thread); all closed afterwards."""
    made: list[SignedClient] = []

    def make(server: SandboxServer | None = None, **options: Any) -> SignedClient:
        c = SignedClient(server or sandbox, **options)
        made.append(c)
        return c

    yield make
    for c in made:
        c.close()


@pytest.fixture
def client(make_client: Callable[..., SignedClient]) -> SignedClient:
    return make_client()
