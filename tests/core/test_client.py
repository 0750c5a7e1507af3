"""The client over real HTTP on loopback, against a server that answers what each test scripts."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import queue
import shlex
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from aitems_desktop.core import errors
from aitems_desktop.core.client import AitemsClient
from aitems_desktop.core.models import CreateServiceRequest, UpdateServiceRequest

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


@dataclass
class Reply:
    status: int = 200
    body: bytes | str | Any = b""
    headers: dict[str, str] = field(default_factory=dict)
    action: str = "respond"  # respond | close | stall | trickle
    delay: float = 0.0


@dataclass
class Seen:
    method: str
    target: str
    headers: dict[str, str]
    body: bytes


class ScriptedServer:
    """Answers each request with the next scripted Reply (the last one repeats)."""

    def __init__(self) -> None:
        self.replies: queue.Queue[Reply] = queue.Queue()
        self.last: Reply = Reply(200, SERVICE)
        self.seen: list[Seen] = []
        self.stop_event = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def handle_any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                outer.seen.append(Seen(self.command, self.path, dict(self.headers), body))
                try:
                    reply = outer.replies.get_nowait()
                    outer.last = reply
                except queue.Empty:
                    reply = outer.last
                if reply.action == "close":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if reply.action == "stall":
                    outer.stop_event.wait(reply.delay or 30)
                    self.close_connection = True
                    return
                payload = reply.body
                if not isinstance(payload, bytes | str):
                    payload = json.dumps(payload)
                data = payload.encode() if isinstance(payload, str) else payload
                if reply.delay and reply.action == "respond":
                    outer.stop_event.wait(reply.delay)
                self.send_response(reply.status)
                headers = {"Content-Type": "application/json", **reply.headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if reply.action == "trickle":
                    for i in range(0, len(data), 8):
                        self.wfile.write(data[i : i + 8])
                        self.wfile.flush()
                        if outer.stop_event.wait(reply.delay):
                            return
                else:
                    self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = handle_any

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client that stops reading (the size bound) breaks the pipe; expected

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}/api/v1"

    def script(self, *replies: Reply) -> None:
        for reply in replies:
            self.replies.put(reply)


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    srv = ScriptedServer()
    srv.thread.start()
    yield srv
    srv.stop_event.set()
    srv.httpd.shutdown()
    srv.httpd.server_close()
    srv.thread.join(5)


@pytest.fixture
def make_client(server: ScriptedServer) -> Iterator[Callable[..., AitemsClient]]:
    clients: list[AitemsClient] = []

    def make(**kwargs: Any) -> AitemsClient:
        kwargs.setdefault("timeout", (2.0, 5.0))
        kwargs.setdefault("backoff_base", 0.01)
        client = AitemsClient(kwargs.pop("base_url", server.base_url), ACCESS, SECRET, **kwargs)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


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


# --- success paths -------------------------------------------------------------------------


def test_create_sends_a_signed_documented_request(server: ScriptedServer, make_client: Any) -> None:
    server.script(Reply(201, SERVICE))
    service = make_client().create_service(CreateServiceRequest(name="shop", description="é"))
    assert service.service_id == "abcdefghijk"
    assert service.raw == SERVICE
    (seen,) = server.seen
    assert (seen.method, seen.target) == ("POST", "/api/v1/services")
    assert_signed(seen)
    assert json.loads(seen.body) == {"name": "shop", "description": "é", "type": "batch"}


def test_every_endpoint_signs_its_own_target(server: ScriptedServer, make_client: Any) -> None:
    client = make_client()
    server.script(
        Reply(200, {"services": [{"serviceId": "abcdefghijk", "name": "shop"}]}),
        Reply(200, SERVICE),
        Reply(200, {**SERVICE, "name": "shop2"}),
        Reply(200, {"result": "ok"}),
    )
    assert client.list_services(offset=5, limit=7).services[0].name == "shop"
    assert client.get_service("abcdefghijk").name == "shop"
    assert client.update_service("abcdefghijk", UpdateServiceRequest(name="shop2")).name == "shop2"
    assert client.delete_service("abcdefghijk").result == "ok"
    assert [(s.method, s.target) for s in server.seen] == [
        ("GET", "/api/v1/services?offset=5&limit=7"),
        ("GET", "/api/v1/services/abcdefghijk"),
        ("PUT", "/api/v1/services/abcdefghijk"),
        ("DELETE", "/api/v1/services/abcdefghijk"),
    ]
    for seen in server.seen:
        assert_signed(seen)


def test_find_service_by_name_pages_through_the_list(
    server: ScriptedServer, make_client: Any
) -> None:
    server.script(
        Reply(
            200,
            {"services": [{"serviceId": "x1", "name": "a1"}, {"serviceId": "x2", "name": "a2"}]},
        ),
        Reply(200, {"services": [{"serviceId": "x3", "name": "shop"}]}),
        Reply(200, {**SERVICE, "serviceId": "x3"}),
        Reply(200, {"services": []}),
    )
    client = make_client()
    found = client.find_service_by_name("shop", page_size=2)
    assert found is not None
    assert found.service_id == "x3"
    assert client.find_service_by_name("nothing", page_size=2) is None
    assert [s.target for s in server.seen] == [
        "/api/v1/services?offset=0&limit=2",
        "/api/v1/services?offset=2&limit=2",
        "/api/v1/services/x3",
        "/api/v1/services?offset=0&limit=2",
    ]


# --- every error shape -----------------------------------------------------------------------

GATEWAY_ROWS = [
    (400, "100", errors.RequestRejectedError),
    (401, "200", errors.AuthenticationError),
    (401, "210", errors.PermissionDeniedError),
    (403, "230", errors.ForbiddenError),
    (404, "300", errors.NotFoundError),
    (429, "400", errors.RateLimitedError),
    (429, "410", errors.RateLimitedError),
    (429, "420", errors.RateLimitedError),
    (413, "430", errors.PayloadTooLargeError),
    (503, "500", errors.ServerError),
    (504, "510", errors.ServerError),
    (500, "900", errors.ServerError),
]


@pytest.mark.parametrize(("status", "code", "cls"), GATEWAY_ROWS)
@pytest.mark.parametrize("code_as_int", [False, True])
def test_gateway_envelope(
    server: ScriptedServer, make_client: Any, status: int, code: str, cls: type, code_as_int: bool
) -> None:
    envelope = {
        "error": {
            "errorCode": int(code) if code_as_int else code,
            "message": "Msg",
            "details": "Some details.",
        }
    }
    server.script(Reply(status, envelope))
    with pytest.raises(cls) as info:
        make_client(max_attempts=1).create_service(CreateServiceRequest(name="shop"))
    err = info.value
    assert (err.http_status, err.error_code, err.details) == (status, code, "Some details.")
    assert err.message
    assert err.hint
    assert len(server.seen) == 1  # a create is never re-sent after an answer


def test_flat_service_error_duplicate_name(server: ScriptedServer, make_client: Any) -> None:
    server.script(
        Reply(
            400,
            {
                "timestamp": "2022-04-06T10:13:57.940",
                "path": "/api/services",
                "status": 400,
                "error": "DUPLICATE_NAME",
                "requestId": "3fd67b58",
                "errorCode": "BAD_REQUEST",
                "message": "[shop] is a duplicate name.",
            },
        )
    )
    with pytest.raises(errors.DuplicateNameError) as info:
        make_client().create_service(CreateServiceRequest(name="shop"))
    err = info.value
    assert (err.request_id, err.name, err.error_code) == ("3fd67b58", "shop", "DUPLICATE_NAME")
    assert err.message == "[shop] is a duplicate name."
    assert "3fd67b58" in str(err)


def test_flat_service_error_other_reason(server: ScriptedServer, make_client: Any) -> None:
    server.script(
        Reply(
            400,
            {
                "status": 400,
                "error": "INVALID_NAME",
                "requestId": "r1",
                "errorCode": "BAD_REQUEST",
                "message": "bad name",
            },
        )
    )
    with pytest.raises(errors.RequestRejectedError) as info:
        make_client().create_service(CreateServiceRequest(name="shop"))
    assert (info.value.request_id, info.value.error_code) == ("r1", "INVALID_NAME")


@pytest.mark.parametrize(
    ("status", "body", "content_type", "words"),
    [
        (502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html", "HTML page"),
        (500, "", "application/json", "empty body"),
        (201, '{"serviceId": "abc", "na', "application/json", "not valid JSON"),
        (201, "", "application/json", "empty body"),
        (400, "not json at all", "text/plain", "not valid JSON"),
    ],
)
def test_opaque_bodies_keep_status_and_first_bytes(
    server: ScriptedServer, make_client: Any, status: int, body: str, content_type: str, words: str
) -> None:
    server.script(Reply(status, body, {"Content-Type": content_type}))
    with pytest.raises(errors.InvalidResponseError) as info:
        make_client(max_attempts=1).create_service(CreateServiceRequest(name="shop"))
    assert info.value.http_status == status
    assert words in info.value.message
    assert info.value.body_excerpt == " ".join(body.split())[:300]


def test_wrong_shape_is_an_invalid_response(server: ScriptedServer, make_client: Any) -> None:
    server.script(Reply(201, {**SERVICE, "status": 3, "datasets": {"a": 1}}))
    with pytest.raises(errors.InvalidResponseError, match="expected shape"):
        make_client().create_service(CreateServiceRequest(name="shop"))


def test_body_over_the_bound_is_an_error_not_a_hang(
    server: ScriptedServer, make_client: Any
) -> None:
    server.script(Reply(200, b"[" + b"0," * (3 * 1024 * 1024) + b"0]"))
    started = time.monotonic()
    with pytest.raises(errors.InvalidResponseError, match="larger than 1 MB"):
        make_client(max_response_bytes=1024 * 1024).get_service("abc")
    assert time.monotonic() - started < 5


def test_long_error_page_is_cut_not_read_whole(server: ScriptedServer, make_client: Any) -> None:
    server.script(Reply(502, "<html>" + "x" * 5_000_000 + "</html>", {"Content-Type": "text/html"}))
    with pytest.raises(errors.InvalidResponseError) as info:
        make_client(max_attempts=1).create_service(CreateServiceRequest(name="shop"))
    assert info.value.http_status == 502
    assert len(info.value.body_excerpt) <= 301


# --- retries ---------------------------------------------------------------------------------


def test_get_retries_503_and_504_with_fresh_signatures(
    server: ScriptedServer, make_client: Any
) -> None:
    envelope = {"error": {"errorCode": "500", "message": "Endpoint Error"}}
    server.script(Reply(503, envelope), Reply(504, envelope), Reply(200, SERVICE))
    clock = iter(range(1_700_000_000, 1_700_000_100))
    client = make_client(clock=lambda: float(next(clock)) + time.time() - 1_700_000_000)
    assert client.get_service("abcdefghijk").name == "shop"
    assert len(server.seen) == 3
    stamps = [s.headers["x-ncp-apigw-timestamp"] for s in server.seen]
    assert len(set(stamps)) == 3
    for seen in server.seen:
        assert_signed(seen)


def test_429_retry_after_is_honoured_for_gets(server: ScriptedServer, make_client: Any) -> None:
    limited = {"error": {"errorCode": "420", "message": "Rate Limited"}}
    server.script(Reply(429, limited, {"Retry-After": "1"}), Reply(200, SERVICE))
    started = time.monotonic()
    assert make_client().get_service("abcdefghijk").name == "shop"
    assert time.monotonic() - started >= 0.95
    assert len(server.seen) == 2


def test_429_on_create_is_not_resent(server: ScriptedServer, make_client: Any) -> None:
    limited = {"error": {"errorCode": "420", "message": "Rate Limited"}}
    server.script(Reply(429, limited, {"Retry-After": "7"}))
    with pytest.raises(errors.RateLimitedError) as info:
        make_client().create_service(CreateServiceRequest(name="shop"))
    assert info.value.retry_after == 7
    assert "7 seconds" in info.value.hint
    assert len(server.seen) == 1


def test_retry_after_beyond_the_bound_gives_up(server: ScriptedServer, make_client: Any) -> None:
    limited = {"error": {"errorCode": "400", "message": "Quota Exceeded"}}
    server.script(Reply(429, limited, {"Retry-After": "3600"}))
    with pytest.raises(errors.RateLimitedError):
        make_client(max_retry_wait=5).list_services()
    assert len(server.seen) == 1


def test_retries_are_bounded(server: ScriptedServer, make_client: Any) -> None:
    server.script(Reply(503, {"error": {"errorCode": "500", "message": "Endpoint Error"}}))
    with pytest.raises(errors.ServerError):
        make_client(max_attempts=3).list_services()
    assert len(server.seen) == 3


# --- network faults --------------------------------------------------------------------------


def test_refused_connection_says_nothing_was_sent(make_client: Any) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = make_client(base_url=f"http://127.0.0.1:{port}/api/v1", max_attempts=2)
    with pytest.raises(errors.NetworkError) as info:
        client.create_service(CreateServiceRequest(name="shop"))
    assert info.value.may_have_reached_server is False
    assert "nothing was sent" in info.value.message


def test_dropped_connection_on_create_is_ambiguous_and_not_resent(
    server: ScriptedServer, make_client: Any
) -> None:
    server.script(Reply(action="close"))
    with pytest.raises(errors.NetworkError) as info:
        make_client().create_service(CreateServiceRequest(name="shop"))
    assert info.value.may_have_reached_server is True
    assert len(server.seen) == 1


def test_dropped_connection_on_get_is_retried(server: ScriptedServer, make_client: Any) -> None:
    server.script(Reply(action="close"), Reply(200, SERVICE))
    assert make_client().get_service("abcdefghijk").name == "shop"
    assert len(server.seen) == 2


def test_read_timeout_on_create(server: ScriptedServer, make_client: Any) -> None:
    server.script(Reply(action="stall", delay=10))
    started = time.monotonic()
    with pytest.raises(errors.NetworkError, match=r"did not answer within 0\.5 seconds") as info:
        make_client(timeout=(1.0, 0.5)).create_service(CreateServiceRequest(name="shop"))
    assert info.value.may_have_reached_server is True
    assert time.monotonic() - started < 3
    assert len(server.seen) == 1


def test_slow_trickled_body_arrives(server: ScriptedServer, make_client: Any) -> None:
    server.script(Reply(200, SERVICE, action="trickle", delay=0.002))
    assert make_client().get_service("abcdefghijk").raw == SERVICE


def test_body_slower_than_the_total_bound_is_abandoned(
    server: ScriptedServer, make_client: Any
) -> None:
    server.script(Reply(200, SERVICE, action="trickle", delay=0.05))
    with pytest.raises(errors.NetworkError, match=r"longer than 0\.5 seconds"):
        make_client(total_read_seconds=0.5, max_attempts=1).get_service("abcdefghijk")


def test_connect_timeout_when_the_server_never_accepts(make_client: Any) -> None:
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
        client = make_client(
            base_url=f"http://127.0.0.1:{port}/api/v1", timeout=(0.5, 1.0), max_attempts=1
        )
        started = time.monotonic()
        with pytest.raises(errors.NetworkError) as info:
            client.create_service(CreateServiceRequest(name="shop"))
        assert time.monotonic() - started < 3
        assert info.value.may_have_reached_server is False
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


def test_unresolvable_host(make_client: Any) -> None:
    client = make_client(base_url="http://no-such-host.invalid/api/v1", max_attempts=1)
    with pytest.raises(errors.NetworkError) as info:
        client.list_services()
    assert info.value.may_have_reached_server is False


def test_cancel_stops_a_waiting_call_at_once(server: ScriptedServer, make_client: Any) -> None:
    server.script(Reply(action="stall", delay=20))
    client = make_client(timeout=(2.0, 30.0))
    timer = threading.Timer(0.3, client.cancel)
    timer.start()
    started = time.monotonic()
    with pytest.raises(errors.CancelledError):
        client.create_service(CreateServiceRequest(name="shop"))
    assert time.monotonic() - started < 1.5
    timer.join()
    # The client still works after a cancel.
    server.script(Reply(200, SERVICE))
    assert client.get_service("abcdefghijk").name == "shop"


# --- clock ------------------------------------------------------------------------------------


def test_401_with_a_skewed_clock_names_the_clock(server: ScriptedServer, make_client: Any) -> None:
    server.script(
        Reply(
            401,
            {"error": {"errorCode": "200", "message": "Authentication Failed"}},
            {"Date": formatdate(time.time(), usegmt=True)},
        )
    )
    client = make_client(clock=lambda: time.time() + 360)
    with pytest.raises(errors.AuthenticationError) as info:
        client.create_service(CreateServiceRequest(name="shop"))
    assert "clock" in info.value.message
    assert "6 minutes ahead" in info.value.message
    assert info.value.clock_skew is not None


def test_401_with_a_right_clock_blames_the_keys(server: ScriptedServer, make_client: Any) -> None:
    server.script(
        Reply(
            401,
            {"error": {"errorCode": "200", "message": "Authentication Failed"}},
            {"Date": formatdate(time.time(), usegmt=True)},
        )
    )
    with pytest.raises(errors.AuthenticationError) as info:
        make_client().create_service(CreateServiceRequest(name="shop"))
    assert info.value.clock_skew is None
    assert "access key" in info.value.hint


# --- secrets ----------------------------------------------------------------------------------


def test_secret_and_signature_never_appear(
    server: ScriptedServer, make_client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    server.script(
        Reply(201, SERVICE),
        Reply(401, {"error": {"errorCode": "200", "message": "Authentication Failed"}}),
        Reply(action="close"),
    )
    client = make_client(max_attempts=1)
    texts = [repr(client), str(client.__dict__.get("_secret"))]
    client.create_service(CreateServiceRequest(name="shop"))
    for _ in range(2):
        try:
            client.create_service(CreateServiceRequest(name="shop"))
        except errors.AitemsError as exc:
            texts += [str(exc), repr(exc), exc.hint, str(exc.details)]
    signatures = [s.headers["x-ncp-apigw-signature-v2"] for s in server.seen]
    texts.append(caplog.text)
    blob = "\n".join(texts)
    assert SECRET not in blob
    for signature in signatures:
        assert signature not in blob


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_copied_curl_command_works_and_holds_no_secret(
    server: ScriptedServer, make_client: Any
) -> None:
    server.script(Reply(201, SERVICE))
    command = make_client().curl_command("POST", "/services", {"name": "shop", "type": "batch"})
    assert SECRET not in command
    result = subprocess.run(shlex.split(command), capture_output=True, check=True, text=True)
    assert json.loads(result.stdout) == SERVICE
    (seen,) = server.seen
    assert_signed(seen)
    assert json.loads(seen.body) == {"name": "shop", "type": "batch"}
