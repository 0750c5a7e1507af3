"""``aitems services ...``: S1-S10, T1, T2, U1, I1."""

from __future__ import annotations

from typing import Any

from aitems_desktop.cli.commands._shared import (
    check_trainings,
    follow,
    hp_config,
    report_created,
    training_keys,
    training_state,
)
from aitems_desktop.cli.context import Context, Unsettled, UsageError
from aitems_desktop.cli.inputs import read_rows
from aitems_desktop.core import catalogue as c
from aitems_desktop.core import errors, usecases
from aitems_desktop.core.api import AitemsApi, build
from aitems_desktop.core.models import (
    CreateServiceRequest,
    ScheduleQuery,
    ScheduleRequest,
    Service,
    SetDatasetsRequest,
    SetIntervalRequest,
    TrainRequest,
    UpdateServiceRequest,
    UploadRowsRequest,
)
from aitems_desktop.core.rules import TRAINING_TYPES, ScheduleAction


def _path(ctx: Context) -> dict[str, str]:
    return {"serviceId": ctx.args.service_id}


def _call_and_show(ctx: Context, operation: c.Operation[Any], **parts: Any) -> None:
    result = ctx.call(operation, **parts)
    if result is not None:
        ctx.show(result)


def create(ctx: Context) -> None:
    a = ctx.args
    request = build(CreateServiceRequest, name=a.name, description=a.description, type=a.type)
    if ctx.dry_run:
        ctx.print_request(c.SERVICES_CREATE, body=request)
        return
    unsettled = Unsettled(
        sent=f"The service {a.name!r} may have been created. Check with 'aitems services "
        "list', or run the same command again: it finds the service instead of making a "
        "second one.",
        not_sent=f"Nothing was sent: the service {a.name!r} was not created.",
    )
    created = ctx.run(lambda api: usecases.create_service(api, request), unsettled=unsettled)
    report_created(ctx, "service", a.name, created, created.resource.service_id)
    ctx.show(created.resource)


def update(ctx: Context) -> None:
    a = ctx.args
    name, description = a.name, a.description
    if (name is None or description is None) and not ctx.dry_run:
        current = ctx.call(c.SERVICES_GET, path=_path(ctx))
        name = current.name if name is None else name
        description = (current.description or "") if description is None else description
    if ctx.dry_run and name is None:
        raise UsageError("--dry-run needs --name (the current one is not read).")
    request = build(UpdateServiceRequest, name=name, description=description or "")
    _call_and_show(ctx, c.SERVICES_UPDATE, path=_path(ctx), body=request)


def delete(ctx: Context) -> None:
    ctx.confirm(f"Delete service {ctx.args.service_id}?", assume_yes=ctx.args.yes)
    _call_and_show(ctx, c.SERVICES_DELETE, path=_path(ctx))


def attach(ctx: Context) -> None:
    a = ctx.args
    ids = (a.user, a.item, a.interaction)
    if ctx.dry_run:
        request = build(SetDatasetsRequest, datasetIds=ids)
        ctx.print_request(c.SERVICES_SET_DATASETS, path=_path(ctx), body=request)
        ctx.note("the command first reads the service, and refuses while it trains.")
        return
    service = ctx.run(
        lambda api: usecases.attach_datasets(
            api, a.service_id, user=a.user, item=a.item, interaction=a.interaction
        )
    )
    ctx.show(service)


def train(ctx: Context) -> None:
    a = ctx.args
    request = build(
        TrainRequest,
        types=a.types,
        description=a.description,
        hpConfig=hp_config(a.hpo, a.hp),
    )
    if ctx.dry_run:
        ctx.print_request(c.SERVICES_TRAIN, path=_path(ctx), body=request)
        ctx.note("the command first reads the service, and refuses a training it cannot start.")
        return
    service_id = a.service_id
    before: set[tuple[str | None, str | None]] = set()

    def start(api: AitemsApi) -> usecases.TrainingStarted:
        if a.wait:
            before.update(training_keys(api.services.trainings(service_id)))
        try:
            return usecases.request_training(api, service_id, request)
        except errors.OutcomeUnknownError as exc:
            exc.hint = (
                f"It may have started; look with 'aitems services trains {service_id} --recent' "
                "before you request it again."
            )
            raise

    started = ctx.run(
        start,
        unsettled=Unsettled(
            sent="The training may have started (a training cannot be stopped). Look with "
            f"'aitems services trains {service_id} --recent' before you request it again.",
            not_sent="Nothing was sent: no training was requested.",
        ),
    )
    if started.outcome is usecases.CreateOutcome.RECOVERED:
        ctx.note("the answer was lost, but the service shows the training started.")
    else:
        ctx.note(f"training requested: {', '.join(a.types)}")
    if not a.wait:
        ctx.show(started.service)
        return
    _wait_for_trainings(ctx, service_id, a.types, before)


