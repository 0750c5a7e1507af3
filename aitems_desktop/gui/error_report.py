"""Turn an exception from the client into what the error panel shows.

Qt widgets are not involved here; strings still go through ``QCoreApplication.translate``.
core.errors is imported lazily, like everything the first paint does not need.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("ErrorReport", text)


class ErrorAction(Enum):
    NONE = "none"
    #: A service with this name exists: offer to show it (list, then get).
    OPEN_EXISTING = "open_existing"
    #: The create may have reached the server: look it up by name before a retry.
    CHECK_BY_NAME = "check_by_name"


@dataclass(frozen=True)
class ErrorReport:
    """What happened, what to do, and the identifiers support will ask for."""

    title: str
    message: str
    hint: str = ""
    request_id: str | None = None
    http_status: int | None = None
    error_code: str | None = None
    details: str | None = None
    action: ErrorAction = ErrorAction.NONE
    #: The service name the action is about (duplicate or ambiguous create).
    name: str = ""
    kind: str = ""

    def as_text(self) -> str:
        """Everything in plain text, for the clipboard and the log."""
        lines = [self.title, self.message]
        if self.hint:
            lines.append(self.hint)
        if self.http_status is not None:
            lines.append(_tr("HTTP {status}").format(status=self.http_status))
        if self.error_code:
            lines.append(_tr("error code: {code}").format(code=self.error_code))
        if self.request_id:
            lines.append(_tr("request id: {id}").format(id=self.request_id))
        if self.details:
            lines.append(_tr("details: {details}").format(details=self.details))
        return "\n".join(lines)


_TITLES = {
    "AuthenticationError": "Authentication failed",
    "PermissionDeniedError": "Permission denied",
    "ForbiddenError": "Forbidden",
    "PayloadTooLargeError": "The request is too large",
    "TlsError": "The server's certificate was not accepted",
    "NotFoundError": "Not found",
    "RateLimitedError": "Too many requests",
    "ServerError": "The service had a problem",
    "DuplicateNameError": "That name is taken",
    "RequestRejectedError": "The request was rejected",
    "NetworkError": "Could not reach the service",
    "InvalidResponseError": "The answer could not be read",
    "CancelledError": "Cancelled",
    "ApiError": "The service returned an error",
    # Looked up along the class's bases, core classes first: a storage error that is also a
    # NetworkError (say) takes that title; these name what is left.
    "LocalFileError": "The file could not be read",
    "CsvCheckError": "The file could not be read",
    "ObjectStorageError": "Object Storage returned an error",
}


def _tr_text(text: str) -> str:
    """``text`` translated when a translation exists, else as it is.

    Qt takes the source text as a C string, so a text holding a NUL (a server's message may
    hold anything) would come back cut at the NUL, or empty: such a text is shown as it is.
    """
    if "\x00" in text:
        return text
    return QCoreApplication.translate("aitems", text)


def report_for(error: BaseException, *, name: str = "", creating: bool = False) -> ErrorReport:
    """Describe ``error``. ``creating`` says it interrupted a create of ``name``."""
    from aitems_desktop.core import errors

    if not isinstance(error, errors.AitemsError):
        return ErrorReport(
            title=_tr("Something went wrong"),
            message=f"{type(error).__name__}: {error}",
            hint=_tr("This is a bug in aitems-desktop. The log file has the details."),
            kind=type(error).__name__,
        )
    kind = type(error).__name__
    title = next(
        (_tr(_TITLES[c.__name__]) for c in type(error).__mro__ if c.__name__ in _TITLES),
        _tr("The service returned an error"),
    )
    message = _tr_text(error.message)
    hint = _tr_text(error.hint) if error.hint else ""
    action = ErrorAction.NONE
    if isinstance(error, errors.DuplicateNameError):
        action = ErrorAction.OPEN_EXISTING
        name = error.name or name
    elif isinstance(error, errors.RateLimitedError) and error.retry_after:
        # The error's own hint already names the delay, in words no translation matches:
        # say it once, from a translatable sentence.
        hint = _tr("Too many requests for now. Try again in {s:g} seconds.").format(
            s=error.retry_after
        )
    elif creating and _create_may_have_happened(error):
        # An answer, but not a clear "no": a gateway fault (5xx) or an answer that could not
        # be read. The create may have gone through, so look before anyone tries again.
        action = ErrorAction.CHECK_BY_NAME
        hint = f"{hint} {checking_by_name()}".strip()
    elif isinstance(error, errors.NetworkError) and creating:
        if error.may_have_reached_server:
            action = ErrorAction.CHECK_BY_NAME
            hint = _tr(
                "The request may have reached the service, so the service may have been "
                "created. Checking by name before you try again…"
            )
        else:
            hint = _tr("The request never reached the service: nothing was created.") + (
                " " + hint if hint else ""
            )
    return ErrorReport(
        title=title,
        message=message,
        hint=hint,
        request_id=error.request_id,
        http_status=error.http_status,
        error_code=error.error_code,
        details=error.details,
        action=action,
        name=name,
        kind=kind,
    )


def checking_by_name() -> str:
    """The sentence that says an unclear create is being looked up by name."""
    return _tr("The service may have been created anyway: checking by name…")


def _create_may_have_happened(error: BaseException) -> bool:
    """True for an answer to a create that does not rule out that it happened.

    A 5xx (endpoint error or timeout, unexpected gateway error) or an unreadable answer
    reached the service, which may have acted on it. A 4xx is a clear refusal, and a
    network error says itself whether the request left this machine.
    """
    from aitems_desktop.core import errors

    if isinstance(error, errors.InvalidResponseError):
        return error.http_status is None or not 400 <= error.http_status < 500
    return isinstance(error, errors.ServerError)
