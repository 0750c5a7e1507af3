"""A broken or hostile Object Storage: every answer ends in a typed error, none fills memory.

The server is :mod:`hostile_server` (the engine's tests use it too), answering exactly as each
case scripts; the request deadline is shortened so the slow cases end quickly.
"""

from __future__ import annotations

import gzip
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_server import (
    HostileServer,
    closed_port,
    drip_body,
    endless_body,
    full_listener,
    respond,
    stall,
)
from stalling_s3 import StallingS3

from aitems_desktop.core.errors import InvalidInputError, InvalidResponseError, NetworkError
from aitems_desktop.core.objectstorage import (
    MAX_ANSWER_BYTES,
    MAX_KEY_BYTES,
    AccessDeniedError,
    InvalidAnswerError,
    InvalidRequestError,
    LocalFileError,
    ObjectStorageClient,
    ObjectStorageSettings,
    RedirectRefusedError,
    StorageNetworkError,
    UploadProgress,
    check_names,
    wire,
)

MIB = 1024 * 1024
XML = {"Content-Type": "application/xml"}


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with HostileServer() as s:
        yield s


@pytest.fixture
def client(server: HostileServer) -> Iterator[ObjectStorageClient]:
    url = f"http://127.0.0.1:{server.port}"
    with ObjectStorageClient(ObjectStorageSettings("AK", "SK", endpoint=url)) as c:
        yield c


@pytest.fixture
def short_deadline(monkeypatch: pytest.MonkeyPatch) -> float:
    monkeypatch.setattr(wire, "REQUEST_SECONDS", 1.0)
    return 1.0


def test_an_endless_answer_is_refused_past_the_size_limit(
    server: HostileServer, client: ObjectStorageClient
) -> None:
    server.script(endless_body(0.0, chunk=b"<Contents>" * 6000))
    with pytest.raises(InvalidAnswerError) as info:
        client.list_objects("bucket")
    assert f"larger than {MAX_ANSWER_BYTES >> 20} MB" in info.value.message
    assert isinstance(info.value, InvalidResponseError)


def test_a_compressed_answer_is_limited_by_its_decoded_size(
    server: HostileServer, client: ObjectStorageClient
) -> None:
    bomb = gzip.compress(b"<" * (4 * MAX_ANSWER_BYTES))
    server.script(respond(200, bomb, {**XML, "Content-Encoding": "gzip"}))
    with pytest.raises(InvalidAnswerError) as info:
        client.list_objects("bucket")
    assert "larger than" in info.value.message


@pytest.mark.parametrize("behaviour", ["drip", "silence"])
def test_a_slow_answer_ends_at_the_request_deadline(
    behaviour: str, server: HostileServer, client: ObjectStorageClient, short_deadline: float
) -> None:
    body = b"<ListBucketResult>" + b" " * 10_000 + b"</ListBucketResult>"
    server.script(drip_body(body, 0.05) if behaviour == "drip" else stall())
    with pytest.raises(StorageNetworkError) as info:
        client.list_objects("bucket")
    assert f"within {short_deadline:g} seconds" in info.value.message
    assert isinstance(info.value, NetworkError)
    assert info.value.may_have_reached_server is True


@pytest.mark.parametrize(
    "body",
    [
        b"<ListBucketResult><Contents><Key>a",
        b"\xff\xfe\x00<\x00<",
        b"<ListBucketResult><Contents><Key>a</Key><Size>many</Size></Contents></ListBucketResult>",
        b"<ListBucketResult><Contents><Key>a</Key><LastModified>yesterday</LastModified>"
        b"</Contents></ListBucketResult>",
        b"",
    ],
)
def test_a_malformed_listing_is_an_invalid_answer(
    body: bytes, server: HostileServer, client: ObjectStorageClient
) -> None:
    server.script(respond(200, body, XML))
    with pytest.raises(InvalidAnswerError):
        client.list_objects("bucket")


