"""Typed errors of the AiTEMS client.

Every failure the client can meet becomes one of these, carrying what a person needs: what
happened (``message``), what to do next (``hint``), and the server's own words where there are
any (HTTP status, error code, details, request id). The GUI turns them into a message; nothing
here ever holds a secret or a signature.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TypedDict, Unpack

from aitems_desktop.core.i18n import QT_TRANSLATE_NOOP

#: The longest ``Retry-After`` repeated to a person as a number of seconds. A server may send
#: any number (the header has no upper bound); a longer one is said as "more than an hour".
MAX_SHOWN_RETRY_AFTER = 3600.0


class ErrorFields(TypedDict, total=False):
    """The optional fields every error takes, by keyword."""

    hint: str | None
    http_status: int | None
    error_code: str | None
    details: str | None
    request_id: str | None


class AitemsError(Exception):
    """Base of every error the client raises."""

    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "Try again. If it keeps happening, check the endpoint and your network."
    )

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        http_status: int | None = None,
        error_code: str | None = None,
        details: str | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint or self.default_hint
        self.http_status = http_status
        self.error_code = error_code
        self.details = details
        self.request_id = request_id
        #: Set by the use cases when they looked after an unclear failure and found that
        #: nothing was created or started: the same request can be sent again.
        self.nothing_created = False

    def __str__(self) -> str:
        parts = [self.message]
        if self.http_status is not None:
            code = f", code {self.error_code}" if self.error_code else ""
            parts.append(f"(HTTP {self.http_status}{code})")
        if self.details:
            parts.append(f"- {self.details}")
        if self.request_id:
            parts.append(f"[request id {self.request_id}]")
        return " ".join(parts)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(message={self.message!r}, http_status={self.http_status!r}, "
            f"error_code={self.error_code!r}, request_id={self.request_id!r})"
        )


class ApiError(AitemsError):
    """The server (gateway or service) answered with an error."""


class AuthenticationError(ApiError):
    """401, code 200: wrong or missing keys, a bad signature, or a clock too far off."""

    default_hint = QT_TRANSLATE_NOOP(
        "aitems",
        "Check the access key and secret key of this profile (Credentials…). "
        "Both come from the NCP console: My Account > 계정 및 보안 관리 (log in again) > "
        "보안 관리 > 접근 관리 > API 인증키 관리.",
    )

    def __init__(
        self, message: str, *, clock_skew: timedelta | None = None, **kw: Unpack[ErrorFields]
    ) -> None:
        super().__init__(message, **kw)
        self.clock_skew = clock_skew


class PermissionDeniedError(ApiError):
    """401, code 210: AiTEMS not subscribed, or the sub-account lacks permission."""

    default_hint = QT_TRANSLATE_NOOP(
        "aitems",
        "Subscribe to AiTEMS in the NCP console, or ask the account owner to give this "
        "sub-account AiTEMS permission.",
    )


class ForbiddenError(ApiError):
    """403, code 230."""

    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "This account may not do that. Ask the account owner for access."
    )


class NotFoundError(ApiError):
    """404: a wrong endpoint URL or a resource that does not exist (any more)."""

    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "Check the endpoint URL of this profile; the resource may have been deleted."
    )


class RateLimitedError(ApiError):
    """429: quota, throttle or rate limit. ``retry_after`` is the server's delay in seconds."""

    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "Too many requests for now. Wait a moment, then try again."
    )

    def __init__(
        self, message: str, *, retry_after: float | None = None, **kw: Unpack[ErrorFields]
    ) -> None:
        super().__init__(message, **kw)
        self.retry_after = retry_after
        if retry_after is not None and "hint" not in kw:
            if retry_after > MAX_SHOWN_RETRY_AFTER:
                self.hint = QT_TRANSLATE_NOOP(
                    "aitems",
                    "Too many requests: the server asks to wait more than an hour. Try again "
                    "later; if it persists, check the API quota in the NCP console.",
                )
            else:
                self.hint = f"Too many requests for now. Try again in {retry_after:g} seconds."


class ServerError(ApiError):
    """5xx: the gateway or the service failed (endpoint error, timeout, unexpected error)."""

    default_hint = QT_TRANSLATE_NOOP(
        "aitems",
        "The service had a problem on its side. Try again in a minute; if it persists, check "
        "the NCP status page or contact NCP support with the request id.",
    )


class PayloadTooLargeError(ApiError):
    """413, code 430."""

    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "The request is too large. Shorten the description and try again."
    )


class DuplicateNameError(ApiError):
    """400 DUPLICATE_NAME: a service, dataset or schema with this name exists already.

    ``existing`` is the resource that holds the name when the app could look it up.
    """

    default_hint = QT_TRANSLATE_NOOP("aitems", "Choose another name, or open the existing one.")

    def __init__(
        self,
        message: str,
        *,
        name: str | None = None,
        existing: object | None = None,
        **kw: Unpack[ErrorFields],
    ) -> None:
        super().__init__(message, **kw)
        self.name = name
        self.existing = existing


