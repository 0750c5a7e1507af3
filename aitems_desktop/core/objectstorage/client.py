"""The Object Storage client: list buckets and folders, upload a file."""

from __future__ import annotations

import contextlib
import itertools
import mimetypes
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

from aitems_desktop.core.errors import AitemsError
from aitems_desktop.core.objectstorage.errors import (
    InvalidRequestError,
    LocalFileError,
    UploadCancelledError,
    translate,
)
from aitems_desktop.core.objectstorage.wire import (
    CancelFlag,
    FileReader,
    Operation,
    Transfer,
    pool_manager,
)

if TYPE_CHECKING:
    from minio import Minio

DEFAULT_ENDPOINT: Final = "https://kr.object.ncloudstorage.com"
DEFAULT_REGION: Final = "kr-standard"
#: 16 MiB parts: memory per upload stays at one part, a 1 GB file is 60 requests (fewer
#: round trips than the 5 MiB minimum on a distant link), and 10,000 parts (the S3 limit)
#: reach 160 GiB before the part size has to grow.
PART_SIZE: Final = 16 * 1024 * 1024
MIN_PART_SIZE: Final = 5 * 1024 * 1024
MAX_PARTS: Final = 10_000
DEFAULT_TIMEOUT: Final = (10.0, 60.0)


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
    """A bucket these keys can see."""

    name: str
    created: datetime | None


@dataclass(frozen=True)
class StoredObject:
    """An object in a listing: its full key, size in bytes, last change and ETag."""

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
    """Bytes of the file handed to the network so far, of ``total``."""

    sent: int
    total: int


@dataclass(frozen=True)
class UploadResult:
    """A finished upload: where it went, its size, its ETag and how many parts it took."""

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


class ObjectStorageClient:
    """Lists and uploads for one endpoint and key pair. One client per thread."""

    def __init__(self, settings: ObjectStorageSettings) -> None:
        self.settings = settings
        self._client: Minio | None = None
        self._http: Any = None

    def __enter__(self) -> ObjectStorageClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the pooled connections."""
        if self._http is not None:
            self._http.clear()
        self._client = None
        self._http = None

    def _minio(self) -> Minio:
        if self._client is None:
            from minio import Minio

            parts = urlsplit(self.settings.endpoint)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise InvalidRequestError(
                    f"the endpoint {self.settings.endpoint!r} is not an http(s) URL",
                    hint="Write the endpoint as https://host, such as " + DEFAULT_ENDPOINT,
                )
            http = pool_manager(
                timeout=self.settings.timeout,
                ca_bundle=self.settings.ca_bundle,
                proxy=self.settings.proxy,
            )
            try:
                self._client = Minio(
                    parts.netloc,
                    access_key=self.settings.access_key,
                    secret_key=self.settings.secret_key,
                    secure=parts.scheme == "https",
                    region=self.settings.region,
                    http_client=http,
                )
            except ValueError as exc:
                raise InvalidRequestError(
                    f"the endpoint {self.settings.endpoint!r} cannot be used: {exc}",
                    hint="Write the endpoint as https://host, such as " + DEFAULT_ENDPOINT,
                ) from exc
            self._http = http
        return self._client

    def list_buckets(self) -> list[Bucket]:
        """Every bucket these keys can see."""
        with Operation() as operation, _translated(operation):
            buckets = self._minio().list_buckets()
            return [Bucket(b.name, b.creation_date) for b in buckets]

    def list_objects(
        self, bucket: str, prefix: str = "", *, marker: str | None = None, max_keys: int = 1000
    ) -> ObjectListing:
        """One page of the "folders" and objects directly under ``prefix`` (ListObjects v1).

        ``marker`` is the ``next_marker`` of the previous page.
        """
        check_names(bucket)
        with Operation() as operation, _translated(operation):
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

        ``progress`` is called on this thread with the bytes handed to the network.
        ``cancel`` (a ``threading.Event``, or anything with ``is_set()``) may be set from any
        thread: the request in flight is stopped at once, even one blocked on a stalled
        network, an unfinished multipart upload is aborted (given at most
        :data:`~aitems_desktop.core.objectstorage.wire.ABORT_SECONDS`), and the upload
        ends in :class:`UploadCancelledError`, which says whether the abort was confirmed.
        """
        check_names(bucket, key)
        file_path = Path(path)
        try:
            handle = open(file_path, "rb")  # noqa: SIM115 (closed below)
            size = os.fstat(handle.fileno()).st_size
        except OSError as exc:
            raise LocalFileError(f"cannot open {file_path}: {exc.strerror or exc}") from exc
        chosen = part_size or part_size_for(size)

        def report(sent: int, total: int) -> None:
            if progress is not None:
                progress(UploadProgress(sent, total))

        with handle, Operation(cancel) as operation, _translated(operation):
            transfer = Transfer(size, report, operation)
            operation.transfer = transfer
            operation.check()
            result = self._minio().put_object(
                bucket,
                key,
                FileReader(handle, transfer),  # type: ignore[arg-type]
                size,
                content_type=_content_type(file_path),
                part_size=chosen,
                # Sequential: minio's parallel path reports a failed part only after
                # reading the whole file, and leaves its worker threads waiting.
                num_parallel_uploads=1,
            )
            transfer.report(size)
        parts = 1 if size <= chosen else -(-size // chosen)
        return UploadResult(bucket, key, size, result.etag or "", parts)


def check_names(bucket: str, key: str | None = None) -> None:
    """Refuse, before anything is sent, a bucket or object name S3 cannot take.

    Raises :class:`InvalidRequestError`; imports minio's name rules (not its client).
    """
    from minio.helpers import check_bucket_name, check_object_name

    try:
        check_bucket_name(bucket)
        if key is not None:
            check_object_name(key)
    except (ValueError, TypeError) as exc:
        hint = None if key is None or "bucket" in str(exc) else "Check the object's key."
        raise InvalidRequestError(str(exc), hint=hint) from exc


def _content_type(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".gz"):
        return "application/gzip"
    if name.endswith(".csv"):
        return "text/csv"
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


@contextlib.contextmanager
def _translated(operation: Operation) -> Iterator[None]:
    """Turns whatever minio, urllib3 or a socket raised into an :class:`AitemsError`."""
    try:
        yield
    except Exception as exc:
        outcome = _outcome(exc, operation)
        if outcome is exc:
            raise
        raise outcome from exc


def _outcome(exc: Exception, operation: Operation) -> BaseException:
    # When minio aborted the upload after a failure, the failure is what to report, not how
    # the abort went (which the error notes).
    cause = operation.failure or exc
    abort_failed = operation.abort_id is not None and not operation.aborted
    if operation.cancelled or isinstance(cause, UploadCancelledError):
        return UploadCancelledError(
            "the upload was cancelled"
            + ("" if not abort_failed else "; its unfinished multipart upload was not removed"),
            may_have_reached_server=operation.sent,
            aborted=not abort_failed,
            upload_id=operation.abort_id if abort_failed else None,
        )
    translated: AitemsError | BaseException | None = translate(cause, sent=operation.sent)
    if translated is None:
        # Not a failure of the network, the server or the file: a bug, shown as it is.
        return cause
    if abort_failed and isinstance(translated, AitemsError) and not translated.details:
        translated.details = (
            f"The unfinished multipart upload {operation.abort_id} could not be aborted; its "
            "parts may stay in the bucket."
        )
    return translated
