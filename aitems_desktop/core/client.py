"""The single-service client the first window was built on, now a thin layer over the engine.

New code calls :class:`aitems_desktop.core.api.AitemsApi` and the workflows of
:mod:`aitems_desktop.core.usecases`; this module keeps the first window's five calls working on
the same engine until that window is replaced.
"""

from __future__ import annotations

import time
from typing import Any

from aitems_desktop.core import catalogue, errors, usecases
from aitems_desktop.core.api import AitemsApi
from aitems_desktop.core.connection import DEFAULT_TIMEOUT
from aitems_desktop.core.engine import (
    DEFAULT_ATTEMPT_SECONDS,
    DEFAULT_MAX_RESPONSE_BYTES,
    MAX_ERROR_BODY_BYTES,
    Engine,
    error_from_response,
)
from aitems_desktop.core.models import (
    CreateServiceRequest,
    ResultMessage,
    Service,
    ServiceList,
    UpdateServiceRequest,
)
from aitems_desktop.core.signing import Clock

__all__ = [
    "DEFAULT_MAX_RESPONSE_BYTES",
    "MAX_ERROR_BODY_BYTES",
    "AitemsClient",
    "error_from_response",
]


class AitemsClient:
    """Create, list, read, edit and delete services, over one :class:`Engine`."""

    def __init__(
        self,
        base_url: str,
        access_key: str,
        secret_key: str,
        *,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        proxy: str | None = None,
        ca_bundle: str | None = None,
        clock: Clock = time.time,
        max_attempts: int = 4,
        backoff_base: float = 0.5,
        backoff_max: float = 8.0,
        max_retry_wait: float = 30.0,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        total_read_seconds: float = DEFAULT_ATTEMPT_SECONDS,
    ) -> None:
        self.engine = Engine(
            base_url,
            access_key,
            secret_key,
            timeout=timeout,
            attempt_seconds=total_read_seconds,
            proxy=proxy,
            ca_bundle=ca_bundle,
            clock=clock,
            max_attempts=max_attempts,
            backoff_base=backoff_base,
            backoff_max=backoff_max,
            max_retry_wait=max_retry_wait,
            max_response_bytes=max_response_bytes,
        )
        self.api = AitemsApi(self.engine)
        self.base_url = self.engine.base_url
        self.access_key = access_key

    def __repr__(self) -> str:
        return f"AitemsClient(base_url={self.base_url!r}, access_key={self.access_key!r})"

    def create_service(self, request: CreateServiceRequest) -> Service:
        """``POST /services``: create a service. Never sent twice blindly."""
        try:
            return self.api.services.create(request)
        except errors.DuplicateNameError as exc:
            exc.name = exc.name or request.name
            raise

    def list_services(self, offset: int = 0, limit: int = 1000) -> ServiceList:
        return self.api.services.list(offset=offset, limit=limit)

    def get_service(self, service_id: str) -> Service:
        return self.api.services.get(service_id)

    def update_service(self, service_id: str, request: UpdateServiceRequest) -> Service:
        return self.api.services.update(service_id, request)

    def delete_service(self, service_id: str) -> ResultMessage:
        return self.api.services.delete(service_id)

    def find_service_by_name(self, name: str, *, page_size: int = 1000) -> Service | None:
        """Look a service up by its exact name (list, then get); None when there is none."""
        return usecases.find_service(self.api, name)

    def curl_command(
        self, method: str, path: str, body: Any | None = None, params: Any | None = None
    ) -> str:
        """A freshly signed ``curl`` command that reads one service again."""
        service_id = path.rsplit("/", 1)[-1]
        prepared = self.engine.prepare(catalogue.SERVICES_GET, path={"serviceId": service_id})
        return self.engine.curl_command(prepared)

    def cancel(self) -> None:
        self.engine.cancel()

    def close(self) -> None:
        self.engine.close()

    def __enter__(self) -> AitemsClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
