"""Object Storage and CSV-file errors through the command line's error printer and exit codes."""

from __future__ import annotations

import io

import pytest

from aitems_desktop.cli.exitcodes import ExitCode, exit_code_for
from aitems_desktop.cli.report import print_error
from aitems_desktop.core.csvfile import CsvCheckError
from aitems_desktop.core.errors import AitemsError
from aitems_desktop.core.objectstorage import (
    AccessDeniedError,
    InvalidCredentialsError,
    InvalidRequestError,
    NoSuchBucketError,
    StorageNetworkError,
    UploadCancelledError,
)


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (StorageNetworkError("cannot connect", may_have_reached_server=False), ExitCode.NETWORK),
        (InvalidCredentialsError("wrong keys", http_status=403), ExitCode.AUTH),
        (AccessDeniedError("Access Denied", http_status=403), ExitCode.AUTH),
        (NoSuchBucketError("there is no bucket named 'b'", http_status=404), ExitCode.NOT_FOUND),
        (UploadCancelledError("the upload was cancelled"), ExitCode.INTERRUPTED),
        (InvalidRequestError("invalid bucket name B"), ExitCode.USAGE),
    ],
)
def test_each_storage_error_has_its_exit_code(error: AitemsError, code: ExitCode) -> None:
    assert exit_code_for(error) is code


def test_the_printer_gives_the_s3_code_the_request_id_and_the_storage_hint() -> None:
    out = io.StringIO()
    error = AccessDeniedError(
        "Access Denied", http_status=403, error_code="AccessDenied", request_id="r-1"
    )
    print_error(error, out)
    text = out.getvalue()
    assert "Access Denied" in text
    assert "HTTP 403, code AccessDenied" in text
    assert "request id: r-1" in text
    assert f"hint: {AccessDeniedError.default_hint}" in text


def test_a_file_that_cannot_be_read_prints_its_hint() -> None:
    out = io.StringIO()
    print_error(CsvCheckError("cannot open a.csv: No such file or directory"), out)
    assert f"hint: {CsvCheckError.default_hint}" in out.getvalue()
