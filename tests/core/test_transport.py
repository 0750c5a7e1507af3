"""The transport's own parts: the guard that stops sockets, the watchdog, the guarded connect.

Every wait here ends on a definite event (a socket that reads its end, a guard whose reason is
set, a server's request record); the time bounds are the far side of a cancel that would
otherwise wait for a 30 or 60 s timeout.
"""

from __future__ import annotations

import errno
import os
import re
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import hostile_server
import pytest
from hostile_server import HostileServer, respond, stall

from aitems_desktop.core import errors, transport
from aitems_desktop.core.api import AitemsApi
from aitems_desktop.core.engine import Engine
from aitems_desktop.core.models import CreateServiceRequest
from aitems_desktop.core.transport import CallGuard, StopReason, Watchdog
from aitems_desktop.sandbox import Fault, SandboxServer

SERVICE = {"serviceId": "abcdefghijk", "name": "shop", "status": "learnable"}


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def until(condition: Callable[[], bool], seconds: float = 30.0) -> bool:
    """Wait for ``condition`` to become true; False if it did not within ``seconds``."""
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            return False
        time.sleep(0.01)
    return True


@pytest.fixture
def pair() -> Iterator[tuple[socket.socket, socket.socket]]:
    a, b = socket.socketpair()
    yield a, b
    a.close()
    b.close()


# --- CallGuard -------------------------------------------------------------------------------


def test_stopping_a_guard_wakes_a_blocked_read(pair: tuple[socket.socket, socket.socket]) -> None:
    mine, _theirs = pair
    guard = CallGuard()
    guard.watch(mine)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(mine.recv(10)))
    reader.start()
    assert guard.reason is None
    assert guard.stop(StopReason.CANCELLED) is True
    reader.join(30)
    assert got == [b""]
    assert guard.reason is StopReason.CANCELLED
    # Stopped once: a second stop (the deadline after a cancel) changes nothing.
    assert guard.stop(StopReason.DEADLINE) is False
    assert guard.reason is StopReason.CANCELLED
    guard.close()


