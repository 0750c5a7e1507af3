"""``aitems datasets ...``: D1-D6."""

from __future__ import annotations

from typing import Any

from aitems_desktop.cli.commands._shared import follow, report_created
from aitems_desktop.cli.context import CommandError, Context, Unsettled, UsageError
from aitems_desktop.cli.exitcodes import ExitCode
from aitems_desktop.core import catalogue as c
from aitems_desktop.core import usecases
from aitems_desktop.core.api import AitemsApi, build
from aitems_desktop.core.models import (
    CreateDatasetRequest,
    Dataset,
    DescriptionRequest,
    UpdateDatasetRequest,
)
from aitems_desktop.core.rules import DATASET_PASSING_STATES, DatasetStatus

#: Final dataset states that mean the file could not be used ("업로드 실패" in the docs).
_FAILED: tuple[str, ...] = (DatasetStatus.UPLOAD_FAILED, DatasetStatus.DISABLE)


def _path(ctx: Context) -> dict[str, str]:
    return {"datasetId": ctx.args.dataset_id}


def _call_and_show(ctx: Context, operation: c.Operation[Any], **parts: Any) -> None:
    result = ctx.call(operation, **parts)
    if result is not None:
        ctx.show(result)


def create(ctx: Context) -> None:
    a = ctx.args
    request = build(
        CreateDatasetRequest,
        type=a.type,
        name=a.name,
        description=a.description,
        schemaName=a.schema,
        osInfo={"region": a.region, "bucket": a.bucket, "key": a.key},
    )
    if ctx.dry_run:
        ctx.print_request(c.DATASETS_CREATE, body=request)
        return
    unsettled = Unsettled(
        sent=f"The dataset {a.name!r} may have been created. Check with 'aitems datasets "
        "list', or run the same command again: it finds the dataset instead of making a "
        "second one.",
        not_sent=f"Nothing was sent: the dataset {a.name!r} was not created.",
    )
    created = ctx.run(lambda api: usecases.create_dataset(api, request), unsettled=unsettled)
    dataset = created.resource
    report_created(ctx, "dataset", a.name, created, dataset.dataset_id)
    if a.wait:
        dataset = _wait(ctx, dataset)
    ctx.show(dataset)
    if a.wait and dataset.status in _FAILED:
        raise CommandError(
            ExitCode.API_ERROR,
            f"The dataset {a.name!r} could not be processed (status {dataset.status}).",
            "Check that the file exists, is csv or csv.gz, and matches the schema in column "
            "names, order and case; then 'aitems datasets update' it.",
        )


def _wait(ctx: Context, dataset: Dataset) -> Dataset:
    dataset_id = dataset.dataset_id

    def state(current: Dataset) -> tuple[bool, str]:
        status = current.status
        return status is not None and status not in DATASET_PASSING_STATES, status or "unknown"

    def wait(api: AitemsApi) -> Dataset:
        return follow(
            ctx,
            api,
            lambda: api.datasets.get(dataset_id),
            state,
            label=f"dataset {dataset_id}",
            timeout=ctx.args.timeout,
            first_poll=ctx.args.poll,
        )

    message = (
        "Stopped following; the dataset is still being processed at the service. Look "
        f"with 'aitems datasets get {dataset_id}'."
    )
    return ctx.run(wait, unsettled=Unsettled(sent=message, not_sent=message))


def update(ctx: Context) -> None:
    a = ctx.args
    given = {
        "type": a.type,
        "name": a.name,
        "schemaName": a.schema,
        "description": a.description,
    }
    location = {"region": a.region, "bucket": a.bucket, "key": a.key}
    if None in given.values() or None in location.values():
        if ctx.dry_run:
            raise UsageError(
                "--dry-run needs every field (--name --type --schema --bucket --key --region "
                "--description): the current ones are not read."
            )
        current: Dataset = ctx.call(c.DATASETS_GET, path=_path(ctx))
        os_info = current.os_info
        found = {
            "type": current.type,
            "name": current.name,
            "schemaName": current.schema_name,
            "description": current.description,
        }
        given = {k: found[k] if v is None else v for k, v in given.items()}
        found_location = {
            "region": os_info.region if os_info else None,
            "bucket": os_info.bucket if os_info else None,
            "key": os_info.key if os_info else None,
        }
        location = {k: found_location[k] if v is None else v for k, v in location.items()}
    values: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
    values["osInfo"] = {k: v for k, v in location.items() if v is not None}
    request = build(UpdateDatasetRequest, **values)
    _call_and_show(ctx, c.DATASETS_UPDATE, path=_path(ctx), body=request)


def describe(ctx: Context) -> None:
    body = build(DescriptionRequest, content=ctx.args.description)
    _call_and_show(ctx, c.DATASETS_SET_DESCRIPTION, path=_path(ctx), body=body)


def delete(ctx: Context) -> None:
    ctx.confirm(f"Delete dataset {ctx.args.dataset_id}?", assume_yes=ctx.args.yes)
    _call_and_show(ctx, c.DATASETS_DELETE, path=_path(ctx))
