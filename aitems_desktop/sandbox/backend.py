"""What the HTTP handler threads share: the API, the fault plan, latency and the request log."""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Final

from aitems_desktop.sandbox.api import SandboxApi
from aitems_desktop.sandbox.faults import FaultPlan

#: The request log keeps the most recent requests only, bounded in count and in bytes, so a
#: long-running (or flooded) sandbox stays small.
MAX_LOGGED_REQUESTS: Final = 10_000
MAX_LOGGED_BYTES: Final = 32 * 1024 * 1024


@dataclass(frozen=True)
class ReceivedRequest:
    """One request as the sandbox received it (for assertions in tests).

    ``body`` is empty for a request the gateway did not authenticate: nobody's junk is kept.
    """

    method: str
    target: str
    headers: dict[str, str]
    body: bytes
    time: float

    @property
    def size(self) -> int:
        """What this entry costs the log, roughly, in bytes."""
        heads = sum(len(k) + len(v) for k, v in self.headers.items())
        return len(self.body) + heads + len(self.target) + len(self.method) + 64


class RequestLog:
    """The most recent requests, at most ``max_count`` of them and ``max_bytes`` in all."""

    def __init__(self, max_count: int = MAX_LOGGED_REQUESTS, max_bytes: int = MAX_LOGGED_BYTES):
        self.max_count = max_count
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._entries: deque[ReceivedRequest] = deque()
        self._bytes = 0

    def add(self, entry: ReceivedRequest) -> None:
        with self._lock:
            self._entries.append(entry)
            self._bytes += entry.size
            while self._entries and (
                len(self._entries) > self.max_count or self._bytes > self.max_bytes
            ):
                self._bytes -= self._entries.popleft().size

    def entries(self) -> list[ReceivedRequest]:
        with self._lock:
            return list(self._entries)

    @property
    def bytes(self) -> int:
        with self._lock:
            return self._bytes


class Backend:
    """State shared by all handler threads of one server; every member is thread-safe."""

    def __init__(self, api: SandboxApi, latency_ms: int = 0) -> None:
        self.api = api
        self.faults = FaultPlan()
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._latency_ms = latency_ms
        self.log = RequestLog()

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
        self.log.add(ReceivedRequest(method, target, headers, body, time.time()))

    def requests(self) -> list[ReceivedRequest]:
        return self.log.entries()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True when the server began stopping meanwhile."""
        if seconds <= 0:
            return self.stopping.is_set()
        return self.stopping.wait(seconds)
