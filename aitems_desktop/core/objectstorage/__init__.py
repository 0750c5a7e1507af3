"""NCP Object Storage, where AiTEMS datasets live: list buckets and folders, upload a file.

Object Storage speaks the S3 API (signature V4, region ``kr-standard``, ListObjects version 1
only: version 2 is documented as unsupported). The S3 client library is ``minio`` (the choice
and its figures are in ``docs/objectstorage.md``); it is imported when a listing or an upload
starts, never when this package is imported, so nothing the window loads before its first
paint pulls it in.

Uploads are sequential multipart uploads of :data:`PART_SIZE` parts (a single PUT below
that), with progress counted in bytes handed to the socket. A cancel stops the request in
flight at once, even one blocked on a stalled network, and the unfinished multipart upload
is aborted, so no orphaned parts stay billed in the bucket (:mod:`.wire` says how). Every
failure ends in a typed error that is both an :class:`ObjectStorageError` and a member of
the core's :class:`~aitems_desktop.core.errors.AitemsError` family (:mod:`.errors`); none of
them, and nothing logged, holds the secret key.
"""

from __future__ import annotations

from aitems_desktop.core.objectstorage.client import (
    DEFAULT_ENDPOINT,
    DEFAULT_REGION,
    DEFAULT_TIMEOUT,
    MAX_KEY_BYTES,
    MAX_PARTS,
    PART_SIZE,
    Bucket,
    ObjectListing,
    ObjectStorageClient,
    ObjectStorageSettings,
    StoredObject,
    UploadProgress,
    UploadResult,
    check_names,
    part_size_for,
)
from aitems_desktop.core.objectstorage.errors import (
    AccessDeniedError,
    ClockSkewError,
    InvalidAnswerError,
    InvalidCredentialsError,
    InvalidRequestError,
    LocalFileError,
    NoSuchBucketError,
    NoSuchKeyError,
    ObjectStorageError,
    RedirectRefusedError,
    StorageNetworkError,
    StorageRequestRejectedError,
    StorageServerError,
    StorageTlsError,
    UploadCancelledError,
)
from aitems_desktop.core.objectstorage.wire import (
    ABORT_SECONDS,
    MAX_ANSWER_BYTES,
    SEND_SLICE,
    CancelFlag,
)

__all__ = [
    "ABORT_SECONDS",
    "DEFAULT_ENDPOINT",
    "DEFAULT_REGION",
    "DEFAULT_TIMEOUT",
    "MAX_ANSWER_BYTES",
    "MAX_KEY_BYTES",
    "MAX_PARTS",
    "PART_SIZE",
    "SEND_SLICE",
    "AccessDeniedError",
    "Bucket",
    "CancelFlag",
    "ClockSkewError",
    "InvalidAnswerError",
    "InvalidCredentialsError",
    "InvalidRequestError",
    "LocalFileError",
    "NoSuchBucketError",
    "NoSuchKeyError",
    "ObjectListing",
    "ObjectStorageClient",
    "ObjectStorageError",
    "ObjectStorageSettings",
    "RedirectRefusedError",
    "StorageNetworkError",
    "StorageRequestRejectedError",
    "StorageServerError",
    "StorageTlsError",
    "StoredObject",
    "UploadCancelledError",
    "UploadProgress",
    "UploadResult",
    "check_names",
    "part_size_for",
]
