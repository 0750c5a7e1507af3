"""Datasets and schemas: requests and responses."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any, Self

from pydantic import (
    BeforeValidator,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    field_validator,
    model_validator,
)

from aitems_desktop.core.models.base import (
    DatasetName,
    Description,
    RequestModel,
    ResponseModel,
    SchemaName,
    TolerantList,
)
from aitems_desktop.core.rules import (
    DATASET_REGIONS,
    MAX_FIELDS,
    REQUIRED_FIELDS,
    DatasetType,
    field_type_problems,
    is_valid_field_name,
    reserved_type_problem,
)

# --- Object Storage location -------------------------------------------------------------


class OsInfoRequest(RequestModel):
    """Where a dataset's file lives: ``{"region": "KR", "bucket": ..., "key": ...}``."""

    region: StrictStr = "KR"
    bucket: StrictStr = Field(min_length=3, max_length=63)
    key: StrictStr = Field(min_length=1, max_length=1024)

    @field_validator("region")
    @classmethod
    def _known_region(cls, value: str) -> str:
        if value not in DATASET_REGIONS:
            raise ValueError(f"the region must be one of {', '.join(DATASET_REGIONS)}")
        return value


class OsInfo(ResponseModel):
    region: str | None = None
    bucket: str | None = None
    key: str | None = None


# --- dataset requests --------------------------------------------------------------------


class CreateDatasetRequest(RequestModel):
    """D1 ``POST /datasets``. Every field is required here, ``description`` included."""

    type: DatasetType = Field()
    name: DatasetName
    description: Description
    schema_name: SchemaName = Field(alias="schemaName")
    os_info: OsInfoRequest = Field(alias="osInfo")


class UpdateDatasetRequest(RequestModel):
    """D4 ``POST /datasets/{datasetId}``: as D1, with the description optional."""

    type: DatasetType = Field()
    name: DatasetName
    description: Description | None = None
    schema_name: SchemaName = Field(alias="schemaName")
    os_info: OsInfoRequest = Field(alias="osInfo")


class DescriptionRequest(RequestModel):
    """D5 and C6: ``{"content": "<description>"}``."""

    content: Description


# --- dataset responses -------------------------------------------------------------------


class ConnectedService(ResponseModel):
    service_id: str | None = Field(default=None, alias="serviceId")
    name: str | None = None


class Dataset(ResponseModel):
    """A dataset (D1, D3, D4, D5 answers)."""

    dataset_id: str = Field(alias="datasetId")
    type: str | None = None
    name: str | None = None
    description: str | None = None
    schema_name: str | None = Field(default=None, alias="schemaName")
    status: str | None = None
    os_info: OsInfo | None = Field(default=None, alias="osInfo")
    connected_services: Annotated[list[ConnectedService], TolerantList] = Field(
        default_factory=list, alias="connectedServices"
    )
    created_date: str | None = Field(default=None, alias="createdDate")
    updated_date: str | None = Field(default=None, alias="updatedDate")


class DatasetSummary(ResponseModel):
    """One entry of ``GET /datasets``."""

    dataset_id: str = Field(alias="datasetId")
    type: str | None = None
    name: str | None = None
    status: str | None = None
    created_date: str | None = Field(default=None, alias="createdDate")
    updated_date: str | None = Field(default=None, alias="updatedDate")
    action_name: str | None = Field(default=None, alias="actionName")
    permission: str | None = None


class DatasetList(ResponseModel):
    datasets: Annotated[list[DatasetSummary], TolerantList] = Field(default_factory=list)
    offset: int | None = None
    limit: int | None = None


# --- schemas -----------------------------------------------------------------------------


