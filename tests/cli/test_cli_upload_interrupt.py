"""Ctrl+C (SIGINT) during ``aitems upload``: the multipart upload is aborted and the command
says whether its unfinished parts were removed (exit 130).

The child uploads to ``stalling_s3.StallingS3`` (the core tests' S3 impostor), which takes
part 1 and then never answers part 2; the test sends SIGINT once the server has reached that
stall (a definite event), so the upload is surely multipart and in flight.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, TIMEOUT_S, Cli

from aitems_desktop.cli.exitcodes import ExitCode

sys.path.insert(0, str(ROOT / "tests" / "core"))
from stalling_s3 import StallingS3

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX")

MIB = 1024 * 1024
PART = 16 * MIB


def _upload_until_stalled(cli: Cli, server: StallingS3, path: Path) -> subprocess.Popen[str]:
    cli.env.update(
        NCLOUD_ACCESS_KEY="AK",
        NCLOUD_SECRET_KEY="SK",
        AITEMS_OBJECT_STORAGE_ENDPOINT=server.url,
    )
    proc = cli.popen("upload", str(path), "s3://bucket/clicks.csv")
    if not server.stalled.wait(TIMEOUT_S):
        proc.kill()
        _out, err = proc.communicate()
        pytest.fail(f"the upload never reached part 2: {err}")
    return proc


def _interrupt(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=TIMEOUT_S)
    return proc.returncode, stdout, stderr


def test_ctrl_c_aborts_the_multipart_upload_and_says_the_parts_are_gone(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "clicks.csv"
    path.write_bytes(os.urandom(2 * PART + MIB))
    with StallingS3(stall_part=2, mode="no_answer") as server:
        proc = _upload_until_stalled(cli, server, path)
        code, stdout, stderr = _interrupt(proc)
        methods = server.methods()
    assert code == ExitCode.INTERRUPTED, stderr
    assert stdout == ""
    assert "multipart upload of s3://bucket/clicks.csv was aborted" in stderr
    assert "its parts were removed" in stderr
    assert methods[-1] == "DELETE uploadId=upload-1"
    assert "Traceback" not in stderr


def test_ctrl_c_says_so_when_the_parts_could_not_be_removed(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "clicks.csv"
    path.write_bytes(os.urandom(2 * PART + MIB))
    with StallingS3(stall_part=2, mode="no_answer", stall_abort=True) as server:
        proc = _upload_until_stalled(cli, server, path)
        code, stdout, stderr = _interrupt(proc)
        methods = server.methods()
    assert code == ExitCode.INTERRUPTED, stderr
    assert stdout == ""
    assert "upload-1" in stderr
    assert "could NOT be removed" in stderr
    assert "DELETE uploadId=upload-1" in methods
    assert "Traceback" not in stderr
