"""The Object Storage client against an independent S3 server (moto, in its own process).

Error answers moto does not produce (RequestTimeTooSkewed, AccessDenied, a proxy's HTML page)
come from a small stub that answers every request with a canned S3 error document.
"""

from __future__ import annotations

import http.server
import os
import re
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from aitems_desktop.core.errors import (
    AitemsError,
    AuthenticationError,
    CancelledError,
    ForbiddenError,
    InvalidResponseError,
    NetworkError,
    RequestRejectedError,
    ServerError,
    TlsError,
)
from aitems_desktop.core.objectstorage import (
    AccessDeniedError,
    ClockSkewError,
    InvalidAnswerError,
    InvalidCredentialsError,
    LocalFileError,
    NoSuchBucketError,
    ObjectStorageClient,
    ObjectStorageError,
    ObjectStorageSettings,
    StorageNetworkError,
    StorageRequestRejectedError,
    StorageServerError,
    StorageTlsError,
    UploadCancelledError,
    UploadProgress,
)

MIB = 1024 * 1024


def start_moto(
    tmp: Path, *extra: str, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], str, Path]:
    log = tmp / f"moto-{uuid.uuid4().hex}.log"
    out = open(log, "wb")  # noqa: SIM115 (closed with the process)
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", "0", *extra],
        stdout=out,
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
    )
    out.close()
    deadline = time.monotonic() + 60
    while True:
        match = re.search(
            r"Running on (https?://127\.0\.0\.1:\d+)", log.read_text("utf-8", "replace")
        )
        if match:
            return proc, match.group(1), log
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("moto did not start: " + log.read_text("utf-8", "replace"))
        time.sleep(0.05)


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def moto_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    proc, url, _log = start_moto(tmp_path_factory.mktemp("moto"))
    try:
        yield url
    finally:
        stop(proc)


@pytest.fixture
def client(moto_url: str) -> Iterator[ObjectStorageClient]:
    with ObjectStorageClient(
        ObjectStorageSettings("AKIDTEST", "secret-test", endpoint=moto_url)
    ) as c:
        yield c


@pytest.fixture
def bucket(client: ObjectStorageClient) -> str:
    name = f"b-{uuid.uuid4().hex[:12]}"
    client._minio().make_bucket(name)
    return name


def test_the_secret_is_not_in_repr() -> None:
    settings = ObjectStorageSettings("AK", "very-secret-key")
    assert "very-secret-key" not in repr(settings)


def test_importing_the_module_does_not_import_minio() -> None:
    code = "import sys, aitems_desktop.core.objectstorage; sys.exit('minio' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_list_buckets(client: ObjectStorageClient, bucket: str) -> None:
    assert bucket in [b.name for b in client.list_buckets()]


def test_upload_a_small_file_and_list_folders(
    client: ObjectStorageClient, bucket: str, tmp_path: Path
) -> None:
    path = tmp_path / "users.csv"
    path.write_text("USER_ID\nu1\n")
    seen: list[UploadProgress] = []
    result = client.upload_file(path, bucket, "data/users.csv", progress=seen.append)
    client.upload_file(path, bucket, "top.csv")
    assert result.parts == 1
    assert result.size == path.stat().st_size
    assert seen[-1] == UploadProgress(result.size, result.size)
    root = client.list_objects(bucket)
    assert root.folders == ("data/",)
    assert [o.key for o in root.objects] == ["top.csv"]
    inside = client.list_objects(bucket, "data/")
    assert [(o.key, o.size) for o in inside.objects] == [("data/users.csv", result.size)]
    body = client._minio().get_object(bucket, "data/users.csv").read()
    assert body == path.read_bytes()


def test_listing_pages_with_markers(
    client: ObjectStorageClient, bucket: str, tmp_path: Path
) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a\n")
    for n in range(5):
        client.upload_file(path, bucket, f"p/{n}.csv")
    keys: list[str] = []
    marker = None
    pages = 0
    while True:
        page = client.list_objects(bucket, "p/", marker=marker, max_keys=2)
        keys += [o.key for o in page.objects]
        pages += 1
        marker = page.next_marker
        if marker is None:
            break
    assert keys == [f"p/{n}.csv" for n in range(5)]
    assert pages == 3


