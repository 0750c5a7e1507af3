"""Object Storage and CSV-file errors reach the person like every other error: title and hint."""

from __future__ import annotations

import pytest

from aitems_desktop.core.csvfile import CheckCancelledError, CsvCheckError
from aitems_desktop.core.errors import AitemsError
from aitems_desktop.core.objectstorage import (
    AccessDeniedError,
    LocalFileError,
    ObjectStorageError,
    StorageNetworkError,
    StorageTlsError,
    UploadCancelledError,
)
from aitems_desktop.gui.error_report import report_for


@pytest.mark.parametrize(
    ("error", "title"),
    [
        (StorageNetworkError("cannot connect", may_have_reached_server=False), "Could not reach"),
        (StorageTlsError("bad certificate", may_have_reached_server=False), "certificate"),
        (
            AccessDeniedError("Access Denied", http_status=403, error_code="AccessDenied"),
            "Forbidden",
        ),
        (UploadCancelledError("the upload was cancelled"), "Cancelled"),
        (LocalFileError("cannot open a.csv"), "The file could not be read"),
        (ObjectStorageError("something else"), "Object Storage returned an error"),
        (CsvCheckError("cannot open a.csv", path="a.csv"), "The file could not be read"),
        (CheckCancelledError("the check was cancelled"), "Cancelled"),
    ],
)
def test_title_message_and_the_storage_hint(qapp: object, error: AitemsError, title: str) -> None:
    report = report_for(error)
    assert title in report.title
    assert report.message == error.message
    assert report.hint == type(error).default_hint
    assert report.kind == type(error).__name__
    assert "bug" not in report.hint


def test_the_code_and_status_of_an_answer_are_kept(qapp: object) -> None:
    error = AccessDeniedError(
        "Access Denied", http_status=403, error_code="AccessDenied", request_id="r-1"
    )
    report = report_for(error)
    assert (report.http_status, report.error_code, report.request_id) == (
        403,
        "AccessDenied",
        "r-1",
    )
