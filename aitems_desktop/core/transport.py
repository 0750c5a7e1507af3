"""A ``requests`` transport whose calls can be stopped from another thread: cancel and deadline.

``requests`` has no cancel, and its timeouts bound each wait for data, not a whole answer: a
server that drips one byte every few seconds, sends headers slowly or answers ``100 Continue``
forever keeps a call alive without end. A desktop app must answer Cancel and Quit at once and
give up on an answer that does not arrive in time, so every socket a call uses is watched by a
:class:`CallGuard`. Stopping the guard (the user cancels, or the :class:`Watchdog` sees the
call's deadline pass) shuts the sockets down, which wakes a blocked read at once, and the
connect loop polls the guard in short slices so a pending connect stops too.

The guard watches a duplicate of each socket's descriptor, not the socket object: TLS wraps the
socket in a new object and detaches the old one during the handshake, and a shutdown through a
duplicate descriptor still reaches the one connection both share. So cancel and deadlines work
the same over HTTPS, through a proxy tunnel and in the middle of a TLS handshake. Everything
else (pooling, TLS, proxies) is urllib3's own.

The connection classes are public because the Object Storage client's urllib3 pool (which
minio drives, not ``requests``) is built on them too.
"""

from __future__ import annotations

import contextlib
import errno
import heapq
import itertools
import os
import selectors
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.poolmanager import PoolManager

from aitems_desktop.core.i18n import QT_TRANSLATE_NOOP
from aitems_desktop.tlscompat import close_orphaned_tls_socket

# How often a pending connect looks at its guard.
_CONNECT_POLL_SECONDS = 0.05


class StopReason(StrEnum):
    CANCELLED = "cancelled"
    DEADLINE = "deadline"


class CallGuard:
    """The sockets one attempt of a call is using, and a way to stop them all at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watches: dict[int, socket.socket] = {}
        self._reason: StopReason | None = None
        self._closed = False
        #: True once the request began to be written: from then on it may have reached the
        #: server. A stop before that (during a connect or a TLS handshake) sent nothing.
        self.sending = False

    @property
    def reason(self) -> StopReason | None:
        """Why the guard was stopped, or None while it runs."""
        with self._lock:
            return self._reason

    def watch(self, sock: socket.socket) -> None:
        """Watch ``sock`` (a plain or TLS socket) for the rest of this attempt."""
        try:
            fd = sock.fileno()
        except OSError:
            return
        if fd < 0:
            return
        with self._lock:
            if self._closed or fd in self._watches:
                return
            try:
                duplicate = socket.socket(fileno=os.dup(fd))
            except OSError:
                return
            self._watches[fd] = duplicate
            stopped = self._reason is not None
        if stopped:
            _shutdown(duplicate)

    def stop(self, reason: StopReason) -> bool:
        """Stop every watched socket; False when the guard was already stopped or closed."""
        with self._lock:
            if self._reason is not None or self._closed:
                return False
            self._reason = reason
            watches = list(self._watches.values())
        for duplicate in watches:
            _shutdown(duplicate)
        return True

    def close(self) -> None:
        """End the attempt: release the duplicate descriptors (the connections stay usable)."""
        with self._lock:
            self._closed = True
            watches, self._watches = list(self._watches.values()), {}
        for duplicate in watches:
            duplicate.close()


def _shutdown(sock: socket.socket) -> None:
    # Not connected yet (the connect loop polls the guard) or already closed: nothing to do.
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class Watchdog:
    """Stops guards whose deadline has passed. One thread, started on demand, gone when idle."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._heap: list[tuple[float, int, CallGuard]] = []
        #: The tokens still in the heap, and those of them whose block has ended.
        self._pending: set[int] = set()
        self._cancelled: set[int] = set()
        self._counter = itertools.count()
        self._thread: threading.Thread | None = None

    @contextmanager
    def deadline(self, seconds: float, guard: CallGuard) -> Iterator[None]:
        """Stop ``guard`` with :attr:`StopReason.DEADLINE` unless the block ends in ``seconds``."""
        when = time.monotonic() + seconds
        with self._condition:
            token = next(self._counter)
            heapq.heappush(self._heap, (when, token, guard))
            self._pending.add(token)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="aitems-call-deadlines", daemon=True
                )
                self._thread.start()
            self._condition.notify()
        try:
            yield
        finally:
            with self._condition:
                # A deadline that fired has left the heap already: nothing to cancel.
                if token in self._pending:
                    self._cancelled.add(token)
                    self._condition.notify()

    def _run(self) -> None:
        with self._condition:
            while True:
                while self._heap and self._heap[0][1] in self._cancelled:
                    token = heapq.heappop(self._heap)[1]
                    self._cancelled.discard(token)
                    self._pending.discard(token)
                if not self._heap:
                    # Idle: end the thread; the next deadline starts a new one.
                    self._thread = None
                    return
                when, _token, guard = self._heap[0]
                wait = when - time.monotonic()
                if wait > 0:
                    self._condition.wait(wait)
                    continue
                self._pending.discard(heapq.heappop(self._heap)[1])
                self._condition.release()
                try:
                    guard.stop(StopReason.DEADLINE)
                finally:
                    self._condition.acquire()

    def idle(self) -> bool:
        """True when no deadline is pending (and the thread has ended or is ending)."""
        with self._condition:
            return self._pending <= self._cancelled


