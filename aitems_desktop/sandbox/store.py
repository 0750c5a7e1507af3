"""The sandbox's AiTEMS state: schemas, datasets, services, trainings and schedules.

One lock guards everything; every method takes it for its whole read-check-write, so
concurrent requests can neither lose an object nor let two share a name. Callers get copies.

Statuses are not moved by a thread: they are computed from timestamps on the simulated clock
when read (see :mod:`aitems_desktop.sandbox.simclock`). A dataset's file is read from the Object
Storage emulator the first time its status is looked at after its processing time is over.
"""

from __future__ import annotations

import copy
import logging
import math
import secrets
import string
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Final

from aitems_desktop.sandbox import checks, datafiles, rules
from aitems_desktop.sandbox.objectstore import ObjectStore
from aitems_desktop.sandbox.recommend import Model
from aitems_desktop.sandbox.simclock import SimClock, format_date, version_string

log = logging.getLogger("aitems_desktop.sandbox")

Json = dict[str, Any]
DATASET_TYPES: Final = rules.DATASET_TYPES

ID_ALPHABET: Final = string.ascii_lowercase + string.digits
SERVICE_ID_LENGTH: Final = 11
DATASET_ID_LENGTH: Final = 11
#: Bounds that keep a long-running sandbox small.
MAX_SERVICES: Final = 100_000
MAX_DATASETS: Final = 10_000
MAX_SCHEMAS: Final = 10_000
MAX_UPLOAD_ROWS: Final = 10_000

#: Simulated durations (seconds): a dataset waits, then is processed; a training is requested
#: (``requesting`` for the first half, ``waiting`` for the second), then learns.
DATASET_WAITING_S: Final = 5.0
DATASET_PROCESSING_S: Final = 20.0
TRAIN_REQUEST_S: Final = 20.0
TRAIN_LEARN_S: Final = 120.0
#: A dataset is ready (or failed) this long after it was created or modified.
DATASET_READY_S: Final = DATASET_WAITING_S + DATASET_PROCESSING_S
#: A training is completed this long after it was requested.
TRAIN_DONE_S: Final = TRAIN_REQUEST_S + TRAIN_LEARN_S


