"""A tiny forwarding HTTP proxy on loopback that records every request it carried.

Plain HTTP requests arrive in absolute form (``POST http://host:port/path HTTP/1.1``); the
proxy sends them on in origin form, one request per connection. ``CONNECT host:port`` opens
a tunnel (for HTTPS) and relays bytes both ways. Only loopback targets are allowed.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import socketserver
import threading
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit

_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_MAX_HEAD = 64 * 1024


class _Handler(socketserver.BaseRequestHandler):
    server: _ProxyServer

    def handle(self) -> None:
        client: socket.socket = self.request
        client.settimeout(10)
        head, rest = _read_head(client)
        if not head:
            return
        request_line, _, header_block = head.partition(b"\r\n")
        method, target, version = request_line.decode("latin-1").split(" ", 2)
        self.server.record(method, target)
        if method == "CONNECT":
            host, _, port = target.rpartition(":")
            upstream = self._open(host.strip("[]"), int(port))
            if upstream is None:
                client.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                return
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            if rest:
                upstream.sendall(rest)
            self._relay(client, upstream)
            return
        url = urlsplit(target)
        upstream = self._open(url.hostname or "", url.port or 80)
        if upstream is None:
            client.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            return
        origin_target = url.path + (f"?{url.query}" if url.query else "")
        headers = [
            line
            for line in header_block.split(b"\r\n")
            if line and not line.lower().startswith((b"connection:", b"proxy-connection:"))
        ]
        new_head = b"\r\n".join(
            [
                f"{method} {origin_target} {version}".encode("latin-1"),
                *headers,
                b"Connection: close",
                b"",
                b"",
            ]
        )
        upstream.sendall(new_head + rest)
        self._relay(client, upstream)

    def _open(self, host: str, port: int) -> socket.socket | None:
        if host not in _LOOPBACK:
            return None
        upstream = socket.create_connection((host, port), timeout=10)
        self.server.track(upstream)
        return upstream

    def _relay(self, client: socket.socket, upstream: socket.socket) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(client, selectors.EVENT_READ, upstream)
            selector.register(upstream, selectors.EVENT_READ, client)
            while not self.server.stopping.is_set():
                for key, _ in selector.select(0.05):
                    source: socket.socket = key.fileobj  # type: ignore[assignment]
                    try:
                        data = source.recv(65536)
                    except OSError:
                        data = b""
                    if not data:
                        upstream.close()
                        return
                    try:
                        key.data.sendall(data)
                    except OSError:
                        upstream.close()
                        return
        upstream.close()


def _read_head(sock: socket.socket) -> tuple[bytes, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        try:
            chunk = sock.recv(4096)
        except OSError:
            return b"", b""
        if not chunk or len(data) > _MAX_HEAD:
            return b"", b""
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    return head, rest


class _ProxyServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.stopping = threading.Event()
        self.seen: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []

    def record(self, method: str, target: str) -> None:
        with self._lock:
            self.seen.append((method, target))

    def track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)

    def process_request(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        self.track(request)
        super().process_request(request, client_address)

    def close_all(self) -> None:
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class ForwardingProxy:
    """``with ForwardingProxy() as proxy``: ``proxy.url`` to use, ``proxy.seen`` afterwards."""

    def __init__(self) -> None:
        self._server = _ProxyServer()
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="test-forwarding-proxy",
            daemon=True,
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def seen(self) -> list[tuple[str, str]]:
        with self._server._lock:
            return list(self._server.seen)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.stopping.set()
        self._server.shutdown()
        self._server.close_all()
        self._server.server_close()  # joins the handler threads (block_on_close)
        self._thread.join(5)
