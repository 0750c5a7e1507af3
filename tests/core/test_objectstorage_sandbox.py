"""The Object Storage client against the sandbox's own S3 emulator (written from NCP's
documents, not from this client), over HTTP and HTTPS: the road the dataset wizard takes in
demo mode."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from minio.error import S3Error

from aitems_desktop.core.objectstorage import (
    NoSuchBucketError,
    ObjectStorageClient,
    ObjectStorageSettings,
    UploadCancelledError,
    UploadProgress,
)
from aitems_desktop.sandbox import SandboxServer

MIB = 1024 * 1024


@pytest.fixture(params=[False, True], ids=["http", "https"])
def sandbox(request: pytest.FixtureRequest) -> Iterator[SandboxServer]:
    with SandboxServer(tls=request.param) as server:
        yield server


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[ObjectStorageClient]:
    settings = ObjectStorageSettings(
        sandbox.access_key,
        sandbox.secret_key,
        endpoint=sandbox.object_storage_url,
        region=sandbox.object_storage_region,
        ca_bundle=str(sandbox.ca_bundle_path) if sandbox.ca_bundle_path else None,
    )
    with ObjectStorageClient(settings) as c:
        yield c


def test_a_multipart_upload_lands_whole_and_lists_as_a_folder(
    client: ObjectStorageClient, tmp_path: Path
) -> None:
    client._minio().make_bucket("datasets")
    path = tmp_path / "interactions.csv"
    path.write_bytes(os.urandom(11 * MIB))
    result = client.upload_file(path, "datasets", "shop/interactions.csv", part_size=5 * MIB)
    assert (result.parts, result.size) == (3, path.stat().st_size)
    assert client.list_objects("datasets").folders == ("shop/",)
    [stored] = client.list_objects("datasets", "shop/").objects
    assert (stored.key, stored.size) == ("shop/interactions.csv", path.stat().st_size)
    body = client._minio().get_object("datasets", "shop/interactions.csv").read()
    assert body == path.read_bytes()


def test_a_cancelled_upload_leaves_nothing_behind(
    sandbox: SandboxServer, client: ObjectStorageClient, tmp_path: Path
) -> None:
    client._minio().make_bucket("datasets")
    path = tmp_path / "interactions.csv"
    path.write_bytes(os.urandom(11 * MIB))
    cancel = threading.Event()

    def on_progress(progress: UploadProgress) -> None:
        if progress.sent > 6 * MIB:  # inside the second part
            cancel.set()

    with pytest.raises(UploadCancelledError) as info:
        client.upload_file(
            path, "datasets", "a.csv", part_size=5 * MIB, progress=on_progress, cancel=cancel
        )
    assert info.value.aborted is True
    [abort] = [r for r in sandbox.object_storage_requests if r.method == "DELETE"]
    upload_id = abort.target.partition("uploadId=")[2]
    with pytest.raises(S3Error) as gone:  # the sandbox no longer knows the upload's parts
        client._minio()._list_parts("datasets", "a.csv", upload_id)
    assert gone.value.code == "NoSuchUpload"
    assert client.list_objects("datasets").objects == ()


def test_no_such_bucket(client: ObjectStorageClient) -> None:
    with pytest.raises(NoSuchBucketError):
        client.list_objects("no-such-bucket")
