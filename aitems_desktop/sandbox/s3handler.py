"""The Object Storage emulator's HTTP side: path-style S3 requests, SigV4, XML answers.

``http(s)://127.0.0.1:PORT/bucket/key``, region ``kr-standard``, the sandbox's key pair. Bodies
are streamed to files while their digests are computed (an upload never sits in memory); a
request whose signature does not hold is refused before its body is read (``Expect:
100-continue``) or its body is drained and dropped.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import logging
import re
import secrets
import threading
import time
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Callable
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any, BinaryIO, Final
from urllib.parse import parse_qs, quote, unquote_to_bytes
from xml.sax.saxutils import escape

from aitems_desktop.sandbox import sigv4
from aitems_desktop.sandbox.api import printable
from aitems_desktop.sandbox.backend import ReceivedRequest, RequestLog
from aitems_desktop.sandbox.objectstore import (
    MAX_KEYS,
    MAX_OBJECT_SIZE,
    OWNER_ID,
    OWNER_NAME,
    ObjectStore,
    Received,
    S3Error,
)

if TYPE_CHECKING:
    from aitems_desktop.sandbox.httpd import SandboxHTTPServer

log = logging.getLogger("aitems_desktop.sandbox")

REGION: Final = "kr-standard"
XMLNS: Final = "http://s3.amazonaws.com/doc/2006-03-01/"
BLOCK: Final = 1024 * 1024
#: The largest XML body read (CompleteMultipartUpload, CreateBucketConfiguration).
MAX_XML: Final = 1024 * 1024
#: A refused request's body is read and dropped up to this much, then the connection closes.
MAX_DRAIN: Final = 64 * 1024 * 1024
_LENGTH: Final = re.compile(r"[0-9]{1,15}")
_HEX_SIZE: Final = re.compile(rb"([0-9A-Fa-f]{1,15})")
MALFORMED_XML: Final = (
    "The XML you provided was not well-formed or did not validate against our published schema."
)
SIGNATURE_MISMATCH: Final = (
    "The request signature we calculated does not match the signature you provided."
)
_RANGE: Final = re.compile(r"bytes=(\d{0,15})-(\d{0,15})")


class ObjectStorageService:
    """What the S3 handler threads share: storage, keys, clock and the request log."""

    def __init__(
        self,
        store: ObjectStore,
        credentials: sigv4.Credentials,
        clock: Callable[[], float],
        stopping: threading.Event,
    ) -> None:
        self.store = store
        self.credentials = credentials
        self.clock = clock
        self.stopping = stopping
        self.log = RequestLog()


class _BodyReader:
    """The request body as sent: Content-Length bytes, or HTTP chunked decoded."""

    def __init__(self, rfile: Any, length: int | None, chunked: bool) -> None:
        self._rfile = rfile
        self._left = length if length is not None else 0
        self._chunked = chunked
        self._chunk_left = 0
        self._done = not chunked and not self._left

    def _next_chunk(self) -> bool:
        """Read the next chunk's size line; True at the last (empty) chunk."""
        line = self._rfile.readline(1024).split(b";")[0].strip()
        if not _HEX_SIZE.fullmatch(line):
            raise S3Error("IncompleteBody", 400, "The chunked body is malformed.")
        self._chunk_left = int(line, 16)
        if self._chunk_left == 0:
            while self._rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                pass
            self._done = True
        return self._done

    def read(self, size: int) -> bytes:
        if self._done:
            return b""
        if self._chunked:
            if self._chunk_left == 0 and self._next_chunk():
                return b""
            data: bytes = self._rfile.read(min(size, self._chunk_left))
            if not data:
                raise S3Error("IncompleteBody", 400, "The request body ended early.")
            self._chunk_left -= len(data)
            if self._chunk_left == 0:
                self._rfile.readline(1024)
            return data
        data = bytes(self._rfile.read(min(size, self._left)))
        if not data:
            raise S3Error(
                "IncompleteBody",
                400,
                "You did not provide the number of bytes specified by the Content-Length "
                "HTTP header.",
            )
        self._left -= len(data)
        self._done = self._left == 0
        return data

    def drain(self, limit: int) -> int:
        """Read what is left of the body (up to ``limit`` bytes); how much there was."""
        total = 0
        while total <= limit:
            data = self.read(BLOCK)
            if not data:
                break
            total += len(data)
        return total

    def readline(self, limit: int) -> bytes:
        out = bytearray()
        while len(out) < limit:
            byte = self.read(1)
            if not byte:
                break
            out += byte
            if byte == b"\n":
                break
        return bytes(out)

    def read_exact(self, size: int) -> bytes:
        out = bytearray()
        while len(out) < size:
            data = self.read(min(BLOCK, size - len(out)))
            if not data:
                raise S3Error("IncompleteBody", 400, "The request body ended early.")
            out += data
        return bytes(out)


