"""The Object Storage emulator: a real S3 library (boto3) and requests signed by hand."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
import botocore.exceptions
import pytest
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from sandbox_support import s3_path, s3_request

from aitems_desktop.sandbox import SandboxServer, sigv4
from aitems_desktop.sandbox.objectstore import MIN_PART_SIZE


@pytest.fixture(params=[False, True], ids=["http", "https"])
def sb(request: pytest.FixtureRequest) -> Iterator[SandboxServer]:
    with SandboxServer(tls=request.param) as server:
        yield server


def s3_client(sb: SandboxServer, **overrides: Any) -> Any:
    verify = str(sb.ca_bundle_path) if sb.ca_bundle_path else None
    options: dict[str, Any] = {
        "endpoint_url": sb.object_storage_url,
        "aws_access_key_id": sb.access_key,
        "aws_secret_access_key": sb.secret_key,
        "region_name": sb.object_storage_region,
        "config": Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
        "verify": verify,
    }
    options.update(overrides)
    return boto3.client("s3", **options)


def code_of(error: pytest.ExceptionInfo[botocore.exceptions.ClientError]) -> str:
    return str(error.value.response["Error"]["Code"])


def test_boto3_round_trip(sb: SandboxServer) -> None:
    s3 = s3_client(sb)
    assert s3.list_buckets()["Buckets"] == []
    s3.create_bucket(Bucket="reco-data")
    s3.head_bucket(Bucket="reco-data")
    assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["reco-data"]
    with pytest.raises(botocore.exceptions.ClientError) as error:
        s3.create_bucket(Bucket="reco-data")
    assert code_of(error) == "BucketAlreadyOwnedByYou"
    key = "dir/사용자 list+1.csv"
    put = s3.put_object(Bucket="reco-data", Key=key, Body=b"USER_ID\nu1\n")
    digest = hashlib.md5(b"USER_ID\nu1\n").hexdigest()  # noqa: S324 - S3's ETag
    assert put["ETag"] == f'"{digest}"'
    got = s3.get_object(Bucket="reco-data", Key=key)
    assert got["Body"].read() == b"USER_ID\nu1\n"
    assert s3.head_object(Bucket="reco-data", Key=key)["ContentLength"] == 11
    assert (
        s3.get_object(Bucket="reco-data", Key=key, Range="bytes=0-6")["Body"].read() == b"USER_ID"
    )
    assert sb.get_object("reco-data", key) == b"USER_ID\nu1\n"
    for missing in (lambda: s3.get_object(Bucket="reco-data", Key="nope"),):
        with pytest.raises(botocore.exceptions.ClientError) as error:
            missing()
        assert code_of(error) == "NoSuchKey"
    with pytest.raises(botocore.exceptions.ClientError) as error:
        s3.head_object(Bucket="reco-data", Key="nope")
    assert error.value.response["Error"]["Code"] == "404"
    with pytest.raises(botocore.exceptions.ClientError) as error:
        s3.put_object(Bucket="no-such-bucket", Key="k", Body=b"x")
    assert code_of(error) == "NoSuchBucket"
    s3.delete_object(Bucket="reco-data", Key=key)
    assert sb.list_objects("reco-data") == []


def test_boto3_list_objects_v1_paging_and_prefixes(sb: SandboxServer) -> None:
    sb.create_bucket("many")
    keys = [f"a/{i:04d}.csv" for i in range(1203)] + ["b/x.csv", "b/y/z.csv", "top.csv"]
    for key in keys:
        sb.put_object("many", key, b"x")
    s3 = s3_client(sb)
    first = s3.list_objects(Bucket="many")
    assert len(first["Contents"]) == 1000
    assert first["IsTruncated"] is True
    pages = s3.get_paginator("list_objects").paginate(Bucket="many")
    assert [o["Key"] for p in pages for o in p.get("Contents", [])] == sorted(keys)
    rolled = s3.list_objects(Bucket="many", Delimiter="/")
    assert [p["Prefix"] for p in rolled["CommonPrefixes"]] == ["a/", "b/"]
    assert [o["Key"] for o in rolled["Contents"]] == ["top.csv"]
    under_b = s3.list_objects(Bucket="many", Prefix="b/", Delimiter="/")
    assert [o["Key"] for o in under_b["Contents"]] == ["b/x.csv"]
    assert [p["Prefix"] for p in under_b["CommonPrefixes"]] == ["b/y/"]
    small = s3.list_objects(Bucket="many", Prefix="a/", MaxKeys=5, Marker="a/0003.csv")
    assert [o["Key"] for o in small["Contents"]] == [f"a/{i:04d}.csv" for i in range(4, 9)]
    assert s3.list_objects(Bucket="many", MaxKeys=5000)["MaxKeys"] == 1000
    with pytest.raises(botocore.exceptions.ClientError) as error:
        s3.list_objects_v2(Bucket="many")
    assert code_of(error) == "NotImplemented"
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 501


def test_boto3_multipart(sb: SandboxServer, tmp_path: Path) -> None:
    sb.create_bucket("big")
    s3 = s3_client(sb)
    source = tmp_path / "big.csv"
    source.write_bytes(os.urandom(11 * 1024 * 1024 + 123))
    config = TransferConfig(multipart_threshold=MIN_PART_SIZE, multipart_chunksize=MIN_PART_SIZE)
    s3.upload_file(str(source), "big", "big.csv", Config=config)
    head = s3.head_object(Bucket="big", Key="big.csv")
    assert head["ContentLength"] == source.stat().st_size
    assert re.fullmatch(r'"[0-9a-f]{32}-3"', head["ETag"])
    back = tmp_path / "back.csv"
    s3.download_file("big", "big.csv", str(back), Config=config)
    assert back.read_bytes() == source.read_bytes()
    # Part checks by hand: a small part that is not the last, a wrong ETag, the order.
    upload = s3.create_multipart_upload(Bucket="big", Key="parts.bin")["UploadId"]
    small = s3.upload_part(
        Bucket="big", Key="parts.bin", UploadId=upload, PartNumber=1, Body=b"a" * 10
    )
    last = s3.upload_part(Bucket="big", Key="parts.bin", UploadId=upload, PartNumber=2, Body=b"b")
    listed = s3.list_parts(Bucket="big", Key="parts.bin", UploadId=upload)["Parts"]
    assert [(p["PartNumber"], p["Size"]) for p in listed] == [(1, 10), (2, 1)]

    def complete(parts: list[dict[str, Any]]) -> Any:
        return s3.complete_multipart_upload(
            Bucket="big", Key="parts.bin", UploadId=upload, MultipartUpload={"Parts": parts}
        )

    cases = [
        (
            [{"PartNumber": 1, "ETag": small["ETag"]}, {"PartNumber": 2, "ETag": last["ETag"]}],
            "EntityTooSmall",
        ),
        ([{"PartNumber": 1, "ETag": '"00"'}], "InvalidPart"),
        (
            [{"PartNumber": 2, "ETag": last["ETag"]}, {"PartNumber": 1, "ETag": small["ETag"]}],
            "InvalidPartOrder",
        ),
    ]
    for parts, code in cases:
        with pytest.raises(botocore.exceptions.ClientError) as error:
            complete(parts)
        assert code_of(error) == code
    # A single small part is the last one: allowed.
    done = complete([{"PartNumber": 1, "ETag": small["ETag"]}])
    assert done["ETag"].endswith('-1"')
    assert sb.get_object("big", "parts.bin") == b"a" * 10
    with pytest.raises(botocore.exceptions.ClientError) as error:
        complete([{"PartNumber": 1, "ETag": small["ETag"]}])
    assert code_of(error) == "NoSuchUpload"
    aborted = s3.create_multipart_upload(Bucket="big", Key="gone.bin")["UploadId"]
    s3.abort_multipart_upload(Bucket="big", Key="gone.bin", UploadId=aborted)
    with pytest.raises(botocore.exceptions.ClientError) as error:
        s3.upload_part(Bucket="big", Key="gone.bin", UploadId=aborted, PartNumber=1, Body=b"x")
    assert code_of(error) == "NoSuchUpload"


def test_boto3_auth_errors(sb: SandboxServer) -> None:
    sb.create_bucket("mine")
    sb.create_bucket("theirs", foreign=True)
    for overrides, code in (
        ({"aws_access_key_id": "NOTAKEY"}, "InvalidAccessKeyId"),
        ({"aws_secret_access_key": "wrong"}, "SignatureDoesNotMatch"),
    ):
        with pytest.raises(botocore.exceptions.ClientError) as error:
            s3_client(sb, **overrides).list_objects(Bucket="mine")
        assert code_of(error) == code
        assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    with pytest.raises(botocore.exceptions.ClientError) as error:
        s3_client(sb).list_objects(Bucket="theirs")
    assert code_of(error) == "AccessDenied"
    assert "theirs" not in [b["Name"] for b in s3_client(sb).list_buckets()["Buckets"]]


def test_hand_signed_requests(sb: SandboxServer) -> None:
    sb.create_bucket("hand")
    body = b"ITEM_ID\ni1\n"
    assert s3_request(sb, "PUT", s3_path("hand", "x y.csv"), body=body).status_code == 200
    got = s3_request(sb, "GET", s3_path("hand", "x y.csv"))
    assert got.content == body
    unsigned = s3_request(
        sb, "PUT", s3_path("hand", "u.csv"), body=body, payload_hash="UNSIGNED-PAYLOAD"
    )
    assert unsigned.status_code == 200
    listing = s3_request(sb, "GET", "/hand", query="delimiter=%2F&prefix=")
    assert "<Key>x y.csv</Key>" in listing.text
    # The body does not match the signed hash.
    bad = s3_request(
        sb,
        "PUT",
        s3_path("hand", "bad.csv"),
        body=body,
        payload_hash=hashlib.sha256(b"other").hexdigest(),
    )
    assert bad.status_code == 400
    assert "<Code>XAmzContentSHA256Mismatch</Code>" in bad.text
    assert sb.list_objects("hand") == ["u.csv", "x y.csv"]
    cases = [
        ({"secret": "wrong"}, 403, "SignatureDoesNotMatch"),
        ({"access": "NOBODY"}, 403, "InvalidAccessKeyId"),
        ({"when": datetime.now(UTC) - timedelta(minutes=16)}, 403, "RequestTimeTooSkewed"),
        ({"when": datetime.now(UTC) + timedelta(minutes=16)}, 403, "RequestTimeTooSkewed"),
        ({"region": "us-east-1"}, 400, "AuthorizationHeaderMalformed"),
    ]
    for kwargs, status, code in cases:
        response = s3_request(sb, "GET", "/hand", **kwargs)
        assert response.status_code == status, kwargs
        assert f"<Code>{code}</Code>" in response.text
        assert response.headers["Content-Type"] == "application/xml"
    assert (
        s3_request(sb, "GET", "/hand", when=datetime.now(UTC) - timedelta(minutes=14)).status_code
        == 200
    )
    missing = s3_request(sb, "GET", s3_path("hand", "none.csv"))
    assert (missing.status_code, "<Code>NoSuchKey</Code>" in missing.text) == (404, True)
    no_bucket = s3_request(sb, "GET", "/nobucket")
    assert (no_bucket.status_code, "<Code>NoSuchBucket</Code>" in no_bucket.text) == (404, True)
    anonymous = __import__("requests").get(
        sb.object_storage_url + "/hand",
        timeout=10,
        verify=str(sb.ca_bundle_path) if sb.ca_bundle_path else True,
    )
    assert anonymous.status_code == 403
    assert "<Code>AccessDenied</Code>" in anonymous.text


def test_aws_published_signature_example() -> None:
    """AWS's own GET Object example (examplebucket, 2013-05-24) verifies unchanged."""
    headers = {
        "host": ["examplebucket.s3.amazonaws.com"],
        "range": ["bytes=0-9"],
        "x-amz-content-sha256": [sigv4.EMPTY_SHA256],
        "x-amz-date": ["20130524T000000Z"],
        "authorization": [
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        ],
    }
    credentials = sigv4.Credentials(
        "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1"
    )
    moment = datetime(2013, 5, 24, tzinfo=UTC).timestamp()
    verified = sigv4.verify("GET", "/test.txt", "", headers, credentials, moment)
    assert verified.access_key == "AKIAIOSFODNN7EXAMPLE"
    headers["range"] = ["bytes=0-10"]
    with pytest.raises(sigv4.SigV4Error, match="does not match"):
        sigv4.verify("GET", "/test.txt", "", headers, credentials, moment)


