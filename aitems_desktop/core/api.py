"""The typed AiTEMS API: one function per catalogue operation, grouped by resource.

This is what the window, the command-line tool and the tests call::

    api = connection.api()
    service = api.services.create(CreateServiceRequest(name="shop_recs"))
    page = api.datasets.list(limit=100)

Each function only names its operation and its inputs; the engine does the rest (signing,
retries, bounded reads, typed errors). Workflows that need more than one call (a create that may
have happened, a training that must not start twice) live in :mod:`aitems_desktop.core.usecases`.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import ValidationError

from aitems_desktop.core import catalogue as c
from aitems_desktop.core import errors
from aitems_desktop.core.engine import Engine
from aitems_desktop.core.models import (
    CreateDatasetRequest,
    CreateSchemaRequest,
    CreateServiceRequest,
    Dataset,
    DatasetList,
    DefaultSchemaQuery,
    DescriptionRequest,
    EmptyResponse,
    LookupQuery,
    LookupResult,
    PageQuery,
    RequestModel,
    ResultMessage,
    ScheduleQuery,
    ScheduleRequest,
    Schema,
    SchemaList,
    SchemaListQuery,
    Service,
    ServiceList,
    SetDatasetsRequest,
    SetIntervalRequest,
    Training,
    TrainingList,
    TrainRequest,
    TrainsQuery,
    UpdateDatasetRequest,
    UpdateList,
    UpdateServiceRequest,
    UpdatesQuery,
    UploadRowsRequest,
    ValidateSchemaRequest,
    ValidationResult,
)
from aitems_desktop.core.rules import DatasetType, ScheduleAction, TrainingType

_ModelT = TypeVar("_ModelT", bound=RequestModel)


def build(model: type[_ModelT], **values: Any) -> _ModelT:
    """Build a request model from loose values; what the rules refuse is an InvalidInputError."""
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        raise errors.InvalidInputError(f"{where}: {message}" if where else message) from None


class Services:
    """S1-S10, T1, T2, U1, I1: services, their trainings, updates and results."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def create(self, request: CreateServiceRequest) -> Service:
        """S1: create a service. Not sent twice; see ``usecases.create_service`` for recovery."""
        return self._engine.call(c.SERVICES_CREATE, body=request)

    def list(self, *, offset: int = 0, limit: int = 1000) -> ServiceList:
        """S2: one page of services."""
        return self._engine.call(
            c.SERVICES_LIST, query=build(PageQuery, offset=offset, limit=limit)
        )

    def get(self, service_id: str) -> Service:
        """S3: one service with its datasets, hpConfig and infers."""
        return self._engine.call(c.SERVICES_GET, path={"serviceId": service_id})

    def update(self, service_id: str, request: UpdateServiceRequest) -> Service:
        """S4: rename a service or change its description."""
        return self._engine.call(c.SERVICES_UPDATE, path={"serviceId": service_id}, body=request)

    def delete(self, service_id: str) -> ResultMessage:
        """S5: delete a service."""
        return self._engine.call(c.SERVICES_DELETE, path={"serviceId": service_id})

    def set_datasets(self, service_id: str, request: SetDatasetsRequest) -> Service:
        """S6: give a service one dataset of each type."""
        return self._engine.call(
            c.SERVICES_SET_DATASETS, path={"serviceId": service_id}, body=request
        )

    def set_interval(self, service_id: str, request: SetIntervalRequest) -> Service:
        """S7: set the update cycle of an interval service."""
        return self._engine.call(
            c.SERVICES_SET_INTERVAL, path={"serviceId": service_id}, body=request
        )

    def train(self, service_id: str, request: TrainRequest) -> Service:
        """S8: request one training of a batch service. See ``usecases.request_training``."""
        return self._engine.call(c.SERVICES_TRAIN, path={"serviceId": service_id}, body=request)

    def schedule(
        self, service_id: str, action: ScheduleAction | str, request: ScheduleRequest
    ) -> Service:
        """S9: start or stop periodic training of an interval service."""
        return self._engine.call(
            c.SERVICES_SCHEDULE,
            path={"serviceId": service_id},
            query=build(ScheduleQuery, action=action),
            body=request,
        )

    def upload_rows(
        self, service_id: str, dataset_id: str, request: UploadRowsRequest
    ) -> EmptyResponse:
        """S10: append rows to a dataset of an interval service."""
        return self._engine.call(
            c.SERVICES_UPLOAD_ROWS,
            path={"serviceId": service_id, "datasetId": dataset_id},
            body=request,
        )

    def trainings(self, service_id: str, *, is_recent: bool | None = None) -> TrainingList:
        """T1: the trainings of a service (the latest of each type with ``is_recent``)."""
        return self._engine.call(
            c.TRAININGS_LIST,
            path={"serviceId": service_id},
            query=build(TrainsQuery, isRecent=is_recent),
        )

    def training(self, service_id: str, train_type: TrainingType | str, version: str) -> Training:
        """T2: one training of a service."""
        return self._engine.call(
            c.TRAININGS_GET,
            path={"serviceId": service_id, "trainType": str(train_type), "version": version},
        )

    def updates(
        self, service_id: str, *, train_type: TrainingType | str, train_version: str
    ) -> UpdateList:
        """U1: the update cycles of an interval service for one training."""
        return self._engine.call(
            c.UPDATES_LIST,
            path={"serviceId": service_id},
            query=build(UpdatesQuery, type=train_type, trainVersion=train_version),
        )

    def lookup(
        self, service_id: str, *, train_type: TrainingType | str, target_id: str
    ) -> LookupResult:
        """I1: the ranked results of a training for one user or item."""
        return self._engine.call(
            c.RESULTS_LOOKUP,
            path={"serviceId": service_id},
            query=build(LookupQuery, type=train_type, targetId=target_id),
        )


