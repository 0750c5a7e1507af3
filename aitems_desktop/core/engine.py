"""The engine that runs any operation of the catalogue: sign, send, retry, read, type the fault.

One :class:`Engine` per connection (endpoint + key pair). It is safe to share between threads:
each thread gets its own ``requests.Session``. Calls block; run them off the GUI thread.
:meth:`Engine.cancel` stops every call in flight at once, from any thread.

What it guarantees, for every operation alike:

- the URI that is signed is byte for byte the request target that is sent (the signature is
  computed on the prepared request);
- a path parameter is one encoded path segment: ``/``, ``?``, ``#``, spaces and non-ASCII are
  percent-encoded, and an empty, ``.`` or ``..`` id is refused before anything is sent;
- idempotent operations are retried on connection failures, 429, 503 and 504 with backoff and
  jitter, honouring ``Retry-After``; the others (creates, training requests) are sent again only
  when the connection could not even be opened;
- every call has one total deadline (``call_seconds``) across its attempts and the waits
  between them; each attempt has a deadline of its own for the whole exchange (connect,
  headers, body), cut to what is left of the call's, enforced by shutting its sockets down, so
  a server that drips bytes or never finishes ends in a typed error on time, and a retry is
  only made when its wait fits in the time left. :meth:`Engine.bounded` lowers the deadline of
  every call a block makes (the use cases bound their look-ups after an unclear failure);
- answers are read under a size bound, and every failure, whatever the server sent, is one of
  the typed errors of :mod:`aitems_desktop.core.errors`.
"""

from __future__ import annotations

import copy
import http.client
import json
import logging
import os
import random
import shlex
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, Final, TypeVar
from urllib.parse import quote, urlencode, urlsplit

import requests
import urllib3.exceptions
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from aitems_desktop.core import errors
from aitems_desktop.core.catalogue import Operation
from aitems_desktop.core.connection import DEFAULT_TIMEOUT, validate_base_url
from aitems_desktop.core.i18n import QT_TRANSLATE_NOOP
from aitems_desktop.core.signing import MAX_CLOCK_SKEW_MS, Clock, signed_headers
from aitems_desktop.core.transport import (
    WATCHDOG,
    CallGuard,
    GuardedAdapter,
    StopReason,
    Watchdog,
    guarded,
)

log = logging.getLogger(__name__)

#: A larger answer is an error, not a hang (a service with 20,000 infers is about 5 MB).
DEFAULT_MAX_RESPONSE_BYTES: Final = 16 * 1024 * 1024
#: An error body is only read this far: enough for any real error, not for a runaway page.
MAX_ERROR_BODY_BYTES: Final = 64 * 1024
#: The longest one attempt may take, from connect to the last byte of the answer.
DEFAULT_ATTEMPT_SECONDS: Final = 120.0
#: What a call may take beyond one attempt's deadline, for retries and the waits before them.
RETRY_BUDGET_SECONDS: Final = 60.0
#: The longest one call may take in all (attempts and waits) with the default timeouts.
DEFAULT_CALL_SECONDS: Final = DEFAULT_ATTEMPT_SECONDS + RETRY_BUDGET_SECONDS
#: The longest ``Retry-After`` that is repeated to a person as a number of seconds; a longer
#: one is shown as "more than an hour" (the engine waits at most ``max_retry_wait`` anyway).
MAX_SHOWN_RETRY_AFTER: Final = errors.MAX_SHOWN_RETRY_AFTER
#: What each list's answer holds its items under: every item must be a JSON object.
_LIST_KEYS: Final = {
    "ServiceList": "services",
    "DatasetList": "datasets",
    "SchemaList": "schemas",
    "TrainingList": "trains",
    "UpdateList": "updates",
}
EXCERPT_CHARS: Final = 300
RETRYABLE_STATUSES: Final = frozenset({429, 503, 504})
_CHUNK: Final = 64 * 1024
#: What the standard library's JSON reader raises on input it cannot take: bad syntax
#: (ValueError), a number over Python's digit limit (ValueError) and nesting deeper than the
#: interpreter's stack (RecursionError).
_JSON_FAILURES: Final = (ValueError, RecursionError)
#: What reading an answer can raise below ``requests`` when a server misbehaves.
_TRANSPORT_FAILURES: Final = (
    requests.RequestException,
    urllib3.exceptions.HTTPError,
    http.client.HTTPException,
    OSError,
    ValueError,
)

if TYPE_CHECKING:
    # Type names only: the engine itself runs without pydantic until a model is read.
    from aitems_desktop.core.models import RequestModel, ResponseModel

ResponseT = TypeVar("ResponseT", bound="ResponseModel")
#: A query given as plain values (the command-line tool's lists), not as a model.
QueryValues = Mapping[str, str | int | bool | None]


