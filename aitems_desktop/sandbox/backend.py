"""What the HTTP handler threads share: the API, the fault plan, latency and the request log."""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Final

from aitems_desktop.sandbox.api import SandboxApi
from aitems_desktop.sandbox.faults import FaultPlan

#: The request log keeps the most recent requests only, so a long-running sandbox stays small.
MAX_LOGGED_REQUESTS: Final = 10_000


@dataclass(frozen=True)
class ReceivedRequest:
    """One request as the sandbox received it (for assertions in tests)."""

    method: str
    target: str
    headers: dict[str, str]
    body: bytes
    time: float


class Backend:
    """State shared by all handler threads of one server; every member is thread-safe."""

    def __init__(self, api: SandboxApi, latency_ms: int = 0) -> None:
        self.api = api
        self.faults = FaultPlan()
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._latency_ms = latency_ms
        self._requests: deque[ReceivedRequest] = deque(maxlen=MAX_LOGGED_REQUESTS)

    @property
    def latency_ms(self) -> int:
        with self._lock:
            return self._latency_ms

    @latency_ms.setter
    def latency_ms(self, value: int) -> None:
        if value < 0:
            raise ValueError("latency_ms must not be negative")
        with self._lock:
            self._latency_ms = int(value)

    def record(self, method: str, target: str, headers: dict[str, str], body: bytes) -> None:
        entry = ReceivedRequest(method, target, headers, body, time.time())
        with self._lock:
            self._requests.append(entry)

    def requests(self) -> list[ReceivedRequest]:
        with self._lock:
            return list(self._requests)

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True when the server began stopping meanwhile."""
        if seconds <= 0:
            return self.stopping.is_set()
        return self.stopping.wait(seconds)