class _Digests:
    """MD5, SHA-256 and the S3 checksums of one body, fed block by block."""

    def __init__(self) -> None:
        self.md5 = hashlib.md5()  # noqa: S324 - S3's ETag is an MD5
        self.sha256 = hashlib.sha256()
        self.sha1 = hashlib.sha1()  # noqa: S324 - S3's x-amz-checksum-sha1
        self.crc32 = 0
        self.size = 0

    def update(self, data: bytes) -> None:
        self.md5.update(data)
        self.sha256.update(data)
        self.sha1.update(data)
        self.crc32 = zlib.crc32(data, self.crc32)
        self.size += len(data)

    def checksum(self, algorithm: str) -> str | None:
        """The base64 checksum S3 would compare; None for an algorithm not computed here."""
        if algorithm == "crc32":
            return base64.b64encode(self.crc32.to_bytes(4, "big")).decode()
        if algorithm == "sha256":
            return base64.b64encode(self.sha256.digest()).decode()
        if algorithm == "sha1":
            return base64.b64encode(self.sha1.digest()).decode()
        return None


def _xml(root: str, body: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<{root} xmlns="{XMLNS}">{body}</{root}>'
    ).encode()


def _el(name: str, value: object) -> str:
    return f"<{name}>{escape(str(value))}</{name}>"


def _iso(seconds: float) -> str:
    return (
        time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
        + f".{int(seconds * 1000) % 1000:03d}Z"
    )


def _http_date(seconds: float) -> str:
    return formatdate(seconds, usegmt=True)