class _Secret:
    """A secret that never shows in ``repr``, ``str`` or a traceback's locals."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get_secret_value(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "_Secret('**********')"

    __str__ = __repr__


@dataclass(frozen=True)
class PreparedCall:
    """One call as it goes on the wire, before signing: what the activity log and cURL show."""

    operation: Operation[Any]
    method: str
    url: str
    #: Path and query exactly as on the request line; what the signature covers.
    target: str
    body: bytes | None


@dataclass(frozen=True)
class CallRecord:
    """One finished attempt, for the activity log. Holds no secret and no signature."""

    started: datetime
    prepared: PreparedCall
    attempt: int
    status: int | None
    duration_ms: float
    request_id: str | None = None
    #: The typed error's class name when the attempt failed.
    error: str | None = None


Observer = Callable[[CallRecord], None]


class Engine:
    """Runs catalogue operations against one endpoint with one key pair.

    ``timeout`` is ``(connect, read)`` in seconds: the read timeout bounds each wait for data,
    ``attempt_seconds`` the whole of one attempt, ``call_seconds`` the whole of one call (every
    attempt and every wait between them): no call runs longer, whatever the server does.

    By default one attempt may take 120 s, or the connect and read timeouts together when a
    profile sets them longer, and a call one attempt plus :data:`RETRY_BUDGET_SECONDS`: so a
    profile's timeouts, its only time settings, move the deadlines with them.
    """

    def __init__(
        self,
        base_url: str,
        access_key: str,
        secret_key: str,
        *,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        attempt_seconds: float | None = None,
        call_seconds: float | None = None,
        proxy: str | None = None,
        ca_bundle: str | None = None,
        clock: Clock = time.time,
        max_attempts: int = 4,
        backoff_base: float = 0.5,
        backoff_max: float = 8.0,
        max_retry_wait: float = 30.0,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        watchdog: Watchdog = WATCHDOG,
    ) -> None:
        self.base_url = validate_base_url(base_url)
        self.access_key = access_key
        self._secret = _Secret(secret_key)
        self.timeout = timeout
        if attempt_seconds is None:
            attempt_seconds = max(DEFAULT_ATTEMPT_SECONDS, timeout[0] + timeout[1])
        self.attempt_seconds = attempt_seconds
        self.call_seconds = (
            attempt_seconds + RETRY_BUDGET_SECONDS if call_seconds is None else call_seconds
        )
        self.proxy = proxy or None
        self.ca_bundle = ca_bundle or None
        self._clock = clock
        self.max_attempts = max(1, max_attempts)
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.max_retry_wait = max_retry_wait
        self.max_response_bytes = max_response_bytes
        self._watchdog = watchdog
        #: Guards the sessions and observers, which scoped views share.
        self._lock = threading.Lock()
        #: Guards this engine's (or view's) own cancel state.
        self._cancel_lock = threading.Lock()
        self._generation = 0
        self._guards: set[CallGuard] = set()
        self._waiters: set[threading.Event] = set()
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._observers: list[Observer] = []
        #: Set once the access key and the CA bundle were found usable (read on first call,
        #: off the GUI thread: the bundle is a file).
        self._setup_checked = False

    def __repr__(self) -> str:
        return f"Engine(base_url={self.base_url!r}, access_key={self.access_key!r})"

    # --- public --------------------------------------------------------------------------

    def add_observer(self, observer: Observer) -> None:
        """Call ``observer`` with a :class:`CallRecord` after every attempt (on its thread)."""
        with self._lock:
            self._observers.append(observer)

    def prepare(
        self,
        operation: Operation[Any],
        *,
        path: Mapping[str, str] | None = None,
        query: RequestModel | QueryValues | None = None,
        body: RequestModel | None = None,
    ) -> PreparedCall:
        """Build the request of ``operation``; raises :class:`errors.InvalidInputError`.

        ``query`` is the operation's query model, or its values as a plain mapping.
        """
        if (operation.body is None) != (body is None):
            raise TypeError(f"{operation.name} takes {'a' if operation.body else 'no'} body")
        if body is not None:
            _check_model(operation.name, "body", operation.body_model, body)
        if query is not None and operation.query is None:
            raise TypeError(f"{operation.name} takes no query")
        if query is not None and not isinstance(query, Mapping):
            _check_model(operation.name, "query", operation.query_model, query)
        url = self.base_url + _fill_path(operation, path or {})
        if query is not None:
            params = _query_params(query)
            if params:
                url = f"{url}?{urlencode(params, quote_via=quote)}"
        data = _encode_body(body.to_json()) if body is not None else None
        return PreparedCall(operation, operation.method, url, _target(url), data)

    def call(
        self,
        operation: Operation[ResponseT],
        *,
        path: Mapping[str, str] | None = None,
        query: RequestModel | QueryValues | None = None,
        body: RequestModel | None = None,
    ) -> ResponseT:
        """Run ``operation`` and return its typed answer; every failure is an AitemsError."""
        prepared = self.prepare(operation, path=path, query=query, body=body)
        data = self._send(prepared)
        return _parse(operation.response_model, data)

    def call_json(
        self,
        operation: Operation[Any],
        *,
        path: Mapping[str, str] | None = None,
        query: QueryValues | None = None,
    ) -> Any:
        """Run a bodiless ``operation`` and return the answer's JSON as the server sent it.

        The same engine (signing, retries, bounds, typed errors), without reading the answer
        into a model: for output that is the API's own JSON.
        """
        prepared = self.prepare(operation, path=path, query=query)
        data = self._send(prepared)
        _check_list_items(operation, data)
        return data

    def curl_command(self, prepared: PreparedCall) -> str:
        """A freshly signed ``curl`` command that sends exactly ``prepared``.

        It carries the access key, a timestamp and a signature that the gateway accepts for
        five minutes; the secret key itself is never part of it. ``--path-as-is`` and
        ``--globoff`` keep curl from rewriting the target that was signed.
        """
        headers = signed_headers(
            prepared.method,
            prepared.target,
            self.access_key,
            self._secret.get_secret_value(),
            clock=self._clock,
        )
        words = ["curl", "-sS", "--path-as-is", "--globoff", "-X", prepared.method, prepared.url]
        for name, value in headers.items():
            words += ["-H", f"{name}: {value}"]
        if prepared.body is not None:
            words += ["--data-binary", prepared.body.decode("utf-8")]
        return " ".join(shlex.quote(word) for word in words)

    def scoped(self) -> Engine:
        """A view of this engine with a cancel of its own.

        It shares the settings, the pooled connections and the observers; :meth:`cancel` on the
        view stops only the calls made through it. Close the engine, not its views.
        """
        view = copy.copy(self)
        view._cancel_lock = threading.Lock()
        view._generation = 0
        view._guards = set()
        view._waiters = set()
        view._sticky_cancel = True  # type: ignore[attr-defined]
        return view

    @contextmanager
    def bounded(self, seconds: float) -> Iterator[None]:
        """Every call this thread makes in the block ends within ``seconds`` from now, in all.

        A call that would start with no time left fails at once (a NetworkError saying
        nothing was sent); one in flight is cut like any attempt at its deadline. Blocks nest:
        the earlier end wins.
        """
        end = time.monotonic() + max(0.0, seconds)
        previous: float | None = getattr(self._local, "bound", None)
        self._local.bound = end if previous is None else min(previous, end)
        try:
            yield
        finally:
            self._local.bound = previous

    def time_left(self) -> float | None:
        """Seconds left in this thread's :meth:`bounded` block, or None outside one."""
        bound: float | None = getattr(self._local, "bound", None)
        return None if bound is None else max(0.0, bound - time.monotonic())

    def cancel(self) -> None:
        """Stop every call in flight; each raises :class:`errors.CancelledError`."""
        with self._cancel_lock:
            self._generation += 1
            guards = list(self._guards)
            waiters = list(self._waiters)
        for guard in guards:
            guard.stop(StopReason.CANCELLED)
        for waiter in waiters:
            waiter.set()

    def close(self) -> None:
        """Close every session (and with them, their pooled connections)."""
        with self._lock:
            # Cleared in place: scoped views share the list.
            sessions = list(self._sessions)
            self._sessions.clear()
        for session in sessions:
            session.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- the call ------------------------------------------------------------------------

    @property
    def generation(self) -> int:
        with self._cancel_lock:
            return self._generation

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = _Session()
            adapter = GuardedAdapter(max_retries=0)
            session.mount("https://", adapter)
            session.mount("http://", adapter)
            # The profile's proxy and CA bundle decide; the environment's never sneak in.
            session.trust_env = False
            if self.proxy:
                session.proxies = {"http": self.proxy, "https": self.proxy}
            self._local.session = session
            with self._lock:
                self._sessions.append(session)
        return session

    def close_thread_session(self) -> None:
        """Close the calling thread's session and its pooled connections.

        Each thread gets a session of its own; a thread that makes a few calls and ends (a
        GUI job) calls this last, or its keep-alive connection stays open, holding one of the
        server's connection slots, until the engine is closed.
        """
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            return
        self._local.session = None
        with self._lock:
            if session in self._sessions:
                self._sessions.remove(session)
        session.close()

    def _send(self, prepared: PreparedCall) -> Any:
        operation = prepared.operation
        generation = self.generation
        if generation and getattr(self, "_sticky_cancel", False):
            # A view is one piece of work: a cancel that came before this call began (the
            # worker had not reached it yet) is still in force, or the call would run its
            # whole course unasked.
            raise errors.CancelledError(
                QT_TRANSLATE_NOOP("aitems", "The request was cancelled."),
                may_have_reached_server=False,
            )
        started = time.monotonic()
        end = started + self.call_seconds
        bound: float | None = getattr(self._local, "bound", None)
        if bound is not None:
            end = min(end, bound)
        self._check_setup()
        attempt = 0
        while True:
            attempt += 1
            self._check_cancelled(generation, sent=False)
            left = end - time.monotonic()
            if left <= 0:
                # Only the first attempt can meet this: a retry waits only when time is left.
                raise errors.NetworkError(
                    QT_TRANSLATE_NOOP(
                        "aitems", "The time set for this work ran out, so nothing was sent."
                    ),
                    may_have_reached_server=False,
                )
            last: errors.AitemsError
            try:
                return self._attempt(prepared, attempt, generation, min(self.attempt_seconds, left))
            except errors.CancelledError:
                raise
            except errors.NetworkError as exc:
                # A certificate that fails verification fails the same way every time.
                retry = not isinstance(exc, errors.TlsError) and (
                    operation.idempotent or not exc.may_have_reached_server
                )
                if not retry or attempt >= self.max_attempts:
                    raise _spent(exc, started, attempt) from None
                last = exc
                delay = self._backoff(attempt)
            except (errors.RateLimitedError, errors.ServerError) as exc:
                if not (operation.idempotent and exc.http_status in RETRYABLE_STATUSES):
                    raise
                if attempt >= self.max_attempts:
                    raise
                retry_after = getattr(exc, "retry_after", None)
                delay = retry_after if retry_after is not None else self._backoff(attempt)
                if delay > self.max_retry_wait:
                    raise
                last = exc
            if time.monotonic() + delay >= end:
                # The wait would use up the call's time: no attempt could follow it.
                if isinstance(last, errors.NetworkError):
                    raise _spent(last, started, attempt) from None
                raise last
            log.info(
                "retrying %s %s in %.2f s (attempt %d)",
                prepared.method,
                operation.path,
                delay,
                attempt + 1,
            )
            self._wait(delay, generation)

    def _check_setup(self) -> None:
        """Refuse, before anything is sent, an access key or CA bundle that cannot work.

        Either would otherwise fail on the wire and read as a network fault ("check your
        network"), which sends the person to look in the wrong place.
        """
        if self._setup_checked:
            return
        problem = _access_key_problem(self.access_key)
        hint = QT_TRANSLATE_NOOP(
            "aitems",
            "Copy the access key again (into the profile, or NCLOUD_ACCESS_KEY), without line "
            "breaks or spaces.",
        )
        if problem is None and self.ca_bundle:
            problem = _ca_bundle_problem(self.ca_bundle)
            hint = QT_TRANSLATE_NOOP(
                "aitems",
                "Correct the CA bundle setting (the profile's CA bundle, or AITEMS_CA_BUNDLE): "
                "it must name a readable file of PEM certificates.",
            )
        if problem is not None:
            raise errors.InvalidInputError(problem, hint=hint)
        self._setup_checked = True

    def _attempt(
        self,
        prepared: PreparedCall,
        attempt: int,
        generation: int,
        seconds: float,
    ) -> Any:
        guard = CallGuard()
        with self._cancel_lock:
            if self._generation != generation:
                raise errors.CancelledError(
                    QT_TRANSLATE_NOOP("aitems", "The request was cancelled.")
                )
            self._guards.add(guard)
        started = datetime.now(UTC)
        t0 = time.monotonic()
        status: int | None = None
        target = prepared.target
        outcome: errors.AitemsError | None = None
        try:
            with guarded(guard), self._watchdog.deadline(seconds, guard):
                status, target, headers, body, truncated = self._exchange(prepared, guard)
            if 200 <= status < 300:
                if not body.strip() and prepared.operation.response == "EmptyResponse":
                    return None  # S10 documents no answer body: an empty one is success
                return _decode_json(body, status)
            if 300 <= status < 400:
                raise errors.InvalidResponseError(
                    f"The server answered HTTP {status}, a redirect, which AiTEMS never sends.",
                    http_status=status,
                    body_excerpt=_excerpt(body),
                )
            raise self._error(prepared.operation, status, body, headers, truncated=truncated)
        except errors.AitemsError as exc:
            outcome = exc
            raise
        finally:
            with self._cancel_lock:
                self._guards.discard(guard)
            guard.close()
            self._notify(
                CallRecord(
                    started=started,
                    prepared=prepared
                    if target == prepared.target
                    else _with_target(prepared, target),
                    attempt=attempt,
                    status=status if status is not None else getattr(outcome, "http_status", None),
                    duration_ms=(time.monotonic() - t0) * 1000,
                    request_id=getattr(outcome, "request_id", None),
                    error=type(outcome).__name__ if outcome is not None else None,
                )
            )

    def _exchange(
        self, prepared: PreparedCall, guard: CallGuard
    ) -> tuple[int, str, Mapping[str, str], bytes, bool]:
        """Send and read one attempt: status, target as sent, headers, body, body truncated."""
        session = self._session()
        request = requests.Request(
            prepared.method,
            prepared.url,
            data=prepared.body,
            auth=_SigningAuth(self),
            headers={"Accept": "application/json"},
        )
        wire = session.prepare_request(request)
        target = wire.path_url
        try:
            response = session.send(
                wire,
                timeout=self.timeout,
                stream=True,
                verify=self.ca_bundle or True,
                # No redirect is followed: the session never finds a target (_Session).
            )
        except _TRANSPORT_FAILURES as exc:
            raise self._stopped(guard, exc) or _network_error(exc, self.timeout) from None
        with response:
            ok = 200 <= response.status_code < 300
            limit = self.max_response_bytes if ok else MAX_ERROR_BODY_BYTES
            body, truncated = self._read_body(response, limit, guard, fail_when_over=ok)
            # A stop that came while the body was read may look like a short, clean body.
            stopped = self._stopped(guard, None, status=response.status_code)
            if stopped is not None:
                raise stopped
            return response.status_code, target, response.headers, body, truncated

    def _stopped(
        self, guard: CallGuard, exc: BaseException | None, *, status: int | None = None
    ) -> errors.AitemsError | None:
        """The error for a guard stopped by cancel or deadline, or None if it was not."""
        reason = guard.reason
        if reason is None:
            return None
        reached = guard.sending and not _never_connected(exc)
        if reason is StopReason.CANCELLED:
            message = (
                "The request was cancelled after it was sent; it may have been carried out."
                if reached
                else "The request was cancelled before it was sent."
            )
            return errors.CancelledError(message, may_have_reached_server=reached)
        if not reached:
            error = errors.NetworkError(
                QT_TRANSLATE_NOOP("aitems", "Could not connect in time; nothing was sent."),
                may_have_reached_server=False,
            )
        else:
            error = errors.NetworkError(
                QT_TRANSLATE_NOOP(
                    "aitems", "No complete answer arrived in time, so the call was abandoned."
                ),
                may_have_reached_server=True,
                http_status=status,
            )
        error.timed_out = True
        return error

    def _read_body(
        self,
        response: requests.Response,
        limit: int,
        guard: CallGuard,
        *,
        fail_when_over: bool,
    ) -> tuple[bytes, bool]:
        declared = response.headers.get("Content-Length", "").strip()
        declared_digits = declared.isascii() and declared.isdigit()
        # Zeros may pad the value (HTTP allows them); more than 18 digits after them is over
        # every bound, and int() is kept away from a header of thousands of digits.
        significant = declared.lstrip("0")
        if (
            fail_when_over
            and declared_digits
            and (len(significant) > 18 or int(significant or "0") > limit)
        ):
            raise _too_large(response.status_code, limit)
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(chunk_size=_CHUNK):
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    if fail_when_over:
                        raise _too_large(response.status_code, limit)
                    # An error body is cut, not refused: its start is what the person reads.
                    return b"".join(chunks)[:limit], True
        except _TRANSPORT_FAILURES as exc:
            # The answer's headers have arrived: whatever broke the body (even a TLS error
            # that met the stop), the request was sent.
            stopped = self._stopped(guard, None, status=response.status_code)
            if stopped is not None:
                raise stopped from None
            raise errors.NetworkError(
                QT_TRANSLATE_NOOP("aitems", "The connection broke while the answer was arriving."),
                may_have_reached_server=True,
                http_status=response.status_code,
                details=type(exc).__name__,
            ) from None
        return b"".join(chunks), False

    def _error(
        self,
        operation: Operation[Any],
        status: int,
        body: bytes,
        headers: Mapping[str, str],
        *,
        truncated: bool,
    ) -> errors.AitemsError:
        error = error_from_response(
            status,
            body,
            retry_after=_retry_after(headers.get("Retry-After"), self._clock),
            operation=operation,
        )
        if truncated and isinstance(error, errors.InvalidResponseError):
            error.details = f"the body was longer than {MAX_ERROR_BODY_BYTES} bytes"
        if isinstance(error, errors.AuthenticationError):
            skew = _clock_skew(headers.get("Date"), self._clock)
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

    def _notify(self, record: CallRecord) -> None:
        with self._lock:
            observers = list(self._observers)
        for observer in observers:
            try:
                observer(record)
            except Exception:
                log.exception("an activity observer failed")

    def _check_cancelled(self, generation: int, *, sent: bool) -> None:
        if self.generation != generation:
            raise errors.CancelledError(
                QT_TRANSLATE_NOOP("aitems", "The request was cancelled."),
                may_have_reached_server=sent,
            )

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self.backoff_max, self.backoff_base * (2 ** (attempt - 1)))
        return random.uniform(ceiling / 2, ceiling)  # noqa: S311 - jitter, not security

    def _wait(self, delay: float, generation: int) -> None:
        self.pause(delay, generation, sent=True)

    def pause(self, seconds: float, generation: int, *, sent: bool = True) -> None:
        """Sleep ``seconds``, but raise CancelledError at once if :meth:`cancel` is called.

        ``generation`` is :attr:`generation` as read when the work began; ``sent`` says whether
        something that may have changed the server was sent before the pause.
        """
        with self._cancel_lock:
            if self._generation != generation:
                raise errors.CancelledError(
                    QT_TRANSLATE_NOOP("aitems", "The request was cancelled."),
                    may_have_reached_server=sent,
                )
            waiter = threading.Event()
            self._waiters.add(waiter)
        try:
            waiter.wait(max(0.0, seconds))
        finally:
            with self._cancel_lock:
                self._waiters.discard(waiter)
        self._check_cancelled(generation, sent=sent)

    def _sign(self, wire: requests.PreparedRequest) -> None:
        wire.headers.update(
            signed_headers(
                wire.method or "GET",
                wire.path_url,
                self.access_key,
                self._secret.get_secret_value(),
                clock=self._clock,
            )
        )


