"""Cancel ends an upload at once even when the network stalls, and aborts what it left.

The uploads run against :class:`stalling_s3.StallingS3`, which stops reading a part's body
midway or never answers it. Each test waits for definite events (the server reached its
stall, the uploading thread sleeps on its socket in the kernel), then sets the cancel flag.
The client's socket timeouts are 100 s, so an upload that ended only by timing out would
take that long: the bound the tests check (20 s) is 100 times what a cancel takes here.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from stalling_s3 import StallingS3

from aitems_desktop.core.errors import AitemsError, CancelledError
from aitems_desktop.core.objectstorage import (
    ABORT_SECONDS,
    ObjectStorageClient,
    ObjectStorageError,
    ObjectStorageSettings,
    UploadCancelledError,
    UploadProgress,
)

MIB = 1024 * 1024
PART = 16 * MIB
#: Far above what a cancel takes (about 0.1 s), far below the 100 s socket timeouts.
BOUND = 20.0


def wait_until_blocked(tid: int, timeout: float = 60.0) -> None:
    """Wait until thread ``tid`` sleeps in the kernel's poll(): waiting on its socket."""
    wchan = Path(f"/proc/self/task/{tid}/wchan")
    deadline = time.monotonic() + timeout
    while "poll" not in wchan.read_text():
        if time.monotonic() > deadline:
            pytest.fail(f"the upload never blocked on its socket (wchan {wchan.read_text()!r})")
        time.sleep(0.01)


class Upload:
    """``upload_file`` on a thread of its own, with what it reported and how it ended."""

    def __init__(self, url: str, path: Path, ca_bundle: str | None = None, **kw: Any) -> None:
        self.cancel = threading.Event()
        self.progress: list[int] = []
        self.error: BaseException | None = None
        self.ended = 0.0
        self.tid = 0
        self._started = threading.Event()
        settings = ObjectStorageSettings(
            "AK", "SK", endpoint=url, ca_bundle=ca_bundle, timeout=(100.0, 100.0)
        )
        self._thread = threading.Thread(target=self._run, args=(settings, path, kw))
        self._thread.start()
        self._started.wait()

    def _run(self, settings: ObjectStorageSettings, path: Path, kw: dict[str, Any]) -> None:
        self.tid = threading.get_native_id()
        self._started.set()
        try:
            with ObjectStorageClient(settings) as client:
                client.upload_file(
                    path, "bucket", path.name, cancel=self.cancel, progress=self.on_progress, **kw
                )
        except BaseException as exc:
            self.error = exc
        self.ended = time.monotonic()

    def on_progress(self, progress: UploadProgress) -> None:
        self.progress.append(progress.sent)

    def cancel_now(self) -> float:
        cancelled_at = time.monotonic()
        self.cancel.set()
        self._thread.join(BOUND * 3)
        assert not self._thread.is_alive(), "the upload did not end after the cancel"
        return self.ended - cancelled_at


def big_file(tmp_path: Path, size: int) -> Path:
    path = tmp_path / "interactions.csv"
    path.write_bytes(os.urandom(size))
    return path


@pytest.mark.parametrize("tls", [False, True], ids=["http", "https"])
def test_cancel_ends_a_send_blocked_on_a_stalled_network_and_aborts(
    tls: bool, tmp_path: Path
) -> None:
    path = big_file(tmp_path, 2 * PART + MIB)
    with StallingS3(stall_part=2, mode="mid_body", tls=tls) as server:
        upload = Upload(server.url, path, server.ca_bundle)
        assert server.stalled.wait(60)
        wait_until_blocked(upload.tid)
        # Blocked while sending part 2: the server stopped reading it, the socket buffers
        # are full, and the rest of the part has not been handed to the network.
        assert PART < upload.progress[-1] < 2 * PART
        took = upload.cancel_now()
        methods = server.methods()
    assert took < BOUND, f"the cancel took {took:.1f} s"
    error = upload.error
    assert isinstance(error, UploadCancelledError), repr(error)
    assert isinstance(error, CancelledError)
    assert isinstance(error, ObjectStorageError)
    assert error.aborted is True
    assert error.upload_id is None
    assert error.may_have_reached_server is True
    assert methods == [
        "POST uploads=",
        "PUT partNumber=1&uploadId=upload-1",
        "PUT partNumber=2&uploadId=upload-1",
        "DELETE uploadId=upload-1",
    ]


@pytest.mark.parametrize("tls", [False, True], ids=["http", "https"])
def test_cancel_ends_an_upload_waiting_for_an_answer_and_aborts(tls: bool, tmp_path: Path) -> None:
    path = big_file(tmp_path, 2 * PART + MIB)
    with StallingS3(stall_part=2, mode="no_answer", tls=tls) as server:
        upload = Upload(server.url, path, server.ca_bundle)
        assert server.stalled.wait(60)
        wait_until_blocked(upload.tid)
        assert upload.progress[-1] == 2 * PART  # all of part 2 sent, no answer
        took = upload.cancel_now()
        methods = server.methods()
    assert took < BOUND, f"the cancel took {took:.1f} s"
    assert isinstance(upload.error, UploadCancelledError), repr(upload.error)
    assert upload.error.aborted is True
    assert methods[-1] == "DELETE uploadId=upload-1"


def test_cancel_ends_a_stalled_single_put_with_nothing_to_abort(tmp_path: Path) -> None:
    path = big_file(tmp_path, 3 * MIB)
    with StallingS3(stall_part=None, mode="mid_body") as server:
        upload = Upload(server.url, path)
        assert server.stalled.wait(60)
        wait_until_blocked(upload.tid)
        took = upload.cancel_now()
        methods = server.methods()
    assert took < BOUND, f"the cancel took {took:.1f} s"
    assert isinstance(upload.error, UploadCancelledError), repr(upload.error)
    assert upload.error.aborted is True
    assert methods == ["PUT "]


def test_an_abort_that_stalls_too_is_given_up_and_named(tmp_path: Path) -> None:
    path = big_file(tmp_path, 2 * PART + MIB)
    with StallingS3(stall_part=2, mode="no_answer", stall_abort=True) as server:
        upload = Upload(server.url, path)
        assert server.stalled.wait(60)
        wait_until_blocked(upload.tid)
        took = upload.cancel_now()
        assert server.aborted.is_set()
    # The abort had its own deadline: the cancel waited for it, and no longer.
    assert took >= ABORT_SECONDS
    assert took < ABORT_SECONDS + BOUND, f"the cancel took {took:.1f} s"
    error = upload.error
    assert isinstance(error, UploadCancelledError), repr(error)
    assert error.aborted is False
    assert error.upload_id == "upload-1"
    assert "unfinished multipart upload" in error.hint
    assert isinstance(error, AitemsError)


def test_a_cancel_set_before_the_upload_sends_nothing(tmp_path: Path) -> None:
    path = big_file(tmp_path, MIB)
    with StallingS3(stall_part=None) as server:
        settings = ObjectStorageSettings("AK", "SK", endpoint=server.url)
        cancel = threading.Event()
        cancel.set()
        with ObjectStorageClient(settings) as client, pytest.raises(UploadCancelledError) as info:
            client.upload_file(path, "bucket", "a.csv", cancel=cancel)
        assert server.methods() == []
    assert info.value.may_have_reached_server is False
    assert info.value.aborted is True
