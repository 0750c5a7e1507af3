"""The AiTEMS HTTP client: every endpoint a named method, every call signed, every fault typed.

One :class:`AitemsClient` per connection (endpoint + key pair). It is safe to share between
threads: each thread gets its own ``requests.Session``. Calls block; run them off the GUI
thread. :meth:`AitemsClient.cancel` stops every call in flight at once.
"""

from __future__ import annotations

import json
import logging
import random
import shlex
import threading
import time
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any, Final, TypeVar
from urllib.parse import quote, urlencode

import requests
from pydantic import SecretStr, ValidationError
from urllib3.exceptions import NewConnectionError

from aitems_desktop.core import errors
from aitems_desktop.core.connection import DEFAULT_ENDPOINT, DEFAULT_TIMEOUT
from aitems_desktop.core.models import (
    CreateServiceRequest,
    DeleteResult,
    ResponseModel,
    Service,
    ServiceList,
    UpdateServiceRequest,
)
from aitems_desktop.core.signing import MAX_CLOCK_SKEW_MS, Clock, request_target, signed_headers
from aitems_desktop.core.transport import CancellableAdapter, CancelScope, active_scope

log = logging.getLogger(__name__)

DEFAULT_BASE_URL: Final = DEFAULT_ENDPOINT
#: A larger answer is an error, not a hang (a service with 20,000 infers is about 5 MB).
DEFAULT_MAX_RESPONSE_BYTES: Final = 16 * 1024 * 1024
#: An error body is only read this far: enough for any real error, not for a runaway page.
MAX_ERROR_BODY_BYTES: Final = 64 * 1024
EXCERPT_CHARS: Final = 300
RETRYABLE_STATUSES: Final = frozenset({429, 503, 504})

_ModelT = TypeVar("_ModelT", bound=ResponseModel)