def test_datasets_are_read_from_a_boto3_upload(sb: SandboxServer) -> None:
    from sandbox_support import SignedClient

    s3 = s3_client(sb)
    s3.create_bucket(Bucket="csv")
    s3.put_object(Bucket="csv", Key="users/part1.csv", Body=b"USER_ID,AGE\nu1,3\n")
    import gzip

    s3.put_object(
        Bucket="csv", Key="users/part2.csv.gz", Body=gzip.compress(b"USER_ID,AGE\nu2,4\n")
    )
    api = SignedClient(sb)
    try:
        fields = [{"name": "USER_ID", "type": ["string"]}, {"name": "AGE", "type": ["int"]}]
        api.ok("POST", "/schemas", {"datasetType": "user", "name": "people", "fields": fields}, 201)
        made = api.ok(
            "POST",
            "/datasets",
            {
                "type": "user",
                "name": "people_set",
                "description": "",
                "schemaName": "people",
                "osInfo": {"region": "KR", "bucket": "csv", "key": "users/"},
            },
            201,
        )
        sb.advance(60)
        assert api.ok("GET", f"/datasets/{made['datasetId']}")["status"] == "enable"
    finally:
        api.close()


def test_stored_objects_live_on_disk_and_go_on_stop() -> None:
    sb = SandboxServer().start()
    sb.create_bucket("disk")
    sb.put_object("disk", "k", b"x" * 1000)
    root = sb._objects.root
    assert any(p.stat().st_size == 1000 for p in (root / "objects").iterdir())
    sb.stop()
    assert not root.exists()


