"""An independent client: curl, with the signature computed by openssl in the shell."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from aitems_desktop.sandbox import SandboxServer

pytestmark = pytest.mark.skipif(
    not (shutil.which("curl") and shutil.which("openssl") and shutil.which("bash")),
    reason="needs curl, openssl and bash",
)

# Signs "METHOD TARGET\nTIMESTAMP\nACCESS_KEY" with openssl, sends it with curl, and prints
# the status on the last line. Nothing from the app's code is involved.
SCRIPT = r"""
set -euo pipefail
method=$1 target=$2 body=${3-} ts=${TS_OVERRIDE:-$(( $(date +%s%N) / 1000000 ))}
sig=$(printf '%s %s\n%s\n%s' "$method" "${SIGNED_TARGET:-$target}" "$ts" "$AK" \
      | openssl dgst -sha256 -hmac "$SK" -binary | base64)
headers=(-H "x-ncp-apigw-timestamp: $ts" -H "x-ncp-iam-access-key: $AK"
         -H "x-ncp-apigw-signature-v2: $sig" -H "Content-Type: application/json")
if [ -n "${DROP_AUTH-}" ]; then headers=(-H "Content-Type: application/json"); fi
args=(-sS -o /dev/stdout -w '\n%{http_code}' -X "$method" "${headers[@]}")
if [ -n "$body" ]; then args+=(--data-binary "$body"); fi
curl "${args[@]}" "$ORIGIN$target"
"""


def curl(
    sb: SandboxServer, tmp_path: Path, method: str, target: str, body: str = "", **env: str
) -> tuple[int, Any]:
    script = tmp_path / "signed_curl.sh"
    script.write_text(SCRIPT)
    origin = sb.base_url.removesuffix("/api/v1")
    result = subprocess.run(
        ["bash", str(script), method, target, body],
        env={
            "PATH": "/usr/bin:/bin",
            "AK": sb.access_key,
            "SK": sb.secret_key,
            "ORIGIN": origin,
            **env,
        },
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    text, _, status = result.stdout.rpartition("\n")
    return int(status), json.loads(text)


def test_openssl_regression_value() -> None:
    # The documented check value, computed the same way the script does.
    result = subprocess.run(
        [
            "bash",
            "-c",
            "printf 'POST /api/v1/services\\n1700000000000\\naccess'"
            " | openssl dgst -sha256 -hmac secret -binary | base64",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    assert result.stdout.strip() == "bXhyN5zWhN1MtFhfsznzzmW8foXYVGs0aPFxvSHnuOs="


def test_curl_creates_a_service(sandbox: SandboxServer, tmp_path: Path) -> None:
    status, body = curl(
        sandbox,
        tmp_path,
        "POST",
        "/api/v1/services",
        '{"name": "curl_made", "description": "from the shell"}',
    )
    assert status == 201
    assert re.fullmatch(r"[a-z0-9]{11}", body.pop("serviceId"))
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}", body.pop("createdDate"))
    assert body.pop("updatedDate")
    assert body == {
        "name": "curl_made",
        "description": "from the shell",
        "type": "batch",
        "status": "datasetRequired",
        "datasets": [],
        "hpConfig": {"is_enabled": False},
        "infers": [],
    }
    status, listed = curl(sandbox, tmp_path, "GET", "/api/v1/services?offset=0&limit=10")
    assert status == 200
    assert [s["name"] for s in listed["services"]] == ["curl_made"]


@pytest.mark.parametrize(
    "env",
    [
        {"SIGNED_TARGET": "/api/v1/services?x=1"},  # a signature for another target
        {"TS_OVERRIDE": "1700000000000"},  # a stale timestamp
        {"DROP_AUTH": "1"},  # no auth headers at all
    ],
)
def test_curl_gets_the_gateways_401(
    sandbox: SandboxServer, tmp_path: Path, env: dict[str, str]
) -> None:
    status, body = curl(sandbox, tmp_path, "POST", "/api/v1/services", '{"name": "nope"}', **env)
    assert status == 401
    assert body["error"]["errorCode"] == "200"
    assert body["error"]["message"] == "Authentication Failed"
    assert sandbox.services() == []


def test_curl_gets_the_services_400s(sandbox: SandboxServer, tmp_path: Path) -> None:
    status, body = curl(sandbox, tmp_path, "POST", "/api/v1/services", '{"name": "9lives"}')
    assert status == 400
    assert (body["status"], body["error"], body["errorCode"]) == (
        400,
        "INVALID_PARAMETER",
        "BAD_REQUEST",
    )
    assert curl(sandbox, tmp_path, "POST", "/api/v1/services", '{"name": "twice"}')[0] == 201
    status, body = curl(sandbox, tmp_path, "POST", "/api/v1/services", '{"name": "twice"}')
    assert status == 400
    assert body["error"] == "DUPLICATE_NAME"
    assert body["message"] == "[twice] is a duplicate name."
    assert re.fullmatch(r"[0-9a-f]{8}", body["requestId"])
    assert body["path"] == "/api/services"


def test_curl_with_expect_100_continue_gets_413_for_a_big_body(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b'{"name": "big", "description": "' + b"x" * (2 * 1024 * 1024) + b'"}')
    status, body = curl(sandbox, tmp_path, "POST", "/api/v1/services", f"@{big}")
    assert status == 413
    assert body["error"]["errorCode"] == "430"
    # curl asks before sending a body this size; the gateway says no without reading it.
    assert sandbox.requests[-1].headers.get("Expect") == "100-continue"
    assert sandbox.services() == []
