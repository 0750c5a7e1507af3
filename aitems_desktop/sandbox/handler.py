"""The HTTP handler of the sandbox: read a request, pick a fault, answer (or fail to).

Runs in one thread per connection (HTTP/1.1 keep-alive). Every wait goes through
:meth:`Backend.wait`, so a server that is stopping ends stalled and trickled answers at once.
"""

from __future__ import annotations

import email.utils
import io
import json
import logging
import re
import socket
import time
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any, Final

from aitems_desktop.sandbox.api import ApiRequest, printable, relative_path, split_target
from aitems_desktop.sandbox.errors import JSON_TYPE, Response, gateway_error
from aitems_desktop.sandbox.faults import ActiveFault, Fault
from aitems_desktop.sandbox.rules import MAX_BODY_BYTES

if TYPE_CHECKING:
    from aitems_desktop.sandbox.httpd import SandboxHTTPServer

log = logging.getLogger("aitems_desktop.sandbox")

#: The gateway's body limit (1 MB).
MAX_BODY: Final = MAX_BODY_BYTES
#: An oversized body is read and dropped up to this much, so the client gets the 413
#: instead of a reset; past it the connection is simply closed.
MAX_DRAIN: Final = 64 * 1024 * 1024
CHUNK: Final = 64 * 1024
#: A Content-Length is ASCII digits only: "²" and full-width digits pass str.isdigit(), and
#: int() of thousands of digits raises instead of answering.
_LENGTH: Final = re.compile(r"[0-9]{1,15}")
#: A chunk-size line: hex digits, optionally followed by extensions; no sign.
_CHUNK_SIZE: Final = re.compile(rb"([0-9A-Fa-f]{1,15})[ \t]*(?:;[^\r\n]*)?\r?\n")

#: The whole request line and header block must arrive within this many seconds of its first
#: byte (nginx's ``client_header_timeout`` is 60 s); a client that trickles headers is cut off.
HEADER_TIMEOUT: Final = 30.0
#: Empty lines skipped before a request line (RFC 9112 section 2.2 asks servers to skip one).
MAX_BLANK_LINES: Final = 4
#: Methods the service routes; anything else is answered 405, as a gateway does.
ALLOWED_METHODS: Final = ("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")

_SIMPLE_ERRORS: Final = {
    Fault.ENDPOINT_ERROR: "500",
    Fault.ENDPOINT_TIMEOUT: "510",
    Fault.UNEXPECTED_ERROR: "900",
}

