"""Models: responses tolerant of what the service adds, requests strict about the rules."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from aitems_desktop.core.models import (
    CreateDatasetRequest,
    CreateSchemaRequest,
    CreateServiceRequest,
    Dataset,
    DatasetList,
    HpConfigRequest,
    LookupResult,
    ResultMessage,
    Schema,
    SchemaList,
    Service,
    ServiceList,
    SetDatasetsRequest,
    SetIntervalRequest,
    Training,
    TrainingList,
    TrainRequest,
    UpdateList,
    UpdateServiceRequest,
    UploadRowsRequest,
    ValidateSchemaRequest,
    parse_date,
)

FULL = {
    "serviceId": "abcdefghijk",
    "name": "shop",
    "description": "d",
    "status": "learnable",
    "type": "interval",
    "learningInterval": "hour3",
    "scheduledDate": "2024-07-29T18:00:00.000",
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
        {"dataType": "user", "trainVersion": 3, "status": "enable", "rowCount": "34"},
    ],
    "createdDate": "2024-07-29T16:17:37.235",
    "updatedDate": "2024-07-29T16:17:37.235",
    "region": "KR",
}


# --- responses ------------------------------------------------------------------------


def test_a_full_service_keeps_everything_it_was_sent() -> None:
    service = Service.from_json(FULL)
    assert service.raw is FULL
    assert service.service_id == "abcdefghijk"
    assert service.learning_interval == "hour3"
    assert service.scheduled_date == "2024-07-29T18:00:00.000"
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
    # A version sent as a number reads as text, the form the path of T2 takes.
    assert [i.train_version for i in service.infers] == ["v1", "3"]
    assert service.extra_fields() == {"region": "KR"}


def test_hpconfigs_as_the_documents_spell_it_reads_like_hpconfig() -> None:
    service = Service.from_json(
        {"serviceId": "a", "name": "abc", "hpConfigs": {"is_enabled": True, "min_item_cut": 5}}
    )
    assert service.hp_config is not None
    assert service.hp_config.options() == {"min_item_cut": 5}


def test_null_lists_and_missing_fields_are_tolerated() -> None:
    service = Service.from_json(
        {"serviceId": "a", "name": "abc", "datasets": None, "infers": None, "hpConfig": None}
    )
    assert (service.datasets, service.infers, service.hp_config) == ([], [], None)
    assert service.type is None  # documented, but may be missing
    assert ServiceList.from_json({"services": None}).services == []
    assert DatasetList.from_json({}).datasets == []
    assert TrainingList.from_json({"trains": None}).trains == []
    assert UpdateList.from_json({"updates": None}).updates == []
    assert LookupResult.from_json({"field": "ITEM_ID", "values": None}).values == []


def test_unknown_enum_values_are_kept_as_they_came() -> None:
    odd = Service.from_json({"serviceId": "a", "name": "abc", "status": "hibernating"})
    assert odd.status == "hibernating"
    training = Training.from_json({"type": "brandNew", "status": "paused", "version": 7})
    assert (training.type, training.status, training.version) == ("brandNew", "paused", "7")


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


def test_lists_dataset_schema_training_update_lookup_and_results() -> None:
    page = ServiceList.from_json(
        {
            "services": [
                {
                    "serviceId": "a",
                    "name": "abc",
                    "status": "learning",
                    "actionName": "View/getServiceDetail",
                    "permission": "Allow",
                },
            ]
        }
    )
    assert page.offset is None
    assert (page.services[0].action_name, page.services[0].permission) == (
        "View/getServiceDetail",
        "Allow",
    )
    dataset = Dataset.from_json(
        {
            "datasetId": "d",
            "type": "item",
            "status": "upload_failed",
            "osInfo": {"region": "KR", "bucket": "b", "key": "k.csv"},
            "connectedServices": [{"serviceId": "s", "name": "svc"}],
        }
    )
    assert dataset.os_info is not None
    assert dataset.os_info.key == "k.csv"
    assert dataset.connected_services[0].name == "svc"
    schema = Schema.from_json(
        {
            "datasetType": "user",
            "name": "s",
            "fields": [{"name": "USER_ID", "type": "string"}, {"name": "AGE", "type": None}],
        }
    )
    # A single type sent as a string reads as a one-item list.
    assert [f.type for f in schema.fields] == [["string"], []]
    assert SchemaList.from_json({"schemas": [{"name": "s"}]}).schemas[0].name == "s"
    training = Training.from_json(
        {"serviceId": "s", "type": "pop", "version": "1", "status": "completed", "inference": True}
    )
    assert training.inference is True
    with pytest.raises(ValidationError):
        Training.from_json({"inference": "yes"})
    updates = UpdateList.from_json(
        {"updates": [{"updateVersion": 2, "updateResult": {"inputRowsCnt": 10, "new": 1}}]}
    )
    assert updates.updates[0].update_version == "2"
    assert updates.updates[0].update_result is not None
    assert updates.updates[0].update_result.input_rows_cnt == 10
    assert LookupResult.from_json({"field": "ITEM_ID", "values": [1, "b"]}).values == ["1", "b"]
    assert ResultMessage.from_json({"result": "ok"}).result == "ok"


def test_dates() -> None:
    parsed = parse_date("2024-07-29T16:17:37.235")
    assert parsed is not None
    assert (parsed.year, parsed.microsecond) == (2024, 235000)
    assert parse_date("yesterday") is None
    assert parse_date(None) is None


# --- requests -------------------------------------------------------------------------


def _invalid(model: Any, **values: Any) -> str:
    with pytest.raises(ValidationError) as info:
        model.model_validate(values)
    return str(info.value)


def test_service_requests_follow_the_rules() -> None:
    assert CreateServiceRequest(name="shop_recs").to_json() == {
        "name": "shop_recs",
        "description": "",
        "type": "batch",
    }
    assert "service name" in _invalid(CreateServiceRequest, name="1abc")
    assert "lone surrogate" in _invalid(CreateServiceRequest, name="abc", description="\ud800")
    # 100 Korean characters fit; 51 emoji do not (UTF-16 code units, as the service counts).
    CreateServiceRequest(name="abc", description="가" * 100)
    assert "at most 100" in _invalid(CreateServiceRequest, name="abc", description="😀" * 51)
    assert "extra" in _invalid(CreateServiceRequest, name="abc", colour="red")
    assert UpdateServiceRequest(name="abc").to_json() == {"name": "abc", "description": ""}
    assert SetIntervalRequest.model_validate({"term": "hour6"}).to_json() == {"term": "hour6"}
    assert "hour" in _invalid(SetIntervalRequest, term="hour2")


def test_datasets_of_a_service_are_three_different_ids() -> None:
    assert SetDatasetsRequest.model_validate({"datasetIds": ["u", "i", "x"]}).to_json() == {
        "datasetIds": ["u", "i", "x"]
    }
    assert "three different" in _invalid(SetDatasetsRequest, datasetIds=["u", "i"])
    assert "three different" in _invalid(SetDatasetsRequest, datasetIds=["u", "u", "x"])


def test_a_training_request_is_sent_flat_with_only_applicable_options() -> None:
    request = TrainRequest.model_validate(
        {
            "types": ["personalRecommend", "relatedItem"],
            "description": "nightly",
            "hpConfig": HpConfigRequest(
                is_enabled=True,
                options={"item_top_n": 20_000, "max_user_recommend_top": 50},
            ),
        }
    )
    assert request.to_json() == {
        "types": ["personalRecommend", "relatedItem"],
        "description": "nightly",
        "hpConfig": {"is_enabled": True, "item_top_n": 20_000, "max_user_recommend_top": 50},
    }
    assert TrainRequest.model_validate({"types": ["pop"]}).to_json()["hpConfig"] == {
        "is_enabled": False
    }
    assert "at least one" in _invalid(TrainRequest, types=[])
    assert "twice" in _invalid(TrainRequest, types=["pop", "pop"])
    pop_only = {"types": ["pop"]}
    with pytest.raises(ValidationError, match="tunes personalRecommend only"):
        TrainRequest.model_validate(
            pop_only
            | {"hpConfig": HpConfigRequest(is_enabled=True, options={"max_user_recommend_top": 5})}
        )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"item_top_n": 999}, "1,000 to 500,000"),
        ({"item_top_n": 500_001}, "1,000 to 500,000"),
        ({"session_max_timestamp": 9}, "10 to 86,400"),
        ({"min_session_length": 1}, "2 to 1,000"),
        ({"brand_new": 3}, "not a documented HPO option"),
    ],
)
def test_hpo_options_are_checked_against_their_ranges(
    options: dict[str, int], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        HpConfigRequest(is_enabled=True, options=options)


def test_hpo_options_are_whole_numbers_and_only_sent_with_hpo_on() -> None:
    with pytest.raises(ValidationError):
        HpConfigRequest.model_validate({"is_enabled": True, "options": {"item_top_n": True}})
    with pytest.raises(ValidationError):
        HpConfigRequest.model_validate({"is_enabled": True, "options": {"item_top_n": "2000"}})
    with pytest.raises(ValidationError, match="only sent when HPO is on"):
        HpConfigRequest(is_enabled=False, options={"item_top_n": 2000})
    # The edges of each range are inside it.
    HpConfigRequest(is_enabled=True, options={"item_top_n": 1000, "min_item_cut": 1000})


def test_rows_for_an_interval_service() -> None:
    request = UploadRowsRequest.model_validate(
        {"type": "user", "value": [{"USER_ID": "test", "AGE": 20}]}
    )
    assert request.to_json() == {"type": "user", "value": [{"USER_ID": "test", "AGE": 20}]}
    assert "at least one row" in _invalid(UploadRowsRequest, type="user", value=[])


def _dataset(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "type": "interaction",
        "name": "clicks",
        "description": "",
        "schemaName": "clicks_schema",
        "osInfo": {"region": "KR", "bucket": "my-bucket", "key": "data/clicks.csv"},
    }
    return values | changes


def test_dataset_requests() -> None:
    assert CreateDatasetRequest.model_validate(_dataset()).to_json() == _dataset()
    assert "dataset name" in str(_invalid(CreateDatasetRequest, **_dataset(name="_x1")))
    assert "region" in _invalid(
        CreateDatasetRequest, **_dataset(osInfo={"bucket": "b1c", "key": "k", "region": "US"})
    )
    assert "description" in _invalid(
        CreateDatasetRequest, **{k: v for k, v in _dataset().items() if k != "description"}
    )


def _schema(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "datasetType": "interaction",
        "name": "clicks_schema",
        "fields": [
            {"name": "USER_ID", "type": ["string"]},
            {"name": "ITEM_ID", "type": ["string"]},
            {"name": "TIMESTAMP", "type": ["long"]},
            {"name": "EVENT_TYPE", "type": ["string", "null"], "categorical": True},
        ],
    }
    return values | changes


def test_schema_requests_need_the_required_fields_with_their_types() -> None:
    request = CreateSchemaRequest.model_validate(_schema())
    assert request.to_json()["fields"][0] == {
        "name": "USER_ID",
        "type": ["string"],
        "categorical": False,
    }
    fields = _schema()["fields"]
    assert "needs the field TIMESTAMP" in _invalid(
        CreateSchemaRequest, **_schema(fields=[f for f in fields if f["name"] != "TIMESTAMP"])
    )
    nullable_ts = [
        f | {"type": ["long", "null"]} if f["name"] == "TIMESTAMP" else f for f in fields
    ]
    assert "not null" in _invalid(CreateSchemaRequest, **_schema(fields=nullable_ts))
    assert "repeat" in _invalid(CreateSchemaRequest, **_schema(fields=[*fields, fields[0]]))
    assert "not valid" in _invalid(
        CreateSchemaRequest, **_schema(fields=[*fields, {"name": "X", "type": ["date"]}])
    )
    assert "field name" in _invalid(
        CreateSchemaRequest, **_schema(fields=[*fields, {"name": "has space", "type": ["int"]}])
    )
    assert "schema name" in _invalid(CreateSchemaRequest, **_schema(name="default"))
    check = ValidateSchemaRequest.model_validate(_schema()).to_json()
    assert check["description"] == ""
    assert all("categorical" in f for f in check["fields"])
