"""Every AiTEMS operation, described once.

One :class:`Operation` per entry of the API's 27 operations (``aitems-api-full.md`` §0): its
method and path template, the models of its query, body and answer, whether it is idempotent
(may be sent again after a failure), what it creates, and the errors it is known to answer.
:class:`aitems_desktop.core.engine.Engine` runs any of them; :mod:`aitems_desktop.core.api`
puts one typed function on top of each. A new operation is a new entry and its models.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final, Generic, TypeVar

from aitems_desktop.core import errors
from aitems_desktop.core.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from aitems_desktop.core.models import (
        Dataset,
        DatasetList,
        EmptyResponse,
        LookupResult,
        RequestModel,
        ResponseModel,
        ResultMessage,
        Schema,
        SchemaList,
        Service,
        ServiceList,
        Training,
        TrainingList,
        UpdateList,
        ValidationResult,
    )

ResponseT = TypeVar("ResponseT", bound="ResponseModel", covariant=True)


class Resource(StrEnum):
    """What an operation creates (or starts)."""

    SERVICE = "service"
    DATASET = "dataset"
    SCHEMA = "schema"
    TRAINING = "training"


@dataclass(frozen=True)
class KnownError:
    """A service error an operation is known to answer: its ``error`` reason and our type."""

    reason: str
    error_class: type[errors.ApiError]


_DUPLICATE_NAME: Final = KnownError("DUPLICATE_NAME", errors.DuplicateNameError)

_PARAM = re.compile(r"\{(\w+)\}")


def _model(name: str) -> Any:
    # The models (and pydantic with them) load on the first call, not with the catalogue:
    # ``aitems services list --output json`` prints the API's own JSON and needs neither.
    return getattr(importlib.import_module("aitems_desktop.core.models"), name)


@dataclass(frozen=True)
class Operation(Generic[ResponseT]):
    """One AiTEMS operation, as data. Models are named, and loaded on first use."""

    #: The API notes' id: S1..S10, T1, T2, U1, I1, D1..D6, C1..C7.
    key: str
    #: ``resource.verb``, as the command-line tool and the activity log name it.
    name: str
    method: str
    #: Relative to the base URL (which ends in ``/api/v1``), with ``{param}`` placeholders.
    path: str
    #: The names of the answer's, the body's and the query's models in ``core.models``.
    response: str
    body: str | None = None
    query: str | None = None
    #: Safe to send again when a first attempt failed: the same request twice leaves the same
    #: state as once. A create, a training request, a schedule start and a row upload are not.
    idempotent: bool = True
    creates: Resource | None = None
    known_errors: tuple[KnownError, ...] = ()
    #: The official title (English reading of the Korean API page's title).
    title: str = ""
    #: What to tell the person when the gateway refuses the body as too large (413), when
    #: the error's own hint (shorten the description) does not fit the operation.
    too_large_hint: str | None = None
    path_params: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "path_params", tuple(_PARAM.findall(self.path)))

    @property
    def response_model(self) -> type[ResponseT]:
        model: type[ResponseT] = _model(self.response)
        return model

    @property
    def body_model(self) -> type[RequestModel] | None:
        return _model(self.body) if self.body is not None else None

    @property
    def query_model(self) -> type[RequestModel] | None:
        return _model(self.query) if self.query is not None else None

    def known_error(self, reason: str | None) -> KnownError | None:
        """The known error whose reason is ``reason``, if any."""
        return next((e for e in self.known_errors if e.reason == reason), None)


# --- services (S1-S10) ---------------------------------------------------------------------

SERVICES_CREATE: Final[Operation[Service]] = Operation(
    "S1",
    "services.create",
    "POST",
    "/services",
    "Service",
    body="CreateServiceRequest",
    idempotent=False,
    creates=Resource.SERVICE,
    known_errors=(_DUPLICATE_NAME,),
    title="Create service",
)
SERVICES_LIST: Final[Operation[ServiceList]] = Operation(
    "S2",
    "services.list",
    "GET",
    "/services",
    "ServiceList",
    query="PageQuery",
    title="List services",
)
SERVICES_GET: Final[Operation[Service]] = Operation(
    "S3", "services.get", "GET", "/services/{serviceId}", "Service", title="Get service"
)
SERVICES_UPDATE: Final[Operation[Service]] = Operation(
    "S4",
    "services.update",
    "PUT",
    "/services/{serviceId}",
    "Service",
    body="UpdateServiceRequest",
    known_errors=(_DUPLICATE_NAME,),
    title="Edit service",
)
SERVICES_DELETE: Final[Operation[ResultMessage]] = Operation(
    "S5",
    "services.delete",
    "DELETE",
    "/services/{serviceId}",
    "ResultMessage",
    title="Delete service",
)
SERVICES_SET_DATASETS: Final[Operation[Service]] = Operation(
    "S6",
    "services.set_datasets",
    "POST",
    "/services/{serviceId}/datasets",
    "Service",
    body="SetDatasetsRequest",
    # It sets the service's datasets to the given three: sending it twice changes nothing.
    idempotent=True,
    title="Set the datasets of a service",
)
SERVICES_SET_INTERVAL: Final[Operation[Service]] = Operation(
    "S7",
    "services.set_interval",
    "PUT",
    "/services/{serviceId}/interval",
    "Service",
    body="SetIntervalRequest",
    title="Set the update cycle of a service",
)
SERVICES_TRAIN: Final[Operation[Service]] = Operation(
    "S8",
    "services.train",
    "POST",
    "/services/{serviceId}",
    "Service",
    body="TrainRequest",
    idempotent=False,
    creates=Resource.TRAINING,
    title="Request training",
)
SERVICES_SCHEDULE: Final[Operation[Service]] = Operation(
    "S9",
    "services.schedule",
    "PUT",
    "/services/{serviceId}/schedule",
    "Service",
    body="ScheduleRequest",
    query="ScheduleQuery",
    # A PUT, but starting periodic training twice is not known to be harmless.
    idempotent=False,
    creates=Resource.TRAINING,
    title="Request periodic training",
)
SERVICES_UPLOAD_ROWS: Final[Operation[EmptyResponse]] = Operation(
    "S10",
    "services.upload_rows",
    "POST",
    "/services/{serviceId}/datasets/{datasetId}",
    "EmptyResponse",
    body="UploadRowsRequest",
    # Rows are appended: sent twice, they are there twice.
    idempotent=False,
    title="Upload data for periodic training",
)

# --- trainings, updates, results (T1, T2, U1, I1) ------------------------------------------

TRAININGS_LIST: Final[Operation[TrainingList]] = Operation(
    "T1",
    "services.trainings",
    "GET",
    "/services/{serviceId}/trains",
    "TrainingList",
    query="TrainsQuery",
    title="List trainings",
)
TRAININGS_GET: Final[Operation[Training]] = Operation(
    "T2",
    "services.training",
    "GET",
    "/services/{serviceId}/trains/{trainType}/versions/{version}",
    "Training",
    title="Get training",
)
UPDATES_LIST: Final[Operation[UpdateList]] = Operation(
    "U1",
    "services.updates",
    "GET",
    "/services/{serviceId}/updates",
    "UpdateList",
    query="UpdatesQuery",
    title="List updates",
)
RESULTS_LOOKUP: Final[Operation[LookupResult]] = Operation(
    "I1",
    "services.lookup",
    "GET",
    "/services/{serviceId}/infers/lookup",
    "LookupResult",
    query="LookupQuery",
    title="Test training results",
)

# --- datasets (D1-D6) ----------------------------------------------------------------------

DATASETS_CREATE: Final[Operation[Dataset]] = Operation(
    "D1",
    "datasets.create",
    "POST",
    "/datasets",
    "Dataset",
    body="CreateDatasetRequest",
    idempotent=False,
    creates=Resource.DATASET,
    known_errors=(_DUPLICATE_NAME,),
    title="Create dataset",
)
DATASETS_LIST: Final[Operation[DatasetList]] = Operation(
    "D2",
    "datasets.list",
    "GET",
    "/datasets",
    "DatasetList",
    query="PageQuery",
    title="List datasets",
)
DATASETS_GET: Final[Operation[Dataset]] = Operation(
    "D3", "datasets.get", "GET", "/datasets/{datasetId}", "Dataset", title="Get dataset"
)
DATASETS_UPDATE: Final[Operation[Dataset]] = Operation(
    "D4",
    "datasets.update",
    "POST",
    "/datasets/{datasetId}",
    "Dataset",
    body="UpdateDatasetRequest",
    # It sets the dataset's fields to the given values: sending it twice changes nothing.
    idempotent=True,
    known_errors=(_DUPLICATE_NAME,),
    title="Edit dataset",
)
DATASETS_SET_DESCRIPTION: Final[Operation[Dataset]] = Operation(
    "D5",
    "datasets.set_description",
    "PUT",
    "/datasets/{datasetId}",
    "Dataset",
    body="DescriptionRequest",
    title="Edit dataset description",
)
DATASETS_DELETE: Final[Operation[ResultMessage]] = Operation(
    "D6",
    "datasets.delete",
    "DELETE",
    "/datasets/{datasetId}",
    "ResultMessage",
    title="Delete dataset",
)

# --- schemas (C1-C7) -----------------------------------------------------------------------

#: A schema's body is mostly its field list; the description is at most 100 characters.
_SCHEMA_TOO_LARGE: Final = QT_TRANSLATE_NOOP(
    "aitems", "The schema is too large: its field list is too long. Remove fields and try again."
)

SCHEMAS_CREATE: Final[Operation[Schema]] = Operation(
    "C1",
    "schemas.create",
    "POST",
    "/schemas",
    "Schema",
    body="CreateSchemaRequest",
    idempotent=False,
    creates=Resource.SCHEMA,
    known_errors=(_DUPLICATE_NAME,),
    title="Create schema",
    too_large_hint=_SCHEMA_TOO_LARGE,
)
SCHEMAS_LIST: Final[Operation[SchemaList]] = Operation(
    "C2",
    "schemas.list",
    "GET",
    "/schemas",
    "SchemaList",
    query="SchemaListQuery",
    title="List schemas",
)
SCHEMAS_GET: Final[Operation[Schema]] = Operation(
    "C3", "schemas.get", "GET", "/schemas/{schemaName}", "Schema", title="Get schema"
)
SCHEMAS_DEFAULT: Final[Operation[Schema]] = Operation(
    "C4",
    "schemas.default",
    "GET",
    "/schemas/default",
    "Schema",
    query="DefaultSchemaQuery",
    title="Get default schema",
)
SCHEMAS_VALIDATE: Final[Operation[ValidationResult]] = Operation(
    "C5",
    "schemas.validate",
    "POST",
    "/schemas/validation-check",
    "ValidationResult",
    body="ValidateSchemaRequest",
    # It checks and stores nothing.
    idempotent=True,
    title="Check schema",
    too_large_hint=_SCHEMA_TOO_LARGE,
)
SCHEMAS_SET_DESCRIPTION: Final[Operation[Schema]] = Operation(
    "C6",
    "schemas.set_description",
    "PUT",
    "/schemas/{schemaName}",
    "Schema",
    body="DescriptionRequest",
    title="Edit schema description",
)
SCHEMAS_DELETE: Final[Operation[ResultMessage]] = Operation(
    "C7",
    "schemas.delete",
    "DELETE",
    "/schemas/{schemaName}",
    "ResultMessage",
    title="Delete schema",
)

#: Every operation, in the order of the API notes' table.
OPERATIONS: Final[tuple[Operation[ResponseModel], ...]] = (
    SERVICES_CREATE,
    SERVICES_LIST,
    SERVICES_GET,
    SERVICES_UPDATE,
    SERVICES_DELETE,
    SERVICES_SET_DATASETS,
    SERVICES_SET_INTERVAL,
    SERVICES_TRAIN,
    SERVICES_SCHEDULE,
    SERVICES_UPLOAD_ROWS,
    TRAININGS_LIST,
    TRAININGS_GET,
    UPDATES_LIST,
    RESULTS_LOOKUP,
    DATASETS_CREATE,
    DATASETS_LIST,
    DATASETS_GET,
    DATASETS_UPDATE,
    DATASETS_SET_DESCRIPTION,
    DATASETS_DELETE,
    SCHEMAS_CREATE,
    SCHEMAS_LIST,
    SCHEMAS_GET,
    SCHEMAS_DEFAULT,
    SCHEMAS_VALIDATE,
    SCHEMAS_SET_DESCRIPTION,
    SCHEMAS_DELETE,
)

BY_KEY: Final = {op.key: op for op in OPERATIONS}
BY_NAME: Final = {op.name: op for op in OPERATIONS}
