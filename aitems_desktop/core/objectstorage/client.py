"""The Object Storage client: list buckets and folders, upload a file."""

from __future__ import annotations

import contextlib
import itertools
import mimetypes
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

from aitems_desktop.core.errors import AitemsError
from aitems_desktop.core.objectstorage.errors import (
    InvalidAnswerError,
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
#: The longest object key S3 takes, in bytes of UTF-8.
MAX_KEY_BYTES: Final = 1024
_BUCKET_NAME: Final = re.compile(r"[a-z0-9][a-z0-9.-]*[a-z0-9]")
_IPV4: Final = re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}")
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
        if not result.etag:
            # Each PUT's ETag was looked at on arrival; this is the complete's answer, whose
            # ETag is in its XML.
            raise InvalidAnswerError(
                "the server's answer to the upload has no ETag, which Object Storage always "
                "gives: the object cannot be taken as stored"
            )
        parts = 1 if size <= chosen else -(-size // chosen)
        return UploadResult(bucket, key, size, result.etag, parts)


def check_names(bucket: str, key: str | None = None) -> None:
    """Refuse, before anything is sent, a bucket or object name Object Storage cannot take.

    A bucket name is 3 to 63 lower-case letters, digits, dots and hyphens, starting and
    ending with a letter or digit, with no two dots (or a dot and a hyphen) side by side and
    not shaped like an IP address. A key is 1 to :data:`MAX_KEY_BYTES` bytes of UTF-8 with no
    control character (S3 keeps them, but they cannot travel in its XML listings, and a
    newline or an escape in a key misleads whoever reads it), and no ``.`` or ``..`` segment
    (minio, the S3 library, refuses those). Raises :class:`InvalidRequestError`; standard
    library only, so the GUI may call it as the person types.
    """
    problem = _bucket_problem(bucket)
    if problem is not None:
        raise InvalidRequestError(problem)
    if key is None:
        return
    problem = _key_problem(key)
    if problem is not None:
        raise InvalidRequestError(
            problem,
            hint=(
                f"An object's key is 1 to {MAX_KEY_BYTES:,} bytes of UTF-8 text without "
                "control characters, such as aitems/users.csv."
            ),
        )


def _bucket_problem(bucket: str) -> str | None:
    shown = _shown(bucket)
    if not 3 <= len(bucket) <= 63:
        return f"the bucket name {shown} is {len(bucket)} characters long, not 3 to 63"
    if not _BUCKET_NAME.fullmatch(bucket):
        return (
            f"the bucket name {shown} may hold only lower-case letters, digits, dots and "
            "hyphens, and must start and end with a letter or digit"
        )
    if any(pair in bucket for pair in ("..", ".-", "-.")):
        return f"the bucket name {shown} has two dots, or a dot and a hyphen, side by side"
    if _IPV4.fullmatch(bucket):
        return f"the bucket name {shown} is shaped like an IP address"
    return None


def _key_problem(key: str) -> str | None:
    shown = _shown(key)
    if not key.strip():
        return "the object's key is empty (or only spaces)"
    try:
        size = len(key.encode("utf-8"))
    except UnicodeEncodeError:
        return f"the object's key {shown} is not valid text (it cannot be written as UTF-8)"
    if size > MAX_KEY_BYTES:
        return f"the object's key is {size:,} bytes of UTF-8, more than {MAX_KEY_BYTES:,}"
    bad = next((ch for ch in key if unicodedata.category(ch) == "Cc"), None)
    if bad is not None:
        return f"the object's key {shown} holds a control character (U+{ord(bad):04X})"
    if any(segment in (".", "..") for segment in key.split("/")):
        return f"the object's key {shown} has a '.' or '..' segment"
    return None


def _shown(name: str) -> str:
    """A name as a message may quote it: control characters escaped, a long one cut."""
    # repr escapes what does not print (control, format and lone surrogate characters) and
    # keeps Korean and other letters as they are.
    return repr(name[:80] + ("…" if len(name) > 80 else ""))


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
