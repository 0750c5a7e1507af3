"""What one row of the navigator holds, for services, datasets and schemas alike."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, NamedTuple


class Kind(StrEnum):
    SERVICES = "services"
    DATASETS = "datasets"
    SCHEMAS = "schemas"


class Row(NamedTuple):
    """One resource as listed: its id, what the columns show, and the summary it came from.

    A named tuple: a thousand of them are made at every refresh, and compared with the last.
    """

    kind: Kind
    id: str
    name: str
    status: str | None
    type: str | None
    #: The last change the service reported (or the creation, when that is all it reports).
    updated: str | None
    summary: Any = None


#: Statuses a list row passes through on its own; the workspace follows them until settled.
PASSING: dict[Kind, frozenset[str]] = {
    Kind.SERVICES: frozenset({"requestLearning", "learning", "scheduledLearning", "deleting"}),
    Kind.DATASETS: frozenset({"waiting", "processing", "deleting"}),
    Kind.SCHEMAS: frozenset(),
}


def is_passing(row: Row) -> bool:
    return row.status is not None and row.status in PASSING[row.kind]


def service_row(summary: Any, known_type: str | None = None) -> Row:
    """A row from a service summary (list) or a full service (get, create, edit)."""
    return Row(
        Kind.SERVICES,
        summary.service_id,
        summary.name,
        summary.status,
        getattr(summary, "type", None) or known_type,
        summary.updated_date or summary.created_date,
        summary,
    )


def dataset_row(summary: Any) -> Row:
    return Row(
        Kind.DATASETS,
        summary.dataset_id,
        summary.name or "",
        summary.status,
        summary.type,
        getattr(summary, "updated_date", None) or summary.created_date,
        summary,
    )


def schema_row(summary: Any) -> Row:
    # A schema is known by its name; it has no status.
    return Row(
        Kind.SCHEMAS,
        summary.name or "",
        summary.name or "",
        None,
        summary.dataset_type,
        summary.created_date,
        summary,
    )


def row_for(kind: Kind, obj: Any, known_type: str | None = None) -> Row:
    if kind is Kind.SERVICES:
        return service_row(obj, known_type)
    if kind is Kind.DATASETS:
        return dataset_row(obj)
    return schema_row(obj)
