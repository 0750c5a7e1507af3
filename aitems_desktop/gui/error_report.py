"""Turn an exception from the client into what the error panel shows.

Qt widgets are not involved here; strings still go through ``QCoreApplication.translate``.
core.errors is imported lazily, like everything the first paint does not need.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCoreApplication

from aitems_desktop.core.i18n import CONTEXT


class ErrorAction(Enum):
    NONE = "none"
    #: A service with this name exists: offer to show it (list, then get).
    OPEN_EXISTING = "open_existing"
    #: The create may have reached the server: look it up by name before a retry.
    CHECK_BY_NAME = "check_by_name"
    #: The keys, the profile or its settings are the problem: offer the Credentials dialog.
    OPEN_CREDENTIALS = "open_credentials"


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
    #: No complete answer came (a NetworkError): the error says itself whether a request
    #: left this machine, so a lookup that finds nothing proves nothing was created.
    network: bool = False

    def summary(self) -> str:
        """One line for a status label: title, message, the server's own words, the hint."""
        parts = [f"{self.title}: {self.message}"]
        if self.details:
            parts.append(f"({self.details})")
        if self.hint:
            parts.append(self.hint)
        return " ".join(parts)

    def as_text(self) -> str:
        """Everything in plain text, for the clipboard and the log."""
        lines = [self.title, self.message]
        if self.hint:
            lines.append(self.hint)
        if self.http_status is not None:
            lines.append(
                QCoreApplication.translate("ErrorReport", "HTTP {status}").format(
                    status=self.http_status
                )
            )
        if self.error_code:
            lines.append(code_label(self.error_code))
        if self.request_id:
            lines.append(
                QCoreApplication.translate("ErrorReport", "request id: {id}").format(
                    id=self.request_id
                )
            )
        if self.details:
            lines.append(
                QCoreApplication.translate("ErrorReport", "details: {details}").format(
                    details=self.details
                )
            )
        return "\n".join(lines)


def code_label(code: str) -> str:
    """``code`` with whose code it is: the NCP API Gateway's codes are numbers (200 is its
    "authentication failed", not HTTP's OK); the AiTEMS service's are names (DUPLICATE_NAME)."""
    if code.isdigit():
        return QCoreApplication.translate("ErrorReport", "gateway error code {code}").format(
            code=code
        )
    return QCoreApplication.translate("ErrorReport", "error code {code}").format(code=code)


def _titles() -> dict[type[BaseException], str]:
    """Titles by error type; a subclass gets the title of its nearest listed ancestor.

    The credential and profile errors are listed only once their modules are loaded (an
    error of theirs cannot exist before that), so reporting a network error never imports
    pydantic and keyring on the GUI thread.
    """
    from aitems_desktop.core import errors

    titles: dict[type[BaseException], str] = {
        errors.AuthenticationError: QCoreApplication.translate(
            "ErrorReport", "Authentication failed"
        ),
        errors.PermissionDeniedError: QCoreApplication.translate(
            "ErrorReport", "Permission denied"
        ),
        errors.ForbiddenError: QCoreApplication.translate("ErrorReport", "Forbidden"),
        errors.PayloadTooLargeError: QCoreApplication.translate(
            "ErrorReport", "The request is too large"
        ),
        errors.TlsError: QCoreApplication.translate(
            "ErrorReport", "The server's certificate was not accepted"
        ),
        errors.NotFoundError: QCoreApplication.translate("ErrorReport", "Not found"),
        errors.RateLimitedError: QCoreApplication.translate("ErrorReport", "Too many requests"),
        errors.ServerError: QCoreApplication.translate("ErrorReport", "The service had a problem"),
        errors.DuplicateNameError: QCoreApplication.translate("ErrorReport", "That name is taken"),
        errors.RequestRejectedError: QCoreApplication.translate(
            "ErrorReport", "The request was rejected"
        ),
        errors.NetworkError: QCoreApplication.translate(
            "ErrorReport", "Could not reach the service"
        ),
        errors.InvalidResponseError: QCoreApplication.translate(
            "ErrorReport", "The answer could not be read"
        ),
        errors.CancelledError: QCoreApplication.translate("ErrorReport", "Cancelled"),
        errors.InvalidInputError: QCoreApplication.translate(
            "ErrorReport", "The input is not valid"
        ),
        errors.ActionRefusedError: QCoreApplication.translate("ErrorReport", "Not possible now"),
        errors.OutcomeUnknownError: QCoreApplication.translate(
            "ErrorReport", "The outcome is unknown"
        ),
        errors.ApiError: QCoreApplication.translate("ErrorReport", "The service returned an error"),
    }
    credentials = sys.modules.get("aitems_desktop.core.credentials")
    if credentials is not None:
        titles[credentials.CredentialTimeoutError] = QCoreApplication.translate(
            "ErrorReport", "The keyring did not answer"
        )
        titles[credentials.CredentialError] = QCoreApplication.translate(
            "ErrorReport", "The secret key could not be read or saved"
        )
    profiles = sys.modules.get("aitems_desktop.core.profiles")
    if profiles is not None:
        titles[profiles.UnknownProfileError] = QCoreApplication.translate(
            "ErrorReport", "Profile not found"
        )
        titles[profiles.ProfileError] = QCoreApplication.translate(
            "ErrorReport", "The profiles could not be read or saved"
        )
    # Each after the core classes in its errors' bases: a storage error that is also a
    # NetworkError (say) takes that title; these name what is left.
    storage = sys.modules.get("aitems_desktop.core.objectstorage.errors")
    if storage is not None:
        titles[storage.LocalFileError] = QCoreApplication.translate(
            "ErrorReport", "The file could not be read"
        )
        titles[storage.ObjectStorageError] = QCoreApplication.translate(
            "ErrorReport", "Object Storage returned an error"
        )
    csv_problems = sys.modules.get("aitems_desktop.core.csvfile.problems")
    if csv_problems is not None:
        titles[csv_problems.CsvCheckError] = QCoreApplication.translate(
            "ErrorReport", "The file could not be read"
        )
    return titles