def test_a_large_file_goes_in_parts_with_progress(
    client: ObjectStorageClient, bucket: str, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(os.urandom(12 * MIB + 12345))
    seen: list[UploadProgress] = []
    result = client.upload_file(path, bucket, "big.csv", progress=seen.append, part_size=5 * MIB)
    assert result.parts == 3
    assert result.etag.endswith("-3")
    sent = [p.sent for p in seen]
    assert sent == sorted(sent)
    assert sent[-1] == path.stat().st_size
    assert len(sent) > 100  # byte-level progress, not one step per part
    stored = client._minio().stat_object(bucket, "big.csv")
    assert stored.size == path.stat().st_size


def test_cancel_mid_upload_aborts_the_multipart_upload(
    client: ObjectStorageClient, bucket: str, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(os.urandom(16 * MIB))
    cancel = threading.Event()
    seen: list[int] = []

    def on_progress(progress: UploadProgress) -> None:
        seen.append(progress.sent)
        if progress.sent >= 7 * MIB:  # inside the second part
            cancel.set()

    with pytest.raises(UploadCancelledError) as info:
        client.upload_file(
            path, bucket, "big.csv", progress=on_progress, cancel=cancel, part_size=5 * MIB
        )
    assert isinstance(info.value, CancelledError)
    assert info.value.aborted is True
    assert info.value.may_have_reached_server is True
    assert seen[-1] < 7 * MIB + 64 * 1024 + 1
    uploads = client._minio()._list_multipart_uploads(bucket).uploads
    assert list(uploads) == []
    assert client.list_objects(bucket).objects == ()


def test_cancel_before_start_sends_nothing(
    client: ObjectStorageClient, bucket: str, tmp_path: Path
) -> None:
    path = tmp_path / "a.csv"
    path.write_text("x\n")
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(UploadCancelledError):
        client.upload_file(path, bucket, "a.csv", cancel=cancel)
    assert client.list_objects(bucket).objects == ()


def test_no_such_bucket(client: ObjectStorageClient, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("x\n")
    with pytest.raises(NoSuchBucketError) as info:
        client.upload_file(path, "no-such-bucket-here", "a.csv")
    assert info.value.error_code == "NoSuchBucket"
    with pytest.raises(NoSuchBucketError):
        client.list_objects("no-such-bucket-here")


def test_a_missing_local_file(client: ObjectStorageClient, tmp_path: Path) -> None:
    with pytest.raises(LocalFileError):
        client.upload_file(tmp_path / "nope.csv", "some-bucket", "a.csv")


def test_unknown_keys_are_wrong_credentials(tmp_path: Path) -> None:
    # moto checks signatures against its IAM users once authentication is on.
    proc, url, _log = start_moto(tmp_path, env={"INITIAL_NO_AUTH_ACTION_COUNT": "0"})
    try:
        settings = ObjectStorageSettings("AKIAUNKNOWNKEY000000", "not-the-secret", endpoint=url)
        with ObjectStorageClient(settings) as c, pytest.raises(InvalidCredentialsError) as info:
            c.list_buckets()
        assert info.value.error_code == "InvalidAccessKeyId"
        assert "not-the-secret" not in str(info.value)
    finally:
        stop(proc)


def test_https_with_the_ca_bundle_and_without(tmp_path: Path) -> None:
    from aitems_desktop.sandbox.tls import make_certificates

    files = make_certificates(tmp_path, ["127.0.0.1", "localhost"])
    proc, url, _log = start_moto(
        tmp_path, "--ssl-cert", str(files.cert_chain), "--ssl-key", str(files.key)
    )
    try:
        trusted = ObjectStorageSettings("AK", "SK", endpoint=url, ca_bundle=str(files.ca_bundle))
        with ObjectStorageClient(trusted) as c:
            c._minio().make_bucket("tls-bucket")
            path = tmp_path / "a.csv"
            path.write_text("x\n")
            assert c.upload_file(path, "tls-bucket", "a.csv").size == 2
        untrusted = ObjectStorageSettings("AK", "SK", endpoint=url)
        with ObjectStorageClient(untrusted) as c, pytest.raises(StorageTlsError) as info:
            c.list_buckets()
        assert isinstance(info.value, TlsError)
        assert info.value.may_have_reached_server is False
    finally:
        stop(proc)


def test_nothing_listening_is_a_network_error() -> None:
    with socket_closed_port() as port:
        settings = ObjectStorageSettings("AK", "SK", endpoint=f"http://127.0.0.1:{port}")
        with ObjectStorageClient(settings) as c, pytest.raises(StorageNetworkError) as info:
            c.list_buckets()
    assert not isinstance(info.value, StorageTlsError)
    assert isinstance(info.value, NetworkError)
    assert info.value.may_have_reached_server is False


class socket_closed_port:  # noqa: N801 (a context manager used like a function)
    def __enter__(self) -> int:
        import socket

        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port: int = sock.getsockname()[1]
        sock.close()
        return self.port

    def __exit__(self, *exc: object) -> None:
        return None


class _Canned(http.server.BaseHTTPRequestHandler):
    status = 403
    body = b""
    content_type = "application/xml"
    extra_headers: ClassVar[dict[str, str]] = {}

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_response(self.status)
        self.send_header("Content-Type", self.content_type)
        self.send_header("Content-Length", str(len(self.body)))
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(self.body)

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _answer

    def log_message(self, *args: object) -> None:
        return None


def s3_error(code: str, message: str, extra: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code>'
        f"<Message>{message}</Message>{extra}<RequestId>req-1</RequestId></Error>"
    ).encode()


SKEWED = "<ServerTime>2001-01-01T00:00:00Z</ServerTime>"


@pytest.mark.parametrize(
    ("status", "body", "storage_error", "core_error", "code"),
    [
        (
            403,
            s3_error("AccessDenied", "Denied"),
            AccessDeniedError,
            ForbiddenError,
            "AccessDenied",
        ),
        (
            403,
            s3_error("SignatureDoesNotMatch", "The signature does not match"),
            InvalidCredentialsError,
            AuthenticationError,
            "SignatureDoesNotMatch",
        ),
        (
            403,
            s3_error("RequestTimeTooSkewed", "The difference is too large", SKEWED),
            ClockSkewError,
            AuthenticationError,
            "RequestTimeTooSkewed",
        ),
        (
            400,
            s3_error("InvalidArgument", "Invalid argument"),
            StorageRequestRejectedError,
            RequestRejectedError,
            "InvalidArgument",
        ),
        (
            503,
            s3_error("SlowDown", "Reduce your request rate"),
            StorageServerError,
            ServerError,
            "SlowDown",
        ),
        (502, b"<html>Bad gateway</html>", InvalidAnswerError, InvalidResponseError, None),
    ],
)
def test_error_answers_become_typed_errors_of_the_core_family(
    status: int,
    body: bytes,
    storage_error: type[ObjectStorageError],
    core_error: type[AitemsError],
    code: str | None,
) -> None:
    content_type = "application/xml" if body.startswith(b"<?xml") else "text/html"
    handler = type(
        "Handler", (_Canned,), {"status": status, "body": body, "content_type": content_type}
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        settings = ObjectStorageSettings("AK", "SK", endpoint=url)
        with ObjectStorageClient(settings) as c, pytest.raises(storage_error) as info:
            c.list_objects("some-bucket")
    finally:
        server.shutdown()
        server.server_close()
    error = info.value
    assert isinstance(error, core_error)
    assert isinstance(error, ObjectStorageError)
    assert error.hint == storage_error.default_hint
    if code is not None:
        assert error.error_code == code
        assert error.http_status == status
        assert error.request_id == "req-1"
        assert f"code {code}" in str(error)
    if isinstance(error, ClockSkewError):
        assert error.clock_skew is not None
        assert error.clock_skew.days > 365
        assert "ahead of" in error.message
