"""The signature against an independent implementation: openssl, in a subprocess."""

from __future__ import annotations

import base64
import shutil
import subprocess

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from aitems_desktop.core.signing import (
    ACCESS_KEY_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    request_target,
    sign,
    signed_headers,
)
from aitems_desktop.sandbox import gateway_auth

OPENSSL = shutil.which("openssl")
needs_openssl = pytest.mark.skipif(OPENSSL is None, reason="openssl is not installed")


def openssl_signature(message: bytes, secret: str) -> str:
    assert OPENSSL is not None
    digest = subprocess.run(
        [
            OPENSSL,
            "dgst",
            "-sha256",
            "-mac",
            "HMAC",
            "-macopt",
            f"hexkey:{secret.encode('utf-8').hex()}",
            "-binary",
        ],
        input=message,
        capture_output=True,
        check=True,
    ).stdout
    return base64.b64encode(digest).decode("ascii")


def test_regression_value_from_the_api_notes() -> None:
    assert (
        sign("POST", "/api/v1/services", 1700000000000, "access", "secret")
        == "bXhyN5zWhN1MtFhfsznzzmW8foXYVGs0aPFxvSHnuOs="
    )


def test_timestamp_as_string_or_int_and_method_case_are_the_same() -> None:
    assert sign("post", "/api/v1/services", "1700000000000", "access", "secret") == sign(
        "POST", "/api/v1/services", 1700000000000, "access", "secret"
    )


@needs_openssl
def test_regression_value_matches_openssl() -> None:
    message = b"POST /api/v1/services\n1700000000000\naccess"
    assert openssl_signature(message, "secret") == "bXhyN5zWhN1MtFhfsznzzmW8foXYVGs0aPFxvSHnuOs="


path_segments = st.lists(
    st.text(
        alphabet=st.characters(codec="ascii", categories=["L", "N"]) | st.sampled_from("-_.~%"),
        min_size=1,
        max_size=12,
    ),
    min_size=1,
    max_size=4,
)
queries = st.none() | st.dictionaries(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8),
    st.text(min_size=0, max_size=10),
    min_size=1,
    max_size=3,
)
keys = st.text(min_size=1, max_size=40).filter(lambda s: "\x00" not in s)


@needs_openssl
@settings(max_examples=60, deadline=None)
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE"]),
    segments=path_segments,
    query=queries,
    timestamp=st.integers(min_value=0, max_value=10**13),
    access_key=st.text(
        alphabet=st.characters(codec="ascii", categories=["L", "N"]), min_size=1, max_size=30
    ),
    secret=keys,
)
def test_signature_matches_openssl_for_prepared_requests(
    method: str,
    segments: list[str],
    query: dict[str, str] | None,
    timestamp: int,
    access_key: str,
    secret: str,
) -> None:
    url = "https://aitems.apigw.ntruss.com/api/v1/" + "/".join(segments)
    prepared = requests.Request(method, url, params=query).prepare()
    target = request_target(prepared.url or "")
    # What is signed is what requests puts on the request line.
    assert target == prepared.path_url
    assert target.startswith("/api/v1/")
    assert ("?" in target) == bool(query)
    message = f"{method} {target}\n{timestamp}\n{access_key}".encode()
    assert sign(method, target, timestamp, access_key, secret) == openssl_signature(message, secret)


def test_request_target_keeps_the_query_and_adds_no_stray_question_mark() -> None:
    assert request_target("https://h/api/v1/services") == "/api/v1/services"
    assert request_target("https://h/api/v1/services?offset=0&limit=5") == (
        "/api/v1/services?offset=0&limit=5"
    )
    assert request_target("https://h/api/v1/services?") == "/api/v1/services"
    assert request_target("https://h") == "/"


def test_signed_headers_use_a_fresh_timestamp_from_the_clock() -> None:
    times = iter([1700000000.0, 1700000001.5])
    first = signed_headers(
        "POST", "/api/v1/services", "access", "secret", clock=lambda: next(times)
    )
    second = signed_headers(
        "POST", "/api/v1/services", "access", "secret", clock=lambda: next(times)
    )
    assert first[TIMESTAMP_HEADER] == "1700000000000"
    assert second[TIMESTAMP_HEADER] == "1700000001500"
    assert first[SIGNATURE_HEADER] == "bXhyN5zWhN1MtFhfsznzzmW8foXYVGs0aPFxvSHnuOs="
    assert first[SIGNATURE_HEADER] != second[SIGNATURE_HEADER]
    assert first[ACCESS_KEY_HEADER] == "access"
    assert first["Content-Type"] == "application/json"
    assert "secret" not in repr(first)


@settings(max_examples=60, deadline=None)
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE"]),
    segments=path_segments,
    query=queries,
    timestamp=st.integers(min_value=1, max_value=10**13),
    access_key=st.text(
        alphabet=st.characters(codec="ascii", categories=["L", "N"]), min_size=1, max_size=30
    ),
    secret=keys,
)
def test_the_sandbox_gateway_accepts_exactly_what_the_client_signs(
    method: str,
    segments: list[str],
    query: dict[str, str] | None,
    timestamp: int,
    access_key: str,
    secret: str,
) -> None:
    # The sandbox's check is its own code (the import contracts keep it from using core's
    # sign()), so the client-against-sandbox tests catch a signature bug on either side.
    url = "https://aitems.apigw.ntruss.com/api/v1/" + "/".join(segments)
    target = request_target(requests.Request(method, url, params=query).prepare().url or "")
    headers = signed_headers(method, target, access_key, secret, clock=lambda: timestamp / 1000)
    assert headers[SIGNATURE_HEADER] == gateway_auth.expected_signature(
        method, gateway_auth.target_bytes(target), headers[TIMESTAMP_HEADER], access_key, secret
    ).decode("ascii")

    def sent(name: str) -> list[str]:
        return [headers[name]]

    now = int(headers[TIMESTAMP_HEADER])
    assert gateway_auth.check(method, target, sent, access_key, secret, now) is None
    # One character more on the target, and the gateway refuses what the client signed.
    refused = gateway_auth.check(method, target + "x", sent, access_key, secret, now)
    assert refused == gateway_auth.AuthFailure("The signature does not match.")
