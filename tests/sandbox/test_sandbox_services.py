"""The service endpoints: documented bodies, the service's checks and its flat errors."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from sandbox_support import AK, SIG, TS, ncp_signature

from aitems_desktop.core.models import CreateServiceRequest, Service, ServiceList
from aitems_desktop.sandbox import SandboxServer
from aitems_desktop.sandbox.api import ApiRequest, SandboxApi
from aitems_desktop.sandbox.objectstore import ObjectStore
from aitems_desktop.sandbox.simclock import SimClock
from aitems_desktop.sandbox.store import Store

_OBJECTS = ObjectStore()

SERVICE_ID = re.compile(r"[a-z0-9]{11}")
DATE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}")
FLAT_KEYS = {"timestamp", "path", "status", "error", "requestId", "errorCode", "message"}


def assert_flat_error(response: requests.Response, status: int, error: str, path: str) -> Any:
    assert response.status_code == status
    body = response.json()
    assert set(body) == FLAT_KEYS
    assert body["status"] == status
    assert body["error"] == error
    assert body["path"] == path
    assert re.fullmatch(r"[0-9a-f]{8}", body["requestId"])
    assert DATE.fullmatch(body["timestamp"])
    return body


def test_create_returns_201_and_the_documented_new_service(client: Any) -> None:
    response = client.call("POST", "/services", {"name": "Version3", "description": "first"})
    assert response.status_code == 201
    body = response.json()
    assert SERVICE_ID.fullmatch(body.pop("serviceId"))
    assert DATE.fullmatch(body.pop("createdDate"))
    assert DATE.fullmatch(body.pop("updatedDate"))
    assert body == {
        "name": "Version3",
        "description": "first",
        "type": "batch",
        "status": "datasetRequired",
        "datasets": [],
        "hpConfig": {"is_enabled": False},
        "infers": [],
    }
    assert Service.model_validate(response.json()).status == "datasetRequired"


def test_create_an_interval_service(client: Any) -> None:
    response = client.call("POST", "/services", {"name": "_hourly", "type": "interval"})
    assert response.status_code == 201
    assert response.json()["type"] == "interval"


@pytest.mark.parametrize(
    "name", ["ab", "1abc", "-abc", "a" * 21, "abc def", "ab.c", "abcé", "ａbc", "", None, 123]
)
def test_an_invalid_name_is_a_flat_400(client: Any, sandbox: SandboxServer, name: Any) -> None:
    response = client.call("POST", "/services", {"name": name})
    body = assert_flat_error(response, 400, "INVALID_PARAMETER", "/api/services")
    assert body["errorCode"] == "BAD_REQUEST"
    assert "[name]" in body["message"]
    assert sandbox.services() == []


def test_a_missing_name_is_a_flat_400(client: Any) -> None:
    assert_flat_error(
        client.call("POST", "/services", {"description": "x"}),
        400,
        "INVALID_PARAMETER",
        "/api/services",
    )


@pytest.mark.parametrize(
    "body", [{"name": "abc", "description": "d" * 101}, {"name": "abc", "type": "daily"}]
)
def test_an_invalid_description_or_type_is_a_flat_400(client: Any, body: Any) -> None:
    assert_flat_error(
        client.call("POST", "/services", body), 400, "INVALID_PARAMETER", "/api/services"
    )


def test_a_description_of_100_characters_is_accepted(client: Any) -> None:
    assert (
        client.call("POST", "/services", {"name": "abc", "description": "é" * 100}).status_code
        == 201
    )


def test_a_duplicate_name_is_400_duplicate_name(client: Any, sandbox: SandboxServer) -> None:
    assert client.call("POST", "/services", {"name": "Version3"}).status_code == 201
    body = assert_flat_error(
        client.call("POST", "/services", {"name": "Version3"}),
        400,
        "DUPLICATE_NAME",
        "/api/services",
    )
    assert body["errorCode"] == "BAD_REQUEST"
    assert body["message"] == "[Version3] is a duplicate name."
    assert len(sandbox.services()) == 1


@pytest.mark.parametrize("raw", [b"{", b'{"name": "abc",}', b"\xff\xfe", b"[]", b'"abc"', b""])
def test_a_malformed_body_is_a_flat_400(client: Any, raw: bytes) -> None:
    assert_flat_error(
        client.call("POST", "/services", raw=raw), 400, "INVALID_REQUEST_BODY", "/api/services"
    )


def test_a_body_that_is_not_declared_json_is_a_flat_400(client: Any) -> None:
    response = client.call(
        "POST", "/services", {"name": "abc"}, headers={"Content-Type": "text/plain"}
    )
    assert_flat_error(response, 400, "UNSUPPORTED_MEDIA_TYPE", "/api/services")
    response = client.call(
        "POST",
        "/services",
        {"name": "abc"},
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    assert response.status_code == 201


def test_get_edit_delete(client: Any, sandbox: SandboxServer) -> None:
    created = client.call("POST", "/services", {"name": "first", "description": "a"}).json()
    sid = created["serviceId"]
    assert client.call("GET", f"/services/{sid}").json() == created

    edited = client.call("PUT", f"/services/{sid}", {"name": "second", "description": "b"})
    assert edited.status_code == 200
    assert edited.json()["name"] == "second"
    assert edited.json()["description"] == "b"
    assert edited.json()["createdDate"] == created["createdDate"]
    assert sandbox.services()[0]["name"] == "second"

    deleted = client.call("DELETE", f"/services/{sid}")
    assert deleted.status_code == 200
    assert deleted.json() == {"result": "ok"}
    assert sandbox.services() == []


def test_edit_checks_the_name_and_duplicates(client: Any) -> None:
    a = client.call("POST", "/services", {"name": "aaa"}).json()["serviceId"]
    client.call("POST", "/services", {"name": "bbb"})
    path = f"/api/services/{a}"
    assert_flat_error(
        client.call("PUT", f"/services/{a}", {"name": "bbb"}), 400, "DUPLICATE_NAME", path
    )
    assert_flat_error(
        client.call("PUT", f"/services/{a}", {"name": "9"}), 400, "INVALID_PARAMETER", path
    )
    # Keeping its own name is not a duplicate.
    assert (
        client.call("PUT", f"/services/{a}", {"name": "aaa", "description": "x"}).status_code == 200
    )


@pytest.mark.parametrize(
    ("method", "body"), [("GET", None), ("PUT", {"name": "abc"}), ("DELETE", None)]
)
def test_an_unknown_id_is_a_flat_404(client: Any, method: str, body: Any) -> None:
    response = client.call(method, "/services/zzzzzzzzzzz", body)
    assert_flat_error(response, 404, "NOT_FOUND", "/api/services/zzzzzzzzzzz")


def test_list_honours_offset_and_limit(client: Any) -> None:
    names = [f"svc{i:02d}" for i in range(7)]
    for name in names:
        client.call("POST", "/services", {"name": name})
    listed = client.call("GET", "/services").json()
    assert [s["name"] for s in listed["services"]] == names
    assert set(listed["services"][0]) == {
        "serviceId",
        "name",
        "status",
        "createdDate",
        "updatedDate",
        "actionName",
        "permission",
    }
    ServiceList.model_validate(listed)
    page = client.call("GET", "/services?offset=2&limit=3").json()
    assert [s["name"] for s in page["services"]] == names[2:5]
    assert client.call("GET", "/services?offset=7").json() == {"services": []}
    assert client.call("GET", "/services?limit=0").json() == {"services": []}


@pytest.mark.parametrize("query", ["offset=-1", "limit=x", "offset=1.5", "limit="])
def test_bad_paging_is_a_flat_400(client: Any, query: str) -> None:
    assert_flat_error(
        client.call("GET", f"/services?{query}"), 400, "INVALID_PARAMETER", "/api/services"
    )


def test_attach_datasets(client: Any, sandbox: SandboxServer) -> None:
    sid = client.call("POST", "/services", {"name": "abc"}).json()["serviceId"]
    ids = [sandbox.add_dataset(t, f"{t}_set")["datasetId"] for t in ("user", "item", "interaction")]
    wrong = client.call(
        "POST", f"/services/{sid}/datasets", {"datasetIds": [ids[0], ids[0], ids[1]]}
    )
    assert_flat_error(wrong, 400, "INVALID_PARAMETER", f"/api/services/{sid}/datasets")
    response = client.call("POST", f"/services/{sid}/datasets", {"datasetIds": ids})
    assert response.status_code == 200
    service = Service.model_validate(response.json())
    assert service.status == "learnable"
    assert [d.type for d in service.datasets] == ["user", "item", "interaction"]
    unknown = client.call("POST", f"/services/{sid}/datasets", {"datasetIds": ["x", "y", "z"]})
    assert unknown.status_code == 404


def test_add_service_is_returned_as_stored(client: Any, sandbox: SandboxServer) -> None:
    added = sandbox.add_service(
        "trained", "learning", hp_config={"is_enabled": True, "item_top_n": 1000}, type=None
    )
    fetched = client.call("GET", f"/services/{added['serviceId']}").json()
    assert fetched == added
    assert "type" not in fetched


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=24) | st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,22}", fullmatch=True))
def test_the_sandbox_and_the_request_model_agree_on_names(name: str) -> None:
    """Whatever the client's model accepts the sandbox accepts, and nothing else."""
    # The API without sockets, on a fixed clock, so hundreds of examples stay fast.
    api = SandboxApi(Store(SimClock(), _OBJECTS), "key", "secret", clock=lambda: 1_700_000_000.0)
    headers = {
        TS: "1700000000000",
        AK: "key",
        SIG: ncp_signature("POST", "/api/v1/services", "1700000000000", "key", "secret"),
        "content-type": "application/json",
    }
    body = json.dumps({"name": name}).encode()
    response = api.handle(ApiRequest("POST", "/api/v1/services", headers, body))
    try:
        CreateServiceRequest(name=name)
        model_ok = True
    except ValidationError:
        model_ok = False
    assert response.status == (201 if model_ok else 400)
