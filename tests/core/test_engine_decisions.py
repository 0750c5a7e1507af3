"""Each decision of the engine, pinned so that changing it fails a test.

The mutation run (README, Development; ``docs/testing.md``) showed where the rest of the suite
would not notice a changed decision: whether a failure may have reached the server (which
decides whether a create is sent again), the exact size bounds, the date form of
``Retry-After``, a TLS failure retried, a pending connect left running after a cancel. Every
test here counts what the server received or reads the exact figure the engine chose.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import shlex
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from hostile_server import (
    Behaviour,
    Conn,
    HostileServer,
    close_now,
    closed_port,
    drip_body,
    head,
    raw,
    respond,
    stall,
)

from aitems_desktop.core import catalogue, errors
from aitems_desktop.core import engine as engine_module
from aitems_desktop.core.api import AitemsApi, build
from aitems_desktop.core.engine import MAX_ERROR_BODY_BYTES, CallRecord, Engine, _spent
from aitems_desktop.core.models import (
    CreateDatasetRequest,
    CreateSchemaRequest,
    CreateServiceRequest,
    TrainRequest,
    UpdateServiceRequest,
    UploadRowsRequest,
)

SERVICE = {"serviceId": "abcdefghijk", "name": "shop", "status": "learnable"}
RATE_LIMITED = {"error": {"errorCode": "420", "message": "Rate limited"}}
MakeApi = Callable[..., AitemsApi]


@pytest.fixture(params=["http", "https"])
def server(request: pytest.FixtureRequest) -> Iterator[HostileServer]:
    with HostileServer(tls=request.param == "https") as srv:
        yield srv


@pytest.fixture
def http_server() -> Iterator[HostileServer]:
    with HostileServer() as srv:
        yield srv


def _maker(srv: HostileServer | None) -> Iterator[MakeApi]:
    made: list[AitemsApi] = []

    def make(**kwargs: Any) -> AitemsApi:
        kwargs.setdefault("timeout", (5.0, 30.0))
        kwargs.setdefault("backoff_base", 0.01)
        if srv is not None:
            kwargs.setdefault("ca_bundle", srv.ca_bundle)
        base_url = kwargs.pop("base_url", srv.base_url if srv is not None else None)
        api = AitemsApi(Engine(base_url, "AK", "SK", **kwargs))
        made.append(api)
        return api

    yield make
    for api in made:
        api.close()


@pytest.fixture
def make_api(server: HostileServer) -> Iterator[MakeApi]:
    yield from _maker(server)


@pytest.fixture
def make_http_api(http_server: HostileServer) -> Iterator[MakeApi]:
    yield from _maker(http_server)


@pytest.fixture
def make_bare_api() -> Iterator[MakeApi]:
    yield from _maker(None)


def attempts_of(api: AitemsApi) -> list[CallRecord]:
    records: list[CallRecord] = []
    api.engine.add_observer(records.append)
    return records


def posts(srv: HostileServer) -> int:
    return sum(1 for seen in srv.seen if seen.method == "POST")


def chunked(status: int, body: bytes, piece: int = 4096) -> Behaviour:
    """A whole answer in chunked transfer: no Content-Length, only counting can bound it."""
    data = b"".join(
        f"{len(body[i : i + piece]):x}\r\n".encode() + body[i : i + piece] + b"\r\n"
        for i in range(0, len(body), piece)
    )
    return raw(head(status, {"Transfer-Encoding": "chunked"}) + data + b"0\r\n\r\n")


def json_of_size(size: int) -> bytes:
    """A valid service answer of exactly ``size`` bytes."""
    start, end = b'{"serviceId": "abcdefghijk", "name": "shop", "pad": "', b'"}'
    body = start + b"x" * (size - len(start) - len(end)) + end
    assert len(body) == size
    return body


CREATE = CreateServiceRequest(name="shop")


# --- one intention, one create: what "may have reached the server" decides -------------------


def test_a_create_whose_answer_breaks_mid_body_is_sent_once(
    server: HostileServer, make_api: MakeApi
) -> None:
    # Headers promise 500 bytes; 17 arrive and the connection closes.
    server.script(raw(head(201, length=500) + b'{"serviceId": "a"'))
    api = make_api(max_attempts=4)
    records = attempts_of(api)
    with pytest.raises(errors.NetworkError) as info:
        api.services.create(CREATE)
    assert info.value.may_have_reached_server is True
    assert "broke while the answer was arriving" in info.value.message
    assert info.value.http_status == 201
    assert posts(server) == 1
    assert [r.attempt for r in records] == [1]


def test_a_create_whose_answer_misses_the_deadline_is_sent_once(
    server: HostileServer, make_api: MakeApi
) -> None:
    server.script(drip_body(SERVICE, 0.3))
    api = make_api(attempt_seconds=1.0, max_attempts=4)
    with pytest.raises(errors.NetworkError) as info:
        api.services.create(CREATE)
    assert info.value.may_have_reached_server is True
    assert "No complete answer arrived in time" in info.value.message
    assert "(1 attempt)" in info.value.message
    assert info.value.http_status == 200
    assert posts(server) == 1


def test_a_create_whose_headers_never_come_is_sent_once(
    server: HostileServer, make_api: MakeApi
) -> None:
    server.script(stall())
    api = make_api(attempt_seconds=1.0, max_attempts=4)
    with pytest.raises(errors.NetworkError) as info:
        api.services.create(CREATE)
    assert info.value.may_have_reached_server is True
    assert info.value.http_status is None
    assert posts(server) == 1


def test_a_get_whose_answer_breaks_mid_body_is_sent_again(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    body = b'{"serviceId": "abcdefghijk", "name": "shop"}'
    http_server.script(raw(head(200, length=500) + body[:10]), respond(200, body))
    assert make_http_api(max_attempts=4).services.get("abcdefghijk").name == "shop"
    assert len(http_server.seen) == 2


@pytest.mark.parametrize(
    "send",
    [
        lambda api: api.datasets.create(
            build(
                CreateDatasetRequest,
                type="user",
                name="users",
                description="",
                schemaName="users",
                osInfo={"region": "KR", "bucket": "bucket-1", "key": "u.csv"},
            )
        ),
        lambda api: api.schemas.create(
            build(
                CreateSchemaRequest,
                datasetType="user",
                name="users",
                fields=[{"name": "USER_ID", "type": ["string"]}],
            )
        ),
        lambda api: api.services.upload_rows(
            "svc", "ds", UploadRowsRequest(type="user", value=({"USER_ID": "u1"},))
        ),
        lambda api: api.services.train("svc", TrainRequest.model_validate({"types": ["pop"]})),
    ],
    ids=["dataset create", "schema create", "row upload", "training"],
)
def test_every_request_that_is_not_idempotent_is_sent_once(
    http_server: HostileServer, make_http_api: MakeApi, send: Callable[[AitemsApi], Any]
) -> None:
    http_server.script(close_now())
    with pytest.raises(errors.NetworkError) as info:
        send(make_http_api(max_attempts=4))
    assert info.value.may_have_reached_server is True
    assert len(http_server.seen) == 1


# --- what counts as "nothing was sent" ---------------------------------------------------------


def test_a_create_through_a_proxy_that_is_not_there_is_tried_again(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    api = make_http_api(proxy=f"http://127.0.0.1:{closed_port()}", max_attempts=3)
    records = attempts_of(api)
    with pytest.raises(errors.NetworkError) as info:
        api.services.create(CREATE)
    assert info.value.may_have_reached_server is False
    assert "proxy" in info.value.hint
    assert [r.attempt for r in records] == [1, 2, 3]
    assert http_server.seen == []


def test_a_create_through_a_proxy_that_drops_it_is_sent_once(make_bare_api: MakeApi) -> None:
    # A proxy that takes the request and closes: the request may have gone on.
    with HostileServer() as proxy:
        proxy.script(close_now())
        api = make_bare_api(
            # Plain http (which a forward proxy reads whole) is allowed for a local name only.
            base_url="http://localhost:9/api/v1",
            proxy=f"http://127.0.0.1:{proxy.port}",
            max_attempts=3,
        )
        with pytest.raises(errors.NetworkError) as info:
            api.services.create(CREATE)
        assert info.value.may_have_reached_server is True
        assert len(proxy.seen) == 1


def test_a_tls_handshake_that_never_ends_is_a_connect_that_failed(make_bare_api: MakeApi) -> None:
    # Nothing was sent, so even a create is tried again: once per allowed attempt.
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            accepted.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        api = make_bare_api(
            base_url=f"https://127.0.0.1:{listener.getsockname()[1]}/api/v1",
            attempt_seconds=0.5,
            max_attempts=2,
        )
        records = attempts_of(api)
        with pytest.raises(errors.NetworkError) as info:
            api.services.create(CREATE)
        assert info.value.may_have_reached_server is False
        assert "nothing was sent" in info.value.message
        assert [r.attempt for r in records] == [1, 2]
    finally:
        listener.shutdown(socket.SHUT_RDWR)
        listener.close()
        thread.join(5)
        for conn in accepted:
            conn.close()
    assert len(accepted) == 2


def test_a_tunnel_the_proxy_never_opens_is_a_connect_that_failed(make_bare_api: MakeApi) -> None:
    # The proxy takes the CONNECT and says nothing: the request itself was never written.
    with HostileServer() as proxy:
        proxy.script(stall())
        api = make_bare_api(
            base_url="https://aitems.invalid/api/v1",
            proxy=f"http://127.0.0.1:{proxy.port}",
            attempt_seconds=0.5,
            max_attempts=2,
        )
        records = attempts_of(api)
        with pytest.raises(errors.NetworkError) as info:
            api.services.create(CREATE)
        assert info.value.may_have_reached_server is False
        assert [r.attempt for r in records] == [1, 2]
        assert [s.method for s in proxy.seen] == ["CONNECT", "CONNECT"]


def test_a_certificate_failure_is_tried_once(make_bare_api: MakeApi) -> None:
    with HostileServer(tls=True) as srv:
        # No CA bundle: the throwaway certificate cannot be verified.
        api = make_bare_api(base_url=srv.base_url, max_attempts=4)
        records = attempts_of(api)
        with pytest.raises(errors.TlsError) as info:
            api.services.get("x")
        assert info.value.may_have_reached_server is False
        assert [(r.attempt, r.error) for r in records] == [(1, "TlsError")]


# --- size bounds, to the byte -------------------------------------------------------------------


def test_the_error_body_cap_is_64_kib() -> None:
    assert MAX_ERROR_BODY_BYTES == 64 * 1024


@pytest.mark.parametrize("framing", ["length", "chunked"])
def test_an_error_body_of_64_kib_is_whole_and_one_byte_more_is_cut(
    http_server: HostileServer, make_http_api: MakeApi, framing: str
) -> None:
    def page(size: int) -> Behaviour:
        body = b"<html>" + b"y" * (size - 6)
        if framing == "chunked":
            return chunked(400, body)
        return respond(400, body, {"Content-Type": "text/html"})

    api = make_http_api(max_attempts=1)
    http_server.script(page(64 * 1024))
    with pytest.raises(errors.InvalidResponseError) as whole:
        api.services.get("x")
    assert whole.value.details is None
    http_server.script(page(64 * 1024 + 1))
    with pytest.raises(errors.InvalidResponseError) as cut:
        api.services.get("x")
    assert cut.value.details == "the body was longer than 65536 bytes"


def test_an_error_body_without_end_is_cut_at_the_cap(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    sent = threading.Event()
    total: list[int] = []

    def endless_page(conn: Conn) -> None:
        conn.send(head(400, {"Transfer-Encoding": "chunked", "Content-Type": "text/html"}))
        piece = b"1000\r\n" + b"y" * 4096 + b"\r\n"
        count = 0
        try:
            while count < 64 * 1024 * 1024 and not conn.stop.is_set():
                conn.send(piece)
                count += 4096
        except OSError:
            pass
        total.append(count)
        sent.set()

    http_server.script(endless_page)
    with pytest.raises(errors.InvalidResponseError) as info:
        make_http_api(max_attempts=1).services.get("x")
    assert info.value.details == "the body was longer than 65536 bytes"
    # The client closed after the cap; the server could not push the 64 MB it meant to.
    assert sent.wait(30)
    assert total[0] < 64 * 1024 * 1024


@pytest.mark.parametrize("framing", ["length", "chunked"])
def test_an_answer_of_the_bound_is_read_and_one_byte_more_is_refused(
    http_server: HostileServer, make_http_api: MakeApi, framing: str
) -> None:
    limit = 256 * 1024

    def answer(size: int) -> Behaviour:
        body = json_of_size(size)
        return chunked(200, body) if framing == "chunked" else respond(200, body)

    api = make_http_api(max_response_bytes=limit, max_attempts=1)
    http_server.script(answer(limit))
    assert api.services.get("x").name == "shop"
    http_server.script(answer(limit + 1))
    with pytest.raises(errors.InvalidResponseError, match="larger than"):
        api.services.get("x")


def test_a_declared_length_over_the_bound_is_refused_before_a_byte_of_body(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    # The body never comes: only the declared length can end this call before the deadline.
    http_server.script(raw(head(200, length=2 * 1024 * 1024), then_close=False))
    # Read timeout 3 s: without the pre-check the call would wait for it and fail otherwise.
    api = make_http_api(max_response_bytes=1024 * 1024, max_attempts=1, timeout=(5.0, 3.0))
    with pytest.raises(errors.InvalidResponseError) as info:
        api.services.get("x")
    assert info.value.http_status == 200
    assert "larger than 1 MB" in info.value.message


def test_a_declared_length_of_the_bound_is_not_refused(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    limit = 256 * 1024
    http_server.script(respond(200, json_of_size(limit)))
    api = make_http_api(max_response_bytes=limit, max_attempts=1)
    assert api.services.get("x").name == "shop"


@pytest.mark.parametrize("digits", [18, 19, 5000])
def test_a_declared_length_padded_with_zeros_is_read_by_its_value(
    http_server: HostileServer, make_http_api: MakeApi, digits: int
) -> None:
    # HTTP allows leading zeros: the value is the body's own length, whatever pads it.
    body = json.dumps(SERVICE).encode()
    length = str(len(body)).rjust(digits, "0")
    http_server.script(raw(head(200, {"Content-Length": length}) + body))
    assert make_http_api(max_attempts=1).services.get("x").name == "shop"


def test_a_declared_length_of_18_significant_digits_within_the_bound_is_read(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    # With a bound as large as Python allows, 10**17 bytes is within it: the body is read
    # (and here breaks off), not refused for its number of digits.
    http_server.script(raw(head(200, {"Content-Length": "1" + "0" * 17}) + b'{"serviceId"'))
    with pytest.raises(errors.NetworkError) as info:
        make_http_api(max_response_bytes=sys.maxsize, max_attempts=1).services.get("x")
    assert info.value.message == "The connection broke while the answer was arriving."
    assert info.value.http_status == 200


def test_a_declared_length_of_19_significant_digits_is_refused_whatever_the_bound(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    # 10**18 is below sys.maxsize, yet 19 digits are refused by their count, unread.
    http_server.script(raw(head(200, {"Content-Length": "1" + "0" * 18}) + b'{"serviceId"'))
    with pytest.raises(errors.InvalidResponseError) as info:
        make_http_api(max_response_bytes=sys.maxsize, max_attempts=1).services.get("x")
    assert info.value.http_status == 200
    assert "larger than" in info.value.message


@pytest.mark.parametrize("length", ["abc", "1e3", "-5", "²", ""])
def test_a_declared_length_that_is_not_a_number_leaves_the_body_to_its_end(
    http_server: HostileServer, make_http_api: MakeApi, length: str
) -> None:
    # Not a count of bytes: the body is read to the end of the connection, under the bound.
    body = json.dumps(SERVICE).encode()
    http_server.script(raw(head(200, {"Content-Length": length}) + body))
    assert make_http_api(max_attempts=1).services.get("x").name == "shop"


@pytest.mark.parametrize("length", ["1" + "0" * 18, "9" * 5000])
def test_a_declared_length_of_19_significant_digits_or_more_is_refused_unread(
    http_server: HostileServer, make_http_api: MakeApi, length: str
) -> None:
    http_server.script(raw(head(200, {"Content-Length": length}) + b"{}"))
    with pytest.raises(errors.InvalidResponseError) as info:
        make_http_api(max_attempts=1).services.get("x")
    assert info.value.http_status == 200
    assert "larger than" in info.value.message


def test_an_error_status_with_a_huge_declared_length_is_read_to_the_cap(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    # An error is never refused for its size: its first 64 KiB are what a person reads.
    page = b"<html>" + b"y" * (MAX_ERROR_BODY_BYTES * 2)
    http_server.script(respond(502, page, {"Content-Type": "text/html"}))
    with pytest.raises(errors.ServerError) as info:
        make_http_api(max_response_bytes=1024, max_attempts=1).services.get("x")
    assert info.value.http_status == 502


# --- Retry-After, both forms, to the second -----------------------------------------------------

NOW = 1_800_000_000.0


def _date(offset: float) -> str:
    return format_datetime(datetime.fromtimestamp(NOW + offset, UTC), usegmt=True)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("40", 40.0),
        (" 7 ", 7.0),
        ("9" * 400, 1e9),
        ("999999999", 999_999_999.0),
        ("1000000000", 1e9),
        ("9999999999", 1e9),
        ("0" * 20 + "40", 40.0),
        (_date(40), 40.0),
        # A date without a zone is read as UTC, not as this computer's zone.
        (_date(40).replace("GMT", "-0000"), 40.0),
        (_date(3600), 3600.0),
    ],
)
def test_retry_after_is_read_to_the_second(
    http_server: HostileServer,
    make_http_api: MakeApi,
    monkeypatch: pytest.MonkeyPatch,
    value: str,
    seconds: float,
) -> None:
    # In a zone far from UTC, a zone-less date read as local time would be hours off.
    monkeypatch.setenv("TZ", "Asia/Seoul")
    time.tzset()
    try:
        http_server.script(respond(429, RATE_LIMITED, {"Retry-After": value}))
        api = make_http_api(clock=lambda: NOW, max_retry_wait=5)
        with pytest.raises(errors.RateLimitedError) as info:
            api.services.get("x")
    finally:
        monkeypatch.undo()
        time.tzset()
    # To the second: approx's default relative tolerance would take 10**9 for 999,999,999.
    assert info.value.retry_after == pytest.approx(seconds, abs=1e-3)
    # Over the longest wait: given up at once.
    assert len(http_server.seen) == 1


@pytest.mark.parametrize("value", ["6", _date(6)])
def test_a_retry_after_over_the_longest_wait_is_not_waited(
    http_server: HostileServer, make_http_api: MakeApi, value: str
) -> None:
    waits: list[float] = []
    http_server.script(respond(429, RATE_LIMITED, {"Retry-After": value}), respond(200, SERVICE))
    api = make_http_api(clock=lambda: NOW, max_retry_wait=5)
    api.engine._wait = lambda delay, generation: waits.append(delay)  # type: ignore[method-assign]
    with pytest.raises(errors.RateLimitedError):
        api.services.get("x")
    assert waits == []
    assert len(http_server.seen) == 1


def test_a_retry_after_of_exactly_the_longest_wait_is_waited(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    waits: list[float] = []
    http_server.script(respond(429, RATE_LIMITED, {"Retry-After": "5"}), respond(200, SERVICE))
    api = make_http_api(clock=lambda: NOW, max_retry_wait=5)
    api.engine._wait = lambda delay, generation: waits.append(delay)  # type: ignore[method-assign]
    assert api.services.get("x").name == "shop"
    assert waits == [5.0]


class _FrozenMonotonic:
    """The engine's ``time`` with a monotonic clock that stands still: a deadline met to
    the nanosecond, which a running clock never shows on purpose."""

    def __init__(self) -> None:
        self.now = time.monotonic()

    def monotonic(self) -> float:
        return self.now

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)


def test_a_wait_that_would_end_exactly_at_the_call_deadline_is_not_begun(
    http_server: HostileServer, make_http_api: MakeApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The wait would use up the call's time to the nanosecond: no attempt could follow it.
    monkeypatch.setattr(engine_module, "time", _FrozenMonotonic())
    waits: list[float] = []
    http_server.script(respond(429, RATE_LIMITED, {"Retry-After": "20"}), respond(200, SERVICE))
    api = make_http_api(clock=lambda: NOW, call_seconds=20, max_retry_wait=60)
    api.engine._wait = lambda delay, generation: waits.append(delay)  # type: ignore[method-assign]
    with pytest.raises(errors.RateLimitedError):
        api.services.get("x")
    assert waits == []
    assert len(http_server.seen) == 1


def test_a_bound_with_exactly_no_time_left_sends_nothing(
    http_server: HostileServer, make_http_api: MakeApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "time", _FrozenMonotonic())
    http_server.script(respond(200, SERVICE))
    api = make_http_api()
    with api.engine.bounded(0.0), pytest.raises(errors.NetworkError) as info:
        api.services.get("x")
    assert info.value.message == "The time set for this work ran out, so nothing was sent."
    assert info.value.may_have_reached_server is False
    assert http_server.accepted == 0


@pytest.mark.parametrize("value", ["0", "000", _date(-30), _date(0)])
def test_a_retry_after_now_or_past_retries_at_once(
    http_server: HostileServer, make_http_api: MakeApi, value: str
) -> None:
    # The backoff alone would be 50 to 100 s, over the longest wait: only the header's
    # zero lets the call try again.
    http_server.script(respond(429, RATE_LIMITED, {"Retry-After": value}), respond(200, SERVICE))
    api = make_http_api(clock=lambda: NOW, backoff_base=100, backoff_max=100, max_retry_wait=5)
    waits: list[float] = []
    api.engine._wait = lambda delay, generation: waits.append(delay)  # type: ignore[method-assign]
    assert api.services.get("x").name == "shop"
    assert len(http_server.seen) == 2
    assert waits == [0.0]


def test_a_status_only_429_keeps_its_retry_after(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    http_server.script(
        respond(429, b"slow down", {"Retry-After": "7", "Content-Type": "text/plain"})
    )
    with pytest.raises(errors.RateLimitedError) as info:
        make_http_api(max_retry_wait=5).services.get("x")
    assert info.value.retry_after == 7.0
    assert info.value.http_status == 429


def test_a_gateway_429_keeps_its_retry_after(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    http_server.script(respond(429, RATE_LIMITED, {"Retry-After": "9"}))
    with pytest.raises(errors.RateLimitedError) as info:
        make_http_api(max_retry_wait=5).services.get("x")
    assert info.value.retry_after == 9.0


def test_a_service_429_keeps_its_retry_after(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    flat = {"status": 429, "error": "TOO_MANY_REQUESTS", "message": "slow", "requestId": "r"}
    http_server.script(respond(429, flat, {"Retry-After": "11"}))
    with pytest.raises(errors.RateLimitedError) as info:
        make_http_api(max_retry_wait=5).services.get("x")
    assert info.value.retry_after == 11.0
    assert info.value.request_id == "r"


def test_a_retry_after_within_the_bound_is_waited_not_the_backoff(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    waits: list[float] = []
    http_server.script(respond(429, RATE_LIMITED, {"Retry-After": "3"}), respond(200, SERVICE))
    api = make_http_api(backoff_base=0.01, max_retry_wait=5)
    api.engine._wait = lambda delay, generation: waits.append(delay)  # type: ignore[method-assign]
    assert api.services.get("x").name == "shop"
    assert waits == [3.0]


# --- the backoff between attempts ---------------------------------------------------------------


def test_network_retries_wait_the_growing_backoff(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    waits: list[float] = []
    http_server.script(close_now(), close_now(), close_now(), respond(200, SERVICE))
    api = make_http_api(backoff_base=1.0, backoff_max=3.0, max_attempts=4)
    api.engine._wait = lambda delay, generation: waits.append(delay)  # type: ignore[method-assign]
    assert api.services.get("x").name == "shop"
    assert len(waits) == 3
    for wait, ceiling in zip(waits, [1.0, 2.0, 3.0], strict=True):
        assert ceiling / 2 <= wait <= ceiling


def test_a_backoff_over_the_longest_wait_gives_up(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    http_server.script(respond(503, {"error": {"errorCode": "500", "message": "E"}}))
    api = make_http_api(backoff_base=20, backoff_max=20, max_retry_wait=5)
    with pytest.raises(errors.ServerError):
        api.services.get("x")
    assert len(http_server.seen) == 1


# --- cancel ---------------------------------------------------------------------------------------


def test_cancel_stops_a_pending_connect(make_bare_api: MakeApi) -> None:
    # A listener whose accept queue is full: the kernel drops further SYNs, so connect hangs.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    try:
        for _ in range(4):
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            fillers.append(filler)
        api = make_bare_api(
            base_url=f"http://127.0.0.1:{port}/api/v1",
            timeout=(20.0, 20.0),
            max_attempts=1,
        )
        timer = threading.Timer(0.5, api.cancel)
        started = time.monotonic()
        timer.start()
        with pytest.raises(errors.CancelledError) as info:
            api.services.create(CREATE)
        elapsed = time.monotonic() - started
        timer.join()
        assert info.value.may_have_reached_server is False
        assert "before it was sent" in info.value.message
        # The connect timeout is 20 s: only the cancel can have ended it this soon.
        assert elapsed < 10
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


def test_cancel_during_a_network_retry_wait_ends_it(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    http_server.script(close_now())
    api = make_http_api(backoff_base=60, backoff_max=60, max_retry_wait=120)
    failed = threading.Event()
    api.engine.add_observer(lambda record: failed.set())
    threading.Thread(target=lambda: failed.wait(30) and api.cancel(), daemon=True).start()
    started = time.monotonic()
    with pytest.raises(errors.CancelledError) as info:
        api.services.get("x")
    # The wait was 30 to 60 s: only the cancel can have ended it this soon.
    assert time.monotonic() - started < 25
    assert info.value.may_have_reached_server is True
    assert len(http_server.seen) == 1


def test_a_cancel_just_before_an_attempt_sends_nothing(
    http_server: HostileServer, make_http_api: MakeApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The cancel lands after the call's own check and before the attempt begins (the worker
    # is between the two lines when the person presses Cancel): the attempt still sees it.
    http_server.script(respond(200, SERVICE))
    api = make_http_api()
    engine = api.engine
    checked = engine._check_cancelled

    def check_then_cancel(generation: int, *, sent: bool) -> None:
        checked(generation, sent=sent)
        engine.cancel()

    monkeypatch.setattr(engine, "_check_cancelled", check_then_cancel)
    records = attempts_of(api)
    with pytest.raises(errors.CancelledError) as info:
        api.services.create(CREATE)
    assert info.value.message == "The request was cancelled."
    assert info.value.may_have_reached_server is False
    assert http_server.accepted == 0
    assert records == []


def test_a_cancel_while_the_call_is_being_set_up_sends_nothing(
    http_server: HostileServer, make_http_api: MakeApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The cancel lands after the call began and before its first attempt (while the access
    # key and CA bundle are checked): the call ends there.
    http_server.script(respond(200, SERVICE))
    api = make_http_api()
    engine = api.engine
    check = engine._check_setup

    def check_then_cancel() -> None:
        check()
        engine.cancel()

    monkeypatch.setattr(engine, "_check_setup", check_then_cancel)
    with pytest.raises(errors.CancelledError) as info:
        api.services.create(CREATE)
    assert info.value.message == "The request was cancelled."
    assert info.value.may_have_reached_server is False
    assert http_server.accepted == 0


def test_a_cancel_of_one_view_leaves_the_others_running(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    api = make_http_api()
    view = api.engine.scoped()
    generation = view.generation
    api.cancel()
    # The view's own generation did not move: its pause returns normally.
    view.pause(0.0, generation)
    view.cancel()
    with pytest.raises(errors.CancelledError) as info:
        view.pause(0.0, generation, sent=False)
    assert info.value.may_have_reached_server is False


def test_a_view_cancelled_before_its_call_begins_sends_nothing(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    # A view is one piece of work: a cancel that came before its worker reached the call is
    # still in force. The engine itself is not a piece of work: after its cancel, the next
    # call runs.
    http_server.script(respond(200, SERVICE))
    api = make_http_api()
    view = AitemsApi(api.engine.scoped())
    view.cancel()
    with pytest.raises(errors.CancelledError) as info:
        view.services.get("x")
    assert info.value.message == "The request was cancelled."
    assert info.value.may_have_reached_server is False
    assert http_server.seen == []
    api.cancel()
    assert api.services.get("x").name == "shop"
    assert len(http_server.seen) == 1


# --- what an engine is made with ---------------------------------------------------------------


def test_the_retry_defaults() -> None:
    # Four attempts; waits that start between 0.25 and 0.5 s and double up to 4-8 s; a server's
    # Retry-After waited up to 30 s.
    engine = Engine("https://example.com/api/v1", "AK", "SK")
    assert engine.max_attempts == 4
    assert (engine.backoff_base, engine.backoff_max, engine.max_retry_wait) == (0.5, 8.0, 30.0)
    assert engine.max_response_bytes == 16 * 1024 * 1024
    assert engine.timeout == (10.0, 60.0)
    assert (engine.proxy, engine.ca_bundle) == (None, None)


@pytest.mark.parametrize("given", [0, -3])
def test_at_least_one_attempt_is_made(given: int) -> None:
    assert Engine("https://example.com/api/v1", "AK", "SK", max_attempts=given).max_attempts == 1


def test_the_path_parameters_must_be_exactly_the_operation_s() -> None:
    # A programming error, not a person's: named with the operation and what it takes.
    engine = Engine("https://example.com/api/v1", "AK", "SK")
    words = "^services.get takes the path parameters \\('serviceId',\\)$"
    with pytest.raises(TypeError, match=words):
        engine.prepare(catalogue.SERVICES_GET)
    with pytest.raises(TypeError, match=words):
        engine.prepare(catalogue.SERVICES_GET, path={"serviceId": "a", "datasetId": "b"})
    with pytest.raises(TypeError, match=words):
        engine.prepare(catalogue.SERVICES_GET, path={"datasetId": "b"})


def test_an_empty_path_parameter_is_named_by_its_name() -> None:
    engine = Engine("https://example.com/api/v1", "AK", "SK")
    with pytest.raises(errors.InvalidInputError) as info:
        engine.prepare(catalogue.SERVICES_GET, path={"serviceId": ""})
    assert info.value.message == "The serviceId is empty, so there is nothing to ask for."


def test_the_target_is_the_path_and_the_query_as_sent() -> None:
    engine = Engine("https://example.com/api/v1", "AK", "SK")
    prepared = engine.prepare(catalogue.SERVICES_LIST, query={"limit": 5, "offset": 10})
    assert prepared.target == "/api/v1/services?limit=5&offset=10"
    assert prepared.url == "https://example.com/api/v1/services?limit=5&offset=10"
    assert engine.prepare(catalogue.SERVICES_GET, path={"serviceId": "a"}).target == (
        "/api/v1/services/a"
    )


# --- the session -------------------------------------------------------------------------------


def test_the_environment_s_proxy_and_ca_settings_are_ignored(
    http_server: HostileServer, make_http_api: MakeApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The profile decides; a proxy or CA bundle in the environment never sneaks in.
    dead = f"http://127.0.0.1:{closed_port()}"
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, dead)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/nonexistent/ca.pem")
    monkeypatch.setenv("CURL_CA_BUNDLE", "/nonexistent/ca.pem")
    http_server.script(respond(200, SERVICE))
    assert make_http_api(max_attempts=1).services.get("x").name == "shop"


def test_a_certificate_failure_is_one_handshake(make_bare_api: MakeApi) -> None:
    # Not retried by the engine, nor underneath it by urllib3.
    with HostileServer(tls=True) as srv:
        with pytest.raises(errors.TlsError):
            make_bare_api(base_url=srv.base_url, max_attempts=4).services.get("x")
        handshakes = srv.accepted
    assert handshakes == 1


def test_each_thread_has_its_own_session_and_close_closes_them_all(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    http_server.script(respond(200, SERVICE))
    api = make_http_api()
    api.services.get("x")
    worker = threading.Thread(target=lambda: api.services.get("x"))
    worker.start()
    worker.join(30)
    sessions = list(api.engine._sessions)
    assert len(sessions) == 2
    assert sessions[0] is not sessions[1]
    api.close()
    assert api.engine._sessions == []


def test_the_calls_of_one_thread_share_one_session_and_its_connection() -> None:
    # A keep-alive server: the second call goes over the first call's connection (no new
    # connect, no new TLS handshake), in the one session this thread has.
    connections: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            connections.append(1)

        def do_GET(self) -> None:
            body = json.dumps(SERVICE).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    with ThreadingHTTPServer(("127.0.0.1", 0), Handler) as httpd:
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            api = AitemsApi(Engine(f"http://127.0.0.1:{httpd.server_port}", "AK", "SK"))
            try:
                assert api.services.get("abcdefghijk").name == "shop"
                assert api.services.get("abcdefghijk").name == "shop"
                assert len(api.engine._sessions) == 1
                assert len(connections) == 1
            finally:
                api.close()
        finally:
            httpd.shutdown()


# --- what the activity log and the copied command show ------------------------------------------


def _signature(method: str, target: str, timestamp: str, access: str, secret: str) -> str:
    message = f"{method} {target}\n{timestamp}\n{access}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def test_a_target_that_requests_rewrites_is_recorded_and_signed_as_sent(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    # requests turns "%7e" in the endpoint's path into "~": the record and the signature
    # follow what went on the wire, not what was prepared.
    base = f"http://127.0.0.1:{http_server.port}/api%7ev1"
    http_server.script(respond(201, SERVICE))
    api = make_http_api(base_url=base)
    records = attempts_of(api)
    api.services.create(CREATE)
    (seen,) = http_server.seen
    assert seen.target == "/api~v1/services"
    signature = _signature("POST", seen.target, seen.headers["x-ncp-apigw-timestamp"], "AK", "SK")
    assert seen.headers["x-ncp-apigw-signature-v2"] == signature
    (record,) = records
    assert record.prepared.target == "/api~v1/services"
    assert record.prepared.url == f"http://127.0.0.1:{http_server.port}/api~v1/services"
    assert record.prepared.method == "POST"
    assert record.prepared.operation.name == "services.create"
    assert record.prepared.body == b'{"name":"shop","description":"","type":"batch"}'


def test_a_copied_curl_command_is_exactly_these_words() -> None:
    engine = Engine(
        "https://aitems.apigw.ntruss.com/api/v1", "AK", "SK", clock=lambda: 1_700_000_000.0
    )
    prepared = engine.prepare(
        catalogue.SERVICES_UPDATE,
        path={"serviceId": "abc"},
        body=UpdateServiceRequest(name="shop", description="설명"),
    )
    words = shlex.split(engine.curl_command(prepared))
    target = "/api/v1/services/abc"
    assert words == [
        "curl",
        "-sS",
        "--path-as-is",
        "--globoff",
        "-X",
        "PUT",
        "https://aitems.apigw.ntruss.com" + target,
        "-H",
        "x-ncp-apigw-timestamp: 1700000000000",
        "-H",
        "x-ncp-iam-access-key: AK",
        "-H",
        "x-ncp-apigw-signature-v2: " + _signature("PUT", target, "1700000000000", "AK", "SK"),
        "-H",
        "Content-Type: application/json",
        "--data-binary",
        '{"name":"shop","description":"설명"}',
    ]
    without_body = engine.prepare(catalogue.SERVICES_GET, path={"serviceId": "abc"})
    assert "--data-binary" not in shlex.split(engine.curl_command(without_body))


def test_an_answer_of_the_wrong_shape_keeps_its_text_in_the_excerpt(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    # Korean stays Korean; a lone surrogate (legal as a JSON escape) cannot break the excerpt.
    http_server.script(respond(200, b'{"serviceId": 5, "name": "\xec\x84\x9c\\ud800"}'))
    with pytest.raises(errors.InvalidResponseError) as info:
        make_http_api(max_attempts=1).services.get("x")
    assert info.value.body_excerpt == '{"serviceId": 5, "name": "서?"}'


def test_every_cancel_counts_not_only_the_first(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    api = make_http_api()
    api.cancel()
    generation = api.engine.generation
    api.cancel()
    with pytest.raises(errors.CancelledError):
        api.engine.pause(0.0, generation)


def test_a_proxy_s_credentials_reach_the_proxy(make_bare_api: MakeApi) -> None:
    with HostileServer() as proxy:
        proxy.script(respond(200, SERVICE))
        api = make_bare_api(
            base_url="https://aitems.invalid/api/v1",
            proxy=f"http://user:pw@127.0.0.1:{proxy.port}",
            max_attempts=1,
        )
        with pytest.raises(errors.AitemsError):
            api.services.get("x")  # the proxy answers the CONNECT with a 200 and no tunnel
        (seen,) = proxy.seen[:1]
    assert seen.method == "CONNECT"
    assert (
        seen.headers.get("Proxy-Authorization") == "Basic " + base64.b64encode(b"user:pw").decode()
    )


def test_call_json_returns_the_answer_as_the_server_sent_it(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    # Fields no model knows stay, and nothing is added: the output is the API's own JSON.
    sent = {**SERVICE, "type": None, "notInTheModel": [1, "두"]}
    http_server.script(respond(200, sent))
    api = make_http_api()
    answer = api.engine.call_json(catalogue.SERVICES_GET, path={"serviceId": "abcdefghijk"})
    assert answer == sent
    (seen,) = http_server.seen
    assert (seen.method, seen.target) == ("GET", "/api/v1/services/abcdefghijk")


def test_call_json_sends_the_query_it_is_given(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    http_server.script(respond(200, {"services": []}))
    api = make_http_api()
    assert api.engine.call_json(catalogue.SERVICES_LIST, query={"offset": 5, "limit": 7}) == {
        "services": []
    }
    (seen,) = http_server.seen
    assert seen.target == "/api/v1/services?offset=5&limit=7"


# --- what one attempt answers and records -------------------------------------------------------


@pytest.mark.parametrize("status", [300, 302, 399])
def test_every_3xx_answer_is_a_redirect_not_followed_and_read_as_an_error_body(
    http_server: HostileServer, make_http_api: MakeApi, status: int
) -> None:
    # Read under the error-body cap, not the answer bound (which is set small here): the
    # excerpt shows what the redirecting server said.
    page = "<html>moved " + "x" * 2000 + "</html>"
    http_server.script(respond(status, page, {"Content-Type": "text/html", "Location": "/"}))
    with pytest.raises(errors.InvalidResponseError) as info:
        make_http_api(max_response_bytes=1000, max_attempts=1).services.get("x")
    assert info.value.message == (
        f"The server answered HTTP {status}, a redirect, which AiTEMS never sends."
    )
    assert info.value.http_status == status
    assert (info.value.body_excerpt or "").startswith("<html>moved xxx")
    assert len(http_server.seen) == 1


def test_a_redirect_with_an_endless_body_is_read_only_to_the_error_cap(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    # With a Location, requests would read the whole body to "release the socket" before it
    # returned, even with redirects off: an endless body would fill memory until the deadline.
    def behave(conn: Conn) -> None:
        conn.send(head(302, {"Location": "/elsewhere", "Transfer-Encoding": "chunked"}))
        piece = b"1000\r\n" + b"x" * 4096 + b"\r\n"
        with contextlib.suppress(OSError):
            while not conn.wait(0.0005):
                conn.send(piece)

    http_server.script(behave)
    api = make_http_api(max_attempts=1, timeout=(5.0, 60.0), attempt_seconds=60.0)
    started = time.monotonic()
    with pytest.raises(errors.InvalidResponseError) as info:
        api.services.get("x")
    assert info.value.http_status == 302
    assert "a redirect" in info.value.message
    # The error-body cap ended it, not the 60 s deadline.
    assert time.monotonic() - started < 30
    assert len(http_server.seen) == 1


def test_an_empty_answer_is_success_only_where_no_body_is_documented(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    http_server.script(respond(200, b""))
    with pytest.raises(errors.InvalidResponseError) as info:
        make_http_api(max_attempts=1).services.get("x")
    assert info.value.http_status == 200


def test_an_attempt_that_failed_before_an_answer_is_recorded_with_its_target_and_no_status(
    make_bare_api: MakeApi,
) -> None:
    api = make_bare_api(base_url=f"http://127.0.0.1:{closed_port()}/api/v1", max_attempts=1)
    records = attempts_of(api)
    with pytest.raises(errors.NetworkError):
        api.services.get("abcdefghijk")
    (record,) = records
    assert record.status is None
    assert record.error == "NetworkError"
    assert record.prepared.target == "/api/v1/services/abcdefghijk"
    assert record.prepared.url.endswith("/api/v1/services/abcdefghijk")


def test_an_attempt_whose_answer_broke_is_recorded_with_the_status_that_came(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    http_server.script(raw(head(200, length=500) + b'{"serviceId": "a"'))
    api = make_http_api(max_attempts=1)
    records = attempts_of(api)
    with pytest.raises(errors.NetworkError):
        api.services.get("x")
    assert [(r.status, r.error) for r in records] == [(200, "NetworkError")]


def test_an_attempt_records_how_long_it_took_in_milliseconds(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    def late(conn: Conn) -> None:
        conn.wait(0.4)
        respond(200, SERVICE)(conn)

    http_server.script(late)
    api = make_http_api(max_attempts=1)
    records = attempts_of(api)
    started = time.monotonic()
    api.services.get("x")
    elapsed_ms = (time.monotonic() - started) * 1000
    (record,) = records
    assert 400 <= record.duration_ms <= elapsed_ms


def test_an_unexpected_failure_inside_an_attempt_is_passed_on_as_it_is(
    http_server: HostileServer, make_http_api: MakeApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A bug below the engine must surface as itself, not as an error of the bookkeeping
    # around it; the attempt is still recorded and its guard let go.
    api = make_http_api(max_attempts=1)
    engine = api.engine

    def broken(prepared: Any, guard: Any) -> Any:
        raise LookupError("a bug")

    monkeypatch.setattr(engine, "_exchange", broken)
    records = attempts_of(api)
    with pytest.raises(LookupError, match=r"^a bug$"):
        api.services.get("x")
    assert [(r.status, r.error) for r in records] == [(None, None)]
    assert engine._guards == set()


def test_no_guard_outlives_its_attempt(http_server: HostileServer, make_http_api: MakeApi) -> None:
    # A guard left behind would be stopped by every later cancel, and kept for ever.
    http_server.script(respond(200, SERVICE), close_now())
    api = make_http_api(max_attempts=1)
    api.services.get("x")
    with pytest.raises(errors.NetworkError):
        api.services.get("x")
    assert api.engine._guards == set()


def test_an_attempt_s_record_names_the_call_exactly_as_it_was_prepared(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    # An endpoint may be typed with its scheme in capitals; the record shows the call as
    # prepared (and as cURL is built from it), not a URL put back together from its parts.
    http_server.script(respond(200, SERVICE))
    api = make_http_api(base_url=http_server.base_url.replace("http://", "HTTP://"))
    records = attempts_of(api)
    api.services.get("x")
    (record,) = records
    assert record.prepared == api.engine.prepare(catalogue.SERVICES_GET, path={"serviceId": "x"})
    assert record.prepared.url.startswith("HTTP://")


def test_an_attempt_s_duration_is_the_clock_s_seconds_times_a_thousand(
    http_server: HostileServer, make_http_api: MakeApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The server takes exactly half a second by the engine's clock: 500 ms, not a hair more.
    clock = _FrozenMonotonic()
    monkeypatch.setattr(engine_module, "time", clock)

    def half_a_second(conn: Conn) -> None:
        clock.now += 0.5
        respond(200, SERVICE)(conn)

    http_server.script(half_a_second)
    api = make_http_api(max_attempts=1)
    records = attempts_of(api)
    api.services.get("x")
    (record,) = records
    assert record.duration_ms == 500.0


def test_every_request_asks_for_json(http_server: HostileServer, make_http_api: MakeApi) -> None:
    # HTTP reads the name and the media type without case; the bytes sent are still these.
    http_server.script(respond(200, SERVICE))
    make_http_api(max_attempts=1).services.get("x")
    (seen,) = http_server.seen
    assert seen.headers.get("Accept") == "application/json"


def test_a_body_that_only_closing_ends_and_misses_the_deadline_keeps_its_status(
    server: HostileServer, make_api: MakeApi
) -> None:
    # No Content-Length, not chunked: the stop ends the read as if the body had ended. The
    # engine still knows it stopped the call, and says which answer had begun.
    def behave(conn: Conn) -> None:
        conn.send(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n")
        conn.drip(json.dumps(SERVICE).encode(), 0.3, 1)

    server.script(behave)
    api = make_api(attempt_seconds=1.0, max_attempts=1)
    with pytest.raises(errors.NetworkError) as info:
        api.services.get("x")
    assert "No complete answer arrived in time" in info.value.message
    assert info.value.http_status == 200
    assert info.value.may_have_reached_server is True


# --- what is checked before anything is sent; one deadline per call; the shape of lists -----

KEY_HINT = (
    "Copy the access key again (into the profile, or NCLOUD_ACCESS_KEY), without line breaks "
    "or spaces."
)
CONTROL = (
    "The access key holds a line break, a space or another control character, so it cannot be "
    "sent; nothing was sent."
)
BUNDLE_HINT = (
    "Correct the CA bundle setting (the profile's CA bundle, or AITEMS_CA_BUNDLE): it must name "
    "a readable file of PEM certificates."
)


@pytest.mark.parametrize(
    ("access_key", "problem"),
    [
        ("", "The access key is empty."),
        ("   ", "The access key is empty."),
        ("AK KEY", CONTROL),
        ("AK\x7f", CONTROL),
        ("\x00AK", CONTROL),
        ("AKÄ", "The access key holds a character that is not ASCII, so it cannot be sent."),
    ],
)
def test_an_access_key_that_cannot_be_sent_is_named_and_nothing_is_sent(
    http_server: HostileServer, access_key: str, problem: str
) -> None:
    http_server.script(respond(200, SERVICE))
    api = AitemsApi(Engine(http_server.base_url, access_key, "SK"))
    with api, pytest.raises(errors.InvalidInputError) as info:
        api.services.get("abcdefghijk")
    assert info.value.message == problem
    assert info.value.hint == KEY_HINT
    assert http_server.seen == []


def test_an_access_key_of_printable_ascii_is_sent_as_it_is(http_server: HostileServer) -> None:
    # "!" (0x21) and "~" (0x7e) are the first and last characters a key may hold.
    http_server.script(respond(200, SERVICE))
    with AitemsApi(Engine(http_server.base_url, "!AK~", "SK")) as api:
        assert api.services.get("abcdefghijk").name == "shop"
    assert http_server.seen[0].headers["x-ncp-iam-access-key"] == "!AK~"


def test_each_unusable_ca_bundle_is_named_and_nothing_is_sent(
    http_server: HostileServer, tmp_path: Path
) -> None:
    missing = str(tmp_path / "missing.pem")
    not_pem = tmp_path / "passwd"
    not_pem.write_text("root:x:0:0:root:/root:/bin/bash\n")
    too_long = "/" + "a" * 5000
    cases = {
        missing: f"The CA bundle {missing!r} does not exist; nothing was sent.",
        str(not_pem): f"The CA bundle {str(not_pem)!r} holds no certificate that can be read "
        "(it must be PEM certificates); nothing was sent.",
        "ca\x00.pem": "The CA bundle 'ca\\x00.pem' cannot be read (embedded null byte); "
        "nothing was sent.",
        # An OSError says why in its own words (strerror), without its number.
        too_long: f"The CA bundle {too_long!r} cannot be read (File name too long); "
        "nothing was sent.",
    }
    for bundle, problem in cases.items():
        api = AitemsApi(Engine(http_server.base_url, "AK", "SK", ca_bundle=bundle))
        with api, pytest.raises(errors.InvalidInputError) as info:
            api.services.get("abcdefghijk")
        assert info.value.message == problem
        assert info.value.hint == BUNDLE_HINT
    assert http_server.seen == []


def test_a_directory_of_certificates_is_taken_as_a_ca_bundle(
    http_server: HostileServer, tmp_path: Path
) -> None:
    http_server.script(respond(200, SERVICE))
    with AitemsApi(Engine(http_server.base_url, "AK", "SK", ca_bundle=str(tmp_path))) as api:
        assert api.services.get("abcdefghijk").name == "shop"


def test_the_settings_are_checked_on_the_first_call_only(
    http_server: HostileServer, tmp_path: Path
) -> None:
    # The bundle is a file: read once, not before every call (plain http never reads it).
    bundle = tmp_path / "ca.pem"
    with HostileServer(tls=True) as tls:
        assert tls.ca_bundle is not None
        bundle.write_bytes(Path(tls.ca_bundle).read_bytes())
    http_server.script(respond(200, SERVICE), respond(200, SERVICE))
    with AitemsApi(Engine(http_server.base_url, "AK", "SK", ca_bundle=str(bundle))) as api:
        api.services.get("abcdefghijk")
        bundle.unlink()
        assert api.services.get("abcdefghijk").name == "shop"
    assert len(http_server.seen) == 2


def test_a_call_with_no_time_left_is_not_sent(http_server: HostileServer) -> None:
    http_server.script(respond(200, SERVICE))
    api = AitemsApi(Engine(http_server.base_url, "AK", "SK"))
    with api, api.engine.bounded(-5), pytest.raises(errors.NetworkError) as info:
        api.services.get("abcdefghijk")
    assert info.value.message == "The time set for this work ran out, so nothing was sent."
    assert info.value.may_have_reached_server is False
    assert http_server.seen == []


def test_a_bounded_block_cuts_a_call_in_flight(server: HostileServer) -> None:
    server.script(stall())
    api = AitemsApi(Engine(server.base_url, "AK", "SK", ca_bundle=server.ca_bundle))
    with api, api.engine.bounded(1.0), pytest.raises(errors.NetworkError) as info:
        api.services.get("abcdefghijk")
    assert info.value.message.startswith(
        "No complete answer arrived in time, so the call was abandoned. Gave up after "
    )
    assert info.value.message.endswith(" seconds (1 attempt).")
    assert len(server.seen) == 1


def test_bounded_blocks_nest_the_earlier_end_wins_and_each_thread_has_its_own() -> None:
    engine = Engine("https://example.com/api/v1", "AK", "SK")
    other: list[float | None] = []
    assert engine.time_left() is None
    with engine.bounded(100):
        with engine.bounded(1):
            inner = engine.time_left()
            assert inner is not None
            assert 0 < inner <= 1
        outer = engine.time_left()
        assert outer is not None
        assert 50 < outer <= 100
        with engine.bounded(1000):
            deeper = engine.time_left()
            assert deeper is not None
            assert deeper <= 100
        thread = threading.Thread(target=lambda: other.append(engine.time_left()))
        thread.start()
        thread.join()
    assert other == [None]
    assert engine.time_left() is None
    with engine.bounded(-3):
        assert engine.time_left() == 0.0


def test_the_time_a_call_took_is_stated_after_a_deadline_or_a_retry() -> None:
    lost = errors.NetworkError("Lost.", may_have_reached_server=True)
    assert _spent(lost, time.monotonic(), 1).message == "Lost."
    lost = errors.NetworkError("Lost.", may_have_reached_server=True)
    assert _spent(lost, time.monotonic() - 12.4, 2).message == (
        "Lost. Gave up after 12 seconds (2 attempts)."
    )
    lost = errors.NetworkError("Lost.", may_have_reached_server=True)
    assert _spent(lost, time.monotonic() - 10.4, 2).message == (
        "Lost. Gave up after 10 seconds (2 attempts)."
    )
    late = errors.NetworkError("Late.", may_have_reached_server=True)
    late.timed_out = True
    assert _spent(late, time.monotonic() - 3.01, 1).message == (
        "Late. Gave up after 3.0 seconds (1 attempt)."
    )


def test_a_refused_call_tried_three_times_says_so(make_bare_api: MakeApi) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    api = make_bare_api(base_url=f"http://127.0.0.1:{port}/api/v1", max_attempts=3)
    with pytest.raises(errors.NetworkError) as info:
        api.services.get("abcdefghijk")
    assert info.value.message.startswith(
        "Could not connect to the server; nothing was sent. Gave up after "
    )
    assert info.value.message.endswith(" seconds (3 attempts).")
    once = make_bare_api(base_url=f"http://127.0.0.1:{port}/api/v1", max_attempts=1)
    with pytest.raises(errors.NetworkError) as info:
        once.services.get("abcdefghijk")
    assert info.value.message == "Could not connect to the server; nothing was sent."


@pytest.mark.parametrize(
    ("answer", "where"),
    [
        ([SERVICE], "the answer: a list"),
        ({"services": "shop"}, "services: a string"),
        ({"services": {"serviceId": "a"}}, "services: an object"),
        ({"services": [SERVICE, True]}, "services.1: a boolean"),
        ({"services": [SERVICE, None]}, "services.1: null"),
        ({"services": [SERVICE, [1]]}, "services.1: a list"),
        ({"services": [2.5]}, "services.0: a number"),
    ],
)
def test_a_list_answer_of_the_wrong_shape_says_where(
    http_server: HostileServer, answer: Any, where: str
) -> None:
    http_server.script(respond(200, answer))
    api = AitemsApi(Engine(http_server.base_url, "AK", "SK"))
    with api, pytest.raises(errors.InvalidResponseError) as info:
        api.engine.call_json(catalogue.SERVICES_LIST)
    assert info.value.message == (
        f"The server's answer did not have the expected shape ({where} where an object or "
        "list was expected)."
    )
    assert info.value.body_excerpt == json.dumps(answer, ensure_ascii=False)


@pytest.mark.parametrize(
    ("operation", "key", "path"),
    [
        (catalogue.DATASETS_LIST, "datasets", None),
        (catalogue.SCHEMAS_LIST, "schemas", None),
        (catalogue.TRAININGS_LIST, "trains", {"serviceId": "abcdefghijk"}),
        (catalogue.UPDATES_LIST, "updates", {"serviceId": "abcdefghijk"}),
    ],
)
def test_every_list_s_items_are_checked(
    http_server: HostileServer, operation: Any, key: str, path: dict[str, str] | None
) -> None:
    http_server.script(respond(200, {key: ["x"]}))
    api = AitemsApi(Engine(http_server.base_url, "AK", "SK"))
    with api, pytest.raises(errors.InvalidResponseError) as info:
        api.engine.call_json(operation, path=path)
    assert f"({key}.0: a string where" in info.value.message


@pytest.mark.parametrize(
    "answer", [{"services": None}, {"total": 0}, {"services": [SERVICE]}, {"services": []}]
)
def test_a_list_answer_without_items_or_with_objects_is_returned_as_sent(
    http_server: HostileServer, answer: Any
) -> None:
    http_server.script(respond(200, answer))
    with AitemsApi(Engine(http_server.base_url, "AK", "SK")) as api:
        assert api.engine.call_json(catalogue.SERVICES_LIST) == answer


def test_an_answer_that_is_not_a_list_is_not_read_as_one(http_server: HostileServer) -> None:
    answer = {**SERVICE, "services": [1]}
    http_server.script(respond(200, answer))
    with AitemsApi(Engine(http_server.base_url, "AK", "SK")) as api:
        assert (
            api.engine.call_json(catalogue.SERVICES_GET, path={"serviceId": "abcdefghijk"})
            == answer
        )
