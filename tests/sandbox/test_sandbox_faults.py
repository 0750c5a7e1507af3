"""Every injectable fault, its filters, counts and rates, and stop() in the middle of one."""

from __future__ import annotations

import random
import threading
import time
from typing import Any

import pytest
import requests

from aitems_desktop.sandbox import Fault, SandboxServer
from aitems_desktop.sandbox.faults import FaultPlan, parse_fault_spec


def envelope(response: requests.Response) -> dict[str, Any]:
    error = response.json()["error"]
    assert isinstance(error, dict)
    return error


def test_rate_limited_is_429_with_retry_after_then_normal(
    client: Any, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault.RATE_LIMITED, count=2, retry_after=7)
    for _ in range(2):
        response = client.call("GET", "/services")
        assert response.status_code == 429
        assert response.headers["Retry-After"] == "7"
        assert envelope(response) == {"errorCode": "420", "message": "Rate Limited"}
    assert client.call("GET", "/services").status_code == 200


@pytest.mark.parametrize(
    ("fault", "status", "code", "message"),
    [
        (Fault.ENDPOINT_ERROR, 503, "500", "Endpoint Error"),
        (Fault.ENDPOINT_TIMEOUT, 504, "510", "Endpoint Timeout"),
        (Fault.UNEXPECTED_ERROR, 500, "900", "Unexpected Error"),
    ],
)
def test_gateway_fault_envelopes(
    client: Any, sandbox: SandboxServer, fault: Fault, status: int, code: str, message: str
) -> None:
    sandbox.inject(fault)
    response = client.call("POST", "/services", {"name": "never"})
    assert response.status_code == status
    assert envelope(response) == {"errorCode": code, "message": message}
    assert sandbox.services() == []  # the gateway answered; the service never saw it


@pytest.mark.parametrize(
    ("status", "code", "message"),
    [
        (400, "100", "Bad Request Exception"),
        (401, "210", "Permission Denied"),
        (403, "230", "Forbidden"),
        (404, "300", "Not Found Exception"),
        (413, "430", "Request Entity Too Large"),
        (429, "400", "Quota Exceeded"),
        (429, "410", "Throttle Limited"),
    ],
)
def test_gateway_error_covers_the_gateway_table(
    client: Any, sandbox: SandboxServer, status: int, code: str, message: str
) -> None:
    sandbox.inject(Fault.GATEWAY_ERROR, code=code, details="from a test")
    response = client.call("GET", "/services")
    assert response.status_code == status
    assert envelope(response) == {"errorCode": code, "message": message, "details": "from a test"}


def test_gateway_error_takes_any_status_code_and_message(
    client: Any, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault.GATEWAY_ERROR, status=418, code=999, message="Teapot", retry_after=3)
    response = client.call("GET", "/services")
    assert response.status_code == 418
    assert envelope(response) == {"errorCode": "999", "message": "Teapot"}
    assert response.headers["Retry-After"] == "3"


def test_html_error_page(client: Any, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault.HTML_ERROR)
    response = client.call("GET", "/services")
    assert response.status_code == 502
    assert response.headers["Content-Type"] == "text/html"
    assert response.text.startswith("<html>")
    assert "<title>502 Bad Gateway</title>" in response.text
    with pytest.raises(ValueError, match="Expecting value"):
        response.json()
    sandbox.inject(Fault.HTML_ERROR, status=503)
    response = client.call("GET", "/services")
    assert response.status_code == 503
    assert "<h1>503 Service Unavailable</h1>" in response.text


def test_a_refused_body_does_not_use_up_a_fault(client: Any, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault.RESET)
    too_big = client.call("POST", "/services", raw=b"x" * (1024 * 1024 + 1))
    assert too_big.status_code == 413
    with pytest.raises(requests.ConnectionError):
        client.call("GET", "/services")


def test_empty_body(client: Any, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault.EMPTY_BODY, status=500)
    response = client.call("GET", "/services")
    assert response.status_code == 500
    assert response.content == b""