class Datasets:
    """D1-D6."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def create(self, request: CreateDatasetRequest) -> Dataset:
        """D1: create a dataset from a file in Object Storage. See ``usecases.create_dataset``."""
        return self._engine.call(c.DATASETS_CREATE, body=request)

    def list(self, *, offset: int = 0, limit: int = 1000) -> DatasetList:
        """D2: one page of datasets."""
        return self._engine.call(
            c.DATASETS_LIST, query=build(PageQuery, offset=offset, limit=limit)
        )

    def get(self, dataset_id: str) -> Dataset:
        """D3: one dataset with the services that use it."""
        return self._engine.call(c.DATASETS_GET, path={"datasetId": dataset_id})

    def update(self, dataset_id: str, request: UpdateDatasetRequest) -> Dataset:
        """D4: change a dataset (its file, schema, name)."""
        return self._engine.call(c.DATASETS_UPDATE, path={"datasetId": dataset_id}, body=request)

    def set_description(self, dataset_id: str, description: str) -> Dataset:
        """D5: change a dataset's description."""
        return self._engine.call(
            c.DATASETS_SET_DESCRIPTION,
            path={"datasetId": dataset_id},
            body=build(DescriptionRequest, content=description),
        )

    def delete(self, dataset_id: str) -> ResultMessage:
        """D6: delete a dataset."""
        return self._engine.call(c.DATASETS_DELETE, path={"datasetId": dataset_id})


class Schemas:
    """C1-C7."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def create(self, request: CreateSchemaRequest) -> Schema:
        """C1: create a schema. See ``usecases.create_schema``."""
        return self._engine.call(c.SCHEMAS_CREATE, body=request)

    def list(
        self,
        *,
        dataset_type: DatasetType | str | None = None,
        offset: int = 0,
        limit: int = 1000,
    ) -> SchemaList:
        """C2: one page of schemas, of one dataset type or all."""
        query = build(SchemaListQuery, datasetType=dataset_type, offset=offset, limit=limit)
        return self._engine.call(c.SCHEMAS_LIST, query=query)

    def get(self, name: str) -> Schema:
        """C3: one schema by name."""
        return self._engine.call(c.SCHEMAS_GET, path={"schemaName": name})

    def default(self, dataset_type: DatasetType | str) -> Schema:
        """C4: the default schema of a dataset type (its required fields)."""
        return self._engine.call(
            c.SCHEMAS_DEFAULT,
            query=build(DefaultSchemaQuery, datasetType=dataset_type),
        )

    def validate(self, request: ValidateSchemaRequest) -> ValidationResult:
        """C5: have the service check a schema without storing it."""
        return self._engine.call(c.SCHEMAS_VALIDATE, body=request)

    def set_description(self, name: str, description: str) -> Schema:
        """C6: change a schema's description."""
        return self._engine.call(
            c.SCHEMAS_SET_DESCRIPTION,
            path={"schemaName": name},
            body=build(DescriptionRequest, content=description),
        )

    def delete(self, name: str) -> ResultMessage:
        """C7: delete a schema."""
        return self._engine.call(c.SCHEMAS_DELETE, path={"schemaName": name})


class AitemsApi:
    """The whole API over one engine: ``services``, ``datasets``, ``schemas``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.services = Services(engine)
        self.datasets = Datasets(engine)
        self.schemas = Schemas(engine)

    def scoped(self) -> AitemsApi:
        """The same API with a cancel of its own (see :meth:`Engine.scoped`)."""
        return AitemsApi(self.engine.scoped())

    def cancel(self) -> None:
        """Stop every call in flight on this API (from any thread)."""
        self.engine.cancel()

    def close(self) -> None:
        self.engine.close()

    def __enter__(self) -> AitemsApi:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