@pytest.mark.parametrize(
    "body", [b"<InitiateMultipartUploadResult>", b"\x00\x01garbage", b"<Other/>"]
)
def test_a_malformed_answer_to_an_upload_is_an_invalid_answer(
    body: bytes, server: HostileServer, client: ObjectStorageClient, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(os.urandom(6 * MIB))
    server.script(respond(200, body, XML))
    with pytest.raises(InvalidAnswerError):
        client.upload_file(path, "bucket", "big.csv", part_size=5 * MIB)


@pytest.mark.parametrize(
    ("bucket", "key"),
    [
        ("B", "a.csv"),
        ("ab", "a.csv"),
        ("bucket", ""),
        ("bucket", "a/../b.csv"),
        ("bu..ck", "a"),
        ("Bucket", "a.csv"),
        ("bucket_1", "a.csv"),
        ("b" * 64, "a.csv"),
        ("-bucket", "a.csv"),
        ("bucket.", "a.csv"),
        ("bu.-ck", "a.csv"),
        ("192.168.10.1", "a.csv"),
        ("bucket", "k" * (MAX_KEY_BYTES + 1)),
        ("bucket", "가" * 342),  # 1,026 bytes of UTF-8 in 342 characters
        ("bucket", "a\nb.csv"),
        ("bucket", "a\rb.csv"),
        ("bucket", "a\x1b]0;owned\x07.csv"),
        ("bucket", "a\x00.csv"),
        ("bucket", "a\x7f.csv"),
        ("bucket", "a\x85.csv"),
        ("bucket", "a\ud800.csv"),
        ("bucket", "   "),
    ],
)
def test_names_s3_cannot_take_are_refused_before_sending(
    bucket: str, key: str, server: HostileServer, client: ObjectStorageClient, tmp_path: Path
) -> None:
    path = tmp_path / "a.csv"
    path.write_text("x\n")
    with pytest.raises(InvalidRequestError) as info:
        client.upload_file(path, bucket, key)
    assert isinstance(info.value, InvalidInputError)
    assert server.seen == []


@pytest.mark.parametrize(
    ("bucket", "key"),
    [
        ("abc", "a"),
        ("b" * 63, "k" * MAX_KEY_BYTES),
        ("my.bucket-2", "데이터/사용자 목록 (2024).csv"),
        ("bucket", "가" * 341),  # 1,023 bytes
        ("bucket", "a/b/c/..d/e..f.csv"),
    ],
)
def test_names_s3_takes_pass_the_check(bucket: str, key: str) -> None:
    check_names(bucket, key)


def test_a_refused_key_is_quoted_with_its_control_characters_escaped(
    client: ObjectStorageClient, tmp_path: Path
) -> None:
    path = tmp_path / "a.csv"
    path.write_text("x\n")
    with pytest.raises(InvalidRequestError) as info:
        client.upload_file(path, "bucket", "a\x1b[2Jb\nFAKE.csv")
    assert "\x1b" not in info.value.message
    assert "\n" not in info.value.message
    assert "U+001B" in info.value.message


# --- what would pass for success though nothing is known to be stored --------------------------


def _location(server: HostileServer, path: str) -> dict[str, str]:
    return {"Location": f"http://127.0.0.1:{server.port}{path}"}


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirected_upload_is_not_followed_and_not_reported_stored(
    status: int, server: HostileServer, client: ObjectStorageClient, tmp_path: Path
) -> None:
    path = tmp_path / "a.csv"
    path.write_text("USER_ID\nu1\n")
    with HostileServer() as elsewhere:
        elsewhere.script(respond(200, b"", {"ETag": '"stolen"'}))
        server.script(respond(status, b"", _location(elsewhere, "/stolen/a.csv")))
        with pytest.raises(RedirectRefusedError) as info:
            client.upload_file(path, "bucket", "a.csv")
        assert elsewhere.seen == []
    error = info.value
    assert isinstance(error, InvalidResponseError)
    assert error.http_status == status
    assert error.location.endswith("/stolen/a.csv")
    assert "never redirects" in error.message
    assert "nothing was stored" in error.message
    assert [(r.method, r.target) for r in server.seen] == [("PUT", "/bucket/a.csv")]


def test_a_redirect_to_another_host_is_not_even_looked_up(
    server: HostileServer, client: ObjectStorageClient, tmp_path: Path
) -> None:
    # Following it would try to resolve the name: a NetworkError about the name, not this.
    path = tmp_path / "a.csv"
    path.write_text("USER_ID\nu1\n")
    server.script(respond(302, b"", {"Location": "http://evil.example.invalid/steal"}))
    with pytest.raises(RedirectRefusedError) as info:
        client.upload_file(path, "bucket", "a.csv")
    assert "'http://evil.example.invalid/steal'" in info.value.message


def test_a_redirected_listing_is_not_followed(
    server: HostileServer, client: ObjectStorageClient
) -> None:
    with HostileServer() as elsewhere:
        server.script(respond(307, b"", _location(elsewhere, "/other/")))
        with pytest.raises(RedirectRefusedError) as info:
            client.list_objects("bucket")
        assert elsewhere.seen == []
    assert "nothing was stored" not in info.value.message


def test_a_redirected_part_ends_the_upload_and_its_abort_stays_on_the_endpoint(
    server: HostileServer, client: ObjectStorageClient, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(os.urandom(6 * MIB))
    initiated = (
        b"<InitiateMultipartUploadResult><Bucket>bucket</Bucket><Key>big.csv</Key>"
        b"<UploadId>up-1</UploadId></InitiateMultipartUploadResult>"
    )
    with HostileServer() as elsewhere:
        server.script(
            respond(200, initiated, XML),
            respond(307, b"", _location(elsewhere, "/stolen/big.csv")),
            respond(204),
        )
        with pytest.raises(RedirectRefusedError):
            client.upload_file(path, "bucket", "big.csv", part_size=5 * MIB)
        assert elsewhere.seen == []
    assert [r.method for r in server.seen] == ["POST", "PUT", "DELETE"]
    assert "uploadId=up-1" in server.seen[-1].target


@pytest.mark.parametrize(
    "body", [b"", b'{"services": [', b"<html>Proxy says OK</html>", b"<PutObjectResult/>"]
)
def test_a_put_taken_without_an_etag_is_not_reported_stored(
    body: bytes, server: HostileServer, client: ObjectStorageClient, tmp_path: Path
) -> None:
    path = tmp_path / "a.csv"
    path.write_text("USER_ID\nu1\n")
    server.script(respond(200, body))
    with pytest.raises(InvalidAnswerError) as info:
        client.upload_file(path, "bucket", "a.csv")
    assert "no ETag" in info.value.message
    assert info.value.http_status == 200


def test_a_part_taken_without_an_etag_ends_the_upload_with_an_abort(
    server: HostileServer, client: ObjectStorageClient, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(os.urandom(6 * MIB))
    initiated = (
        b"<InitiateMultipartUploadResult><Bucket>bucket</Bucket><Key>big.csv</Key>"
        b"<UploadId>up-1</UploadId></InitiateMultipartUploadResult>"
    )
    server.script(respond(200, initiated, XML), respond(200, b""), respond(204))
    with pytest.raises(InvalidAnswerError) as info:
        client.upload_file(path, "bucket", "big.csv", part_size=5 * MIB)
    assert "no ETag" in info.value.message
    assert [r.method for r in server.seen] == ["POST", "PUT", "DELETE"]


def test_a_completed_upload_without_an_etag_is_not_reported_stored(
    server: HostileServer, client: ObjectStorageClient, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(os.urandom(6 * MIB))
    initiated = (
        b"<InitiateMultipartUploadResult><Bucket>bucket</Bucket><Key>big.csv</Key>"
        b"<UploadId>up-1</UploadId></InitiateMultipartUploadResult>"
    )
    completed = (
        b"<CompleteMultipartUploadResult><Bucket>bucket</Bucket><Key>big.csv</Key>"
        b"</CompleteMultipartUploadResult>"
    )
    part = respond(200, b"", {"ETag": '"p"'})
    server.script(respond(200, initiated, XML), part, part, respond(200, completed, XML))
    with pytest.raises(InvalidAnswerError) as info:
        client.upload_file(path, "bucket", "big.csv", part_size=5 * MIB)
    assert "no ETag" in info.value.message
    assert [r.method for r in server.seen] == ["POST", "PUT", "PUT", "POST"]


def test_an_endpoint_that_is_not_a_url_is_refused(tmp_path: Path) -> None:
    settings = ObjectStorageSettings("AK", "SK", endpoint="kr.object.ncloudstorage.com")
    with ObjectStorageClient(settings) as c, pytest.raises(InvalidRequestError):
        c.list_buckets()


def test_a_file_that_shrinks_during_the_upload_is_a_local_file_error(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(os.urandom(12 * MIB))
    shrunk = threading.Event()

    def shrink(progress: UploadProgress) -> None:
        if not shrunk.is_set():
            shrunk.set()
            os.truncate(path, 7 * MIB)

    with StallingS3(stall_part=99) as s3:
        settings = ObjectStorageSettings("AK", "SK", endpoint=s3.url)
        with ObjectStorageClient(settings) as c, pytest.raises(LocalFileError) as info:
            c.upload_file(path, "bucket", "big.csv", part_size=5 * MIB, progress=shrink)
        methods = s3.methods()
    assert "changed during the upload" in info.value.message
    assert methods[-1] == "DELETE uploadId=upload-1"
    assert info.value.details is None  # the abort worked: nothing to add


def test_a_failed_part_is_reported_even_when_its_abort_fails_too(
    tmp_path: Path, short_deadline: float
) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(os.urandom(12 * MIB))
    with StallingS3(stall_part=2, mode="refuse", stall_abort=True) as s3:
        settings = ObjectStorageSettings("AK", "SK", endpoint=s3.url)
        with ObjectStorageClient(settings) as c, pytest.raises(AccessDeniedError) as info:
            c.upload_file(path, "bucket", "big.csv", part_size=5 * MIB)
        methods = s3.methods()
    # The part's refusal is the outcome, not the abort's silence, which is noted with it.
    assert info.value.request_id == "req-9"
    assert info.value.details is not None
    assert "upload-1 could not be aborted" in info.value.details
    assert methods[-1] == "DELETE uploadId=upload-1"


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_a_proxy_that_cannot_be_reached_is_named_and_nothing_was_sent(scheme: str) -> None:
    # Refused, or no answer within the connect timeout: the proxy was never reached.
    with full_listener() as (host, port):
        slow = f"http://{host}:{port}"
        refused = f"http://127.0.0.1:{closed_port()}"
        found: dict[str, StorageNetworkError] = {}
        for name, proxy in (("slow", slow), ("refused", refused)):
            settings = ObjectStorageSettings(
                "AK", "SK", endpoint=f"{scheme}://localhost:9", proxy=proxy, timeout=(0.3, 5.0)
            )
            with (
                ObjectStorageClient(settings) as client,
                pytest.raises(StorageNetworkError) as info,
            ):
                client.list_buckets()
            found[name] = info.value
    assert found["slow"].message == (
        f"the proxy cannot be reached: Connection to {host} timed out. (connect timeout=0.3)"
    )
    assert found["refused"].message.startswith("the proxy cannot be reached: ")
    assert "Failed to establish a new connection" in found["refused"].message
    # No Python object's address or tuple reaches the person.
    assert " at 0x" not in found["refused"].message
    assert all(error.may_have_reached_server is False for error in found.values())
