"""All 27 operations over HTTP and HTTPS: documented answers, documented rejections, life cycle."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from sandbox_support import SignedClient

from aitems_desktop.sandbox import SandboxServer
from aitems_desktop.sandbox.routes import ROUTES, match
from aitems_desktop.sandbox.store import DATASET_READY_S, TRAIN_DONE_S, TRAIN_REQUEST_S

FLAT = {"timestamp", "path", "status", "error", "requestId", "errorCode", "message"}
USER_FIELDS = [
    {"name": "USER_ID", "type": ["string"]},
    {"name": "AGE", "type": ["int", "null"]},
]
ITEM_FIELDS = [
    {"name": "ITEM_ID", "type": ["string"]},
    {"name": "CATEGORY", "type": ["string"], "categorical": True},
]
INTERACTION_FIELDS = [
    {"name": "USER_ID", "type": ["string"]},
    {"name": "ITEM_ID", "type": ["string"]},
    {"name": "TIMESTAMP", "type": ["long"]},
]
FILES = {
    "user": b"USER_ID,AGE\nu1,30\nu2,\nu3,41\n",
    "item": b"ITEM_ID,CATEGORY\na,x\nb,x\nc,y\nd,y\n",
    "interaction": b"USER_ID,ITEM_ID,TIMESTAMP\n"
    + b"".join(
        f"{u},{i},{1700000000000 + n}\n".encode()
        for n, (u, i) in enumerate(
            [
                ("u1", "a"),
                ("u1", "b"),
                ("u2", "a"),
                ("u2", "b"),
                ("u2", "c"),
                ("u3", "c"),
                ("u3", "d"),
                ("u1", "a"),
            ]
        )
    ),
}
FIELDS = {"user": USER_FIELDS, "item": ITEM_FIELDS, "interaction": INTERACTION_FIELDS}


@pytest.fixture(params=[False, True], ids=["http", "https"])
def sb(request: pytest.FixtureRequest) -> Iterator[SandboxServer]:
    with SandboxServer(tls=request.param) as server:
        yield server


@pytest.fixture
def api(sb: SandboxServer) -> Iterator[SignedClient]:
    client = SignedClient(sb)
    yield client
    client.close()


def flat(response: Any, status: int, error: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == FLAT
    assert (body["status"], body["error"]) == (status, error), body
    assert not body["path"].startswith("/api/v1")
    assert body["path"].startswith("/api/")
    return dict(body)


def setup_datasets(sb: SandboxServer, api: SignedClient, prefix: str = "set") -> list[str]:
    """Schemas, files and three enable datasets made through the API; their ids."""
    sb.create_bucket("data")
    ids = []
    for t in ("user", "item", "interaction"):
        sb.put_object("data", f"{prefix}/{t}.csv", FILES[t])
        api.ok(
            "POST",
            "/schemas",
            {"datasetType": t, "name": f"{prefix}_{t}", "fields": FIELDS[t]},
            201,
        )
        made = api.ok(
            "POST",
            "/datasets",
            {
                "type": t,
                "name": f"{prefix}_{t}s",
                "description": "test data",
                "schemaName": f"{prefix}_{t}",
                "osInfo": {"region": "KR", "bucket": "data", "key": f"{prefix}/{t}.csv"},
            },
            201,
        )
        assert made["status"] == "waiting"
        ids.append(made["datasetId"])
    sb.advance(DATASET_READY_S)
    for dataset_id in ids:
        assert api.ok("GET", f"/datasets/{dataset_id}")["status"] == "enable"
    return ids


def test_the_route_table_is_the_27_documented_operations() -> None:
    ids = [r.id for r in ROUTES]
    expected = [f"S{i}" for i in range(1, 11)] + ["T1", "T2", "U1", "I1"]
    expected += [f"D{i}" for i in range(1, 7)] + [f"C{i}" for i in range(1, 8)]
    assert ids == expected
    assert len({(r.method, r.path) for r in ROUTES}) == 27
    assert match("GET", "/schemas/default")[0].id == "C4"  # type: ignore[index]
    assert match("GET", "/schemas/my_schema")[0].id == "C3"  # type: ignore[index]
    assert match("POST", "/services/abc") is not None
    assert match("PATCH", "/services/abc") is None


def test_schema_operations(sb: SandboxServer, api: SignedClient) -> None:
    # C4: the default schema of each type holds exactly its required fields.
    default = api.ok("GET", "/schemas/default?datasetType=interaction")
    assert [f["name"] for f in default["fields"]] == ["USER_ID", "ITEM_ID", "TIMESTAMP"]
    assert default["fields"][2]["type"] == ["long"]
    flat(api.call("GET", "/schemas/default"), 400, "INVALID_PARAMETER")
    flat(api.call("GET", "/schemas/default?datasetType=movie"), 400, "INVALID_PARAMETER")
    # C5 validates without storing; description is required there.
    body = {"datasetType": "item", "name": "items_v1", "fields": ITEM_FIELDS, "description": "d"}
    checked = api.ok("POST", "/schemas/validation-check", body)
    assert checked["fields"] == [
        {"name": "ITEM_ID", "type": ["string"]},
        {"name": "CATEGORY", "type": ["string"], "categorical": True},
    ]
    assert sb.schemas() == []
    flat(
        api.call("POST", "/schemas/validation-check", {**body, "description": None}),
        400,
        "INVALID_PARAMETER",
    )
    # C1 creates.
    created = api.ok("POST", "/schemas", {k: v for k, v in body.items() if k != "description"}, 201)
    assert set(created) == {"datasetType", "name", "fields", "description", "createdDate"}
    assert created["fields"][0] == {"name": "ITEM_ID", "type": ["string"], "categorical": False}
    flat(api.call("POST", "/schemas", body), 400, "DUPLICATE_NAME")
    flat(api.call("POST", "/schemas/validation-check", body), 400, "DUPLICATE_NAME")
    # C2 lists, with the sub-account hooks, filtered by type.
    listed = api.ok("GET", "/schemas?datasetType=item")
    assert listed["schemas"] == [
        {
            "datasetType": "item",
            "name": "items_v1",
            "createdDate": created["createdDate"],
            "actionName": "View/getSchemaDetail",
            "permission": "Allow",
        }
    ]
    assert (listed["offset"], listed["limit"]) == (0, 1000)
    assert api.ok("GET", "/schemas?datasetType=user")["schemas"] == []
    # C3, C6, C7.
    assert api.ok("GET", "/schemas/items_v1") == created
    assert (
        api.ok("PUT", "/schemas/items_v1", {"content": "new words"})["description"] == "new words"
    )
    flat(api.call("PUT", "/schemas/items_v1", {"content": "x" * 101}), 400, "INVALID_PARAMETER")
    flat(api.call("GET", "/schemas/nothere"), 404, "NOT_FOUND")
    assert api.ok("DELETE", "/schemas/items_v1") == {"result": "ok"}
    flat(api.call("DELETE", "/schemas/items_v1"), 404, "NOT_FOUND")


@pytest.mark.parametrize(
    ("dataset_type", "fields", "error"),
    [
        ("user", [{"name": "AGE", "type": ["int"]}], "REQUIRED_FIELD_MISSING"),
        ("interaction", USER_FIELDS[:1] + ITEM_FIELDS[:1], "REQUIRED_FIELD_MISSING"),
        (
            "interaction",
            [*INTERACTION_FIELDS[:2], {"name": "TIMESTAMP", "type": ["string"]}],
            "INVALID_FIELD_TYPE",
        ),
        ("user", [{"name": "USER_ID", "type": ["string", "null"]}], "INVALID_FIELD_TYPE"),
        ("item", [*ITEM_FIELDS[:1], {"name": "CATEGORY", "type": ["int"]}], "RESERVED_KEYWORD"),
        (
            "item",
            [*ITEM_FIELDS[:1], {"name": "CREATION_TIMESTAMP", "type": ["string"]}],
            "RESERVED_KEYWORD",
        ),
        (
            "interaction",
            [*INTERACTION_FIELDS, {"name": "EVENT_VALUE", "type": ["double"]}],
            "RESERVED_KEYWORD",
        ),
        ("user", [*USER_FIELDS, {"name": "AGE", "type": ["int"]}], "INVALID_PARAMETER"),
        ("user", [*USER_FIELDS, {"name": "9lives", "type": ["int"]}], "INVALID_PARAMETER"),
        ("user", [*USER_FIELDS, {"name": "X", "type": ["decimal"]}], "INVALID_PARAMETER"),
        ("user", [*USER_FIELDS, {"name": "X", "type": []}], "INVALID_PARAMETER"),
        (
            "user",
            [*USER_FIELDS, {"name": "X", "type": ["int"], "categorical": "yes"}],
            "INVALID_PARAMETER",
        ),
        ("user", [], "INVALID_PARAMETER"),
    ],
)
def test_schema_rejections(api: SignedClient, dataset_type: str, fields: Any, error: str) -> None:
    body = {"datasetType": dataset_type, "name": "bad_schema", "fields": fields}
    flat(api.call("POST", "/schemas", body), 400, error)


@pytest.mark.parametrize("name", ["ab", "_abc", "1abc", "a" * 21, "ab c", "é_abc"])
def test_schema_and_dataset_names(api: SignedClient, name: str) -> None:
    body = {"datasetType": "user", "name": name, "fields": USER_FIELDS}
    flat(api.call("POST", "/schemas", body), 400, "INVALID_PARAMETER")


def test_dataset_operations_and_rules(sb: SandboxServer, api: SignedClient) -> None:
    ids = setup_datasets(sb, api)
    user_id = ids[0]
    one = api.ok("GET", f"/datasets/{user_id}")
    assert set(one) == {
        "datasetId",
        "type",
        "name",
        "description",
        "schemaName",
        "status",
        "osInfo",
        "connectedServices",
        "createdDate",
        "updatedDate",
    }
    assert one["osInfo"] == {"region": "KR", "bucket": "data", "key": "set/user.csv"}
    listed = api.ok("GET", "/datasets?offset=1&limit=1")
    assert [d["datasetId"] for d in listed["datasets"]] == [ids[1]]
    assert listed["datasets"][0]["actionName"] == "View/getDatasetDetail"
    assert listed["datasets"][0]["permission"] == "Allow"
    assert set(listed["datasets"][0]) == {
        "datasetId",
        "type",
        "name",
        "status",
        "createdDate",
        "actionName",
        "permission",
    }
    # D5 and its limit.
    assert api.ok("PUT", f"/datasets/{user_id}", {"content": "é" * 100})["description"] == "é" * 100
    flat(api.call("PUT", f"/datasets/{user_id}", {"content": "😀" * 51}), 400, "INVALID_PARAMETER")
    # D1 rejections.
    base = {
        "type": "user",
        "name": "more_users",
        "description": "d",
        "schemaName": "set_user",
        "osInfo": {"region": "KR", "bucket": "data", "key": "set/user.csv"},
    }
    flat(
        api.call("POST", "/datasets", {**base, "schemaName": "nope_schema"}),
        400,
        "SCHEMA_NOT_FOUND",
    )
    flat(
        api.call("POST", "/datasets", {**base, "schemaName": "set_item"}),
        400,
        "SCHEMA_TYPE_MISMATCH",
    )
    flat(api.call("POST", "/datasets", {**base, "name": "set_users"}), 400, "DUPLICATE_NAME")
    flat(
        api.call("POST", "/datasets", {k: v for k, v in base.items() if k != "description"}),
        400,
        "INVALID_PARAMETER",
    )
    for os_info in (
        {"region": "US", "bucket": "b", "key": "k.csv"},
        {"region": "KR", "bucket": "b", "key": "k.json"},
        {"region": "KR", "key": "k.csv"},
        None,
    ):
        flat(api.call("POST", "/datasets", {**base, "osInfo": os_info}), 400, "INVALID_PARAMETER")
    # A schema in use cannot go; neither can a dataset attached to a service.
    flat(api.call("DELETE", "/schemas/set_user"), 400, "SCHEMA_IN_USE")
    sid = api.ok("POST", "/services", {"name": "uses_them"}, 201)["serviceId"]
    api.ok("POST", f"/services/{sid}/datasets", {"datasetIds": ids})
    connected = api.ok("GET", f"/datasets/{user_id}")["connectedServices"]
    assert connected == [{"serviceId": sid, "name": "uses_them"}]
    flat(api.call("DELETE", f"/datasets/{user_id}"), 400, "DATASET_IN_USE")
    api.ok("DELETE", f"/services/{sid}")
    assert api.ok("DELETE", f"/datasets/{user_id}") == {"result": "ok"}
    flat(api.call("GET", f"/datasets/{user_id}"), 404, "NOT_FOUND")


def test_dataset_upload_failed_cases(sb: SandboxServer, api: SignedClient) -> None:
    sb.create_bucket("data")
    api.ok(
        "POST",
        "/schemas",
        {"datasetType": "interaction", "name": "inter", "fields": INTERACTION_FIELDS},
        201,
    )
    sb.put_object("data", "wrong_case.csv", b"user_id,ITEM_ID,TIMESTAMP\nu,i,1\n")
    sb.put_object("data", "wrong_order.csv", b"ITEM_ID,USER_ID,TIMESTAMP\ni,u,1\n")
    sb.put_object("data", "bad_long.csv", b"USER_ID,ITEM_ID,TIMESTAMP\nu,i,yesterday\n")
    sb.put_object("data", "good.csv", FILES["interaction"])
    sb.create_bucket("not-mine", foreign=True)
    cases = {
        "missing": ("data", "nothing.csv"),
        "case": ("data", "wrong_case.csv"),
        "order": ("data", "wrong_order.csv"),
        "long": ("data", "bad_long.csv"),
        "nobucket": ("nobucket", "good.csv"),
        "foreign": ("not-mine", "good.csv"),
        "good": ("data", "good.csv"),
    }
    made = {}
    for label, (bucket, key) in cases.items():
        made[label] = api.ok(
            "POST",
            "/datasets",
            {
                "type": "interaction",
                "name": f"ds_{label}",
                "description": "",
                "schemaName": "inter",
                "osInfo": {"region": "KR", "bucket": bucket, "key": key},
            },
            201,
        )["datasetId"]
    sb.advance(2)
    assert api.ok("GET", f"/datasets/{made['good']}")["status"] == "waiting"
    sb.advance(10)
    assert api.ok("GET", f"/datasets/{made['good']}")["status"] == "processing"
    sb.advance(DATASET_READY_S)
    statuses = {label: api.ok("GET", f"/datasets/{i}")["status"] for label, i in made.items()}
    assert statuses == {**dict.fromkeys(cases, "upload_failed"), "good": "enable"}
    assert "header" in sb.dataset_failure(made["case"])
    assert "AccessDenied" in sb.dataset_failure(made["foreign"])
    # D4 points a failed dataset at a good file: processed again.
    again = api.ok(
        "POST",
        f"/datasets/{made['case']}",
        {
            "type": "interaction",
            "name": "ds_case",
            "schemaName": "inter",
            "osInfo": {"region": "KR", "bucket": "data", "key": "good.csv"},
        },
    )
    assert again["status"] == "waiting"
    sb.advance(DATASET_READY_S)
    assert api.ok("GET", f"/datasets/{made['case']}")["status"] == "enable"


def test_service_life_cycle_batch(sb: SandboxServer, api: SignedClient) -> None:
    ids = setup_datasets(sb, api)
    service = api.ok("POST", "/services", {"name": "batchy", "description": "d"}, 201)
    sid = service["serviceId"]
    assert service["status"] == "datasetRequired"
    assert "learningInterval" not in service
    train = {"types": ["relatedItem"], "description": "first", "hpConfig": {"is_enabled": False}}
    flat(api.call("POST", f"/services/{sid}", train), 400, "DATASET_REQUIRED")
    # S6 needs exactly one of each type.
    flat(
        api.call("POST", f"/services/{sid}/datasets", {"datasetIds": ids[:2]}),
        400,
        "INVALID_PARAMETER",
    )
    flat(
        api.call("POST", f"/services/{sid}/datasets", {"datasetIds": [ids[0], ids[0], ids[1]]}),
        400,
        "INVALID_PARAMETER",
    )
    flat(
        api.call("POST", f"/services/{sid}/datasets", {"datasetIds": ["zzz", ids[1], ids[2]]}),
        404,
        "NOT_FOUND",
    )
    attached = api.ok("POST", f"/services/{sid}/datasets", {"datasetIds": ids})
    assert attached["status"] == "learnable"
    assert [d["status"] for d in attached["datasets"]] == ["learnable"] * 3
    # S8 checks.
    flat(api.call("POST", f"/services/{sid}", {**train, "types": []}), 400, "INVALID_PARAMETER")
    flat(
        api.call("POST", f"/services/{sid}", {**train, "types": ["magic"]}),
        400,
        "INVALID_PARAMETER",
    )
    flat(api.call("POST", f"/services/{sid}", {"types": ["pop"]}), 400, "INVALID_PARAMETER")
    flat(api.call("POST", f"/services/{sid}", {**train, "hpConfig": {}}), 400, "INVALID_PARAMETER")
    for bad_hp in (
        {"is_enabled": True, "item_top_n": 999},
        {"is_enabled": True, "item_top_n": 500_001},
        {"is_enabled": True, "min_session_length": 1},
        {"is_enabled": True, "session_max_timestamp": "1800"},
        {"is_enabled": True, "max_user_recommend_top": 10},  # personalRecommend only
        {"is_enabled": True, "warp_speed": 9},
        {"is_enabled": "yes"},
    ):
        flat(
            api.call("POST", f"/services/{sid}", {**train, "hpConfig": bad_hp}),
            400,
            "INVALID_PARAMETER",
        )
    flat(
        api.call("PUT", f"/services/{sid}/interval", {"term": "hour1"}), 400, "INVALID_SERVICE_TYPE"
    )
    flat(
        api.call(
            "PUT",
            f"/services/{sid}/schedule?action=start",
            {"trainTypes": ["pop"], "hpConfig": {"is_enabled": False}},
        ),
        400,
        "INVALID_SERVICE_TYPE",
    )
    hp = {
        "is_enabled": True,
        "max_relate_recommend_top": 2,
        "item_top_n": 1000,
        "group_column": ["TIMESTAMP"],
    }
    started = api.ok(
        "POST", f"/services/{sid}", {**train, "types": ["relatedItem", "pop"], "hpConfig": hp}
    )
    assert started["status"] == "requestLearning"
    assert started["hpConfig"] == hp
    flat(api.call("POST", f"/services/{sid}", train), 400, "INVALID_SERVICE_STATUS")
    flat(
        api.call("POST", f"/services/{sid}/datasets", {"datasetIds": ids}),
        400,
        "INVALID_SERVICE_STATUS",
    )
    flat(api.call("DELETE", f"/services/{sid}"), 400, "INVALID_SERVICE_STATUS")
    flat(
        api.call(
            "POST",
            f"/datasets/{ids[0]}",
            {
                "type": "user",
                "name": "set_users",
                "schemaName": "set_user",
                "osInfo": {"region": "KR", "bucket": "data", "key": "set/user.csv"},
            },
        ),
        400,
        "DATASET_IN_USE",
    )
    trains = api.ok("GET", f"/services/{sid}/trains")
    assert {t["status"] for t in trains["trains"]} == {"requesting"}
    sb.advance(TRAIN_REQUEST_S / 2)
    assert {t["status"] for t in api.ok("GET", f"/services/{sid}/trains")["trains"]} == {"waiting"}
    flat(
        api.call("GET", f"/services/{sid}/infers/lookup?type=relatedItem&targetId=a"),
        400,
        "TRAINING_NOT_COMPLETED",
    )
    sb.advance(TRAIN_REQUEST_S / 2)
    assert api.ok("GET", f"/services/{sid}")["status"] == "learning"
    assert {t["status"] for t in api.ok("GET", f"/services/{sid}/trains")["trains"]} == {"learning"}
    sb.advance(TRAIN_DONE_S)
    done = api.ok("GET", f"/services/{sid}")
    assert done["status"] == "learnable"
    assert {i["dataType"] for i in done["infers"]} == {"relatedItem", "pop"}
    assert all(i["status"] == "enable" and i["rowCount"] > 0 for i in done["infers"])
    trains = api.ok("GET", f"/services/{sid}/trains")["trains"]
    assert set(trains[0]) == {
        "serviceId",
        "type",
        "hpConfig",
        "version",
        "description",
        "status",
        "createdDate",
        "inference",
    }
    assert all(t["status"] == "completed" and t["inference"] is True for t in trains)
    one = trains[0]
    assert api.ok("GET", f"/services/{sid}/trains/{one['type']}/versions/{one['version']}") == one
    flat(api.call("GET", f"/services/{sid}/trains/pop/versions/1"), 404, "NOT_FOUND")
    flat(api.call("GET", f"/services/{sid}/trains/magic/versions/1"), 400, "INVALID_PARAMETER")
    # A batch training has no periodic updates.
    assert api.ok(
        "GET", f"/services/{sid}/updates?type={one['type']}&trainVersion={one['version']}"
    ) == {"updates": []}
    # Lookups: a related item is one the same users touched; limited by the HPO option.
    related = api.ok("GET", f"/services/{sid}/infers/lookup?type=relatedItem&targetId=a")
    assert related["field"] == "ITEM_ID"
    assert related["values"] == ["b", "c"]
    pop = api.ok("GET", f"/services/{sid}/infers/lookup?type=pop&targetId=any")["values"]
    assert pop[0] == "a"
    assert all(isinstance(v, str) for v in pop)
    flat(
        api.call("GET", f"/services/{sid}/infers/lookup?type=personalRecommend&targetId=u1"),
        400,
        "TRAINING_NOT_COMPLETED",
    )
    flat(
        api.call("GET", f"/services/{sid}/infers/lookup?type=relatedItem"), 400, "INVALID_PARAMETER"
    )
    # isRecent: the latest request per type.
    api.ok("POST", f"/services/{sid}", {**train, "types": ["personalRecommend"]})
    sb.advance(TRAIN_DONE_S)
    recent = api.ok("GET", f"/services/{sid}/trains?isRecent=true")["trains"]
    assert sorted(t["type"] for t in recent) == ["personalRecommend", "pop", "relatedItem"]
    personal = api.ok("GET", f"/services/{sid}/infers/lookup?type=personalRecommend&targetId=u1")
    assert personal["values"]
    assert "a" not in personal["values"]
    assert "b" not in personal["values"]
    assert (
        api.ok("GET", f"/services/{sid}/infers/lookup?type=personalRecommend&targetId=ghost")[
            "values"
        ]
        == []
    )


def test_service_life_cycle_interval(sb: SandboxServer, api: SignedClient) -> None:
    ids = setup_datasets(sb, api)
    sid = api.ok("POST", "/services", {"name": "hourly", "type": "interval"}, 201)["serviceId"]
    assert api.ok("GET", f"/services/{sid}")["learningInterval"] is None
    flat(api.call("PUT", f"/services/{sid}/interval", {"term": "hour2"}), 400, "INVALID_PARAMETER")
    assert (
        api.ok("PUT", f"/services/{sid}/interval", {"term": "hour1"})["learningInterval"] == "hour1"
    )
    schedule = {
        "trainTypes": ["relatedItem"],
        "description": "cycle",
        "hpConfig": {"is_enabled": False},
    }
    flat(
        api.call("PUT", f"/services/{sid}/schedule?action=start", schedule), 400, "DATASET_REQUIRED"
    )
    api.ok("POST", f"/services/{sid}/datasets", {"datasetIds": ids})
    flat(
        api.call("POST", f"/services/{sid}", {"types": ["pop"], "hpConfig": {"is_enabled": False}}),
        400,
        "INVALID_SERVICE_TYPE",
    )
    flat(api.call("PUT", f"/services/{sid}/schedule", schedule), 400, "INVALID_PARAMETER")
    flat(
        api.call("PUT", f"/services/{sid}/schedule?action=pause", schedule),
        400,
        "INVALID_PARAMETER",
    )
    # action belongs in the query; in the body it does not count.
    flat(
        api.call("PUT", f"/services/{sid}/schedule", {**schedule, "action": "start"}),
        400,
        "INVALID_PARAMETER",
    )
    flat(api.call("PUT", f"/services/{sid}/schedule?action=stop"), 400, "INVALID_SERVICE_STATUS")
    started = api.ok("PUT", f"/services/{sid}/schedule?action=start", schedule)
    assert started["status"] == "scheduled"
    assert started["scheduledDate"]
    flat(
        api.call("PUT", f"/services/{sid}/schedule?action=start", schedule),
        400,
        "INVALID_SERVICE_STATUS",
    )
    flat(
        api.call("PUT", f"/services/{sid}/interval", {"term": "hour3"}),
        400,
        "INVALID_SERVICE_STATUS",
    )
    sb.advance(TRAIN_REQUEST_S)
    assert api.ok("GET", f"/services/{sid}")["status"] == "scheduledLearning"
    sb.advance(TRAIN_DONE_S)
    assert api.ok("GET", f"/services/{sid}")["status"] == "scheduled"
    [training] = api.ok("GET", f"/services/{sid}/trains")["trains"]
    assert training["status"] == "completed"
    updates_path = f"/services/{sid}/updates?type=relatedItem&trainVersion={training['version']}"
    assert api.ok("GET", updates_path) == {"updates": []}
    # S10: rows checked against the dataset's schema, counted in the next update.
    rows = {
        "type": "interaction",
        "value": [{"USER_ID": "u9", "ITEM_ID": "z", "TIMESTAMP": 1700000009999}],
    }
    response = api.call("POST", f"/services/{sid}/datasets/{ids[2]}", rows)
    assert response.status_code == 200
    assert response.content == b""
    api.call(
        "POST",
        f"/services/{sid}/datasets/{ids[0]}",
        {"type": "user", "value": [{"USER_ID": "u9", "AGE": None}]},
    )
    for bad_rows, error in (
        (
            {
                "type": "interaction",
                "value": [{"USER_ID": "u9", "ITEM_ID": "z", "TIMESTAMP": "now"}],
            },
            "INVALID_PARAMETER",
        ),
        (
            {"type": "interaction", "value": [{"USER_ID": "u9", "ITEM_ID": "z"}]},
            "INVALID_PARAMETER",
        ),
        (
            {
                "type": "interaction",
                "value": [{"USER_ID": "u9", "ITEM_ID": "z", "TIMESTAMP": 1, "X": 1}],
            },
            "INVALID_PARAMETER",
        ),
        ({"type": "user", "value": [{"USER_ID": "u9"}]}, "INVALID_PARAMETER"),
        ({"type": "interaction", "value": []}, "INVALID_PARAMETER"),
    ):
        flat(api.call("POST", f"/services/{sid}/datasets/{ids[2]}", bad_rows), 400, error)
    sb.advance(3600 - TRAIN_DONE_S)  # the next cycle begins
    assert api.ok("GET", f"/services/{sid}")["status"] == "scheduledLearning"
    [update] = api.ok("GET", updates_path)["updates"]
    assert update["status"] == "learning"
    assert update["finishedDate"] is None
    sb.advance(TRAIN_DONE_S)
    [update] = api.ok("GET", updates_path)["updates"]
    assert set(update) == {
        "updateVersion",
        "status",
        "type",
        "createdDate",
        "finishedDate",
        "updateResult",
    }
    assert update["status"] == "completed"
    assert update["finishedDate"]
    assert update["updateResult"] == {
        "inputUsersCnt": 1,
        "inputItemsCnt": 0,
        "inputRowsCnt": 1,
        "updatedItemsCnt": 1,
    }
    sb.advance(2 * 3600)
    assert [u["updateVersion"] for u in api.ok("GET", updates_path)["updates"]] == ["1", "2", "3"]
    assert [
        u["updateVersion"] for u in api.ok("GET", updates_path + "&offset=1&limit=1")["updates"]
    ] == ["2"]
    flat(api.call("GET", f"/services/{sid}/updates?type=relatedItem"), 400, "INVALID_PARAMETER")
    flat(api.call("GET", f"/services/{sid}/updates?trainVersion=1"), 400, "INVALID_PARAMETER")
    # The appended row reached the lookups: z was seen with nothing else, a with b, c.
    assert (
        api.ok("GET", f"/services/{sid}/infers/lookup?type=relatedItem&targetId=z")["values"] == []
    )
    more = {"type": "interaction", "value": [{"USER_ID": "u9", "ITEM_ID": "a", "TIMESTAMP": 1}]}
    assert api.call("POST", f"/services/{sid}/datasets/{ids[2]}", more).status_code == 200
    assert api.ok("GET", f"/services/{sid}/infers/lookup?type=relatedItem&targetId=z")[
        "values"
    ] == ["a"]
    stopped = api.ok("PUT", f"/services/{sid}/schedule?action=stop")
    assert stopped["status"] == "learnable"
    assert stopped["scheduledDate"] is None
    sb.advance(10 * 3600)
    assert len(api.ok("GET", updates_path)["updates"]) == 3
    # S10 checks the service and the dataset.
    batch = api.ok("POST", "/services", {"name": "not_interval"}, 201)["serviceId"]
    api.ok("POST", f"/services/{batch}/datasets", {"datasetIds": ids})
    flat(
        api.call("POST", f"/services/{batch}/datasets/{ids[2]}", rows), 400, "INVALID_SERVICE_TYPE"
    )
    other = api.ok("POST", "/services", {"name": "other_interval", "type": "interval"}, 201)[
        "serviceId"
    ]
    flat(
        api.call("POST", f"/services/{other}/datasets/{ids[2]}", rows), 400, "DATASET_NOT_ATTACHED"
    )
    flat(
        api.call("POST", f"/services/{sid}/datasets/{ids[2]}", {**rows, "type": "user"}),
        400,
        "INVALID_PARAMETER",
    )


def test_service_edit_list_and_errors(sb: SandboxServer, api: SignedClient) -> None:
    sid = api.ok("POST", "/services", {"name": "first_one"}, 201)["serviceId"]
    listed = api.ok("GET", "/services")["services"]
    assert listed[0]["actionName"] == "View/getServiceDetail"
    assert listed[0]["permission"] == "Allow"
    assert (
        api.ok("PUT", f"/services/{sid}", {"name": "renamed", "description": "x"})["name"]
        == "renamed"
    )
    flat(api.call("PUT", f"/services/{sid}", {"description": "x"}), 400, "INVALID_PARAMETER")
    flat(api.call("GET", "/services/nosuchthing"), 404, "NOT_FOUND")
    flat(
        api.call(
            "POST", "/services/nosuchthing", {"types": ["pop"], "hpConfig": {"is_enabled": False}}
        ),
        404,
        "NOT_FOUND",
    )
    flat(api.call("GET", "/services/nosuchthing/trains"), 404, "NOT_FOUND")
    flat(api.call("GET", "/services/nosuchthing/updates?type=pop&trainVersion=1"), 404, "NOT_FOUND")
    flat(
        api.call("GET", "/services/nosuchthing/infers/lookup?type=pop&targetId=a"), 404, "NOT_FOUND"
    )
    # A description is counted in UTF-16 code units: 50 emoji fit, 51 do not.
    assert (
        api.call("POST", "/services", {"name": "emoji_ok", "description": "😀" * 50}).status_code
        == 201
    )
    flat(
        api.call("POST", "/services", {"name": "emoji_no", "description": "😀" * 51}),
        400,
        "INVALID_PARAMETER",
    )
    for path in ("/datasets?offset=x", "/schemas?limit=-1", f"/services/{sid}/trains?limit=1.5"):
        flat(api.call("GET", path), 400, "INVALID_PARAMETER")
    assert re.fullmatch(r"[a-z0-9]{11}", sid)


def test_demo_lookups_are_sensible(demo_sandbox: SandboxServer) -> None:
    api = SignedClient(demo_sandbox)
    try:
        movie = next(s for s in demo_sandbox.services() if s["name"] == "movie_reco")
        sid = movie["serviceId"]
        base = f"/services/{sid}/infers/lookup"
        pop = api.ok("GET", f"{base}?type=pop&targetId=x")["values"]
        assert len(pop) == 100
        titles = {d["datasetId"]: d for d in demo_sandbox.datasets()}
        assert titles  # the demo datasets are enable and hold rows
        # Items of the first series part are related to its sequel.
        related = api.ok("GET", f"{base}?type=relatedItem&targetId=i001")["values"]
        assert len(related) == 20
        assert "i002" in related[:5]
        personal = api.ok("GET", f"{base}?type=personalRecommend&targetId=u0001")["values"]
        assert 0 < len(personal) <= 20
        import csv

        from aitems_desktop.sandbox.demo import demo_dir

        with (demo_dir() / "interactions.csv").open() as f:
            seen = {r["ITEM_ID"] for r in csv.DictReader(f) if r["USER_ID"] == "u0001"}
        with (demo_dir() / "items.csv").open() as f:
            genre = {r["ITEM_ID"]: r["CATEGORY"] for r in csv.DictReader(f)}
        assert not seen & set(personal)
        # Mostly the genres the user already watches.
        liked = {genre[i] for i in seen}
        assert sum(genre[i] in liked for i in personal) >= len(personal) * 0.6
        statuses = {s["name"]: s["status"] for s in demo_sandbox.services()}
        assert statuses["movie_reco"] == "learnable"
        assert statuses["news_hourly"] in ("scheduled", "scheduledLearning")
        assert statuses["new_service"] == "datasetRequired"
        assert {d["status"] for d in demo_sandbox.datasets()} == {"enable"}
        news = next(s for s in demo_sandbox.services() if s["name"] == "news_hourly")
        [train] = api.ok("GET", f"/services/{news['serviceId']}/trains?isRecent=true")["trains"][:1]
        updates = api.ok(
            "GET",
            f"/services/{news['serviceId']}/updates?type={train['type']}&trainVersion={train['version']}",
        )["updates"]
        assert len(updates) >= 15  # two days of three-hour cycles
    finally:
        api.close()
