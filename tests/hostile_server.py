"""A server that answers exactly as a test scripts, down to the byte, over TCP or TLS.

Each connection it accepts reads one request, then runs the next scripted behaviour (the last
one repeats): a proper answer, or bytes dripped one at a time, endless ``100 Continue``,
headers that never end, a reset, silence. It is how the tests play a hostile or broken server
without touching the sandbox, whose job is to behave like AiTEMS.
"""

from __future__ import annotations

import json
import queue
import socket
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from loopback_server import LoopbackServer


@dataclass
class Seen:
    """One request as received."""

    method: str
    target: str
    headers: dict[str, str]
    body: bytes


class Conn:
    """One accepted connection, as a behaviour sees it."""

    def __init__(self, sock: socket.socket, stop: threading.Event, request: Seen) -> None:
        self.sock = sock
        self.stop = stop
        self.request = request

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def wait(self, seconds: float) -> bool:
        """Pause; True when the server is stopping (the behaviour should end)."""
        return self.stop.wait(seconds)

    def drip(self, data: bytes, every: float, size: int = 1) -> None:
        """Send ``data`` ``size`` bytes at a time, ``every`` seconds apart."""
        for i in range(0, len(data), size):
            self.send(data[i : i + size])
            if self.wait(every):
                return


Behaviour = Callable[[Conn], None]


def head(status: int, headers: dict[str, str] | None = None, *, length: int | None = None) -> bytes:
    lines = [f"HTTP/1.1 {status} X"]
    # Every answer ends its connection, so no call ever reuses one a behaviour broke.
    all_headers = {"Content-Type": "application/json", "Connection": "close", **(headers or {})}
    if length is not None and not any(k.lower() == "content-length" for k in all_headers):
        all_headers["Content-Length"] = str(length)
    lines += [f"{k}: {v}" for k, v in all_headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def as_bytes(body: Any) -> bytes:
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode("utf-8")
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def respond(status: int = 200, body: Any = b"", headers: dict[str, str] | None = None) -> Behaviour:
    """A whole, proper answer."""
    data = as_bytes(body)

    def behave(conn: Conn) -> None:
        conn.send(head(status, headers, length=len(data)) + data)

    return behave


def raw(data: bytes, *, then_close: bool = True) -> Behaviour:
    """Exactly these bytes, then (by default) the connection closes."""

    def behave(conn: Conn) -> None:
        conn.send(data)
        if not then_close:
            conn.wait(3600)

    return behave


def close_now() -> Behaviour:
    """Close without a byte of answer."""
    return lambda conn: None


def reset() -> Behaviour:
    """Close with a reset (RST) instead of a clean end."""

    def behave(conn: Conn) -> None:
        conn.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    return behave


def stall() -> Behaviour:
    """Say nothing until the server stops."""
    return lambda conn: conn.wait(3600) and None


def drip_headers(every: float) -> Behaviour:
    """A status line, then header bytes one by one, never ending the headers."""

    def behave(conn: Conn) -> None:
        conn.send(b"HTTP/1.1 200 OK\r\n")
        while not conn.wait(every):
            conn.send(b"X")

    return behave


def endless_continue(every: float) -> Behaviour:
    """``100 Continue`` answers, one after another, forever."""

    def behave(conn: Conn) -> None:
        while True:
            conn.send(b"HTTP/1.1 100 Continue\r\n\r\n")
            if conn.wait(every):
                return

    return behave


def drip_body(body: Any, every: float, *, status: int = 200, size: int = 1) -> Behaviour:
    """Proper headers, then the body ``size`` bytes at a time."""
    data = as_bytes(body)

    def behave(conn: Conn) -> None:
        conn.send(head(status, length=len(data)))
        conn.drip(data, every, size)

    return behave


def endless_body(every: float = 0.0, *, status: int = 200, chunk: bytes = b" ") -> Behaviour:
    """Chunked transfer that never ends (``every`` seconds between chunks)."""

    def behave(conn: Conn) -> None:
        conn.send(head(status, {"Transfer-Encoding": "chunked"}))
        piece = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
        while not conn.wait(every):
            conn.send(piece)

    return behave


class HostileServer:
    """Accepts on loopback (TCP, or TLS with a throwaway CA); see the module docstring."""

    def __init__(self, *, tls: bool = False) -> None:
        self.tls = tls
        self.seen: list[Seen] = []
        self._behaviours: queue.Queue[Behaviour] = queue.Queue()
        self._last: Behaviour = respond(200, {})
        self._server = LoopbackServer(self._serve, tls=tls)
        self.port = self._server.port
        self.ca_bundle = self._server.ca_bundle

    @property
    def base_url(self) -> str:
        return f"{self._server.origin}/api/v1"

    def script(self, *behaviours: Behaviour) -> None:
        for behaviour in behaviours:
            self._behaviours.put(behaviour)

    @property
    def accepted(self) -> int:
        """How many connections it has accepted (each TLS one with a handshake)."""
        return self._server.accepted

    def close(self) -> None:
        self._server.close()

    def __enter__(self) -> HostileServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _serve(self, sock: socket.socket) -> None:
        request = _read_request(sock)
        if request is None:
            return
        self.seen.append(request)
        try:
            behaviour = self._behaviours.get_nowait()
            self._last = behaviour
        except queue.Empty:
            behaviour = self._last
        # One answer per connection keeps every behaviour's bytes its own.
        behaviour(Conn(sock, self._server.stop, request))


def closed_port() -> int:
    """A loopback port nothing listens on (a connect to it is refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@contextmanager
def full_listener() -> Iterator[tuple[str, int]]:
    """A loopback listener whose accept queue is full: the kernel drops further SYNs, so a
    connect to it stays pending until its timeout."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(0)
        address: tuple[str, int] = sock.getsockname()
        fillers = []
        try:
            for _ in range(4):
                filler = socket.socket()
                fillers.append(filler)
                filler.setblocking(False)
                filler.connect_ex(address)
            yield address
        finally:
            for filler in fillers:
                filler.close()


def _read_request(sock: socket.socket) -> Seen | None:
    data = b""
    while b"\r\n\r\n" not in data:
        piece = sock.recv(65536)
        if not piece:
            return None
        data += piece
    head_bytes, _, rest = data.partition(b"\r\n\r\n")
    lines = head_bytes.decode("latin-1").split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip()] = value.strip()
    length = int(headers.get("Content-Length", "0") or 0)
    body = rest
    while len(body) < length:
        piece = sock.recv(65536)
        if not piece:
            break
        body += piece
    return Seen(method, target, headers, body)