def test_truncated_json_is_a_complete_but_invalid_body(client: Any, sandbox: SandboxServer) -> None:
    sandbox.add_service("abc")
    whole = client.call("GET", "/services").content
    sandbox.inject(Fault.TRUNCATED_JSON)
    response = client.call("GET", "/services")
    assert response.status_code == 200
    assert int(response.headers["Content-Length"]) == len(response.content)
    assert 0 < len(response.content) < len(whole)
    assert whole.startswith(response.content)
    with pytest.raises(ValueError, match=r"Unterminated|Expecting"):
        response.json()
    # The connection is still good for the next request.
    assert client.call("GET", "/services").content == whole


def test_wrong_shape_still_creates(client: Any, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault.WRONG_SHAPE)
    response = client.call("POST", "/services", {"name": "odd"})
    assert response.status_code == 201
    assert isinstance(response.json()["status"], int)
    assert isinstance(response.json()["datasets"], dict)
    assert [s["name"] for s in sandbox.services()] == ["odd"]


def test_huge_body_is_20_mb_streamed(client: Any, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault.HUGE_BODY)
    with client.call("GET", "/services", stream=True) as response:
        assert response.status_code == 200
        assert int(response.headers["Content-Length"]) == 20 * 1024 * 1024
        first = next(response.iter_content(1024))
        assert first.startswith(b'{"padding":"')
        total = len(first) + sum(len(c) for c in response.iter_content(1024 * 1024))
    assert total == 20 * 1024 * 1024


def test_reset_before_any_response_and_nothing_created(client: Any, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault.RESET)
    with pytest.raises(requests.ConnectionError) as caught:
        client.call("POST", "/services", {"name": "lost"})
    assert "reset" in str(caught.value).lower()
    assert sandbox.services() == []
    assert client.call("GET", "/services").status_code == 200


def test_drop_after_create_creates_then_closes(client: Any, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault.DROP_AFTER_CREATE, method="POST", path="/services")
    with pytest.raises(requests.ConnectionError):
        client.call("POST", "/services", {"name": "ambiguous"})
    assert [s["name"] for s in sandbox.services()] == ["ambiguous"]
    # What the client must do next: look the name up, not post again.
    listed = client.call("GET", "/services").json()["services"]
    assert [s["name"] for s in listed] == ["ambiguous"]


def test_slow_body_trickles_the_real_answer(client: Any, sandbox: SandboxServer) -> None:
    sandbox.add_service("abc")
    whole = client.call("GET", "/services").content
    sandbox.inject(Fault.SLOW_BODY, seconds=0.5, chunk=8)
    started = time.monotonic()
    response = client.call("GET", "/services")
    assert time.monotonic() - started >= 0.4
    assert response.content == whole


def test_stall_times_out_the_client_and_processes_nothing(
    client: Any, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault.STALL, seconds=60)
    with pytest.raises(requests.ReadTimeout):
        client.call("POST", "/services", {"name": "stalled"}, timeout=(5, 0.3))
    assert sandbox.services() == []


def test_a_short_stall_ends_in_the_real_answer(client: Any, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault.STALL, seconds=0.3)
    started = time.monotonic()
    response = client.call("POST", "/services", {"name": "late"})
    assert time.monotonic() - started >= 0.25
    assert response.status_code == 201


def _in_thread(target: Any) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            target()
        except BaseException as e:
            errors.append(e)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


@pytest.mark.parametrize("fault", [Fault.STALL, Fault.SLOW_BODY])
def test_stop_returns_promptly_mid_request(make_client: Any, fault: Fault) -> None:
    server = SandboxServer().start()
    try:
        server.inject(fault, seconds=60)
        client = make_client(server)
        thread, errors = _in_thread(lambda: client.call("GET", "/services", timeout=30).content)
        deadline = time.monotonic() + 5
        while not server.requests and time.monotonic() < deadline:
            time.sleep(0.01)  # polling the server's own record; no event to wait on
        assert server.requests
    finally:
        started = time.monotonic()
        server.stop()
        stopped_in = time.monotonic() - started
    thread.join(10)
    assert not thread.is_alive()
    assert stopped_in < 2
    assert len(errors) == 1
    assert isinstance(
        errors[0], requests.ConnectionError | requests.exceptions.ChunkedEncodingError
    )


