"""A server on loopback for test doubles: TCP, or TLS with a throwaway CA.

It accepts on its own thread and serves each connection on another with ``serve(sock)``,
given the connection already wrapped in TLS when it is a TLS server; a connection that fails
(a reset, a refused handshake) simply ends. :meth:`close` stops accepting, wakes every
connection and joins every thread. ``stop`` is set from the moment it closes, so a ``serve``
that stalls on purpose can wait on it.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from aitems_desktop.tlscompat import close_orphaned_tls_socket


class LoopbackServer:
    def __init__(
        self, serve: Callable[[socket.socket], None], *, tls: bool = False, backlog: int = 64
    ) -> None:
        self.tls = tls
        self.stop = threading.Event()
        self._serve = serve
        self._lock = threading.Lock()
        self._conns: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._tmp = tempfile.TemporaryDirectory(prefix="loopback-")
        self._context: ssl.SSLContext | None = None
        #: The throwaway CA that signed a TLS server's certificate.
        self.ca_bundle: str | None = None
        if tls:
            from aitems_desktop.sandbox.tls import make_certificates, server_context

            files = make_certificates(Path(self._tmp.name), ["127.0.0.1", "localhost"])
            self._context = server_context(files)
            self.ca_bundle = str(files.ca_bundle)
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=backlog)
        self.port: int = self._listener.getsockname()[1]
        self._accepter = threading.Thread(target=self._accept, daemon=True)
        self._accepter.start()

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:PORT`` (or https)."""
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    @property
    def accepted(self) -> int:
        """How many connections it has accepted."""
        with self._lock:
            return len(self._threads)

    def close(self) -> None:
        self.stop.set()
        # Closing a listener does not wake a thread blocked in accept(); shutting it down does.
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(OSError):
            self._listener.close()
        with self._lock:
            conns = list(self._conns)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        for thread in [self._accepter, *self._threads]:
            thread.join(10)
        self._tmp.cleanup()

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                sock, _ = self._listener.accept()
            except OSError:
                return
            thread = threading.Thread(target=self._connection, args=(sock,), daemon=True)
            with self._lock:
                self._conns.add(sock)
                self._threads.append(thread)
            thread.start()

    def _connection(self, raw: socket.socket) -> None:
        sock = raw
        try:
            if self._context is not None:
                try:
                    sock = self._context.wrap_socket(raw, server_side=True)
                except OSError as exc:
                    close_orphaned_tls_socket(exc)
                    raise
            self._serve(sock)
        except (OSError, ValueError):
            return
        finally:
            with self._lock:
                self._conns.discard(raw)
            with contextlib.suppress(OSError):
                sock.close()
            with contextlib.suppress(OSError):
                raw.close()
