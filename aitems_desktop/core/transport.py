"""A ``requests`` transport whose in-flight calls can be cancelled from another thread.

``requests`` has no cancel: a call blocks in ``connect()`` or ``recv()`` until its timeout. A
desktop app must answer Cancel and Quit at once, so the sockets this transport opens are
registered with a :class:`CancelScope`; :meth:`CancelScope.cancel` shuts them down, which wakes a
blocked ``recv()`` immediately, and the connect loop polls in short slices so a pending connect
stops too. Everything else (pooling, TLS, proxies) is urllib3's own.
"""

from __future__ import annotations

import contextlib
import errno
import selectors
import socket
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.poolmanager import PoolManager

# How often a pending connect looks at the cancel flag.
_CONNECT_POLL_SECONDS = 0.05


class CancelScope:
    """The sockets of one client's calls in flight, and a way to stop them all."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._cancelled: set[socket.socket] = set()
        self._generation = 0

    @property
    def generation(self) -> int:
        """Increases by one on every :meth:`cancel`; a call compares it with its start value."""
        with self._lock:
            return self._generation

    def register(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.add(sock)

    def unregister(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.discard(sock)
            self._cancelled.discard(sock)

    def is_cancelled(self, sock: socket.socket) -> bool:
        with self._lock:
            return sock in self._cancelled

    def cancel(self) -> None:
        """Stop every call in flight: wake blocked reads and abandon pending connects."""
        with self._lock:
            self._generation += 1
            sockets = list(self._sockets)
            self._cancelled.update(sockets)
        for sock in sockets:
            # Not connected yet (the connect loop sees the flag) or already closed: fine.
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


_current = threading.local()


@contextmanager
def active_scope(scope: CancelScope) -> Iterator[None]:
    """Make ``scope`` the one that sockets opened by this thread register with."""
    previous = getattr(_current, "scope", None)
    _current.scope = scope
    try:
        yield
    finally:
        _current.scope = previous


def _scope() -> CancelScope | None:
    scope = getattr(_current, "scope", None)
    return scope if isinstance(scope, CancelScope) else None


def _connect(
    address: tuple[str, int],
    timeout: float | None,
    source_address: tuple[str, int] | None,
    socket_options: Sequence[tuple[int, int, int | bytes]] | None,
    scope: CancelScope | None,
) -> socket.socket:
    """Like ``socket.create_connection``, but registered with ``scope`` before connecting."""
    host, port = address
    last_error: OSError | None = None
    for family, socktype, proto, _name, sockaddr in socket.getaddrinfo(
        host, port, 0, socket.SOCK_STREAM
    ):
        sock = socket.socket(family, socktype, proto)
        if scope is not None:
            scope.register(sock)
        try:
            for option in socket_options or ():
                sock.setsockopt(*option)
            if source_address:
                sock.bind(source_address)
            _connect_polling(sock, sockaddr, timeout, scope)
            sock.settimeout(timeout)
            return sock
        except OSError as exc:
            last_error = exc
            if scope is not None:
                scope.unregister(sock)
            sock.close()
    raise last_error or OSError("getaddrinfo returned no address")


def _connect_polling(
    sock: socket.socket, sockaddr: Any, timeout: float | None, scope: CancelScope | None
) -> None:
    sock.setblocking(False)
    code = sock.connect_ex(sockaddr)
    if code not in (0, errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EALREADY):
        raise OSError(code, errno.errorcode.get(code, str(code)))
    if code == 0:
        return
    waited = 0.0
    with selectors.DefaultSelector() as selector:
        selector.register(sock, selectors.EVENT_WRITE)
        while True:
            if scope is not None and scope.is_cancelled(sock):
                raise OSError(errno.ECANCELED, "connection cancelled")
            if selector.select(_CONNECT_POLL_SECONDS):
                code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if code:
                    raise OSError(code, errno.errorcode.get(code, str(code)))
                return
            waited += _CONNECT_POLL_SECONDS
            if timeout is not None and waited >= timeout:
                raise TimeoutError("timed out")


class _CancellableConnectionMixin:
    """Registers the connection's socket with the calling thread's scope."""

    _registered: socket.socket | None = None
    _scope_of_socket: CancelScope | None = None

    def _new_conn(self) -> socket.socket:
        conn: Any = self
        scope = _scope()
        timeout = conn.timeout if isinstance(conn.timeout, int | float) else None
        try:
            sock = _connect(
                (conn._dns_host, conn.port),
                timeout,
                conn.source_address,
                conn.socket_options,
                scope,
            )
        except socket.gaierror as exc:
            raise NameResolutionError(conn.host, conn, exc) from exc
        except TimeoutError as exc:
            raise ConnectTimeoutError(
                conn, f"Connection to {conn.host} timed out. (connect timeout={timeout})"
            ) from exc
        except OSError as exc:
            raise NewConnectionError(conn, f"Failed to establish a new connection: {exc}") from exc
        self._registered = sock
        self._scope_of_socket = scope
        return sock

    def close(self) -> None:
        if self._registered is not None and self._scope_of_socket is not None:
            self._scope_of_socket.unregister(self._registered)
        self._registered = None
        super().close()  # type: ignore[misc]


class _HTTPConnection(_CancellableConnectionMixin, HTTPConnection):
    pass


class _HTTPSConnection(_CancellableConnectionMixin, HTTPSConnection):
    pass


class _HTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


_POOL_CLASSES = {"http": _HTTPConnectionPool, "https": _HTTPSConnectionPool}


class CancellableAdapter(HTTPAdapter):
    """An ``HTTPAdapter`` whose connections register with the active :class:`CancelScope`."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_POOL_CLASSES)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> PoolManager:
        manager: PoolManager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = dict(_POOL_CLASSES)
        return manager