class S3Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "aitems-sandbox-object-storage"
    sys_version = ""
    disable_nagle_algorithm = True
    timeout = 120
    server: SandboxHTTPServer
    #: Set when the signature was checked before the body (``Expect: 100-continue``).
    _verified: sigv4.Verified | None = None
    _consumed = False

    # --- plumbing ---------------------------------------------------------------------------

    @property
    def service(self) -> ObjectStorageService:
        svc: ObjectStorageService = self.server.backend
        return svc

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def version_string(self) -> str:
        return self.server_version

    def do_GET(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def do_HEAD(self) -> None:
        self._serve()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals (bad request line, huge headers) as S3 XML."""
        # A request line that failed to parse leaves the version at HTTP/0.9, for which
        # http.server writes no status line or headers at all: answer as HTTP/1.1.
        if getattr(self, "request_version", "HTTP/0.9") == "HTTP/0.9":
            self.request_version = "HTTP/1.1"
        self.close_connection = True
        text = explain or message or self.responses.get(code, ("Error",))[0]
        with contextlib.suppress(OSError):
            self._send_error(S3Error("BadRequest" if code < 500 else "NotImplemented", code, text))
        self._log(code)

    def handle_expect_100(self) -> bool:
        """Check the signature before the client sends the body, as S3 does."""
        try:
            self._verified = self._authenticate()
        except (sigv4.SigV4Error, S3Error) as e:
            self.close_connection = True
            self._record(b"")
            self._send_error(e)
            self._log(e.status)
            return False
        return super().handle_expect_100()

    def _target(self) -> str:
        # Unset when the request line itself could not be read (414, 400).
        return str(getattr(self, "path", "") or "")

    def _headers(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for name, value in self.headers.items():
            out.setdefault(name.lower(), []).append(value)
        return out

    def _authenticate(self) -> sigv4.Verified:
        path, _, query = self.path.partition("?")
        return sigv4.verify(
            self.command,
            path,
            query,
            self._headers(),
            self.service.credentials,
            self.service.clock(),
        )

    def _record(self, body: bytes) -> None:
        self.service.log.add(
            ReceivedRequest(self.command, self.path, dict(self.headers.items()), body, time.time())
        )

    def _log(self, status: int | str) -> None:
        log.info(
            "object storage: %s %s -> %s",
            printable(str(getattr(self, "command", None) or "-")),
            printable(self._target()),
            status,
        )

    # --- one request ------------------------------------------------------------------------

    def _serve(self) -> None:
        status: int | str = "-"
        verified: sigv4.Verified | None = getattr(self, "_verified", None)
        self._verified = None
        self._consumed = False
        try:
            if verified is None:
                verified = self._authenticate()
            self._record(b"")
            status = self._dispatch(verified)
        except (sigv4.SigV4Error, S3Error) as e:
            if verified is None:
                self._record(b"")
            if not self._consumed:
                self._drain()
            status = e.status
            self._send_error(e)
        except OSError:
            self.close_connection = True
            status = "client-gone"
        self._log(status)

    def _drain(self) -> None:
        """Read and drop an unwanted body (so the client sees the error, not a reset)."""
        length = self.headers.get("Content-Length", "")
        chunked = "chunked" in self.headers.get("Transfer-Encoding", "").lower()
        if not chunked and length.strip() in ("", "0"):
            return  # no body: the connection can go on
        self.close_connection = True
        with contextlib.suppress(S3Error):
            self._body_reader().drain(MAX_DRAIN)

    def _send_error(self, error: S3Error | sigv4.SigV4Error) -> None:
        request_id = secrets.token_hex(8).upper()
        extra = "".join(_el(k, v) for k, v in error.extra.items())
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<Error>'
            + _el("Code", error.code)
            + _el("Message", error.message)
            + extra
            + _el(
                "Resource",
                unquote_to_bytes(self._target().partition("?")[0]).decode("utf-8", "replace"),
            )
            + _el("RequestId", request_id)
            + "</Error>"
        ).encode()
        self._send(
            error.status, body, {"Content-Type": "application/xml", "x-amz-request-id": request_id}
        )

    def _send(
        self,
        status: int,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        length: int | None = None,
    ) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if "x-amz-request-id" not in (headers or {}):
            self.send_header("x-amz-request-id", secrets.token_hex(8).upper())
        self.send_header("Content-Length", str(len(body) if length is None else length))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if getattr(self, "command", None) != "HEAD" and body:
            self.wfile.write(body)

    # --- bodies -----------------------------------------------------------------------------

    def _body_reader(self) -> _BodyReader:
        chunked = "chunked" in self.headers.get("Transfer-Encoding", "").lower()
        values = self.headers.get_all("Content-Length") or []
        length = None
        if values:
            if len(set(values)) != 1 or not _LENGTH.fullmatch(values[0].strip()):
                self.close_connection = True
                raise S3Error("BadRequest", 400, "Invalid Content-Length.")
            length = int(values[0].strip())
        elif not chunked and self.command in ("PUT", "POST"):
            raise S3Error(
                "MissingContentLength", 411, "You must provide the Content-Length HTTP header."
            )
        return _BodyReader(self.rfile, length, chunked)

    def _receive(self, verified: sigv4.Verified, limit: int = MAX_OBJECT_SIZE) -> Received:
        """Stream the (decoded) body to a file, checking every digest it was sent with."""
        self._consumed = True
        reader = self._body_reader()
        digests = _Digests()
        stream, path = self.service.store.incoming()
        trailers: dict[str, str] = {}
        try:
            with stream:
                if verified.payload_hash in sigv4.STREAMING_MODES:
                    trailers = self._receive_aws_chunked(reader, verified, stream, digests, limit)
                    # The HTTP framing around it (a final chunk) ends the body; data after
                    # the aws-chunked trailer is not part of any object.
                    if reader.drain(BLOCK):
                        raise S3Error("IncompleteBody", 400, "Data after the aws-chunked body.")
                else:
                    while True:
                        data = reader.read(BLOCK)
                        if not data:
                            break
                        digests.update(data)
                        if digests.size > limit:
                            raise S3Error(
                                "EntityTooLarge",
                                400,
                                "Your proposed upload exceeds the maximum allowed size.",
                            )
                        stream.write(data)
            self._check_digests(verified, digests, trailers)
        except BaseException:
            self.close_connection = True
            ObjectStore.discard(path)
            raise
        return Received(path, digests.size, digests.md5.digest(), digests.sha256.digest())

    def _receive_aws_chunked(
        self,
        reader: _BodyReader,
        verified: sigv4.Verified,
        stream: BinaryIO,
        digests: _Digests,
        limit: int,
    ) -> dict[str, str]:
        signed = verified.payload_hash != sigv4.STREAMING_UNSIGNED_TRAILER
        previous = verified.signature
        while True:
            line = reader.readline(4096)
            if not line.endswith(b"\n"):
                raise S3Error("IncompleteBody", 400, "The aws-chunked body ended early.")
            head, _, extension = line.strip().partition(b";")
            if not _HEX_SIZE.fullmatch(head):
                raise S3Error(
                    "InvalidChunkSizeError",
                    400,
                    "Only the last chunk is allowed to have a size less than 8192 bytes",
                )
            size = int(head, 16)
            if digests.size + size > limit:
                raise S3Error(
                    "EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size."
                )
            data = reader.read_exact(size)
            if signed:
                given = extension.partition(b"chunk-signature=")[2].decode("ascii", "replace")
                expected = sigv4.chunk_signature(
                    verified, previous, hashlib.sha256(data).hexdigest()
                )
                if given != expected:
                    raise S3Error(
                        "SignatureDoesNotMatch",
                        403,
                        SIGNATURE_MISMATCH,
                    )
                previous = expected
            digests.update(data)
            stream.write(data)
            if size == 0:
                break
            if reader.readline(4) not in (b"\r\n", b"\n"):
                raise S3Error("IncompleteBody", 400, "A chunk is not followed by CRLF.")
        trailers: dict[str, str] = {}
        raw_trailer = b""
        while True:
            line = reader.readline(4096)
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").strip().partition(":")
            if name.lower() == "x-amz-trailer-signature":
                expected = sigv4.trailer_signature(verified, previous, raw_trailer)
                if value.strip() != expected:
                    raise S3Error(
                        "SignatureDoesNotMatch", 403, "The trailer signature does not match."
                    )
                continue
            raw_trailer += line.strip() + b"\n"
            trailers[name.strip().lower()] = value.strip()
        declared = self.headers.get("x-amz-decoded-content-length")
        if declared is not None and declared.strip() != str(digests.size):
            raise S3Error(
                "IncompleteBody",
                400,
                "The decoded body does not have x-amz-decoded-content-length bytes.",
            )
        return trailers

    def _check_digests(
        self, verified: sigv4.Verified, digests: _Digests, trailers: dict[str, str]
    ) -> None:
        declared = verified.payload_hash
        if re.fullmatch(r"[0-9a-f]{64}", declared) and digests.sha256.hexdigest() != declared:
            raise S3Error(
                "XAmzContentSHA256Mismatch",
                400,
                "The provided 'x-amz-content-sha256' header does not match what was computed.",
                ClientComputedContentSHA256=verified.payload_hash,
                S3ComputedContentSHA256=digests.sha256.hexdigest(),
            )
        md5 = self.headers.get("Content-MD5")
        if md5 is not None and md5.strip() != base64.b64encode(digests.md5.digest()).decode():
            raise S3Error(
                "BadDigest", 400, "The Content-MD5 you specified did not match what we received."
            )
        given = {
            k.lower(): v for k, v in self.headers.items() if k.lower().startswith("x-amz-checksum-")
        }
        given.update({k: v for k, v in trailers.items() if k.startswith("x-amz-checksum-")})
        for name, value in given.items():
            algorithm = name.removeprefix("x-amz-checksum-")
            computed = digests.checksum(algorithm)
            # crc32c and crc64nvme need a library the standard one lacks: taken on trust.
            if computed is not None and computed != value.strip():
                raise S3Error(
                    "BadDigest",
                    400,
                    f"The {algorithm.upper()} you specified did not match the calculated checksum.",
                )

    def _small_body(self, verified: sigv4.Verified) -> bytes:
        received = self._receive(verified, MAX_XML)
        try:
            return received.path.read_bytes()
        finally:
            ObjectStore.discard(received.path)

    # --- operations -------------------------------------------------------------------------

    def _dispatch(self, verified: sigv4.Verified) -> int:
        raw_path, _, raw_query = self.path.partition("?")
        if not raw_path.startswith("/"):
            raise S3Error("InvalidURI", 400, "Couldn't parse the specified URI.")
        query = parse_qs(raw_query, keep_blank_values=True)
        bucket, _, key_raw = raw_path[1:].partition("/")
        bucket = unquote_to_bytes(bucket).decode("utf-8", "replace")
        key = unquote_to_bytes(key_raw).decode("utf-8", "surrogateescape")
        method = self.command
        if not bucket:
            if method == "GET":
                return self._list_buckets()
            raise S3Error(
                "MethodNotAllowed",
                405,
                "The specified method is not allowed against this resource.",
            )
        if not key:
            return self._bucket_op(method, bucket, query, verified)
        return self._object_op(method, bucket, key, query, verified)

    def _list_buckets(self) -> int:
        buckets = "".join(
            f"<Bucket>{_el('Name', name)}{_el('CreationDate', _iso(created))}</Bucket>"
            for name, created in self.service.store.list_buckets()
        )
        owner = f"<Owner>{_el('ID', OWNER_ID)}{_el('DisplayName', OWNER_NAME)}</Owner>"
        self._send(
            200,
            _xml("ListAllMyBucketsResult", f"{owner}<Buckets>{buckets}</Buckets>"),
            {"Content-Type": "application/xml"},
        )
        return 200

    def _bucket_op(
        self, method: str, bucket: str, query: dict[str, list[str]], verified: sigv4.Verified
    ) -> int:
        store = self.service.store
        if method == "PUT" and not query:
            body = self._small_body(verified)
            if body.strip():
                self._check_location(body)
            store.create_bucket(bucket)
            self._send(200, b"", {"Location": f"/{bucket}"})
            return 200
        if method == "HEAD" and not query:
            store.head_bucket(bucket)
            self._send(200, b"", {"x-amz-bucket-region": REGION})
            return 200
        if method == "DELETE" and not query:
            store.delete_bucket(bucket)
            self._send(204)
            return 204
        if method == "GET" and "location" in query:
            store.head_bucket(bucket)
            self._send(
                200, _xml("LocationConstraint", escape(REGION)), {"Content-Type": "application/xml"}
            )
            return 200
        if method == "GET" and query.get("list-type", [""])[-1] == "2":
            # NCP documents ListObjectsV2 as not supported.
            raise S3Error(
                "NotImplemented",
                501,
                "ListObjectsV2 is not supported; use ListObjects (version 1).",
            )
        if method == "GET" and not set(query) - {
            "prefix",
            "delimiter",
            "marker",
            "max-keys",
            "encoding-type",
        }:
            return self._list_objects(bucket, query)
        raise S3Error(
            "NotImplemented",
            501,
            "A header or query you provided implies functionality that is not implemented.",
        )

    def _check_location(self, body: bytes) -> None:
        root = _parse_xml(body)
        for element in root.iter():
            if element.tag.rsplit("}", 1)[-1] == "LocationConstraint" and (
                element.text or ""
            ) not in ("", REGION):
                raise S3Error(
                    "IllegalLocationConstraintException",
                    400,
                    f"The {element.text} location constraint is incompatible for the region "
                    "specific endpoint this request was sent to.",
                )

    def _list_objects(self, bucket: str, query: dict[str, list[str]]) -> int:
        def arg(name: str) -> str:
            return query.get(name, [""])[-1]

        raw_max = arg("max-keys") or str(MAX_KEYS)
        if not _LENGTH.fullmatch(raw_max):
            raise S3Error(
                "InvalidArgument",
                400,
                "Provided max-keys not an integer or within integer range",
                ArgumentName="max-keys",
                ArgumentValue=raw_max[:40],
            )
        max_keys = min(int(raw_max), MAX_KEYS)
        encoding = arg("encoding-type")
        if encoding not in ("", "url"):
            raise S3Error(
                "InvalidArgument",
                400,
                "Invalid Encoding Method specified in Request",
                ArgumentName="encoding-type",
            )
        prefix, delimiter, marker = arg("prefix"), arg("delimiter"), arg("marker")
        listing = self.service.store.list_objects(bucket, prefix, delimiter, marker, max_keys)

        def enc(text: str) -> str:
            return quote(text, safe="/") if encoding else text

        parts = [
            _el("Name", bucket),
            _el("Prefix", enc(prefix)),
            _el("Marker", enc(marker)),
            _el("MaxKeys", max_keys),
        ]
        if delimiter:
            parts.append(_el("Delimiter", enc(delimiter)))
        if encoding:
            parts.append(_el("EncodingType", "url"))
        parts.append(_el("IsTruncated", "true" if listing.truncated else "false"))
        if listing.next_marker is not None:
            parts.append(_el("NextMarker", enc(listing.next_marker)))
        owner = f"<Owner>{_el('ID', OWNER_ID)}{_el('DisplayName', OWNER_NAME)}</Owner>"
        for obj in listing.contents:
            parts.append(
                "<Contents>"
                + _el("Key", enc(obj.key))
                + _el("LastModified", _iso(obj.last_modified))
                + _el("ETag", obj.etag)
                + _el("Size", obj.size)
                + owner
                + _el("StorageClass", "STANDARD")
                + "</Contents>"
            )
        for common in listing.common_prefixes:
            parts.append(f"<CommonPrefixes>{_el('Prefix', enc(common))}</CommonPrefixes>")
        self._send(
            200, _xml("ListBucketResult", "".join(parts)), {"Content-Type": "application/xml"}
        )
        return 200

    def _object_op(
        self,
        method: str,
        bucket: str,
        key: str,
        query: dict[str, list[str]],
        verified: sigv4.Verified,
    ) -> int:
        store = self.service.store
        upload_id = query.get("uploadId", [""])[-1]
        if method == "PUT" and "partNumber" in query and upload_id:
            number_raw = query["partNumber"][-1]
            if not _LENGTH.fullmatch(number_raw):
                raise S3Error(
                    "InvalidArgument",
                    400,
                    "Part number must be an integer.",
                    ArgumentName="partNumber",
                )
            store.list_parts(bucket, key, upload_id)  # NoSuchUpload before the body is read
            received = self._receive(verified)
            try:
                etag = store.upload_part(bucket, key, upload_id, int(number_raw), received)
            except BaseException:
                ObjectStore.discard(received.path)
                raise
            self._send(200, b"", {"ETag": etag})
            return 200
        if method == "PUT" and not query:
            if "x-amz-copy-source" in {k.lower() for k in self.headers}:
                raise S3Error(
                    "NotImplemented", 501, "CopyObject is not implemented by the sandbox."
                )
            store.head_bucket(bucket)
            received = self._receive(verified)
            try:
                obj = store.put_object(
                    bucket, key, received, self._content_type(), self._metadata()
                )
            except BaseException:
                ObjectStore.discard(received.path)
                raise
            self._send(200, b"", {"ETag": obj.etag})
            return 200
        if method in ("GET", "HEAD") and upload_id:
            _, parts = store.list_parts(bucket, key, upload_id)
            owner = f"{_el('ID', OWNER_ID)}{_el('DisplayName', OWNER_NAME)}"
            body = (
                _el("Bucket", bucket)
                + _el("Key", key)
                + _el("UploadId", upload_id)
                + f"<Initiator>{owner}</Initiator><Owner>{owner}</Owner>"
                + _el("StorageClass", "STANDARD")
                + _el("PartNumberMarker", 0)
                + _el("NextPartNumberMarker", parts[-1].number if parts else 0)
                + _el("MaxParts", 1000)
                + _el("IsTruncated", "false")
                + "".join(
                    "<Part>"
                    + _el("PartNumber", p.number)
                    + _el("LastModified", _iso(p.last_modified))
                    + _el("ETag", p.etag)
                    + _el("Size", p.size)
                    + "</Part>"
                    for p in parts
                )
            )
            self._send(200, _xml("ListPartsResult", body), {"Content-Type": "application/xml"})
            return 200
        if method in ("GET", "HEAD") and not set(query) - {
            "partNumber",
            "versionId",
            "response-content-type",
        }:
            return self._get_object(bucket, key)
        if method == "DELETE" and upload_id:
            store.abort_upload(bucket, key, upload_id)
            self._send(204)
            return 204
        if method == "DELETE" and not query:
            store.head_bucket(bucket)
            store.delete_object(bucket, key)
            self._send(204)
            return 204
        if method == "POST" and "uploads" in query:
            self._small_body(verified)
            new_id = store.create_upload(bucket, key, self._content_type(), self._metadata())
            body = _el("Bucket", bucket) + _el("Key", key) + _el("UploadId", new_id)
            self._send(
                200,
                _xml("InitiateMultipartUploadResult", body),
                {"Content-Type": "application/xml"},
            )
            return 200
        if method == "POST" and upload_id:
            wanted = self._parts_list(self._small_body(verified))
            obj = store.complete_upload(bucket, key, upload_id, wanted)
            body = (
                _el("Location", f"/{bucket}/{quote(key)}")
                + _el("Bucket", bucket)
                + _el("Key", key)
                + _el("ETag", obj.etag)
            )
            self._send(
                200,
                _xml("CompleteMultipartUploadResult", body),
                {"Content-Type": "application/xml"},
            )
            return 200
        raise S3Error(
            "NotImplemented",
            501,
            "A header or query you provided implies functionality that is not implemented.",
        )

    def _content_type(self) -> str:
        return self.headers.get("Content-Type") or "binary/octet-stream"

    def _metadata(self) -> dict[str, str]:
        return {
            k.lower(): v for k, v in self.headers.items() if k.lower().startswith("x-amz-meta-")
        }

    def _parts_list(self, body: bytes) -> list[tuple[int, str]]:
        root = _parse_xml(body)
        wanted = []
        for part in root:
            if part.tag.rsplit("}", 1)[-1] != "Part":
                continue
            values = {child.tag.rsplit("}", 1)[-1]: (child.text or "") for child in part}
            number = values.get("PartNumber", "")
            if not _LENGTH.fullmatch(number.strip()) or "ETag" not in values:
                raise S3Error(
                    "MalformedXML",
                    400,
                    MALFORMED_XML,
                )
            wanted.append((int(number), values["ETag"]))
        return wanted

    def _get_object(self, bucket: str, key: str) -> int:
        store = self.service.store
        with store.open_object(bucket, key) as (obj, stream):
            start, end, status = 0, obj.size - 1, 200
            headers = {
                "Content-Type": obj.content_type,
                "ETag": obj.etag,
                "Last-Modified": _http_date(obj.last_modified),
                "Accept-Ranges": "bytes",
                **obj.metadata,
            }
            wanted = self.headers.get("Range")
            if wanted and self.command == "GET":
                found = _RANGE.fullmatch(wanted.strip())
                if found and (found.group(1) or found.group(2)):
                    first, last = found.groups()
                    if first:
                        start = int(first)
                        end = min(int(last), obj.size - 1) if last else obj.size - 1
                    else:
                        start = max(0, obj.size - int(last))
                    if start >= obj.size or start > end:
                        raise S3Error(
                            "InvalidRange",
                            416,
                            "The requested range is not satisfiable",
                            RangeRequested=wanted,
                            ActualObjectSize=str(obj.size),
                        )
                    status = 206
                    headers["Content-Range"] = f"bytes {start}-{end}/{obj.size}"
            length = max(0, end - start + 1)
            self._send(status, b"", headers, length=length)
            if self.command == "HEAD":
                return status
            stream.seek(start)
            left = length
            while left > 0:
                if self.service.stopping.is_set():
                    self.close_connection = True
                    break
                data = stream.read(min(BLOCK, left))
                if not data:
                    break
                self.wfile.write(data)
                left -= len(data)
            return status


def _parse_xml(body: bytes) -> ET.Element:
    # No DTDs: nothing an entity could expand into.
    if b"<!DOCTYPE" in body or b"<!ENTITY" in body:
        raise S3Error(
            "MalformedXML",
            400,
            MALFORMED_XML,
        )
    try:
        return ET.fromstring(body)  # noqa: S314 - no DTD, size-bounded
    except ET.ParseError as e:
        raise S3Error(
            "MalformedXML",
            400,
            MALFORMED_XML,
        ) from e
