"""Services, their trainings, updates and lookups: requests and responses."""

from __future__ import annotations

from typing import Annotated, Any, Self

from pydantic import (
    AliasChoices,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    field_validator,
    model_serializer,
    model_validator,
)

from aitems_desktop.core.models.base import (
    Description,
    RequestModel,
    ResponseModel,
    ServiceName,
    TextLike,
    TolerantList,
)
from aitems_desktop.core.rules import (
    DEFAULT_SERVICE_TYPE,
    HP_ENABLED_KEY,
    HP_OPTIONS,
    DatasetType,
    IntervalTerm,
    ScheduleAction,
    ServiceType,
    TrainingType,
    hp_value_problem,
)

# --- requests --------------------------------------------------------------------------


class CreateServiceRequest(RequestModel):
    """S1 ``POST /services``."""

    name: ServiceName
    description: Description = ""
    # Not strict: the enum is given as its string value ("batch"), as in JSON.
    type: ServiceType = Field(default=DEFAULT_SERVICE_TYPE)


class UpdateServiceRequest(RequestModel):
    """S4 ``PUT /services/{serviceId}``: a new name and description.

    The documents type ``name`` as an array in every language; a string is what works.
    """

    name: ServiceName
    description: Description = ""


class SetDatasetsRequest(RequestModel):
    """S6 ``POST /services/{serviceId}/datasets``: one dataset id of each type.

    The ids are checked for count and repetition here; that they are one of each type needs
    the datasets themselves, which :mod:`aitems_desktop.core.usecases` looks up.
    """

    dataset_ids: tuple[StrictStr, ...] = Field(alias="datasetIds")

    @field_validator("dataset_ids")
    @classmethod
    def _three_distinct(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(value) != len(DatasetType) or len(set(value)) != len(value):
            raise ValueError(
                "give three different dataset ids: one user, one item, one interaction"
            )
        if any(not v for v in value):
            raise ValueError("a dataset id is empty")
        return value


class SetIntervalRequest(RequestModel):
    """S7 ``PUT /services/{serviceId}/interval``: the update cycle of an interval service."""

    term: IntervalTerm = Field()


class HpConfigRequest(RequestModel):
    """``hpConfig`` of a training request: HPO on or off, and the options when on.

    Sent flat, as the API takes it: ``{"is_enabled": true, "item_top_n": 20000, ...}``.
    """

    is_enabled: StrictBool = False
    options: dict[str, StrictInt] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _options_in_range(self) -> Self:
        if self.options and not self.is_enabled:
            raise ValueError("HPO options are only sent when HPO is on")
        for key, value in self.options.items():
            problem = hp_value_problem(key, value)
            if problem == "unknown_option":
                raise ValueError(f"{key} is not a documented HPO option")
            if problem is not None:
                option = HP_OPTIONS[key]
                raise ValueError(
                    f"{key} must be a whole number from {option.minimum:,} to {option.maximum:,}"
                )
        return self

    @model_serializer(mode="plain")
    def _flat(self) -> dict[str, Any]:
        return {HP_ENABLED_KEY: self.is_enabled, **self.options}


def _check_types_for_options(types: tuple[TrainingType, ...], hp: HpConfigRequest) -> None:
    for key in hp.options:
        option = HP_OPTIONS[key]
        if not set(types).intersection(option.applies_to):
            applies = ", ".join(option.applies_to)
            raise ValueError(f"{key} tunes {applies} only, and none of them is being trained")


def _check_types(value: tuple[TrainingType, ...]) -> tuple[TrainingType, ...]:
    if not value:
        raise ValueError("choose at least one training type")
    if len(set(value)) != len(value):
        raise ValueError("a training type is listed twice")
    return value


TrainingTypes = Annotated[tuple[TrainingType, ...], Field()]


class TrainRequest(RequestModel):
    """S8 ``POST /services/{serviceId}``: train a batch service once."""

    types: TrainingTypes
    description: Description = ""
    hp_config: HpConfigRequest = Field(default_factory=HpConfigRequest, alias="hpConfig")

    @field_validator("types")
    @classmethod
    def _types(cls, value: tuple[TrainingType, ...]) -> tuple[TrainingType, ...]:
        return _check_types(value)

    @model_validator(mode="after")
    def _options_fit_types(self) -> Self:
        _check_types_for_options(self.types, self.hp_config)
        return self


class ScheduleRequest(RequestModel):
    """S9 ``PUT /services/{serviceId}/schedule?action=``: periodic training (interval services)."""

    train_types: TrainingTypes = Field(alias="trainTypes")
    description: Description = ""
    hp_config: HpConfigRequest = Field(default_factory=HpConfigRequest, alias="hpConfig")

    @field_validator("train_types")
    @classmethod
    def _types(cls, value: tuple[TrainingType, ...]) -> tuple[TrainingType, ...]:
        return _check_types(value)

    @model_validator(mode="after")
    def _options_fit_types(self) -> Self:
        _check_types_for_options(self.train_types, self.hp_config)
        return self


class ScheduleQuery(RequestModel):
    """S9's query: ``action=start|stop`` (a query parameter, not a body field)."""

    action: ScheduleAction = Field()


JsonScalar = str | int | float | bool | None


class UploadRowsRequest(RequestModel):
    """S10 ``POST /services/{serviceId}/datasets/{datasetId}``: rows for an interval service."""

    type: DatasetType = Field()
    value: tuple[dict[str, JsonScalar], ...] = Field()

    @field_validator("value")
    @classmethod
    def _some_rows(cls, value: tuple[dict[str, JsonScalar], ...]) -> tuple[dict[str, Any], ...]:
        if not value:
            raise ValueError("give at least one row")
        return value


class TrainsQuery(RequestModel):
    """T1's query: ``isRecent`` keeps the latest request of each type."""

    is_recent: StrictBool | None = Field(default=None, alias="isRecent")


class UpdatesQuery(RequestModel):
    """U1's query: the training type and version whose updates to list."""

    type: TrainingType = Field()
    train_version: StrictStr = Field(alias="trainVersion", min_length=1)


class LookupQuery(RequestModel):
    """I1's query: a training type and the id to look results up for."""

    type: TrainingType = Field()
    target_id: StrictStr = Field(alias="targetId", min_length=1)


# --- responses -------------------------------------------------------------------------


class ServiceDataset(ResponseModel):
    """A dataset as embedded in a service (its status reads ``learnable`` there)."""

    dataset_id: str = Field(alias="datasetId")
    type: str | None = None
    name: str | None = None
    schema_name: str | None = Field(default=None, alias="schemaName")
    status: str | None = None
    created_date: str | None = Field(default=None, alias="createdDate")
    updated_date: str | None = Field(default=None, alias="updatedDate")


class HpConfig(ResponseModel):
    """``is_enabled`` plus any number of options, all kept in ``model_extra`` in order."""

    is_enabled: StrictBool | None = None

    def options(self) -> dict[str, Any]:
        """Every option besides ``is_enabled``, known or not, in the order received."""
        return self.extra_fields()


class Infer(ResponseModel):
    """A training result of a service (``infers[]``)."""

    data_type: str | None = Field(default=None, alias="dataType")
    train_version: Annotated[str | None, TextLike] = Field(default=None, alias="trainVersion")
    status: str | None = None
    # Documented as a string, seen as a number.
    row_count: int | str | None = Field(default=None, alias="rowCount")
    created_date: str | None = Field(default=None, alias="createdDate")
    updated_date: str | None = Field(default=None, alias="updatedDate")


class Service(ResponseModel):
    """A service as returned by create, get, edit, set-datasets, interval, train and schedule."""

    service_id: str = Field(alias="serviceId")
    name: str
    description: str | None = None
    status: str | None = None
    # Documented, but may be missing in real responses.
    type: str | None = None
    datasets: Annotated[list[ServiceDataset], TolerantList] = Field(default_factory=list)
    # S6 and S7 document ``hpConfigs``; real answers say ``hpConfig``.
    hp_config: HpConfig | None = Field(
        default=None, validation_alias=AliasChoices("hpConfig", "hpConfigs")
    )
    # Documented for interval services only; seen on batch ones too.
    infers: Annotated[list[Infer], TolerantList] = Field(default_factory=list)
    learning_interval: str | None = Field(default=None, alias="learningInterval")
    scheduled_date: str | None = Field(default=None, alias="scheduledDate")
    created_date: str | None = Field(default=None, alias="createdDate")
    updated_date: str | None = Field(default=None, alias="updatedDate")


class ServiceSummary(ResponseModel):
    """One entry of ``GET /services``."""

    service_id: str = Field(alias="serviceId")
    name: str
    status: str | None = None
    type: str | None = None
    created_date: str | None = Field(default=None, alias="createdDate")
    updated_date: str | None = Field(default=None, alias="updatedDate")
    action_name: str | None = Field(default=None, alias="actionName")
    permission: str | None = None


class ServiceList(ResponseModel):
    """S2: one page of services (``offset``/``limit`` may be absent, as seen in 2022)."""

    services: Annotated[list[ServiceSummary], TolerantList] = Field(default_factory=list)
    offset: int | None = None
    limit: int | None = None


class Training(ResponseModel):
    """A training (T1 entry, T2 answer)."""

    service_id: str | None = Field(default=None, alias="serviceId")
    type: str | None = None
    hp_config: HpConfig | None = Field(
        default=None, validation_alias=AliasChoices("hpConfig", "hpConfigs")
    )
    version: Annotated[str | None, TextLike] = None
    description: str | None = None
    status: str | None = None
    created_date: str | None = Field(default=None, alias="createdDate")
    #: 추론 결과 여부: True when the training has results to look up.
    inference: StrictBool | None = None


class TrainingList(ResponseModel):
    """T1: the trainings of a service."""

    trains: Annotated[list[Training], TolerantList] = Field(default_factory=list)
    offset: int | None = None
    limit: int | None = None


class UpdateResult(ResponseModel):
    """What one update cycle of an interval service did (the documented part of it)."""

    input_users_cnt: int | None = Field(default=None, alias="inputUsersCnt")
    input_items_cnt: int | None = Field(default=None, alias="inputItemsCnt")
    input_rows_cnt: int | None = Field(default=None, alias="inputRowsCnt")
    updated_items_cnt: int | None = Field(default=None, alias="updatedItemsCnt")


class Update(ResponseModel):
    """U1 entry: one update cycle of an interval service."""

    update_version: Annotated[str | None, TextLike] = Field(default=None, alias="updateVersion")
    status: str | None = None
    type: str | None = None
    created_date: str | None = Field(default=None, alias="createdDate")
    finished_date: str | None = Field(default=None, alias="finishedDate")
    update_result: UpdateResult | None = Field(default=None, alias="updateResult")


class UpdateList(ResponseModel):
    """U1: the updates of an interval service for one training type and version."""

    updates: Annotated[list[Update], TolerantList] = Field(default_factory=list)


class LookupResult(ResponseModel):
    """I1: ``{"field": "ITEM_ID", "values": [...]}``, the ranked results of a lookup."""

    field: str | None = None
    values: Annotated[list[Annotated[str, TextLike]], TolerantList] = Field(default_factory=list)