def test_a_socket_watched_after_the_stop_is_shut_down_at_once(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    mine, theirs = pair
    guard = CallGuard()
    guard.stop(StopReason.DEADLINE)
    guard.watch(mine)
    # The other end reads the end of the stream: the shutdown reached the connection.
    theirs.settimeout(30)
    assert theirs.recv(10) == b""
    guard.close()


def test_closing_a_guard_releases_its_descriptors_and_leaves_the_socket_usable(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    mine, theirs = pair
    before = open_fds()
    guard = CallGuard()
    guard.watch(mine)
    guard.watch(mine)  # the same socket twice is watched once
    assert open_fds() == before + 1
    guard.close()
    assert open_fds() == before
    # Closed: a stop now does nothing, and the connection still carries data.
    assert guard.stop(StopReason.CANCELLED) is False
    assert guard.reason is None
    mine.sendall(b"ok")
    theirs.settimeout(30)
    assert theirs.recv(10) == b"ok"
    guard.watch(mine)
    assert open_fds() == before


def test_a_closed_socket_is_not_watched() -> None:
    sock = socket.socket()
    sock.close()
    guard = CallGuard()
    before = open_fds()
    guard.watch(sock)
    assert open_fds() == before
    assert guard.stop(StopReason.CANCELLED) is True
    guard.close()


def test_a_socket_on_descriptor_zero_is_watched() -> None:
    # A program started with stdin closed gets descriptor 0 for its first socket.
    saved = os.dup(0)
    os.close(0)
    mine = theirs = None
    try:
        mine, theirs = socket.socketpair()
        assert mine.fileno() == 0
        guard = CallGuard()
        guard.watch(mine)
        assert guard.stop(StopReason.CANCELLED) is True
        theirs.settimeout(30)
        assert theirs.recv(10) == b""  # shut down by the stop
        guard.close()
    finally:
        for sock in (mine, theirs):
            if sock is not None:
                sock.close()
        os.dup2(saved, 0)
        os.close(saved)


def test_stopping_a_socket_that_is_not_connected_yet_is_quiet() -> None:
    # A connect still pending when the deadline fires: shutting down an unconnected socket
    # fails (ENOTCONN), and that is no error of the call's.
    sock = socket.socket()
    later = socket.socket()
    guard = CallGuard()
    try:
        guard.watch(sock)
        assert guard.stop(StopReason.DEADLINE) is True
        guard.watch(later)
        assert guard.reason is StopReason.DEADLINE
    finally:
        guard.close()
        sock.close()
        later.close()


# --- Watchdog ----------------------------------------------------------------------------------


def test_a_deadline_stops_its_guard_and_only_after_its_time() -> None:
    watchdog = Watchdog()
    guard = CallGuard()
    started = time.monotonic()
    with watchdog.deadline(0.3, guard):
        assert until(lambda: guard.reason is not None, seconds=10)
        elapsed = time.monotonic() - started
    assert guard.reason is StopReason.DEADLINE
    assert elapsed >= 0.3
    assert until(watchdog.idle)


def test_a_deadline_that_fired_leaves_nothing_behind() -> None:
    # Not even its token: one kept per call that ran out of time would grow for ever.
    watchdog = Watchdog()
    for _ in range(3):
        guard = CallGuard()
        with watchdog.deadline(0.05, guard):
            assert until(lambda g=guard: g.reason is not None, seconds=10)
    assert until(lambda: watchdog._thread is None)
    assert (watchdog._heap, watchdog._pending, watchdog._cancelled) == ([], set(), set())
    assert watchdog.idle()


def test_a_block_that_ends_in_time_is_never_stopped() -> None:
    watchdog = Watchdog()
    early, late = CallGuard(), CallGuard()
    with watchdog.deadline(0.2, early):
        pass
    # A later deadline that does fire: by then the first one's time has long passed.
    with watchdog.deadline(0.5, late):
        assert until(lambda: late.reason is not None)
    assert early.reason is None
    assert late.reason is StopReason.DEADLINE


def test_deadlines_fire_in_their_order_not_in_the_order_given() -> None:
    watchdog = Watchdog()
    order: list[str] = []

    class Recording(CallGuard):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

        def stop(self, reason: StopReason) -> bool:
            order.append(self.name)
            return super().stop(reason)

    late, soon = Recording("late"), Recording("soon")
    with watchdog.deadline(0.8, late), watchdog.deadline(0.2, soon):
        assert until(lambda: late.reason is not None)
    assert order == ["soon", "late"]


def test_the_watchdog_thread_ends_when_idle_and_starts_again() -> None:
    watchdog = Watchdog()
    assert watchdog.idle()
    first = CallGuard()
    with watchdog.deadline(60, first):
        assert not watchdog.idle()
    assert until(lambda: watchdog._thread is None)
    assert watchdog.idle()
    # The deadline that ended in time left nothing behind, not even its token.
    assert (watchdog._heap, watchdog._pending, watchdog._cancelled) == ([], set(), set())
    second = CallGuard()
    with watchdog.deadline(0.1, second):
        assert until(lambda: second.reason is not None)
    assert first.reason is None


def test_an_engine_uses_the_watchdog_it_is_given() -> None:
    watchdog = Watchdog()
    with HostileServer() as server:
        server.script(stall())
        engine = Engine(
            server.base_url,
            "a",
            "s",
            timeout=(5.0, 60.0),
            attempt_seconds=0.5,
            max_attempts=1,
            watchdog=watchdog,
        )
        with AitemsApi(engine) as api, pytest.raises(errors.NetworkError) as info:
            api.services.get("x")
    assert info.value.message.startswith("No complete answer arrived in time")
    assert until(watchdog.idle)


# --- the guarded connect -----------------------------------------------------------------------


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    sock = socket.create_server(("127.0.0.1", 0))
    yield sock
    sock.close()


def test_connect_watches_the_new_socket(listener: socket.socket) -> None:
    guard = CallGuard()
    sock = transport._connect(listener.getsockname(), 5.0, None, None, guard)
    try:
        conn, _ = listener.accept()
        with conn:
            assert sock.gettimeout() == 5.0
            guard.stop(StopReason.CANCELLED)
            conn.settimeout(30)
            assert conn.recv(10) == b""
    finally:
        guard.close()
        sock.close()


def test_connect_applies_the_socket_options_and_source_address(listener: socket.socket) -> None:
    options = [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]
    sock = transport._connect(listener.getsockname(), None, ("127.0.0.1", 0), options, None)
    try:
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
        assert sock.getsockname()[0] == "127.0.0.1"
        assert sock.gettimeout() is None
    finally:
        sock.close()


def test_a_stopped_guard_connects_nowhere(listener: socket.socket) -> None:
    guard = CallGuard()
    guard.stop(StopReason.CANCELLED)
    with pytest.raises(OSError, match=r"^\[Errno \d+\] connection cancelled$") as info:
        transport._connect(listener.getsockname(), 5.0, None, None, guard)
    assert info.value.errno == errno.ECANCELED


def test_a_refused_connect_is_an_os_error() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    address = sock.getsockname()
    sock.close()
    with pytest.raises(OSError, match="ECONNREFUSED") as info:
        transport._connect(address, 5.0, None, None, None)
    assert info.value.errno == errno.ECONNREFUSED


def test_a_connect_that_completes_at_once_is_taken(tmp_path: Path) -> None:
    # A local socket connects within connect_ex itself (0, not EINPROGRESS): nothing to wait for.
    path = str(tmp_path / "listening")
    with socket.socket(socket.AF_UNIX) as server, socket.socket(socket.AF_UNIX) as client:
        server.bind(path)
        server.listen()
        transport._connect_polling(client, path, 5.0, None)
        assert client.getpeername() == path


def test_a_connect_that_fails_at_once_is_an_os_error_with_its_errno(tmp_path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as client, pytest.raises(OSError, match="ENOENT") as info:
        transport._connect_polling(client, str(tmp_path / "nobody"), 5.0, None)
    assert (info.value.errno, info.value.strerror) == (errno.ENOENT, "ENOENT")


def test_connect_tries_every_address_until_one_answers(
    listener: socket.socket, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    dead = closed.getsockname()
    closed.close()
    live = listener.getsockname()
    stream = (socket.AF_INET, socket.SOCK_STREAM, 6, "")
    monkeypatch.setattr(
        transport.socket, "getaddrinfo", lambda *a, **k: [(*stream, dead), (*stream, live)]
    )
    sock = transport._connect(("example", 1), 5.0, None, None, None)
    try:
        assert sock.getpeername() == live
    finally:
        sock.close()


def test_no_address_at_all_is_an_os_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transport.socket, "getaddrinfo", lambda *a, **k: [])
    with pytest.raises(OSError, match=r"^getaddrinfo returned no address$"):
        transport._connect(("example", 1), 5.0, None, None, None)


@pytest.fixture
def full_listener() -> Iterator[tuple[str, int]]:
    with hostile_server.full_listener() as address:
        yield address


def test_a_pending_connect_times_out(full_listener: tuple[str, int]) -> None:
    started = time.monotonic()
    # The words of socket.create_connection's own timeout.
    with pytest.raises(TimeoutError, match=r"^timed out$"):
        transport._connect(full_listener, 0.3, None, None, None)
    assert time.monotonic() - started >= 0.3


def test_a_pending_connect_ends_when_the_clock_reaches_its_deadline(
    full_listener: tuple[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The clock reads 100.0 when the deadline is set (100.5), then exactly 100.5: reached,
    # so the connect ends after that one look at the clock, not at the next.
    readings = iter([100.0, 100.5, 100.5, 100.5, 200.0])
    looks: list[float] = []
    me = threading.get_ident()

    def monotonic() -> float:
        if threading.get_ident() != me:  # another thread of transport's (a watchdog)
            return time.monotonic()
        looks.append(next(readings))
        return looks[-1]

    monkeypatch.setattr(transport, "time", SimpleNamespace(monotonic=monotonic))
    with pytest.raises(TimeoutError):
        transport._connect(full_listener, 0.5, None, None, None)
    assert looks == [100.0, 100.5]


def test_a_pending_connect_stops_with_its_guard(full_listener: tuple[str, int]) -> None:
    guard = CallGuard()
    threading.Timer(0.3, guard.stop, args=(StopReason.CANCELLED,)).start()
    started = time.monotonic()
    with pytest.raises(OSError, match=r"^\[Errno \d+\] connection cancelled$") as info:
        transport._connect(full_listener, 10.0, None, None, guard)
    # Not the connect timeout (a TimeoutError without an errno): the guard ended it.
    assert info.value.errno == errno.ECANCELED
    assert time.monotonic() - started < 10


def test_the_connect_failures_become_the_engine_s_typed_errors(
    full_listener: tuple[str, int],
) -> None:
    host, port = full_listener
    engine = Engine(f"http://{host}:{port}/api/v1", "a", "s", timeout=(0.3, 5), max_attempts=1)
    with AitemsApi(engine) as api, pytest.raises(errors.NetworkError) as timeout:
        api.services.get("x")
    assert timeout.value.message.startswith(
        "Could not connect within 0.3 seconds; nothing was sent. Gave up after "
    )
    engine = Engine("https://no-such-host.invalid/api/v1", "a", "s", max_attempts=1)
    with AitemsApi(engine) as api, pytest.raises(errors.NetworkError) as dns:
        api.services.get("x")
    assert dns.value.message == (
        "The endpoint's host name could not be resolved; nothing was sent."
    )
    # The resolver's own reason is kept for the technical details (its number and words vary
    # with the resolver).
    assert dns.value.details is not None
    assert re.search(
        r"Failed to resolve 'no-such-host\.invalid' \(\[Errno -?\d+\] \w", dns.value.details
    ), dns.value.details
    # Named by the connection that failed, as urllib3 names it.
    assert dns.value.details.startswith(
        "GuardedHTTPSConnection(host='no-such-host.invalid', port=443): "
    ), dns.value.details
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    refused_port = sock.getsockname()[1]
    sock.close()
    engine = Engine(f"http://127.0.0.1:{refused_port}/api/v1", "a", "s", max_attempts=1)
    with AitemsApi(engine) as api, pytest.raises(errors.NetworkError) as refused:
        api.services.get("x")
    assert refused.value.message == "Could not connect to the server; nothing was sent."
    # The details name the connection that failed, as urllib3 words it.
    assert refused.value.details is not None
    assert refused.value.details.startswith(
        f"GuardedHTTPConnection(host='127.0.0.1', port={refused_port}): Failed to establish a "
        "new connection: "
    )


def test_the_guarded_connection_keeps_urllib3_s_connect_options(listener: socket.socket) -> None:
    # A drop-in for urllib3's own connection: its source address and timeout are honoured.
    host, port = listener.getsockname()
    conn = transport.GuardedHTTPConnection(host, port, source_address=("127.0.0.2", 0), timeout=4)
    try:
        conn.connect()
        assert conn.sock is not None
        assert conn.sock.getsockname()[0] == "127.0.0.2"
        assert conn.sock.gettimeout() == 4
        # urllib3's default socket options (Nagle's delay off) are applied.
        assert conn.sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    finally:
        conn.close()
    # Without a timeout (urllib3's default marker, not a number) the socket blocks, as
    # socket.create_connection's does.
    default = transport.GuardedHTTPConnection(host, port)
    try:
        default.connect()
        assert default.sock is not None
        assert default.sock.gettimeout() is None
    finally:
        default.close()


# --- a reused connection and a proxy are watched too ------------------------------------------


def test_cancel_stops_a_call_on_a_reused_keep_alive_connection(sandbox: SandboxServer) -> None:
    engine = Engine(
        sandbox.base_url, sandbox.access_key, sandbox.secret_key, timeout=(5, 20), max_attempts=1
    )
    with AitemsApi(engine) as api:
        api.services.list()  # opens the connection that the next call reuses
        sandbox.inject(Fault.STALL, method="GET", seconds=60)
        stalled = threading.Event()
        threading.Thread(
            target=lambda: until(lambda: len(sandbox.requests) >= 2) and stalled.set(),
            daemon=True,
        ).start()
        threading.Thread(target=lambda: stalled.wait(30) and api.cancel(), daemon=True).start()
        started = time.monotonic()
        with pytest.raises(errors.CancelledError) as info:
            api.services.list()
        # The read timeout is 20 s: only the cancel can have ended it this soon.
        assert time.monotonic() - started < 10
    assert info.value.may_have_reached_server is True


def test_cancel_stops_a_call_through_a_proxy() -> None:
    with HostileServer() as proxy:
        proxy.script(stall())
        engine = Engine(
            # Plain http (which a forward proxy reads whole) is allowed for a local name only.
            "http://localhost:9/api/v1",
            "a",
            "s",
            proxy=f"http://127.0.0.1:{proxy.port}",
            timeout=(5, 20),
            max_attempts=1,
        )
        with AitemsApi(engine) as api:
            threading.Thread(
                target=lambda: until(lambda: len(proxy.seen) >= 1) and api.cancel(), daemon=True
            ).start()
            started = time.monotonic()
            with pytest.raises(errors.CancelledError) as info:
                api.services.create(CreateServiceRequest(name="shop"))
            assert time.monotonic() - started < 10
        assert info.value.may_have_reached_server is True
        assert proxy.seen[0].method == "POST"
        assert proxy.seen[0].target == "http://localhost:9/api/v1/services"


def test_a_connect_to_the_proxy_that_times_out_sent_nothing_and_says_why(
    full_listener: tuple[str, int],
) -> None:
    # Through a proxy, urllib3 wraps the ConnectTimeoutError in a ProxyError, and the engine
    # shows the original error's words in the details.
    host, port = full_listener
    engine = Engine(
        # Plain http (which a forward proxy reads whole) is allowed for a local name only.
        "http://localhost:9/api/v1",
        "a",
        "s",
        proxy=f"http://{host}:{port}",
        timeout=(0.3, 5),
        max_attempts=1,
    )
    with AitemsApi(engine) as api, pytest.raises(errors.NetworkError) as info:
        api.services.get("x")
    assert info.value.message == "Could not reach the server through the configured proxy."
    # urllib3's words alone: the connection object it names (a memory address) is left out.
    assert info.value.details == f"Connection to {host} timed out. (connect timeout=0.3)"
    # Nothing reached the proxy, let alone the server: a create may be sent again.
    assert info.value.may_have_reached_server is False


def test_a_call_through_a_proxy_is_answered() -> None:
    with HostileServer() as proxy:
        proxy.script(respond(200, SERVICE))
        engine = Engine(
            "http://localhost:9/api/v1", "a", "s", proxy=f"http://127.0.0.1:{proxy.port}"
        )
        with AitemsApi(engine) as api:
            assert api.services.get("abcdefghijk").name == "shop"
        assert proxy.seen[0].target == "http://localhost:9/api/v1/services/abcdefghijk"


# --- the TLS hand-over ------------------------------------------------------------------------


class _ResetBeforeHandshake(transport.GuardedHTTPSConnection):
    """A connection whose peer resets it after the TCP connect, before the TLS handshake."""

    connected: threading.Event

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        # Now the listener resets it: wait until the reset is here.
        self.connected.set()
        sock.setblocking(False)
        try:
            assert until(lambda: _peer_gone(sock), 10.0)
        finally:
            sock.settimeout(self.timeout if isinstance(self.timeout, int | float) else None)
        return sock


def _peer_gone(sock: socket.socket) -> bool:
    try:
        sock.getpeername()
    except OSError:
        return True
    return False


@pytest.fixture
def resetting_listener() -> Iterator[tuple[str, int, threading.Event]]:
    """Accepts each connection and, once the client says it is connected, resets it."""
    server = socket.create_server(("127.0.0.1", 0))
    connected = threading.Event()
    server.settimeout(0.05)
    done = threading.Event()

    def serve() -> None:
        while not done.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            connected.wait(10)
            connected.clear()
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    host, port = server.getsockname()[:2]
    yield host, port, connected
    done.set()
    thread.join(5)
    server.close()


def test_a_connection_reset_before_the_tls_handshake_leaves_no_socket_open(
    resetting_listener: tuple[str, int, threading.Event],
) -> None:
    # The stdlib (CPython before 3.11.8 and 3.12.2, gh-113280) left the TLS socket open when
    # the connection was already gone as it was wrapped: the peer's reset, or a cancel's
    # shutdown landing between the connect and the handshake. An open socket is only closed
    # by a garbage collection, long after, with a ResourceWarning.
    host, port, connected = resetting_listener
    before = open_fds()
    for _ in range(3):
        conn = _ResetBeforeHandshake(host, port, timeout=10.0)
        conn.connected = connected
        with pytest.raises(ConnectionResetError):
            conn.connect()
        conn.close()
    assert open_fds() == before