class _Session(requests.Session):
    """A session that finds no redirect target, so it follows no redirect.

    AiTEMS never redirects, and the engine reads a 3xx as an error under the error-body cap.
    requests' own switch (``allow_redirects=False``) is not enough: with it, requests still
    reads the whole body of a 3xx that has a Location (to release the connection) before it
    returns, with no bound, so an endless body would fill memory until the deadline.
    """

    def get_redirect_target(self, resp: requests.Response) -> None:
        return None


class _SigningAuth(requests.auth.AuthBase):
    """Signs the prepared request itself, so the signed URI is exactly the one sent."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        self._engine._sign(r)
        return r


def _seconds(value: float) -> str:
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


def _spent(error: errors.NetworkError, started: float, attempts: int) -> errors.NetworkError:
    """``error`` with the time the call really took, when that is what it is about."""
    if error.timed_out or attempts > 1:
        elapsed = time.monotonic() - started
        tries = "1 attempt" if attempts == 1 else f"{attempts} attempts"
        error.message = f"{error.message} Gave up after {_seconds(elapsed)} seconds ({tries})."
    return error


def _access_key_problem(access_key: str) -> str | None:
    if not access_key.strip():
        return "The access key is empty."
    if any(ord(ch) < 0x21 or ch == "\x7f" for ch in access_key):
        return (
            "The access key holds a line break, a space or another control character, so it "
            "cannot be sent; nothing was sent."
        )
    if not access_key.isascii():
        return "The access key holds a character that is not ASCII, so it cannot be sent."
    return None


def _ca_bundle_problem(path: str) -> str | None:
    """What keeps ``path`` from serving as a CA bundle (a PEM file or a hashed directory)."""
    try:
        if os.path.isdir(path):
            return None  # a directory of hashed certificates, as OpenSSL reads it on demand
        ssl.create_default_context(cafile=path)
    except FileNotFoundError:
        return f"The CA bundle {path!r} does not exist; nothing was sent."
    except ssl.SSLError:
        return (
            f"The CA bundle {path!r} holds no certificate that can be read (it must be PEM "
            "certificates); nothing was sent."
        )
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        return f"The CA bundle {path!r} cannot be read ({reason}); nothing was sent."
    return None


# --- building a request -------------------------------------------------------------------


def _check_model(
    name: str, part: str, expected: type[RequestModel] | None, given: RequestModel
) -> None:
    if expected is not None and not isinstance(given, expected):
        raise TypeError(f"{name} needs a {expected.__name__} as its {part}")


def path_segment(value: str, what: str = "id") -> str:
    """Encode ``value`` as exactly one path segment; refuse what cannot be one."""
    if not isinstance(value, str) or not value:
        raise errors.InvalidInputError(f"The {what} is empty, so there is nothing to ask for.")
    if value in (".", ".."):
        raise errors.InvalidInputError(
            f"{value!r} is not a valid {what}: it would leave the resource's path."
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise errors.InvalidInputError(
            f"The {what} holds a character that cannot be sent (a lone surrogate)."
        ) from None
    return quote(value, safe="")


def _fill_path(operation: Operation[Any], values: Mapping[str, str]) -> str:
    missing = [p for p in operation.path_params if p not in values]
    extra = [k for k in values if k not in operation.path_params]
    if missing or extra:
        raise TypeError(f"{operation.name} takes the path parameters {operation.path_params}")
    path = operation.path
    for name in operation.path_params:
        path = path.replace("{" + name + "}", path_segment(values[name], name))
    return path


def _query_params(query: RequestModel | QueryValues) -> list[tuple[str, str]]:
    params: list[tuple[str, str]] = []
    values = query if isinstance(query, Mapping) else query.to_json()
    for key, value in values.items():
        if isinstance(value, bool):
            params.append((key, "true" if value else "false"))
        elif value is not None:
            params.append((key, str(value)))
    for _, value in params:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise errors.InvalidInputError(
                QT_TRANSLATE_NOOP(
                    "aitems",
                    "A query value holds a character that cannot be sent (a lone surrogate).",
                )
            ) from None
    return params


def _encode_body(body: Any) -> bytes:
    try:
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise errors.InvalidInputError(
            QT_TRANSLATE_NOOP(
                "aitems",
                "The request holds a character that cannot be sent (a lone surrogate); nothing "
                "was sent.",
            )
        ) from None
    except ValueError as exc:
        raise errors.InvalidInputError(f"The request cannot be written as JSON: {exc}") from None


def _target(url: str) -> str:
    parts = urlsplit(url)
    target = parts.path or "/"
    return f"{target}?{parts.query}" if parts.query else target


def _with_target(prepared: PreparedCall, target: str) -> PreparedCall:
    parts = urlsplit(prepared.url)
    url = f"{parts.scheme}://{parts.netloc}{target}"
    return PreparedCall(prepared.operation, prepared.method, url, target, prepared.body)


# --- reading an answer ------------------------------------------------------------------


def _parse(model: type[ResponseT], data: Any) -> ResponseT:
    from pydantic import ValidationError

    try:
        return model.from_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the answer"
        raise errors.InvalidResponseError(
            f"The server's answer did not have the expected shape ({where}: {first['msg']}).",
            body_excerpt=_excerpt(_encode_excerpt(data)),
        ) from None
    except RecursionError:
        raise errors.InvalidResponseError(
            QT_TRANSLATE_NOOP("aitems", "The server's answer is nested too deeply to read.")
        ) from None


def _encode_excerpt(data: Any) -> bytes:
    try:
        return json.dumps(data, ensure_ascii=False)[: EXCERPT_CHARS * 4].encode("utf-8", "replace")
    except (ValueError, RecursionError):
        return b""


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


class NestedTooDeeplyError(ValueError):
    """Valid JSON, nested deeper than this program reads (the interpreter's stack)."""


def decode_json(body: bytes) -> Any:
    """Read JSON as the API sends it: UTF-8, no ``NaN``/``Infinity``; raises ValueError
    (:class:`NestedTooDeeplyError` for JSON nested too deeply to read)."""
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
    except RecursionError:
        raise NestedTooDeeplyError(QT_TRANSLATE_NOOP("aitems", "nested too deeply")) from None


def _decode_json(body: bytes, status: int) -> Any:
    try:
        return decode_json(body)
    except NestedTooDeeplyError:
        what = "JSON nested too deeply to read"
    except (UnicodeDecodeError, ValueError):
        what = _describe_body(body, parsed=False)
    raise errors.InvalidResponseError(
        f"The server answered HTTP {status} with {what}.",
        http_status=status,
        body_excerpt=_excerpt(body),
    )


def _check_list_items(operation: Operation[Any], data: Any) -> None:
    """Refuse a list answer whose items are not objects (they would print as blank rows)."""
    key = _LIST_KEYS.get(operation.response)
    if key is None:
        return
    if not isinstance(data, dict):
        where, found = "the answer", data
    else:
        items = data.get(key)
        if items is None:
            return
        if not isinstance(items, list):
            where, found = key, items
        else:
            bad = next((i for i, item in enumerate(items) if not isinstance(item, dict)), None)
            if bad is None:
                return
            where, found = f"{key}.{bad}", items[bad]
    raise errors.InvalidResponseError(
        f"The server's answer did not have the expected shape ({where}: "
        f"{_json_kind(found)} where an object or list was expected).",
        body_excerpt=_excerpt(_encode_excerpt(data)),
    )


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


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


def _too_large(status: int, limit: int) -> errors.InvalidResponseError:
    return errors.InvalidResponseError(
        f"The server's answer is larger than {limit // (1024 * 1024)} MB, so it was not read.",
        http_status=status,
    )


# --- error mapping (module level: the tests and the sandbox agreement test use it) ---------


def error_from_response(
    status: int,
    body: bytes,
    *,
    retry_after: float | None = None,
    operation: Operation[Any] | None = None,
) -> errors.AitemsError:
    """Turn an error response into a typed error, whatever shape its body has."""
    deep = False
    try:
        data = decode_json(body) if body.strip() else None
    except NestedTooDeeplyError:
        data, deep = None, True
    except (UnicodeDecodeError, ValueError):
        data = None
    error = _typed_error(status, body, data, retry_after, operation, deep=deep)
    if (
        isinstance(error, errors.PayloadTooLargeError)
        and operation is not None
        and operation.too_large_hint
    ):
        error.hint = operation.too_large_hint
    return error


def _typed_error(
    status: int,
    body: bytes,
    data: Any,
    retry_after: float | None,
    operation: Operation[Any] | None,
    *,
    deep: bool,
) -> errors.AitemsError:
    if isinstance(data, dict) and isinstance(data.get("error"), dict):
        return _gateway_error(status, data["error"], retry_after)
    if isinstance(data, dict) and ("requestId" in data or "errorCode" in data or "error" in data):
        return _service_error(status, data, retry_after, operation)
    what = _describe_body(body, parsed=data is not None)
    if deep:
        what = "JSON nested too deeply to read"
    if status == 429:
        return errors.RateLimitedError(
            f"Too many requests (HTTP 429, with {what}).",
            retry_after=retry_after,
            http_status=status,
            details=_excerpt(body) or None,
        )
    cls = _class_for_status(status)
    if cls is not errors.RequestRejectedError:
        # A known status without a known body still means what the status means.
        return cls(
            f"The server answered HTTP {status} with {what}.",
            http_status=status,
            details=_excerpt(body) or None,
        )
    return errors.InvalidResponseError(
        f"The server answered HTTP {status} with {what}.",
        http_status=status,
        body_excerpt=_excerpt(body),
    )


# The gateway's own codes; the message is the app's, translated where it is shown.
_GATEWAY_ERRORS: Final[dict[str, tuple[type[errors.ApiError], str]]] = {
    "100": (
        errors.RequestRejectedError,
        QT_TRANSLATE_NOOP("aitems", "The gateway rejected the request as malformed."),
    ),
    "200": (errors.AuthenticationError, QT_TRANSLATE_NOOP("aitems", "Authentication failed.")),
    "210": (
        errors.PermissionDeniedError,
        QT_TRANSLATE_NOOP("aitems", "Permission denied: this account may not use AiTEMS."),
    ),
    "230": (errors.ForbiddenError, QT_TRANSLATE_NOOP("aitems", "Forbidden.")),
    "300": (
        errors.NotFoundError,
        QT_TRANSLATE_NOOP("aitems", "Not found: no such endpoint or resource."),
    ),
    "400": (errors.RateLimitedError, QT_TRANSLATE_NOOP("aitems", "The API quota is used up.")),
    "410": (errors.RateLimitedError, QT_TRANSLATE_NOOP("aitems", "Requests are being throttled.")),
    "420": (
        errors.RateLimitedError,
        QT_TRANSLATE_NOOP("aitems", "Too many requests (rate limited)."),
    ),
    "430": (errors.PayloadTooLargeError, QT_TRANSLATE_NOOP("aitems", "The request was too large.")),
    "500": (
        errors.ServerError,
        QT_TRANSLATE_NOOP("aitems", "The AiTEMS service could not be reached by the gateway."),
    ),
    "510": (
        errors.ServerError,
        QT_TRANSLATE_NOOP("aitems", "The AiTEMS service did not answer the gateway in time."),
    ),
    "900": (errors.ServerError, QT_TRANSLATE_NOOP("aitems", "The gateway failed unexpectedly.")),
}


def _text(value: Any, limit: int = 2000) -> str:
    return str(value)[:limit]


def _gateway_error(
    status: int, envelope: Mapping[str, Any], retry_after: float | None
) -> errors.AitemsError:
    code = _text(envelope.get("errorCode", ""), 20).strip() or None
    server_message = _text(envelope.get("message") or "")
    details = envelope.get("details")
    cls, message = _GATEWAY_ERRORS.get(code or "", (_class_for_status(status), ""))
    if not message:
        message = server_message or f"The gateway answered HTTP {status}."
    fields: errors.ErrorFields = {
        "http_status": status,
        "error_code": code,
        "details": _text(details) if details else (server_message or None),
    }
    if issubclass(cls, errors.RateLimitedError):
        return cls(message, retry_after=retry_after, **fields)
    return cls(message, **fields)


def _service_error(
    status: int,
    data: Mapping[str, Any],
    retry_after: float | None,
    operation: Operation[Any] | None,
) -> errors.AitemsError:
    reason = _text(data.get("error") or "", 100)
    message = _text(data.get("message") or reason or f"The service answered HTTP {status}.")
    error_code = _text(data["errorCode"], 100) if data.get("errorCode") else None
    fields: errors.ErrorFields = {
        "http_status": status,
        "error_code": reason or error_code,
        "request_id": _text(data["requestId"], 100) if data.get("requestId") else None,
    }
    known = operation.known_error(reason) if operation is not None else None
    cls: type[errors.ApiError] = known.error_class if known else _class_for_status(status)
    if known is None and reason == "DUPLICATE_NAME":
        cls = errors.DuplicateNameError
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


def _retry_after(value: str | None, clock: Clock) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        # Bounded at 10**9 s (over 31 years, never waited) before int() reads thousands of
        # digits; leading zeros do not count ("0005" is 5 s).
        digits = value.lstrip("0")
        return 1e9 if len(digits) > 9 else float(int(digits or "0"))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - clock())


