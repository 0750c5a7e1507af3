"""The Object Storage emulator's storage: buckets, objects and multipart uploads on disk.

Object bodies live in files under a temporary directory the sandbox owns (a 1 GB upload never
sits in memory); the metadata lives in memory behind one lock. Every operation raises
:class:`S3Error` with the S3 error code the HTTP layer turns into XML.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Final

#: The account every bucket made through the sandbox belongs to.
OWNER_ID: Final = "sandbox-owner"
OWNER_NAME: Final = "sandbox"
#: S3's smallest part, except the last one of an upload.
MIN_PART_SIZE: Final = 5 * 1024 * 1024
MAX_PART_NUMBER: Final = 10_000
#: S3's largest single PUT.
MAX_OBJECT_SIZE: Final = 5 * 1024 * 1024 * 1024
MAX_BUCKETS: Final = 1000
MAX_KEYS: Final = 1000
_BUCKET_NAME: Final = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
_COPY_BLOCK: Final = 1024 * 1024


class S3Error(Exception):
    """An S3 error: ``code`` (``NoSuchKey``...), HTTP status, message, extra XML elements."""

    def __init__(self, code: str, status: int, message: str, **extra: str) -> None:
        super().__init__(message)
        self.code = code
        self.status = status
        self.message = message
        self.extra = extra


def no_such_bucket(name: str) -> S3Error:
    return S3Error("NoSuchBucket", 404, "The specified bucket does not exist.", BucketName=name)


def access_denied() -> S3Error:
    return S3Error("AccessDenied", 403, "Access Denied")


@dataclass
class StoredObject:
    key: str
    size: int
    etag: str  # with quotes, as S3 sends it
    last_modified: float
    path: Path
    content_type: str
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass
class Part:
    number: int
    size: int
    etag: str
    md5: bytes
    path: Path
    last_modified: float


@dataclass
class Upload:
    upload_id: str
    bucket: str
    key: str
    initiated: float
    content_type: str
    metadata: dict[str, str]
    parts: dict[int, Part] = field(default_factory=dict)


@dataclass
class Bucket:
    name: str
    created: float
    owner: str
    objects: dict[str, StoredObject] = field(default_factory=dict)


@dataclass(frozen=True)
class Listing:
    contents: list[StoredObject]
    common_prefixes: list[str]
    truncated: bool
    next_marker: str | None


@dataclass(frozen=True)
class Received:
    """A request body already written to a file, with its size and digests."""

    path: Path
    size: int
    md5: bytes
    sha256: bytes


class ObjectStore:
    """Buckets and objects of one sandbox; every method is thread-safe."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="aitems-sandbox-os-"))
        (self.root / "objects").mkdir()
        (self.root / "incoming").mkdir()
        (self.root / "parts").mkdir()
        self._lock = threading.Lock()
        self._buckets: dict[str, Bucket] = {}
        self._uploads: dict[str, Upload] = {}
        # Removed on close(); also if the sandbox is dropped without being stopped.
        self._finalizer = weakref.finalize(self, shutil.rmtree, self.root, True)

    def close(self) -> None:
        """Delete every stored byte."""
        with self._lock:
            self._buckets.clear()
            self._uploads.clear()
        self._finalizer()

    # --- receiving bodies ---------------------------------------------------------------

    def incoming(self) -> tuple[BinaryIO, Path]:
        """A new file for a request body (the HTTP layer streams into it)."""
        fd, name = tempfile.mkstemp(dir=self.root / "incoming")
        return os.fdopen(fd, "w+b"), Path(name)

    @staticmethod
    def discard(path: Path) -> None:
        with contextlib.suppress(OSError):
            path.unlink()

    # --- buckets --------------------------------------------------------------------------

    def _bucket(self, name: str, owner: str) -> Bucket:
        bucket = self._buckets.get(name)
        if bucket is None:
            raise no_such_bucket(name)
        if bucket.owner != owner:
            raise access_denied()
        return bucket

    def create_bucket(self, name: str, owner: str = OWNER_ID) -> None:
        if not _BUCKET_NAME.fullmatch(name) or ".." in name:
            raise S3Error(
                "InvalidBucketName", 400, "The specified bucket is not valid.", BucketName=name
            )
        with self._lock:
            existing = self._buckets.get(name)
            if existing is not None:
                if existing.owner == owner:
                    raise S3Error(
                        "BucketAlreadyOwnedByYou",
                        409,
                        "Your previous request to create the named bucket succeeded and you "
                        "already own it.",
                        BucketName=name,
                    )
                raise S3Error(
                    "BucketAlreadyExists",
                    409,
                    "The requested bucket name is not available.",
                    BucketName=name,
                )
            if sum(b.owner == owner for b in self._buckets.values()) >= MAX_BUCKETS:
                raise S3Error(
                    "TooManyBuckets", 400, "You have attempted to create more buckets than allowed."
                )
            self._buckets[name] = Bucket(name, time.time(), owner)

    def head_bucket(self, name: str, owner: str = OWNER_ID) -> None:
        with self._lock:
            self._bucket(name, owner)

    def delete_bucket(self, name: str, owner: str = OWNER_ID) -> None:
        with self._lock:
            bucket = self._bucket(name, owner)
            if bucket.objects or any(u.bucket == name for u in self._uploads.values()):
                raise S3Error(
                    "BucketNotEmpty",
                    409,
                    "The bucket you tried to delete is not empty.",
                    BucketName=name,
                )
            del self._buckets[name]

    def list_buckets(self, owner: str = OWNER_ID) -> list[tuple[str, float]]:
        with self._lock:
            return sorted((b.name, b.created) for b in self._buckets.values() if b.owner == owner)

    # --- objects --------------------------------------------------------------------------

    def _object_path(self, bucket: str, key: str) -> Path:
        digest = hashlib.sha256(f"{bucket}\0{key}".encode("utf-8", "surrogatepass")).hexdigest()
        return self.root / "objects" / digest

    def put_object(
        self,
        bucket: str,
        key: str,
        body: Received,
        content_type: str = "binary/octet-stream",
        metadata: dict[str, str] | None = None,
        owner: str = OWNER_ID,
        etag: str | None = None,
    ) -> StoredObject:
        """Store ``body`` (its file is moved, not copied) under ``key``."""
        with self._lock:
            stored_bucket = self._bucket(bucket, owner)
            target = self._object_path(bucket, key)
            os.replace(body.path, target)
            obj = StoredObject(
                key=key,
                size=body.size,
                etag=etag or f'"{body.md5.hex()}"',
                last_modified=time.time(),
                path=target,
                content_type=content_type,
                metadata=dict(metadata or {}),
            )
            stored_bucket.objects[key] = obj
            return obj

    def put_bytes(self, bucket: str, key: str, data: bytes, owner: str = OWNER_ID) -> StoredObject:
        """Store ``data`` (a test and demo helper)."""
        stream, path = self.incoming()
        with stream:
            stream.write(data)
        md5 = hashlib.md5(data).digest()  # noqa: S324 - S3's ETag is an MD5
        received = Received(path, len(data), md5, hashlib.sha256(data).digest())
        try:
            return self.put_object(bucket, key, received, owner=owner)
        except BaseException:
            self.discard(path)
            raise

    def head_object(self, bucket: str, key: str, owner: str = OWNER_ID) -> StoredObject:
        with self._lock:
            obj = self._bucket(bucket, owner).objects.get(key)
            if obj is None:
                raise S3Error("NoSuchKey", 404, "The specified key does not exist.", Key=key)
            return obj

    @contextlib.contextmanager
    def open_object(
        self, bucket: str, key: str, owner: str = OWNER_ID
    ) -> Iterator[tuple[StoredObject, BinaryIO]]:
        """The object and an open file of its body (a later PUT does not change what is read)."""
        with self._lock:
            obj = self._bucket(bucket, owner).objects.get(key)
            if obj is None:
                raise S3Error("NoSuchKey", 404, "The specified key does not exist.", Key=key)
            # Opened under the lock: a concurrent replace cannot swap the file in between.
            stream = obj.path.open("rb")
        with stream:
            yield obj, stream

    def read_bytes(self, bucket: str, key: str, owner: str = OWNER_ID) -> bytes:
        with self.open_object(bucket, key, owner) as (_, stream):
            return stream.read()

    def delete_object(self, bucket: str, key: str, owner: str = OWNER_ID) -> None:
        with self._lock:
            obj = self._bucket(bucket, owner).objects.pop(key, None)
        if obj is not None:
            self.discard(obj.path)

    def list_objects(
        self,
        bucket: str,
        prefix: str = "",
        delimiter: str = "",
        marker: str = "",
        max_keys: int = MAX_KEYS,
        owner: str = OWNER_ID,
    ) -> Listing:
        """ListObjects (version 1): keys after ``marker``, rolled up at ``delimiter``."""
        max_keys = max(0, min(max_keys, MAX_KEYS))
        with self._lock:
            keys = sorted(k for k in self._bucket(bucket, owner).objects if k.startswith(prefix))
            objects = self._buckets[bucket].objects
            contents: list[StoredObject] = []
            prefixes: list[str] = []
            last = ""
            truncated = False
            for key in keys:
                if key <= marker:
                    continue
                rolled = None
                if delimiter:
                    cut = key.find(delimiter, len(prefix))
                    if cut >= 0:
                        rolled = key[: cut + len(delimiter)]
                if rolled is not None and prefixes and prefixes[-1] == rolled:
                    continue
                if rolled is not None and rolled <= marker:
                    continue
                if len(contents) + len(prefixes) >= max_keys:
                    truncated = True
                    break
                if rolled is not None:
                    prefixes.append(rolled)
                    last = rolled
                else:
                    contents.append(objects[key])
                    last = key
            return Listing(contents, prefixes, truncated, last if truncated else None)

    def keys(self, bucket: str, prefix: str, owner: str = OWNER_ID) -> list[str]:
        with self._lock:
            return sorted(k for k in self._bucket(bucket, owner).objects if k.startswith(prefix))

    # --- multipart uploads ---------------------------------------------------------------

    def _upload(self, bucket: str, key: str, upload_id: str, owner: str) -> Upload:
        self._bucket(bucket, owner)
        upload = self._uploads.get(upload_id)
        if upload is None or upload.bucket != bucket or upload.key != key:
            raise S3Error(
                "NoSuchUpload",
                404,
                "The specified upload does not exist. The upload ID may be invalid, or the "
                "upload may have been aborted or completed.",
                UploadId=upload_id,
            )
        return upload

    def create_upload(
        self,
        bucket: str,
        key: str,
        content_type: str = "binary/octet-stream",
        metadata: dict[str, str] | None = None,
        owner: str = OWNER_ID,
    ) -> str:
        with self._lock:
            self._bucket(bucket, owner)
            upload_id = secrets.token_urlsafe(24)
            (self.root / "parts" / upload_id).mkdir()
            self._uploads[upload_id] = Upload(
                upload_id, bucket, key, time.time(), content_type, dict(metadata or {})
            )
            return upload_id

    def upload_part(
        self,
        bucket: str,
        key: str,
        upload_id: str,
        number: int,
        body: Received,
        owner: str = OWNER_ID,
    ) -> str:
        if not 1 <= number <= MAX_PART_NUMBER:
            raise S3Error(
                "InvalidArgument",
                400,
                f"Part number must be an integer between 1 and {MAX_PART_NUMBER}, inclusive.",
                ArgumentName="partNumber",
            )
        with self._lock:
            upload = self._upload(bucket, key, upload_id, owner)
            target = self.root / "parts" / upload_id / str(number)
            os.replace(body.path, target)
            etag = f'"{body.md5.hex()}"'
            upload.parts[number] = Part(number, body.size, etag, body.md5, target, time.time())
            return etag

    def list_parts(
        self, bucket: str, key: str, upload_id: str, owner: str = OWNER_ID
    ) -> tuple[Upload, list[Part]]:
        with self._lock:
            upload = self._upload(bucket, key, upload_id, owner)
            return upload, [upload.parts[n] for n in sorted(upload.parts)]

    def abort_upload(self, bucket: str, key: str, upload_id: str, owner: str = OWNER_ID) -> None:
        with self._lock:
            self._upload(bucket, key, upload_id, owner)
            del self._uploads[upload_id]
        shutil.rmtree(self.root / "parts" / upload_id, ignore_errors=True)

    def complete_upload(
        self,
        bucket: str,
        key: str,
        upload_id: str,
        wanted: list[tuple[int, str]],
        owner: str = OWNER_ID,
    ) -> StoredObject:
        """Join the listed parts (ascending numbers, matching ETags, all but the last >= 5 MiB)."""
        if not wanted:
            raise S3Error(
                "MalformedXML",
                400,
                "The XML you provided was not well-formed or did not validate against our "
                "published schema.",
            )
        with self._lock:
            upload = self._upload(bucket, key, upload_id, owner)
            numbers = [n for n, _ in wanted]
            if numbers != sorted(numbers) or len(set(numbers)) != len(numbers):
                raise S3Error(
                    "InvalidPartOrder",
                    400,
                    "The list of parts was not in ascending order. The parts list must be "
                    "specified in order by part number.",
                )
            parts: list[Part] = []
            for number, etag in wanted:
                part = upload.parts.get(number)
                if part is None or part.etag.strip('"') != etag.strip().strip('"'):
                    raise S3Error(
                        "InvalidPart",
                        400,
                        "One or more of the specified parts could not be found. The part may "
                        "not have been uploaded, or the specified entity tag may not match the "
                        "part's entity tag.",
                        PartNumber=str(number),
                        ETag=etag,
                    )
                parts.append(part)
            for part in parts[:-1]:
                if part.size < MIN_PART_SIZE:
                    raise S3Error(
                        "EntityTooSmall",
                        400,
                        "Your proposed upload is smaller than the minimum allowed object size.",
                        ProposedSize=str(part.size),
                        MinSizeAllowed=str(MIN_PART_SIZE),
                        PartNumber=str(part.number),
                        ETag=part.etag,
                    )
            # Claimed under the lock, so a second complete of the same id finds nothing.
            del self._uploads[upload_id]
        stream, path = self.incoming()
        size = 0
        with stream:
            for part in parts:
                with part.path.open("rb") as source:
                    shutil.copyfileobj(source, stream, _COPY_BLOCK)
                size += part.size
        shutil.rmtree(self.root / "parts" / upload_id, ignore_errors=True)
        combined = hashlib.md5(b"".join(p.md5 for p in parts)).hexdigest()  # noqa: S324
        received = Received(path, size, b"", b"")
        try:
            return self.put_object(
                bucket,
                key,
                received,
                upload.content_type,
                upload.metadata,
                owner,
                etag=f'"{combined}-{len(parts)}"',
            )
        except BaseException:
            self.discard(path)
            raise
