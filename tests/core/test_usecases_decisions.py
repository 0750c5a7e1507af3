"""Each decision of the use cases, pinned: when to look, how long, how often, what matches.

Counting what the server received is the test of "one intention, one resource": a create that
the engine would send again after an unclear failure shows up as a second POST here.
"""

from __future__ import annotations

import itertools
import json
import socket
import threading
from collections.abc import Iterator, Sequence
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from hostile_server import Conn, HostileServer, close_now, head, raw, respond

from aitems_desktop.core import errors, usecases
from aitems_desktop.core.api import AitemsApi, build
from aitems_desktop.core.engine import Engine
from aitems_desktop.core.models import (
    CreateDatasetRequest,
    CreateSchemaRequest,
    CreateServiceRequest,
    Dataset,
    ScheduleRequest,
    Schema,
    Service,
    SetDatasetsRequest,
    SetIntervalRequest,
    TrainRequest,
)
from aitems_desktop.core.usecases import CreateOutcome, RecoveryPolicy
from aitems_desktop.sandbox import Fault, SandboxServer

FAST = RecoveryPolicy(
    settle_seconds=4.0, quick_settle_seconds=1.0, interval=0.1, max_interval=0.3, lookup_seconds=10
)
REQUEST = CreateServiceRequest(name="shop_recs", description="mine")
SERVICE = {"serviceId": "svc00000001", "name": "shop_recs", "description": "mine", "type": "batch"}


def posts(sandbox: SandboxServer, path: str = "/api/v1/services") -> int:
    return sum(1 for r in sandbox.requests if r.method == "POST" and r.target == path)


def gets(sandbox: SandboxServer) -> int:
    return sum(1 for r in sandbox.requests if r.method == "GET")


@pytest.fixture
def api(sandbox: SandboxServer) -> Iterator[AitemsApi]:
    # One attempt per call: what the use case does is what the sandbox sees.
    engine = Engine(sandbox.base_url, sandbox.access_key, sandbox.secret_key, max_attempts=1)
    with AitemsApi(engine) as made:
        yield made


@pytest.fixture
def retrying_api(sandbox: SandboxServer) -> Iterator[AitemsApi]:
    engine = Engine(
        sandbox.base_url,
        sandbox.access_key,
        sandbox.secret_key,
        max_attempts=4,
        backoff_base=0.01,
        attempt_seconds=1.0,
    )
    with AitemsApi(engine) as made:
        yield made


# --- the duplicate create, counted at the server ------------------------------------------------


def test_a_create_whose_answer_breaks_mid_body_is_found_and_was_sent_once() -> None:
    # The engine may retry (4 attempts); a mid-body break must still count as "sent".
    listing = {"services": [{"serviceId": "svc00000001", "name": "shop_recs"}]}
    with HostileServer() as server:
        server.script(
            raw(head(201, length=500) + b'{"serviceId": "svc00000001"'),
            respond(200, listing),
            respond(200, SERVICE),
        )
        engine = Engine(server.base_url, "AK", "SK", max_attempts=4, backoff_base=0.01)
        with AitemsApi(engine) as api:
            created = usecases.create_service(api, REQUEST, policy=FAST)
        assert created.outcome is CreateOutcome.RECOVERED
        assert isinstance(created.cause, errors.NetworkError)
        assert created.resource.service_id == "svc00000001"
        assert [s.method for s in server.seen] == ["POST", "GET", "GET"]


def test_a_create_whose_answer_misses_the_deadline_is_found_and_was_sent_once(
    retrying_api: AitemsApi, sandbox: SandboxServer
) -> None:
    # The answer trickles over 3 s; each attempt may take 1 s.
    sandbox.inject(Fault.SLOW_BODY, method="POST", path="/services", seconds=3.0)
    created = usecases.create_service(retrying_api, REQUEST, policy=FAST)
    assert created.outcome is CreateOutcome.RECOVERED
    assert isinstance(created.cause, errors.NetworkError)
    assert created.cause.may_have_reached_server is True
    assert posts(sandbox) == 1
    assert len(sandbox.services()) == 1


def test_a_create_whose_connection_drops_is_found_and_was_sent_once(
    retrying_api: AitemsApi, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault.DROP_AFTER_CREATE, method="POST", path="/services")
    created = usecases.create_service(retrying_api, REQUEST, policy=FAST)
    assert created.outcome is CreateOutcome.RECOVERED
    assert posts(sandbox) == 1


def test_a_training_whose_answer_misses_the_deadline_is_found_and_was_sent_once(
    retrying_api: AitemsApi, sandbox: SandboxServer
) -> None:
    service_id = trainable(retrying_api, sandbox)
    path = f"/services/{service_id}"
    sandbox.inject(Fault.SLOW_BODY, method="POST", path=path, seconds=3.0)
    started = usecases.request_training(retrying_api, service_id, TRAIN, policy=FAST)
    assert started.outcome is CreateOutcome.RECOVERED
    assert posts(sandbox, f"/api/v1{path}") == 1


# --- when to look, and for how long --------------------------------------------------------------


def test_a_clear_refusal_is_not_looked_for(api: AitemsApi, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault.GATEWAY_ERROR, method="POST", path="/services", status=400, code="100")
    with pytest.raises(errors.RequestRejectedError) as info:
        usecases.create_service(api, REQUEST, policy=FAST)
    assert info.value.nothing_created is False
    assert gets(sandbox) == 0


