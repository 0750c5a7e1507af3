"""The catalogue: all 27 operations, each as the API notes describe it, each callable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aitems_desktop.core import catalogue
from aitems_desktop.core.api import AitemsApi
from aitems_desktop.core.engine import Engine

NOTES = Path(__file__).parents[2] / "docs" / "api" / "aitems-api-full.md"


def documented_operations() -> dict[str, tuple[str, str]]:
    """``{id: (method, path)}`` from the table in §0 of the API notes."""
    text = NOTES.read_text(encoding="utf-8")
    section = text.split("## 0.", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        match = re.match(r"\|\s*([STUIDC]\d+)\s*\|\s*(\w+)\s*\|\s*([^|]+?)\s*\|", line)
        if match:
            key, method, path = match.groups()
            rows[key] = (method, path.split("?", 1)[0])
    return rows


def test_the_notes_table_lists_27_operations() -> None:
    assert len(documented_operations()) == 27


def test_the_catalogue_has_every_documented_operation_and_no_other() -> None:
    documented = documented_operations()
    ours = {op.key: (op.method, op.path) for op in catalogue.OPERATIONS}
    assert ours == documented


def test_keys_and_names_are_unique() -> None:
    assert len(catalogue.BY_KEY) == len(catalogue.OPERATIONS) == 27
    assert len(catalogue.BY_NAME) == 27


def test_only_creates_trainings_schedules_and_row_uploads_are_not_idempotent() -> None:
    not_idempotent = {op.key for op in catalogue.OPERATIONS if not op.idempotent}
    assert not_idempotent == {"S1", "S8", "S9", "S10", "D1", "C1"}
    # Every GET is idempotent, whatever else changes.
    assert all(op.idempotent for op in catalogue.OPERATIONS if op.method == "GET")


def test_what_each_operation_creates() -> None:
    creates = {op.key: op.creates for op in catalogue.OPERATIONS if op.creates}
    assert creates == {
        "S1": catalogue.Resource.SERVICE,
        "S8": catalogue.Resource.TRAINING,
        "S9": catalogue.Resource.TRAINING,
        "D1": catalogue.Resource.DATASET,
        "C1": catalogue.Resource.SCHEMA,
    }


def test_a_name_is_taken_only_where_names_are_given() -> None:
    with_duplicate = {op.key for op in catalogue.OPERATIONS if op.known_error("DUPLICATE_NAME")}
    assert with_duplicate == {"S1", "S4", "D1", "D4", "C1"}


@pytest.mark.parametrize("operation", catalogue.OPERATIONS, ids=lambda op: op.key)
def test_path_parameters_come_from_the_template(operation: catalogue.Operation) -> None:
    assert operation.path_params == tuple(re.findall(r"\{(\w+)\}", operation.path))
    # Bodies go with the methods that carry them.
    if operation.body is not None:
        assert operation.method in ("POST", "PUT")
        assert operation.body_model.__name__ == operation.body
    if operation.method in ("GET", "DELETE"):
        assert operation.body is None
    assert operation.response_model.__name__ == operation.response
    if operation.query is not None:
        assert operation.query_model.__name__ == operation.query


@pytest.mark.parametrize("operation", catalogue.OPERATIONS, ids=lambda op: op.key)
def test_every_operation_has_one_typed_function(operation: catalogue.Operation) -> None:
    api = AitemsApi(Engine("http://127.0.0.1:9/api/v1", "a", "s"))
    resource, verb = operation.name.split(".")
    function = getattr(getattr(api, resource), verb)
    assert callable(function)
    assert function.__doc__
    assert operation.key in function.__doc__
