"""The core client against the sandbox: every endpoint, every gateway check, every fault."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from aitems_desktop.core import errors
from aitems_desktop.core.client import AitemsClient
from aitems_desktop.core.models import CreateServiceRequest, UpdateServiceRequest
from aitems_desktop.sandbox import Fault, SandboxServer

MakeClient = Callable[..., AitemsClient]


@pytest.fixture
def client_for(sandbox: SandboxServer) -> Iterator[MakeClient]:
    made: list[AitemsClient] = []

    def make(**kwargs: Any) -> AitemsClient:
        kwargs.setdefault("timeout", (2.0, 5.0))
        kwargs.setdefault("backoff_base", 0.01)
        client = AitemsClient(
            sandbox.base_url,
            kwargs.pop("access_key", sandbox.access_key),
            kwargs.pop("secret_key", sandbox.secret_key),
            **kwargs,
        )
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


def create(client: AitemsClient, name: str = "shop", **kwargs: Any) -> Any:
    return client.create_service(CreateServiceRequest(name=name, **kwargs))


def test_service_lifecycle(sandbox: SandboxServer, client_for: MakeClient) -> None:
    client = client_for()
    made = create(client, "shop", description="first", type="interval")
    assert made.status == "datasetRequired"
    assert (made.datasets, made.infers) == ([], [])
    assert made.hp_config is not None
    assert made.hp_config.is_enabled is False
    assert made.raw == sandbox.services()[0]
    assert [s.name for s in client.list_services().services] == ["shop"]
    assert client.get_service(made.service_id).description == "first"
    renamed = client.update_service(made.service_id, UpdateServiceRequest(name="shop_2"))
    assert renamed.name == "shop_2"
    found = client.find_service_by_name("shop_2")
    assert found is not None
    assert found.service_id == made.service_id
    assert client.delete_service(made.service_id).result == "ok"
    with pytest.raises(errors.NotFoundError):
        client.get_service(made.service_id)
    assert client.find_service_by_name("shop_2") is None


def test_list_pages(sandbox: SandboxServer, client_for: MakeClient) -> None:
    client = client_for()
    for i in range(5):
        create(client, f"svc{i}")
    page = client.list_services(offset=1, limit=2)
    assert [s.name for s in page.services] == ["svc1", "svc2"]
    assert client.find_service_by_name("svc4", page_size=2) is not None


def test_demo_data_parses_with_every_part_filled(demo_sandbox: SandboxServer) -> None:
    with AitemsClient(demo_sandbox.base_url, demo_sandbox.access_key, demo_sandbox.secret_key) as c:
        services = [c.get_service(s.service_id) for s in c.list_services().services]
    assert any(s.datasets for s in services)
    assert any(s.infers for s in services)
    assert any(s.hp_config and s.hp_config.options() for s in services)


def test_duplicate_name(client_for: MakeClient) -> None:
    client = client_for()
    create(client, "shop")
    with pytest.raises(errors.DuplicateNameError) as info:
        create(client, "shop")
    assert info.value.request_id
    assert info.value.name == "shop"


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"access_key": "unknown"}, "Authentication failed"),
        ({"secret_key": "wrong-secret"}, "Authentication failed"),
    ],
)
def test_gateway_rejects_bad_keys(
    client_for: MakeClient, kwargs: dict[str, str], words: str
) -> None:
    with pytest.raises(errors.AuthenticationError, match=words) as info:
        create(client_for(**kwargs))
    assert info.value.http_status == 401
    assert info.value.error_code == "200"


def test_stale_clock_is_named(sandbox: SandboxServer, client_for: MakeClient) -> None:
    client = client_for(clock=lambda: time.time() - 6 * 60)
    with pytest.raises(errors.AuthenticationError) as info:
        create(client)
    assert "6 minutes behind" in info.value.message
    assert "clock" in info.value.hint
    assert sandbox.services() == []


GATEWAY_FAULTS = [
    (400, "100", errors.RequestRejectedError),
    (401, "210", errors.PermissionDeniedError),
    (403, "230", errors.ForbiddenError),
    (404, "300", errors.NotFoundError),
    (413, "430", errors.PayloadTooLargeError),
    (429, "400", errors.RateLimitedError),
    (429, "410", errors.RateLimitedError),
    (500, "900", errors.ServerError),
]


@pytest.mark.parametrize(("status", "code", "cls"), GATEWAY_FAULTS)
def test_injected_gateway_errors(
    sandbox: SandboxServer, client_for: MakeClient, status: int, code: str, cls: type
) -> None:
    sandbox.inject(Fault.GATEWAY_ERROR, status=status, code=code, message="Injected")
    with pytest.raises(cls) as info:
        create(client_for())
    assert (info.value.http_status, info.value.error_code) == (status, code)
    assert sandbox.services() == []


@pytest.mark.parametrize(
    ("fault", "cls", "status"),
    [
        (Fault.ENDPOINT_ERROR, errors.ServerError, 503),
        (Fault.ENDPOINT_TIMEOUT, errors.ServerError, 504),
        (Fault.UNEXPECTED_ERROR, errors.ServerError, 500),
        (Fault.HTML_ERROR, errors.ServerError, 502),
        (Fault.EMPTY_BODY, errors.ServerError, 502),
        (Fault.RATE_LIMITED, errors.RateLimitedError, 429),
    ],
)
def test_create_faults_are_typed_and_not_resent(
    sandbox: SandboxServer, client_for: MakeClient, fault: Fault, cls: type, status: int
) -> None:
    sandbox.inject(fault, count=5)
    with pytest.raises(cls) as info:
        create(client_for())
    assert info.value.http_status == status
    assert len([r for r in sandbox.requests if r.method == "POST"]) == 1


@pytest.mark.parametrize(
    "fault", [Fault.ENDPOINT_ERROR, Fault.ENDPOINT_TIMEOUT, Fault.RATE_LIMITED, Fault.RESET]
)
def test_reads_ride_out_transient_faults(
    sandbox: SandboxServer, client_for: MakeClient, fault: Fault
) -> None:
    made = create(client_for())
    params = {"retry_after": 0} if fault is Fault.RATE_LIMITED else {}
    sandbox.inject(fault, count=2, method="GET", **params)
    assert client_for().get_service(made.service_id).name == "shop"
    assert len([r for r in sandbox.requests if r.method == "GET"]) == 3


def test_truncated_and_wrong_shaped_answers(sandbox: SandboxServer, client_for: MakeClient) -> None:
    client = client_for()
    sandbox.inject(Fault.TRUNCATED_JSON)
    with pytest.raises(errors.InvalidResponseError, match="not valid JSON"):
        create(client, "one")
    sandbox.inject(Fault.WRONG_SHAPE)
    with pytest.raises(errors.InvalidResponseError, match="expected shape"):
        create(client, "two")


def test_huge_body_is_refused_quickly(sandbox: SandboxServer, client_for: MakeClient) -> None:
    made = create(client_for())
    sandbox.inject(Fault.HUGE_BODY, method="GET")
    started = time.monotonic()
    with pytest.raises(errors.InvalidResponseError, match="larger than"):
        client_for(max_attempts=1).get_service(made.service_id)
    assert time.monotonic() - started < 5


def test_reset_before_a_create_is_ambiguous_and_nothing_was_created(
    sandbox: SandboxServer, client_for: MakeClient
) -> None:
    sandbox.inject(Fault.RESET, method="POST")
    client = client_for()
    with pytest.raises(errors.NetworkError) as info:
        create(client)
    # The client cannot know the request was not processed: it must say it may have been.
    assert info.value.may_have_reached_server is True
    assert client.find_service_by_name("shop") is None
    assert sandbox.services() == []


def test_ambiguous_create_resolved_by_name(sandbox: SandboxServer, client_for: MakeClient) -> None:
    sandbox.inject(Fault.DROP_AFTER_CREATE, method="POST")
    client = client_for()
    with pytest.raises(errors.NetworkError) as info:
        create(client)
    assert info.value.may_have_reached_server is True
    found = client.find_service_by_name("shop")
    assert found is not None
    assert [s["serviceId"] for s in sandbox.services()] == [found.service_id]
    assert len([r for r in sandbox.requests if r.method == "POST"]) == 1


def test_slow_body_and_stall(sandbox: SandboxServer, client_for: MakeClient) -> None:
    made = create(client_for())
    sandbox.inject(Fault.SLOW_BODY, method="GET", seconds=0.5)
    assert client_for().get_service(made.service_id).service_id == made.service_id
    sandbox.inject(Fault.STALL, method="GET", seconds=10, count=10)
    started = time.monotonic()
    with pytest.raises(errors.NetworkError, match="did not answer"):
        client_for(timeout=(1.0, 0.3), max_attempts=2).get_service(made.service_id)
    assert time.monotonic() - started < 3


def test_cancel_during_latency(sandbox: SandboxServer, client_for: MakeClient) -> None:
    import threading

    sandbox.latency_ms = 5000
    client = client_for(timeout=(1.0, 10.0))
    timer = threading.Timer(0.2, client.cancel)
    timer.start()
    started = time.monotonic()
    with pytest.raises(errors.CancelledError):
        create(client)
    assert time.monotonic() - started < 1.0
    timer.join()


def test_https_sandbox_needs_its_ca(client_for: MakeClient) -> None:
    with SandboxServer(tls=True) as tls:
        insecure = AitemsClient(tls.base_url, tls.access_key, tls.secret_key, max_attempts=1)
        with pytest.raises(errors.TlsError) as info:
            insecure.list_services()
        assert info.value.may_have_reached_server is False
        assert "certificate" in info.value.message
        assert tls.ca_bundle_path is not None
        trusting = AitemsClient(
            tls.base_url, tls.access_key, tls.secret_key, ca_bundle=str(tls.ca_bundle_path)
        )
        assert create(trusting).name == "shop"
        insecure.close()
        trusting.close()