def test_a_create_that_never_left_is_not_looked_for(sandbox: SandboxServer) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    engine = Engine(f"http://127.0.0.1:{port}/api/v1", "a", "s", max_attempts=1)
    with AitemsApi(engine) as api, pytest.raises(errors.NetworkError) as info:
        usecases.create_service(api, REQUEST, policy=FAST)
    assert info.value.may_have_reached_server is False
    assert info.value.nothing_created is False


@pytest.mark.parametrize(
    ("error", "unclear"),
    [
        (errors.NetworkError("x", may_have_reached_server=True), True),
        (errors.NetworkError("x", may_have_reached_server=False), False),
        (errors.CancelledError("x", may_have_reached_server=True), True),
        (errors.CancelledError("x", may_have_reached_server=False), False),
        (errors.InvalidResponseError("x", http_status=200), True),
        (errors.ServerError("x", http_status=500), True),
        (errors.ServerError("x", http_status=503), True),
        (errors.RequestRejectedError("x", http_status=400), False),
        (errors.AuthenticationError("x", http_status=401), False),
        (errors.RateLimitedError("x", http_status=429), False),
        (errors.NotFoundError("x", http_status=404), False),
    ],
    ids=repr,
)
def test_which_failures_leave_the_outcome_open(error: errors.AitemsError, unclear: bool) -> None:
    assert usecases.is_unclear(error) is unclear


