"""The sandbox's state: services and datasets, behind one lock.

Every method takes the lock for its whole read-check-write, so concurrent creates can
neither lose a service nor let two services share a name. Callers get deep copies, never
the stored dicts.
"""

from __future__ import annotations

import copy
import secrets
import string
import threading
from typing import Any, Final

from aitems_desktop.sandbox.errors import format_date

SERVICE_ID_ALPHABET: Final = string.ascii_lowercase + string.digits
SERVICE_ID_LENGTH: Final = 11
DATASET_ID_LENGTH: Final = 11
#: Keeps a long-running sandbox from growing without bound.
MAX_SERVICES: Final = 100_000
DATASET_TYPES: Final = ("user", "item", "interaction")

Json = dict[str, Any]


class ServiceRuleError(Exception):
    """A business-rule failure; the API layer turns it into the flat service error."""

    def __init__(self, status: int, error: str, error_code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.error_code = error_code
        self.message = message


def not_found(service_id: str) -> ServiceRuleError:
    return ServiceRuleError(404, "NOT_FOUND", "NOT_FOUND", f"[{service_id}] service not found.")


def _new_id(taken: dict[str, Json], length: int) -> str:
    while True:
        candidate = "".join(secrets.choice(SERVICE_ID_ALPHABET) for _ in range(length))
        if candidate not in taken:
            return candidate


def summary(service: Json) -> Json:
    """The list entry of a service, with the keys ``GET /services`` documents."""
    return {
        "serviceId": service["serviceId"],
        "name": service["name"],
        "status": service["status"],
        "createdDate": service["createdDate"],
        "updatedDate": service["updatedDate"],
        # Documented keys whose values the docs never show; null says "unknown" honestly.
        "actionName": service.get("actionName"),
        "permission": service.get("permission"),
    }


class ServiceStore:
    """Services and datasets of one sandbox, safe to use from many handler threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._services: dict[str, Json] = {}
        self._datasets: dict[str, Json] = {}

    # --- services ------------------------------------------------------------------------

    def _check_name_free(self, name: str, except_id: str | None = None) -> None:
        for service in self._services.values():
            if service["name"] == name and service["serviceId"] != except_id:
                raise ServiceRuleError(
                    400, "DUPLICATE_NAME", "BAD_REQUEST", f"[{name}] is a duplicate name."
                )

    def create(self, name: str, description: str, service_type: str) -> Json:
        """Create a service exactly as the API documents a new one; 400 on a duplicate."""
        now = format_date()
        with self._lock:
            self._check_name_free(name)
            if len(self._services) >= MAX_SERVICES:
                raise ServiceRuleError(
                    400, "SERVICE_LIMIT_EXCEEDED", "BAD_REQUEST", "Too many services."
                )
            service: Json = {
                "serviceId": _new_id(self._services, SERVICE_ID_LENGTH),
                "name": name,
                "description": description,
                "type": service_type,
                "status": "datasetRequired",
                "datasets": [],
                "hpConfig": {"is_enabled": False},
                "infers": [],
                "createdDate": now,
                "updatedDate": now,
            }
            self._services[service["serviceId"]] = service
            return copy.deepcopy(service)

    def add(self, service: Json) -> Json:
        """Store a complete service (tests and demo data); fills id and dates when missing."""
        now = format_date()
        with self._lock:
            service = copy.deepcopy(service)
            service.setdefault("serviceId", _new_id(self._services, SERVICE_ID_LENGTH))
            service.setdefault("createdDate", now)
            service.setdefault("updatedDate", now)
            self._services[service["serviceId"]] = service
            return copy.deepcopy(service)

    def page(self, offset: int, limit: int) -> list[Json]:
        """Summaries in creation order, ``limit`` of them from ``offset``."""
        with self._lock:
            services = list(self._services.values())[offset : offset + limit]
            return [summary(s) for s in services]

    def get(self, service_id: str) -> Json:
        with self._lock:
            service = self._services.get(service_id)
            if service is None:
                raise not_found(service_id)
            return copy.deepcopy(service)

    def update(self, service_id: str, name: str, description: str) -> Json:
        with self._lock:
            service = self._services.get(service_id)
            if service is None:
                raise not_found(service_id)
            self._check_name_free(name, except_id=service_id)
            service["name"] = name
            service["description"] = description
            service["updatedDate"] = format_date()
            return copy.deepcopy(service)

    def delete(self, service_id: str) -> None:
        with self._lock:
            if self._services.pop(service_id, None) is None:
                raise not_found(service_id)

    def snapshot(self) -> list[Json]:
        """Every service as ``GET /services/{id}`` would return it, in creation order."""
        with self._lock:
            return copy.deepcopy(list(self._services.values()))

    # --- datasets ------------------------------------------------------------------------

    def add_dataset(
        self, dataset_type: str, name: str, schema_name: str, status: str = "learnable"
    ) -> Json:
        """Register a dataset that services can be given (datasets have no endpoints here)."""
        now = format_date()
        with self._lock:
            dataset: Json = {
                "datasetId": _new_id(self._datasets, DATASET_ID_LENGTH),
                "type": dataset_type,
                "name": name,
                "schemaName": schema_name,
                "status": status,
                "createdDate": now,
                "updatedDate": now,
            }
            self._datasets[dataset["datasetId"]] = dataset
            return copy.deepcopy(dataset)

    def datasets(self) -> list[Json]:
        """Every registered dataset, attached or not, in creation order (a snapshot)."""
        with self._lock:
            return copy.deepcopy(list(self._datasets.values()))

    def attach_datasets(self, service_id: str, dataset_ids: list[str]) -> Json:
        """Give a service one dataset of each type; it becomes ``learnable``."""
        with self._lock:
            service = self._services.get(service_id)
            if service is None:
                raise not_found(service_id)
            datasets = []
            for dataset_id in dataset_ids:
                dataset = self._datasets.get(dataset_id)
                if dataset is None:
                    raise ServiceRuleError(
                        404, "NOT_FOUND", "NOT_FOUND", f"[{dataset_id}] dataset not found."
                    )
                datasets.append(dataset)
            if sorted(d["type"] for d in datasets) != sorted(DATASET_TYPES):
                raise ServiceRuleError(
                    400,
                    "INVALID_PARAMETER",
                    "BAD_REQUEST",
                    "[datasetIds] needs one dataset each of user, item and interaction.",
                )
            service["datasets"] = copy.deepcopy(datasets)
            service["status"] = "learnable"
            service["updatedDate"] = format_date()
            return copy.deepcopy(service)
