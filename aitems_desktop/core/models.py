"""Pydantic models of what AiTEMS takes and returns.

Requests are strict: they enforce the documented rules from :mod:`aitems_desktop.core.rules`.
Responses are tolerant: unknown fields are kept (``extra="allow"``) and enum-like fields are
plain strings, so a value the service adds tomorrow is shown, never dropped or fatal. The
``*_description`` helpers turn known values into words for people.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Final, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, StrictBool

from aitems_desktop.core.rules import (
    DEFAULT_SERVICE_TYPE,
    DESCRIPTION_MAX_LENGTH,
    ServiceType,
    description_problems,
    service_name_problems,
)

# --- enums (known values; fields stay ``str`` so unknown ones survive) -------------------


class ServiceStatus(StrEnum):
    SCHEDULED = "scheduled"
    SCHEDULED_LEARNING = "scheduledLearning"
    LEARNABLE = "learnable"
    LEARNING = "learning"
    DELETING = "deleting"
    DELETED = "deleted"
    DISABLE = "disable"
    DRAFTED = "drafted"
    REQUEST_LEARNING = "requestLearning"
    DATASET_REQUIRED = "datasetRequired"


class DatasetType(StrEnum):
    USER = "user"
    ITEM = "item"
    INTERACTION = "interaction"


class DatasetStatus(StrEnum):
    LEARNABLE = "learnable"
    DISABLE = "disable"
    UPLOADING = "uploading"
    UPDATE_REQUIRED = "updateRequired"


class InferStatus(StrEnum):
    ENABLE = "enable"
    WAITING = "waiting"
    PENDING = "pending"
    PROCESSING = "processing"
    UPDATE_FAILED = "updateFailed"
    DISABLE = "disable"


class TrainingType(StrEnum):
    PERSONAL_RECOMMEND = "personalRecommend"
    RELATED_ITEM = "relatedItem"
    POP = "pop"


class IntervalTerm(StrEnum):
    HOUR1 = "hour1"
    HOUR3 = "hour3"
    HOUR6 = "hour6"
    HOUR12 = "hour12"


SERVICE_STATUS_DESCRIPTIONS: Final[dict[str, str]] = {
    ServiceStatus.SCHEDULED: "Training is scheduled",
    ServiceStatus.SCHEDULED_LEARNING: "Scheduled training is running",
    ServiceStatus.LEARNABLE: "Ready to train",
    ServiceStatus.LEARNING: "Training",
    ServiceStatus.DELETING: "Being deleted",
    ServiceStatus.DELETED: "Deleted",
    ServiceStatus.DISABLE: "Disabled",
    ServiceStatus.DRAFTED: "Draft",
    ServiceStatus.REQUEST_LEARNING: "Training requested",
    ServiceStatus.DATASET_REQUIRED: "No dataset specified yet",
}

DATASET_STATUS_DESCRIPTIONS: Final[dict[str, str]] = {
    DatasetStatus.LEARNABLE: "Ready for training",
    DatasetStatus.DISABLE: "Disabled",
    DatasetStatus.UPLOADING: "Uploading",
    DatasetStatus.UPDATE_REQUIRED: "Needs an update",
}

INFER_STATUS_DESCRIPTIONS: Final[dict[str, str]] = {
    InferStatus.ENABLE: "Results available",
    InferStatus.WAITING: "Waiting",
    InferStatus.PENDING: "Pending",
    InferStatus.PROCESSING: "Processing",
    InferStatus.UPDATE_FAILED: "Update failed",
    InferStatus.DISABLE: "Disabled",
}

DATA_TYPE_DESCRIPTIONS: Final[dict[str, str]] = {
    DatasetType.USER: "User",
    DatasetType.ITEM: "Item",
    DatasetType.INTERACTION: "Interaction",
}


class HpOption(BaseModel):
    """A documented hyper-parameter option: its label, unit and range."""

    model_config = ConfigDict(frozen=True)

    key: str
    label: str
    minimum: int
    maximum: int
    default: int
    unit: str = ""


HP_OPTIONS: Final[dict[str, HpOption]] = {
    o.key: o
    for o in (
        HpOption(
            key="session_max_timestamp",
            label="Session length limit",
            minimum=10,
            maximum=86_400,
            default=1_800,
            unit="seconds",
        ),
        HpOption(
            key="item_top_n",
            label="Items considered (top N)",
            minimum=1_000,
            maximum=500_000,
            default=20_000,
        ),
        HpOption(
            key="min_item_cut",
            label="Minimum interactions per item",
            minimum=1,
            maximum=1_000,
            default=5,
        ),
        HpOption(
            key="min_session_length",
            label="Minimum session length",
            minimum=2,
            maximum=1_000,
            default=2,
        ),
        HpOption(
            key="max_user_recommend_top",
            label="Recommendations per user",
            minimum=1,
            maximum=1_000,
            default=100,
        ),
        HpOption(
            key="max_relate_recommend_top",
            label="Related items per item",
            minimum=1,
            maximum=1_000,
            default=100,
        ),
    )
}

HP_EXTRA_LABELS: Final[dict[str, str]] = {
    "is_enabled": "Hyper-parameter optimisation",
    "group_column": "Group columns",
}

DATE_FORMAT: Final = "%Y-%m-%dT%H:%M:%S.%f"


def describe(value: str | None, descriptions: dict[str, str]) -> str | None:
    """Return the human description of a known enum value, or None for an unknown one."""
    if value is None:
        return None
    return descriptions.get(value)


def parse_date(value: str | None) -> datetime | None:
    """Parse an AiTEMS date (``2024-07-29T16:17:37.235``, no zone) or return None."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


