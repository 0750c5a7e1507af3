"""What each failure is called: the typed error, its exact words and the server's own words.

The message is what a person reads to decide what to do next ("nothing was sent" means the
same create may be sent again), so each one is pinned word for word, with the fields the GUI
and the command-line tool show beside it (code, details, request id, excerpt).
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from email.utils import formatdate
from typing import Any

import pytest
import requests
import urllib3
from hostile_server import HostileServer, close_now, head, raw, respond

from aitems_desktop.core import catalogue, errors
from aitems_desktop.core.api import AitemsApi
from aitems_desktop.core.engine import (
    EXCERPT_CHARS,
    Engine,
    NestedTooDeeplyError,
    _encode_body,
    _encode_excerpt,
    _never_connected,
    _parse,
    _query_params,
    _root_reason,
    _seconds,
    _short,
    decode_json,
    error_from_response,
    path_segment,
)
from aitems_desktop.core.models import (
    CreateSchemaRequest,
    CreateServiceRequest,
    Service,
    ServiceList,
    ValidateSchemaRequest,
)
from aitems_desktop.core.models.base import PageQuery
from aitems_desktop.core.transport import CallGuard, StopReason


def envelope(code: Any = None, message: Any = None, details: Any = None) -> bytes:
    error: dict[str, Any] = {}
    if code is not None:
        error["errorCode"] = code
    if message is not None:
        error["message"] = message
    if details is not None:
        error["details"] = details
    return json.dumps({"error": error}).encode()


# --- the gateway's envelope --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "cls", "message"),
    [
        ("100", errors.RequestRejectedError, "The gateway rejected the request as malformed."),
        ("200", errors.AuthenticationError, "Authentication failed."),
        (
            "210",
            errors.PermissionDeniedError,
            "Permission denied: this account may not use AiTEMS.",
        ),
        ("230", errors.ForbiddenError, "Forbidden."),
        ("300", errors.NotFoundError, "Not found: no such endpoint or resource."),
        ("400", errors.RateLimitedError, "The API quota is used up."),
        ("410", errors.RateLimitedError, "Requests are being throttled."),
        ("420", errors.RateLimitedError, "Too many requests (rate limited)."),
        ("430", errors.PayloadTooLargeError, "The request was too large."),
        ("500", errors.ServerError, "The AiTEMS service could not be reached by the gateway."),
        ("510", errors.ServerError, "The AiTEMS service did not answer the gateway in time."),
        ("900", errors.ServerError, "The gateway failed unexpectedly."),
    ],
)
def test_each_gateway_code_has_its_own_words(code: str, cls: type, message: str) -> None:
    error = error_from_response(418, envelope(code, "Server words", "More"), retry_after=3.0)
    assert type(error) is cls
    assert error.message == message
    assert (error.http_status, error.error_code, error.details) == (418, code, "More")
    if cls is errors.RateLimitedError:
        assert isinstance(error, errors.RateLimitedError)
        assert error.retry_after == 3.0


def test_an_unknown_gateway_code_keeps_the_server_s_words_and_the_status_s_meaning() -> None:
    error = error_from_response(404, envelope("777", "No such thing"))
    assert type(error) is errors.NotFoundError
    assert error.message == "No such thing"
    assert error.error_code == "777"
    # Without details, the server's message is the detail.
    assert error.details == "No such thing"


def test_a_gateway_envelope_without_words() -> None:
    error = error_from_response(429, envelope(), retry_after=4.0)
    assert isinstance(error, errors.RateLimitedError)
    assert error.message == "The gateway answered HTTP 429."
    assert error.error_code is None
    assert error.details is None
    assert error.retry_after == 4.0
    blank = error_from_response(400, envelope("  ", ""))
    assert type(blank) is errors.RequestRejectedError
    assert blank.error_code is None


def test_a_gateway_code_as_a_number_or_too_long_is_read_as_text() -> None:
    assert error_from_response(401, envelope(200)).error_code == "200"
    long_code = error_from_response(400, envelope("9" * 50))
    assert long_code.error_code == "9" * 20


def test_gateway_details_are_kept_as_text_and_bounded() -> None:
    error = error_from_response(400, envelope("100", None, {"field": "name"}))
    assert error.details == "{'field': 'name'}"
    huge = error_from_response(400, envelope("100", "m" * 5000, "d" * 5000))
    assert huge.details == "d" * 2000


# --- the service's flat errors -------------------------------------------------------------------


def flat(**fields: Any) -> bytes:
    return json.dumps({"timestamp": "2024-01-01T00:00:00", "status": 400, **fields}).encode()


def test_a_service_error_keeps_its_reason_message_and_request_id() -> None:
    body = flat(error="INVALID_PARAMETER", message="bad name", requestId="r-1", errorCode="X")
    error = error_from_response(400, body)
    assert type(error) is errors.RequestRejectedError
    assert (error.message, error.error_code, error.request_id) == (
        "bad name",
        "INVALID_PARAMETER",
        "r-1",
    )
    assert error.details is None


def test_a_service_error_without_a_message_says_its_reason_or_its_status() -> None:
    assert error_from_response(400, flat(error="SOME_REASON")).message == "SOME_REASON"
    only_id = error_from_response(503, json.dumps({"requestId": "r-2"}).encode())
    assert type(only_id) is errors.ServerError
    assert only_id.message == "The service answered HTTP 503."
    assert only_id.request_id == "r-2"
    assert only_id.error_code is None


def test_a_service_error_code_stands_in_for_a_missing_reason() -> None:
    error = error_from_response(409, json.dumps({"errorCode": "CONFLICT"}).encode())
    assert error.error_code == "CONFLICT"
    assert error.request_id is None
    long_code = error_from_response(409, json.dumps({"errorCode": "C" * 500}).encode())
    assert long_code.error_code == "C" * 100


def test_an_operation_s_known_errors_decide_the_type() -> None:
    gone = catalogue.KnownError("GONE", errors.NotFoundError)
    operation = catalogue.Operation(
        "X1", "things.get", "GET", "/things", Service, known_errors=(gone,)
    )
    error = error_from_response(400, flat(error="GONE", message="it is gone"), operation=operation)
    assert type(error) is errors.NotFoundError
    assert error.message == "it is gone"
    assert type(error_from_response(400, flat(error="GONE"))) is errors.RequestRejectedError


def test_service_error_fields_are_bounded() -> None:
    body = flat(error="E" * 500, message="m" * 5000, requestId="r" * 500)
    error = error_from_response(400, body)
    assert error.error_code == "E" * 100
    assert error.message == "m" * 2000
    assert error.request_id == "r" * 100
    # An errorCode stands in for a missing reason, bounded the same way.
    coded = error_from_response(400, flat(errorCode="C" * 500, message="m"))
    assert coded.error_code == "C" * 100


def test_a_duplicate_name_is_known_to_creates_and_to_no_operation_at_all() -> None:
    body = flat(error="DUPLICATE_NAME", message="[shop] is a duplicate name.")
    for operation in (catalogue.SERVICES_CREATE, catalogue.DATASETS_CREATE, None):
        error = error_from_response(400, body, operation=operation)
        assert type(error) is errors.DuplicateNameError
    # An operation that knows other errors but not this one still reads it as a duplicate.
    assert type(error_from_response(400, body, operation=catalogue.SERVICES_GET)) is (
        errors.DuplicateNameError
    )
    other = error_from_response(400, flat(error="OTHER"), operation=catalogue.SERVICES_CREATE)
    assert type(other) is errors.RequestRejectedError


def test_a_service_429_is_rate_limited_with_its_wait() -> None:
    error = error_from_response(429, flat(error="TOO_MANY"), retry_after=8.0)
    assert isinstance(error, errors.RateLimitedError)
    assert error.message == "TOO_MANY"
    assert error.retry_after == 8.0
    assert error.hint == "Too many requests for now. Try again in 8 seconds."


# --- a status without a known body --------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"", "an empty body"),
        (b"   \n", "an empty body"),
        (b"<html>x</html>", "an HTML page instead of JSON"),
        (b"  <!DOCTYPE html>", "an HTML page instead of JSON"),
        (b'{"unexpected": true}', "a body that is not an AiTEMS error"),
        (b"[1, 2]", "a body that is not an AiTEMS error"),
        (b"plain words", "a body that is not valid JSON"),
        (b"\xff\xfe", "a body that is not valid JSON"),
    ],
)
def test_a_body_that_is_not_an_error_is_described(body: bytes, words: str) -> None:
    error = error_from_response(400, body)
    assert type(error) is errors.InvalidResponseError
    assert error.message == f"The server answered HTTP 400 with {words}."
    known = error_from_response(502, body)
    assert type(known) is errors.ServerError
    assert known.message == f"The server answered HTTP 502 with {words}."
    limited = error_from_response(429, body, retry_after=2.0)
    assert isinstance(limited, errors.RateLimitedError)
    assert limited.message == f"Too many requests (HTTP 429, with {words})."
    assert limited.retry_after == 2.0


def test_a_status_only_error_keeps_an_excerpt_of_the_body() -> None:
    page = b"<html>\n  <body>  Proxy   says   no  </body>\n</html>"
    error = error_from_response(403, page)
    assert type(error) is errors.ForbiddenError
    assert error.details == "<html> <body> Proxy says no </body> </html>"
    assert error_from_response(403, b"").details is None
    invalid = error_from_response(400, page)
    assert isinstance(invalid, errors.InvalidResponseError)
    assert invalid.body_excerpt == "<html> <body> Proxy says no </body> </html>"
    assert invalid.details is None


def test_an_excerpt_reads_only_the_first_1200_bytes() -> None:
    # Whitespace collapses: 1,200 bytes of it leave the excerpt empty, whatever follows.
    error = error_from_response(400, b"<" + b" " * 1199 + b"x" * 500)
    assert isinstance(error, errors.InvalidResponseError)
    assert error.body_excerpt == "<"


def test_an_excerpt_is_cut_at_300_characters() -> None:
    error = error_from_response(400, b"<" + b"x" * 1000)
    assert isinstance(error, errors.InvalidResponseError)
    assert error.body_excerpt == "<" + "x" * 299 + "…"
    exact = error_from_response(400, b"<" + b"x" * 299)
    assert isinstance(exact, errors.InvalidResponseError)
    assert exact.body_excerpt == "<" + "x" * 299


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (401, errors.AuthenticationError),
        (403, errors.ForbiddenError),
        (404, errors.NotFoundError),
        (413, errors.PayloadTooLargeError),
        (429, errors.RateLimitedError),
        (500, errors.ServerError),
        (599, errors.ServerError),
        (499, errors.InvalidResponseError),
        (400, errors.InvalidResponseError),
    ],
)
def test_the_status_alone_decides_the_type(status: int, cls: type) -> None:
    assert type(error_from_response(status, b"")) is cls


# --- through the engine: network failures, word for word -----------------------------------------


@pytest.fixture
def http_server() -> Iterator[HostileServer]:
    with HostileServer() as srv:
        yield srv


@pytest.fixture
def bare_engine() -> Iterator[Engine]:
    """An engine that is never asked to send: for what it decides before and after a call."""
    engine = Engine("https://aitems.apigw.ntruss.com/api/v1", "AK", "SK")
    yield engine
    engine.close()


def engine_for(url: str, **kwargs: Any) -> AitemsApi:
    kwargs.setdefault("max_attempts", 1)
    return AitemsApi(Engine(url, "AK", "SK", **kwargs))


def test_a_dropped_connection_is_named_with_its_cause(http_server: HostileServer) -> None:
    http_server.script(close_now())
    with engine_for(http_server.base_url) as api, pytest.raises(errors.NetworkError) as info:
        api.services.get("x")
    assert info.value.message == "The connection dropped before an answer arrived."
    assert info.value.details is not None
    assert "Remote end closed connection" in info.value.details
    assert info.value.hint == errors.NetworkError.default_hint


def test_a_mid_body_break_is_named(http_server: HostileServer) -> None:
    http_server.script(raw(head(200, length=100) + b'{"a'))
    with engine_for(http_server.base_url) as api, pytest.raises(errors.NetworkError) as info:
        api.services.get("x")
    assert info.value.message == "The connection broke while the answer was arriving."
    assert info.value.details == "ChunkedEncodingError"


def test_a_refused_connection_is_named_with_its_cause() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    with (
        engine_for(f"http://127.0.0.1:{port}/api/v1") as api,
        pytest.raises(errors.NetworkError) as info,
    ):
        api.services.get("x")
    assert info.value.message == "Could not connect to the server; nothing was sent."
    assert info.value.details is not None
    # The root cause, not urllib3's wrapping of it.
    assert "Failed to establish a new connection" in info.value.details
    assert "Max retries exceeded" not in info.value.details


def test_a_long_cause_is_cut_at_300_characters() -> None:
    host = ".".join(["a" * 60] * 4) + ".invalid"
    with engine_for(f"https://{host}/api/v1") as api, pytest.raises(errors.NetworkError) as info:
        api.services.get("x")
    assert info.value.message == (
        "The endpoint's host name could not be resolved; nothing was sent."
    )
    assert info.value.details is not None
    assert len(info.value.details) == 300


def test_an_unreachable_proxy_is_named_with_its_hint() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    with (
        engine_for("https://aitems.invalid/api/v1", proxy=f"http://127.0.0.1:{port}") as api,
        pytest.raises(errors.NetworkError) as info,
    ):
        api.services.get("x")
    assert info.value.message == "Could not reach the server through the configured proxy."
    assert info.value.hint == (
        "Check the proxy address in the profile (Credentials…), then try again."
    )
    assert info.value.details is not None
    assert "Failed to establish a new connection" in info.value.details


def test_an_unverifiable_certificate_is_named() -> None:
    with (
        HostileServer(tls=True) as srv,
        engine_for(srv.base_url) as api,
        pytest.raises(errors.TlsError) as info,
    ):
        api.services.get("x")
    assert info.value.message == (
        "The server's certificate could not be verified, so nothing was sent."
    )
    assert info.value.details is not None
    assert "CERTIFICATE_VERIFY_FAILED" in info.value.details


def test_a_read_timeout_names_the_read_timeout(http_server: HostileServer) -> None:
    http_server.script(raw(b"", then_close=False))
    with (
        engine_for(http_server.base_url, timeout=(7.0, 0.4)) as api,
        pytest.raises(errors.NetworkError) as info,
    ):
        api.services.get("x")
    # The words of the read timeout, then the time the call really took.
    assert info.value.message.startswith("The server did not answer within 0.4 seconds. Gave up")
    assert info.value.message.endswith(" seconds (1 attempt).")


def test_an_answer_over_the_bound_names_the_bound(http_server: HostileServer) -> None:
    http_server.script(respond(200, b"x" * (3 * 1024 * 1024)))
    api = engine_for(http_server.base_url, max_response_bytes=2 * 1024 * 1024)
    with api, pytest.raises(errors.InvalidResponseError) as info:
        api.services.get("x")
    assert info.value.message == "The server's answer is larger than 2 MB, so it was not read."
    assert info.value.http_status == 200


def test_an_answer_of_the_wrong_shape_says_where(http_server: HostileServer) -> None:
    http_server.script(respond(200, {"serviceId": 5, "name": "x"}))
    with (
        engine_for(http_server.base_url) as api,
        pytest.raises(errors.InvalidResponseError) as info,
    ):
        api.services.get("x")
    assert info.value.message.startswith(
        "The server's answer did not have the expected shape (serviceId: "
    )
    assert info.value.body_excerpt == '{"serviceId": 5, "name": "x"}'


def test_an_answer_that_is_not_json_says_what_it_is(http_server: HostileServer) -> None:
    http_server.script(respond(200, b"<html>portal</html>"))
    with (
        engine_for(http_server.base_url) as api,
        pytest.raises(errors.InvalidResponseError) as info,
    ):
        api.services.get("x")
    assert info.value.message == "The server answered HTTP 200 with an HTML page instead of JSON."
    assert info.value.body_excerpt == "<html>portal</html>"
    assert info.value.http_status == 200


def test_nan_in_an_answer_is_refused(http_server: HostileServer) -> None:
    http_server.script(respond(200, b'{"serviceId": "a", "name": "x", "n": Infinity}'))
    with engine_for(http_server.base_url) as api, pytest.raises(errors.InvalidResponseError):
        api.services.get("x")


def test_a_cancel_before_sending_says_so(http_server: HostileServer) -> None:
    api = engine_for(http_server.base_url)
    generation = api.engine.generation
    api.cancel()
    with api, pytest.raises(errors.CancelledError) as info:
        api.engine.pause(0.0, generation, sent=False)
    assert info.value.message == "The request was cancelled."
    assert info.value.may_have_reached_server is False


# --- the clock ------------------------------------------------------------------------------------


def auth_failure(date: str) -> Any:
    body = {"error": {"errorCode": "200", "message": "Authentication Failed"}}
    return respond(401, body, {"Date": date})


@pytest.mark.parametrize(
    ("skew", "words"),
    [(300, "5 minutes ahead of"), (-300, "5 minutes behind"), (3600, "60 minutes ahead of")],
)
def test_a_clock_off_by_five_minutes_or_more_is_named(
    http_server: HostileServer, skew: int, words: str
) -> None:
    now = 1_800_000_000.0
    http_server.script(auth_failure(formatdate(now, usegmt=True)))
    with (
        engine_for(http_server.base_url, clock=lambda: now + skew) as api,
        pytest.raises(errors.AuthenticationError) as info,
    ):
        api.services.get("x")
    assert info.value.message == (
        f"Authentication failed because this computer's clock is {words} the server's."
    )
    assert info.value.clock_skew is not None
    assert info.value.clock_skew.total_seconds() == skew
    assert info.value.hint == (
        "Set this computer's clock right (turn on automatic date and time), then try again. "
        "The gateway rejects requests stamped 5 minutes or more off."
    )


@pytest.mark.parametrize(
    "date", ["", "not a date", "Mon, 99 Foo 2024 99:99:99 GMT", "Fri, 15 Jan 2027 08:00:00"]
)
def test_an_unreadable_or_zone_less_date_header(http_server: HostileServer, date: str) -> None:
    # A zone-less date is read as UTC: this one is 1,800,000,000 to the second.
    now = 1_800_000_000.0
    http_server.script(auth_failure(date))
    with (
        engine_for(http_server.base_url, clock=lambda: now) as api,
        pytest.raises(errors.AuthenticationError) as info,
    ):
        api.services.get("x")
    assert info.value.message == "Authentication failed."
    assert info.value.clock_skew is None


def test_a_skew_is_only_named_on_an_authentication_failure(http_server: HostileServer) -> None:
    now = 1_800_000_000.0
    body = {"error": {"errorCode": "230", "message": "Forbidden"}}
    http_server.script(respond(403, body, {"Date": formatdate(now, usegmt=True)}))
    with (
        engine_for(http_server.base_url, clock=lambda: now + 3600) as api,
        pytest.raises(errors.ForbiddenError) as info,
    ):
        api.services.get("x")
    assert info.value.message == "Forbidden."


def test_a_create_s_refusal_reads_as_a_duplicate(http_server: HostileServer) -> None:
    body = {"error": "DUPLICATE_NAME", "message": "[shop] is a duplicate name.", "status": 400}
    http_server.script(respond(400, body))
    with engine_for(http_server.base_url) as api, pytest.raises(errors.DuplicateNameError):
        api.services.create(CreateServiceRequest(name="shop"))


# --- what a traceback or a log may show -----------------------------------------------------------


def test_the_secret_key_shows_as_stars_in_a_repr_or_a_string() -> None:
    engine = Engine("https://aitems.apigw.ntruss.com/api/v1", "AK", "s3cr3t-value")
    try:
        shown = "_Secret('**********')"
        assert (repr(engine._secret), str(engine._secret)) == (shown, shown)
        assert "s3cr3t" not in repr(vars(engine))
        assert engine._secret.get_secret_value() == "s3cr3t-value"
    finally:
        engine.close()


def test_the_details_of_a_network_error_are_its_root_cause_cut_at_300_characters() -> None:
    assert _short(OSError("x" * 400)) == "x" * 300
    # requests wraps urllib3's reason: the reason is what is shown, not the wrapper's words.
    reason = OSError("the root cause")
    assert _short(requests.ConnectionError(reason)) == "the root cause"


# --- the words of an answer that cannot be read -------------------------------------------------


def test_the_shape_error_names_the_place_as_a_dotted_path_or_the_answer() -> None:
    with pytest.raises(errors.InvalidResponseError) as nested:
        _parse(ServiceList, {"services": [{"serviceId": 5, "name": "x"}]})
    assert nested.value.message == (
        "The server's answer did not have the expected shape "
        "(services.0.serviceId: Input should be a valid string)."
    )
    with pytest.raises(errors.InvalidResponseError) as whole:
        _parse(Service, [1, 2])
    assert whole.value.message.startswith(
        "The server's answer did not have the expected shape (the answer: "
    )


def test_an_answer_too_deep_for_the_model_is_called_that() -> None:
    class Bottomless:
        @classmethod
        def from_json(cls, data: Any) -> Any:
            raise RecursionError

    with pytest.raises(errors.InvalidResponseError) as info:
        _parse(Bottomless, {})  # type: ignore[type-var]
    assert info.value.message == "The server's answer is nested too deeply to read."


@pytest.mark.parametrize("status", [200, 418])
def test_json_nested_too_deeply_is_described_exactly(
    http_server: HostileServer, status: int
) -> None:
    http_server.script(respond(status, b"[" * 5000 + b"]" * 5000))
    with engine_for(http_server.base_url) as api, pytest.raises(errors.AitemsError) as info:
        api.services.get("x")
    assert info.value.message == (
        f"The server answered HTTP {status} with JSON nested too deeply to read."
    )
    with pytest.raises(NestedTooDeeplyError, match=r"^nested too deeply$"):
        decode_json(b"[" * 5000 + b"]" * 5000)


def test_a_success_that_is_not_json_says_what_it_is_exactly(http_server: HostileServer) -> None:
    http_server.script(respond(200, b"\xff\xfe"), respond(200, b"<html>portal</html>"))
    with engine_for(http_server.base_url) as api:
        with pytest.raises(errors.InvalidResponseError) as binary:
            api.services.get("x")
        with pytest.raises(errors.InvalidResponseError) as html:
            api.services.get("x")
    assert (
        binary.value.message == "The server answered HTTP 200 with a body that is not valid JSON."
    )
    assert html.value.message == "The server answered HTTP 200 with an HTML page instead of JSON."


# --- the query as sent -------------------------------------------------------------------------


def test_query_values_are_sent_as_the_api_writes_them() -> None:
    query = {"yes": True, "no": False, "gone": None, "count": 5, "word": "두"}
    assert _query_params(query) == [
        ("yes", "true"),
        ("no", "false"),
        ("count", "5"),
        ("word", "두"),
    ]
    assert _query_params(PageQuery(offset=3, limit=7)) == [("offset", "3"), ("limit", "7")]


def test_a_query_value_that_cannot_be_sent_is_refused_before_sending() -> None:
    with pytest.raises(errors.InvalidInputError) as info:
        _query_params({"name": "bad\ud800"})
    assert info.value.message == (
        "A query value holds a character that cannot be sent (a lone surrogate)."
    )


def test_a_pause_cancelled_before_anything_was_sent_says_so(bare_engine: Engine) -> None:
    generation = bare_engine.generation
    bare_engine.cancel()
    with pytest.raises(errors.CancelledError) as before:
        bare_engine.pause(30, generation, sent=False)
    assert before.value.may_have_reached_server is False
    with pytest.raises(errors.CancelledError) as after:
        bare_engine.pause(30, generation, sent=True)
    assert after.value.may_have_reached_server is True


def test_a_schema_too_large_for_the_gateway_says_what_to_remove(http_server: HostileServer) -> None:
    # 413 with the gateway's code 430: the schema calls name the field list, through the engine.
    too_large = {"error": {"errorCode": "430", "message": "Request Entity Too Large"}}
    http_server.script(respond(413, too_large), respond(413, too_large), respond(413, too_large))
    fields = [{"name": "USER_ID", "type": ["string"]}]
    schema = CreateSchemaRequest.model_validate(
        {"datasetType": "user", "name": "big", "fields": fields}
    )
    check = ValidateSchemaRequest.model_validate(
        {"datasetType": "user", "name": "big", "fields": fields}
    )
    with engine_for(http_server.base_url) as api:
        for call in (lambda: api.schemas.create(schema), lambda: api.schemas.validate(check)):
            with pytest.raises(errors.PayloadTooLargeError) as info:
                call()
            assert info.value.hint == catalogue.SCHEMAS_CREATE.too_large_hint
        # Another call keeps the gateway's own hint.
        with pytest.raises(errors.PayloadTooLargeError) as other:
            api.services.get("x")
    assert catalogue.SCHEMAS_CREATE.too_large_hint == (
        "The schema is too large: its field list is too long. Remove fields and try again."
    )
    assert other.value.hint != catalogue.SCHEMAS_CREATE.too_large_hint


def test_the_excerpt_of_an_answer_too_deep_to_write_back_is_empty() -> None:
    deep: list[Any] = []
    for _ in range(100_000):
        deep = [deep]
    assert _encode_excerpt(deep) == b""
    assert _encode_excerpt({"name": "두"}) == '{"name": "두"}'.encode()


def test_the_root_reason_is_the_wrapped_exception_or_nothing() -> None:
    cause = OSError("refused")
    assert _root_reason(requests.ConnectionError(cause)) is cause
    assert _root_reason(Exception()) is None
    assert _root_reason(Exception("only words")) is None
    # urllib3's wrapping of a failure to reach a proxy: its original error, or the wrapper.
    original = OSError("no proxy there")
    reached = urllib3.exceptions.ProxyError("Unable to connect to proxy", original)
    wrapped = urllib3.exceptions.MaxRetryError(None, "http://x", reached)  # type: ignore[arg-type]
    assert _root_reason(requests.ConnectionError(wrapped)) is original
    bare = urllib3.exceptions.ProxyError("Unable to connect to proxy", "not an exception")
    wrapped = urllib3.exceptions.MaxRetryError(None, "http://x", bare)  # type: ignore[arg-type]
    assert _root_reason(requests.ConnectionError(wrapped)) is bare


# --- the body as sent ---------------------------------------------------------------------------


def test_a_body_is_written_as_compact_utf8_json_without_nan() -> None:
    assert _encode_body({"name": "두", "n": [1, 2]}) == '{"name":"두","n":[1,2]}'.encode()
    for number in (float("nan"), float("inf")):
        with pytest.raises(errors.InvalidInputError) as info:
            _encode_body({"score": number})
        assert info.value.message.startswith("The request cannot be written as JSON: ")
    with pytest.raises(errors.InvalidInputError) as surrogate:
        _encode_body({"description": "bad\ud800"})
    assert surrogate.value.message == (
        "The request holds a character that cannot be sent (a lone surrogate); nothing was sent."
    )


def test_a_pause_leaves_no_waiter_behind(bare_engine: Engine) -> None:
    bare_engine.pause(0.01, bare_engine.generation)
    assert bare_engine._waiters == set()


# --- a call built wrongly is a programming error, said at once ----------------------------------


def test_a_call_with_the_wrong_body_or_query_is_refused_before_anything_is_built(
    bare_engine: Engine,
) -> None:
    engine = bare_engine
    schema = CreateSchemaRequest.model_validate(
        {
            "datasetType": "user",
            "name": "probe",
            "fields": [{"name": "USER_ID", "type": ["string"]}],
        }
    )
    cases: list[tuple[Any, str]] = [
        (
            lambda: engine.prepare(catalogue.SERVICES_CREATE, body=schema),
            "services.create needs a CreateServiceRequest as its body",
        ),
        (lambda: engine.prepare(catalogue.SERVICES_CREATE), "services.create takes a body"),
        (
            lambda: engine.prepare(catalogue.SERVICES_LIST, body=schema),
            "services.list takes no body",
        ),
        (
            lambda: engine.prepare(
                catalogue.SERVICES_GET, path={"serviceId": "abcdefghijk"}, query={"a": 1}
            ),
            "services.get takes no query",
        ),
        (
            lambda: engine.prepare(catalogue.SERVICES_LIST, query=schema),
            "services.list needs a PageQuery as its query",
        ),
    ]
    for build_call, words in cases:
        with pytest.raises(TypeError) as info:
            build_call()
        assert str(info.value) == words


# --- bodies read in pieces ------------------------------------------------------------------------


def _chunked(status: int, pieces: list[bytes], content_type: str = "text/plain") -> bytes:
    head = (
        f"HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\n"
        "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    ).encode()
    return head + b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"


def test_a_long_error_body_in_small_pieces_is_cut_where_it_was_not_glued(
    http_server: HostileServer,
) -> None:
    # 700 pieces of 100 bytes: over the 64 KiB an error body is read to; its start is shown.
    pieces = [bytes([ord("a") + n % 26]) * 100 for n in range(700)]
    http_server.script(raw(_chunked(500, pieces)))
    with engine_for(http_server.base_url) as api, pytest.raises(errors.ServerError) as info:
        api.services.get("x")
    assert info.value.details == b"".join(pieces)[:EXCERPT_CHARS].decode() + "…"


def test_an_answer_in_pieces_is_read_whole(http_server: HostileServer) -> None:
    text = json.dumps({"serviceId": "abcdefghijk", "name": "shop", "description": "x" * 500})
    pieces = [text[i : i + 100].encode() for i in range(0, len(text), 100)]
    http_server.script(raw(_chunked(200, pieces, "application/json")))
    with engine_for(http_server.base_url) as api:
        assert api.services.get("abcdefghijk").description == "x" * 500


def test_an_answer_over_the_size_bound_keeps_its_status(http_server: HostileServer) -> None:
    # No Content-Length to refuse it early: the bound trips while the pieces arrive.
    http_server.script(raw(_chunked(200, [b" " * 1000] * 3, "application/json")))
    with (
        engine_for(http_server.base_url, max_response_bytes=2000) as api,
        pytest.raises(errors.InvalidResponseError) as info,
    ):
        api.services.get("x")
    assert info.value.http_status == 200
    assert info.value.message.startswith("The server's answer is larger than ")


def test_a_stop_after_a_clean_answer_still_counts_the_request_as_sent(
    bare_engine: Engine,
) -> None:
    # A cancel that came while the body was read may end the read as if the body were short:
    # the request was sent and answered, so it may have been carried out.
    engine = bare_engine
    guard = CallGuard()
    try:
        guard.sending = True
        guard.stop(StopReason.CANCELLED)
        stopped = engine._stopped(guard, None, status=200)
        assert isinstance(stopped, errors.CancelledError)
        assert stopped.may_have_reached_server is True
        assert stopped.message == (
            "The request was cancelled after it was sent; it may have been carried out."
        )
        # Stopped while it connected: nothing was sent.
        early = CallGuard()
        early.stop(StopReason.CANCELLED)
        before = engine._stopped(early, None)
        early.close()
        assert isinstance(before, errors.CancelledError)
        assert before.may_have_reached_server is False
        assert before.message == "The request was cancelled before it was sent."
        # The deadline, while connecting and after sending.
        for sending, words, reached in (
            (False, "Could not connect in time; nothing was sent.", False),
            (True, "No complete answer arrived in time, so the call was abandoned.", True),
        ):
            late = CallGuard()
            late.sending = sending
            late.stop(StopReason.DEADLINE)
            timed_out = engine._stopped(late, None, status=None)
            late.close()
            assert isinstance(timed_out, errors.NetworkError)
            assert (timed_out.message, timed_out.may_have_reached_server) == (words, reached)
            assert timed_out.timed_out is True
    finally:
        guard.close()


def test_seconds_under_ten_keep_one_decimal() -> None:
    assert (_seconds(9.94), _seconds(10), _seconds(12.6)) == ("9.9", "10", "13")


def test_a_path_segment_that_cannot_be_one_is_refused_in_words() -> None:
    cases = [
        (("",), "The id is empty, so there is nothing to ask for."),
        (("", "service id"), "The service id is empty, so there is nothing to ask for."),
        ((".",), "'.' is not a valid id: it would leave the resource's path."),
        (
            ("..", "dataset id"),
            "'..' is not a valid dataset id: it would leave the resource's path.",
        ),
        (("a\ud800",), "The id holds a character that cannot be sent (a lone surrogate)."),
    ]
    for args, words in cases:
        with pytest.raises(errors.InvalidInputError) as info:
            path_segment(*args)
        assert info.value.message == words
    assert path_segment("a/b ?#%두") == "a%2Fb%20%3F%23%25%EB%91%90"


def test_which_failures_mean_the_connection_was_never_opened() -> None:
    assert _never_connected(None) is False
    assert _never_connected(requests.exceptions.ConnectTimeout()) is True
    assert _never_connected(requests.exceptions.SSLError()) is True
    refused = urllib3.exceptions.NewConnectionError(None, "refused")  # type: ignore[arg-type]
    assert _never_connected(requests.ConnectionError(refused)) is True
    assert _never_connected(requests.exceptions.ReadTimeout()) is False
    assert _never_connected(requests.ConnectionError(OSError("reset"))) is False
