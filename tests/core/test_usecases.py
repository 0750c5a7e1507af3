"""One intention, one resource: creates and trainings after clear and unclear failures.

Every case counts what the sandbox received, so a create or a training sent twice fails here.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from hostile_server import HostileServer, respond

from aitems_desktop.core import errors, usecases
from aitems_desktop.core.api import AitemsApi, build
from aitems_desktop.core.engine import Engine
from aitems_desktop.core.models import (
    CreateDatasetRequest,
    CreateSchemaRequest,
    CreateServiceRequest,
    SetDatasetsRequest,
    TrainRequest,
)
from aitems_desktop.core.usecases import CreateOutcome, RecoveryPolicy
from aitems_desktop.sandbox import Fault, SandboxServer

FAST = RecoveryPolicy(
    settle_seconds=4.0, quick_settle_seconds=1.0, interval=0.1, max_interval=0.3, lookup_seconds=10
)


@pytest.fixture
def api(sandbox: SandboxServer) -> Iterator[AitemsApi]:
    engine = Engine(sandbox.base_url, sandbox.access_key, sandbox.secret_key, backoff_base=0.01)
    with AitemsApi(engine) as made:
        yield made


def posts(sandbox: SandboxServer, path: str = "/api/v1/services") -> int:
    return sum(1 for r in sandbox.requests if r.method == "POST" and r.target == path)


REQUEST = CreateServiceRequest(name="shop_recs", description="mine")


# --- creates ------------------------------------------------------------------------------


def test_a_clean_create_is_created(api: AitemsApi, sandbox: SandboxServer) -> None:
    created = usecases.create_service(api, REQUEST, policy=FAST)
    assert created.outcome is CreateOutcome.CREATED
    assert posts(sandbox) == 1


def test_a_create_whose_answer_was_lost_is_found_not_sent_again(
    api: AitemsApi, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault.DROP_AFTER_CREATE, method="POST", path="/services")
    created = usecases.create_service(api, REQUEST, policy=FAST)
    assert created.outcome is CreateOutcome.RECOVERED
    assert isinstance(created.cause, errors.NetworkError)
    assert created.resource.name == "shop_recs"
    assert posts(sandbox) == 1
    assert len(sandbox.services()) == 1


def test_a_504_whose_backend_finishes_later_is_found(
    api: AitemsApi, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault.TIMEOUT_THEN_APPLY, method="POST", path="/services", seconds=1.5)
    created = usecases.create_service(api, REQUEST, policy=FAST)
    assert created.outcome is CreateOutcome.RECOVERED
    assert isinstance(created.cause, errors.ServerError)
    assert created.cause.http_status == 504
    assert posts(sandbox) == 1


def test_a_503_that_created_nothing_says_so_after_looking(
    api: AitemsApi, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault.ENDPOINT_ERROR, method="POST", path="/services")
    started = time.monotonic()
    with pytest.raises(errors.ServerError) as info:
        usecases.create_service(api, REQUEST, policy=FAST)
    # A 503 may still finish: it looked for the whole settle time first.
    assert time.monotonic() - started >= FAST.settle_seconds
    assert info.value.nothing_created is True
    assert posts(sandbox) == 1
    assert sandbox.services() == []


@pytest.mark.parametrize(
    ("fault", "status"),
    [
        # Our create reaches the service, which refuses the name; the answer is lost.
        pytest.param(Fault.DROP_AFTER_CREATE, None, id="answer-lost"),
        # The gateway gave up (504) on it: the error keeps the status the create got.
        pytest.param(Fault.ENDPOINT_TIMEOUT, 504, id="gateway-timeout"),
    ],
)
def test_someone_elses_service_with_the_name_is_never_taken_for_ours(
    api: AitemsApi, sandbox: SandboxServer, fault: Fault, status: int | None
) -> None:
    sandbox.add_service("shop_recs", description="someone else's")
    sandbox.inject(fault, method="POST", path="/services")
    with pytest.raises(errors.DuplicateNameError) as info:
        usecases.create_service(api, REQUEST, policy=FAST)
    assert info.value.nothing_created is True
    assert info.value.http_status == status
    assert info.value.name == "shop_recs"
    assert (
        info.value.message == "'shop_recs' was not created: something else already has that name."
    )
    assert info.value.existing is not None
    assert info.value.existing.description == "someone else's"
    assert posts(sandbox) == 1


def test_a_duplicate_with_every_field_the_same_is_the_earlier_attempts(
    api: AitemsApi, sandbox: SandboxServer
) -> None:
    usecases.create_service(api, REQUEST, policy=FAST)
    again = usecases.create_service(api, REQUEST, policy=FAST)
    assert again.outcome is CreateOutcome.ALREADY_EXISTED
    assert isinstance(again.cause, errors.DuplicateNameError)
    assert again.resource is not None
    assert (again.resource.name, again.resource.description) == ("shop_recs", "mine")
    different = CreateServiceRequest(name="shop_recs", description="other", type="interval")
    with pytest.raises(errors.DuplicateNameError) as info:
        usecases.create_service(api, different, policy=FAST)
    assert info.value.existing is not None
    assert posts(sandbox) == 3
    assert len(sandbox.services()) == 1


@pytest.mark.parametrize(
    "different",
    [{"description": "other"}, {"type": "interval"}, {"name": "shop_recs2"}],
)
def test_every_field_sent_is_compared(different: dict[str, str]) -> None:
    from aitems_desktop.core.models import Service

    sent = REQUEST
    found = Service.from_json(
        {"serviceId": "x", "name": "shop_recs", "description": "mine", "type": "batch"} | different
    )
    assert not usecases.service_matches(sent, found)
    same = Service.from_json({"serviceId": "x", "name": "shop_recs", "description": "mine"})
    # A missing type is the documented default, batch.
    assert usecases.service_matches(sent, same)


def test_when_looking_fails_too_the_outcome_is_unknown(
    api: AitemsApi, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault.DROP_AFTER_CREATE, method="POST", path="/services")
    sandbox.inject(Fault.RESET, method="GET", count=1000)
    with pytest.raises(errors.OutcomeUnknownError) as info:
        usecases.create_service(api, REQUEST, policy=FAST)
    assert isinstance(info.value.cause, errors.NetworkError)
    assert info.value.lookup_error is not None
    assert posts(sandbox) == 1


def test_cancelling_while_looking_stops_at_once(api: AitemsApi, sandbox: SandboxServer) -> None:
    sandbox.inject(Fault.ENDPOINT_ERROR, method="POST", path="/services")
    slow = RecoveryPolicy(settle_seconds=60, interval=5, max_interval=5)
    timer = threading.Timer(0.5, api.cancel)
    timer.start()
    started = time.monotonic()
    with pytest.raises(errors.CancelledError) as info:
        usecases.create_service(api, REQUEST, policy=slow)
    timer.join()
    assert time.monotonic() - started < 10
    assert info.value.may_have_reached_server is True


def test_a_create_cancelled_in_flight_is_not_looked_for(
    api: AitemsApi, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault.STALL, method="POST", path="/services", seconds=30)
    timer = threading.Timer(0.5, api.cancel)
    timer.start()
    started = time.monotonic()
    with pytest.raises(errors.CancelledError) as info:
        usecases.create_service(api, REQUEST, policy=FAST)
    timer.join()
    assert time.monotonic() - started < 10
    assert info.value.may_have_reached_server is True
    # No lookup after the cancel: the only request is the create.
    assert [r.method for r in sandbox.requests] == ["POST"]


def test_looking_up_pages_with_a_cap_when_the_server_ignores_offset() -> None:
    page = {
        "services": [{"serviceId": f"s{n:05d}", "name": f"n{n}"} for n in range(1000)],
    }
    with HostileServer() as server:
        server.script(respond(200, page))
        with AitemsApi(Engine(server.base_url, "a", "s", max_attempts=1)) as api:
            assert usecases.find_service(api, "missing", policy=FAST) is None
        # The second page brought nothing new: no third request.
        assert len(server.seen) == 2


def test_dataset_and_schema_creates_recover_the_same_way(
    api: AitemsApi, sandbox: SandboxServer
) -> None:
    fields = [{"name": "USER_ID", "type": ["string"]}]
    schema_request = build(CreateSchemaRequest, datasetType="user", name="users", fields=fields)
    sandbox.inject(Fault.DROP_AFTER_CREATE, method="POST", path="/schemas")
    created_schema = usecases.create_schema(api, schema_request, policy=FAST)
    assert created_schema.outcome is CreateOutcome.RECOVERED
    sandbox.create_bucket("b-1")
    sandbox.put_object("b-1", "u.csv", b"USER_ID\nu1\n")
    dataset_request = build(
        CreateDatasetRequest,
        type="user",
        name="users_ds",
        description="",
        schemaName="users",
        osInfo={"region": "KR", "bucket": "b-1", "key": "u.csv"},
    )
    sandbox.inject(Fault.DROP_AFTER_CREATE, method="POST", path="/datasets")
    created_dataset = usecases.create_dataset(api, dataset_request, policy=FAST)
    assert created_dataset.outcome is CreateOutcome.RECOVERED
    assert posts(sandbox, "/api/v1/schemas") == 1
    assert posts(sandbox, "/api/v1/datasets") == 1


# --- trainings ---------------------------------------------------------------------------------


def trainable(api: AitemsApi, sandbox: SandboxServer, service_type: str = "batch") -> str:
    ids = []
    for kind in ("user", "item", "interaction"):
        ids.append(sandbox.add_dataset(kind, f"d_{kind}")["datasetId"])
    service = api.services.create(
        CreateServiceRequest.model_validate({"name": f"t_{service_type}", "type": service_type})
    )
    api.services.set_datasets(service.service_id, SetDatasetsRequest(dataset_ids=tuple(ids)))
    return service.service_id


TRAIN = TrainRequest.model_validate({"types": ["pop"]})


def train_posts(sandbox: SandboxServer, service_id: str) -> int:
    return posts(sandbox, f"/api/v1/services/{service_id}")


def test_a_training_is_refused_before_sending_when_it_cannot_start(
    api: AitemsApi, sandbox: SandboxServer
) -> None:
    bare = api.services.create(CreateServiceRequest(name="bare"))
    with pytest.raises(errors.ActionRefusedError) as no_datasets:
        usecases.request_training(api, bare.service_id, TRAIN, policy=FAST)
    assert no_datasets.value.reason == "no_datasets"
    interval = trainable(api, sandbox, "interval")
    with pytest.raises(errors.ActionRefusedError) as wrong_type:
        usecases.request_training(api, interval, TRAIN, policy=FAST)
    assert wrong_type.value.reason == "wrong_service_type"
    batch = trainable(api, sandbox)
    usecases.request_training(api, batch, TRAIN, policy=FAST)
    with pytest.raises(errors.ActionRefusedError) as busy:
        usecases.request_training(api, batch, TRAIN, policy=FAST)
    assert busy.value.reason == "already_learning"
    assert train_posts(sandbox, bare.service_id) == 0
    assert train_posts(sandbox, interval) == 0
    assert train_posts(sandbox, batch) == 1


def test_a_training_whose_answer_was_lost_is_found_not_sent_again(
    api: AitemsApi, sandbox: SandboxServer
) -> None:
    service_id = trainable(api, sandbox)
    sandbox.inject(Fault.DROP_AFTER_CREATE, method="POST", path=f"/services/{service_id}")
    started = usecases.request_training(api, service_id, TRAIN, policy=FAST)
    assert started.outcome is CreateOutcome.RECOVERED
    assert started.service.status in ("requestLearning", "learning")
    assert train_posts(sandbox, service_id) == 1


def test_a_training_that_shows_no_sign_is_unknown_never_safe_to_retry_and_was_sent_once(
    api: AitemsApi, sandbox: SandboxServer
) -> None:
    # A service may take a training up after the request failed unclearly: no sign of it
    # after looking is not "nothing started", so nobody is invited to request it twice.
    service_id = trainable(api, sandbox)
    sandbox.inject(Fault.ENDPOINT_ERROR, method="POST", path=f"/services/{service_id}")
    with pytest.raises(errors.OutcomeUnknownError) as info:
        usecases.request_training(api, service_id, TRAIN, policy=FAST)
    assert isinstance(info.value.cause, errors.ServerError)
    assert info.value.nothing_created is False
    assert info.value.hint == usecases.TRAINING_UNKNOWN_HINT
    assert train_posts(sandbox, service_id) == 1
    assert api.services.get(service_id).status == "learnable"


def test_waiting_for_a_status_follows_it_to_the_end(api: AitemsApi, sandbox: SandboxServer) -> None:
    service_id = trainable(api, sandbox)
    usecases.request_training(api, service_id, TRAIN, policy=FAST)
    seen: list[Any] = []

    def read() -> Any:
        sandbox.advance(60)
        return api.services.get(service_id)

    done = usecases.wait_until(
        read,
        lambda s: s.status == "learnable",
        timeout=30,
        delays=iter([0.01] * 100),
        on_read=lambda s: seen.append(s.status),
    )
    assert done.status == "learnable"
    assert seen[0] in ("requestLearning", "learning")
    with pytest.raises(errors.StillRunningError):
        usecases.wait_until(
            lambda: api.services.get(service_id),
            lambda s: False,
            timeout=0.2,
            delays=iter([0.05] * 100),
        )