class RequestRejectedError(ApiError):
    """Any other 4xx: the service rejected the request (validation, business rules)."""

    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "Correct the input as the message says, then try again."
    )


class NetworkError(AitemsError):
    """No (complete) answer: refused, unreachable, DNS, TLS, timeout, dropped connection.

    ``may_have_reached_server`` is False only when the request certainly never left this
    machine (the connection could not be opened); then a create can safely be sent again.
    """

    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "Check your network connection, proxy and the endpoint URL, then try again."
    )

    def __init__(
        self, message: str, *, may_have_reached_server: bool, **kw: Unpack[ErrorFields]
    ) -> None:
        super().__init__(message, **kw)
        self.may_have_reached_server = may_have_reached_server
        #: True when a deadline or timeout ended the call (not a refusal or a reset).
        self.timed_out = False


class TlsError(NetworkError):
    """The server's certificate could not be verified (or the TLS handshake failed)."""

    default_hint = QT_TRANSLATE_NOOP(
        "aitems",
        "If you use a private endpoint or an inspecting proxy, set its CA bundle in the "
        "profile (Credentials…). Never turn verification off for the public endpoint.",
    )


class InvalidResponseError(AitemsError):
    """The server answered, but not with what the API promises (HTML, truncated, wrong shape)."""

    default_hint = QT_TRANSLATE_NOOP(
        "aitems",
        "Something between you and AiTEMS (a proxy, a captive portal, a wrong endpoint URL) "
        "may have answered instead. Check the endpoint and proxy settings, then try again.",
    )

    def __init__(self, message: str, *, body_excerpt: str = "", **kw: Unpack[ErrorFields]) -> None:
        super().__init__(message, **kw)
        self.body_excerpt = body_excerpt


class CancelledError(AitemsError):
    """The call was cancelled by the user before it finished.

    ``may_have_reached_server`` says whether the request had left this machine when the
    cancel came (a create cancelled then may still have happened).
    """

    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "Nothing else to do; start it again when you are ready."
    )

    def __init__(
        self, message: str, *, may_have_reached_server: bool = False, **kw: Unpack[ErrorFields]
    ) -> None:
        super().__init__(message, **kw)
        self.may_have_reached_server = may_have_reached_server


class InvalidInputError(AitemsError):
    """The request could not be sent as given (an empty or dot id, a value the rules refuse,
    an endpoint URL that is not one). Nothing was sent."""

    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "Correct the value as the message says, then try again."
    )


class ActionRefusedError(AitemsError):
    """The app refused an action before sending it, because the resource cannot do it now.

    ``reason`` is a stable word the GUI and the command-line tool translate: for example
    ``no_datasets``, ``already_learning``, ``wrong_service_type``, ``datasets_locked``.
    """

    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "Wait until the resource is in a state that allows it, then try again."
    )

    def __init__(self, message: str, *, reason: str, **kw: Unpack[ErrorFields]) -> None:
        super().__init__(message, **kw)
        self.reason = reason


class OutcomeUnknownError(AitemsError):
    """A create or a training request may or may not have happened, and looking could not tell.

    ``cause`` is the failure of the request itself; ``lookup_error`` the failure of the look
    that followed (None when the look ran to its end without an answer either way).
    """

    default_hint = QT_TRANSLATE_NOOP(
        "aitems",
        "Do not send it again blindly. Refresh the list in a minute to see whether it exists; "
        "sending the same request again is safe: it finds the existing one instead of making a "
        "second.",
    )

    def __init__(
        self,
        message: str,
        *,
        cause: AitemsError,
        lookup_error: AitemsError | None = None,
        **kw: Unpack[ErrorFields],
    ) -> None:
        kw.setdefault("http_status", cause.http_status)
        kw.setdefault("request_id", cause.request_id)
        super().__init__(message, **kw)
        self.cause = cause
        self.lookup_error = lookup_error


class StillRunningError(AitemsError):
    """A wait for a status ended before the resource settled. ``last`` is what was read last."""

    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "It is still running on the service; look again later."
    )

    def __init__(self, message: str, *, last: object = None, **kw: Unpack[ErrorFields]) -> None:
        super().__init__(message, **kw)
        self.last = last


def is_unclear(error: AitemsError) -> bool:
    """True when ``error`` leaves open whether the request was carried out."""
    if isinstance(error, NetworkError | CancelledError):
        return error.may_have_reached_server
    if isinstance(error, InvalidResponseError):
        return True
    return isinstance(error, ServerError)
