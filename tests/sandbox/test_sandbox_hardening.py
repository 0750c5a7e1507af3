"""Malformed and hostile requests: always a gateway-shaped 4xx, never a traceback or silence."""

from __future__ import annotations

import json
import logging
import os
import socket
import time
from pathlib import Path
from typing import Any

import pytest
from sandbox_support import AK, SIG, TS, SignedClient, ncp_headers, ncp_signature

from aitems_desktop.sandbox import SandboxServer
from aitems_desktop.sandbox.backend import ReceivedRequest, RequestLog
from aitems_desktop.sandbox.httpd import LISTEN_BACKLOG, MAX_HANDLERS


def raw_request(sb: SandboxServer, data: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send bytes as they are; the status, headers and body of the answer."""
    with socket.create_connection(("127.0.0.1", sb.port), timeout=10) as conn:
        conn.sendall(data)
        received = b""
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                break
            received += chunk
            head, sep, body = received.partition(b"\r\n\r\n")
            if sep:
                headers = dict(
                    line.split(": ", 1) for line in head.decode("latin-1").split("\r\n")[1:]
                )
                length = int(headers.get("Content-Length", "0"))
                if len(body) >= length:
                    break
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v for k, v in (line.split(": ", 1) for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


def signed_raw(
    sb: SandboxServer, method: str, target: str, body: bytes = b"", extra: str = ""
) -> bytes:
    headers = ncp_headers(method, target, sb.access_key, sb.secret_key)
    lines = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    length = f"Content-Length: {len(body)}\r\n" if body and "Content-Length" not in extra else ""
    return f"{method} {target} HTTP/1.1\r\nHost: x\r\n{lines}{length}{extra}\r\n".encode() + body


def envelope(status: int, body: bytes, code: str) -> dict[str, Any]:
    error = json.loads(body)["error"]
    assert error["errorCode"] == code, error
    return dict(error)


def test_a_5000_digit_timestamp_is_a_401(sandbox: SandboxServer) -> None:
    target = "/api/v1/services"
    ts = "9" * 5000
    headers = f"{TS}: {ts}\r\n{AK}: {sandbox.access_key}\r\n{SIG}: x\r\n"
    status, _, body = raw_request(sandbox, f"GET {target} HTTP/1.1\r\n{headers}\r\n".encode())
    assert status == 401
    envelope(status, body, "200")


def test_a_non_ascii_access_key_is_a_401(sandbox: SandboxServer) -> None:
    ts = int(time.time() * 1000)
    headers = (
        f"{TS}: {ts}\r\n".encode()
        + f"{AK}: ".encode()
        + "키é".encode()
        + f"\r\n{SIG}: x\r\n\r\n".encode()
    )
    status, _, body = raw_request(sandbox, b"GET /api/v1/services HTTP/1.1\r\n" + headers)
    assert status == 401
    envelope(status, body, "200")


@pytest.mark.parametrize(
    "payload",
    [
        b"[" * 200_000 + b"]" * 200_000,
        b'{"name": "abc", "x": NaN}',
        b'{"name": "abc", "x": Infinity}',
        b'{"name": "abc", "x": -Infinity}',
    ],
    ids=["nested-200000", "NaN", "Infinity", "-Infinity"],
)
def test_hostile_json_is_a_400(
    client: SignedClient, sandbox: SandboxServer, payload: bytes
) -> None:
    response = client.call("POST", "/services", raw=payload)
    assert response.status_code == 400
    assert response.json()["error"] == "INVALID_REQUEST_BODY"
    assert sandbox.services() == []


def test_a_lone_surrogate_is_refused_before_it_is_stored(
    client: SignedClient, sandbox: SandboxServer
) -> None:
    response = client.call("POST", "/services", raw=b'{"name": "abc", "description": "\\ud800"}')
    assert response.status_code == 400
    assert response.json()["error"] == "INVALID_REQUEST_BODY"
    assert sandbox.services() == []
    # A proper pair is text and is stored.
    pair = client.call("POST", "/services", raw=b'{"name": "abc", "description": "\\ud83d\\ude00"}')
    assert pair.status_code == 201
    assert pair.json()["description"] == "😀"


def test_a_4300_digit_offset_is_a_400(client: SignedClient) -> None:
    for path in ("/services", "/datasets", "/schemas"):
        response = client.call("GET", f"{path}?offset={'1' * 4300}")
        assert response.status_code == 400
        assert response.json()["error"] == "INVALID_PARAMETER"


@pytest.mark.parametrize(
    "length", ["²", "１２", "1e3", "-5", "+5", "5, 6", "0x10", "9" * 5000, "٣"]
)
def test_odd_content_lengths_are_the_gateways_400(sandbox: SandboxServer, length: str) -> None:
    data = signed_raw(
        sandbox, "POST", "/api/v1/services", b'{"name": "abc"}', f"Content-Length: {length}\r\n"
    )
    status, headers, body = raw_request(sandbox, data)
    assert status == 400
    envelope(status, body, "100")
    assert headers.get("connection") == "close"


@pytest.mark.parametrize("size", [b"-5", b"+5", b"", b"zz", b"1" * 40])
def test_a_bad_chunk_size_is_the_gateways_400(sandbox: SandboxServer, size: bytes) -> None:
    data = signed_raw(sandbox, "POST", "/api/v1/services", extra="Transfer-Encoding: chunked\r\n")
    data += size + b"\r\n" + b'{"name": "abc"}' + b"\r\n0\r\n\r\n"
    status, _, body = raw_request(sandbox, data)
    assert status == 400
    envelope(status, body, "100")
    assert sandbox.services() == []


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET /api/v1/services HTTP/1.1\r\n" + b"X-Big: " + b"a" * 70_000 + b"\r\n\r\n", 431),
        (
            b"GET /api/v1/services HTTP/1.1\r\n"
            + b"".join(b"X-%d: 1\r\n" % i for i in range(150))
            + b"\r\n",
            431,
        ),
        (b"BREW /api/v1/services HTTP/1.1\r\n\r\n", 405),
        (b"GET /api/v1/services HTTP/2.0\r\n\r\n", 505),
        (b"GET /api/v1/services HTTP/x.y\r\n\r\n", 400),
        (b"GET " + b"/a" * 40_000 + b" HTTP/1.1\r\n\r\n", 414),
    ],
    ids=[
        "header-too-long",
        "too-many-headers",
        "unknown-method",
        "http-2",
        "bad-version",
        "uri-too-long",
    ],
)
def test_http_servers_own_errors_are_the_envelope(
    sandbox: SandboxServer, request_bytes: bytes, status: int
) -> None:
    got, headers, body = raw_request(sandbox, request_bytes)
    assert got == status
    assert headers["content-type"].startswith("application/json")
    assert b"<html" not in body.lower()
    envelope(got, body, "100")


def test_duplicate_signature_headers_are_refused(sandbox: SandboxServer) -> None:
    target = "/api/v1/services"
    headers = ncp_headers("GET", target, sandbox.access_key, sandbox.secret_key)
    good = headers[SIG]
    lines = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    data = f"GET {target} HTTP/1.1\r\n{lines}{SIG}: {good}\r\n\r\n".encode()
    status, _, body = raw_request(sandbox, data)
    assert status == 401
    assert "more than once" in envelope(status, body, "200")["details"]


def test_the_signature_is_over_the_target_bytes_as_sent(sandbox: SandboxServer) -> None:
    # A raw UTF-8 byte in the target: the signature over those bytes passes...
    target_bytes = "/api/v1/services?q=é".encode()
    ts = int(time.time() * 1000)
    message = b"GET " + target_bytes + f"\n{ts}\n{sandbox.access_key}".encode()
    import base64
    import hashlib
    import hmac

    signature = base64.b64encode(
        hmac.new(sandbox.secret_key.encode(), message, hashlib.sha256).digest()
    ).decode()
    head = f"{TS}: {ts}\r\n{AK}: {sandbox.access_key}\r\n{SIG}: {signature}\r\n\r\n".encode()
    status, _, _ = raw_request(sandbox, b"GET " + target_bytes + b" HTTP/1.1\r\n" + head)
    assert status == 200
    # ...one over the same text encoded another way does not.
    wrong = ncp_signature(
        "GET", "/api/v1/services?q=%C3%A9", ts, sandbox.access_key, sandbox.secret_key
    )
    head = f"{TS}: {ts}\r\n{AK}: {sandbox.access_key}\r\n{SIG}: {wrong}\r\n\r\n".encode()
    status, _, _ = raw_request(sandbox, b"GET " + target_bytes + b" HTTP/1.1\r\n" + head)
    assert status == 401


def test_terminal_escapes_in_a_target_are_not_logged_raw(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO, logger="aitems_desktop.sandbox"), SandboxServer() as sb:
        raw_request(sb, b"GET /api/v1/\x1b[2J\x1b]0;pwned\x07services HTTP/1.1\r\n\r\n")
    lines = [r.getMessage() for r in caplog.records if r.name == "aitems_desktop.sandbox"]
    assert lines
    assert not any("\x1b" in line or "\x07" in line for line in lines)
    assert any("\\x1b[2J" in line for line in lines)


def test_unauthenticated_bodies_are_not_kept(sandbox: SandboxServer, client: SignedClient) -> None:
    import requests

    for _ in range(3):
        requests.post(
            sandbox.base_url + "/services",
            data=b"x" * (1024 * 1024 - 10),
            headers={"Content-Type": "application/json"},
            timeout=10,
        )
    assert [len(r.body) for r in sandbox.requests] == [0, 0, 0]
    client.call("POST", "/services", {"name": "kept"})
    assert sandbox.requests[-1].body == b'{"name": "kept"}'


def test_the_request_log_is_bounded_in_bytes() -> None:
    log = RequestLog(max_count=1000, max_bytes=5 * 1024 * 1024)
    for _ in range(50):
        log.add(ReceivedRequest("POST", "/x", {}, b"y" * 1024 * 1024, 0.0))
    assert log.bytes <= 5 * 1024 * 1024
    assert 1 <= len(log.entries()) <= 5


def test_backlog_and_handler_cap(sandbox: SandboxServer) -> None:
    assert LISTEN_BACKLOG >= 128
    assert MAX_HANDLERS >= 16
    httpd = sandbox._httpd  # the listening server itself
    assert httpd is not None
    assert httpd.request_queue_size >= 128


def test_the_handler_cap_holds_back_connections_not_requests() -> None:
    from aitems_desktop.sandbox.httpd import SandboxHTTPServer

    with SandboxServer() as sb:
        backend = sb._backend
        # A separate listener with two slots, over the same backend.
        small = SandboxHTTPServer(("127.0.0.1", 0), backend, max_handlers=2)
        import threading

        thread = threading.Thread(target=small.serve_forever, kwargs={"poll_interval": 0.05})
        thread.start()
        try:
            port = small.server_address[1]
            idle = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(2)]
            deadline = time.monotonic() + 10
            while len(small._handlers) < 2 and time.monotonic() < deadline:
                time.sleep(0.01)  # polling the server's own record of handler threads
            third = socket.create_connection(("127.0.0.1", port), timeout=10)
            third.sendall(b"GET /api/v1/nothing HTTP/1.1\r\n\r\n")
            assert len(small._handlers) == 2  # the third waits in the backlog, no thread
            idle[0].close()  # a slot frees: the third connection is served
            assert third.recv(100).startswith(b"HTTP/1.1 404")
            for conn in [*idle, third]:
                conn.close()
        finally:
            small.shutdown()
            small.close_connections()
            small.server_close()
            small.join_handlers(5)
            thread.join(5)


def test_a_tls_connection_reset_before_it_is_accepted_leaves_no_socket_open(
    tmp_path: Path,
) -> None:
    import struct

    from aitems_desktop.sandbox.httpd import SandboxHTTPServer
    from aitems_desktop.sandbox.tls import make_certificates, server_context

    context = server_context(make_certificates(tmp_path, ["127.0.0.1"]))
    with SandboxServer() as sb:
        # Not serving: this test accepts by hand, after the client is gone.
        server = SandboxHTTPServer(("127.0.0.1", 0), sb._backend, ssl_context=context)
        try:
            before = len(os.listdir("/proc/self/fd"))
            client = socket.create_connection(server.server_address[:2], timeout=10)
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()  # an RST
            with pytest.raises(ConnectionResetError):
                server.get_request()
            assert len(os.listdir("/proc/self/fd")) == before
        finally:
            server.server_close()