# --- requests --------------------------------------------------------------------------


def _check_service_name(value: str) -> str:
    problems = service_name_problems(value)
    if problems:
        raise ValueError(
            "service name must be 3 to 20 ASCII letters, digits, '_' or '-', "
            f"starting with a letter or '_' ({', '.join(problems)})"
        )
    return value


def _check_description(value: str) -> str:
    if description_problems(value):
        raise ValueError(f"description must be at most {DESCRIPTION_MAX_LENGTH} characters")
    return value


ServiceName = Annotated[str, AfterValidator(_check_service_name)]
Description = Annotated[str, AfterValidator(_check_description)]


class CreateServiceRequest(BaseModel):
    """The body of ``POST /services``."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    name: ServiceName
    description: Description = ""
    # Not strict: the enum is given as its string value ("batch"), as in JSON.
    type: ServiceType = Field(default=DEFAULT_SERVICE_TYPE, strict=False)


class UpdateServiceRequest(BaseModel):
    """The body of ``PUT /services/{serviceId}``."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    name: ServiceName
    description: Description = ""


# --- responses -------------------------------------------------------------------------


class ResponseModel(BaseModel):
    """Base of every response model: tolerant of unknown fields, remembers its raw JSON."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    _raw: Any = PrivateAttr(default=None)

    @classmethod
    def from_json(cls, data: Any) -> Self:
        """Validate ``data`` and keep it, as received, in :attr:`raw`."""
        obj = cls.model_validate(data)
        obj._raw = data
        return obj

    @property
    def raw(self) -> Any:
        """The JSON this object was read from, exactly as the server sent it (or None)."""
        return self._raw

    def extra_fields(self) -> dict[str, Any]:
        """Fields the server sent that this model does not know, as they came."""
        return dict(self.model_extra or {})


class Dataset(ResponseModel):
    dataset_id: str = Field(alias="datasetId")
    type: str | None = None
    name: str | None = None
    schema_name: str | None = Field(default=None, alias="schemaName")
    status: str | None = None
    created_date: str | None = Field(default=None, alias="createdDate")
    updated_date: str | None = Field(default=None, alias="updatedDate")


class HpConfig(ResponseModel):
    """``is_enabled`` plus any number of options, all kept in ``model_extra``."""

    is_enabled: StrictBool = False

    def options(self) -> dict[str, Any]:
        """Every option besides ``is_enabled``, known or not, in the order received."""
        return self.extra_fields()


class Infer(ResponseModel):
    data_type: str | None = Field(default=None, alias="dataType")
    train_version: str | int | None = Field(default=None, alias="trainVersion")
    status: str | None = None
    # Documented as a string, seen as a number.
    row_count: int | str | None = Field(default=None, alias="rowCount")
    created_date: str | None = Field(default=None, alias="createdDate")
    updated_date: str | None = Field(default=None, alias="updatedDate")


class Service(ResponseModel):
    """A service as returned by create, get and edit."""

    service_id: str = Field(alias="serviceId")
    name: str
    description: str | None = ""
    status: str | None = None
    # Documented, but may be missing in real responses.
    type: str | None = None
    datasets: list[Dataset] = Field(default_factory=list)
    hp_config: HpConfig | None = Field(default=None, alias="hpConfig")
    # Documented for interval services only; seen as [] on batch ones.
    infers: list[Infer] = Field(default_factory=list)
    created_date: str | None = Field(default=None, alias="createdDate")
    updated_date: str | None = Field(default=None, alias="updatedDate")

    @property
    def status_description(self) -> str | None:
        return describe(self.status, SERVICE_STATUS_DESCRIPTIONS)


class ServiceSummary(ResponseModel):
    """One entry of ``GET /services``."""

    service_id: str = Field(alias="serviceId")
    name: str
    status: str | None = None
    created_date: str | None = Field(default=None, alias="createdDate")
    updated_date: str | None = Field(default=None, alias="updatedDate")
    action_name: str | None = Field(default=None, alias="actionName")
    permission: str | None = None


class ServiceList(ResponseModel):
    services: list[ServiceSummary]
    offset: int | None = None
    limit: int | None = None


class DeleteResult(ResponseModel):
    result: str