WATCHDOG = Watchdog()

_current = threading.local()


@contextmanager
def guarded(guard: CallGuard) -> Iterator[None]:
    """Make ``guard`` the one that sockets used by this thread's calls register with."""
    previous = getattr(_current, "guard", None)
    _current.guard = guard
    try:
        yield
    finally:
        _current.guard = previous


def current_guard() -> CallGuard | None:
    guard = getattr(_current, "guard", None)
    return guard if isinstance(guard, CallGuard) else None


def _connect(
    address: tuple[str, int],
    timeout: float | None,
    source_address: tuple[str, int] | None,
    socket_options: Sequence[tuple[int, int, int | bytes]] | None,
    guard: CallGuard | None,
) -> socket.socket:
    """Like ``socket.create_connection``, but watched by ``guard`` from before it connects."""
    host, port = address
    last_error: OSError | None = None
    for family, socktype, proto, _name, sockaddr in socket.getaddrinfo(
        host, port, 0, socket.SOCK_STREAM
    ):
        if guard is not None and guard.reason is not None:
            raise OSError(errno.ECANCELED, "connection cancelled")
        sock = socket.socket(family, socktype, proto)
        try:
            for option in socket_options or ():
                sock.setsockopt(*option)
            if source_address:
                sock.bind(source_address)
            _connect_polling(sock, sockaddr, timeout, guard)
            sock.settimeout(timeout)
        except OSError as exc:
            last_error = exc
            sock.close()
            if exc.errno == errno.ECANCELED:
                raise
            continue
        if guard is not None:
            guard.watch(sock)
        return sock
    raise last_error or OSError(QT_TRANSLATE_NOOP("aitems", "getaddrinfo returned no address"))


def _connect_polling(
    sock: socket.socket, sockaddr: Any, timeout: float | None, guard: CallGuard | None
) -> None:
    sock.setblocking(False)
    code = sock.connect_ex(sockaddr)
    if code not in (0, errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EALREADY):
        raise OSError(code, errno.errorcode.get(code, str(code)))
    if code == 0:
        return
    deadline = None if timeout is None else time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(sock, selectors.EVENT_WRITE)
        while True:
            if guard is not None and guard.reason is not None:
                raise OSError(errno.ECANCELED, "connection cancelled")
            if selector.select(_CONNECT_POLL_SECONDS):
                code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if code:
                    raise OSError(code, errno.errorcode.get(code, str(code)))
                return
            if deadline is not None and time.monotonic() >= deadline:
                raise TimeoutError(QT_TRANSLATE_NOOP("aitems", "timed out"))


class _GuardedConnectionMixin:
    """Connects through :func:`_connect`, and puts a reused socket under the current guard."""

    def _new_conn(self) -> socket.socket:
        conn: Any = self
        guard = current_guard()
        timeout = conn.timeout if isinstance(conn.timeout, int | float) else None
        try:
            return _connect(
                (conn._dns_host, conn.port),
                timeout,
                conn.source_address,
                conn.socket_options,
                guard,
            )
        except socket.gaierror as exc:
            raise NameResolutionError(conn.host, conn, exc) from exc
        except TimeoutError as exc:
            # The words alone: urllib3 passes the connection too, whose repr (a memory
            # address) would reach the person through a proxy error's details.
            raise ConnectTimeoutError(
                f"Connection to {conn.host} timed out. (connect timeout={timeout})"
            ) from exc
        except OSError as exc:
            raise NewConnectionError(conn, f"Failed to establish a new connection: {exc}") from exc

    def request(self, *args: Any, **kwargs: Any) -> None:
        guard = current_guard()
        if guard is not None:
            sock = getattr(self, "sock", None)
            if sock is not None:
                # A pooled keep-alive connection: this attempt uses (and may stop) it too.
                guard.watch(sock)
            guard.sending = True
        super().request(*args, **kwargs)  # type: ignore[misc]


class GuardedHTTPConnection(_GuardedConnectionMixin, HTTPConnection):
    """A urllib3 connection watched by the calling thread's guard (see :func:`guarded`)."""


class GuardedHTTPSConnection(_GuardedConnectionMixin, HTTPSConnection):
    """The same over TLS."""

    def connect(self) -> None:
        try:
            super().connect()
        except BaseException as exc:
            close_orphaned_tls_socket(exc)
            raise


class _HTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = GuardedHTTPConnection


class _HTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = GuardedHTTPSConnection


_POOL_CLASSES = {"http": _HTTPConnectionPool, "https": _HTTPSConnectionPool}


class GuardedAdapter(HTTPAdapter):
    """An ``HTTPAdapter`` whose connections are watched by the calling thread's guard."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_POOL_CLASSES)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> PoolManager:
        manager: PoolManager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = dict(_POOL_CLASSES)
        return manager
