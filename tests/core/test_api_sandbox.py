"""Every operation from the core's typed API against the sandbox, over HTTP and over HTTPS.

Each operation's documented success, and each documented rejection that the service (not the
request model) makes, reaches the caller as the right typed error. The sandbox is the oracle:
it shares no code with the client.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from aitems_desktop.core import errors
from aitems_desktop.core.api import AitemsApi, build
from aitems_desktop.core.engine import Engine
from aitems_desktop.core.models import (
    CreateDatasetRequest,
    CreateSchemaRequest,
    CreateServiceRequest,
    HpConfigRequest,
    ScheduleRequest,
    SetDatasetsRequest,
    SetIntervalRequest,
    TrainRequest,
    UpdateDatasetRequest,
    UpdateServiceRequest,
    UploadRowsRequest,
    ValidateSchemaRequest,
)
from aitems_desktop.sandbox import SandboxServer

BUCKET = "api-tests"
FILES = {
    "user": b"USER_ID,AGE\nu1,30\nu2,41\nu3,25\n",
    "item": b"ITEM_ID,CATEGORY\ni1,drama\ni2,news\ni3,drama\n",
    "interaction": (
        b"USER_ID,ITEM_ID,TIMESTAMP\n"
        b"u1,i1,1704164948000\nu1,i2,1704164949000\nu2,i1,1704164950000\n"
        b"u2,i3,1704164951000\nu3,i2,1704164952000\nu3,i1,1704164953000\n"
    ),
}
FIELDS = {
    "user": [{"name": "USER_ID", "type": ["string"]}, {"name": "AGE", "type": ["int", "null"]}],
    "item": [
        {"name": "ITEM_ID", "type": ["string"]},
        {"name": "CATEGORY", "type": ["string"], "categorical": True},
    ],
    "interaction": [
        {"name": "USER_ID", "type": ["string"]},
        {"name": "ITEM_ID", "type": ["string"]},
        {"name": "TIMESTAMP", "type": ["long"]},
    ],
}


@pytest.fixture(params=["http", "https"])
def sandbox(request: pytest.FixtureRequest) -> Iterator[SandboxServer]:
    with SandboxServer(tls=request.param == "https") as server:
        server.create_bucket(BUCKET)
        for kind, data in FILES.items():
            server.put_object(BUCKET, f"{kind}.csv", data)
        yield server


@pytest.fixture
def api(sandbox: SandboxServer) -> Iterator[AitemsApi]:
    ca = str(sandbox.ca_bundle_path) if sandbox.ca_bundle_path else None
    engine = Engine(
        sandbox.base_url, sandbox.access_key, sandbox.secret_key, ca_bundle=ca, max_attempts=1
    )
    with AitemsApi(engine) as made:
        yield made


def schema(api: AitemsApi, kind: str, name: str | None = None) -> Any:
    return api.schemas.create(
        build(CreateSchemaRequest, datasetType=kind, name=name or f"s_{kind}", fields=FIELDS[kind])
    )


def dataset(api: AitemsApi, kind: str, key: str | None = None, name: str | None = None) -> Any:
    return api.datasets.create(
        build(
            CreateDatasetRequest,
            type=kind,
            name=name or f"d_{kind}",
            description="",
            schemaName=f"s_{kind}",
            osInfo={"region": "KR", "bucket": BUCKET, "key": key or f"{kind}.csv"},
        )
    )


def ready_datasets(api: AitemsApi, sandbox: SandboxServer) -> dict[str, str]:
    ids = {}
    for kind in FILES:
        schema(api, kind)
        ids[kind] = dataset(api, kind).dataset_id
    sandbox.advance(60)
    assert {api.datasets.get(i).status for i in ids.values()} == {"enable"}
    return ids


def service_with_datasets(
    api: AitemsApi, sandbox: SandboxServer, service_type: str = "batch"
) -> tuple[str, dict[str, str]]:
    ids = ready_datasets(api, sandbox)
    service = api.services.create(
        build(CreateServiceRequest, name=f"svc_{service_type}", type=service_type)
    )
    request = SetDatasetsRequest(dataset_ids=(ids["user"], ids["item"], ids["interaction"]))
    attached = api.services.set_datasets(service.service_id, request)
    assert attached.status == "learnable"
    return service.service_id, ids


TRAIN_ALL = TrainRequest.model_validate(
    {"types": ["personalRecommend", "relatedItem", "pop"], "description": "all"}
)


# --- services S1-S5 -----------------------------------------------------------------------------


def test_services_create_list_get_update_delete(api: AitemsApi) -> None:
    made = api.services.create(CreateServiceRequest(name="shop_recs", description="추천"))
    assert (made.status, made.datasets, made.infers) == ("datasetRequired", [], [])
    assert made.hp_config is not None
    assert made.hp_config.is_enabled is False
    page = api.services.list()
    assert [s.name for s in page.services] == ["shop_recs"]
    assert page.services[0].action_name == "View/getServiceDetail"
    assert page.services[0].permission == "Allow"
    assert api.services.get(made.service_id).description == "추천"
    renamed = api.services.update(made.service_id, UpdateServiceRequest(name="shop_2"))
    assert renamed.name == "shop_2"
    assert api.services.delete(made.service_id).result is not None
    assert api.services.list().services == []


def test_service_rejections(api: AitemsApi) -> None:
    first = api.services.create(CreateServiceRequest(name="taken"))
    other = api.services.create(CreateServiceRequest(name="other"))
    with pytest.raises(errors.DuplicateNameError):
        api.services.create(CreateServiceRequest(name="taken"))
    with pytest.raises(errors.DuplicateNameError):
        api.services.update(other.service_id, UpdateServiceRequest(name="taken"))
    for call in (
        lambda: api.services.get("nosuchservi"),
        lambda: api.services.update("nosuchservi", UpdateServiceRequest(name="abc")),
        lambda: api.services.delete("nosuchservi"),
    ):
        with pytest.raises(errors.NotFoundError):
            call()
    assert first.service_id


def test_list_paging(api: AitemsApi) -> None:
    for n in range(5):
        api.services.create(CreateServiceRequest(name=f"svc_{n}"))
    assert [s.name for s in api.services.list(offset=2, limit=2).services] == ["svc_2", "svc_3"]


# --- schemas C1-C7 ------------------------------------------------------------------------------


def test_schemas_create_list_get_default_check_describe_delete(api: AitemsApi) -> None:
    created = schema(api, "user", "users_v1")
    assert created.dataset_type == "user"
    assert [f.name for f in created.fields] == ["USER_ID", "AGE"]
    schema(api, "item", "items_v1")
    assert [s.name for s in api.schemas.list().schemas] == ["users_v1", "items_v1"]
    assert [s.name for s in api.schemas.list(dataset_type="item").schemas] == ["items_v1"]
    assert api.schemas.get("users_v1").fields[1].type == ["int", "null"]
    default = api.schemas.default("interaction")
    assert [(f.name, f.type) for f in default.fields] == [
        ("USER_ID", ["string"]),
        ("ITEM_ID", ["string"]),
        ("TIMESTAMP", ["long"]),
    ]
    check = build(ValidateSchemaRequest, datasetType="user", name="probe", fields=FIELDS["user"])
    api.schemas.validate(check)
    assert "probe" not in [s.name for s in api.schemas.list().schemas]
    assert api.schemas.set_description("users_v1", "사용자").description == "사용자"
    api.schemas.delete("items_v1")
    with pytest.raises(errors.NotFoundError):
        api.schemas.get("items_v1")


def test_schema_rejections(api: AitemsApi, sandbox: SandboxServer) -> None:
    schema(api, "user")
    with pytest.raises(errors.DuplicateNameError):
        schema(api, "user")
    with pytest.raises(errors.NotFoundError):
        api.schemas.set_description("missing_schema", "x")
    with pytest.raises(errors.NotFoundError):
        api.schemas.delete("missing_schema")
    # A schema a dataset uses cannot be deleted (a sandbox choice, see docs/sandbox.md).
    dataset(api, "user")
    with pytest.raises(errors.RequestRejectedError) as info:
        api.schemas.delete("s_user")
    assert info.value.error_code == "SCHEMA_IN_USE"


# --- datasets D1-D6 ------------------------------------------------------------------------------


def test_datasets_create_follow_list_get_update_describe_delete(
    api: AitemsApi, sandbox: SandboxServer
) -> None:
    schema(api, "user")
    made = dataset(api, "user")
    assert made.status in ("waiting", "processing")
    assert made.os_info is not None
    assert (made.os_info.bucket, made.os_info.key) == (BUCKET, "user.csv")
    sandbox.advance(60)
    assert api.datasets.get(made.dataset_id).status == "enable"
    listed = api.datasets.list().datasets
    assert [(d.name, d.permission) for d in listed] == [("d_user", "Allow")]
    updated = api.datasets.update(
        made.dataset_id,
        build(
            UpdateDatasetRequest,
            type="user",
            name="d_user2",
            schemaName="s_user",
            osInfo={"region": "KR", "bucket": BUCKET, "key": "user.csv"},
        ),
    )
    assert updated.name == "d_user2"
    assert api.datasets.set_description(made.dataset_id, "설명").description == "설명"
    api.datasets.delete(made.dataset_id)
    with pytest.raises(errors.NotFoundError):
        api.datasets.get(made.dataset_id)


def test_dataset_rejections_and_upload_failures(api: AitemsApi, sandbox: SandboxServer) -> None:
    with pytest.raises(errors.AitemsError) as missing_schema:
        dataset(api, "user")
    assert missing_schema.value.http_status in (400, 404)
    schema(api, "user")
    schema(api, "item")
    dataset(api, "user")
    with pytest.raises(errors.DuplicateNameError):
        dataset(api, "user")
    # The object is missing, or its header does not match the schema: upload_failed.
    gone = dataset(api, "user", key="nowhere.csv", name="d_gone")
    wrong = dataset(api, "user", key="item.csv", name="d_wrong")
    sandbox.advance(60)
    assert api.datasets.get(gone.dataset_id).status == "upload_failed"
    assert api.datasets.get(wrong.dataset_id).status == "upload_failed"
    for call in (
        lambda: api.datasets.get("nosuchdatas"),
        lambda: api.datasets.delete("nosuchdatas"),
    ):
        with pytest.raises(errors.NotFoundError):
            call()


# --- attach, train, trainings, lookup (S6, S8, T1, T2, I1) ---------------------------------------


def test_a_batch_service_attaches_trains_and_answers_lookups(
    api: AitemsApi, sandbox: SandboxServer
) -> None:
    service_id, ids = service_with_datasets(api, sandbox)
    # Datasets in use cannot be deleted.
    with pytest.raises(errors.RequestRejectedError) as in_use:
        api.datasets.delete(ids["user"])
    assert in_use.value.error_code == "DATASET_IN_USE"
    assert [c.service_id for c in api.datasets.get(ids["user"]).connected_services] == [service_id]
    with pytest.raises(errors.RequestRejectedError):
        api.services.lookup(service_id, train_type="pop", target_id="-")
    learning = api.services.train(service_id, TRAIN_ALL)
    assert learning.status in ("requestLearning", "learning")
    # A second training while one runs is refused by the service.
    with pytest.raises(errors.RequestRejectedError):
        api.services.train(service_id, TRAIN_ALL)
    # Datasets cannot change while the service trains.
    with pytest.raises(errors.RequestRejectedError):
        api.services.set_datasets(
            service_id,
            SetDatasetsRequest(dataset_ids=(ids["user"], ids["item"], ids["interaction"])),
        )
    sandbox.advance(600)
    done = api.services.get(service_id)
    assert done.status == "learnable"
    trainings = api.services.trainings(service_id).trains
    assert {t.type for t in trainings} == {"personalRecommend", "relatedItem", "pop"}
    assert {t.status for t in trainings} == {"completed"}
    assert all(t.inference for t in trainings)
    one = trainings[0]
    assert one.version is not None
    assert api.services.training(service_id, one.type or "", one.version).status == "completed"
    recent = api.services.trainings(service_id, is_recent=True).trains
    assert len(recent) == 3
    for train_type, target in (("personalRecommend", "u1"), ("relatedItem", "i1"), ("pop", "-")):
        result = api.services.lookup(service_id, train_type=train_type, target_id=target)
        assert result.field == "ITEM_ID"
        assert result.values
    with pytest.raises(errors.NotFoundError):
        api.services.training(service_id, "pop", "999999")


def test_hpo_options_reach_the_training(api: AitemsApi, sandbox: SandboxServer) -> None:
    service_id, _ = service_with_datasets(api, sandbox)
    request = TrainRequest(
        types=("relatedItem",),
        hp_config=HpConfigRequest(
            is_enabled=True, options={"item_top_n": 2_000, "max_relate_recommend_top": 50}
        ),
    )
    api.services.train(service_id, request)
    sandbox.advance(600)
    (training,) = api.services.trainings(service_id).trains
    assert training.hp_config is not None
    assert training.hp_config.options() == {"item_top_n": 2_000, "max_relate_recommend_top": 50}


def test_attach_and_train_rejections(api: AitemsApi, sandbox: SandboxServer) -> None:
    ids = ready_datasets(api, sandbox)
    service = api.services.create(CreateServiceRequest(name="bare"))
    with pytest.raises(errors.RequestRejectedError):
        api.services.train(service.service_id, TRAIN_ALL)
    with pytest.raises(errors.AitemsError):
        # Two of one type: the service needs one of each.
        api.services.set_datasets(
            service.service_id,
            SetDatasetsRequest(dataset_ids=(ids["user"], ids["item"], "nosuchdatas")),
        )
    interval = api.services.create(
        CreateServiceRequest.model_validate({"name": "intv", "type": "interval"})
    )
    api.services.set_datasets(
        interval.service_id,
        SetDatasetsRequest(dataset_ids=(ids["user"], ids["item"], ids["interaction"])),
    )
    with pytest.raises(errors.RequestRejectedError) as batch_only:
        api.services.train(interval.service_id, TRAIN_ALL)
    assert batch_only.value.error_code == "INVALID_SERVICE_TYPE"


# --- interval services: S7, S9, S10, U1 --------------------------------------------------------


def test_an_interval_service_cycles_reports_updates_and_stops(
    api: AitemsApi, sandbox: SandboxServer
) -> None:
    service_id, ids = service_with_datasets(api, sandbox, "interval")
    assert (
        api.services.set_interval(
            service_id, build(SetIntervalRequest, term="hour1")
        ).learning_interval
        == "hour1"
    )
    schedule = build(ScheduleRequest, trainTypes=["relatedItem"], description="hourly")
    started = api.services.schedule(service_id, "start", schedule)
    assert started.status in ("scheduled", "scheduledLearning")
    rows = build(
        UploadRowsRequest,
        type="interaction",
        value=[{"USER_ID": "u9", "ITEM_ID": "i1", "TIMESTAMP": 1704164960000}],
    )
    api.services.upload_rows(service_id, ids["interaction"], rows)
    sandbox.advance(3 * 3600)
    trainings = api.services.trainings(service_id).trains
    assert trainings
    version = trainings[0].version
    assert version is not None
    updates = api.services.updates(
        service_id, train_type="relatedItem", train_version=version
    ).updates
    assert updates
    assert updates[0].update_result is not None
    stopped = api.services.schedule(service_id, "stop", schedule)
    assert stopped.status == "learnable"


def test_interval_rejections(api: AitemsApi, sandbox: SandboxServer) -> None:
    service_id, ids = service_with_datasets(api, sandbox, "batch")
    with pytest.raises(errors.RequestRejectedError) as interval_only:
        api.services.set_interval(service_id, build(SetIntervalRequest, term="hour3"))
    assert interval_only.value.error_code in ("INVALID_SERVICE_TYPE", "INTERVAL_REQUIRED")
    schedule = build(ScheduleRequest, trainTypes=["pop"])
    with pytest.raises(errors.RequestRejectedError):
        api.services.schedule(service_id, "start", schedule)
    rows = build(UploadRowsRequest, type="user", value=[{"USER_ID": "u9", "AGE": 20}])
    with pytest.raises(errors.RequestRejectedError):
        api.services.upload_rows(service_id, ids["user"], rows)
    with pytest.raises(errors.AitemsError):
        api.services.updates(service_id, train_type="pop", train_version="1")
