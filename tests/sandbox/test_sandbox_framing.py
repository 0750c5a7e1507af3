"""The sandbox answers every malformed request with a status line, and never acts on half a one."""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest
from sandbox_support import ncp_headers

from aitems_desktop.sandbox import SandboxServer
from aitems_desktop.sandbox.handler import SandboxHandler

#: The client's own bound: far beyond the sandbox's answer, so a missing answer fails the test.
CLIENT_TIMEOUT = 20


def exchange(sb: SandboxServer, data: bytes) -> bytes:
    """Send ``data``, close the sending side, and read everything until the server closes."""
    with socket.create_connection(("127.0.0.1", sb.port), timeout=CLIENT_TIMEOUT) as conn:
        conn.sendall(data)
        conn.shutdown(socket.SHUT_WR)
        received = b""
        while chunk := conn.recv(65536):
            received += chunk
    return received


def status_and_error(answer: bytes) -> tuple[str, dict[str, str]]:
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line = head.split(b"\r\n", 1)[0].decode("latin-1")
    assert status_line.startswith("HTTP/1.1 "), answer[:200]
    return status_line, json.loads(body)["error"]


def signed_head(sb: SandboxServer, method: str, target: str, length: int) -> bytes:
    headers = ncp_headers(method, target, sb.access_key, sb.secret_key)
    lines = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return (
        f"{method} {target} HTTP/1.1\r\nHost: x\r\n{lines}Content-Length: {length}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()


def test_an_unknown_method_is_a_405_not_a_5xx(sandbox: SandboxServer) -> None:
    answer = exchange(sandbox, b"FOO /api/v1/services HTTP/1.1\r\nHost: x\r\n\r\n")
    status_line, error = status_and_error(answer)
    assert status_line.startswith("HTTP/1.1 405 ")
    assert b"\r\nAllow: GET, POST" in answer
    assert "FOO" in error["details"]


def test_a_request_line_without_a_version_gets_a_status_line(sandbox: SandboxServer) -> None:
    status_line, error = status_and_error(exchange(sandbox, b"GET /api/v1/services\r\n\r\n"))
    assert status_line.startswith("HTTP/1.1 400 ")
    assert "version" in error["details"]


def test_empty_lines_alone_get_an_answer(sandbox: SandboxServer) -> None:
    status_line, _ = status_and_error(exchange(sandbox, b"\r\n\r\n"))
    assert status_line.startswith("HTTP/1.1 400 ")


def test_an_empty_line_before_a_request_is_skipped(sandbox: SandboxServer) -> None:
    answer = exchange(sandbox, b"\r\nGET /api/v1/services HTTP/1.1\r\nHost: x\r\n\r\n")
    # Unsigned: the gateway's 401 shows the request itself was read.
    assert answer.startswith(b"HTTP/1.1 401 ")


def test_a_body_shorter_than_its_content_length_is_refused(sandbox: SandboxServer) -> None:
    body = b'{"name":"shortbody"}'
    head = signed_head(sandbox, "POST", "/api/v1/services", len(body) + 80)
    status_line, error = status_and_error(exchange(sandbox, head + body))
    assert status_line.startswith("HTTP/1.1 400 ")
    assert "Content-Length" in error["details"]
    assert not any(s["name"] == "shortbody" for s in sandbox.services())


def test_headers_that_never_finish_are_cut_off(
    sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SandboxHandler, "header_timeout", 1.0)
    with socket.create_connection(("127.0.0.1", sandbox.port), timeout=CLIENT_TIMEOUT) as conn:
        conn.sendall(b"GET /api/v1/services HTTP/1.1\r\nHost: x\r\n")
        stop = threading.Event()

        def trickle() -> None:
            # One header byte at a time: each read is quick, the header never ends.
            while not stop.is_set():
                try:
                    conn.sendall(b"X")
                except OSError:
                    return
                stop.wait(0.05)

        dripper = threading.Thread(target=trickle)
        dripper.start()
        try:
            started = time.monotonic()
            received = b""
            while chunk := conn.recv(65536):
                received += chunk
        finally:
            stop.set()
            dripper.join()
    assert received.startswith(b"HTTP/1.1 408 "), received[:200]
    # Bounded by the deadline, not by the 120 s idle timeout (a 5x margin for a slow machine).
    assert time.monotonic() - started < 10