def test_boto3_lists_awkward_keys_with_url_encoding(sb: SandboxServer) -> None:
    s3 = s3_client(sb)
    s3.create_bucket(Bucket="odd")
    keys = ["a b/c+d.csv", "키/값.csv", "x%20y.csv", "tab\tkey.csv", "q?uery&.csv"]
    for key in keys:
        s3.put_object(Bucket="odd", Key=key, Body=key.encode())
    # boto3 asks for encoding-type=url and decodes; the keys must come back unchanged.
    listed = s3.list_objects(Bucket="odd")
    assert [o["Key"] for o in listed["Contents"]] == sorted(keys)
    for key in keys:
        assert s3.get_object(Bucket="odd", Key=key)["Body"].read() == key.encode()


def _aws_chunked(sb: SandboxServer, body: bytes, chunk: int, *, corrupt: bool) -> Any:
    """A STREAMING-AWS4-HMAC-SHA256-PAYLOAD upload signed by hand, chunk by chunk."""
    import hmac

    import requests

    when = datetime.now(UTC)
    amz_date = when.strftime("%Y%m%dT%H%M%SZ")
    scope = f"{amz_date[:8]}/kr-standard/s3/aws4_request"
    host = sb.object_storage_url.split("://", 1)[1]
    mode = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
    pieces = [body[i : i + chunk] for i in range(0, len(body), chunk)] + [b""]
    encoded_length = sum(len(f"{len(p):x};chunk-signature=") + 64 + 2 + len(p) + 2 for p in pieces)
    headers = {
        "content-encoding": "aws-chunked",
        "content-length": str(encoded_length),
        "host": host,
        "x-amz-content-sha256": mode,
        "x-amz-date": amz_date,
        "x-amz-decoded-content-length": str(len(body)),
    }
    names = sorted(headers)
    canonical = "\n".join(
        [
            "PUT",
            "/chunks/up.csv",
            "",
            "".join(f"{n}:{headers[n]}\n" for n in names),
            ";".join(names),
            mode,
        ]
    )

    def mac(key: bytes, text: str) -> bytes:
        return hmac.new(key, text.encode(), hashlib.sha256).digest()

    key = mac(f"AWS4{sb.secret_key}".encode(), amz_date[:8])
    for part in ("kr-standard", "s3", "aws4_request"):
        key = mac(key, part)
    to_sign = (
        f"AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
    )
    previous = mac(key, to_sign).hex()
    seed = previous
    wire = b""
    empty = hashlib.sha256(b"").hexdigest()
    for piece in pieces:
        data = piece
        if corrupt and piece and piece is pieces[1]:
            data = b"X" + piece[1:]  # the signature covers the original bytes
        chunk_to_sign = (
            f"AWS4-HMAC-SHA256-PAYLOAD\n{amz_date}\n{scope}\n{previous}\n{empty}\n"
            f"{hashlib.sha256(piece).hexdigest()}"
        )
        previous = mac(key, chunk_to_sign).hex()
        wire += f"{len(piece):x};chunk-signature={previous}\r\n".encode() + data + b"\r\n"
    sent = {k: v for k, v in headers.items() if k != "host"}
    sent["Authorization"] = (
        f"AWS4-HMAC-SHA256 Credential={sb.access_key}/{scope}, "
        f"SignedHeaders={';'.join(names)}, Signature={seed}"
    )
    verify: Any = str(sb.ca_bundle_path) if sb.ca_bundle_path else True
    return requests.put(
        sb.object_storage_url + "/chunks/up.csv", data=wire, headers=sent, timeout=30, verify=verify
    )


def test_signed_aws_chunked_upload(sb: SandboxServer) -> None:
    sb.create_bucket("chunks")
    body = os.urandom(20_000)
    response = _aws_chunked(sb, body, 8192, corrupt=False)
    assert response.status_code == 200, response.text
    assert sb.get_object("chunks", "up.csv") == body
    bad = _aws_chunked(sb, os.urandom(20_000), 8192, corrupt=True)
    assert bad.status_code == 403
    assert "<Code>SignatureDoesNotMatch</Code>" in bad.text
    assert sb.get_object("chunks", "up.csv") == body  # the refused upload changed nothing


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n", 414),
        (b"GET / HTTP/1.1\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n", 431),
        (b"GET / HTTP/2.0\r\n\r\n", 505),
        (b"BREW / HTTP/1.1\r\n\r\n", 501),
    ],
    ids=["uri-too-long", "header-too-long", "http-2", "unknown-method"],
)
def test_http_servers_own_errors_are_s3_xml(request_bytes: bytes, status: int) -> None:
    import socket

    with SandboxServer() as sb:
        port = int(sb.object_storage_url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            conn.sendall(request_bytes)
            received = b""
            while chunk := conn.recv(65536):
                received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == str(status).encode()
    assert body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>')