def _title_for(error: BaseException) -> str:
    titles = _titles()
    for cls in type(error).__mro__:
        if cls in titles:
            return titles[cls]
    return QCoreApplication.translate("ErrorReport", "Something went wrong")


def _explanations() -> dict[type[BaseException], str]:
    """What a bare gateway message ("Authentication failed.", "Forbidden.") means, to say
    instead of repeating the title."""
    from aitems_desktop.core import errors

    return {
        errors.AuthenticationError: QCoreApplication.translate(
            "ErrorReport",
            "The NCP API Gateway did not accept the access key and secret key of this profile.",
        ),
        errors.ForbiddenError: QCoreApplication.translate(
            "ErrorReport", "The NCP API Gateway refused this request for this account."
        ),
    }


def _opens_credentials(error: BaseException) -> bool:
    """True when the Credentials dialog is where the person can fix ``error``."""
    from aitems_desktop.core import errors

    if isinstance(error, errors.AuthenticationError) and error.clock_skew is not None:
        return False  # the keys are right; the clock is not

    fixed_there: list[type[BaseException]] = [errors.AuthenticationError, errors.TlsError]
    credentials = sys.modules.get("aitems_desktop.core.credentials")
    if credentials is not None and not isinstance(error, credentials.CredentialTimeoutError):
        fixed_there.append(credentials.CredentialError)  # e.g. no secret stored yet
    profiles = sys.modules.get("aitems_desktop.core.profiles")
    if profiles is not None:
        fixed_there.append(profiles.ProfileError)
    return isinstance(error, tuple(fixed_there))


def _same_words(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` say the same thing, case and punctuation aside."""

    def words(text: str) -> str:
        return "".join(ch for ch in text.casefold() if ch.isalnum())

    return words(a) == words(b)


_CODE_WORD = re.compile(r"[A-Z][A-Z0-9_]*")


def _tr_text(text: str) -> str:
    """``text`` translated when a translation exists, else as it is.

    Qt takes the source text as a C string, so a text holding a NUL (a server's message may
    hold anything) would come back cut at the NUL, or empty: such a text is shown as it is.
    """
    if "\x00" in text:
        return text
    return QCoreApplication.translate(CONTEXT, text)


def report_for(error: BaseException, *, name: str = "", creating: bool = False) -> ErrorReport:
    """Describe ``error``. ``creating`` says it interrupted a create of ``name``."""
    from aitems_desktop.core import errors

    if not isinstance(error, errors.AitemsError):
        return ErrorReport(
            title=QCoreApplication.translate("ErrorReport", "Something went wrong"),
            message=f"{type(error).__name__}: {error}",
            hint=QCoreApplication.translate(
                "ErrorReport", "This is a bug in aitems-desktop. The log file has the details."
            ),
            kind=type(error).__name__,
        )
    kind = type(error).__name__
    title = _title_for(error)
    message = _tr_text(error.message)
    if _same_words(message, title):
        # "Authentication failed" above "Authentication failed.": say what it means instead.
        explanation = next(
            (text for cls, text in _explanations().items() if isinstance(error, cls)), ""
        )
        message = explanation or message
    hint = _tr_text(error.hint) if error.hint else ""
    details = error.details
    if details and (
        _same_words(details, message)
        or _same_words(details, title)
        or (error.error_code and _CODE_WORD.fullmatch(details))
    ):
        # The gateway repeats its message as details; the AiTEMS service sends its generic
        # category (BAD_REQUEST) beside the specific code (DUPLICATE_NAME): neither adds.
        details = None
    action = ErrorAction.OPEN_CREDENTIALS if _opens_credentials(error) else ErrorAction.NONE
    if isinstance(error, errors.DuplicateNameError):
        action = ErrorAction.OPEN_EXISTING
        name = error.name or name
    elif (
        isinstance(error, errors.RateLimitedError)
        and error.retry_after
        and error.retry_after <= errors.MAX_SHOWN_RETRY_AFTER
    ):
        # The error's own hint already names the delay, in words no translation matches:
        # say it once, from a translatable sentence.
        hint = QCoreApplication.translate(
            "ErrorReport", "Too many requests for now. Try again in {s:g} seconds."
        ).format(s=error.retry_after)
    elif creating and _create_may_have_happened(error):
        # An answer, but not a clear "no": a gateway fault (5xx) or an answer that could not
        # be read. The create may have gone through, so look before anyone tries again.
        action = ErrorAction.CHECK_BY_NAME
        hint = f"{hint} {checking_by_name()}".strip()
    elif isinstance(error, errors.NetworkError) and creating:
        if error.may_have_reached_server:
            action = ErrorAction.CHECK_BY_NAME
            hint = QCoreApplication.translate(
                "ErrorReport",
                "The request may have reached the service, so the service may have been "
                "created. Checking by name before you try again…",
            )
        else:
            hint = QCoreApplication.translate(
                "ErrorReport", "The request never reached the service: nothing was created."
            ) + (" " + hint if hint else "")
    return ErrorReport(
        title=title,
        message=message,
        hint=hint,
        request_id=error.request_id,
        http_status=error.http_status,
        error_code=error.error_code,
        details=details,
        action=action,
        name=name,
        kind=kind,
        network=isinstance(error, errors.NetworkError),
    )


def checking_by_name() -> str:
    """The sentence that says an unclear create is being looked up by name."""
    return QCoreApplication.translate(
        "ErrorReport", "The service may have been created anyway: checking by name…"
    )


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
