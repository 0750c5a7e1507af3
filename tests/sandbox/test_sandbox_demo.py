"""Demo data fills every part of the app's tree and parses with the app's models."""

from __future__ import annotations

from typing import Any

from aitems_desktop.core.models import Service, ServiceList
from aitems_desktop.core.rules import HP_OPTIONS, DatasetStatus, ServiceStatus
from aitems_desktop.sandbox import SandboxServer


def test_demo_services_cover_the_tree(demo_sandbox: SandboxServer, make_client: Any) -> None:
    client = make_client(demo_sandbox)
    raw = demo_sandbox.services()
    services = [Service.model_validate(s) for s in raw]
    statuses = {s.status for s in services}
    assert {"datasetRequired", "learnable", "learning", "scheduled"} <= statuses
    assert statuses - set(ServiceStatus), "one status the app does not know"
    assert {s.type for s in services} >= {"batch", "interval", None}
    assert any(
        set(HP_OPTIONS) | {"group_column"} < set(s.hp_config.options())
        for s in services
        if s.hp_config is not None and s.hp_config.is_enabled
    )
    full = [s for s in services if len(s.datasets) == 3]
    assert len(full) >= 3
    assert all({d.type for d in s.datasets} == {"user", "item", "interaction"} for s in full)
    assert {d.status for s in services for d in s.datasets} - set(DatasetStatus)
    row_counts = [i.row_count for s in services for i in s.infers]
    assert any(isinstance(r, int) for r in row_counts)
    assert any(isinstance(r, str) for r in row_counts)
    assert any(s.extra_fields() for s in services), "a field the model does not know"

    listed = client.call("GET", "/services").json()
    assert len(ServiceList.model_validate(listed).services) == len(raw)


def test_demo_datasets_can_be_attached_to_the_new_service(
    demo_sandbox: SandboxServer, make_client: Any
) -> None:
    client = make_client(demo_sandbox)
    new = next(s for s in demo_sandbox.services() if s["status"] == "datasetRequired")
    # A dataset may serve several services: the demo's three are attached to others already.
    ids = [d["datasetId"] for d in demo_sandbox.datasets() if d["name"].startswith("demo_")]
    assert len(ids) == 3
    response = client.call("POST", f"/services/{new['serviceId']}/datasets", {"datasetIds": ids})
    assert response.status_code == 200
    assert response.json()["status"] == "learnable"
