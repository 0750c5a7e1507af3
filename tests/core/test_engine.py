"""The engine over real sockets, against a server that answers what each test scripts.

Every decision of the engine is pinned here: what is signed, what is sent again and when, how
long it waits, how much it reads, and which typed error each failure becomes.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import logging
import shlex
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from email.utils import formatdate
from typing import Any

import pytest
from hostile_server import (
    Conn,
    HostileServer,
    Seen,
    close_now,
    drip_body,
    endless_body,
    raw,
    reset,
    respond,
    stall,
)

from aitems_desktop.core import catalogue, errors
from aitems_desktop.core.api import AitemsApi
from aitems_desktop.core.engine import MAX_ERROR_BODY_BYTES, CallRecord, Engine
from aitems_desktop.core.models import (
    CreateServiceRequest,
    EmptyResponse,
    ScheduleRequest,
    TrainRequest,
    UpdateServiceRequest,
    UploadRowsRequest,
)

ACCESS, SECRET = "AKtestaccess", "SKtestsecret-0123456789"
SERVICE = {
    "serviceId": "abcdefghijk",
    "name": "shop",
    "description": "",
    "status": "datasetRequired",
    "type": "batch",
    "datasets": [],
    "hpConfig": {"is_enabled": False},
    "infers": [],
    "createdDate": "2024-07-29T16:17:37.235",
    "updatedDate": "2024-07-29T16:17:37.235",
}
GATEWAY_401 = {"error": {"errorCode": "200", "message": "Authentication Failed"}}
MakeApi = Callable[..., AitemsApi]


@pytest.fixture(params=["http", "https"])
def server(request: pytest.FixtureRequest) -> Iterator[HostileServer]:
    with HostileServer(tls=request.param == "https") as srv:
        yield srv


@pytest.fixture
def http_server() -> Iterator[HostileServer]:
    with HostileServer() as srv:
        yield srv


def _maker(srv: HostileServer) -> Iterator[MakeApi]:
    made: list[AitemsApi] = []

    def make(**kwargs: Any) -> AitemsApi:
        kwargs.setdefault("timeout", (2.0, 5.0))
        kwargs.setdefault("backoff_base", 0.01)
        kwargs.setdefault("ca_bundle", srv.ca_bundle)
        engine = Engine(kwargs.pop("base_url", srv.base_url), ACCESS, SECRET, **kwargs)
        api = AitemsApi(engine)
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


def expected_signature(method: str, target: str, timestamp: str) -> str:
    message = f"{method} {target}\n{timestamp}\n{ACCESS}".encode()
    return base64.b64encode(hmac.new(SECRET.encode(), message, hashlib.sha256).digest()).decode()


def assert_signed(seen: Seen) -> None:
    ts = seen.headers["x-ncp-apigw-timestamp"]
    assert seen.headers["x-ncp-iam-access-key"] == ACCESS
    assert seen.headers["x-ncp-apigw-signature-v2"] == expected_signature(
        seen.method, seen.target, ts
    )
    assert abs(int(ts) / 1000 - time.time()) < 60
    assert seen.headers["Content-Type"] == "application/json"


# --- what is sent ----------------------------------------------------------------------


def test_create_sends_a_signed_documented_request(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    http_server.script(respond(201, SERVICE))
    service = make_http_api().services.create(
        CreateServiceRequest(name="shop", description="한국어 설명")
    )
    assert service.service_id == "abcdefghijk"
    (seen,) = http_server.seen
    assert (seen.method, seen.target) == ("POST", "/api/v1/services")
    assert_signed(seen)
    assert json.loads(seen.body) == {"name": "shop", "description": "한국어 설명", "type": "batch"}


def test_every_operation_signs_the_target_it_sends(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    api = make_http_api()
    http_server.script(respond(200, SERVICE))
    api.services.get("a b/c?d#é")
    api.services.list(offset=5, limit=7)
    api.services.schedule("x", "start", ScheduleRequest.model_validate({"trainTypes": ["pop"]}))
    api.services.trainings("x", is_recent=True)
    api.services.lookup("x", train_type="relatedItem", target_id="상품 1&2")
    api.schemas.list(dataset_type="user")
    targets = [s.target for s in http_server.seen]
    assert targets == [
        "/api/v1/services/a%20b%2Fc%3Fd%23%C3%A9",
        "/api/v1/services?offset=5&limit=7",
        "/api/v1/services/x/schedule?action=start",
        "/api/v1/services/x/trains?isRecent=true",
        "/api/v1/services/x/infers/lookup?type=relatedItem&targetId=%EC%83%81%ED%92%88%201%262",
        "/api/v1/schemas?datasetType=user&offset=0&limit=1000",
    ]
    for seen in http_server.seen:
        assert_signed(seen)
    # No query, no stray "?".
    api.services.trainings("x")
    assert http_server.seen[-1].target == "/api/v1/services/x/trains"


@pytest.mark.parametrize("bad", ["", ".", ".."])
def test_ids_that_would_leave_the_path_are_refused_before_sending(
    http_server: HostileServer, make_http_api: MakeApi, bad: str
) -> None:
    with pytest.raises(errors.InvalidInputError):
        make_http_api().services.get(bad)
    with pytest.raises(errors.InvalidInputError):
        make_http_api().services.training("x", "pop", bad)
    assert http_server.seen == []


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://aitems.apigw.ntruss.com/api/v1?x=1",
        "https://aitems.apigw.ntruss.com/api/v1#top",
        "https://user:pw@aitems.apigw.ntruss.com/api/v1",
        "ftp://aitems.apigw.ntruss.com/api/v1",
        "https:///api/v1",
        "https://host/api/../v1",
        "https://ho st/api/v1",
        "",
    ],
)
def test_an_endpoint_that_is_not_one_is_refused(endpoint: str) -> None:
    with pytest.raises(errors.InvalidInputError):
        Engine(endpoint, ACCESS, SECRET)


def test_a_lone_surrogate_is_refused_before_sending(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    with pytest.raises(errors.InvalidInputError):
        make_http_api().services.lookup("x", train_type="pop", target_id="\ud800")
    with pytest.raises(errors.InvalidInputError):
        make_http_api().services.get("\udfff")
    assert http_server.seen == []


def test_every_attempt_gets_a_fresh_signature(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    http_server.script(
        respond(503, {"error": {"errorCode": "500", "message": "Endpoint Error"}}),
        respond(504, {"error": {"errorCode": "510", "message": "Endpoint Timeout"}}),
        respond(200, SERVICE),
    )
    clock = iter([1_700_000_000.0, 1_700_000_001.0, 1_700_000_002.0, 1_700_000_003.0])
    api = make_http_api(clock=lambda: next(clock))
    assert api.services.get("abcdefghijk").name == "shop"
    stamps = [s.headers["x-ncp-apigw-timestamp"] for s in http_server.seen]
    assert stamps == ["1700000000000", "1700000001000", "1700000002000"]
    signatures = {s.headers["x-ncp-apigw-signature-v2"] for s in http_server.seen}
    assert len(signatures) == 3


# --- typed errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "code", "expected"),
    [
        (400, "100", errors.RequestRejectedError),
        (401, "200", errors.AuthenticationError),
        (401, 210, errors.PermissionDeniedError),
        (403, "230", errors.ForbiddenError),
        (404, "300", errors.NotFoundError),
        (429, "400", errors.RateLimitedError),
        (429, "410", errors.RateLimitedError),
        (429, "420", errors.RateLimitedError),
        (413, "430", errors.PayloadTooLargeError),
        (503, "500", errors.ServerError),
        (504, "510", errors.ServerError),
        (500, "900", errors.ServerError),
        (418, "999", errors.RequestRejectedError),
    ],
)
def test_gateway_envelope_maps_by_code(
    http_server: HostileServer, make_http_api: MakeApi, status: int, code: Any, expected: type
) -> None:
    http_server.script(
        respond(status, {"error": {"errorCode": code, "message": "M", "details": "D"}})
    )
    with pytest.raises(expected) as info:
        make_http_api(max_attempts=1).services.create(CreateServiceRequest(name="shop"))
    assert type(info.value) is expected
    assert info.value.http_status == status
    assert info.value.error_code == str(code)
    assert info.value.details == "D"


def test_flat_service_errors_keep_the_request_id(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    flat = {
        "timestamp": "2022-04-06T10:13:57.940",
        "path": "/api/services",
        "status": 400,
        "error": "DUPLICATE_NAME",
        "requestId": "3fd67b58",
        "errorCode": "BAD_REQUEST",
        "message": "[shop] is a duplicate name.",
    }
    http_server.script(respond(400, flat), respond(400, flat | {"error": "INVALID_PARAMETER"}))
    api = make_http_api()
    with pytest.raises(errors.DuplicateNameError) as dup:
        api.services.create(CreateServiceRequest(name="shop"))
    assert (dup.value.request_id, dup.value.error_code) == ("3fd67b58", "DUPLICATE_NAME")
    assert dup.value.message == "[shop] is a duplicate name."
    # BAD_REQUEST says nothing the reason does not: it is not repeated as details.
    assert dup.value.details is None
    with pytest.raises(errors.RequestRejectedError) as other:
        api.services.create(CreateServiceRequest(name="shop"))
    assert type(other.value) is errors.RequestRejectedError
    assert other.value.error_code == "INVALID_PARAMETER"


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (401, b"", errors.AuthenticationError),
        (403, b"<html>no</html>", errors.ForbiddenError),
        (404, b"", errors.NotFoundError),
        (413, b"<html>too big</html>", errors.PayloadTooLargeError),
        (429, b"slow down", errors.RateLimitedError),
        (502, b"<html><body><h1>502 Bad Gateway</h1></body></html>", errors.ServerError),
        (500, b"", errors.ServerError),
        (400, b"<html>bad</html>", errors.InvalidResponseError),
        (409, b'{"unexpected": true}', errors.InvalidResponseError),
    ],
)
def test_a_status_without_a_known_body_still_means_its_status(
    http_server: HostileServer,
    make_http_api: MakeApi,
    status: int,
    body: bytes,
    expected: type,
) -> None:
    http_server.script(respond(status, body, {"Content-Type": "text/html"}))
    with pytest.raises(expected) as info:
        make_http_api(max_attempts=1).services.create(CreateServiceRequest(name="shop"))
    assert type(info.value) is expected
    assert info.value.http_status == status
    text = str(info.value)
    if body.strip():
        assert body.decode()[:10] in text + str(getattr(info.value, "body_excerpt", ""))


@pytest.mark.parametrize(
    "body",
    [
        b"[1, 2",
        b'{"serviceId": 5, "name": "x"}',
        b"NaN",
        b'{"serviceId": "a", "name": "x", "status": NaN}',
        b"[" * 200_000 + b"]" * 200_000,
        b'{"serviceId": "a", "name": "x", "n": ' + b"9" * 5000 + b"}",
        b"\xff\xfe",
        b"",
        b"<html>portal</html>",
    ],
)
def test_an_answer_that_cannot_be_read_is_an_invalid_response(
    http_server: HostileServer, make_http_api: MakeApi, body: bytes
) -> None:
    http_server.script(respond(200, body))
    with pytest.raises(errors.InvalidResponseError) as info:
        make_http_api().services.get("abcdefghijk")
    assert info.value.http_status in (200, None)


def test_an_operation_without_a_documented_answer_takes_an_empty_body(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    http_server.script(respond(200, b""))
    rows = UploadRowsRequest(type="user", value=({"USER_ID": "u1"},))
    result = make_http_api().services.upload_rows("abcdefghijk", "dataset1", rows)
    assert isinstance(result, EmptyResponse)
    assert result.raw is None


def test_a_redirect_is_not_followed(http_server: HostileServer, make_http_api: MakeApi) -> None:
    http_server.script(respond(302, b"", {"Location": "http://elsewhere.invalid/"}))
    with pytest.raises(errors.InvalidResponseError, match="redirect"):
        make_http_api().services.get("abcdefghijk")
    assert len(http_server.seen) == 1


# --- size bounds ------------------------------------------------------------------------------


def test_a_declared_length_over_the_bound_is_refused_without_reading(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    http_server.script(raw(b"HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n{"))
    with pytest.raises(errors.InvalidResponseError, match="larger than 1 MB"):
        make_http_api(max_response_bytes=1024 * 1024).services.get("x")


def test_an_undeclared_body_over_the_bound_is_cut_off_while_reading(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    # Chunked, no Content-Length: only the count of bytes read can stop it.
    http_server.script(endless_body(chunk=b"x" * 4096))
    with pytest.raises(errors.InvalidResponseError, match="larger than 1 MB"):
        make_http_api(max_response_bytes=1024 * 1024).services.get("x")


def test_an_endless_body_ended_only_by_closing_is_stopped_at_the_bound(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    # No Content-Length and not chunked: the body ends when the connection closes, which it
    # never does. Only reading it in pieces and counting them stops it (not the deadline).
    def behave(conn: Conn) -> None:
        conn.send(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n")
        with contextlib.suppress(OSError):
            while not conn.wait(0.001):  # about 4 MB/s: a mutant that reads on stays small
                conn.send(b"x" * 4096)

    http_server.script(behave)
    api = make_http_api(max_response_bytes=1024 * 1024, timeout=(5.0, 60.0))
    started = time.monotonic()
    with pytest.raises(errors.InvalidResponseError, match="larger than 1 MB"):
        api.services.get("x")
    assert time.monotonic() - started < 30


def test_a_body_of_exactly_the_bound_is_read(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    padding = 1024 * 1024 - len(json.dumps(SERVICE)) - len(', "pad": ""')
    body = json.dumps(SERVICE)[:-1] + ', "pad": "' + "x" * padding + '"}'
    assert len(body) == 1024 * 1024
    http_server.script(respond(200, body))
    assert make_http_api(max_response_bytes=1024 * 1024).services.get("x").name == "shop"


def test_an_error_body_is_read_up_to_64_kib_only(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    page = b"<html>" + b"y" * (MAX_ERROR_BODY_BYTES * 4)
    http_server.script(respond(400, page, {"Content-Type": "text/html"}))
    with pytest.raises(errors.InvalidResponseError) as info:
        make_http_api().services.create(CreateServiceRequest(name="shop"))
    assert info.value.details == f"the body was longer than {MAX_ERROR_BODY_BYTES} bytes"
    # A page just under the cap is not called longer.
    http_server.script(respond(400, b"<html>" + b"y" * 1000, {"Content-Type": "text/html"}))
    with pytest.raises(errors.InvalidResponseError) as short:
        make_http_api().services.create(CreateServiceRequest(name="shop"))
    assert short.value.details is None


# --- what is sent again -------------------------------------------------------------------


def test_gets_ride_out_503_504_and_dropped_connections(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    http_server.script(
        respond(503, {"error": {"errorCode": "500", "message": "Endpoint Error"}}),
        close_now(),
        respond(504, {"error": {"errorCode": "510", "message": "Endpoint Timeout"}}),
        respond(200, SERVICE),
    )
    assert make_http_api().services.get("abcdefghijk").name == "shop"
    assert len(http_server.seen) == 4


def test_retries_stop_after_max_attempts(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    http_server.script(respond(503, {"error": {"errorCode": "500", "message": "E"}}))
    with pytest.raises(errors.ServerError):
        make_http_api(max_attempts=3).services.get("x")
    assert len(http_server.seen) == 3


@pytest.mark.parametrize("status", [500, 502, 400, 401, 404])
def test_other_statuses_are_not_retried(
    http_server: HostileServer, make_http_api: MakeApi, status: int
) -> None:
    http_server.script(respond(status, b""))
    with pytest.raises(errors.AitemsError):
        make_http_api().services.get("x")
    assert len(http_server.seen) == 1


@pytest.mark.parametrize(
    "fail",
    [
        respond(503, {"error": {"errorCode": "500", "message": "E"}}),
        respond(504, {"error": {"errorCode": "510", "message": "E"}}),
        respond(429, {"error": {"errorCode": "420", "message": "E"}}, {"Retry-After": "0"}),
        close_now(),
        reset(),
    ],
)
def test_a_create_or_a_training_is_never_sent_twice(
    http_server: HostileServer, make_http_api: MakeApi, fail: Any
) -> None:
    http_server.script(fail)
    api = make_http_api()
    with pytest.raises(errors.AitemsError):
        api.services.create(CreateServiceRequest(name="shop"))
    with pytest.raises(errors.AitemsError):
        api.services.train("x", TrainRequest.model_validate({"types": ["pop"]}))
    with pytest.raises(errors.AitemsError):
        api.services.schedule("x", "start", ScheduleRequest.model_validate({"trainTypes": ["pop"]}))
    assert [s.method for s in http_server.seen] == ["POST", "POST", "PUT"]


def test_a_create_whose_connection_never_opened_is_sent_again(make_http_api: MakeApi) -> None:
    # Nothing listens on the first address tried; the engine may send the create again.
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    api = make_http_api(base_url=f"http://127.0.0.1:{port}/api/v1", max_attempts=3)
    records: list[CallRecord] = []
    api.engine.add_observer(records.append)
    with pytest.raises(errors.NetworkError) as info:
        api.services.create(CreateServiceRequest(name="shop"))
    assert info.value.may_have_reached_server is False
    assert "nothing was sent" in info.value.message
    assert [r.attempt for r in records] == [1, 2, 3]


def test_retry_after_seconds_and_date_are_honoured(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    later = formatdate(time.time() + 1, usegmt=True)
    http_server.script(
        respond(429, {"error": {"errorCode": "420", "message": "R"}}, {"Retry-After": "1"}),
        respond(429, {"error": {"errorCode": "420", "message": "R"}}, {"Retry-After": later}),
        respond(200, SERVICE),
    )
    started = time.monotonic()
    assert make_http_api().services.get("x").name == "shop"
    # One second, then up to one more: the waits were the server's, not the backoff's 10 ms.
    assert time.monotonic() - started >= 1.0
    assert len(http_server.seen) == 3


@pytest.mark.parametrize("value", ["120", "9" * 400, "Wed, 21 Oct 2099 07:28:00 GMT"])
def test_a_retry_after_beyond_the_bound_gives_up_at_once(
    http_server: HostileServer, make_http_api: MakeApi, value: str
) -> None:
    http_server.script(
        respond(429, {"error": {"errorCode": "420", "message": "R"}}, {"Retry-After": value})
    )
    with pytest.raises(errors.RateLimitedError) as info:
        make_http_api(max_retry_wait=5).services.get("x")
    assert info.value.retry_after is not None
    assert info.value.retry_after > 5
    assert len(http_server.seen) == 1


@pytest.mark.parametrize("value", ["²", "１２", "soon", "-5", "Mon, 99 Foo 2024"])
def test_an_unreadable_retry_after_falls_back_to_backoff(
    http_server: HostileServer, make_http_api: MakeApi, value: str
) -> None:
    http_server.script(
        respond(429, {"error": {"errorCode": "420", "message": "R"}}, {"Retry-After": value}),
        respond(200, SERVICE),
    )
    assert make_http_api().services.get("x").name == "shop"


def test_the_backoff_grows_and_is_capped() -> None:
    engine = Engine("http://127.0.0.1:9/api/v1", ACCESS, SECRET, backoff_base=1, backoff_max=5)
    for attempt, ceiling in [(1, 1), (2, 2), (3, 4), (4, 5), (9, 5)]:
        waits = [engine._backoff(attempt) for _ in range(200)]
        assert all(ceiling / 2 <= w <= ceiling for w in waits)
        assert max(waits) > ceiling * 0.9
        assert min(waits) < ceiling * 0.6


def test_a_certificate_failure_is_not_retried() -> None:
    with HostileServer(tls=True) as srv:
        api = AitemsApi(Engine(srv.base_url, ACCESS, SECRET, max_attempts=4, backoff_base=0.01))
        with pytest.raises(errors.TlsError) as info:
            api.services.get("x")
        api.close()
        assert info.value.may_have_reached_server is False
        assert srv.seen == []


# --- waiting and cancelling ---------------------------------------------------------------


def test_a_read_timeout_on_a_create_may_have_reached_the_server(
    server: HostileServer, make_api: MakeApi
) -> None:
    server.script(stall())
    with pytest.raises(errors.NetworkError, match=r"did not answer within 0\.5") as info:
        make_api(timeout=(2.0, 0.5)).services.create(CreateServiceRequest(name="shop"))
    assert info.value.may_have_reached_server is True
    assert len(server.seen) == 1


def test_a_trickled_body_within_the_deadline_arrives(
    server: HostileServer, make_api: MakeApi
) -> None:
    server.script(drip_body(SERVICE, 0.0005, size=16))
    assert make_api().services.get("x").raw == SERVICE


def test_cancel_stops_a_waiting_call_and_the_api_still_works(
    server: HostileServer, make_api: MakeApi
) -> None:
    server.script(stall())
    api = make_api(timeout=(2.0, 60.0))
    timer = threading.Timer(0.3, api.cancel)
    timer.start()
    with pytest.raises(errors.CancelledError) as info:
        api.services.create(CreateServiceRequest(name="shop"))
    timer.join()
    assert info.value.may_have_reached_server is True
    server.script(respond(200, SERVICE))
    assert api.services.get("abcdefghijk").name == "shop"


def test_cancel_during_a_retry_wait_ends_the_wait(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    http_server.script(
        respond(429, {"error": {"errorCode": "420", "message": "R"}}, {"Retry-After": "25"})
    )
    api = make_http_api(max_retry_wait=60)
    waiting = threading.Event()
    api.engine.add_observer(lambda record: waiting.set())
    threading.Thread(target=lambda: waiting.wait(10) and api.cancel(), daemon=True).start()
    started = time.monotonic()
    with pytest.raises(errors.CancelledError):
        api.services.get("x")
    assert time.monotonic() - started < 20
    assert len(http_server.seen) == 1


def test_cancel_before_the_call_sends_nothing(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    api = make_http_api()
    generation = api.engine.generation
    api.cancel()
    with pytest.raises(errors.CancelledError):
        api.engine.pause(0.0, generation)
    # A new call after a cancel runs normally.
    http_server.script(respond(200, SERVICE))
    assert api.services.get("x").name == "shop"


def test_connect_timeout_when_the_server_never_accepts(make_http_api: MakeApi) -> None:
    # A listener whose accept queue is full: the kernel drops further SYNs, so connect hangs.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    fillers = []
    port = listener.getsockname()[1]
    try:
        for _ in range(4):
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            fillers.append(filler)
        api = make_http_api(
            base_url=f"http://127.0.0.1:{port}/api/v1", timeout=(0.5, 1.0), max_attempts=1
        )
        with pytest.raises(errors.NetworkError) as info:
            api.services.create(CreateServiceRequest(name="shop"))
        assert info.value.may_have_reached_server is False
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


def test_an_unresolvable_host(make_http_api: MakeApi) -> None:
    api = make_http_api(base_url="https://no-such-host.invalid/api/v1", max_attempts=1)
    with pytest.raises(errors.NetworkError) as info:
        api.services.list()
    assert info.value.may_have_reached_server is False


# --- the clock --------------------------------------------------------------------------------


def test_401_with_a_skewed_clock_names_the_clock(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    http_server.script(respond(401, GATEWAY_401, {"Date": formatdate(time.time(), usegmt=True)}))
    with pytest.raises(errors.AuthenticationError) as info:
        make_http_api(clock=lambda: time.time() + 360).services.list()
    assert "6 minutes ahead" in info.value.message
    assert info.value.clock_skew is not None
    http_server.script(respond(401, GATEWAY_401, {"Date": formatdate(time.time(), usegmt=True)}))
    with pytest.raises(errors.AuthenticationError) as behind:
        make_http_api(clock=lambda: time.time() - 600).services.list()
    assert "10 minutes behind" in behind.value.message


@pytest.mark.parametrize("skew", [0, 299])
def test_401_with_a_clock_inside_the_window_blames_the_keys(
    http_server: HostileServer, make_http_api: MakeApi, skew: int
) -> None:
    http_server.script(respond(401, GATEWAY_401, {"Date": formatdate(time.time(), usegmt=True)}))
    with pytest.raises(errors.AuthenticationError) as info:
        make_http_api(clock=lambda: time.time() + skew).services.list()
    assert info.value.clock_skew is None
    assert "access key" in info.value.hint


# --- secrets, the activity record, cURL -------------------------------------------------------


def test_secret_and_signature_never_appear(
    http_server: HostileServer, make_http_api: MakeApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    http_server.script(respond(201, SERVICE), respond(401, GATEWAY_401), close_now())
    api = make_http_api(max_attempts=1)
    records: list[CallRecord] = []
    api.engine.add_observer(records.append)
    texts = [repr(api.engine), repr(api.engine.__dict__)]
    api.services.create(CreateServiceRequest(name="shop"))
    for _ in range(2):
        try:
            api.services.create(CreateServiceRequest(name="shop"))
        except errors.AitemsError as exc:
            texts += [str(exc), repr(exc), exc.hint, str(exc.details)]
    texts += [repr(r) for r in records]
    texts.append(caplog.text)
    blob = "\n".join(texts)
    assert SECRET not in blob
    for seen in http_server.seen:
        assert seen.headers["x-ncp-apigw-signature-v2"] not in blob


def test_each_attempt_is_recorded_for_the_activity_log(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    flat = {"error": "NOT_FOUND", "requestId": "r-1", "message": "gone", "status": 404}
    http_server.script(respond(503, b""), respond(200, SERVICE), respond(404, flat))
    api = make_http_api()
    records: list[CallRecord] = []
    api.engine.add_observer(records.append)
    api.services.get("a b")
    with pytest.raises(errors.NotFoundError):
        api.services.get("gone")
    assert [(r.attempt, r.status, r.error) for r in records] == [
        (1, 503, "ServerError"),
        (2, 200, None),
        (1, 404, "NotFoundError"),
    ]
    assert records[0].prepared.target == "/api/v1/services/a%20b"
    assert records[0].prepared.operation is catalogue.SERVICES_GET
    assert records[2].request_id == "r-1"
    assert all(r.duration_ms >= 0 and r.started.tzinfo is not None for r in records)


def test_an_observer_that_fails_does_not_fail_the_call(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    http_server.script(respond(200, SERVICE))
    api = make_http_api()

    def broken(record: CallRecord) -> None:
        raise RuntimeError("observer bug")

    api.engine.add_observer(broken)
    assert api.services.get("x").name == "shop"


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
@pytest.mark.parametrize("service_id", ["abcdefghijk", "a b", "상품", "x%2F..", "[x]{y}"])
def test_a_copied_curl_command_sends_exactly_what_was_signed(
    http_server: HostileServer, make_http_api: MakeApi, service_id: str
) -> None:
    http_server.script(respond(200, SERVICE))
    api = make_http_api()
    prepared = api.engine.prepare(
        catalogue.SERVICES_UPDATE,
        path={"serviceId": service_id},
        body=UpdateServiceRequest(name="shop", description="설명 'quoted'"),
    )
    command = api.engine.curl_command(prepared)
    assert SECRET not in command
    result = subprocess.run(shlex.split(command), capture_output=True, check=True, text=True)
    assert json.loads(result.stdout) == SERVICE
    (seen,) = http_server.seen
    assert seen.target == prepared.target
    assert_signed(seen)
    assert json.loads(seen.body) == {"name": "shop", "description": "설명 'quoted'"}


def test_a_thread_closes_its_own_session_and_no_other(
    http_server: HostileServer, make_http_api: MakeApi
) -> None:
    api = make_http_api()
    engine = api.engine
    http_server.script(*[respond(200, SERVICE)] * 3)
    api.services.get("abcdefghijk")
    (mine,) = engine._sessions
    elsewhere = threading.Thread(target=api.services.get, args=("abcdefghijk",))
    elsewhere.start()
    elsewhere.join(30)
    (theirs,) = [s for s in engine._sessions if s is not mine]
    engine.close_thread_session()
    # Mine is closed and forgotten; the other thread's stays open.
    assert engine._sessions == [theirs]
    assert len(mine.adapters["http://"].poolmanager.pools.keys()) == 0
    assert len(theirs.adapters["http://"].poolmanager.pools.keys()) == 1
    # Closing again, or in a thread that never called, is nothing; the next call opens a new
    # session for this thread.
    engine.close_thread_session()
    failures: list[BaseException] = []

    def close_there() -> None:
        try:
            engine.close_thread_session()
        except BaseException as exc:  # reported below
            failures.append(exc)

    never_called = threading.Thread(target=close_there)
    never_called.start()
    never_called.join(30)
    assert failures == []
    assert engine._sessions == [theirs]
    api.services.get("abcdefghijk")
    assert len(engine._sessions) == 2
    assert mine not in engine._sessions