#: What nginx in front of a dead upstream sends.
HTML_PAGE: Final = (
    "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n"
    "<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)


class _NoAnswerError(Exception):
    """The connection is closed without a response (a fault, or the server is stopping)."""


class _DeadlineSocketReader(io.RawIOBase):
    """The connection's reads, each given at most the time left until the handler's deadline.

    A per-read timeout alone lets a client that sends one byte every few seconds hold a
    connection forever; bounding every ``recv`` by the time left bounds the whole header.
    """

    def __init__(self, sock: socket.socket, handler: SandboxHandler) -> None:
        super().__init__()
        self._sock = sock
        self._handler = handler

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        deadline = self._handler.header_deadline
        idle = float(self._handler.timeout)
        if deadline is None:
            self._sock.settimeout(idle)
        else:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the request headers did not arrive in time")
            self._sock.settimeout(min(idle, left))
        return self._sock.recv_into(buffer)


class SandboxHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "aitems-sandbox"
    sys_version = ""
    # Headers and body go out in separate writes; without this, Nagle plus the client's
    # delayed ACK adds ~40 ms to every answer.
    disable_nagle_algorithm = True
    #: Idle keep-alive connections end after this long even if nobody stops the server.
    timeout = 120
    server: SandboxHTTPServer
    #: Seconds from a request's first byte until its request line and headers are complete.
    header_timeout: float = HEADER_TIMEOUT
    #: While a request line and headers are read: when they must be complete (monotonic).
    header_deadline: float | None = None
    rfile: io.BufferedReader

    def setup(self) -> None:
        super().setup()
        # The standard file object is replaced (closing it leaves the socket open).
        self.rfile.close()
        size = self.rbufsize if self.rbufsize > 0 else io.DEFAULT_BUFFER_SIZE
        self.rfile = io.BufferedReader(_DeadlineSocketReader(self.connection, self), size)

    def handle_one_request(self) -> None:
        """One request: as the standard handler, with a header deadline and no HTTP/0.9.

        Differences: the request line and headers must arrive within :data:`HEADER_TIMEOUT`
        (else 408), leading empty lines are skipped (a connection of empty lines alone gets a
        400), and an unknown method gets 405 instead of 501 (a 5xx blames the server).
        """
        self.command, self.requestline, self.request_version = "", "", "HTTP/1.1"
        self.header_deadline = None
        try:
            if not self.rfile.peek(1):
                self.close_connection = True
                return
            self.header_deadline = time.monotonic() + self.header_timeout
            try:
                if not self._read_request_line() or not self.parse_request():
                    return
            except TimeoutError:
                self.send_error(
                    408, f"The request headers did not arrive within {self.header_timeout:g} s."
                )
                return
            finally:
                self.header_deadline = None
            if self.command not in ALLOWED_METHODS:
                self.send_error(405, f"The method {printable(self.command)} is not allowed.")
                return
            getattr(self, "do_" + self.command)()
            self.wfile.flush()
        except TimeoutError:
            # An idle keep-alive connection, or a body or answer that stalled.
            self.close_connection = True

    def _read_request_line(self) -> bool:
        for _ in range(MAX_BLANK_LINES + 1):
            line = self.rfile.readline(65537)
            if len(line) > 65536:
                self.send_error(414)
                return False
            if line not in (b"\r\n", b"\n"):
                if not line:
                    self.send_error(400, "The connection ended before a request line.")
                    return False
                self.raw_requestline = line
                return True
        self.send_error(400, "Empty lines where a request line belongs.")
        return False

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if self.request_version == "HTTP/0.9" or not self.request_version:
            # "GET /path" with no version: http.server would answer with a bare body.
            self.send_error(400, "The request line has no HTTP version.")
            return False
        return True

    def date_time_string(self, timestamp: float | None = None) -> str:
        # The Date header follows the gateway's clock, so a skewed sandbox looks skewed.
        now = self.server.backend.api.clock() if timestamp is None else timestamp
        return email.utils.formatdate(now, usegmt=True)

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:
        # The standard handler writes to stderr; :meth:`_log` writes one line via logging.
        pass

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    def do_HEAD(self) -> None:
        self._serve()

    def do_OPTIONS(self) -> None:
        self._serve()

    def handle_expect_100(self) -> bool:
        """Refuse an oversized body before the client sends it, as a gateway does."""
        length = self._content_length()
        if isinstance(length, int) and length > MAX_BODY:
            started = time.monotonic()
            self.server.backend.record(self.command, self.path, dict(self.headers.items()), b"")
            response = self._too_large()
            self._send(response, None)
            self._log(str(response.status), started, None)
            return False
        return super().handle_expect_100()

    # --- one request ---------------------------------------------------------------------

    def _serve(self) -> None:
        started = time.monotonic()
        backend = self.server.backend
        fault: ActiveFault | None = None
        status = "-"
        try:
            body = self._read_body()
            request = self._request(body if isinstance(body, bytes) else b"")
            # The body of a request the gateway would refuse is not kept: a flood of
            # unauthenticated uploads must not grow the log.
            kept = request.body if backend.api.answer_would_pass(request) else b""
            backend.record(self.command, self.path, dict(self.headers.items()), kept)
            path, _ = split_target(self.path)
            relative = relative_path(path) or path
            # A body the gateway refused (413, bad framing) is answered as is, fault-free.
            if isinstance(body, bytes):
                fault = backend.faults.take(self.command, relative)
            latency = backend.latency_ms / 1000
            if fault is not None and fault.fault is Fault.LATENCY:
                latency += float(fault.params["ms"]) / 1000
            if backend.wait(latency):
                raise _NoAnswerError
            response = body if isinstance(body, Response) else self._answer(fault, request)
            status = str(response.status)
            self._send(response, fault)
            # The gateway has answered 504; the backend finishes the work afterwards.
            late = fault is not None and fault.fault is Fault.TIMEOUT_THEN_APPLY
            if late and fault is not None and not backend.wait(float(fault.params["seconds"])):
                backend.api.handle(request)
        except _NoAnswerError:
            self.close_connection = True
        except OSError:
            # The client went away mid-answer; nothing to tell it.
            self.close_connection = True
            status = "client-gone"
        finally:
            self._log(status, started, fault)

    def _request(self, body: bytes) -> ApiRequest:
        return ApiRequest(
            self.command,
            self.path,
            {k.lower(): v for k, v in self.headers.items()},
            body,
            all_headers=lambda name: self.headers.get_all(name) or [],
        )

    def _answer(self, fault: ActiveFault | None, request: ApiRequest) -> Response:
        backend = self.server.backend
        kind = fault.fault if fault else None
        if fault is not None:
            early = self._early_fault(fault)
            if early is not None:
                return early
        response: Response = backend.api.handle(request)
        if kind is Fault.DROP_AFTER_CREATE:
            raise _NoAnswerError
        if kind is Fault.TRUNCATED_JSON:
            return Response(response.status, response.body[: len(response.body) // 2])
        if kind is Fault.WRONG_SHAPE and 200 <= response.status < 300:
            return _wrong_shape(response)
        return response

    def _early_fault(self, fault: ActiveFault) -> Response | None:
        """Faults that answer instead of the service; None lets the request through."""
        kind, p = fault.fault, fault.params
        if kind is Fault.RESET:
            self.server.mark_reset(self.connection)
            raise _NoAnswerError
        if kind is Fault.STALL:
            if self.server.backend.wait(float(p["seconds"])):
                raise _NoAnswerError
            return None
        if kind is Fault.RATE_LIMITED:
            retry = {"Retry-After": str(p["retry_after"])}
            return gateway_error(p["code"], p["details"], status=429, headers=retry)
        if kind in _SIMPLE_ERRORS:
            return gateway_error(_SIMPLE_ERRORS[kind], p["details"])
        if kind is Fault.TIMEOUT_THEN_APPLY:
            self.close_connection = True
            return gateway_error("510", p["details"])
        if kind is Fault.GATEWAY_ERROR:
            headers = {"Retry-After": str(p["retry_after"])} if p["retry_after"] else {}
            status = int(p["status"]) if p["status"] else None
            return gateway_error(
                p["code"], p["details"], status=status, message=p["message"], headers=headers
            )
        if kind is Fault.HTML_ERROR:
            status = int(p["status"])
            reason = self.responses.get(status, ("Error",))[0]
            page = HTML_PAGE.format(status=status, reason=reason).encode("ascii")
            return Response(status, page, "text/html")
        if kind is Fault.EMPTY_BODY:
            return Response(int(p["status"]), b"")
        return None

    # --- reading -------------------------------------------------------------------------

    def _read_body(self) -> bytes | Response:
        """The request body, or the gateway's error when it is too large or malformed."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length = self._content_length()
        if isinstance(length, Response):
            return length
        if length is None:
            return b""
        if length > MAX_BODY:
            self._discard(length)
            return self._too_large()
        body = self.rfile.read(length)
        if len(body) < length:
            # The client stopped sending: a truncated request is never carried out.
            self.close_connection = True
            return gateway_error(
                "100", f"The body ended after {len(body)} of its {length} bytes (Content-Length)."
            )
        return body

    def _content_length(self) -> int | Response | None:
        """The declared body length; the gateway's 400 for anything but one decimal number."""
        values = self.headers.get_all("Content-Length") or []
        if not values:
            return None
        if len({v.strip() for v in values}) != 1 or not _LENGTH.fullmatch(values[0].strip()):
            self.close_connection = True
            return gateway_error("100", "Invalid Content-Length.")
        return int(values[0].strip())

    def _too_large(self) -> Response:
        self.close_connection = True
        return gateway_error("430", f"The request body is larger than {MAX_BODY} bytes.")

    def _discard(self, length: int) -> None:
        left = min(length, MAX_DRAIN)
        while left > 0:
            data = self.rfile.read(min(CHUNK, left))
            if not data:
                break
            left -= len(data)

    def _read_chunked(self) -> bytes | Response:
        parts: list[bytes] = []
        total = 0
        while True:
            line = self.rfile.readline(1024)
            found = _CHUNK_SIZE.fullmatch(line)
            if found is None:
                # A negative, signed, overlong or missing size: never read "to the end".
                self.close_connection = True
                return gateway_error("100", "Malformed chunked body.")
            size = int(found.group(1), 16)
            if size == 0:
                while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass
                break
            total += size
            if total > MAX_DRAIN:
                return self._too_large()
            data = self.rfile.read(size)
            if len(data) < size:
                self.close_connection = True
                return gateway_error("100", "The chunked body ended early.")
            if total <= MAX_BODY:
                parts.append(data)
            self.rfile.readline(1024)
        # Read to the end even when too large, so the client gets the 413, not a reset.
        return self._too_large() if total > MAX_BODY else b"".join(parts)

    # --- writing -------------------------------------------------------------------------

    def _send(self, response: Response, fault: ActiveFault | None) -> None:
        if fault is not None and fault.fault is Fault.HUGE_BODY:
            self._send_huge(int(fault.params["status"]), int(fault.params["size"]))
            return
        self.send_response(response.status)
        if response.content_type:
            self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command == "HEAD":
            return
        if fault is not None and fault.fault is Fault.SLOW_BODY:
            self._trickle(response.body, float(fault.params["seconds"]), int(fault.params["chunk"]))
        else:
            self.wfile.write(response.body)

    def _trickle(self, body: bytes, seconds: float, chunk: int) -> None:
        chunk = max(1, chunk)
        pieces = [body[i : i + chunk] for i in range(0, len(body), chunk)] or [b""]
        pause = seconds / len(pieces)
        for piece in pieces:
            self.wfile.write(piece)
            if self.server.backend.wait(pause):
                raise _NoAnswerError

    def _send_huge(self, status: int, size: int) -> None:
        head, tail = b'{"padding":"', b'"}'
        filler = max(0, size - len(head) - len(tail))
        self.send_response(status)
        self.send_header("Content-Type", JSON_TYPE)
        self.send_header("Content-Length", str(len(head) + filler + len(tail)))
        self.end_headers()
        self.wfile.write(head)
        block = b"x" * CHUNK
        while filler > 0:
            if self.server.backend.stopping.is_set():
                raise _NoAnswerError
            piece = block[: min(CHUNK, filler)]
            self.wfile.write(piece)
            filler -= len(piece)
        self.wfile.write(tail)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals (400, 414, 431, 501, 505) in the gateway's envelope.

        The standard version sends an HTML page; a client of this API expects JSON.
        """
        # A request line that failed to parse leaves the version at HTTP/0.9, for which
        # http.server writes no status line or headers at all: answer as HTTP/1.1.
        if getattr(self, "request_version", "HTTP/0.9") == "HTTP/0.9":
            self.request_version = "HTTP/1.1"
        started = time.monotonic()
        self.close_connection = True
        details = explain or message or self.responses.get(code, ("Error",))[0]
        response = gateway_error("100", details, status=code)
        try:
            self.send_response(code)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            self.send_header("Connection", "close")
            if code == 405:
                self.send_header("Allow", ", ".join(ALLOWED_METHODS))
            self.end_headers()
            if getattr(self, "command", None) != "HEAD" and code >= 200:
                self.wfile.write(response.body)
        except OSError:
            pass
        self._log(str(code), started, None)

    def _log(self, status: str, started: float, fault: ActiveFault | None) -> None:
        elapsed_ms = (time.monotonic() - started) * 1000
        note = f" [fault {fault.fault.value}]" if fault else ""
        # The target is the client's text: escaped, so it cannot drive a terminal.
        method = printable(str(getattr(self, "command", None) or "-"))
        target = printable(str(getattr(self, "path", "") or ""))
        log.info("%s %s -> %s (%.0f ms)%s", method, target, status, elapsed_ms, note)


def _wrong_shape(response: Response) -> Response:
    """The real answer with ``status`` as a number and ``datasets`` as an object."""
    try:
        payload = json.loads(response.body)
    except ValueError:
        return response
    targets = payload.get("services", [payload]) if isinstance(payload, dict) else []
    for item in targets:
        if isinstance(item, dict):
            item["status"] = 7
            item["datasets"] = {"unexpected": True}
    body = json.dumps(payload).encode("utf-8")
    return Response(response.status, body, response.content_type, response.headers)