class SchemaFieldRequest(RequestModel):
    """One field of a schema: the file's column name, its types, and whether it is categorical."""

    name: StrictStr
    type: tuple[StrictStr, ...] = Field()
    categorical: StrictBool = False

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not is_valid_field_name(value):
            raise ValueError(
                "a field name starts with a letter or '_' and holds letters, digits and '_' "
                "(at most 64)"
            )
        return value

    @field_validator("type")
    @classmethod
    def _types(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        problems = field_type_problems(value)
        if problems:
            raise ValueError(f"the field's types are not valid ({', '.join(problems)})")
        return value


def _check_fields(dataset_type: str, fields: tuple[SchemaFieldRequest, ...]) -> None:
    names = [f.name for f in fields]
    repeated = sorted(n for n, count in Counter(names).items() if count > 1)
    if repeated:
        raise ValueError(f"field names repeat: {', '.join(repeated)}")
    by_name = {f.name: f for f in fields}
    for required in REQUIRED_FIELDS[dataset_type]:
        field = by_name.get(required.name)
        if field is None:
            raise ValueError(f"a {dataset_type} schema needs the field {required.name}")
        if tuple(field.type) != required.types:
            wanted = ", ".join(required.types)
            raise ValueError(f"{required.name} is required with the type {wanted}, not null")
    for field in fields:
        wanted_type = reserved_type_problem(dataset_type, field.name, tuple(field.type))
        if wanted_type is not None:
            raise ValueError(
                f"{field.name} is a reserved keyword of {dataset_type} schemas: its types must "
                f"include {wanted_type}"
            )


class CreateSchemaRequest(RequestModel):
    """C1 ``POST /schemas``: a schema of one dataset type."""

    dataset_type: DatasetType = Field(alias="datasetType")
    name: SchemaName
    fields: tuple[SchemaFieldRequest, ...] = Field(min_length=1, max_length=MAX_FIELDS)
    description: Description = ""

    @model_validator(mode="after")
    def _required_fields(self) -> Self:
        _check_fields(self.dataset_type, self.fields)
        return self


class ValidateSchemaRequest(CreateSchemaRequest):
    """C5 ``POST /schemas/validation-check``: as C1 (its page marks ``description`` required)."""

    def to_json(self) -> Any:
        data = super().to_json()
        # The older page marks ``categorical`` required too: send it on every field.
        data["fields"] = [
            {"name": f.name, "type": list(f.type), "categorical": f.categorical}
            for f in self.fields
        ]
        data["description"] = self.description
        return data


class SchemaListQuery(RequestModel):
    """C2's query: an optional dataset type, and the page."""

    dataset_type: DatasetType | None = Field(default=None, alias="datasetType")
    offset: StrictInt = Field(default=0, ge=0)
    limit: StrictInt = Field(default=1000, ge=1, le=1000)


class DefaultSchemaQuery(RequestModel):
    """C4's query: the dataset type whose default schema to read."""

    dataset_type: DatasetType = Field(alias="datasetType")


def _types_as_list(value: Any) -> Any:
    if isinstance(value, str):
        return [value]
    return [] if value is None else value


class SchemaField(ResponseModel):
    name: str
    type: Annotated[list[str], BeforeValidator(_types_as_list)] = Field(default_factory=list)
    categorical: StrictBool | None = None


class Schema(ResponseModel):
    """A schema (C1, C3, C4, C6 answers)."""

    dataset_type: str | None = Field(default=None, alias="datasetType")
    name: str | None = None
    fields: Annotated[list[SchemaField], TolerantList] = Field(default_factory=list)
    description: str | None = None
    created_date: str | None = Field(default=None, alias="createdDate")


class SchemaSummary(ResponseModel):
    dataset_type: str | None = Field(default=None, alias="datasetType")
    name: str
    created_date: str | None = Field(default=None, alias="createdDate")
    action_name: str | None = Field(default=None, alias="actionName")
    permission: str | None = None


class SchemaList(ResponseModel):
    schemas: Annotated[list[SchemaSummary], TolerantList] = Field(default_factory=list)
    offset: int | None = None
    limit: int | None = None


class ValidationResult(ResponseModel):
    """C5's answer. Only its field-level part is documented; the rest is kept as it came."""

    fields: Annotated[list[SchemaField], TolerantList] = Field(default_factory=list)
