"""AWS Signature Version 4 as Object Storage checks it, written from AWS's public description.

Header authentication only (``Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
Signature=...``), with the S3 rules: the canonical URI is the path URI-encoded once (not twice,
not normalised), the payload hash is whatever ``x-amz-content-sha256`` says (a hex SHA-256,
``UNSIGNED-PAYLOAD`` or a ``STREAMING-*`` mode), and the signing key is derived from the secret
key, the date, the region and the service ``s3``.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final
from urllib.parse import unquote_to_bytes

ALGORITHM: Final = "AWS4-HMAC-SHA256"
UNSIGNED: Final = "UNSIGNED-PAYLOAD"
EMPTY_SHA256: Final = hashlib.sha256(b"").hexdigest()
#: S3 refuses a request whose x-amz-date is more than 15 minutes from its clock.
MAX_SKEW_SECONDS: Final = 15 * 60
STREAMING_SIGNED: Final = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
STREAMING_SIGNED_TRAILER: Final = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
STREAMING_UNSIGNED_TRAILER: Final = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
STREAMING_MODES: Final = (STREAMING_SIGNED, STREAMING_SIGNED_TRAILER, STREAMING_UNSIGNED_TRAILER)

_UNRESERVED: Final = frozenset(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
)
_AUTH: Final = re.compile(
    r"AWS4-HMAC-SHA256\s+Credential=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]+)\s*"
)
_HEX64: Final = re.compile(r"[0-9a-f]{64}")
_AMZ_DATE: Final = re.compile(r"\d{8}T\d{6}Z")


class SigV4Error(Exception):
    """Why a request's signature was refused, as an S3 error code and HTTP status."""

    def __init__(self, code: str, status: int, message: str, **extra: str) -> None:
        super().__init__(message)
        self.code = code
        self.status = status
        self.message = message
        self.extra = extra


def uri_encode(data: bytes, keep_slash: bool) -> str:
    """AWS's UriEncode: every byte but the unreserved ones as %XX (upper-case hex)."""
    out = []
    for byte in data:
        if byte in _UNRESERVED or (keep_slash and byte == 0x2F):
            out.append(chr(byte))
        else:
            out.append(f"%{byte:02X}")
    return "".join(out)


def canonical_uri(raw_path: str) -> str:
    """The S3 canonical URI: the decoded path encoded once, slashes kept."""
    return uri_encode(unquote_to_bytes(raw_path), keep_slash=True) or "/"


def canonical_query(raw_query: str, exclude: Sequence[str] = ()) -> str:
    pairs = []
    for part in raw_query.split("&"):
        if not part:
            continue
        name, _, value = part.partition("=")
        name_bytes = unquote_to_bytes(name)
        if name_bytes.decode("utf-8", "replace") in exclude:
            continue
        pairs.append((uri_encode(name_bytes, False), uri_encode(unquote_to_bytes(value), False)))
    pairs.sort()
    return "&".join(f"{n}={v}" for n, v in pairs)


def _trim(value: str) -> str:
    return " ".join(value.strip().split())


