"""The gateway's checks: headers, key, signature over the raw target, clock, size, routes."""

from __future__ import annotations

import email.utils
import logging
import time

import pytest
import requests
from sandbox_support import AK as ACCESS_KEY_HEADER
from sandbox_support import SIG as SIGNATURE_HEADER
from sandbox_support import TS as TIMESTAMP_HEADER
from sandbox_support import ncp_headers, ncp_signature

from aitems_desktop.sandbox import SandboxServer

AUTH_FAILED = {"errorCode": "200", "message": "Authentication Failed"}


def send(
    sb: SandboxServer,
    method: str,
    target: str,
    *,
    ts: int | None = None,
    access_key: str | None = None,
    secret_key: str | None = None,
    signed_target: str | None = None,
    drop: str | None = None,
    data: bytes | None = None,
) -> requests.Response:
    """Send with hand-made headers, so each one can be wrong on purpose."""
    ts = int(time.time() * 1000) if ts is None else ts
    key = access_key or sb.access_key
    headers = {
        TIMESTAMP_HEADER: str(ts),
        ACCESS_KEY_HEADER: key,
        SIGNATURE_HEADER: ncp_signature(
            method, signed_target or target, ts, key, secret_key or sb.secret_key
        ),
        "Content-Type": "application/json",
    }
    if drop:
        del headers[drop]
    origin = sb.base_url.removesuffix("/api/v1")
    return requests.request(method, origin + target, headers=headers, data=data, timeout=10)


def assert_auth_failed(response: requests.Response) -> None:
    assert response.status_code == 401
    error = response.json()["error"]
    assert {k: error[k] for k in AUTH_FAILED} == AUTH_FAILED
    assert isinstance(error["details"], str)


def test_a_correctly_signed_request_passes(sandbox: SandboxServer) -> None:
    response = send(sandbox, "GET", "/api/v1/services")
    assert response.status_code == 200
    assert response.json() == {"services": []}


@pytest.mark.parametrize("header", [TIMESTAMP_HEADER, ACCESS_KEY_HEADER, SIGNATURE_HEADER])
def test_a_missing_auth_header_is_rejected(sandbox: SandboxServer, header: str) -> None:
    assert_auth_failed(send(sandbox, "GET", "/api/v1/services", drop=header))


def test_an_unknown_access_key_is_rejected(sandbox: SandboxServer) -> None:
    assert_auth_failed(send(sandbox, "GET", "/api/v1/services", access_key="OTHERKEY"))


def test_a_wrong_secret_is_rejected(sandbox: SandboxServer) -> None:
    assert_auth_failed(send(sandbox, "GET", "/api/v1/services", secret_key="not-the-secret"))


@pytest.mark.parametrize(
    ("target", "signed"),
    [
        ("/api/v1/services?offset=0&limit=5", "/api/v1/services"),  # query left out
        ("/api/v1/services", "/api/v1/services?"),  # a stray "?"
        ("/api/v1/services", "/services"),  # the /api/v1 prefix left out
        ("/api/v1/services?limit=5&offset=0", "/api/v1/services?offset=0&limit=5"),  # reordered
        ("/api/v1/services?tag=a%2Cb", "/api/v1/services?tag=a,b"),  # decoded
    ],
)
def test_the_signature_covers_the_raw_target(
    sandbox: SandboxServer, target: str, signed: str
) -> None:
    assert_auth_failed(send(sandbox, "GET", target, signed_target=signed))
    # The same target signed as sent passes: the rejection was about the target alone.
    assert send(sandbox, "GET", target).status_code == 200


def test_the_signature_covers_the_method(sandbox: SandboxServer) -> None:
    ts = int(time.time() * 1000)
    headers = {
        TIMESTAMP_HEADER: str(ts),
        ACCESS_KEY_HEADER: sandbox.access_key,
        # Signed for POST, sent as GET.
        SIGNATURE_HEADER: ncp_signature(
            "POST", "/api/v1/services", ts, sandbox.access_key, sandbox.secret_key
        ),
    }
    response = requests.get(sandbox.base_url + "/services", headers=headers, timeout=10)
    assert_auth_failed(response)


@pytest.mark.parametrize("offset_ms", [-300_000, -3_600_000, 301_000])
def test_a_timestamp_five_minutes_off_is_rejected(sandbox: SandboxServer, offset_ms: int) -> None:
    ts = int(time.time() * 1000) + offset_ms
    assert_auth_failed(send(sandbox, "GET", "/api/v1/services", ts=ts))


@pytest.mark.parametrize("offset_ms", [-290_000, 290_000])
def test_a_timestamp_just_inside_the_window_passes(sandbox: SandboxServer, offset_ms: int) -> None:
    ts = int(time.time() * 1000) + offset_ms
    assert send(sandbox, "GET", "/api/v1/services", ts=ts).status_code == 200