class AitemsClient:
    """A signed client for the AiTEMS REST API.

    ``timeout`` is ``(connect, read)`` in seconds; the read timeout bounds each wait for data,
    and ``total_read_seconds`` bounds the whole body. Idempotent calls (GET, PUT, DELETE) are
    retried on connection errors, 429, 503 and 504, up to ``max_attempts`` in all, with
    exponential backoff and jitter, honouring ``Retry-After`` up to ``max_retry_wait``. A
    create (POST) is sent again only when the connection could not even be opened.
    """

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
        total_read_seconds: float = 120.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.access_key = access_key
        self._secret = SecretStr(secret_key)
        self.timeout = timeout
        self.proxy = proxy or None
        self.ca_bundle = ca_bundle or None
        self._clock = clock
        self.max_attempts = max(1, max_attempts)
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.max_retry_wait = max_retry_wait
        self.max_response_bytes = max_response_bytes
        self.total_read_seconds = total_read_seconds
        self._scope = CancelScope()
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._sessions_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"AitemsClient(base_url={self.base_url!r}, access_key={self.access_key!r})"

    # --- endpoints -----------------------------------------------------------------------

    def create_service(self, request: CreateServiceRequest) -> Service:
        """``POST /services``: create a service. Never sent twice blindly."""
        try:
            data = self._call("POST", "/services", body=request.model_dump(mode="json"))
        except errors.DuplicateNameError as exc:
            exc.name = exc.name or request.name
            raise
        return self._parse(Service, data)

    def list_services(self, offset: int = 0, limit: int = 1000) -> ServiceList:
        """``GET /services``: one page of services."""
        data = self._call("GET", "/services", params={"offset": offset, "limit": limit})
        return self._parse(ServiceList, data)

    def get_service(self, service_id: str) -> Service:
        """``GET /services/{serviceId}``: one service with its datasets, hpConfig and infers."""
        return self._parse(Service, self._call("GET", f"/services/{_segment(service_id)}"))

    def update_service(self, service_id: str, request: UpdateServiceRequest) -> Service:
        """``PUT /services/{serviceId}``: rename or describe a service."""
        data = self._call(
            "PUT", f"/services/{_segment(service_id)}", body=request.model_dump(mode="json")
        )
        return self._parse(Service, data)

    def delete_service(self, service_id: str) -> DeleteResult:
        """``DELETE /services/{serviceId}``."""
        return self._parse(DeleteResult, self._call("DELETE", f"/services/{_segment(service_id)}"))

    def find_service_by_name(self, name: str, *, page_size: int = 1000) -> Service | None:
        """Look a service up by its exact name (list, then get); None when there is none.

        This is how an ambiguous create is resolved: after a connection dropped mid-request,
        the service either exists under its name or was never created.
        """
        offset = 0
        while True:
            page = self.list_services(offset=offset, limit=page_size)
            for summary in page.services:
                if summary.name == name:
                    return self.get_service(summary.service_id)
            if len(page.services) < page_size:
                return None
            offset += page_size

    # --- helpers for the GUI ---------------------------------------------------------------

    def curl_command(
        self,
        method: str,
        path: str,
        body: Any | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> str:
        """Return a freshly signed ``curl`` command line for one call.

        It carries the access key, a timestamp and a signature that the gateway accepts for
        five minutes; the secret key itself is never part of it.
        """
        url = self._url(path, params)
        headers = signed_headers(
            method,
            request_target(url),
            self.access_key,
            self._secret.get_secret_value(),
            clock=self._clock,
        )
        words = ["curl", "-sS", "-X", method.upper(), url]
        for name, value in headers.items():
            words += ["-H", f"{name}: {value}"]
        if body is not None:
            words += ["--data-binary", _encode_body(body).decode("utf-8")]
        return " ".join(shlex.quote(word) for word in words)

    def cancel(self) -> None:
        """Stop every call in flight on this client; each raises :class:`CancelledError`."""
        self._scope.cancel()

    def close(self) -> None:
        """Close every session (and with them, their pooled connections)."""
        with self._sessions_lock:
            sessions, self._sessions = self._sessions, []
        for session in sessions:
            session.close()

    def __enter__(self) -> AitemsClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- the call ------------------------------------------------------------------------

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            adapter = CancellableAdapter(max_retries=0)
            session.mount("https://", adapter)
            session.mount("http://", adapter)
            if self.proxy:
                session.proxies = {"http": self.proxy, "https": self.proxy}
                session.trust_env = False  # the profile's proxy wins over the environment
            self._local.session = session
            with self._sessions_lock:
                self._sessions.append(session)
        return session

    def _url(self, path: str, params: Mapping[str, Any] | None = None) -> str:
        url = f"{self.base_url}{path}"
        if params:
            url = f"{url}?{urlencode(params, quote_via=quote)}"
        return url

    def _call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        body: Any | None = None,
    ) -> Any:
        url = self._url(path, params)
        data = _encode_body(body) if body is not None else None
        idempotent = method.upper() != "POST"
        generation = self._scope.generation
        with active_scope(self._scope):
            attempt = 0
            while True:
                attempt += 1
                self._check_cancelled(generation)
                try:
                    return self._attempt(method, url, data, attempt, generation)
                except errors.NetworkError as exc:
                    self._check_cancelled(generation)
                    # A certificate that fails verification fails the same way every time.
                    retry = not isinstance(exc, errors.TlsError) and (
                        idempotent or not exc.may_have_reached_server
                    )
                    if not retry or attempt >= self.max_attempts:
                        raise
                    delay = self._backoff(attempt)
                except (errors.RateLimitedError, errors.ServerError) as exc:
                    if not (idempotent and exc.http_status in RETRYABLE_STATUSES):
                        raise
                    if attempt >= self.max_attempts:
                        raise
                    retry_after = getattr(exc, "retry_after", None)
                    delay = retry_after if retry_after is not None else self._backoff(attempt)
                    if delay > self.max_retry_wait:
                        raise
                log.info("retrying %s %s in %.2f s (attempt %d)", method, path, delay, attempt + 1)
                self._wait(delay, generation)

    def _attempt(
        self, method: str, url: str, data: bytes | None, attempt: int, generation: int
    ) -> Any:
        session = self._session()
        request = requests.Request(
            method.upper(),
            url,
            data=data,
            auth=_SigningAuth(self),
            headers={"Accept": "application/json"},
        )
        prepared = session.prepare_request(request)
        target = prepared.path_url
        started = time.monotonic()
        try:
            response = session.send(
                prepared,
                timeout=self.timeout,
                stream=True,
                verify=self.ca_bundle or True,
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            self._check_cancelled(generation)
            log.warning(
                "%s %s failed after %.0f ms (attempt %d): %s",
                method,
                target,
                (time.monotonic() - started) * 1000,
                attempt,
                type(exc).__name__,
            )
            raise _network_error(exc, self.timeout) from None
        with response:
            status = response.status_code
            ok = 200 <= status < 300
            limit = self.max_response_bytes if ok else MAX_ERROR_BODY_BYTES
            body, truncated = self._read_body(response, limit, generation, fail_when_over=ok)
            log.info(
                "%s %s -> %d in %.0f ms (attempt %d)",
                method,
                target,
                status,
                (time.monotonic() - started) * 1000,
                attempt,
            )
            if ok:
                return _decode_json(body, status)
            raise self._error(response, body, truncated)

    def _read_body(
        self, response: requests.Response, limit: int, generation: int, *, fail_when_over: bool
    ) -> tuple[bytes, bool]:
        declared = response.headers.get("Content-Length", "")
        if fail_when_over and declared.isdigit() and int(declared) > limit:
            raise _too_large(response.status_code, limit)
        chunks: list[bytes] = []
        size = 0
        deadline = time.monotonic() + self.total_read_seconds
        try:
            for chunk in response.iter_content(chunk_size=64 * 1024):
                self._check_cancelled(generation)
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    if fail_when_over:
                        raise _too_large(response.status_code, limit)
                    return b"".join(chunks)[:limit], True
                if time.monotonic() > deadline:
                    raise errors.NetworkError(
                        f"The answer took longer than {self.total_read_seconds:g} seconds "
                        "to arrive, so it was abandoned.",
                        may_have_reached_server=True,
                        http_status=response.status_code,
                    )
        except requests.RequestException as exc:
            self._check_cancelled(generation)
            raise errors.NetworkError(
                "The connection broke while the answer was arriving.",
                may_have_reached_server=True,
                http_status=response.status_code,
                details=type(exc).__name__,
            ) from None
        return b"".join(chunks), False

    def _error(
        self, response: requests.Response, body: bytes, truncated: bool
    ) -> errors.AitemsError:
        error = error_from_response(
            response.status_code,
            body,
            retry_after=_retry_after(response.headers.get("Retry-After"), self._clock),
        )
        if truncated and isinstance(error, errors.InvalidResponseError):
            error.details = f"the body was longer than {MAX_ERROR_BODY_BYTES} bytes"
        if isinstance(error, errors.AuthenticationError):
            skew = _clock_skew(response.headers.get("Date"), self._clock)
            if skew is not None and abs(skew) >= timedelta(milliseconds=MAX_CLOCK_SKEW_MS):
                error.clock_skew = skew
                direction = "ahead of" if skew > timedelta(0) else "behind"
                minutes = abs(skew).total_seconds() / 60
                error.message = (
                    f"Authentication failed because this computer's clock is {minutes:.0f} "
                    f"minutes {direction} the server's."
                )
                error.hint = (
                    "Set this computer's clock right (turn on automatic date and time), then "
                    "try again. The gateway rejects requests stamped 5 minutes or more off."
                )
        return error

    def _parse(self, model: type[_ModelT], data: Any) -> _ModelT:
        try:
            return model.from_json(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "the answer"
            raise errors.InvalidResponseError(
                f"The server's answer did not have the expected shape ({where}: {first['msg']}).",
                body_excerpt=_excerpt(json.dumps(data, ensure_ascii=False).encode("utf-8")),
            ) from None

    def _check_cancelled(self, generation: int) -> None:
        if self._scope.generation != generation:
            raise errors.CancelledError("The request was cancelled.")

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self.backoff_max, self.backoff_base * (2 ** (attempt - 1)))
        return random.uniform(ceiling / 2, ceiling)  # noqa: S311 - jitter, not security

    def _wait(self, delay: float, generation: int) -> None:
        deadline = time.monotonic() + delay
        while (remaining := deadline - time.monotonic()) > 0:
            self._check_cancelled(generation)
            time.sleep(min(remaining, 0.05))
        self._check_cancelled(generation)

    def _sign(self, prepared: requests.PreparedRequest) -> None:
        method = prepared.method or "GET"
        prepared.headers.update(
            signed_headers(
                method,
                prepared.path_url,
                self.access_key,
                self._secret.get_secret_value(),
                clock=self._clock,
            )
        )


class _SigningAuth(requests.auth.AuthBase):
    """Signs the prepared request itself, so the signed URI is exactly the one sent."""

    def __init__(self, client: AitemsClient) -> None:
        self._client = client

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        self._client._sign(r)
        return r


# --- error mapping (module level: the sandbox tests and the GUI use it too) --------------


def error_from_response(
    status: int, body: bytes, *, retry_after: float | None = None
) -> errors.AitemsError:
    """Turn an error response into a typed error, whatever shape its body has."""
    try:
        data = json.loads(body.decode("utf-8")) if body.strip() else None
    except (UnicodeDecodeError, ValueError):
        data = None
    if isinstance(data, dict) and isinstance(data.get("error"), dict):
        return _gateway_error(status, data["error"], retry_after)
    if isinstance(data, dict) and ("requestId" in data or "errorCode" in data or "error" in data):
        return _service_error(status, data, retry_after)
    what = _describe_body(body, parsed=data is not None)
    if status == 429:
        return errors.RateLimitedError(
            f"Too many requests (HTTP 429, with {what}).",
            retry_after=retry_after,
            http_status=status,
            details=_excerpt(body) or None,
        )
    return errors.InvalidResponseError(
        f"The server answered HTTP {status} with {what}.",
        http_status=status,
        body_excerpt=_excerpt(body),
        hint=_status_hint(status),
    )


_GATEWAY_ERRORS: Final[dict[str, tuple[type[errors.ApiError], str]]] = {
    "100": (errors.RequestRejectedError, "The gateway rejected the request as malformed."),
    "200": (errors.AuthenticationError, "Authentication failed."),
    "210": (errors.PermissionDeniedError, "Permission denied: this account may not use AiTEMS."),
    "230": (errors.ForbiddenError, "Forbidden."),
    "300": (errors.NotFoundError, "Not found: no such endpoint or resource."),
    "400": (errors.RateLimitedError, "The API quota is used up."),
    "410": (errors.RateLimitedError, "Requests are being throttled."),
    "420": (errors.RateLimitedError, "Too many requests (rate limited)."),
    "430": (errors.PayloadTooLargeError, "The request was too large."),
    "500": (errors.ServerError, "The AiTEMS service could not be reached by the gateway."),
    "510": (errors.ServerError, "The AiTEMS service did not answer the gateway in time."),
    "900": (errors.ServerError, "The gateway failed unexpectedly."),
}


def _gateway_error(
    status: int, envelope: Mapping[str, Any], retry_after: float | None
) -> errors.AitemsError:
    code = str(envelope.get("errorCode", "")).strip() or None
    server_message = str(envelope.get("message") or "")
    details = envelope.get("details")
    cls, message = _GATEWAY_ERRORS.get(code or "", (_class_for_status(status), ""))
    if not message:
        message = server_message or f"The gateway answered HTTP {status}."
    fields: errors.ErrorFields = {
        "http_status": status,
        "error_code": code,
        "details": str(details) if details else (server_message or None),
    }
    if issubclass(cls, errors.RateLimitedError):
        return cls(message, retry_after=retry_after, **fields)
    return cls(message, **fields)


def _service_error(
    status: int, data: Mapping[str, Any], retry_after: float | None
) -> errors.AitemsError:
    reason = str(data.get("error") or "")
    message = str(data.get("message") or reason or f"The service answered HTTP {status}.")
    fields: errors.ErrorFields = {
        "http_status": status,
        "error_code": reason or (str(data["errorCode"]) if data.get("errorCode") else None),
        "request_id": str(data["requestId"]) if data.get("requestId") else None,
        "details": str(data["errorCode"]) if reason and data.get("errorCode") else None,
    }
    if reason == "DUPLICATE_NAME":
        return errors.DuplicateNameError(message, **fields)
    cls = _class_for_status(status)
    if issubclass(cls, errors.RateLimitedError):
        return cls(message, retry_after=retry_after, **fields)
    return cls(message, **fields)


def _class_for_status(status: int) -> type[errors.ApiError]:
    if status == 401:
        return errors.AuthenticationError
    if status == 403:
        return errors.ForbiddenError
    if status == 404:
        return errors.NotFoundError
    if status == 413:
        return errors.PayloadTooLargeError
    if status == 429:
        return errors.RateLimitedError
    if status >= 500:
        return errors.ServerError
    return errors.RequestRejectedError


def _status_hint(status: int) -> str:
    if status >= 500:
        return errors.ServerError.default_hint
    return errors.InvalidResponseError.default_hint


# --- small pure helpers ---------------------------------------------------------------


def _segment(value: str) -> str:
    return quote(value, safe="")


def _encode_body(body: Any) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _excerpt(body: bytes) -> str:
    text = body[: EXCERPT_CHARS * 4].decode("utf-8", errors="replace")
    text = " ".join(text.split())
    return text[:EXCERPT_CHARS] + ("…" if len(text) > EXCERPT_CHARS else "")


def _describe_body(body: bytes, *, parsed: bool) -> str:
    """What came instead of the expected JSON, in words for the error message."""
    if not body.strip():
        return "an empty body"
    if body.lstrip()[:1] == b"<":
        return "an HTML page instead of JSON"
    return "a body that is not an AiTEMS error" if parsed else "a body that is not valid JSON"


def _decode_json(body: bytes, status: int) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise errors.InvalidResponseError(
            f"The server answered HTTP {status} with {_describe_body(body, parsed=False)}.",
            http_status=status,
            body_excerpt=_excerpt(body),
        ) from None


def _too_large(status: int, limit: int) -> errors.InvalidResponseError:
    return errors.InvalidResponseError(
        f"The server's answer is larger than {limit // (1024 * 1024)} MB, so it was not read.",
        http_status=status,
    )


def _retry_after(value: str | None, clock: Clock) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - clock())


