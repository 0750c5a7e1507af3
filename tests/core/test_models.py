"""Response models: tolerant of what the service adds, strict about what it must not change."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from aitems_desktop.core.models import (
    HP_OPTIONS,
    SERVICE_STATUS_DESCRIPTIONS,
    DeleteResult,
    Service,
    ServiceList,
    ServiceStatus,
    parse_date,
)

FULL = {
    "serviceId": "abcdefghijk",
    "name": "shop",
    "description": "d",
    "status": "learnable",
    "type": "interval",
    "datasets": [
        {
            "datasetId": "ds1",
            "type": "user",
            "name": "users",
            "schemaName": "s_user",
            "status": "learnable",
            "createdDate": "2024-07-29T16:17:37.235",
            "updatedDate": "2024-07-29T16:17:37.235",
            "rowFormat": "csv",
        },
    ],
    "hpConfig": {
        "is_enabled": True,
        "item_top_n": 20000,
        "group_column": ["a", "b"],
        "brand_new_option": 7,
    },
    "infers": [
        {
            "dataType": "item",
            "trainVersion": "v1",
            "status": "enable",
            "rowCount": 12,
            "createdDate": "2024-07-29T16:17:37.235",
            "updatedDate": "2024-07-29T16:17:37.235",
        },
        {"dataType": "user", "trainVersion": "v1", "status": "enable", "rowCount": "34"},
    ],
    "createdDate": "2024-07-29T16:17:37.235",
    "updatedDate": "2024-07-29T16:17:37.235",
    "region": "KR",
}


def test_full_service_keeps_everything() -> None:
    service = Service.from_json(FULL)
    assert service.raw is FULL
    assert service.service_id == "abcdefghijk"
    assert service.datasets[0].schema_name == "s_user"
    assert service.datasets[0].extra_fields() == {"rowFormat": "csv"}
    assert service.hp_config is not None
    assert service.hp_config.is_enabled is True
    assert service.hp_config.options() == {
        "item_top_n": 20000,
        "group_column": ["a", "b"],
        "brand_new_option": 7,
    }
    assert [i.row_count for i in service.infers] == [12, "34"]
    assert service.extra_fields() == {"region": "KR"}
    assert service.status_description == "Ready to train"


def test_fresh_service_and_unknown_enum_values() -> None:
    fresh = Service.from_json(
        {
            "serviceId": "a",
            "name": "abc",
            "status": "datasetRequired",
            "datasets": [],
            "hpConfig": {"is_enabled": False},
            "infers": [],
        }
    )
    assert fresh.status_description == "No dataset specified yet"
    odd = Service.from_json({"serviceId": "a", "name": "abc", "status": "hibernating"})
    assert odd.status == "hibernating"
    assert odd.status_description is None
    assert odd.type is None  # documented, but may be missing


def test_every_documented_status_has_a_description() -> None:
    assert set(SERVICE_STATUS_DESCRIPTIONS) == {s.value for s in ServiceStatus}
    assert all(SERVICE_STATUS_DESCRIPTIONS.values())


@pytest.mark.parametrize(
    "bad",
    [
        {"serviceId": "a", "name": "abc", "status": 3},
        {"serviceId": "a", "name": "abc", "datasets": {"datasetId": "x"}},
        {"serviceId": "a", "name": "abc", "hpConfig": {"is_enabled": "yes"}},
        {"name": "abc"},
        [],
    ],
)
def test_wrong_shapes_are_rejected(bad: object) -> None:
    with pytest.raises(ValidationError):
        Service.from_json(bad)


def test_service_list_and_delete_result() -> None:
    page = ServiceList.from_json(
        {
            "services": [
                {
                    "serviceId": "a",
                    "name": "abc",
                    "status": "learning",
                    "actionName": "x",
                    "permission": "owner",
                },
            ]
        }
    )
    assert page.offset is None
    assert page.services[0].action_name == "x"
    assert DeleteResult.from_json({"result": "ok"}).result == "ok"


def test_dates_and_hp_options() -> None:
    parsed = parse_date("2024-07-29T16:17:37.235")
    assert parsed is not None
    assert (parsed.year, parsed.microsecond) == (2024, 235000)
    assert parse_date("yesterday") is None
    assert HP_OPTIONS["session_max_timestamp"].default == 1800
    assert len(HP_OPTIONS) == 6
