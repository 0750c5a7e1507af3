"""The reads whose output is the API's own JSON: lists, gets, trainings, updates, lookups.

They go through :meth:`Context.call_json`, which returns the answer as the server sent it,
so nothing here loads the response models or pydantic (the largest part of a command's
start-up). Their inputs are checked without the query models: choices and number ranges by
the argument parser (``spec.py``), empty values here, ids by the engine (one path segment,
never empty, ``.`` or ``..``); every refusal is a usage error, before anything is sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aitems_desktop.cli.context import Context, UsageError
from aitems_desktop.core import catalogue as c

if TYPE_CHECKING:
    from aitems_desktop.core.engine import QueryValues


def _show(
    ctx: Context,
    operation: c.Operation[Any],
    *,
    kind: str | None = None,
    path: dict[str, str] | None = None,
    query: QueryValues | None = None,
) -> None:
    answer = ctx.call_json(operation, path=path, query=query)
    if not ctx.dry_run:
        ctx.show(answer, kind=kind)


def _not_empty(value: str, option: str) -> str:
    if not value:
        raise UsageError(f"{option} is empty.")
    return value


def _page(ctx: Context) -> dict[str, str | int | bool | None]:
    return {"offset": ctx.args.offset, "limit": ctx.args.limit}


# --- services, trainings, updates, results ------------------------------------------------


def services_list(ctx: Context) -> None:
    _show(ctx, c.SERVICES_LIST, kind="services", query=_page(ctx))


def services_get(ctx: Context) -> None:
    _show(ctx, c.SERVICES_GET, path={"serviceId": ctx.args.service_id})


def trains(ctx: Context) -> None:
    query: QueryValues = {"isRecent": True if ctx.args.recent else None}
    _show(
        ctx, c.TRAININGS_LIST, kind="trains", path={"serviceId": ctx.args.service_id}, query=query
    )


def training(ctx: Context) -> None:
    a = ctx.args
    path = {"serviceId": a.service_id, "trainType": a.train_type, "version": a.version}
    _show(ctx, c.TRAININGS_GET, path=path)


def updates(ctx: Context) -> None:
    a = ctx.args
    query: QueryValues = {
        "type": a.train_type,
        "trainVersion": _not_empty(a.train_version, "--version"),
    }
    _show(ctx, c.UPDATES_LIST, kind="updates", path={"serviceId": a.service_id}, query=query)


def lookup(ctx: Context) -> None:
    a = ctx.args
    query: QueryValues = {"type": a.train_type, "targetId": _not_empty(a.target, "--target")}
    _show(ctx, c.RESULTS_LOOKUP, kind="lookup", path={"serviceId": a.service_id}, query=query)


# --- datasets and schemas -------------------------------------------------------------------


def datasets_list(ctx: Context) -> None:
    _show(ctx, c.DATASETS_LIST, kind="datasets", query=_page(ctx))


def datasets_get(ctx: Context) -> None:
    _show(ctx, c.DATASETS_GET, path={"datasetId": ctx.args.dataset_id})


def schemas_list(ctx: Context) -> None:
    query: QueryValues = {"datasetType": ctx.args.type, **_page(ctx)}
    _show(ctx, c.SCHEMAS_LIST, kind="schemas", query=query)


def schemas_get(ctx: Context) -> None:
    _show(ctx, c.SCHEMAS_GET, path={"schemaName": ctx.args.name})


def schemas_default(ctx: Context) -> None:
    _show(ctx, c.SCHEMAS_DEFAULT, query={"datasetType": ctx.args.type})