def _clock_skew(date_header: str | None, clock: Clock) -> timedelta | None:
    """How far the local clock is ahead of the server's (negative: behind)."""
    if not date_header:
        return None
    try:
        server = parsedate_to_datetime(date_header)
    except (TypeError, ValueError):
        return None
    if server.tzinfo is None:
        server = server.replace(tzinfo=UTC)
    return datetime.fromtimestamp(clock(), UTC) - server


def _network_error(
    exc: requests.RequestException, timeout: tuple[float, float]
) -> errors.NetworkError:
    """Map a requests exception, deciding whether the request may have reached the server."""
    if isinstance(exc, requests.exceptions.SSLError):
        return errors.TlsError(
            "The server's certificate could not be verified, so nothing was sent.",
            may_have_reached_server=False,
            details=_short(exc),
        )
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return errors.NetworkError(
            f"Could not connect within {timeout[0]:g} seconds; nothing was sent.",
            may_have_reached_server=False,
        )
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return errors.NetworkError(
            f"The server did not answer within {timeout[1]:g} seconds.",
            may_have_reached_server=True,
        )
    reason = _root_reason(exc)
    if isinstance(exc, requests.exceptions.ProxyError):
        return errors.NetworkError(
            "Could not reach the server through the configured proxy.",
            may_have_reached_server=not isinstance(reason, NewConnectionError),
            details=_short(exc),
            hint="Check the proxy address in the profile (Credentials…), then try again.",
        )
    if isinstance(reason, NewConnectionError):
        dns = "NameResolutionError" in type(reason).__name__
        message = (
            "The endpoint's host name could not be resolved; nothing was sent."
            if dns
            else "Could not connect to the server; nothing was sent."
        )
        return errors.NetworkError(message, may_have_reached_server=False, details=_short(exc))
    return errors.NetworkError(
        "The connection dropped before an answer arrived.",
        may_have_reached_server=True,
        details=_short(exc),
    )


def _root_reason(exc: BaseException) -> BaseException | None:
    arg = exc.args[0] if exc.args else None
    reason = getattr(arg, "reason", None)
    return (
        reason
        if isinstance(reason, BaseException)
        else arg
        if isinstance(arg, BaseException)
        else None
    )


def _short(exc: BaseException) -> str:
    text = str(_root_reason(exc) or exc)
    return text[:300]