def _clock_skew(date_header: str | None, clock: Clock) -> timedelta | None:
    """How far the local clock is ahead of the server's (negative: behind)."""
    if not date_header:
        return None
    try:
        server = parsedate_to_datetime(date_header)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if server.tzinfo is None:
        server = server.replace(tzinfo=UTC)
    try:
        return datetime.fromtimestamp(clock(), UTC) - server
    except (OverflowError, ValueError):
        return None


def _never_connected(exc: BaseException | None) -> bool:
    """True when ``exc`` says the connection was never opened (nothing left this machine)."""
    if exc is None:
        return False
    if isinstance(exc, requests.exceptions.ConnectTimeout | requests.exceptions.SSLError):
        return True
    return isinstance(_root_reason(exc), NewConnectionError)


def _network_error(exc: BaseException, timeout: tuple[float, float]) -> errors.NetworkError:
    """Map a transport exception, deciding whether the request may have reached the server."""
    if isinstance(exc, requests.exceptions.SSLError):
        return errors.TlsError(
            QT_TRANSLATE_NOOP(
                "aitems", "The server's certificate could not be verified, so nothing was sent."
            ),
            may_have_reached_server=False,
            details=_short(exc),
        )
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        error = errors.NetworkError(
            f"Could not connect within {timeout[0]:g} seconds; nothing was sent.",
            may_have_reached_server=False,
        )
        error.timed_out = True
        return error
    if isinstance(exc, requests.exceptions.ReadTimeout):
        error = errors.NetworkError(
            f"The server did not answer within {timeout[1]:g} seconds.",
            may_have_reached_server=True,
        )
        error.timed_out = True
        return error
    reason = _root_reason(exc)
    if isinstance(exc, requests.exceptions.ProxyError):
        return errors.NetworkError(
            QT_TRANSLATE_NOOP("aitems", "Could not reach the server through the configured proxy."),
            # Not connected to the proxy (refused, or no answer in time): nothing was sent.
            may_have_reached_server=not isinstance(reason, ConnectTimeoutError),
            details=_short(exc),
            hint=QT_TRANSLATE_NOOP(
                "aitems", "Check the proxy address in the profile (Credentials…), then try again."
            ),
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
        QT_TRANSLATE_NOOP("aitems", "The connection dropped before an answer arrived."),
        may_have_reached_server=True,
        details=_short(exc),
    )


def _root_reason(exc: BaseException) -> BaseException | None:
    arg = exc.args[0] if exc.args else None
    reason = getattr(arg, "reason", None)
    if isinstance(reason, urllib3.exceptions.ProxyError):
        # urllib3 wraps the failure to reach the proxy itself (a NewConnectionError when
        # nothing listens there) in a ProxyError of its own.
        original = reason.original_error
        return original if isinstance(original, BaseException) else reason
    if isinstance(reason, BaseException):
        return reason
    return arg if isinstance(arg, BaseException) else None


def _short(exc: BaseException) -> str:
    text = str(_root_reason(exc) or exc)
    return text[:300]
