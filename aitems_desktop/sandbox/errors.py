"""The two error body shapes AiTEMS answers with, built once for the whole sandbox.

The gateway envelope (``{"error": {"errorCode": "200", ...}}``) covers authentication,
routing, throttling and gateway faults; the flat service error covers validation and
business rules. ``errorCode`` in the envelope is a string, as the real gateway sends it.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from aitems_desktop.sandbox.simclock import SERVICE_TIME_ZONE

#: The gateway's own table: errorCode -> (HTTP status, message).
GATEWAY_ERRORS: Final[dict[str, tuple[int, str]]] = {
    "100": (400, "Bad Request Exception"),
    "200": (401, "Authentication Failed"),
    "210": (401, "Permission Denied"),
    "230": (403, "Forbidden"),
    "300": (404, "Not Found Exception"),
    "400": (429, "Quota Exceeded"),
    "410": (429, "Throttle Limited"),
    "420": (429, "Rate Limited"),
    "430": (413, "Request Entity Too Large"),
    "500": (503, "Endpoint Error"),
    "510": (504, "Endpoint Timeout"),
    "900": (500, "Unexpected Error"),
}

JSON_TYPE: Final = "application/json;charset=UTF-8"


def format_date(moment: datetime | None = None) -> str:
    """Return a date as AiTEMS writes it: Korea Standard Time, no zone, milliseconds."""
    moment = moment or datetime.now(SERVICE_TIME_ZONE)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}"


def new_request_id() -> str:
    """Return a request id like the service's: 8 lowercase hex digits."""
    return secrets.token_hex(4)


@dataclass(frozen=True)
class Response:
    """One HTTP answer before it is written: status, body bytes and extra headers."""

    status: int
    body: bytes = b""
    content_type: str = JSON_TYPE
    headers: dict[str, str] = field(default_factory=dict)


def json_response(status: int, payload: Any, headers: dict[str, str] | None = None) -> Response:
    """Return a JSON response; non-ASCII text is sent as UTF-8, as the service does."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(status, body, JSON_TYPE, dict(headers or {}))


def gateway_error(
    code: str,
    details: str | None = None,
    *,
    status: int | None = None,
    message: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """Return the gateway envelope for ``code``; status and message default to the table."""
    known_status, known_message = GATEWAY_ERRORS.get(code, (500, "Unexpected Error"))
    error: dict[str, str] = {"errorCode": code, "message": message or known_message}
    if details is not None:
        error["details"] = details
    return json_response(status or known_status, {"error": error}, headers)


def service_error(
    status: int, error: str, error_code: str, message: str, api_path: str
) -> Response:
    """Return the flat AiTEMS service error, with a fresh request id."""
    return json_response(
        status,
        {
            "timestamp": format_date(),
            "path": api_path,
            "status": status,
            "error": error,
            "requestId": new_request_id(),
            "errorCode": error_code,
            "message": message,
        },
    )
