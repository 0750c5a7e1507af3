"""A hostile or broken server: every case ends in a typed error, within its deadline plus 0.5 s.

Each case runs over plain HTTP and over HTTPS (the production protocol). The attempt deadline
is 2 seconds, the read timeout far longer, so only the deadline can end the slow cases.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hostile_server import (
    Behaviour,
    Conn,
    HostileServer,
    drip_body,
    drip_headers,
    endless_body,
    endless_continue,
    head,
    raw,
    respond,
    stall,
)

from aitems_desktop.core import errors
from aitems_desktop.core.api import AitemsApi
from aitems_desktop.core.engine import Engine
from aitems_desktop.core.models import CreateServiceRequest

DEADLINE = 2.0
MARGIN = 0.5
SERVICE = {"serviceId": "abcdefghijk", "name": "shop", "status": "learnable"}


@pytest.fixture(params=["http", "https"])
def server(request: pytest.FixtureRequest) -> Iterator[HostileServer]:
    with HostileServer(tls=request.param == "https") as srv:
        yield srv


@pytest.fixture
def api(server: HostileServer) -> Iterator[AitemsApi]:
    engine = Engine(
        server.base_url,
        "AK",
        "SK",
        ca_bundle=server.ca_bundle,
        timeout=(5.0, 30.0),
        attempt_seconds=DEADLINE,
        max_attempts=1,
    )
    with AitemsApi(engine) as made:
        yield made


def timed(call: Callable[[], Any]) -> tuple[BaseException, float]:
    started = time.monotonic()
    try:
        call()
    except BaseException as exc:  # the caller checks the type
        return exc, time.monotonic() - started
    raise AssertionError("the call did not fail")


def _gzip_bomb(conn: Conn) -> None:
    # 64 MB of zeros compress to about 64 KB; the size bound counts what is decoded.
    packed = gzip.compress(b"0" * (64 * 1024 * 1024), compresslevel=9)
    conn.send(head(200, {"Content-Encoding": "gzip"}, length=len(packed)) + packed)


SLOW: dict[str, Behaviour] = {
    "body dripped a byte every 0.4 s": drip_body(SERVICE, 0.4),
    "headers dripped without end": drip_headers(0.2),
    "endless 100 Continue": endless_continue(0.05),
    "endless chunked body": endless_body(0.1),
    "headers, then silence": raw(head(200, length=500), then_close=False),
    "silence": stall(),
}

BROKEN: dict[str, Behaviour] = {
    "more than a hundred headers": raw(
        b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(150)) + b"\r\n"
    ),
    "a header line of 100 KB": raw(b"HTTP/1.1 200 OK\r\nX: " + b"y" * 100_000 + b"\r\n\r\n"),
    "garbage for a status line": raw(b"\x00\xffNOT HTTP\r\n\r\n"),
    "a bad chunk size": raw(
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"
    ),
    "a body cut short": raw(head(200, length=500) + b'{"serviceId": "a"'),
    "JSON nested 200,000 deep": respond(200, b"[" * 200_000 + b"]" * 200_000),
    "a 5,000-digit number": respond(
        200, b'{"serviceId": "a", "name": "x", "n": ' + b"1" * 5000 + b"}"
    ),
    "NaN in the answer": respond(200, b'{"serviceId": "a", "name": "x", "n": NaN}'),
    "a gzip bomb": _gzip_bomb,
    "Content-Length in superscript digits": raw(
        b"HTTP/1.1 200 OK\r\nContent-Length: \xc2\xb2\r\n\r\n" + b'{"serviceId": "a"}'
    ),
    "a reset": lambda conn: conn.sock.setsockopt(
        socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
    ),
}


@pytest.mark.parametrize("case", sorted(SLOW))
def test_a_slow_server_ends_in_a_typed_error_on_time(
    server: HostileServer, api: AitemsApi, case: str
) -> None:
    server.script(SLOW[case])
    error, elapsed = timed(lambda: api.services.get("abcdefghijk"))
    assert isinstance(error, errors.NetworkError), repr(error)
    assert error.may_have_reached_server is True
    assert elapsed <= DEADLINE + MARGIN, f"{case}: {elapsed:.2f} s"


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_answer_ends_in_a_typed_error_on_time(
    server: HostileServer, api: AitemsApi, case: str
) -> None:
    server.script(BROKEN[case])
    error, elapsed = timed(lambda: api.services.get("abcdefghijk"))
    assert isinstance(error, errors.AitemsError), repr(error)
    assert elapsed <= DEADLINE + MARGIN, f"{case}: {elapsed:.2f} s"


def test_a_slow_create_is_abandoned_on_time_and_may_have_happened(
    server: HostileServer, api: AitemsApi
) -> None:
    server.script(drip_body(SERVICE, 0.4))
    error, elapsed = timed(lambda: api.services.create(CreateServiceRequest(name="shop")))
    assert isinstance(error, errors.NetworkError)
    assert error.may_have_reached_server is True
    assert elapsed <= DEADLINE + MARGIN
    assert len(server.seen) == 1


def test_a_tls_handshake_that_never_finishes_ends_on_time_and_sent_nothing() -> None:
    # A TCP listener that accepts and then says nothing: the TLS handshake never completes.
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            accepted.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    port = listener.getsockname()[1]
    engine = Engine(
        f"https://127.0.0.1:{port}/api/v1",
        "AK",
        "SK",
        timeout=(5.0, 30.0),
        attempt_seconds=DEADLINE,
        max_attempts=1,
    )
    try:
        with AitemsApi(engine) as api:
            error, elapsed = timed(lambda: api.services.create(CreateServiceRequest(name="shop")))
        assert isinstance(error, errors.NetworkError), repr(error)
        assert error.may_have_reached_server is False
        assert elapsed <= DEADLINE + MARGIN
    finally:
        stop.set()
        listener.shutdown(socket.SHUT_RDWR)
        listener.close()
        thread.join(5)
        for conn in accepted:
            conn.close()


@pytest.mark.parametrize(
    "behaviour",
    [stall(), drip_headers(0.1), endless_continue(0.05), drip_body(SERVICE, 0.2)],
    ids=["silence", "dripped headers", "100 Continue", "dripped body"],
)
def test_cancel_ends_a_stalled_call_within_half_a_second(
    server: HostileServer, behaviour: Behaviour
) -> None:
    server.script(behaviour)
    engine = Engine(
        server.base_url, "AK", "SK", ca_bundle=server.ca_bundle, timeout=(5.0, 60.0), max_attempts=1
    )
    cancelled_at: list[float] = []

    def cancel_once_the_answer_stalls() -> None:
        deadline = time.monotonic() + 10
        while not server.seen and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.3)  # the server has the request; let its answer begin to stall
        cancelled_at.append(time.monotonic())
        api.cancel()

    with AitemsApi(engine) as api:
        watcher = threading.Thread(target=cancel_once_the_answer_stalls, daemon=True)
        watcher.start()
        error, _ = timed(lambda: api.services.create(CreateServiceRequest(name="shop")))
        ended = time.monotonic()
        watcher.join(5)
    assert isinstance(error, errors.CancelledError), repr(error)
    # Cancelled mid-answer: the request had left, so it may have been carried out.
    assert error.may_have_reached_server is True
    assert cancelled_at
    assert ended - cancelled_at[0] <= MARGIN
