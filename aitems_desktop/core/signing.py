"""The NCP API Gateway signature (``x-ncp-apigw-signature-v2``).

``message = METHOD + " " + URI + "\\n" + TIMESTAMP + "\\n" + ACCESS_KEY``, signed with
HMAC-SHA256 under the secret key and encoded as standard, padded base64. The URI is the
request target exactly as it goes on the request line: path (with the ``/api/v1`` prefix)
and, when present, ``?query``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Callable
from urllib.parse import urlsplit

TIMESTAMP_HEADER = "x-ncp-apigw-timestamp"
ACCESS_KEY_HEADER = "x-ncp-iam-access-key"
SIGNATURE_HEADER = "x-ncp-apigw-signature-v2"

#: The gateway rejects a timestamp this far (or further) from its own clock.
MAX_CLOCK_SKEW_MS = 5 * 60 * 1000

Clock = Callable[[], float]
"""Returns the current Unix time in seconds, like :func:`time.time`."""


def sign(method: str, uri: str, timestamp_ms: int | str, access_key: str, secret_key: str) -> str:
    """Return the base64 signature of one request.

    ``uri`` is the request target as sent (``/api/v1/services?offset=0``), never re-encoded
    or sorted here. ``method`` is upper-cased, as the gateway expects.
    """
    message = f"{method.upper()} {uri}\n{timestamp_ms}\n{access_key}"
    digest = hmac.new(secret_key.encode("utf-8"), message.encode("utf-8"), hashlib.sha256)
    return base64.b64encode(digest.digest()).decode("ascii")


def request_target(url: str) -> str:
    """Return the path and query of ``url`` as they go on the request line.

    No ``?`` is added when there is no query; nothing is decoded or re-encoded, so the
    signed string is byte for byte what a prepared request sends.
    """
    parts = urlsplit(url)
    target = parts.path or "/"
    if parts.query:
        target = f"{target}?{parts.query}"
    return target


def timestamp_ms(clock: Clock = time.time) -> str:
    """Return the current time from ``clock`` as decimal Unix milliseconds."""
    return str(int(clock() * 1000))


def signed_headers(
    method: str,
    uri: str,
    access_key: str,
    secret_key: str,
    *,
    clock: Clock = time.time,
) -> dict[str, str]:
    """Return the four headers of one attempt, with a fresh timestamp from ``clock``.

    Call it again for every attempt: a retried request never reuses old headers.
    """
    ts = timestamp_ms(clock)
    return {
        TIMESTAMP_HEADER: ts,
        ACCESS_KEY_HEADER: access_key,
        SIGNATURE_HEADER: sign(method, uri, ts, access_key, secret_key),
        "Content-Type": "application/json",
    }
