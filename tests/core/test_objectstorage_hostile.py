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
from hostile_server import HostileServer, drip_body, endless_body, respond, stall
from stalling_s3 import StallingS3

from aitems_desktop.core.errors import InvalidInputError, InvalidResponseError, NetworkError
from aitems_desktop.core.objectstorage import (
    MAX_ANSWER_BYTES,
    AccessDeniedError,
    InvalidAnswerError,
    InvalidRequestError,
    LocalFileError,
    ObjectStorageClient,
    ObjectStorageSettings,
    StorageNetworkError,
    UploadProgress,
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
    [("B", "a.csv"), ("ab", "a.csv"), ("bucket", ""), ("bucket", "a/../b.csv"), ("bu..ck", "a")],
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
