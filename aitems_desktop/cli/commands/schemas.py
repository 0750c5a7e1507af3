"""``aitems schemas ...``: C1-C7."""

from __future__ import annotations

from typing import Any, Final

from aitems_desktop.cli.commands._shared import report_created
from aitems_desktop.cli.context import Context, Unsettled, UsageError
from aitems_desktop.cli.inputs import read_json
from aitems_desktop.core import catalogue as c
from aitems_desktop.core import usecases
from aitems_desktop.core.api import build
from aitems_desktop.core.models import (
    CreateSchemaRequest,
    DescriptionRequest,
    ValidateSchemaRequest,
)
from aitems_desktop.core.models.base import RequestModel

#: What a schema read from the service carries but a create does not take: a file made with
#: ``schemas get -o json`` or ``schemas default -o json`` can be edited and sent back.
_RESPONSE_ONLY: Final = ("createdDate", "updatedDate", "actionName", "permission")
_FIELD_KEYS: Final = ("name", "type", "categorical")


def _call_and_show(ctx: Context, operation: c.Operation[Any], **parts: Any) -> None:
    result = ctx.call(operation, **parts)
    if result is not None:
        ctx.show(result)


def _schema_values(ctx: Context) -> dict[str, Any]:
    a = ctx.args
    data = read_json(ctx, a.file)
    if not isinstance(data, dict):
        raise UsageError(f"{a.file} must hold a JSON object (datasetType, name, fields).")
    values = {k: v for k, v in data.items() if k not in _RESPONSE_ONLY}
    fields = values.get("fields")
    if isinstance(fields, list):
        values["fields"] = [
            {k: v for k, v in f.items() if k in _FIELD_KEYS and v is not None}
            if isinstance(f, dict)
            else f
            for f in fields
        ]
    for key, given in (("name", a.name), ("datasetType", a.type), ("description", a.description)):
        if given is not None:
            values[key] = given
    if values.get("description") is None:
        values.pop("description", None)
    return values


def _request(ctx: Context, model: type[RequestModel]) -> Any:
    return build(model, **_schema_values(ctx))


def create(ctx: Context) -> None:
    request: CreateSchemaRequest = _request(ctx, CreateSchemaRequest)
    if ctx.dry_run:
        ctx.print_request(c.SCHEMAS_CREATE, body=request)
        return
    name = request.name
    unsettled = Unsettled(
        sent=f"The schema {name!r} may have been created. Check with 'aitems schemas get "
        f"{name}', or run the same command again: it finds the schema instead of failing.",
        not_sent=f"Nothing was sent: the schema {name!r} was not created.",
    )
    created = ctx.run(lambda api: usecases.create_schema(api, request), unsettled=unsettled)
    report_created(ctx, "schema", name, created, name)
    ctx.show(created.resource)


def check(ctx: Context) -> None:
    request: ValidateSchemaRequest = _request(ctx, ValidateSchemaRequest)
    result = ctx.call(c.SCHEMAS_VALIDATE, body=request)
    if result is not None:
        ctx.note(f"the service accepted the schema {request.name!r} (nothing was stored)")
        ctx.show(result)


def describe(ctx: Context) -> None:
    body = build(DescriptionRequest, content=ctx.args.description)
    _call_and_show(ctx, c.SCHEMAS_SET_DESCRIPTION, path={"schemaName": ctx.args.name}, body=body)


def delete(ctx: Context) -> None:
    ctx.confirm(f"Delete schema {ctx.args.name}?", assume_yes=ctx.args.yes)
    _call_and_show(ctx, c.SCHEMAS_DELETE, path={"schemaName": ctx.args.name})