class FakeClock:
    """``time.monotonic`` for the use cases, moved only by the pauses they take."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.pauses: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.pause(seconds, 0)

    def pause(self, seconds: float, generation: int, *, sent: bool = True) -> None:
        self.pauses.append(round(seconds, 6))
        self.now += seconds


@pytest.fixture
def clock(api: AitemsApi, monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(usecases, "time", fake)
    monkeypatch.setattr(api.engine, "pause", fake.pause)
    return fake


POLICY = RecoveryPolicy(settle_seconds=20, quick_settle_seconds=4, interval=1, max_interval=5)


@pytest.mark.parametrize("fault", [Fault.ENDPOINT_ERROR, Fault.ENDPOINT_TIMEOUT])
def test_after_a_503_or_504_it_looks_for_the_whole_settle_time(
    api: AitemsApi, sandbox: SandboxServer, clock: FakeClock, fault: Fault
) -> None:
    sandbox.inject(fault, method="POST", path="/services")
    with pytest.raises(errors.ServerError) as info:
        usecases.create_service(api, REQUEST, policy=POLICY)
    assert info.value.nothing_created is True
    # 1 s, growing by half each time, at most 5 s, the last one cut to what is left of 20 s.
    assert clock.pauses == [1, 1.5, 2.25, 3.375, 5, 5, 1.875]
    assert sum(clock.pauses) == 20
    assert gets(sandbox) == 8
    assert posts(sandbox) == 1


@pytest.mark.parametrize(
    ("fault", "params"),
    [
        (Fault.UNEXPECTED_ERROR, {}),
        (Fault.RESET, {}),
        (Fault.GATEWAY_ERROR, {"status": 502, "code": "900"}),
    ],
)
def test_after_any_other_unclear_failure_it_looks_for_the_quick_settle_time(
    api: AitemsApi,
    sandbox: SandboxServer,
    clock: FakeClock,
    fault: Fault,
    params: dict[str, Any],
) -> None:
    sandbox.inject(fault, method="POST", path="/services", **params)
    with pytest.raises(errors.AitemsError) as info:
        usecases.create_service(api, REQUEST, policy=POLICY)
    assert info.value.nothing_created is True
    assert clock.pauses == [1, 1.5, 1.5]
    assert posts(sandbox) == 1


def test_an_unreadable_answer_is_looked_for_and_found_at_once(
    api: AitemsApi, sandbox: SandboxServer, clock: FakeClock
) -> None:
    # The service was created; its answer arrived cut in half.
    sandbox.inject(Fault.TRUNCATED_JSON, method="POST", path="/services")
    created = usecases.create_service(api, REQUEST, policy=POLICY)
    assert created.outcome is CreateOutcome.RECOVERED
    assert isinstance(created.cause, errors.InvalidResponseError)
    assert clock.pauses == []
    assert posts(sandbox) == 1


def test_a_look_that_fails_and_a_later_one_that_works_is_not_unknown(
    api: AitemsApi, sandbox: SandboxServer, clock: FakeClock
) -> None:
    sandbox.inject(Fault.RESET, method="POST", path="/services")
    sandbox.inject(Fault.RESET, method="GET", count=1)
    with pytest.raises(errors.NetworkError) as info:
        usecases.create_service(api, REQUEST, policy=POLICY)
    # The last look worked and found nothing: nothing was created, and it says so.
    assert info.value.nothing_created is True
    assert posts(sandbox) == 1


def test_when_the_last_look_fails_the_outcome_is_unknown(
    api: AitemsApi, sandbox: SandboxServer, clock: FakeClock
) -> None:
    sandbox.inject(Fault.RESET, method="POST", path="/services")
    sandbox.inject(Fault.RESET, method="GET", count=1000)
    with pytest.raises(errors.OutcomeUnknownError) as info:
        usecases.create_service(api, REQUEST, policy=POLICY)
    assert isinstance(info.value.cause, errors.NetworkError)
    assert isinstance(info.value.lookup_error, errors.NetworkError)
    assert info.value.cause.nothing_created is False
    assert info.value.message == (
        "It is not known whether 'shop_recs' was created: the request failed unclearly and "
        "looking for it failed too."
    )


def test_a_duplicate_that_cannot_be_looked_at_stays_a_duplicate(
    api: AitemsApi, sandbox: SandboxServer
) -> None:
    sandbox.add_service("shop_recs", description="mine")
    sandbox.inject(Fault.RESET, method="GET", count=1000)
    with pytest.raises(errors.DuplicateNameError) as info:
        usecases.create_service(api, REQUEST, policy=FAST)
    assert info.value.name == "shop_recs"
    assert info.value.existing is None
    assert posts(sandbox) == 1


def test_a_duplicate_of_someone_elses_names_it_and_takes_nothing(
    api: AitemsApi, sandbox: SandboxServer
) -> None:
    sandbox.add_service("shop_recs", description="theirs")
    with pytest.raises(errors.DuplicateNameError) as info:
        usecases.create_service(api, REQUEST, policy=FAST)
    assert info.value.name == "shop_recs"
    assert info.value.existing is not None
    assert info.value.existing.description == "theirs"
    assert info.value.nothing_created is False


# --- paging ---------------------------------------------------------------------------------


def pages_of(items: Sequence[int], calls: list[tuple[int, int]]) -> Any:
    def fetch(offset: int, limit: int) -> Sequence[int]:
        calls.append((offset, limit))
        return items[offset : offset + limit]

    return fetch


def test_pages_are_read_until_a_short_one() -> None:
    calls: list[tuple[int, int]] = []
    got = list(
        usecases.iter_pages(
            pages_of(range(25), calls), key=lambda i: i, page_size=10, max_pages=100
        )
    )
    assert got == list(range(25))
    assert calls == [(0, 10), (10, 10), (20, 10)]


def test_a_full_last_page_costs_one_empty_page() -> None:
    calls: list[tuple[int, int]] = []
    got = list(
        usecases.iter_pages(
            pages_of(range(20), calls), key=lambda i: i, page_size=10, max_pages=100
        )
    )
    assert got == list(range(20))
    assert calls == [(0, 10), (10, 10), (20, 10)]


def test_paging_stops_at_the_page_cap() -> None:
    calls: list[tuple[int, int]] = []
    items = range(1000)
    got = list(
        usecases.iter_pages(pages_of(items, calls), key=lambda i: i, page_size=10, max_pages=3)
    )
    assert got == list(range(30))
    assert len(calls) == 3


def test_paging_stops_when_a_page_brings_nothing_new() -> None:
    calls: list[tuple[int, int]] = []

    def same_page(offset: int, limit: int) -> list[int]:
        calls.append((offset, limit))
        return list(range(10))

    got = list(usecases.iter_pages(same_page, key=lambda i: i, page_size=10, max_pages=100))
    assert got == list(range(10))
    assert len(calls) == 2


def test_a_page_that_repeats_part_of_the_last_yields_only_the_new() -> None:
    pages = iter([[1, 2, 3], [3, 4, 5], [6]])
    got = list(
        usecases.iter_pages(lambda o, n: next(pages), key=lambda i: i, page_size=3, max_pages=100)
    )
    assert got == [1, 2, 3, 4, 5, 6]


def test_paging_stops_with_a_typed_error_when_its_time_is_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ticks = itertools.count(0.0, 1.0)
    monkeypatch.setattr(usecases, "time", SimpleNamespace(monotonic=lambda: next(ticks)))
    calls: list[tuple[int, int]] = []
    pages = usecases.iter_pages(
        pages_of(range(1000), calls), key=lambda i: i, page_size=10, max_pages=100, deadline=2.0
    )
    with pytest.raises(errors.NetworkError) as info:
        list(pages)
    assert info.value.may_have_reached_server is True
    assert info.value.message == "Reading the list took too long, so it was stopped."
    # Read at t=0, 1 and 2 (at the deadline, not yet past it); at t=3 it had passed.
    assert len(calls) == 3


def _distinct_pages(conn: Conn) -> None:
    """A service list where every page is full and new: only the cap can end the reading."""
    query = parse_qs(urlsplit(conn.request.target).query)
    offset, limit = int(query["offset"][0]), int(query["limit"][0])
    kind = "datasets" if "/datasets" in conn.request.target else "services"
    id_key = "datasetId" if kind == "datasets" else "serviceId"
    items = [{id_key: f"s{offset + n:08d}", "name": "other"} for n in range(limit)]
    body = json.dumps({kind: items}).encode()
    conn.send(head(200, length=len(body)) + body)


def test_looking_reads_at_most_the_policy_s_pages() -> None:
    with HostileServer() as server:
        server.script(_distinct_pages)
        with AitemsApi(Engine(server.base_url, "a", "s", max_attempts=1)) as api:
            policy = RecoveryPolicy(max_pages=3)
            assert usecases.find_service(api, "shop_recs", policy=policy) is None
            assert usecases.find_dataset(api, "users", policy=policy) is None
        targets = [s.target for s in server.seen]
    assert targets == [
        "/api/v1/services?offset=0&limit=1000",
        "/api/v1/services?offset=1000&limit=1000",
        "/api/v1/services?offset=2000&limit=1000",
        "/api/v1/datasets?offset=0&limit=1000",
        "/api/v1/datasets?offset=1000&limit=1000",
        "/api/v1/datasets?offset=2000&limit=1000",
    ]


def test_looking_stops_when_its_time_is_up(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = itertools.count(0.0, 10.0)
    monkeypatch.setattr(usecases, "time", SimpleNamespace(monotonic=lambda: next(ticks)))
    with HostileServer() as server:
        server.script(_distinct_pages)
        with AitemsApi(Engine(server.base_url, "a", "s", max_attempts=1)) as api:
            with pytest.raises(errors.NetworkError):
                usecases.find_service(api, "x", policy=RecoveryPolicy(lookup_seconds=25))
            with pytest.raises(errors.NetworkError):
                usecases.find_dataset(api, "x", policy=RecoveryPolicy(lookup_seconds=25))
        # Deadline 0 + 25; the pages are read at 10 and 20, and at 30 it is over.
        assert len(server.seen) == 4


def test_find_returns_the_full_resource_by_name(api: AitemsApi, sandbox: SandboxServer) -> None:
    for n in range(3):
        sandbox.add_service(f"other_{n}")
    sandbox.add_service("shop_recs", description="the one")
    found = usecases.find_service(api, "shop_recs")
    assert found is not None
    assert (found.name, found.description) == ("shop_recs", "the one")
    assert usecases.find_service(api, "missing") is None
    assert usecases.find_schema(api, "missing") is None


# --- matching: every field sent --------------------------------------------------------------

DATASET_REQUEST = build(
    CreateDatasetRequest,
    type="user",
    name="users_ds",
    description="d",
    schemaName="users",
    osInfo={"region": "KR", "bucket": "b-1", "key": "u.csv"},
)
DATASET = {
    "datasetId": "d1",
    "type": "user",
    "name": "users_ds",
    "description": "d",
    "schemaName": "users",
    "osInfo": {"region": "KR", "bucket": "b-1", "key": "u.csv"},
}


@pytest.mark.parametrize(
    "different",
    [
        {"type": "item"},
        {"name": "users_ds2"},
        {"description": "other"},
        {"schemaName": "users2"},
        {"osInfo": None},
        {"osInfo": {"region": "JP", "bucket": "b-1", "key": "u.csv"}},
        {"osInfo": {"region": "KR", "bucket": "b-2", "key": "u.csv"}},
        {"osInfo": {"region": "KR", "bucket": "b-1", "key": "v.csv"}},
    ],
)
def test_a_dataset_differing_in_any_field_is_not_ours(different: dict[str, Any]) -> None:
    assert usecases.dataset_matches(DATASET_REQUEST, Dataset.from_json(DATASET))
    assert not usecases.dataset_matches(DATASET_REQUEST, Dataset.from_json(DATASET | different))


def test_a_missing_description_matches_an_empty_one() -> None:
    request = build(
        CreateDatasetRequest,
        type="user",
        name="users_ds",
        description="",
        schemaName="users",
        osInfo={"region": "KR", "bucket": "b-1", "key": "u.csv"},
    )
    found = {k: v for k, v in DATASET.items() if k != "description"}
    assert usecases.dataset_matches(request, Dataset.from_json(found))
    service = Service.from_json({"serviceId": "x", "name": "shop_recs", "description": None})
    assert usecases.service_matches(CreateServiceRequest(name="shop_recs"), service)


FIELDS = [
    {"name": "USER_ID", "type": ["string"]},
    {"name": "AGE", "type": ["int", "null"], "categorical": True},
]
SCHEMA_REQUEST = build(
    CreateSchemaRequest, datasetType="user", name="users", description="s", fields=FIELDS
)
SCHEMA = {"datasetType": "user", "name": "users", "description": "s", "fields": FIELDS}


@pytest.mark.parametrize(
    "different",
    [
        {"datasetType": "item"},
        {"name": "users2"},
        {"description": "other"},
        {"fields": FIELDS[::-1]},
        {"fields": FIELDS[:1]},
        {"fields": [FIELDS[0], FIELDS[1] | {"categorical": False}]},
        {"fields": [FIELDS[0], FIELDS[1] | {"type": ["null", "int"]}]},
        {"fields": [FIELDS[0], FIELDS[1] | {"name": "AGE2"}]},
    ],
)
def test_a_schema_differing_in_any_field_is_not_ours(different: dict[str, Any]) -> None:
    assert usecases.schema_matches(SCHEMA_REQUEST, Schema.from_json(SCHEMA))
    assert not usecases.schema_matches(SCHEMA_REQUEST, Schema.from_json(SCHEMA | different))


def test_a_schema_field_without_categorical_is_not_categorical() -> None:
    request = build(
        CreateSchemaRequest,
        datasetType="user",
        name="users",
        description="s",
        fields=[{"name": "USER_ID", "type": ["string"]}],
    )
    found = SCHEMA | {"fields": [{"name": "USER_ID", "type": ["string"]}]}
    assert usecases.schema_matches(request, Schema.from_json(found))


# --- trainings and schedules ----------------------------------------------------------------------

TRAIN = TrainRequest.model_validate({"types": ["pop"]})
DATASETS = [{"datasetId": "d1"}, {"datasetId": "d2"}, {"datasetId": "d3"}]


def service(**fields: Any) -> Service:
    base = {"serviceId": "s1", "name": "shop", "type": "batch", "status": "learnable"}
    return Service.from_json(base | {"datasets": DATASETS} | fields)


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"type": "interval"}, "wrong_service_type"),
        ({"datasets": []}, "no_datasets"),
        ({"status": "datasetRequired"}, "no_datasets"),
        ({"status": "requestLearning"}, "already_learning"),
        ({"status": "learning"}, "already_learning"),
        ({"status": "scheduledLearning"}, "already_learning"),
        ({"status": "deleting"}, "already_learning"),
        ({"status": "scheduled"}, "already_learning"),
        ({"status": "drafted"}, "not_trainable"),
        ({"status": "disable"}, "not_trainable"),
    ],
)
def test_a_training_that_cannot_start_is_refused_with_its_reason(
    fields: dict[str, Any], reason: str
) -> None:
    with pytest.raises(errors.ActionRefusedError) as info:
        usecases.check_trainable(service(**fields))
    assert info.value.reason == reason


@pytest.mark.parametrize("fields", [{}, {"type": None}, {"type": "batch"}])
def test_a_learnable_batch_service_may_train(fields: dict[str, Any]) -> None:
    usecases.check_trainable(service(**fields))


@pytest.mark.parametrize(
    ("fields", "action", "reason"),
    [
        ({"type": "batch"}, "start", "wrong_service_type"),
        ({"type": "batch"}, "stop", "wrong_service_type"),
        ({"type": "interval", "datasets": []}, "start", "no_datasets"),
        ({"type": "interval", "status": "datasetRequired"}, "start", "no_datasets"),
        ({"type": "interval", "status": "scheduled"}, "start", "already_scheduled"),
        ({"type": "interval", "status": "scheduledLearning"}, "start", "already_scheduled"),
    ],
)
def test_a_schedule_that_cannot_change_is_refused_with_its_reason(
    fields: dict[str, Any], action: str, reason: str
) -> None:
    with pytest.raises(errors.ActionRefusedError) as info:
        usecases.check_schedulable(service(**fields), action)
    assert info.value.reason == reason


@pytest.mark.parametrize(
    ("fields", "action"),
    [
        ({"type": "interval"}, "start"),
        ({"type": None}, "start"),
        ({"type": "interval", "status": "scheduled"}, "stop"),
        ({"type": "interval", "datasets": []}, "stop"),
    ],
)
def test_a_schedule_that_can_change_is_not_refused(fields: dict[str, Any], action: str) -> None:
    usecases.check_schedulable(service(**fields), action)


@pytest.mark.parametrize(
    "status", ["scheduled", "scheduledLearning", "learning", "requestLearning"]
)
def test_datasets_are_locked_while_training(status: str) -> None:
    with pytest.raises(errors.ActionRefusedError) as info:
        usecases.check_datasets_changeable(service(status=status))
    assert info.value.reason == "datasets_locked"


@pytest.mark.parametrize("status", ["learnable", "datasetRequired", "drafted", "disable"])
def test_datasets_may_change_otherwise(status: str) -> None:
    usecases.check_datasets_changeable(service(status=status))


def trainable(api: AitemsApi, sandbox: SandboxServer, service_type: str = "batch") -> str:
    ids = [sandbox.add_dataset(kind, f"d_{kind}")["datasetId"] for kind in DATASET_KINDS]
    made = api.services.create(
        CreateServiceRequest.model_validate({"name": f"t_{service_type}", "type": service_type})
    )
    api.services.set_datasets(made.service_id, SetDatasetsRequest(dataset_ids=tuple(ids)))
    return made.service_id


DATASET_KINDS = ("user", "item", "interaction")


def test_attaching_datasets_while_training_is_refused_before_sending(
    api: AitemsApi, sandbox: SandboxServer
) -> None:
    service_id = trainable(api, sandbox)
    usecases.request_training(api, service_id, TRAIN, policy=FAST)
    before = posts(sandbox, f"/api/v1/services/{service_id}/datasets")
    with pytest.raises(errors.ActionRefusedError):
        usecases.attach_datasets(api, service_id, user="a", item="b", interaction="c")
    assert posts(sandbox, f"/api/v1/services/{service_id}/datasets") == before


def test_attaching_datasets_sends_the_three(api: AitemsApi, sandbox: SandboxServer) -> None:
    ids = [sandbox.add_dataset(kind, f"e_{kind}")["datasetId"] for kind in DATASET_KINDS]
    made = api.services.create(CreateServiceRequest(name="attach_me"))
    attached = usecases.attach_datasets(
        api, made.service_id, user=ids[0], item=ids[1], interaction=ids[2]
    )
    assert sorted(d.dataset_id for d in attached.datasets) == sorted(ids)


def test_a_training_that_looked_and_found_nothing_says_so(
    api: AitemsApi, sandbox: SandboxServer, clock: FakeClock
) -> None:
    service_id = trainable(api, sandbox)
    sandbox.inject(Fault.RESET, method="POST", path=f"/services/{service_id}")
    # Nothing seen after three looks is no proof: a training may still start late, so the
    # outcome is unknown (and nobody is told to request it again).
    with pytest.raises(errors.OutcomeUnknownError) as info:
        usecases.request_training(api, service_id, TRAIN, policy=POLICY)
    assert info.value.message == (
        "It is not known whether the training started: the request failed unclearly, and "
        "the service shows no sign of it yet, but it may still start."
    )
    assert clock.pauses == [1, 1.5, 1.5]
    assert posts(sandbox, f"/api/v1/services/{service_id}") == 1


def test_a_training_whose_looks_fail_has_an_unknown_outcome(
    api: AitemsApi, sandbox: SandboxServer, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    service_id = trainable(api, sandbox)
    sandbox.inject(Fault.RESET, method="POST", path=f"/services/{service_id}")
    # The checks before sending read the service and its trainings; every look after fails.
    reads = {"get": 0}
    original = api.services.get

    def get_once_then_fail(sid: str) -> Service:
        reads["get"] += 1
        if reads["get"] > 1:
            raise errors.NetworkError("down", may_have_reached_server=True)
        return original(sid)

    monkeypatch.setattr(api.services, "get", get_once_then_fail)
    with pytest.raises(errors.OutcomeUnknownError) as info:
        usecases.request_training(api, service_id, TRAIN, policy=POLICY)
    assert isinstance(info.value.cause, errors.NetworkError)
    assert isinstance(info.value.lookup_error, errors.NetworkError)
    assert info.value.message == (
        "It is not known whether the training started: the request failed unclearly and "
        "looking at the service failed too."
    )
    assert posts(sandbox, f"/api/v1/services/{service_id}") == 1


def test_a_recovered_training_names_the_new_trainings(
    api: AitemsApi, sandbox: SandboxServer
) -> None:
    service_id = trainable(api, sandbox)
    sandbox.inject(Fault.DROP_AFTER_CREATE, method="POST", path=f"/services/{service_id}")
    started = usecases.request_training(api, service_id, TRAIN, policy=FAST)
    assert started.outcome is CreateOutcome.RECOVERED
    assert isinstance(started.cause, errors.NetworkError)
    assert {t.type for t in started.new_trainings} <= {"pop"}
    assert started.service.status in ("requestLearning", "learning")


SCHEDULE = ScheduleRequest.model_validate({"trainTypes": ["relatedItem"]})


def scheduled_service(api: AitemsApi, sandbox: SandboxServer) -> str:
    """An interval service with its datasets and its cycle: ready to start periodic training."""
    service_id = trainable(api, sandbox, "interval")
    api.services.set_interval(service_id, build(SetIntervalRequest, term="hour1"))
    return service_id


def test_a_schedule_start_whose_answer_was_lost_is_found_and_sent_once(
    api: AitemsApi, sandbox: SandboxServer
) -> None:
    service_id = scheduled_service(api, sandbox)
    sandbox.inject(Fault.DROP_AFTER_CREATE, method="PUT", path=f"/services/{service_id}/schedule")
    request = SCHEDULE
    started = usecases.set_schedule(api, service_id, "start", request, policy=FAST)
    assert started.outcome is CreateOutcome.RECOVERED
    assert started.service.status in ("scheduled", "scheduledLearning")
    puts = [r for r in sandbox.requests if r.method == "PUT" and "schedule" in r.target]
    assert len(puts) == 1
    # And stopping it, with its answer lost too, is found stopped.
    sandbox.inject(Fault.DROP_AFTER_CREATE, method="PUT", path=f"/services/{service_id}/schedule")
    stopped = usecases.set_schedule(api, service_id, "stop", request, policy=FAST)
    assert stopped.outcome is CreateOutcome.RECOVERED
    assert stopped.service.status not in ("scheduled", "scheduledLearning")


def test_a_schedule_start_that_did_not_happen_says_so(
    api: AitemsApi, sandbox: SandboxServer, clock: FakeClock
) -> None:
    service_id = scheduled_service(api, sandbox)
    sandbox.inject(Fault.RESET, method="PUT", path=f"/services/{service_id}/schedule")
    request = SCHEDULE
    with pytest.raises(errors.NetworkError) as info:
        usecases.set_schedule(api, service_id, "start", request, policy=POLICY)
    assert info.value.nothing_created is True
    assert clock.pauses == [1, 1.5, 1.5]


def test_a_schedule_whose_looks_fail_has_an_unknown_outcome(
    api: AitemsApi, sandbox: SandboxServer, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    service_id = scheduled_service(api, sandbox)
    sandbox.inject(Fault.RESET, method="PUT", path=f"/services/{service_id}/schedule")
    request = SCHEDULE
    calls = {"get": 0}
    original = api.services.get

    def get_once_then_fail(sid: str) -> Service:
        # The check before sending reads the service; every look after it fails.
        calls["get"] += 1
        if calls["get"] > 1:
            raise errors.NetworkError("down", may_have_reached_server=True)
        return original(sid)

    monkeypatch.setattr(api.services, "get", get_once_then_fail)
    with pytest.raises(errors.OutcomeUnknownError) as info:
        usecases.set_schedule(api, service_id, "start", request, policy=POLICY)
    assert isinstance(info.value.lookup_error, errors.NetworkError)
    assert info.value.message == (
        "It is not known whether the schedule changed: the request failed unclearly and "
        "looking at the service failed too."
    )


# --- following a status ---------------------------------------------------------------------------


def test_poll_delays_grow_by_half_up_to_a_minute() -> None:
    delays = list(itertools.islice(usecases.poll_delays(), 9))
    assert delays == [5.0, 7.5, 11.25, 16.875, 25.3125, 37.96875, 56.953125, 60.0, 60.0]


def test_waiting_pauses_the_given_delays_and_gives_up_after_the_timeout(
    api: AitemsApi, clock: FakeClock
) -> None:
    reads: list[float] = []

    def read() -> float:
        reads.append(clock.now)
        return clock.now

    with pytest.raises(errors.StillRunningError) as info:
        usecases.wait_until(
            read, lambda now: False, timeout=10, delays=iter([3.0, 4.0, 5.0, 6.0]), api=api
        )
    # 3 + 4, then the last pause is cut to the 3 s that are left.
    assert clock.pauses == [3.0, 4.0, 3.0]
    assert reads == [1000.0, 1003.0, 1007.0, 1010.0]
    assert info.value.last == 1010.0


def test_waiting_ends_when_settled_and_shows_every_read(api: AitemsApi, clock: FakeClock) -> None:
    values = iter(["a", "b", "done"])
    seen: list[str] = []
    done = usecases.wait_until(
        lambda: next(values),
        lambda v: v == "done",
        timeout=100,
        delays=iter([1.0] * 10),
        api=api,
        on_read=seen.append,
    )
    assert done == "done"
    assert seen == ["a", "b", "done"]
    assert clock.pauses == [1.0, 1.0]


def test_cancel_ends_a_wait_at_once_and_nothing_was_sent(api: AitemsApi) -> None:
    first_read = threading.Event()

    def read() -> str:
        first_read.set()
        return "running"

    threading.Thread(target=lambda: first_read.wait(30) and api.cancel(), daemon=True).start()
    with pytest.raises(errors.CancelledError) as info:
        usecases.wait_until(read, lambda v: False, timeout=600, delays=iter([300.0] * 3), api=api)
    # Waiting sends nothing: a cancelled wait changed nothing on the server.
    assert info.value.may_have_reached_server is False


# --- what a refusal says ----------------------------------------------------------------------

ATTACH_FIRST = "Attach one user, one item and one interaction dataset first."


@pytest.mark.parametrize(
    ("fields", "message", "hint"),
    [
        (
            {"type": "interval"},
            "'shop' is an interval service: it trains on its schedule, not on request.",
            "Start periodic training instead.",
        ),
        ({"datasets": []}, "'shop' has no datasets yet, so it cannot train.", ATTACH_FIRST),
        (
            {"status": "learning"},
            "'shop' is learning: a training is already requested or running.",
            "Wait for it to end; a training cannot be stopped once it has started.",
        ),
        (
            {"status": "drafted"},
            "'shop' is drafted, not ready to train.",
            errors.ActionRefusedError.default_hint,
        ),
    ],
)
def test_a_training_refusal_says_why_and_what_to_do(
    fields: dict[str, Any], message: str, hint: str
) -> None:
    with pytest.raises(errors.ActionRefusedError) as info:
        usecases.check_trainable(service(**fields))
    assert (info.value.message, info.value.hint) == (message, hint)


@pytest.mark.parametrize(
    ("fields", "action", "message", "hint"),
    [
        (
            {"type": "batch"},
            "start",
            "'shop' is a batch service: it trains on request, not on a schedule.",
            "Request a training instead.",
        ),
        (
            {"type": "interval", "datasets": []},
            "start",
            "'shop' has no datasets yet, so it cannot train.",
            ATTACH_FIRST,
        ),
        (
            {"type": "interval", "status": "scheduled"},
            "start",
            "Periodic training of 'shop' is already on.",
            errors.ActionRefusedError.default_hint,
        ),
    ],
)
def test_a_schedule_refusal_says_why_and_what_to_do(
    fields: dict[str, Any], action: str, message: str, hint: str
) -> None:
    with pytest.raises(errors.ActionRefusedError) as info:
        usecases.check_schedulable(service(**fields), action)
    assert (info.value.message, info.value.hint) == (message, hint)


def test_a_datasets_refusal_says_why_and_what_to_do() -> None:
    with pytest.raises(errors.ActionRefusedError) as info:
        usecases.check_datasets_changeable(service(status="learning"))
    assert info.value.message == "The datasets of 'shop' cannot change while it is learning."
    assert info.value.hint == (
        "Wait until the training ends (or stop the schedule), then try again."
    )


# --- names, policies and causes carried through -----------------------------------------------


def test_a_dataset_or_schema_duplicate_names_the_name(
    api: AitemsApi, sandbox: SandboxServer
) -> None:
    fields = [{"name": "USER_ID", "type": ["string"]}]
    schema = build(CreateSchemaRequest, datasetType="user", name="users", fields=fields)
    usecases.create_schema(api, schema, policy=FAST)
    other = build(
        CreateSchemaRequest, datasetType="user", name="users", description="x", fields=fields
    )
    with pytest.raises(errors.DuplicateNameError) as schema_dup:
        usecases.create_schema(api, other, policy=FAST)
    assert schema_dup.value.name == "users"
    sandbox.create_bucket("b-1")
    sandbox.put_object("b-1", "u.csv", b"USER_ID\nu1\n")
    dataset = build(
        CreateDatasetRequest,
        type="user",
        name="users_ds",
        description="",
        schemaName="users",
        osInfo={"region": "KR", "bucket": "b-1", "key": "u.csv"},
    )
    usecases.create_dataset(api, dataset, policy=FAST)
    with pytest.raises(errors.DuplicateNameError) as dataset_dup:
        usecases.create_dataset(api, dataset.model_copy(update={"description": "x"}), policy=FAST)
    assert dataset_dup.value.name == "users_ds"


@pytest.mark.parametrize("kind", ["service", "dataset"])
def test_a_create_s_looks_read_the_policy_s_pages(kind: str) -> None:
    # The create fails unclearly (the connection drops); each look may read two pages only.
    policy = RecoveryPolicy(quick_settle_seconds=0, max_pages=2, lookup_seconds=30)
    with HostileServer() as server:
        server.script(close_now(), _distinct_pages)
        create: Any = (
            (lambda api: usecases.create_service(api, REQUEST, policy=policy))
            if kind == "service"
            else (lambda api: usecases.create_dataset(api, DATASET_REQUEST, policy=policy))
        )
        engine = Engine(server.base_url, "a", "s", max_attempts=1)
        with AitemsApi(engine) as api, pytest.raises(errors.NetworkError):
            create(api)
        assert [s.method for s in server.seen] == ["POST", "GET", "GET"]


def test_a_clean_schedule_start_is_created(api: AitemsApi, sandbox: SandboxServer) -> None:
    service_id = scheduled_service(api, sandbox)
    started = usecases.set_schedule(api, service_id, "start", SCHEDULE, policy=FAST)
    assert started.outcome is CreateOutcome.CREATED
    assert started.cause is None
    assert started.service.status in ("scheduled", "scheduledLearning")


def _failing_first_look(api: AitemsApi, monkeypatch: pytest.MonkeyPatch, reads_before: int) -> None:
    """Let ``reads_before`` service reads through, fail the next one, then let all through."""
    calls = {"n": 0}
    original = api.services.get

    def get(sid: str) -> Service:
        calls["n"] += 1
        if calls["n"] == reads_before + 1:
            raise errors.NetworkError("down", may_have_reached_server=True)
        return original(sid)

    monkeypatch.setattr(api.services, "get", get)


def test_a_schedule_whose_first_look_fails_is_still_found(
    api: AitemsApi, sandbox: SandboxServer, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    service_id = scheduled_service(api, sandbox)
    sandbox.inject(Fault.DROP_AFTER_CREATE, method="PUT", path=f"/services/{service_id}/schedule")
    _failing_first_look(api, monkeypatch, reads_before=1)
    started = usecases.set_schedule(api, service_id, "start", SCHEDULE, policy=POLICY)
    assert started.outcome is CreateOutcome.RECOVERED
    assert isinstance(started.cause, errors.NetworkError)
    assert clock.pauses == [1]


def test_a_training_whose_first_look_fails_is_still_found(
    api: AitemsApi, sandbox: SandboxServer, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    service_id = trainable(api, sandbox)
    sandbox.inject(Fault.DROP_AFTER_CREATE, method="POST", path=f"/services/{service_id}")
    _failing_first_look(api, monkeypatch, reads_before=1)
    started = usecases.request_training(api, service_id, TRAIN, policy=POLICY)
    assert started.outcome is CreateOutcome.RECOVERED
    assert isinstance(started.cause, errors.NetworkError)
    assert clock.pauses == [1]


# --- which trainings are ours -------------------------------------------------------------------


def test_a_recovered_training_is_the_new_one_of_the_requested_type() -> None:
    # The service is learnable again when looked at (it trained fast): only the list of
    # trainings tells that ours ran; older ones and other types are not ours.
    ready = {"serviceId": "s1", "name": "shop", "type": "batch", "status": "learnable"}
    ready["datasets"] = DATASETS
    old = {"type": "pop", "version": "v0", "status": "completed"}
    ours = {"type": "pop", "version": "v1", "status": "completed"}
    other = {"type": "relatedItem", "version": "v1", "status": "completed"}
    with HostileServer() as server:
        server.script(
            respond(200, ready),
            respond(200, {"trains": [old]}),
            close_now(),
            respond(200, ready),
            respond(200, {"trains": [old, ours, other]}),
        )
        with AitemsApi(Engine(server.base_url, "a", "s", max_attempts=1)) as api:
            started = usecases.request_training(api, "s1", TRAIN, policy=FAST)
        assert [s.method for s in server.seen] == ["GET", "GET", "POST", "GET", "GET"]
    assert started.outcome is CreateOutcome.RECOVERED
    assert [(t.type, t.version) for t in started.new_trainings] == [("pop", "v1")]


def test_a_training_that_is_neither_new_nor_running_was_not_started() -> None:
    ready = {"serviceId": "s1", "name": "shop", "type": "batch", "status": "learnable"}
    ready["datasets"] = DATASETS
    old = {"type": "pop", "version": "v0", "status": "completed"}
    other = {"type": "relatedItem", "version": "v1", "status": "completed"}
    quick = RecoveryPolicy(quick_settle_seconds=0)
    with HostileServer() as server:
        server.script(
            respond(200, ready),
            respond(200, {"trains": [old]}),
            close_now(),
            respond(200, ready),
            respond(200, {"trains": [old, other]}),
        )
        engine = Engine(server.base_url, "a", "s", max_attempts=1)
        with AitemsApi(engine) as api, pytest.raises(errors.OutcomeUnknownError) as info:
            usecases.request_training(api, "s1", TRAIN, policy=quick)
    # Another type's training is not ours; none of ours appeared, which proves nothing.
    assert "may still start" in info.value.message


def test_a_clean_training_is_created(api: AitemsApi, sandbox: SandboxServer) -> None:
    service_id = trainable(api, sandbox)
    started = usecases.request_training(api, service_id, TRAIN, policy=FAST)
    assert started.outcome is CreateOutcome.CREATED
    assert started.cause is None
    assert started.new_trainings == ()


# --- waiting with the real engine pause ---------------------------------------------------------


def test_a_wait_after_an_earlier_cancel_runs_normally(api: AitemsApi) -> None:
    api.cancel()
    values = iter(["a", "b", "done"])
    done = usecases.wait_until(
        lambda: next(values), lambda v: v == "done", timeout=60, delays=iter([0.01] * 5), api=api
    )
    assert done == "done"


def test_a_wait_with_less_than_a_second_left_still_reads_once_more(clock: FakeClock) -> None:
    reads: list[float] = []

    def read() -> float:
        reads.append(clock.now)
        return clock.now

    with pytest.raises(errors.StillRunningError) as info:
        usecases.wait_until(read, lambda now: False, timeout=10, delays=iter([9.5, 9.5]))
    assert reads == [1000.0, 1009.5, 1010.0]
    assert info.value.message == "It had not finished after 10 seconds."