class RuleError(Exception):
    """A business-rule failure; the API layer turns it into the flat service error."""

    def __init__(self, status: int, error: str, error_code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.error_code = error_code
        self.message = message


# The previous name, kept for callers outside the package.
ServiceRuleError = RuleError


def bad(error: str, message: str) -> RuleError:
    return RuleError(400, error, "BAD_REQUEST", message)


def not_found(kind: str, key: str) -> RuleError:
    return RuleError(404, "NOT_FOUND", "NOT_FOUND", f"[{key}] {kind} not found.")


def _new_id(taken: dict[str, Any], length: int) -> str:
    while True:
        candidate = "".join(secrets.choice(ID_ALPHABET) for _ in range(length))
        if candidate not in taken:
            return candidate


@dataclass
class Schema:
    dataset_type: str
    name: str
    fields: list[Json]
    description: str
    created: float

    def public(self) -> Json:
        return {
            "datasetType": self.dataset_type,
            "name": self.name,
            "fields": copy.deepcopy(self.fields),
            "description": self.description,
            "createdDate": format_date(self.created),
        }


@dataclass
class Dataset:
    dataset_id: str
    type: str
    name: str
    description: str
    schema_name: str
    os_info: Json
    created: float
    updated: float
    #: When processing of the current file began; None for a dataset stored as is.
    process_start: float | None
    fixed_status: str | None = None
    outcome: str | None = None
    reason: str = ""
    rows: list[Json] = field(default_factory=list)
    #: Rows added through S10, with the simulated time they arrived.
    appended: list[tuple[float, Json]] = field(default_factory=list)
    #: Grows whenever the rows change (keys the lookup model cache).
    version: int = 0


@dataclass
class Training:
    type: str
    version: str
    hp_config: Json
    description: str
    requested: float

    def status(self, now: float) -> str:
        elapsed = now - self.requested
        if elapsed < TRAIN_REQUEST_S / 2:
            return "requesting"
        if elapsed < TRAIN_REQUEST_S:
            return "waiting"
        if elapsed < TRAIN_DONE_S:
            return "learning"
        return "completed"


@dataclass
class Schedule:
    started: float
    term_s: int
    train_types: list[str]
    versions: dict[str, str]
    stopped: float | None = None

    @property
    def first_cycle(self) -> float:
        return self.started + TRAIN_REQUEST_S

    def cycle_start(self, k: int) -> float:
        return self.first_cycle + k * self.term_s

    def last_cycle(self, now: float) -> int:
        """Index of the latest cycle begun by ``now`` (and before any stop); -1 if none."""
        end = now if self.stopped is None else min(now, self.stopped)
        if end < self.first_cycle:
            return -1
        return math.floor((end - self.first_cycle) / self.term_s)

    def learning(self, now: float) -> bool:
        k = self.last_cycle(now)
        return k >= 0 and now < self.cycle_start(k) + TRAIN_LEARN_S


@dataclass
class Service:
    service_id: str
    data: Json
    #: Ids of datasets attached through the API; None for a service stored as is.
    attached: list[str] | None = None
    trainings: list[Training] = field(default_factory=list)
    job_started: float | None = None
    schedule: Schedule | None = None
    past_schedules: list[Schedule] = field(default_factory=list)


def summary(public: Json, kind: str, keys: tuple[str, ...]) -> Json:
    """A list entry: the documented keys, then the sub-account hooks."""
    entry = {k: public.get(k) for k in keys}
    entry["actionName"] = rules.LIST_ACTIONS[kind]
    entry["permission"] = rules.LIST_PERMISSION
    return entry


class Store:
    """Everything AiTEMS holds for one sandbox, safe to use from many handler threads."""

    def __init__(self, clock: SimClock, objects: ObjectStore, demo_rows: Any = None) -> None:
        self.clock = clock
        self.objects = objects
        # A callable giving the demo interactions, for lookups on datasets without rows.
        self._demo_rows = demo_rows
        self._lock = threading.RLock()
        self._services: dict[str, Service] = {}
        self._datasets: dict[str, Dataset] = {}
        self._schemas: dict[str, Schema] = {}
        self._models: OrderedDict[Any, Model] = OrderedDict()

    # ===== schemas =============================================================================

    def create_schema(
        self, dataset_type: str, name: str, fields: list[Json], description: str
    ) -> Json:
        with self._lock:
            self.check_schema_name_free(name)
            if len(self._schemas) >= MAX_SCHEMAS:
                raise bad("LIMIT_EXCEEDED", "Too many schemas.")
            schema = Schema(
                dataset_type, name, copy.deepcopy(fields), description, self.clock.now()
            )
            self._schemas[name] = schema
            return schema.public()

    def check_schema_name_free(self, name: str) -> None:
        with self._lock:
            if name in self._schemas:
                raise bad("DUPLICATE_NAME", f"[{name}] is a duplicate name.")

    def _schema(self, name: str) -> Schema:
        schema = self._schemas.get(name)
        if schema is None:
            raise not_found("schema", name)
        return schema

    def get_schema(self, name: str) -> Json:
        with self._lock:
            return self._schema(name).public()

    def list_schemas(self, dataset_type: str | None, offset: int, limit: int) -> list[Json]:
        with self._lock:
            chosen = [s for s in self._schemas.values() if dataset_type in (None, s.dataset_type)][
                offset : offset + limit
            ]
            return [
                summary(s.public(), "schema", ("datasetType", "name", "createdDate"))
                for s in chosen
            ]

    def describe_schema(self, name: str, description: str) -> Json:
        with self._lock:
            schema = self._schema(name)
            schema.description = description
            return schema.public()

    def delete_schema(self, name: str) -> None:
        with self._lock:
            self._schema(name)
            users = [d.name for d in self._datasets.values() if d.schema_name == name]
            if users:
                raise bad(
                    "SCHEMA_IN_USE",
                    f"[{name}] is used by the dataset(s) {', '.join(users)}; delete them first.",
                )
            del self._schemas[name]

    # ===== datasets ============================================================================

    def _dataset(self, dataset_id: str) -> Dataset:
        dataset = self._datasets.get(dataset_id)
        if dataset is None:
            raise not_found("dataset", dataset_id)
        return dataset

    def _dataset_status(self, dataset: Dataset, now: float) -> str:
        if dataset.fixed_status is not None:
            return dataset.fixed_status
        if dataset.outcome is not None:
            return dataset.outcome
        assert dataset.process_start is not None
        elapsed = now - dataset.process_start
        if elapsed < DATASET_WAITING_S:
            return "waiting"
        if elapsed < DATASET_READY_S:
            return "processing"
        schema = self._schemas.get(dataset.schema_name)
        if schema is None:
            result = datafiles.LoadResult(False, f"the schema {dataset.schema_name} is gone", [])
        else:
            result = datafiles.load(self.objects, dataset.os_info, schema.fields)
        dataset.outcome = "enable" if result.ok else "upload_failed"
        dataset.reason = result.reason
        dataset.rows = result.rows
        dataset.version += 1
        dataset.updated = dataset.process_start + DATASET_READY_S
        if not result.ok:
            log.info(
                "dataset %s (%s): upload_failed: %s",
                dataset.name,
                dataset.dataset_id,
                result.reason,
            )
        return dataset.outcome

    def _connected(self, dataset_id: str) -> list[Service]:
        return [
            s
            for s in self._services.values()
            if s.attached is not None and dataset_id in s.attached
        ]

    def _dataset_public(self, dataset: Dataset, now: float) -> Json:
        status = self._dataset_status(dataset, now)
        return {
            "datasetId": dataset.dataset_id,
            "type": dataset.type,
            "name": dataset.name,
            "description": dataset.description,
            "schemaName": dataset.schema_name,
            "status": status,
            "osInfo": copy.deepcopy(dataset.os_info),
            "connectedServices": [
                {"serviceId": s.service_id, "name": s.data.get("name")}
                for s in self._connected(dataset.dataset_id)
            ],
            "createdDate": format_date(dataset.created),
            "updatedDate": format_date(dataset.updated),
        }

    def _check_dataset_args(
        self, dataset_type: str, name: str, schema_name: str, except_id: str | None
    ) -> None:
        for other in self._datasets.values():
            if other.name == name and other.dataset_id != except_id:
                raise bad("DUPLICATE_NAME", f"[{name}] is a duplicate name.")
        schema = self._schemas.get(schema_name)
        if schema is None:
            raise bad(
                "SCHEMA_NOT_FOUND", f"[{schema_name}] schema not found: create the schema first."
            )
        if schema.dataset_type != dataset_type:
            raise bad(
                "SCHEMA_TYPE_MISMATCH",
                f"[{schema_name}] is a {schema.dataset_type} schema, not a {dataset_type} one.",
            )

    def create_dataset(
        self, dataset_type: str, name: str, description: str, schema_name: str, os_info: Json
    ) -> Json:
        with self._lock:
            self._check_dataset_args(dataset_type, name, schema_name, None)
            if len(self._datasets) >= MAX_DATASETS:
                raise bad("LIMIT_EXCEEDED", "Too many datasets.")
            now = self.clock.now()
            dataset = Dataset(
                _new_id(self._datasets, DATASET_ID_LENGTH),
                dataset_type,
                name,
                description,
                schema_name,
                copy.deepcopy(os_info),
                now,
                now,
                now,
            )
            self._datasets[dataset.dataset_id] = dataset
            return self._dataset_public(dataset, now)

    def modify_dataset(
        self,
        dataset_id: str,
        dataset_type: str,
        name: str,
        description: str | None,
        schema_name: str,
        os_info: Json,
    ) -> Json:
        with self._lock:
            dataset = self._dataset(dataset_id)
            now = self.clock.now()
            self._refuse_if_services_busy(dataset, now)
            if dataset_type != dataset.type and self._connected(dataset_id):
                raise bad(
                    "DATASET_IN_USE",
                    f"[{dataset.name}] is attached to a service; its type cannot change.",
                )
            self._check_dataset_args(dataset_type, name, schema_name, dataset_id)
            dataset.type, dataset.name, dataset.schema_name = dataset_type, name, schema_name
            if description is not None:
                dataset.description = description
            dataset.os_info = copy.deepcopy(os_info)
            # A new file: processed again from the start.
            dataset.process_start, dataset.updated = now, now
            dataset.fixed_status, dataset.outcome, dataset.reason = None, None, ""
            dataset.rows, dataset.appended = [], []
            dataset.version += 1
            return self._dataset_public(dataset, now)

    def describe_dataset(self, dataset_id: str, description: str) -> Json:
        with self._lock:
            dataset = self._dataset(dataset_id)
            now = self.clock.now()
            dataset.description, dataset.updated = description, now
            return self._dataset_public(dataset, now)

    def get_dataset(self, dataset_id: str) -> Json:
        with self._lock:
            return self._dataset_public(self._dataset(dataset_id), self.clock.now())

    def list_datasets(self, offset: int, limit: int) -> list[Json]:
        with self._lock:
            now = self.clock.now()
            chosen = list(self._datasets.values())[offset : offset + limit]
            return [
                summary(
                    self._dataset_public(d, now),
                    "dataset",
                    ("datasetId", "type", "name", "status", "createdDate"),
                )
                for d in chosen
            ]

    def delete_dataset(self, dataset_id: str) -> None:
        with self._lock:
            dataset = self._dataset(dataset_id)
            users = self._connected(dataset_id)
            if users:
                names = ", ".join(str(s.data.get("name")) for s in users)
                raise bad(
                    "DATASET_IN_USE",
                    f"[{dataset.name}] is used by the service(s) {names}; attach other datasets "
                    "or delete the services first.",
                )
            del self._datasets[dataset_id]

    def dataset_failure(self, dataset_id: str) -> str:
        """Why a dataset is ``upload_failed`` ("" otherwise)."""
        with self._lock:
            dataset = self._dataset(dataset_id)
            self._dataset_status(dataset, self.clock.now())
            return dataset.reason

    def add_dataset(
        self,
        dataset_type: str,
        name: str,
        schema_name: str,
        status: str | None,
        rows: list[Json] | None = None,
        os_info: Json | None = None,
        description: str = "",
        created: float | None = None,
    ) -> Json:
        """Store a dataset directly (tests, demo); ``status=None`` processes its file instead."""
        with self._lock:
            now = self.clock.now()
            created = now if created is None else created
            dataset = Dataset(
                _new_id(self._datasets, DATASET_ID_LENGTH),
                dataset_type,
                name,
                description,
                schema_name,
                copy.deepcopy(os_info or {"region": "KR", "bucket": "", "key": ""}),
                created,
                created,
                created if status is None else None,
                fixed_status=status,
                rows=copy.deepcopy(rows or []),
            )
            self._datasets[dataset.dataset_id] = dataset
            return self._dataset_public(dataset, now)

    def datasets(self) -> list[Json]:
        with self._lock:
            now = self.clock.now()
            return [self._dataset_public(d, now) for d in self._datasets.values()]

    # ===== services ============================================================================

    def _service(self, service_id: str) -> Service:
        service = self._services.get(service_id)
        if service is None:
            raise not_found("service", service_id)
        return service

    def _check_service_name_free(self, name: str, except_id: str | None = None) -> None:
        for service in self._services.values():
            if service.data.get("name") == name and service.service_id != except_id:
                raise bad("DUPLICATE_NAME", f"[{name}] is a duplicate name.")

    def _status(self, service: Service, now: float) -> str:
        schedule = service.schedule
        if schedule is not None and schedule.stopped is None:
            return "scheduledLearning" if schedule.learning(now) else "scheduled"
        if service.job_started is not None:
            elapsed = now - service.job_started
            if elapsed < TRAIN_REQUEST_S:
                return "requestLearning"
            if elapsed < TRAIN_DONE_S:
                return "learning"
            service.job_started = None
            service.data["status"] = "learnable"
            service.data["updatedDate"] = format_date(now)
        return str(service.data.get("status"))

    def _embedded(self, service: Service, now: float) -> list[Json]:
        if service.attached is None:
            return copy.deepcopy(list(service.data.get("datasets") or []))
        out = []
        for dataset_id in service.attached:
            dataset = self._datasets.get(dataset_id)
            if dataset is None:
                continue
            status = self._dataset_status(dataset, now)
            out.append(
                {
                    "datasetId": dataset.dataset_id,
                    "type": dataset.type,
                    "name": dataset.name,
                    "schemaName": dataset.schema_name,
                    "status": rules.EMBEDDED_DATASET_STATUS if status == "enable" else status,
                    "createdDate": format_date(dataset.created),
                    "updatedDate": format_date(dataset.updated),
                }
            )
        return out

    def _interaction_rows(self, service: Service) -> tuple[Any, list[Json]]:
        for dataset_id in service.attached or []:
            dataset = self._datasets.get(dataset_id)
            if dataset is not None and dataset.type == "interaction":
                rows = dataset.rows + [row for _, row in dataset.appended]
                if rows:
                    return (dataset_id, dataset.version), rows
        demo = self._demo_rows() if self._demo_rows is not None else []
        return "demo", demo

    def _model(self, service: Service) -> Model:
        key, rows = self._interaction_rows(service)
        model = self._models.get(key)
        if model is None:
            model = Model(rows)
            self._models[key] = model
            while len(self._models) > 8:
                self._models.popitem(last=False)
        self._models.move_to_end(key)
        return model

    def _latest_completed(self, service: Service, now: float) -> dict[str, Training]:
        latest: dict[str, Training] = {}
        for training in service.trainings:
            if training.status(now) == "completed":
                latest[training.type] = training
        return latest

    def _infers(self, service: Service, now: float) -> list[Json]:
        stored = copy.deepcopy(list(service.data.get("infers") or []))
        latest = self._latest_completed(service, now)
        if not latest:
            return stored
        model = self._model(service)
        for train_type, training in latest.items():
            done = training.requested + TRAIN_DONE_S
            updated = done
            for schedule in [service.schedule, *service.past_schedules]:
                if schedule is not None and schedule.versions.get(train_type) == training.version:
                    k = schedule.last_cycle(now)
                    while k >= 1 and schedule.cycle_start(k) + TRAIN_LEARN_S > now:
                        k -= 1
                    if k >= 1:
                        updated = schedule.cycle_start(k) + TRAIN_LEARN_S
            stored.append(
                {
                    "dataType": train_type,
                    "trainVersion": training.version,
                    "status": "enable",
                    "rowCount": model.result_rows(train_type),
                    "createdDate": format_date(done),
                    "updatedDate": format_date(updated),
                }
            )
        return stored

    def _public(self, service: Service, now: float) -> Json:
        status = self._status(service, now)
        public = copy.deepcopy(service.data)
        public["status"] = status
        public["datasets"] = self._embedded(service, now)
        public["infers"] = self._infers(service, now)
        if public.get("type") == "interval" and "learningInterval" in public:
            schedule = service.schedule
            if schedule is not None and schedule.stopped is None:
                k = schedule.last_cycle(now)
                public["scheduledDate"] = format_date(schedule.cycle_start(k + 1))
            else:
                public["scheduledDate"] = None
        return public

    def create_service(self, name: str, description: str, service_type: str) -> Json:
        with self._lock:
            self._check_service_name_free(name)
            if len(self._services) >= MAX_SERVICES:
                raise bad("LIMIT_EXCEEDED", "Too many services.")
            now = self.clock.now()
            data: Json = {
                "serviceId": _new_id(self._services, SERVICE_ID_LENGTH),
                "name": name,
                "description": description,
                "type": service_type,
                "status": "datasetRequired",
                "datasets": [],
                "hpConfig": {"is_enabled": False},
                "infers": [],
                "createdDate": format_date(now),
                "updatedDate": format_date(now),
            }
            if service_type == "interval":
                data["learningInterval"] = None
                data["scheduledDate"] = None
            service = Service(data["serviceId"], data, attached=[])
            self._services[service.service_id] = service
            return self._public(service, now)

    def add_service(self, data: Json) -> Json:
        """Store a service as given (tests, demo); fills id and dates when missing."""
        with self._lock:
            now = self.clock.now()
            data = copy.deepcopy(data)
            data.setdefault("serviceId", _new_id(self._services, SERVICE_ID_LENGTH))
            data.setdefault("createdDate", format_date(now))
            data.setdefault("updatedDate", format_date(now))
            service = Service(data["serviceId"], data)
            self._services[service.service_id] = service
            return self._public(service, now)

    def page(self, offset: int, limit: int) -> list[Json]:
        with self._lock:
            now = self.clock.now()
            chosen = list(self._services.values())[offset : offset + limit]
            return [
                summary(
                    {**s.data, "status": self._status(s, now)},
                    "service",
                    ("serviceId", "name", "status", "createdDate", "updatedDate"),
                )
                for s in chosen
            ]

    def get(self, service_id: str) -> Json:
        with self._lock:
            return self._public(self._service(service_id), self.clock.now())

    def snapshot(self) -> list[Json]:
        with self._lock:
            now = self.clock.now()
            return [self._public(s, now) for s in self._services.values()]

    def update(self, service_id: str, name: str, description: str) -> Json:
        with self._lock:
            service = self._service(service_id)
            self._check_service_name_free(name, except_id=service_id)
            now = self.clock.now()
            service.data["name"] = name
            service.data["description"] = description
            service.data["updatedDate"] = format_date(now)
            return self._public(service, now)

    def _refuse_busy(self, service: Service, now: float, action: str) -> None:
        status = self._status(service, now)
        if status in rules.BUSY_SERVICE_STATUSES:
            raise bad(
                "INVALID_SERVICE_STATUS",
                f"[{service.data.get('name')}] cannot {action} while its status is {status}.",
            )

    def _refuse_if_services_busy(self, dataset: Dataset, now: float) -> None:
        for service in self._connected(dataset.dataset_id):
            status = self._status(service, now)
            if status in rules.BUSY_SERVICE_STATUSES:
                raise bad(
                    "DATASET_IN_USE",
                    f"[{dataset.name}] is used by {service.data.get('name')}, which is {status}.",
                )

    def delete(self, service_id: str) -> None:
        with self._lock:
            service = self._service(service_id)
            self._refuse_busy(service, self.clock.now(), "be deleted")
            del self._services[service_id]

    def attach_datasets(self, service_id: str, dataset_ids: list[str]) -> Json:
        """Give a service one dataset of each type; it becomes ``learnable``."""
        with self._lock:
            service = self._service(service_id)
            now = self.clock.now()
            self._refuse_busy(service, now, "change its datasets")
            datasets = [self._dataset(i) for i in dataset_ids]
            if sorted(d.type for d in datasets) != sorted(DATASET_TYPES):
                raise bad(
                    "INVALID_PARAMETER",
                    "[datasetIds] needs exactly one dataset each of user, item and interaction.",
                )
            for dataset in datasets:
                status = self._dataset_status(dataset, now)
                if status != "enable":
                    raise bad(
                        "DATASET_NOT_READY",
                        f"[{dataset.name}] is {status}; only enable datasets can be attached.",
                    )
            service.attached = [d.dataset_id for d in datasets]
            service.data["datasets"] = []
            service.data["status"] = "learnable"
            service.data["updatedDate"] = format_date(now)
            return self._public(service, now)

    def _ready_to_train(self, service: Service, now: float, wanted_type: str, action: str) -> None:
        if service.data.get("type", rules.DEFAULT_SERVICE_TYPE) != wanted_type:
            other = (
                "PUT /services/{id}/schedule" if wanted_type == "batch" else "POST /services/{id}"
            )
            raise bad(
                "INVALID_SERVICE_TYPE",
                f"[{service.data.get('name')}] is a {service.data.get('type')} service: "
                f"{action} is for {wanted_type} services only (use {other}).",
            )
        self._refuse_busy(service, now, action)
        if not service.attached:
            raise bad(
                "DATASET_REQUIRED",
                f"[{service.data.get('name')}] has no datasets: attach one dataset each of user, "
                "item and interaction first.",
            )
        for dataset_id in service.attached:
            dataset = self._dataset(dataset_id)
            status = self._dataset_status(dataset, now)
            if status != "enable":
                raise bad("DATASET_NOT_READY", f"[{dataset.name}] is {status}, not enable.")

    def _new_version(self, service: Service, train_type: str, now: float) -> str:
        taken = {t.version for t in service.trainings if t.type == train_type}
        moment = now
        while version_string(moment) in taken:
            moment += 1
        return version_string(moment)

    def train(self, service_id: str, types: list[str], description: str, hp: Json) -> Json:
        with self._lock:
            service = self._service(service_id)
            now = self.clock.now()
            self._ready_to_train(service, now, "batch", "train")
            for train_type in types:
                version = self._new_version(service, train_type, now)
                service.trainings.append(
                    Training(train_type, version, copy.deepcopy(hp), description, now)
                )
            service.job_started = now
            service.data["hpConfig"] = copy.deepcopy(hp)
            service.data["updatedDate"] = format_date(now)
            return self._public(service, now)

    def set_interval(self, service_id: str, term: str) -> Json:
        with self._lock:
            service = self._service(service_id)
            now = self.clock.now()
            if service.data.get("type") != "interval":
                raise bad(
                    "INVALID_SERVICE_TYPE",
                    f"[{service.data.get('name')}] is not an interval service; only interval "
                    "services have an update interval.",
                )
            self._refuse_busy(service, now, "change its update interval")
            service.data["learningInterval"] = term
            service.data["updatedDate"] = format_date(now)
            return self._public(service, now)

    def start_schedule(self, service_id: str, types: list[str], description: str, hp: Json) -> Json:
        with self._lock:
            service = self._service(service_id)
            now = self.clock.now()
            self._ready_to_train(service, now, "interval", "start periodic training")
            term = service.data.get("learningInterval")
            if term not in rules.TERMS:
                raise bad(
                    "INTERVAL_REQUIRED",
                    f"[{service.data.get('name')}] has no learningInterval yet: give it a term "
                    "with PUT /services/{id}/interval first.",
                )
            versions = {}
            for train_type in types:
                version = self._new_version(service, train_type, now)
                versions[train_type] = version
                service.trainings.append(
                    Training(train_type, version, copy.deepcopy(hp), description, now)
                )
            service.schedule = Schedule(now, rules.TERMS[term], list(types), versions)
            service.data["hpConfig"] = copy.deepcopy(hp)
            service.data["updatedDate"] = format_date(now)
            return self._public(service, now)

    def stop_schedule(self, service_id: str) -> Json:
        with self._lock:
            service = self._service(service_id)
            now = self.clock.now()
            if service.data.get("type") != "interval":
                raise bad(
                    "INVALID_SERVICE_TYPE",
                    f"[{service.data.get('name')}] is not an interval service.",
                )
            schedule = service.schedule
            if schedule is None or schedule.stopped is not None:
                raise bad(
                    "INVALID_SERVICE_STATUS",
                    f"[{service.data.get('name')}] has no periodic training to stop.",
                )
            schedule.stopped = now
            service.past_schedules.append(schedule)
            service.schedule = None
            service.data["status"] = "learnable"
            service.data["updatedDate"] = format_date(now)
            return self._public(service, now)

    def append_rows(self, service_id: str, dataset_id: str, dataset_type: str, value: Any) -> None:
        with self._lock:
            service = self._service(service_id)
            if service.data.get("type") != "interval":
                raise bad(
                    "INVALID_SERVICE_TYPE",
                    f"[{service.data.get('name')}] is not an interval service; rows can be "
                    "uploaded to interval services only.",
                )
            dataset = self._dataset(dataset_id)
            if not service.attached or dataset_id not in service.attached:
                raise bad(
                    "DATASET_NOT_ATTACHED",
                    f"[{dataset.name}] is not attached to {service.data.get('name')}.",
                )
            if dataset_type != dataset.type:
                raise bad(
                    "INVALID_PARAMETER",
                    f"[type] is {dataset_type} but the dataset {dataset.name} is {dataset.type}.",
                )
            schema = self._schema(dataset.schema_name)
            checked = checks.rows(value, schema.fields, MAX_UPLOAD_ROWS)
            if len(dataset.rows) + len(dataset.appended) + len(checked) > datafiles.MAX_ROWS:
                raise bad(
                    "ROW_LIMIT_EXCEEDED",
                    f"The sandbox keeps at most {datafiles.MAX_ROWS} rows per dataset.",
                )
            now = self.clock.now()
            dataset.appended.extend((now, row) for row in checked)
            dataset.version += 1

    # ===== trainings, updates, lookups ===========================================================

    def _training_public(self, service: Service, training: Training, now: float) -> Json:
        status = training.status(now)
        return {
            "serviceId": service.service_id,
            "type": training.type,
            "hpConfig": copy.deepcopy(training.hp_config),
            "version": training.version,
            "description": training.description,
            "status": status,
            "createdDate": format_date(training.requested),
            "inference": status == "completed",
        }

    def trainings(self, service_id: str, recent: bool, offset: int, limit: int) -> list[Json]:
        with self._lock:
            service = self._service(service_id)
            now = self.clock.now()
            chosen = list(service.trainings)
            if recent:
                latest: dict[str, Training] = {}
                for training in chosen:
                    latest[training.type] = training
                chosen = [t for t in chosen if latest[t.type] is t]
            return [self._training_public(service, t, now) for t in chosen[offset : offset + limit]]

    def training(self, service_id: str, train_type: str, version: str) -> Json:
        with self._lock:
            service = self._service(service_id)
            for training in service.trainings:
                if training.type == train_type and training.version == version:
                    return self._training_public(service, training, self.clock.now())
            raise not_found("training", f"{train_type}/{version}")

    def updates(
        self, service_id: str, train_type: str, version: str, offset: int, limit: int
    ) -> list[Json]:
        with self._lock:
            service = self._service(service_id)
            if not any(t.type == train_type and t.version == version for t in service.trainings):
                raise not_found("training", f"{train_type}/{version}")
            schedule = next(
                (
                    s
                    for s in [service.schedule, *service.past_schedules]
                    if s is not None and s.versions.get(train_type) == version
                ),
                None,
            )
            if schedule is None:
                return []  # a batch training has no periodic updates
            now = self.clock.now()
            count = schedule.last_cycle(now)  # cycles 1..count are updates
            first = 1 + offset
            last = min(count, offset + limit)
            return [
                self._update(service, schedule, train_type, k, now) for k in range(first, last + 1)
            ]

    def _update(
        self, service: Service, schedule: Schedule, train_type: str, k: int, now: float
    ) -> Json:
        begin, end = schedule.cycle_start(k - 1), schedule.cycle_start(k)
        counts = {"user": 0, "item": 0, "interaction": 0}
        items: set[str] = set()
        for dataset_id in service.attached or []:
            dataset = self._datasets.get(dataset_id)
            if dataset is None:
                continue
            for stamp, row in dataset.appended:
                if begin <= stamp < end:
                    counts[dataset.type] += 1
                    if dataset.type in ("item", "interaction") and "ITEM_ID" in row:
                        items.add(str(row["ITEM_ID"]))
        finished = end + TRAIN_LEARN_S
        done = now >= finished
        return {
            "updateVersion": str(k),
            "status": "completed" if done else "learning",
            "type": train_type,
            "createdDate": format_date(end),
            "finishedDate": format_date(finished) if done else None,
            "updateResult": {
                "inputUsersCnt": counts["user"],
                "inputItemsCnt": counts["item"],
                "inputRowsCnt": counts["interaction"],
                "updatedItemsCnt": len(items),
            },
        }

    def lookup(self, service_id: str, train_type: str, target: str) -> list[str]:
        with self._lock:
            service = self._service(service_id)
            now = self.clock.now()
            training = self._latest_completed(service, now).get(train_type)
            if training is None:
                raise bad(
                    "TRAINING_NOT_COMPLETED",
                    f"[{service.data.get('name')}] has no completed {train_type} training yet.",
                )
            hp = training.hp_config
            option = {
                "personalRecommend": "max_user_recommend_top",
                "relatedItem": "max_relate_recommend_top",
            }.get(train_type)
            limit = rules.HPO_OPTIONS[option][2] if option else 100
            if option and hp.get("is_enabled") and isinstance(hp.get(option), int):
                limit = int(hp[option])
            return self._model(service).lookup(train_type, target, limit)

    # ===== seeding helpers ===================================================================

    def seed_training(
        self,
        service_id: str,
        types: list[str],
        hp: Json,
        description: str,
        requested: float,
        running: bool = False,
    ) -> None:
        """Record a batch training requested at ``requested`` (``running``: it is the job)."""
        with self._lock:
            service = self._service(service_id)
            for train_type in types:
                version = self._new_version(service, train_type, requested)
                service.trainings.append(
                    Training(train_type, version, copy.deepcopy(hp), description, requested)
                )
            service.data["hpConfig"] = copy.deepcopy(hp)
            if running:
                service.job_started = requested

    def seed_attach(self, service_id: str, dataset_ids: list[str]) -> None:
        with self._lock:
            service = self._service(service_id)
            service.attached = list(dataset_ids)
            service.data["datasets"] = []

    def seed_schedule(
        self, service_id: str, types: list[str], hp: Json, description: str, started: float
    ) -> None:
        with self._lock:
            service = self._service(service_id)
            term = service.data.get("learningInterval")
            versions = {}
            for train_type in types:
                version = self._new_version(service, train_type, started)
                versions[train_type] = version
                service.trainings.append(
                    Training(train_type, version, copy.deepcopy(hp), description, started)
                )
            service.schedule = Schedule(started, rules.TERMS[str(term)], list(types), versions)
            service.data["hpConfig"] = copy.deepcopy(hp)
