"""The listening side of the sandbox: accept, track and, on stop, close every connection."""

from __future__ import annotations

import contextlib
import logging
import socket
import socketserver
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Final

from aitems_desktop.tlscompat import close_orphaned_tls_socket

log = logging.getLogger("aitems_desktop.sandbox")

#: Connections waiting to be accepted (the standard library's default is 5).
LISTEN_BACKLOG: Final = 128
#: At most this many connections are served at once; further ones wait in the backlog until
#: a handler thread ends, so a flood cannot start thousands of threads.
MAX_HANDLERS: Final = 256


class SandboxHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server that tracks its connections so it can close them on stop."""

    # Handler threads are daemons (a server nobody stopped must not hang the interpreter
    # at exit), and the standard library does not join daemon threads, so this class keeps
    # its own list and :meth:`join_handlers` joins them.
    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG

    def __init__(
        self,
        address: tuple[str, int],
        backend: Any,
        ssl_context: Any = None,
        family: socket.AddressFamily = socket.AF_INET,
        handler: type[BaseHTTPRequestHandler] | None = None,
        max_handlers: int = MAX_HANDLERS,
    ) -> None:
        if handler is None:
            from aitems_desktop.sandbox.handler import SandboxHandler

            handler = SandboxHandler
        self.address_family = family
        #: What the handlers serve (the AiTEMS backend, or the Object Storage emulator); it
        #: has a ``stopping`` event set when the sandbox stops.
        self.backend = backend
        self.ssl_context = ssl_context
        self._connections: set[socket.socket] = set()
        self._handlers: set[threading.Thread] = set()
        self._resets: set[socket.socket] = set()
        self._closing = False
        self._slots = threading.BoundedSemaphore(max_handlers)
        # These sets are touched by the accept thread and by every handler thread.
        self._conn_lock = threading.Lock()
        super().__init__(address, handler)

    def get_request(self) -> tuple[socket.socket, Any]:
        sock, addr = super().get_request()
        if self.ssl_context is not None:
            # The handshake happens on first read, in the handler's thread, not here.
            try:
                sock = self.ssl_context.wrap_socket(
                    sock, server_side=True, do_handshake_on_connect=False
                )
            except OSError as exc:  # the client already reset the connection
                close_orphaned_tls_socket(exc)
                sock.close()
                raise
        return sock, addr

    def process_request(self, request: Any, client_address: Any) -> None:
        # Wait for a free handler slot; stopping the sandbox ends the wait.
        while not self._slots.acquire(timeout=0.05):
            if self.backend.stopping.is_set():
                request.close()
                return
        thread = threading.Thread(
            target=self.process_request_thread,
            args=(request, client_address),
            name=f"aitems-sandbox-handler:{self.server_address[1]}",
            daemon=True,
        )
        with self._conn_lock:
            if self._closing:
                request.close()
                self._slots.release()
                return
            self._connections.add(request)
            self._handlers.add(thread)
        thread.start()

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._conn_lock:
                self._handlers.discard(threading.current_thread())
            self._slots.release()

    def join_handlers(self, timeout: float) -> bool:
        """Wait for every handler thread to end; False when some are still running."""
        deadline = time.monotonic() + timeout
        with self._conn_lock:
            handlers = list(self._handlers)
        for thread in handlers:
            thread.join(max(0.0, deadline - time.monotonic()))
        return not any(t.is_alive() for t in handlers)

    def mark_reset(self, request: socket.socket) -> None:
        """Close this connection with an RST (SO_LINGER 0) instead of a FIN."""
        request.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        with self._conn_lock:
            self._resets.add(request)

    def shutdown_request(self, request: Any) -> None:
        with self._conn_lock:
            self._connections.discard(request)
            reset = request in self._resets
            self._resets.discard(request)
        if reset:
            # No shutdown(SHUT_WR) first: that would send a FIN before the RST.
            request.close()
        else:
            super().shutdown_request(request)

    def close_connections(self) -> None:
        """Wake every handler blocked on its socket (idle keep-alive, slow client)."""
        with self._conn_lock:
            self._closing = True
            connections = list(self._connections)
        for conn in connections:
            # The plain socket call: on a TLS socket it must not touch the TLS state.
            with contextlib.suppress(OSError):
                socket.socket.shutdown(conn, socket.SHUT_RDWR)

    def server_bind(self) -> None:
        # HTTPServer.server_bind() resolves the host's FQDN, a DNS lookup that can stall
        # start() for seconds on a badly configured machine; nothing here needs the name.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, OSError):
            # A client that hangs up or fails the TLS handshake is routine, not a traceback.
            log.debug("connection from %s ended: %s", client_address, error)
        else:
            log.error("sandbox error serving %s", client_address, exc_info=True)