def test_latency_applies_to_every_request_and_changes_at_run_time(
    client: Any, sandbox: SandboxServer
) -> None:
    sandbox.latency_ms = 600
    started = time.monotonic()
    client.call("GET", "/services")
    assert time.monotonic() - started >= 0.58
    sandbox.latency_ms = 0
    started = time.monotonic()
    client.call("GET", "/services")
    assert time.monotonic() - started < 0.4
    sandbox.inject(Fault.LATENCY, ms=300)
    started = time.monotonic()
    client.call("GET", "/services")
    assert time.monotonic() - started >= 0.28
    with pytest.raises(ValueError, match="negative"):
        sandbox.latency_ms = -1


def test_filters_by_method_and_path(client: Any, sandbox: SandboxServer) -> None:
    sid = sandbox.add_service("abc")["serviceId"]
    sandbox.inject(Fault.ENDPOINT_ERROR, count=5, method="post", path="/services")
    sandbox.inject(Fault.UNEXPECTED_ERROR, count=5, path="/services/*")
    assert client.call("GET", "/services").status_code == 200
    assert client.call("POST", "/services", {"name": "def"}).status_code == 503
    assert client.call("GET", f"/services/{sid}").status_code == 500


def test_rate_one_fails_every_request_until_cleared(client: Any, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault.ENDPOINT_ERROR, rate=1.0)
    assert [client.call("GET", "/services").status_code for _ in range(5)] == [503] * 5
    sandbox.clear_faults()
    assert client.call("GET", "/services").status_code == 200


def test_a_rate_fires_about_that_often() -> None:
    plan = FaultPlan(random.Random(1234))
    plan.add(Fault.ENDPOINT_ERROR, rate=0.2)
    hits = sum(plan.take("GET", "/services") is not None for _ in range(2000))
    assert 300 < hits < 500
    plan.add(Fault.RESET, rate=0.0, path="/never")
    assert plan.pending() == 2


@pytest.mark.parametrize(
    "kwargs",
    [
        {"count": 1, "rate": 0.5},
        {"rate": 1.5},
        {"count": 0},
        {"count": 1.5},
        {"rate": "often"},
        {"colour": "red"},
        {"seconds": 10_000},
    ],
)
def test_bad_fault_rules_are_refused(sandbox: SandboxServer, kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"."):
        sandbox.inject(Fault.STALL, **kwargs)


def test_fault_rules_are_bounded(sandbox: SandboxServer) -> None:
    for _ in range(256):
        sandbox.inject(Fault.RESET, path="/never")
    with pytest.raises(ValueError, match="at most"):
        sandbox.inject(Fault.RESET)


def test_fault_values_are_the_cli_spellings() -> None:
    assert Fault("drop-after-create") is Fault.DROP_AFTER_CREATE
    assert parse_fault_spec("rate-limited:count=2,retry_after=5") == (
        Fault.RATE_LIMITED,
        {"count": 2, "retry_after": 5},
    )
    assert parse_fault_spec("gateway-error:rate=0.5,status=401,code=210,path=/services/*") == (
        Fault.GATEWAY_ERROR,
        {"rate": 0.5, "status": 401, "code": "210", "path": "/services/*"},
    )
    assert parse_fault_spec("RESET") == (Fault.RESET, {})
    with pytest.raises(ValueError, match="unknown fault"):
        parse_fault_spec("meteor")
    with pytest.raises(ValueError, match="key=value"):
        parse_fault_spec("stall:30")


@pytest.mark.parametrize(
    ("method", "path", "pattern"),
    [
        ("GET", "/datasets", "/datasets"),
        ("GET", "/schemas/default?datasetType=user", "/schemas/*"),
        ("GET", "/services/abc/trains", "/services/*/trains"),
        ("POST", "/services/abc", "/services/*"),
    ],
)
def test_faults_reach_every_route(
    client: Any, sandbox: SandboxServer, method: str, path: str, pattern: str
) -> None:
    sandbox.inject(Fault.ENDPOINT_ERROR, method=method, path=pattern)
    response = client.call(method, path, {} if method == "POST" else None)
    assert response.status_code == 503
    assert envelope(response) == {"errorCode": "500", "message": "Endpoint Error"}