def test_a_timestamp_in_seconds_is_rejected(sandbox: SandboxServer) -> None:
    assert_auth_failed(send(sandbox, "GET", "/api/v1/services", ts=int(time.time())))


def test_an_unknown_path_is_the_gateways_404(sandbox: SandboxServer) -> None:
    for target in ("/api/v1/nothing", "/api/v2/services", "/api/v1/services/a/b/c"):
        response = requests.get(sandbox.base_url.removesuffix("/api/v1") + target, timeout=10)
        assert response.status_code == 404
        assert response.json()["error"]["errorCode"] == "300"
        assert response.json()["error"]["message"] == "Not Found Exception"


def test_a_body_over_1_mb_is_413_code_430(sandbox: SandboxServer) -> None:
    response = send(sandbox, "POST", "/api/v1/services", data=b"x" * (1024 * 1024 + 1))
    assert response.status_code == 413
    assert response.json()["error"]["errorCode"] == "430"
    assert sandbox.services() == []
    # Exactly 1 MB is let through to the service, which finds it is not JSON.
    response = send(sandbox, "POST", "/api/v1/services", data=b"x" * (1024 * 1024))
    assert response.status_code == 400
    assert response.json()["error"] == "INVALID_REQUEST_BODY"


def test_an_oversized_body_is_not_kept(sandbox: SandboxServer) -> None:
    send(sandbox, "POST", "/api/v1/services", data=b"x" * (3 * 1024 * 1024))
    assert sandbox.requests[-1].body == b""


def post_chunked(sandbox: SandboxServer, chunks: object) -> requests.Response:
    """A signed create whose body goes out chunked (no Content-Length)."""
    headers = ncp_headers("POST", "/api/v1/services", sandbox.access_key, sandbox.secret_key)
    return requests.post(
        sandbox.base_url + "/services",
        headers=headers,
        data=chunks,  # type: ignore[arg-type]
        timeout=10,
    )


def test_a_chunked_body_is_read(sandbox: SandboxServer) -> None:
    def chunks() -> object:
        yield b'{"name": '
        yield b'"chunked_one"}'

    response = post_chunked(sandbox, chunks())
    assert response.status_code == 201
    assert sandbox.requests[-1].headers.get("Transfer-Encoding") == "chunked"


def test_the_log_has_one_line_per_request_and_no_secrets(caplog: pytest.LogCaptureFixture) -> None:
    # A line is written after its answer; stop() joins the handlers, so all are in by then.
    with caplog.at_level(logging.INFO, logger="aitems_desktop.sandbox"), SandboxServer() as sandbox:
        send(sandbox, "GET", "/api/v1/services?limit=3")
        assert_auth_failed(send(sandbox, "GET", "/api/v1/services", secret_key="wrong"))
    lines = [r.getMessage() for r in caplog.records if r.name == "aitems_desktop.sandbox"]
    assert len(lines) == 2
    assert lines[0].startswith("GET /api/v1/services?limit=3 -> 200 (")
    assert lines[1].startswith("GET /api/v1/services -> 401 (")
    signatures = [r.headers[SIGNATURE_HEADER] for r in sandbox.requests]
    for line in lines:
        assert sandbox.secret_key not in line
        assert sandbox.access_key not in line
        assert not any(sig in line for sig in signatures)


def test_the_response_carries_a_date_header(sandbox: SandboxServer) -> None:
    # The app compares it with the local clock to explain a stale-timestamp 401.
    response = send(sandbox, "GET", "/api/v1/services", ts=0)
    assert response.status_code == 401
    assert response.headers["Date"].endswith("GMT")


def test_a_chunked_body_over_1_mb_is_413(sandbox: SandboxServer) -> None:
    def chunks() -> object:
        for _ in range(40):
            yield b"x" * 64 * 1024

    response = post_chunked(sandbox, chunks())
    assert response.status_code == 413
    assert response.json()["error"]["errorCode"] == "430"


def test_head_and_options_get_the_gateways_404_without_a_body(sandbox: SandboxServer) -> None:
    head = requests.head(sandbox.base_url + "/services", timeout=10)
    assert head.status_code == 404
    assert head.content == b""
    options = requests.options(sandbox.base_url + "/services", timeout=10)
    assert options.status_code == 404
    assert options.json()["error"]["errorCode"] == "300"


def test_a_skewed_server_clock_rejects_the_real_time_and_says_so_in_date() -> None:
    skew = 600.0
    with SandboxServer(clock=lambda: time.time() + skew) as sandbox:
        response = send(sandbox, "GET", "/api/v1/services")
        assert_auth_failed(response)
        server_time = email.utils.parsedate_to_datetime(response.headers["Date"]).timestamp()
        assert abs(server_time - (time.time() + skew)) < 5
        # A client that corrects for the skew gets through.
        ts = int((time.time() + skew) * 1000)
        assert send(sandbox, "GET", "/api/v1/services", ts=ts).status_code == 200
