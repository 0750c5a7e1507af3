"""What happens to one AiTEMS request once it has been read: the gateway, then the service.

Pure logic, no sockets: :meth:`SandboxApi.handle` takes an :class:`ApiRequest` and returns a
:class:`Response`, so the HTTP handler only reads, writes and injects faults.

Order of checks, as a gateway in front of a service does them: unknown resource (404 envelope,
code 300), authentication (401 envelope, code 200), then the service's own checks (flat
errors). The body-size limit (413, code 430) is enforced while reading, in the handler.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import parse_qs

from aitems_desktop.sandbox import checks, gateway_auth, routes, rules
from aitems_desktop.sandbox.checks import BadRequestError
from aitems_desktop.sandbox.errors import Response, gateway_error, json_response, service_error
from aitems_desktop.sandbox.store import RuleError, Store

API_PREFIX: Final = "/api/v1"
#: The service reports its own paths without the gateway's version prefix.
SERVICE_PATH_PREFIX: Final = "/api"


@dataclass(frozen=True)
class ApiRequest:
    """A request as received: ``target`` is the raw request target, headers lower-cased.

    ``all_headers`` gives every value of a header (for duplicate checks); without it the
    single value in ``headers`` is used.
    """

    method: str
    target: str
    headers: dict[str, str]
    body: bytes
    all_headers: Callable[[str], Sequence[str]] | None = field(default=None, compare=False)

    def values(self, name: str) -> Sequence[str]:
        if self.all_headers is not None:
            return self.all_headers(name)
        value = self.headers.get(name)
        return [] if value is None else [value]


@dataclass(frozen=True)
class ApiAnswer:
    response: Response
    #: False when the gateway refused the request (its body must not be kept anywhere).
    authenticated: bool
    route_id: str | None


def split_target(target: str) -> tuple[str, str]:
    """Split a request target into path and query (the query without ``?``)."""
    path, _, query = target.partition("?")
    return path, query


def relative_path(path: str) -> str | None:
    """The path relative to ``/api/v1``, or None when it is outside the API."""
    if path == API_PREFIX or path.startswith(API_PREFIX + "/"):
        return path[len(API_PREFIX) :]
    return None


class SandboxApi:
    """The gateway's checks and the 27 service operations over one :class:`Store`."""

    def __init__(
        self,
        store: Store,
        access_key: str,
        secret_key: str,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.access_key = access_key
        self.secret_key = secret_key
        #: The gateway's wall clock (judges timestamps, fills ``Date``); not the simulated one.
        self.clock = clock

    def answer_would_pass(self, request: ApiRequest) -> bool:
        """True when the request names an operation and the gateway would let it through."""
        path, _ = split_target(request.target)
        relative = relative_path(path)
        if relative is None or routes.match(request.method, relative) is None:
            return False
        failure = gateway_auth.check(
            request.method,
            request.target,
            request.values,
            self.access_key,
            self.secret_key,
            int(self.clock() * 1000),
        )
        return failure is None

    def handle(self, request: ApiRequest) -> Response:
        return self.answer(request).response

    def answer(self, request: ApiRequest) -> ApiAnswer:
        path, query = split_target(request.target)
        relative = relative_path(path)
        found = routes.match(request.method, relative) if relative is not None else None
        if found is None:
            return ApiAnswer(
                gateway_error("300", f"No resource for {request.method} {printable(path)}."),
                False,
                None,
            )
        failure = gateway_auth.check(
            request.method,
            request.target,
            request.values,
            self.access_key,
            self.secret_key,
            int(self.clock() * 1000),
        )
        if failure is not None:
            return ApiAnswer(gateway_error("200", failure.details), False, None)
        route, params = found
        api_path = SERVICE_PATH_PREFIX + (relative or "")
        try:
            response = self._dispatch(
                route.id, params, request, parse_qs(query, keep_blank_values=True)
            )
        except BadRequestError as e:
            response = service_error(400, e.error, "BAD_REQUEST", e.message, api_path)
        except RuleError as e:
            response = service_error(e.status, e.error, e.error_code, e.message, api_path)
        return ApiAnswer(response, True, route.id)

    # --- the service ---------------------------------------------------------------------

    def _body(self, request: ApiRequest) -> dict[str, Any]:
        return checks.json_body(request.headers.get("content-type", ""), request.body)

    def _dispatch(
        self, op: str, p: dict[str, str], request: ApiRequest, q: dict[str, list[str]]
    ) -> Response:
        store = self.store
        handler = getattr(self, f"_op_{op}")
        result: Response = handler(store, p, request, q)
        return result

    # Services ----------------------------------------------------------------------------

    def _op_S1(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        body = self._body(r)
        name = checks.name(body, "service")
        description = checks.description(body)
        service_type = checks.one_of(body, "type", rules.SERVICE_TYPES, rules.DEFAULT_SERVICE_TYPE)
        return json_response(201, store.create_service(name, description, service_type))

    def _op_S2(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        offset, limit = checks.paging(q)
        # Real answers were seen without offset and limit: the sandbox leaves them out here.
        return json_response(200, {"services": store.page(offset, limit)})

    def _op_S3(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        return json_response(200, store.get(p["serviceId"]))

    def _op_S4(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        body = self._body(r)
        name = checks.name(body, "service")
        description = checks.description(body)
        return json_response(200, store.update(p["serviceId"], name, description))

    def _op_S5(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        store.delete(p["serviceId"])
        return json_response(200, {"result": "ok"})

    def _op_S6(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        body = self._body(r)
        ids = body.get("datasetIds")
        if not isinstance(ids, list) or not all(isinstance(i, str) and i for i in ids):
            raise BadRequestError("[datasetIds] is required: a list of dataset ids.")
        if len(ids) != len(rules.DATASET_TYPES) or len(set(ids)) != len(ids):
            raise BadRequestError(
                "[datasetIds] needs exactly one dataset each of user, item and interaction."
            )
        return json_response(200, store.attach_datasets(p["serviceId"], ids))

    def _op_S7(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        body = self._body(r)
        term = checks.one_of(body, "term", tuple(rules.TERMS), None)
        return json_response(200, store.set_interval(p["serviceId"], term))

    def _op_S8(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        body = self._body(r)
        types = checks.string_list(body, "types", rules.TRAIN_TYPES)
        description = checks.description(body)
        hp = checks.hp_config(body, types)
        return json_response(200, store.train(p["serviceId"], types, description, hp))

    def _op_S9(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        action = checks.query_one_of(q, "action", rules.SCHEDULE_ACTIONS)
        if action == "stop":
            # The body's fields are about what to train; stopping needs none of them.
            return json_response(200, store.stop_schedule(p["serviceId"]))
        body = self._body(r)
        types = checks.string_list(body, "trainTypes", rules.TRAIN_TYPES)
        description = checks.description(body)
        hp = checks.hp_config(body, types)
        return json_response(200, store.start_schedule(p["serviceId"], types, description, hp))

    def _op_S10(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        body = self._body(r)
        dataset_type = checks.one_of(body, "type", rules.DATASET_TYPES, None)
        store.append_rows(p["serviceId"], p["datasetId"], dataset_type, body.get("value"))
        # No answer body is documented (status only), as a Spring ``ResponseEntity<Void>``.
        return Response(200, b"", "")

    # Trainings, updates, lookups ---------------------------------------------------------

    def _op_T1(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        offset, limit = checks.paging(q)
        recent_raw = q.get("isRecent", ["false"])[-1].lower()
        if recent_raw not in ("true", "false"):
            raise BadRequestError("[isRecent] must be true or false.")
        trains = store.trainings(p["serviceId"], recent_raw == "true", offset, limit)
        return json_response(200, {"trains": trains, "offset": offset, "limit": limit})

    def _op_T2(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        if p["trainType"] not in rules.TRAIN_TYPES:
            raise BadRequestError(f"[trainType] must be one of {', '.join(rules.TRAIN_TYPES)}.")
        return json_response(200, store.training(p["serviceId"], p["trainType"], p["version"]))

    def _op_U1(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        train_type = checks.query_one_of(q, "type", rules.TRAIN_TYPES)
        versions = q.get("trainVersion")
        if not versions or not versions[-1]:
            raise BadRequestError("[trainVersion] is required.")
        offset, limit = checks.paging(q)
        updates = store.updates(p["serviceId"], train_type, versions[-1], offset, limit)
        return json_response(200, {"updates": updates})

    def _op_I1(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        train_type = checks.query_one_of(q, "type", rules.TRAIN_TYPES)
        targets = q.get("targetId")
        target = targets[-1] if targets else ""
        if rules.LOOKUP_TARGET[train_type] is not None and not target:
            raise BadRequestError(
                f"[targetId] is required: a {rules.LOOKUP_TARGET[train_type]} for {train_type}."
            )
        values = store.lookup(p["serviceId"], train_type, target)
        return json_response(200, {"field": rules.LOOKUP_FIELD, "values": values})

    # Datasets ----------------------------------------------------------------------------

    def _dataset_args(self, body: dict[str, Any]) -> tuple[str, str, str, dict[str, Any]]:
        dataset_type = checks.one_of(body, "type", rules.DATASET_TYPES, None)
        name = checks.name(body, "dataset")
        schema_name = checks.name(body, "schema", key="schemaName")
        return dataset_type, name, schema_name, _os_info(body)

    def _op_D1(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        body = self._body(r)
        dataset_type, name, schema_name, os_info = self._dataset_args(body)
        description = checks.description(body, required=True)
        return json_response(
            201, store.create_dataset(dataset_type, name, description, schema_name, os_info)
        )

    def _op_D2(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        offset, limit = checks.paging(q)
        datasets = store.list_datasets(offset, limit)
        return json_response(200, {"datasets": datasets, "offset": offset, "limit": limit})

    def _op_D3(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        return json_response(200, store.get_dataset(p["datasetId"]))

    def _op_D4(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        body = self._body(r)
        dataset_type, name, schema_name, os_info = self._dataset_args(body)
        description = checks.description(body) if "description" in body else None
        return json_response(
            200,
            store.modify_dataset(
                p["datasetId"], dataset_type, name, description, schema_name, os_info
            ),
        )

    def _op_D5(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        body = self._body(r)
        content = checks.description(body, key="content", required=True)
        return json_response(200, store.describe_dataset(p["datasetId"], content))

    def _op_D6(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        store.delete_dataset(p["datasetId"])
        return json_response(200, {"result": "ok"})

    # Schemas -----------------------------------------------------------------------------

    def _schema_args(
        self, body: dict[str, Any], description_required: bool
    ) -> tuple[str, str, list[dict[str, Any]], str]:
        dataset_type = checks.one_of(body, "datasetType", rules.DATASET_TYPES, None)
        name = checks.name(body, "schema")
        fields = checks.schema_fields(dataset_type, body.get("fields"))
        description = checks.description(body, required=description_required)
        return dataset_type, name, fields, description

    def _op_C1(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        dataset_type, name, fields, description = self._schema_args(self._body(r), False)
        return json_response(201, store.create_schema(dataset_type, name, fields, description))

    def _op_C2(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        offset, limit = checks.paging(q)
        dataset_type = None
        if q.get("datasetType"):
            dataset_type = checks.query_one_of(q, "datasetType", rules.DATASET_TYPES)
        schemas = store.list_schemas(dataset_type, offset, limit)
        return json_response(200, {"schemas": schemas, "offset": offset, "limit": limit})

    def _op_C3(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        return json_response(200, store.get_schema(p["schemaName"]))

    def _op_C4(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        dataset_type = checks.query_one_of(q, "datasetType", rules.DATASET_TYPES)
        fields = [
            {"name": n, "type": [t], "categorical": False}
            for n, t in rules.REQUIRED_FIELDS[dataset_type]
        ]
        return json_response(
            200,
            {
                "datasetType": dataset_type,
                "name": "default",
                "fields": fields,
                "description": f"The required fields of a {dataset_type} schema.",
            },
        )

    def _op_C5(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        dataset_type, name, fields, description = self._schema_args(self._body(r), True)
        store.check_schema_name_free(name)
        shown = [
            {
                "name": f["name"],
                "type": f["type"],
                **({"categorical": True} if f["categorical"] else {}),
            }
            for f in fields
        ]
        return json_response(
            200,
            {
                "datasetType": dataset_type,
                "name": name,
                "fields": shown,
                "description": description,
            },
        )

    def _op_C6(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        body = self._body(r)
        content = checks.description(body, key="content", required=True)
        return json_response(200, store.describe_schema(p["schemaName"], content))

    def _op_C7(self, store: Store, p: dict[str, str], r: ApiRequest, q: Any) -> Response:
        store.delete_schema(p["schemaName"])
        return json_response(200, {"result": "ok"})


def _os_info(body: dict[str, Any]) -> dict[str, Any]:
    info = body.get("osInfo")
    if not isinstance(info, dict):
        raise BadRequestError("[osInfo] is required: {region, bucket, key}.")
    region, bucket, key = info.get("region"), info.get("bucket"), info.get("key")
    if region not in rules.OS_REGIONS:
        raise BadRequestError(f"[osInfo.region] must be one of {', '.join(rules.OS_REGIONS)}.")
    if not isinstance(bucket, str) or not bucket:
        raise BadRequestError("[osInfo.bucket] is required.")
    if not isinstance(key, str) or not key:
        raise BadRequestError("[osInfo.key] is required.")
    if not key.endswith((*rules.DATASET_FILE_SUFFIXES, "/")):
        raise BadRequestError(
            "[osInfo.key] must name a .csv or .csv.gz object, or a prefix ending in '/'."
        )
    return {"region": region, "bucket": bucket, "key": key}


def printable(text: str) -> str:
    """Text safe to echo: control characters and non-ASCII shown as escapes."""
    return text.encode("ascii", "backslashreplace").decode("ascii").translate(_CONTROL_ESCAPES)


_CONTROL_ESCAPES: Final = {i: f"\\x{i:02x}" for i in [*range(0x20), 0x7F]}
