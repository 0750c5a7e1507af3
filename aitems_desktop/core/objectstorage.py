"""NCP Object Storage, where AiTEMS datasets live: list buckets and folders, upload a file.

Object Storage speaks the S3 API (signature V4, region ``kr-standard``, ListObjects version 1
only: version 2 is documented as unsupported). The S3 client library is ``minio`` (the choice
and its figures are in ``docs/objectstorage.md``); it is imported when a listing or an upload
starts, never when this module is imported, so nothing the window loads before its first paint
pulls it in.

Uploads are sequential multipart uploads of :data:`PART_SIZE` parts (a single PUT below
that). Progress counts bytes as they are handed to the socket, in slices of
:data:`SEND_SLICE` bytes, and a set cancel flag is seen before each slice: the request in
flight is dropped (its connection closed) and the unfinished multipart upload is aborted,
so no orphaned parts stay billed in the bucket. Every failure ends in a typed
:class:`ObjectStorageError`; none of them, and nothing logged, holds the secret key.
"""

from __future__ import annotations

import contextlib
import email.utils
import mimetypes
import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Final, Protocol
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from minio import Minio

DEFAULT_ENDPOINT: Final = "https://kr.object.ncloudstorage.com"
DEFAULT_REGION: Final = "kr-standard"
#: 16 MiB parts: memory per upload stays at one part, a 1 GB file is 60 requests (fewer
#: round trips than the 5 MiB minimum on a distant link), and 10,000 parts (the S3 limit)
#: reach 160 GiB before the part size has to grow.
PART_SIZE: Final = 16 * 1024 * 1024
MAX_PARTS: Final = 10_000
#: The body goes to the socket in slices this large; cancel is looked at between them.
SEND_SLICE: Final = 64 * 1024
DEFAULT_TIMEOUT: Final = (10.0, 60.0)


class CancelFlag(Protocol):
    """What cancels an upload: ``threading.Event`` is one."""

    def is_set(self) -> bool: ...


# --- errors ------------------------------------------------------------------------------------


class ObjectStorageError(Exception):
    """Base of every Object Storage failure: what happened, and what to do next."""

    default_hint = "Try again. If it keeps happening, check the endpoint and your network."

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        code: str | None = None,
        http_status: int | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint or self.default_hint
        self.code = code
        self.http_status = http_status
        self.request_id = request_id

    def __str__(self) -> str:
        extra = []
        if self.code:
            extra.append(self.code)
        if self.http_status:
            extra.append(f"HTTP {self.http_status}")
        if self.request_id:
            extra.append(f"request id {self.request_id}")
        return self.message + (f" ({', '.join(extra)})" if extra else "")


class NoSuchBucketError(ObjectStorageError):
    default_hint = "Check the bucket name; create the bucket in the NCP console first."


class NoSuchKeyError(ObjectStorageError):
    default_hint = "Check the object's path."


class AccessDeniedError(ObjectStorageError):
    default_hint = (
        "These keys may not use this bucket: check the bucket's permissions, or the "
        "sub-account's Object Storage permission."
    )


class InvalidCredentialsError(ObjectStorageError):
    """The access key is unknown, or the secret key does not match it."""

    default_hint = (
        "Check the access key and secret key of this profile; Object Storage takes the same "
        "NCP API keys as AiTEMS."
    )


