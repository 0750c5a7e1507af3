"""Header and schema work grows linearly with the number of columns, is bounded, and cancels.

Quadratic behaviour is caught by counting string comparisons, not by timing: the schema's
field names are a ``str`` subclass that counts its ``__eq__`` calls. A list scan per column
(``name in expected_list``, ``names.count(name)``) compares every pair; a dict or set lookup
compares a name only with the entries of its own hash.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar

import pytest

from aitems_desktop.core import catalogue, errors
from aitems_desktop.core.csvfile import (
    CheckCancelledError,
    CheckProgress,
    ProblemKind,
    check_file,
    propose_schema,
)
from aitems_desktop.core.csvfile.infer import _Column, _propose
from aitems_desktop.core.csvfile.source import FatalProblemError
from aitems_desktop.core.engine import error_from_response
from aitems_desktop.core.models import CreateSchemaRequest
from aitems_desktop.core.rules import MAX_FIELDS, DatasetType, SchemaField


class CountingName(str):
    """A field name that counts how often it is compared for equality."""

    calls: ClassVar[int] = 0

    def __eq__(self, other: object) -> bool:
        CountingName.calls += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def comparisons(n: int, tmp_path: Path) -> int:
    """Comparisons made checking a user file whose n-column header differs from its schema."""
    names = [f"F{i}" for i in range(n)]
    fields = [SchemaField(CountingName("USER_ID"), ("string",))]
    fields += [SchemaField(CountingName(name), ("string",)) for name in names]
    # Every column is in a different place than the schema says, two repeat, one is missing.
    header = ["USER_ID", *reversed(names[1:]), "F5", "F5"]
    path = tmp_path / f"wide{n}.csv"
    path.write_text(",".join(header) + "\n" + ",".join("x" for _ in header) + "\n")
    CountingName.calls = 0
    report = check_file(path, "user", fields)
    assert ProblemKind.HEADER_ORDER in report.counts
    assert ProblemKind.HEADER_DUPLICATE in report.counts
    assert ProblemKind.HEADER_MISSING_COLUMN in report.counts
    return CountingName.calls


def test_header_and_schema_comparisons_grow_linearly(tmp_path: Path) -> None:
    small, large = comparisons(200, tmp_path), comparisons(800, tmp_path)
    # Linear: about 4x. A list scan per column makes it 16x; 8x leaves room for hash luck.
    assert large <= 8 * max(small, 1)
    # And in absolute terms: a few comparisons a column, not hundreds.
    assert large <= 20 * 800


def test_inferred_duplicates_are_found_linearly() -> None:
    header = [CountingName(f"C{i % 400}") for i in range(800)]
    CountingName.calls = 0
    proposal = _propose(DatasetType.USER, header, [_Column(n) for n in header], 0, False)
    assert sum(n.kind == "duplicate_column" for n in proposal.notes) == 400
    assert CountingName.calls <= 20 * 800


def test_a_header_over_the_limit_stops_the_check(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    header = ["USER_ID", *(f"F{i}" for i in range(MAX_FIELDS))]
    path.write_text(",".join(header) + "\n" + ",".join("x" for _ in header) + "\n")
    report = check_file(path, "user", [("USER_ID", ["string"])])
    assert report.stopped_early
    assert report.counts == {ProblemKind.TOO_MANY_COLUMNS: 1}
    assert f"{MAX_FIELDS + 1:,} columns" in report.problems[0].message


def test_a_schema_over_the_limit_is_reported_without_reading_the_file(tmp_path: Path) -> None:
    fields = [("USER_ID", ["string"]), *((f"F{i}", ["string"]) for i in range(MAX_FIELDS))]
    # The file is never opened: a missing file would otherwise be a CsvCheckError.
    report = check_file(tmp_path / "absent.csv", "user", fields)
    assert report.stopped_early
    assert report.counts == {ProblemKind.SCHEMA_TOO_MANY_FIELDS: 1}


def test_a_schema_request_over_the_limit_is_refused() -> None:
    fields = [{"name": "USER_ID", "type": ["string"]}]
    fields += [{"name": f"F{i}", "type": ["string"]} for i in range(MAX_FIELDS)]
    with pytest.raises(ValueError, match=f"at most {MAX_FIELDS}"):
        CreateSchemaRequest.model_validate(
            {"datasetType": "user", "name": "wide", "fields": fields}
        )


def test_infer_refuses_a_header_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"F{i}" for i in range(MAX_FIELDS + 1)) + "\n")
    with pytest.raises(FatalProblemError) as caught:
        propose_schema(path, "user")
    assert caught.value.problem.kind is ProblemKind.TOO_MANY_COLUMNS


class CountingFlag:
    """A cancel flag that is never set and counts how often it is looked at."""

    def __init__(self) -> None:
        self.looks = 0
        self.looks_before_rows: int | None = None

    def is_set(self) -> bool:
        self.looks += 1
        return False

    def progress(self, event: CheckProgress) -> None:
        if self.looks_before_rows is None:
            self.looks_before_rows = self.looks


def test_cancel_is_looked_at_inside_the_header_and_schema_work(tmp_path: Path) -> None:
    n = MAX_FIELDS - 1
    fields = [("USER_ID", ["string"]), *((f"F{i}", ["string"]) for i in range(n))]
    path = tmp_path / "wide.csv"
    header = ["USER_ID", *(f"G{i}" for i in range(n))]
    path.write_text(",".join(header) + "\n" + ",".join("x" for _ in header) + "\n")
    flag = CountingFlag()
    check_file(path, "user", fields, cancel=flag, progress=flag.progress)
    # Before the first block of rows: the schema loop and the header loops each look at it.
    assert flag.looks_before_rows is not None
    assert flag.looks_before_rows >= 3 * (n // 256)


def test_a_cancel_during_the_schema_work_ends_the_check(tmp_path: Path) -> None:
    class SetFlag:
        def is_set(self) -> bool:
            return True

    fields = [("USER_ID", ["string"]), ("AGE", ["int"])]
    # The file does not exist: only a look at the flag before the file is opened raises this.
    with pytest.raises(CheckCancelledError):
        check_file(tmp_path / "absent.csv", "user", fields, cancel=SetFlag())


@pytest.mark.parametrize("operation", [catalogue.SCHEMAS_CREATE, catalogue.SCHEMAS_VALIDATE])
def test_a_too_large_schema_is_blamed_on_its_field_list(operation: catalogue.Operation) -> None:  # type: ignore[type-arg]
    body = json.dumps({"error": {"errorCode": "430", "message": "Payload Too Large"}}).encode()
    error = error_from_response(413, body, operation=operation)
    assert isinstance(error, errors.PayloadTooLargeError)
    assert "field list" in error.hint
    assert "description" not in error.hint


def test_a_too_large_service_keeps_the_description_hint() -> None:
    body = json.dumps({"error": {"errorCode": "430", "message": "Payload Too Large"}}).encode()
    error = error_from_response(413, body, operation=catalogue.SERVICES_CREATE)
    assert "description" in error.hint
