"""Object Storage's failures, as members of the core's one error family.

Each error is an :class:`~aitems_desktop.core.errors.AitemsError` (``message``, ``hint``,
``http_status``, ``error_code`` for S3's code, ``request_id``) and an
:class:`ObjectStorageError`, and where an AiTEMS error means the same thing it is that one too:
a network failure is a :class:`~aitems_desktop.core.errors.NetworkError` that says whether the
request may have reached the server, a refused certificate a
:class:`~aitems_desktop.core.errors.TlsError`, a cancel a
:class:`~aitems_desktop.core.errors.CancelledError`, wrong keys an
:class:`~aitems_desktop.core.errors.AuthenticationError`. So the GUI and the command-line tool
report them as they report every other error, and code that must tell storage from AiTEMS
catches :class:`ObjectStorageError`.

The core class comes first among the bases, so what an error *is* (its title in the GUI) is
the core's word, and its hint is always the storage-specific one defined here.
:func:`translate` turns whatever minio, urllib3 or the socket raised into one of these.
"""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, datetime, timedelta
from typing import Any, Final, Unpack

from aitems_desktop.core.errors import (
    AitemsError,
    AuthenticationError,
    CancelledError,
    ErrorFields,
    ForbiddenError,
    InvalidInputError,
    InvalidResponseError,
    NetworkError,
    NotFoundError,
    RequestRejectedError,
    ServerError,
    TlsError,
)
from aitems_desktop.core.i18n import QT_TRANSLATE_NOOP


class ObjectStorageError(AitemsError):
    """Base of every Object Storage failure: what happened, and what to do next."""

    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "Try again. If it keeps happening, check the endpoint and your network."
    )


class StorageRequestRejectedError(RequestRejectedError, ObjectStorageError):
    """Object Storage refused the request with an S3 error this client has no class for."""

    default_hint = QT_TRANSLATE_NOOP("aitems", "Correct what the message says, then try again.")


class NoSuchBucketError(NotFoundError, ObjectStorageError):
    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "Check the bucket name; create the bucket in the NCP console first."
    )


class NoSuchKeyError(NotFoundError, ObjectStorageError):
    default_hint = QT_TRANSLATE_NOOP("aitems", "Check the object's path.")


class AccessDeniedError(ForbiddenError, ObjectStorageError):
    default_hint = QT_TRANSLATE_NOOP(
        "aitems",
        "These keys may not use this bucket: check the bucket's permissions, or the "
        "sub-account's Object Storage permission.",
    )


class InvalidCredentialsError(AuthenticationError, ObjectStorageError):
    """The access key is unknown, or the secret key does not match it."""

    default_hint = QT_TRANSLATE_NOOP(
        "aitems",
        "Check the access key and secret key of this profile; Object Storage takes the same "
        "NCP API keys as AiTEMS.",
    )


class ClockSkewError(AuthenticationError, ObjectStorageError):
    """RequestTimeTooSkewed: this computer's clock is too far from the server's.

    ``clock_skew`` is how far this clock is ahead of the server's (negative: behind), as in
    :class:`~aitems_desktop.core.errors.AuthenticationError`.
    """

    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "Set this computer's clock right (turn on automatic time), then try again."
    )


class StorageServerError(ServerError, ObjectStorageError):
    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "Object Storage had a problem on its side. Try again in a minute."
    )


class InvalidAnswerError(InvalidResponseError, ObjectStorageError):
    """Something answered that does not speak S3 (a proxy page, a wrong endpoint), or the
    answer was malformed, endless or cut short."""

    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "Check the Object Storage endpoint and the proxy settings."
    )


class RedirectRefusedError(InvalidAnswerError):
    """The server answered with a redirect (HTTP 3xx), which was not followed.

    Object Storage never redirects: a redirect comes from a wrong endpoint or something in the
    way, and following it would hand the file and the signed headers to another host.
    ``location`` is where it pointed.
    """

    default_hint = QT_TRANSLATE_NOOP(
        "aitems",
        "Check the Object Storage endpoint and the proxy settings: Object Storage answers "
        "itself and never sends a request elsewhere.",
    )

    def __init__(self, message: str, *, location: str = "", **kw: Unpack[ErrorFields]) -> None:
        super().__init__(message, **kw)
        self.location = location