class ClockSkewError(ObjectStorageError):
    """RequestTimeTooSkewed: this computer's clock is too far from the server's."""

    default_hint = "Set this computer's clock right (turn on automatic time), then try again."

    def __init__(self, message: str, *, skew: timedelta | None = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.skew = skew


class StorageServerError(ObjectStorageError):
    default_hint = "Object Storage had a problem on its side. Try again in a minute."


class InvalidAnswerError(ObjectStorageError):
    """Something answered that does not speak S3 (a proxy page, a wrong endpoint)."""

    default_hint = "Check the Object Storage endpoint and the proxy settings."


class StorageNetworkError(ObjectStorageError):
    """No complete answer: refused, unreachable, name not resolved, timed out, dropped."""

    default_hint = "Check your network connection, the proxy and the endpoint, then try again."


class StorageTlsError(StorageNetworkError):
    """The server's certificate could not be verified, or the TLS handshake failed."""

    default_hint = (
        "If an inspecting proxy or a private endpoint is in the way, set its CA bundle in the "
        "profile. Never turn verification off."
    )


class InvalidRequestError(ObjectStorageError):
    """The bucket or object name cannot be sent (the library refused it before sending)."""

    default_hint = "Bucket names are 3 to 63 lower-case letters, digits, dots and hyphens."


class UploadCancelledError(ObjectStorageError):
    """The upload was cancelled; an unfinished multipart upload was aborted."""

    default_hint = "Nothing was left in the bucket; start the upload again when you are ready."


class LocalFileError(ObjectStorageError):
    """The file to upload cannot be read."""

    default_hint = "Check that the file exists and can be read."


_CODE_ERRORS: Final[dict[str, type[ObjectStorageError]]] = {
    "NoSuchBucket": NoSuchBucketError,
    "NoSuchKey": NoSuchKeyError,
    "AccessDenied": AccessDeniedError,
    "AllAccessDisabled": AccessDeniedError,
    "InvalidAccessKeyId": InvalidCredentialsError,
    "SignatureDoesNotMatch": InvalidCredentialsError,
    "RequestTimeTooSkewed": ClockSkewError,
}


# --- results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ObjectStorageSettings:
    """Where and as whom to connect. The secret never appears in ``repr``."""

    access_key: str
    secret_key: str = field(repr=False)
    endpoint: str = DEFAULT_ENDPOINT
    region: str = DEFAULT_REGION
    ca_bundle: str | None = None
    proxy: str | None = None
    timeout: tuple[float, float] = DEFAULT_TIMEOUT


@dataclass(frozen=True)
class Bucket:
    name: str
    created: datetime | None


@dataclass(frozen=True)
class StoredObject:
    key: str
    size: int
    last_modified: datetime | None
    etag: str


@dataclass(frozen=True)
class ObjectListing:
    """One page of ListObjects (version 1) under a prefix, split at ``/`` like folders."""

    bucket: str
    prefix: str
    folders: tuple[str, ...]
    objects: tuple[StoredObject, ...]
    #: Pass as ``marker`` to get the next page; None on the last page.
    next_marker: str | None


@dataclass(frozen=True)
class UploadProgress:
    sent: int
    total: int


@dataclass(frozen=True)
class UploadResult:
    bucket: str
    key: str
    size: int
    etag: str
    parts: int


def part_size_for(size: int) -> int:
    """The part size for a file of ``size`` bytes: :data:`PART_SIZE`, or more past 160 GiB."""
    needed = -(-size // MAX_PARTS)
    mib = 1024 * 1024
    return max(PART_SIZE, -(-needed // mib) * mib)


# --- sending with progress and cancel -------------------------------------------------------


class _Transfer:
    """The upload running on this thread: its progress, its cancel flag, the file position."""

    def __init__(
        self,
        total: int,
        progress: Callable[[UploadProgress], None] | None,
        cancel: CancelFlag | None,
    ) -> None:
        self.total = total
        self.progress = progress
        self.cancel = cancel
        self.read_position = 0
        self.reported = 0
        self.parts = 0

    def check(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise UploadCancelledError("the upload was cancelled")

    def report(self, sent: int) -> None:
        sent = min(sent, self.total)
        if sent > self.reported:
            self.reported = sent
            if self.progress is not None:
                self.progress(UploadProgress(sent, self.total))

    def body(self, data: bytes) -> Iterator[memoryview]:
        """``data`` in slices, checking cancel before each and reporting after each."""
        self.parts += 1
        base = self.read_position - len(data)
        view = memoryview(data)
        for start in range(0, len(data), SEND_SLICE):
            self.check()
            yield view[start : start + SEND_SLICE]
            self.report(base + min(start + SEND_SLICE, len(data)))


_local = threading.local()


def _transfer() -> _Transfer | None:
    current = getattr(_local, "transfer", None)
    return current if isinstance(current, _Transfer) else None


class _Reader:
    """The file as minio reads it: cancel is looked at on every read."""

    def __init__(self, handle: BinaryIO, transfer: _Transfer) -> None:
        self.handle = handle
        self.transfer = transfer

    def read(self, size: int = -1) -> bytes:
        self.transfer.check()
        try:
            data = self.handle.read(size)
        except OSError as exc:
            raise LocalFileError(f"cannot read the file: {exc.strerror or exc}") from exc
        self.transfer.read_position += len(data)
        return data


def _pool_manager(settings: ObjectStorageSettings) -> Any:
    """A urllib3 pool whose connections send PUT bodies through the thread's transfer."""
    import certifi
    import urllib3
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    class _Sending:
        def request(
            self, method: str, url: str, body: Any = None, headers: Any = None, **kw: Any
        ) -> None:
            transfer = _transfer()
            if transfer is not None and method == "PUT" and isinstance(body, bytes) and body:
                body = transfer.body(body)
            super().request(method, url, body=body, headers=headers, **kw)  # type: ignore[misc]

    class _Http(_Sending, HTTPConnection):
        pass

    class _Https(_Sending, HTTPSConnection):
        pass

    class _HttpPool(HTTPConnectionPool):
        ConnectionCls = _Http

    class _HttpsPool(HTTPSConnectionPool):
        ConnectionCls = _Https

    connect, read = settings.timeout
    options: dict[str, Any] = {
        "timeout": urllib3.Timeout(connect=connect, read=read),
        "maxsize": 4,
        "cert_reqs": "CERT_REQUIRED",
        "ca_certs": settings.ca_bundle or certifi.where(),
        # A 5xx (S3's SlowDown, InternalError) is retried twice; the answer after that is
        # parsed as the server's error. Connection failures are retried once.
        "retries": urllib3.Retry(
            total=3,
            connect=1,
            read=1,
            status=2,
            backoff_factor=0.25,
            status_forcelist=(500, 502, 503, 504),
            raise_on_status=False,
        ),
    }
    manager: Any
    if settings.proxy:
        manager = urllib3.ProxyManager(settings.proxy, **options)
    else:
        manager = urllib3.PoolManager(**options)
    manager.pool_classes_by_scheme = {"http": _HttpPool, "https": _HttpsPool}
    return manager


# --- the client --------------------------------------------------------------------------------


class ObjectStorageClient:
    """Lists and uploads for one endpoint and key pair. One client per thread."""

    def __init__(self, settings: ObjectStorageSettings) -> None:
        self.settings = settings
        self._client: Minio | None = None

    def __enter__(self) -> ObjectStorageClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client._http.clear()
            self._client = None

    def _minio(self) -> Minio:
        if self._client is None:
            from minio import Minio

            parts = urlsplit(self.settings.endpoint)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise InvalidRequestError(
                    f"the endpoint {self.settings.endpoint!r} is not an http(s) URL",
                    hint="Write the endpoint as https://host, such as " + DEFAULT_ENDPOINT,
                )
            self._client = Minio(
                parts.netloc,
                access_key=self.settings.access_key,
                secret_key=self.settings.secret_key,
                secure=parts.scheme == "https",
                region=self.settings.region,
                http_client=_pool_manager(self.settings),
            )
        return self._client

    def list_buckets(self) -> list[Bucket]:
        """Every bucket these keys can see."""
        with _translated_errors():
            buckets = self._minio().list_buckets()
        return [Bucket(b.name, b.creation_date) for b in buckets]

    def list_objects(
        self, bucket: str, prefix: str = "", *, marker: str | None = None, max_keys: int = 1000
    ) -> ObjectListing:
        """One page of the "folders" and objects directly under ``prefix`` (ListObjects v1).

        ``marker`` is the ``next_marker`` of the previous page.
        """
        import itertools

        with _translated_errors():
            entries = self._minio().list_objects(
                bucket, prefix=prefix or None, start_after=marker, use_api_v1=True
            )
            page = list(itertools.islice(entries, max_keys + 1))
        more = len(page) > max_keys
        page = page[:max_keys]
        folders = tuple(str(o.object_name) for o in page if o.is_dir)
        objects = tuple(
            StoredObject(str(o.object_name), int(o.size or 0), o.last_modified, o.etag or "")
            for o in page
            if not o.is_dir
        )
        next_marker = str(page[-1].object_name) if more and page else None
        return ObjectListing(bucket, prefix, folders, objects, next_marker)

    def upload_file(
        self,
        path: str | os.PathLike[str],
        bucket: str,
        key: str,
        *,
        progress: Callable[[UploadProgress], None] | None = None,
        cancel: CancelFlag | None = None,
        part_size: int | None = None,
    ) -> UploadResult:
        """Upload ``path`` to ``bucket``/``key``; multipart above one part.

        ``progress`` is called on this thread with bytes handed to the network; ``cancel`` is
        looked at every :data:`SEND_SLICE` bytes, and a set flag ends the upload with
        :class:`UploadCancelledError` after aborting the multipart upload.
        """
        file_path = Path(path)
        try:
            handle = open(file_path, "rb")  # noqa: SIM115 (closed below)
            size = os.fstat(handle.fileno()).st_size
        except OSError as exc:
            raise LocalFileError(f"cannot open {file_path}: {exc.strerror or exc}") from exc
        chosen = part_size or part_size_for(size)
        transfer = _Transfer(size, progress, cancel)
        content_type = _content_type(file_path)
        _local.transfer = transfer
        try:
            with handle, _translated_errors():
                transfer.check()
                result = self._minio().put_object(
                    bucket,
                    key,
                    _Reader(handle, transfer),  # type: ignore[arg-type]
                    size,
                    content_type=content_type,
                    part_size=chosen,
                    # Sequential: minio's parallel path reports a failed part only after
                    # reading the whole file, and leaves its worker threads waiting.
                    num_parallel_uploads=1,
                )
        finally:
            _local.transfer = None
        transfer.report(size)
        return UploadResult(bucket, key, size, result.etag or "", transfer.parts)


def _content_type(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".gz"):
        return "application/gzip"
    if name.endswith(".csv"):
        return "text/csv"
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


@contextlib.contextmanager
def _translated_errors() -> Iterator[None]:
    """Turns whatever minio and urllib3 raise into an :class:`ObjectStorageError`."""
    try:
        yield
    except Exception as exc:
        translated = _translate(exc)
        if translated is exc:
            raise
        raise translated from exc


def _translate(exc: BaseException) -> BaseException:
    # A cancel (or a file error) raised inside minio may be hidden behind a failure of the
    # abort that followed it: the first cause is what the user did.
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__context__
    for link in chain:
        if isinstance(link, UploadCancelledError | LocalFileError):
            return link
    if isinstance(exc, ObjectStorageError):
        return exc
    import ssl

    import urllib3.exceptions as u3
    from minio.error import InvalidResponseError, S3Error, ServerError

    if isinstance(exc, S3Error):
        return _from_s3_error(exc)
    if isinstance(exc, ServerError):
        status = getattr(exc, "_status_code", None)
        return StorageServerError(f"Object Storage failed with HTTP {status}", http_status=status)
    if isinstance(exc, InvalidResponseError):
        return InvalidAnswerError(f"the server's answer is not S3: {str(exc)[:200]}")
    if isinstance(exc, ValueError):
        return InvalidRequestError(str(exc))
    reason: BaseException = exc
    if isinstance(exc, u3.MaxRetryError) and exc.reason is not None:
        reason = exc.reason
    if isinstance(reason, u3.SSLError | ssl.SSLError) or isinstance(
        reason.__context__, ssl.SSLError
    ):
        return StorageTlsError(f"a secure connection could not be made: {_first_line(reason)}")
    if isinstance(reason, u3.NameResolutionError):
        return StorageNetworkError(f"the endpoint's name cannot be resolved: {_first_line(reason)}")
    # NewConnectionError is a subclass of ConnectTimeoutError: test it first.
    if isinstance(reason, u3.NewConnectionError):
        return StorageNetworkError(f"cannot connect: {_first_line(reason)}")
    if isinstance(reason, u3.ConnectTimeoutError):
        return StorageNetworkError("the connection timed out before it was made")
    if isinstance(reason, u3.ReadTimeoutError | TimeoutError):
        return StorageNetworkError("the server stopped answering (read timeout)")
    if isinstance(reason, u3.ProxyError):
        return StorageNetworkError(f"the proxy failed: {_first_line(reason)}")
    if isinstance(reason, u3.HTTPError | OSError):
        return StorageNetworkError(f"the connection failed: {_first_line(reason)}")
    return exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def _server_clock_offset(response: Any) -> timedelta | None:
    """How far this clock is ahead of the server's: from the error's ServerTime, or Date."""
    now = datetime.now(UTC)
    data = getattr(response, "data", b"") or b""
    match = re.search(rb"<ServerTime>([^<]+)</ServerTime>", data)
    if match:
        try:
            server = datetime.fromisoformat(match.group(1).decode().replace("Z", "+00:00"))
        except ValueError:
            server = None
        if server is not None:
            return now - (server if server.tzinfo else server.replace(tzinfo=UTC))
    date = response.headers.get("Date") if response is not None else None
    if date:
        try:
            return now - email.utils.parsedate_to_datetime(date)
        except (TypeError, ValueError):
            return None
    return None


def _from_s3_error(exc: Any) -> ObjectStorageError:
    code = str(exc.code or "")
    response = getattr(exc, "response", None)
    status = getattr(response, "status", None)
    message = str(exc.message or code or "Object Storage refused the request")
    kind = _CODE_ERRORS.get(code, ObjectStorageError)
    if kind is ObjectStorageError and isinstance(status, int) and status >= 500:
        kind = StorageServerError
    fields: dict[str, Any] = {"code": code, "http_status": status, "request_id": exc.request_id}
    if kind is ClockSkewError:
        skew = _server_clock_offset(response)
        detail = (
            f"; this computer's clock is {abs(skew.total_seconds()):,.0f} s "
            f"{'ahead of' if skew.total_seconds() > 0 else 'behind'} the server's"
            if skew is not None
            else ""
        )
        return ClockSkewError(
            f"the request's time is too far from the server's clock{detail}", skew=skew, **fields
        )
    if kind is NoSuchBucketError and exc.bucket_name:
        message = f"there is no bucket named {exc.bucket_name!r}"
    return kind(message, **fields)