def _wait_for_trainings(
    ctx: Context, service_id: str, types: list[str], before: set[tuple[str | None, str | None]]
) -> None:
    a = ctx.args
    unsettled = Unsettled(
        sent="Stopped following; the training goes on at the service. Follow it with "
        f"'aitems services trains {service_id} --recent'.",
        not_sent="Stopped following; the training goes on at the service.",
    )

    def wait(api: AitemsApi) -> tuple[Service, Any]:
        trainings = follow(
            ctx,
            api,
            lambda: api.services.trainings(service_id),
            training_state(types, before),
            label=f"training {service_id}",
            timeout=a.timeout,
            first_poll=a.poll,
        )
        return api.services.get(service_id), trainings

    service, trainings = ctx.run(wait, unsettled=unsettled)
    ctx.show(service)
    check_trainings(trainings, types, before)


def schedule(ctx: Context) -> None:
    a = ctx.args
    action = ScheduleAction(a.action)
    types = a.types
    if not types:
        if action is ScheduleAction.START:
            raise UsageError("schedule start needs at least one --type.")
        types = list(TRAINING_TYPES)
    request = build(
        ScheduleRequest,
        trainTypes=types,
        description=a.description,
        hpConfig=hp_config(a.hpo, a.hp),
    )
    if ctx.dry_run:
        query = build(ScheduleQuery, action=action)
        ctx.print_request(c.SERVICES_SCHEDULE, path=_path(ctx), query=query, body=request)
        ctx.note("the command first reads the service, and refuses what it cannot do now.")
        return
    service_id = a.service_id
    before: set[tuple[str | None, str | None]] = set()
    wait = a.wait and action is ScheduleAction.START

    def change(api: AitemsApi) -> usecases.TrainingStarted:
        if wait:
            before.update(training_keys(api.services.trainings(service_id)))
        return usecases.set_schedule(api, service_id, action, request)

    started = ctx.run(
        change,
        unsettled=Unsettled(
            sent=f"Periodic training may have been {'started' if wait else a.action + 'ped'}"
            f". Look with 'aitems services get {service_id}' before you run this again.",
            not_sent="Nothing was sent: the schedule did not change.",
        ),
    )
    ctx.note(f"periodic training {'started' if action is ScheduleAction.START else 'stopped'}")
    if not wait:
        if a.wait:
            ctx.note("--wait follows a start only; nothing to follow after a stop.")
        ctx.show(started.service)
        return
    _wait_for_trainings(ctx, service_id, types, before)


def interval(ctx: Context) -> None:
    request = build(SetIntervalRequest, term=ctx.args.term)
    _call_and_show(ctx, c.SERVICES_SET_INTERVAL, path=_path(ctx), body=request)


def upload_rows(ctx: Context) -> None:
    a = ctx.args
    rows = read_rows(ctx, a.file)
    request = build(UploadRowsRequest, type=a.type, value=rows)
    path = {"serviceId": a.service_id, "datasetId": a.dataset_id}
    unsettled = Unsettled(
        sent="The rows may have been added. Do not send them again blindly: they would be "
        "added twice.",
        not_sent="Nothing was sent: no rows were added.",
    )
    result = ctx.call(c.SERVICES_UPLOAD_ROWS, path=path, body=request, unsettled=unsettled)
    if result is not None:
        ctx.note(f"uploaded {len(rows)} row{'s' if len(rows) != 1 else ''}")
        ctx.show(result)