def signing_key(secret_key: str, date: str, region: str, service: str = "s3") -> bytes:
    key = hmac.new(f"AWS4{secret_key}".encode(), date.encode(), hashlib.sha256).digest()
    for part in (region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


def hmac_hex(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Verified:
    """A request whose header signature is good, with what checking its body needs."""

    access_key: str
    payload_hash: str
    amz_date: str
    scope: str
    signature: str
    key: bytes


@dataclass(frozen=True)
class Credentials:
    access_key: str
    secret_key: str
    region: str


def verify(
    method: str,
    raw_path: str,
    raw_query: str,
    headers: Mapping[str, Sequence[str]],
    credentials: Credentials,
    now: float,
) -> Verified:
    """Check the ``Authorization`` header; raise :class:`SigV4Error` when it does not hold.

    ``headers`` maps lower-case names to every value received for that name.
    """
    auth_values = headers.get("authorization", [])
    if not auth_values:
        raise SigV4Error("AccessDenied", 403, "Access Denied")
    if len(auth_values) > 1:
        raise SigV4Error("InvalidArgument", 400, "Only one Authorization header is allowed.")
    auth = auth_values[0]
    if auth.startswith("AWS "):
        raise SigV4Error(
            "InvalidRequest",
            400,
            "The sandbox checks Signature Version 4 only (AWS4-HMAC-SHA256).",
        )
    found = _AUTH.fullmatch(auth)
    if found is None:
        raise SigV4Error(
            "AuthorizationHeaderMalformed", 400, "The authorization header is malformed."
        )
    credential, signed_names, signature = found.groups()
    parts = credential.split("/")
    if len(parts) != 5 or parts[4] != "aws4_request":
        raise SigV4Error(
            "AuthorizationHeaderMalformed",
            400,
            "The authorization header is malformed; the Credential is mal-formed; expecting "
            '"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
        )
    access_key, date, region, service, _ = parts
    if not hmac.compare_digest(access_key.encode(), credentials.access_key.encode()):
        raise SigV4Error(
            "InvalidAccessKeyId",
            403,
            "The AWS Access Key Id you provided does not exist in our records.",
            AWSAccessKeyId=access_key,
        )
    if region != credentials.region:
        raise SigV4Error(
            "AuthorizationHeaderMalformed",
            400,
            f"The authorization header is malformed; the region '{region}' is wrong; "
            f"expecting '{credentials.region}'",
            Region=credentials.region,
        )
    if service != "s3":
        raise SigV4Error(
            "AuthorizationHeaderMalformed",
            400,
            f"The authorization header is malformed; incorrect service '{service}'. "
            "This endpoint belongs to 's3'.",
        )
    amz_date = _single(headers, "x-amz-date")
    if amz_date is None or not _AMZ_DATE.fullmatch(amz_date):
        raise SigV4Error(
            "AccessDenied", 403, "AWS authentication requires a valid Date or x-amz-date header"
        )
    try:
        moment = datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        raise SigV4Error(
            "AccessDenied", 403, "AWS authentication requires a valid Date or x-amz-date header"
        ) from None
    if date != amz_date[:8]:
        raise SigV4Error(
            "SignatureDoesNotMatch",
            403,
            "The request signature we calculated does not match the signature you provided.",
        )
    if abs(moment.timestamp() - now) > MAX_SKEW_SECONDS:
        raise SigV4Error(
            "RequestTimeTooSkewed",
            403,
            "The difference between the request time and the current time is too large.",
            RequestTime=amz_date,
            ServerTime=datetime.fromtimestamp(now, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            MaxAllowedSkewMilliseconds=str(MAX_SKEW_SECONDS * 1000),
        )
    payload = _single(headers, "x-amz-content-sha256")
    if payload is None:
        raise SigV4Error(
            "InvalidRequest", 400, "Missing required header for this request: x-amz-content-sha256"
        )
    if not (_HEX64.fullmatch(payload) or payload == UNSIGNED or payload in STREAMING_MODES):
        raise SigV4Error(
            "InvalidArgument",
            400,
            "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-* or a valid sha256 value.",
            ArgumentName="x-amz-content-sha256",
        )
    names = signed_names.split(";")
    if "host" not in names or names != sorted(names) or any(n != n.lower() for n in names):
        raise SigV4Error(
            "SignatureDoesNotMatch",
            403,
            "The request signature we calculated does not match the signature you provided.",
        )
    canonical_headers = ""
    for name in names:
        values = headers.get(name)
        if values is None:
            raise SigV4Error(
                "SignatureDoesNotMatch",
                403,
                "The request signature we calculated does not match the signature you provided.",
            )
        canonical_headers += f"{name}:{','.join(_trim(v) for v in values)}\n"
    canonical_request = "\n".join(
        [
            method,
            canonical_uri(raw_path),
            canonical_query(raw_query),
            canonical_headers,
            signed_names,
            payload,
        ]
    )
    scope = f"{date}/{region}/{service}/aws4_request"
    string_to_sign = "\n".join(
        [ALGORITHM, amz_date, scope, hashlib.sha256(canonical_request.encode("utf-8")).hexdigest()]
    )
    key = signing_key(credentials.secret_key, date, region, service)
    expected = hmac_hex(key, string_to_sign)
    if not hmac.compare_digest(expected, signature.lower()):
        raise SigV4Error(
            "SignatureDoesNotMatch",
            403,
            "The request signature we calculated does not match the signature you provided. "
            "Check your key and signing method.",
            AWSAccessKeyId=access_key,
            StringToSign=string_to_sign,
            CanonicalRequest=canonical_request,
        )
    return Verified(access_key, payload, amz_date, scope, signature.lower(), key)


def chunk_signature(verified: Verified, previous: str, chunk_sha256: str) -> str:
    """The signature of one aws-chunked chunk (STREAMING-AWS4-HMAC-SHA256-PAYLOAD)."""
    string_to_sign = "\n".join(
        [
            "AWS4-HMAC-SHA256-PAYLOAD",
            verified.amz_date,
            verified.scope,
            previous,
            EMPTY_SHA256,
            chunk_sha256,
        ]
    )
    return hmac_hex(verified.key, string_to_sign)


def trailer_signature(verified: Verified, previous: str, trailer: bytes) -> str:
    """The signature of the trailing headers (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER)."""
    string_to_sign = "\n".join(
        [
            "AWS4-HMAC-SHA256-TRAILER",
            verified.amz_date,
            verified.scope,
            previous,
            hashlib.sha256(trailer).hexdigest(),
        ]
    )
    return hmac_hex(verified.key, string_to_sign)


def _single(headers: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = headers.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise SigV4Error("InvalidArgument", 400, f"The header {name} was sent more than once.")
    return values[0].strip()
