"""What happens to one request once it has been read: the gateway, then the service.

Pure logic, no sockets: :meth:`SandboxApi.handle` takes an :class:`ApiRequest` and returns
a :class:`Response`, so the HTTP handler only reads, writes and injects faults.

Order of checks, as a gateway in front of a service does them: unknown resource (404
envelope, code 300), authentication (401 envelope, code 200), then the service's own
checks (flat errors). The body-size limit (413, code 430) is enforced while reading, in
the handler, before any of this.
"""

from __future__ import annotations

import hmac
import json
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import parse_qs

from aitems_desktop.core.rules import (
    DESCRIPTION_MAX_LENGTH,
    SERVICE_TYPES,
    description_problems,
    service_name_problems,
)
from aitems_desktop.core.signing import (
    ACCESS_KEY_HEADER,
    MAX_CLOCK_SKEW_MS,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    sign,
)
from aitems_desktop.sandbox.errors import Response, gateway_error, json_response, service_error
from aitems_desktop.sandbox.store import ServiceRuleError, ServiceStore

API_PREFIX: Final = "/api/v1"
#: The service reports its own paths without the gateway's version prefix.
SERVICE_PATH_PREFIX: Final = "/api"
DEFAULT_LIMIT: Final = 1000

_SERVICES: Final = re.compile(r"/api/v1/services")
_SERVICE: Final = re.compile(r"/api/v1/services/([^/?#]+)")
_DATASETS: Final = re.compile(r"/api/v1/services/([^/?#]+)/datasets")


@dataclass(frozen=True)
class ApiRequest:
    """A request as received: ``target`` is the raw request target, headers lower-cased."""

    method: str
    target: str
    headers: Mapping[str, str]
    body: bytes


class _BadRequestError(Exception):
    def __init__(self, error: str, message: str) -> None:
        super().__init__(message)
        self.error = error
        self.message = message


def split_target(target: str) -> tuple[str, str]:
    """Split a request target into path and query (the query without ``?``)."""
    path, _, query = target.partition("?")
    return path, query


def route(method: str, path: str) -> tuple[str, str | None] | None:
    """Return the endpoint name and service id for a request, or None for no resource."""
    if _SERVICES.fullmatch(path):
        return {"GET": ("list", None), "POST": ("create", None)}.get(method)
    if m := _SERVICE.fullmatch(path):
        name = {"GET": "get", "PUT": "edit", "DELETE": "delete"}.get(method)
        return (name, m.group(1)) if name else None
    if (m := _DATASETS.fullmatch(path)) and method == "POST":
        return ("datasets", m.group(1))
    return None


