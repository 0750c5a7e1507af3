"""Independent clients for the sandbox tests: neither the app's client nor the sandbox's code.

The NCP signature and AWS SigV4 are written here again, by hand, from the published
descriptions, so a mistake in the sandbox's checks cannot cancel out a mistake here.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlsplit

import requests

from aitems_desktop.sandbox import SandboxServer

TS = "x-ncp-apigw-timestamp"
AK = "x-ncp-iam-access-key"
SIG = "x-ncp-apigw-signature-v2"


def ncp_signature(method: str, target: str, timestamp: int | str, access: str, secret: str) -> str:
    """base64(HMAC-SHA256(secret, "METHOD TARGET\\nTIMESTAMP\\nACCESS"))."""
    message = f"{method} {target}\n{timestamp}\n{access}".encode()
    return base64.b64encode(hmac.new(secret.encode(), message, hashlib.sha256).digest()).decode()


def ncp_headers(
    method: str, target: str, access: str, secret: str, timestamp: int | None = None
) -> dict[str, str]:
    ts = int(time.time() * 1000) if timestamp is None else timestamp
    return {
        TS: str(ts),
        AK: access,
        SIG: ncp_signature(method, target, ts, access, secret),
        "Content-Type": "application/json",
    }


def target_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class SignedClient:
    """A minimal signed AiTEMS client over requests."""

    def __init__(self, sandbox: SandboxServer, **session_options: Any) -> None:
        self.sandbox = sandbox
        self.session = requests.Session()
        for key, value in session_options.items():
            setattr(self.session, key, value)

    def close(self) -> None:
        self.session.close()

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        raw: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 10,
        **kwargs: Any,
    ) -> requests.Response:
        """Send a signed request to ``base_url + path``; ``raw`` sends bytes as they are."""
        url = self.sandbox.base_url + path
        all_headers = ncp_headers(
            method, target_of(url), self.sandbox.access_key, self.sandbox.secret_key
        )
        all_headers.update(headers or {})
        data = raw
        if body is not None:
            data = json.dumps(body).encode("utf-8")
        if "verify" not in kwargs and self.sandbox.ca_bundle_path is not None:
            kwargs["verify"] = str(self.sandbox.ca_bundle_path)
        return self.session.request(
            method, url, headers=all_headers, data=data, timeout=timeout, **kwargs
        )

    def ok(self, method: str, path: str, body: Any = None, status: int = 200) -> Any:
        """Call and insist on ``status``; the decoded JSON answer."""
        response = self.call(method, path, body)
        assert response.status_code == status, (method, path, response.status_code, response.text)
        return response.json() if response.content else None


# --- AWS Signature Version 4, by hand ------------------------------------------------------


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def s3_request(
    sandbox: SandboxServer,
    method: str,
    path: str,
    query: str = "",
    body: bytes = b"",
    *,
    secret: str | None = None,
    access: str | None = None,
    when: datetime | None = None,
    payload_hash: str | None = None,
    region: str = "kr-standard",
    extra_headers: dict[str, str] | None = None,
) -> requests.Response:
    """A hand-signed path-style S3 request (``path`` already URI-encoded, query sorted)."""
    when = when or datetime.now(UTC)
    amz_date = when.strftime("%Y%m%dT%H%M%SZ")
    date = amz_date[:8]
    origin = sandbox.object_storage_url
    host = urlsplit(origin).netloc
    payload = payload_hash or hashlib.sha256(body).hexdigest()
    headers = {"host": host, "x-amz-content-sha256": payload, "x-amz-date": amz_date}
    headers.update({k.lower(): v for k, v in (extra_headers or {}).items()})
    names = sorted(headers)
    canonical = "\n".join(
        [
            method,
            path,
            query,
            "".join(f"{n}:{headers[n].strip()}\n" for n in names),
            ";".join(names),
            payload,
        ]
    )
    scope = f"{date}/{region}/s3/aws4_request"
    to_sign = "\n".join(
        ["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()]
    )
    key = _hmac(f"AWS4{secret or sandbox.secret_key}".encode(), date)
    for part in (region, "s3", "aws4_request"):
        key = _hmac(key, part)
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    sent = {k: v for k, v in headers.items() if k != "host"}
    sent["Authorization"] = (
        f"AWS4-HMAC-SHA256 Credential={access or sandbox.access_key}/{scope}, "
        f"SignedHeaders={';'.join(names)}, Signature={signature}"
    )
    url = origin + path + (f"?{query}" if query else "")
    verify: Any = str(sandbox.ca_bundle_path) if sandbox.ca_bundle_path else True
    return requests.request(method, url, headers=sent, data=body, timeout=30, verify=verify)


def s3_path(bucket: str, key: str = "") -> str:
    return f"/{bucket}" + (f"/{quote(key, safe='/~')}" if key else "")
