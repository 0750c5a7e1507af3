"""One deadline per call, bounded look-ups, and settings or answers named for what they are.

Each network case runs over plain HTTP and over HTTPS against a scripted hostile server.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_server import Conn, HostileServer, drip_headers, reset, respond, stall

from aitems_desktop.core import catalogue, errors, usecases
from aitems_desktop.core.api import AitemsApi
from aitems_desktop.core.connection import endpoint_problem
from aitems_desktop.core.engine import Engine
from aitems_desktop.core.models import CreateServiceRequest
from aitems_desktop.core.usecases import RecoveryPolicy

SERVICE = {"serviceId": "abcdefghijk", "name": "shop", "status": "learnable"}


@pytest.fixture(params=["http", "https"])
def server(request: pytest.FixtureRequest) -> Iterator[HostileServer]:
    with HostileServer(tls=request.param == "https") as srv:
        yield srv


def engine_for(server: HostileServer, **options: object) -> Engine:
    settings: dict[str, object] = {"ca_bundle": server.ca_bundle, "timeout": (5.0, 30.0)}
    settings.update(options)
    return Engine(server.base_url, "AK", "SK", **settings)  # type: ignore[arg-type]


def failing(call: object) -> tuple[BaseException, float]:
    started = time.monotonic()
    try:
        call()  # type: ignore[operator]
    except BaseException as exc:  # the caller checks the type
        return exc, time.monotonic() - started
    raise AssertionError("the call did not fail")


def stated_seconds(message: str) -> float:
    found = re.search(r"Gave up after ([0-9.]+) seconds", message)
    assert found, message
    return float(found.group(1))


# --- one deadline for a whole call ----------------------------------------------------------


def test_a_stalled_read_ends_at_the_call_deadline_not_after_every_attempt(
    server: HostileServer,
) -> None:
    # Four attempts of 1.5 s each would take 6 s and more; the call's 2 s bound them all.
    server.script(drip_headers(0.2))
    engine = engine_for(
        server, attempt_seconds=1.5, call_seconds=2.0, max_attempts=4, backoff_base=0.05
    )
    with AitemsApi(engine) as api:
        error, elapsed = failing(lambda: api.services.get("abcdefghijk"))
    assert isinstance(error, errors.NetworkError), repr(error)
    assert error.timed_out is True
    assert elapsed < 4.0, f"{elapsed:.2f} s"
    # The message states the time really spent, not an attempt's deadline.
    assert abs(stated_seconds(error.message) - elapsed) < 0.5, (error.message, elapsed)
    assert 1 <= len(server.seen) <= 2


def test_a_retry_is_not_begun_when_its_wait_would_use_up_the_call(server: HostileServer) -> None:
    limited = {"error": {"errorCode": "420", "message": "Rate Limited"}}
    server.script(respond(429, limited, {"Retry-After": "3"}))
    engine = engine_for(server, call_seconds=2.0, max_retry_wait=10.0)
    with AitemsApi(engine) as api:
        error, elapsed = failing(lambda: api.services.get("abcdefghijk"))
    assert isinstance(error, errors.RateLimitedError), repr(error)
    assert len(server.seen) == 1
    assert elapsed < 2.0


def test_the_default_deadlines_follow_the_profile_timeouts() -> None:
    engine = Engine("https://example.com/api/v1", "AK", "SK")
    assert (engine.attempt_seconds, engine.call_seconds) == (120.0, 180.0)
    slow = Engine("https://example.com/api/v1", "AK", "SK", timeout=(10.0, 300.0))
    assert (slow.attempt_seconds, slow.call_seconds) == (310.0, 370.0)


def test_a_create_s_look_up_after_an_unclear_failure_has_its_own_bounded_total(
    server: HostileServer,
) -> None:
    # The POST is reset after it was sent; every look-up then stalls. Looking would go on for
    # the 30 s settle time (each look its own call deadline); the 2 s total ends it.
    server.script(reset(), stall())
    engine = engine_for(server, attempt_seconds=1.0, call_seconds=1.0, max_attempts=1)
    policy = RecoveryPolicy(settle_seconds=30, quick_settle_seconds=30, total_seconds=2.0)
    with AitemsApi(engine) as api:
        error, elapsed = failing(
            lambda: usecases.create_service(api, CreateServiceRequest(name="shop"), policy=policy)
        )
    assert isinstance(error, errors.OutcomeUnknownError), repr(error)
    assert elapsed < 5.0, f"{elapsed:.2f} s"
    assert sum(1 for seen in server.seen if seen.method == "POST") == 1


# --- an unclear training request ------------------------------------------------------------


def _training_server(conn: Conn) -> None:
    request = conn.request
    if request.method == "POST":
        reset()(conn)  # the request arrived; its answer is lost
    elif request.target.endswith("/trains"):
        respond(200, {"trains": []})(conn)
    else:
        datasets = [
            {"datasetId": f"d{i}", "type": kind, "name": "n", "status": "learnable"}
            for i, kind in enumerate(("user", "item", "interaction"))
        ]
        respond(200, {**SERVICE, "type": "batch", "datasets": datasets})(conn)


def test_a_training_request_that_failed_unclearly_is_unknown_not_safe_to_repeat(
    server: HostileServer,
) -> None:
    from aitems_desktop.core.models import TrainRequest

    server.script(_training_server)
    policy = RecoveryPolicy(quick_settle_seconds=0.5, interval=0.1, total_seconds=5.0)
    with AitemsApi(engine_for(server, max_attempts=1)) as api:
        request = TrainRequest.model_validate({"types": ["personalRecommend"]})
        with pytest.raises(errors.OutcomeUnknownError) as info:
            usecases.request_training(api, "abcdefghijk", request, policy=policy)
    assert isinstance(info.value.cause, errors.NetworkError)
    assert info.value.nothing_created is False
    assert "try again" not in info.value.hint.lower()
    assert sum(1 for seen in server.seen if seen.method == "POST") == 1


# --- http only on this computer ---------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://aitems.apigw.ntruss.com/api/v1",
        "http://localhost.evil.com/api/v1",
        "http://0.0.0.0:8080/api/v1",
        "http://10.0.0.1/api/v1",
        "http://[::ffff:8.8.8.8]/api/v1",
    ],
)
def test_plain_http_to_another_host_is_refused(url: str) -> None:
    assert "https://" in (endpoint_problem(url) or "")
    with pytest.raises(errors.InvalidInputError):
        Engine(url, "AK", "SK")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/api/v1",
        "http://127.10.0.3/api/v1",
        "http://[::1]:8080/api/v1",
        "http://localhost:8080/api/v1",
        "http://LOCALHOST/api/v1",
        "https://aitems.apigw.ntruss.com/api/v1",
    ],
)
def test_plain_http_on_loopback_and_https_anywhere_are_taken(url: str) -> None:
    assert endpoint_problem(url) is None


# --- a setting that cannot work is named, and nothing is sent -----------------------------


@pytest.mark.parametrize("bundle", ["missing", "not-pem"])
def test_an_unusable_ca_bundle_is_a_setting_error_and_nothing_is_sent(
    server: HostileServer, tmp_path: Path, bundle: str
) -> None:
    path = tmp_path / "bundle.pem"
    if bundle == "not-pem":
        path.write_text("root:x:0:0:root:/root:/bin/bash\n")
    api = AitemsApi(engine_for(server, ca_bundle=str(path)))
    with api, pytest.raises(errors.InvalidInputError) as info:
        api.services.get("abcdefghijk")
    assert "CA bundle" in info.value.message
    assert str(path) in info.value.message
    assert "CA bundle" in info.value.hint
    assert server.seen == []


def test_an_access_key_with_a_line_break_is_a_setting_error_and_nothing_is_sent(
    server: HostileServer,
) -> None:
    engine = Engine(server.base_url, "AK\nEVIL", "SK", ca_bundle=server.ca_bundle)
    with AitemsApi(engine) as api, pytest.raises(errors.InvalidInputError) as info:
        api.services.get("abcdefghijk")
    assert "access key" in info.value.message
    assert server.seen == []


# --- answers named for what they are ------------------------------------------------------------


def test_a_list_whose_items_are_not_objects_is_an_unexpected_answer(
    server: HostileServer,
) -> None:
    server.script(respond(200, {"services": [1, "x", None, {"serviceId": "a"}]}))
    api = AitemsApi(engine_for(server))
    with api, pytest.raises(errors.InvalidResponseError) as info:
        api.engine.call_json(catalogue.SERVICES_LIST)
    assert "services.0" in info.value.message
    assert "a number" in info.value.message


def test_a_list_of_objects_is_returned_as_sent(server: HostileServer) -> None:
    answer = {"services": [SERVICE], "extra": [1]}
    server.script(respond(200, answer))
    with AitemsApi(engine_for(server)) as api:
        assert api.engine.call_json(catalogue.SERVICES_LIST) == answer


def test_valid_json_nested_too_deeply_is_called_that_not_invalid(server: HostileServer) -> None:
    deep = b'{"services":[{"serviceId":"x","name":' + b"[" * 5000 + b"]" * 5000 + b"}]}"
    server.script(respond(200, deep))
    api = AitemsApi(engine_for(server))
    with api, pytest.raises(errors.InvalidResponseError) as info:
        api.engine.call_json(catalogue.SERVICES_LIST)
    assert "nested too deeply" in info.value.message
    assert "not valid JSON" not in info.value.message


def test_an_error_body_nested_too_deeply_is_called_that(server: HostileServer) -> None:
    server.script(respond(418, b"[" * 5000 + b"]" * 5000))
    with AitemsApi(engine_for(server)) as api, pytest.raises(errors.AitemsError) as info:
        api.services.get("abcdefghijk")
    assert "nested too deeply" in info.value.message


def test_a_huge_retry_after_is_neither_repeated_nor_waited(server: HostileServer) -> None:
    limited = {"error": {"errorCode": "420", "message": "Rate Limited"}}
    server.script(respond(429, limited, {"Retry-After": "100000"}))
    with AitemsApi(engine_for(server)) as api, pytest.raises(errors.RateLimitedError) as info:
        api.services.get("abcdefghijk")
    assert "100000" not in info.value.hint
    assert "more than an hour" in info.value.hint
    assert len(server.seen) == 1


def test_a_retry_after_within_an_hour_is_shown_as_given() -> None:
    error = errors.RateLimitedError("limited", retry_after=3600)
    assert "3600 seconds" in error.hint