class StorageNetworkError(NetworkError, ObjectStorageError):
    """No complete answer: refused, unreachable, name not resolved, timed out, dropped."""

    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "Check your network connection, the proxy and the endpoint, then try again."
    )


class StorageTlsError(TlsError, StorageNetworkError):
    """The server's certificate could not be verified, or the TLS handshake failed."""

    default_hint = QT_TRANSLATE_NOOP(
        "aitems",
        "If an inspecting proxy or a private endpoint is in the way, set its CA bundle in the "
        "profile. Never turn verification off.",
    )


class InvalidRequestError(InvalidInputError, ObjectStorageError):
    """The endpoint, bucket or object name cannot be sent (refused before sending)."""

    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "Bucket names are 3 to 63 lower-case letters, digits, dots and hyphens."
    )


class UploadCancelledError(CancelledError, ObjectStorageError):
    """The upload was cancelled.

    ``aborted`` is True when an unfinished multipart upload was aborted on the server (or
    there was none: a single PUT, or a cancel before the first part), False when the abort
    could not be confirmed; then ``upload_id`` names the parts that may be left.
    """

    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "Nothing was left in the bucket; start the upload again when you are ready."
    )

    def __init__(
        self,
        message: str,
        *,
        may_have_reached_server: bool = False,
        aborted: bool = True,
        upload_id: str | None = None,
        **kw: Unpack[ErrorFields],
    ) -> None:
        if not aborted and "hint" not in kw:
            kw["hint"] = (
                "The parts sent so far could not be removed (Object Storage did not answer "
                "the abort in time) and may stay in the bucket, billed, as an unfinished "
                "multipart upload. Upload the file again under the same key, or remove "
                "unfinished uploads with a lifecycle rule in the NCP console."
            )
        super().__init__(message, may_have_reached_server=may_have_reached_server, **kw)
        self.aborted = aborted
        self.upload_id = upload_id


class LocalFileError(ObjectStorageError):
    """The file to upload cannot be opened or read (nothing about the server)."""

    default_hint = QT_TRANSLATE_NOOP("aitems", "Check that the file exists and can be read.")


_CODE_ERRORS: Final[dict[str, type[ObjectStorageError]]] = {
    "NoSuchBucket": NoSuchBucketError,
    "NoSuchKey": NoSuchKeyError,
    "AccessDenied": AccessDeniedError,
    "AllAccessDisabled": AccessDeniedError,
    "InvalidAccessKeyId": InvalidCredentialsError,
    "SignatureDoesNotMatch": InvalidCredentialsError,
    "RequestTimeTooSkewed": ClockSkewError,
}