class SandboxApi:
    """The gateway's checks and the service endpoints over one :class:`ServiceStore`."""

    def __init__(
        self,
        store: ServiceStore,
        access_key: str,
        secret_key: str,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.access_key = access_key
        self.secret_key = secret_key
        self.clock = clock

    def handle(self, request: ApiRequest) -> Response:
        path, query = split_target(request.target)
        endpoint = route(request.method, path)
        if endpoint is None:
            return gateway_error("300", f"No resource for {request.method} {path}.")
        rejection = self.authenticate(request)
        if rejection is not None:
            return rejection
        api_path = SERVICE_PATH_PREFIX + path[len(API_PREFIX) :]
        name, service_id = endpoint
        try:
            return self._dispatch(name, service_id, request, query)
        except _BadRequestError as e:
            return service_error(400, e.error, "BAD_REQUEST", e.message, api_path)
        except ServiceRuleError as e:
            return service_error(e.status, e.error, e.error_code, e.message, api_path)

    # --- the gateway ---------------------------------------------------------------------

    def authenticate(self, request: ApiRequest) -> Response | None:
        """The gateway's signature check; None when the request may pass."""
        headers = request.headers
        missing = [
            h for h in (TIMESTAMP_HEADER, ACCESS_KEY_HEADER, SIGNATURE_HEADER) if not headers.get(h)
        ]
        if missing:
            return gateway_error("200", f"Missing required header: {', '.join(missing)}.")
        timestamp = headers[TIMESTAMP_HEADER]
        if not timestamp.isascii() or not timestamp.isdigit():
            return gateway_error("200", "The timestamp must be Unix time in milliseconds.")
        now_ms = int(self.clock() * 1000)
        if abs(now_ms - int(timestamp)) >= MAX_CLOCK_SKEW_MS:
            return gateway_error("200", "The timestamp is 5 minutes or more from server time.")
        if not hmac.compare_digest(headers[ACCESS_KEY_HEADER], self.access_key):
            return gateway_error("200", "Unknown access key.")
        expected = sign(request.method, request.target, timestamp, self.access_key, self.secret_key)
        if not hmac.compare_digest(headers[SIGNATURE_HEADER].encode(), expected.encode()):
            return gateway_error("200", "The signature does not match.")
        return None

    # --- the service ---------------------------------------------------------------------

    def _dispatch(
        self, name: str, service_id: str | None, request: ApiRequest, query: str
    ) -> Response:
        if name == "list":
            offset, limit = _paging(query)
            return json_response(200, {"services": self.store.page(offset, limit)})
        if name == "create":
            body = _json_object(request)
            service = self.store.create(
                _service_name(body), _description(body), _service_type(body)
            )
            return json_response(201, service)
        assert service_id is not None
        if name == "get":
            return json_response(200, self.store.get(service_id))
        if name == "edit":
            body = _json_object(request)
            service = self.store.update(service_id, _service_name(body), _description(body))
            return json_response(200, service)
        if name == "delete":
            self.store.delete(service_id)
            return json_response(200, {"result": "ok"})
        body = _json_object(request)
        return json_response(200, self.store.attach_datasets(service_id, _dataset_ids(body)))


def _json_object(request: ApiRequest) -> dict[str, Any]:
    content_type = request.headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() != "application/json":
        # Raised as a plain bad request: the service, not the gateway, reads the body.
        raise _BadRequestError("UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json.")
    try:
        body = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise _BadRequestError("INVALID_REQUEST_BODY", f"Malformed JSON request body: {e}") from e
    if not isinstance(body, dict):
        raise _BadRequestError("INVALID_REQUEST_BODY", "The request body must be a JSON object.")
    return body


def _service_name(body: dict[str, Any]) -> str:
    name = body.get("name")
    if not isinstance(name, str):
        raise _BadRequestError("INVALID_PARAMETER", "[name] is required.")
    problems = service_name_problems(name)
    if problems:
        raise _BadRequestError(
            "INVALID_PARAMETER",
            f"[name] must be 3 to 20 ASCII letters, digits, '_' or '-', starting with a letter "
            f"or '_' ({', '.join(problems)}).",
        )
    return name


def _description(body: dict[str, Any]) -> str:
    description = body.get("description")
    if description is None:
        return ""
    if not isinstance(description, str) or description_problems(description):
        raise _BadRequestError(
            "INVALID_PARAMETER",
            f"[description] must be text of at most {DESCRIPTION_MAX_LENGTH} characters.",
        )
    return description


def _service_type(body: dict[str, Any]) -> str:
    service_type = body.get("type", "batch")
    if service_type not in SERVICE_TYPES:
        raise _BadRequestError(
            "INVALID_PARAMETER", f"[type] must be one of {', '.join(SERVICE_TYPES)}."
        )
    return str(service_type)


def _dataset_ids(body: dict[str, Any]) -> list[str]:
    ids = body.get("datasetIds")
    if not isinstance(ids, list) or len(ids) != 3 or not all(isinstance(i, str) for i in ids):
        raise _BadRequestError("INVALID_PARAMETER", "[datasetIds] must list three dataset ids.")
    return ids


def _paging(query: str) -> tuple[int, int]:
    params = parse_qs(query, keep_blank_values=True)
    values = []
    for key, default in (("offset", 0), ("limit", DEFAULT_LIMIT)):
        raw = params.get(key, [str(default)])[-1]
        if not raw.isascii() or not raw.isdigit():
            raise _BadRequestError("INVALID_PARAMETER", f"[{key}] must be a non-negative integer.")
        values.append(int(raw))
    return values[0], values[1]
