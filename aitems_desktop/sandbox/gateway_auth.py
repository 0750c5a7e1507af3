"""The NCP API Gateway's signature check (``x-ncp-apigw-signature-v2``), written from the notes.

    message   = METHOD + " " + URI + "\\n" + TIMESTAMP + "\\n" + ACCESS_KEY
    signature = base64(HMAC-SHA256(secret_key, message))

URI is the request target exactly as it was on the request line (path and query, no re-encoding,
no sorting), so the check works on the bytes received: ``http.server`` hands the request line
over decoded as Latin-1, which maps each byte to one character and back.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from aitems_desktop.sandbox.rules import (
    ACCESS_KEY_HEADER,
    MAX_CLOCK_SKEW_MS,
    MAX_TIMESTAMP_DIGITS,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
)

AUTH_HEADERS = (TIMESTAMP_HEADER, ACCESS_KEY_HEADER, SIGNATURE_HEADER)


def target_bytes(target: str) -> bytes:
    """The request target as it was on the wire (``http.server`` decodes it as Latin-1)."""
    return target.encode("latin-1", "replace")


def expected_signature(
    method: str, target: bytes, timestamp: str, access_key: str, secret_key: str
) -> bytes:
    """The base64 signature (as bytes) the gateway expects for this request."""
    message = b"%s %s\n%s\n%s" % (
        method.encode("ascii"),
        target,
        timestamp.encode("ascii"),
        access_key.encode("utf-8"),
    )
    digest = hmac.new(secret_key.encode("utf-8"), message, hashlib.sha256).digest()
    return base64.b64encode(digest)


@dataclass(frozen=True)
class AuthFailure:
    """Why the gateway refused a request (goes into the envelope's ``details``)."""

    details: str


def check(
    method: str,
    target: str,
    headers: Callable[[str], Sequence[str]],
    access_key: str,
    secret_key: str,
    now_ms: int,
) -> AuthFailure | None:
    """None when the request may pass; ``headers(name)`` gives every value of a header."""
    values: dict[str, str] = {}
    for name in AUTH_HEADERS:
        found = headers(name)
        if len(found) > 1:
            # Two signatures (or keys, or timestamps): which one would a gateway believe?
            return AuthFailure(f"The header {name} was sent more than once.")
        if not found or not found[0]:
            missing = [h for h in AUTH_HEADERS if not headers(h)]
            return AuthFailure(f"Missing required header: {', '.join(missing or [name])}.")
        values[name] = found[0]
    timestamp = values[TIMESTAMP_HEADER]
    if not (timestamp.isascii() and timestamp.isdigit()) or len(timestamp) > MAX_TIMESTAMP_DIGITS:
        return AuthFailure("The timestamp must be Unix time in milliseconds.")
    if abs(now_ms - int(timestamp)) >= MAX_CLOCK_SKEW_MS:
        return AuthFailure("The timestamp is 5 minutes or more from server time.")
    given_key = values[ACCESS_KEY_HEADER].encode("utf-8", "surrogateescape")
    if not hmac.compare_digest(given_key, access_key.encode("utf-8")):
        return AuthFailure("Unknown access key.")
    expected = expected_signature(method, target_bytes(target), timestamp, access_key, secret_key)
    given = values[SIGNATURE_HEADER].encode("utf-8", "surrogateescape")
    if not hmac.compare_digest(given, expected):
        return AuthFailure("The signature does not match.")
    return None