def translate(exc: BaseException, *, sent: bool) -> AitemsError | None:
    """The typed error for ``exc`` raised by minio, urllib3 or a socket; None if unknown.

    ``sent`` says whether a request had begun to go out when it failed (for
    ``may_have_reached_server`` of a network error that does not tell by itself).
    """
    if isinstance(exc, AitemsError):
        return exc
    import ssl
    import xml.etree.ElementTree as ET

    import urllib3.exceptions as u3
    from minio.error import InvalidResponseError as MinioInvalidResponse
    from minio.error import S3Error
    from minio.error import ServerError as MinioServerError

    if isinstance(exc, S3Error):
        return _from_s3_error(exc)
    if isinstance(exc, MinioServerError):
        status = getattr(exc, "_status_code", None)
        return StorageServerError(f"Object Storage failed with HTTP {status}", http_status=status)
    if isinstance(exc, MinioInvalidResponse):
        return InvalidAnswerError(
            QT_TRANSLATE_NOOP("aitems", "the server's answer is not S3"),
            body_excerpt=_first_line(exc)[:200],
        )
    if isinstance(exc, ET.ParseError | UnicodeError | ValueError | KeyError | IndexError):
        # minio parses the answer's XML, dates and numbers; names were checked before sending.
        return InvalidAnswerError(f"the server's answer could not be read: {_first_line(exc)}")
    reason: BaseException = exc
    if isinstance(exc, u3.MaxRetryError) and exc.reason is not None:
        reason = exc.reason
    if isinstance(reason, u3.SSLError | ssl.SSLError) or isinstance(
        reason.__context__, ssl.SSLError
    ):
        return StorageTlsError(
            f"a secure connection could not be made, so nothing was sent: {_first_line(reason)}",
            may_have_reached_server=False,
        )
    if isinstance(reason, u3.NameResolutionError):
        return StorageNetworkError(
            f"the endpoint's name cannot be resolved: {_first_line(reason)}",
            may_have_reached_server=False,
        )
    # NewConnectionError is a subclass of ConnectTimeoutError: test it first.
    if isinstance(reason, u3.NewConnectionError):
        return StorageNetworkError(
            f"cannot connect: {_first_line(reason)}", may_have_reached_server=False
        )
    if isinstance(reason, u3.ConnectTimeoutError):
        return StorageNetworkError(
            QT_TRANSLATE_NOOP("aitems", "the connection timed out before it was made"),
            may_have_reached_server=False,
        )
    if isinstance(reason, u3.ReadTimeoutError | TimeoutError):
        return StorageNetworkError(
            QT_TRANSLATE_NOOP("aitems", "the server stopped answering (read timeout)"),
            may_have_reached_server=sent,
        )
    if isinstance(reason, u3.ProxyError):
        original = reason.original_error
        if isinstance(original, u3.ConnectTimeoutError):
            # Not connected to the proxy (refused, or no answer in time): nothing was sent.
            return StorageNetworkError(
                f"the proxy cannot be reached: {_first_line(original)}",
                may_have_reached_server=False,
            )
        return StorageNetworkError(
            f"the proxy failed: {_first_line(original or reason)}", may_have_reached_server=sent
        )
    if isinstance(reason, u3.HTTPError | OSError):
        return StorageNetworkError(
            f"the connection failed: {_first_line(reason)}", may_have_reached_server=sent
        )
    return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def _server_clock_offset(response: Any) -> timedelta | None:
    """How far this clock is ahead of the server's: from the error's ServerTime, or Date."""
    now = datetime.now(UTC)
    data = getattr(response, "data", b"") or b""
    match = re.search(rb"<ServerTime>([^<]{1,64})</ServerTime>", data)
    if match:
        try:
            server = datetime.fromisoformat(match.group(1).decode().replace("Z", "+00:00"))
            return now - (server if server.tzinfo else server.replace(tzinfo=UTC))
        except (ValueError, OverflowError):
            pass
    headers = getattr(response, "headers", None)
    date = headers.get("Date") if headers is not None else None
    if date:
        try:
            server = email.utils.parsedate_to_datetime(date)
            return now - (server if server.tzinfo else server.replace(tzinfo=UTC))
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    return None


def _from_s3_error(exc: Any) -> ObjectStorageError:
    code = str(exc.code or "")
    response = getattr(exc, "response", None)
    status = getattr(response, "status", None)
    message = str(exc.message or code or "Object Storage refused the request")
    kind = _CODE_ERRORS.get(code)
    if kind is None:
        kind = (
            StorageServerError
            if isinstance(status, int) and status >= 500
            else StorageRequestRejectedError
        )
    fields: ErrorFields = {
        "error_code": code or None,
        "http_status": status if isinstance(status, int) else None,
        "request_id": exc.request_id or None,
    }
    if kind is ClockSkewError:
        skew = _server_clock_offset(response)
        detail = (
            f"; this computer's clock is {abs(skew.total_seconds()):,.0f} s "
            f"{'ahead of' if skew.total_seconds() > 0 else 'behind'} the server's"
            if skew is not None
            else ""
        )
        return ClockSkewError(
            f"the request's time is too far from the server's clock{detail}",
            clock_skew=skew,
            **fields,
        )
    if kind is NoSuchBucketError and exc.bucket_name:
        message = f"there is no bucket named {exc.bucket_name!r}"
    return kind(message, **fields)
