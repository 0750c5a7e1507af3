"""Fixtures of the sandbox tests: a minimal signed client built from requests and core.signing.

Deliberately not the app's client, so these tests check the sandbox, not the client.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from aitems_desktop.core.signing import request_target, signed_headers
from aitems_desktop.sandbox import SandboxServer


class SignedClient:
    """Deliberately not the app's client, so these tests check the sandbox, not the client."""

    def __init__(self, sandbox: SandboxServer, **session_options: Any) -> None:
        self.sandbox = sandbox
        self.session = requests.Session()
        for key, value in session_options.items():
            setattr(self.session, key, value)

    def close(self) -> None:
        self.session.close()

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        raw: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 10,
        **kwargs: Any,
    ) -> requests.Response:
        """Send a signed request to ``base_url + path``; ``raw`` sends bytes as they are."""
        url = self.sandbox.base_url + path
        all_headers = signed_headers(
            method, request_target(url), self.sandbox.access_key, self.sandbox.secret_key
        )
        all_headers.update(headers or {})
        data = raw
        if body is not None:
            data = json.dumps(body).encode("utf-8")
        return self.session.request(
            method, url, headers=all_headers, data=data, timeout=timeout, **kwargs
        )


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
