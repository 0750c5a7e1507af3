"""Workflows of more than one call, shared by the window and the command-line tool (Qt-free).

One intention gives one resource. A create (service, dataset, schema) or a training request is
sent once. When it fails in a way that leaves its fate unclear (the connection dropped, the
answer took too long or could not be read, the gateway said 503 or 504, or anything else went
wrong after the request left), the workflow looks for the result before it says anything:

- it compares every field that was sent (a resource that merely shares the name is another
  person's, not ours);
- it pages through lists with a cap and stops when a server repeats a page;
- a 503 or 504 means the backend may still finish: it keeps looking for a bounded time before
  it concludes that nothing was created;
- all its looking together, every call included, ends within ``RecoveryPolicy.total_seconds``
  (60 s), however slowly the server answers the looks;
- when looking itself fails, it says so (:class:`errors.OutcomeUnknownError`) instead of
  guessing, and sending the same create again is safe: a duplicate name whose fields all match
  is found and returned, not reported as a failure.

A training is refused before anything is sent when the service cannot train (no datasets, a
training already running, an interval service), and is never sent twice for one intention.
Unlike a create, a training request that failed unclearly and shows no sign yet is not
"nothing started": the service may take it up later, so its outcome is unknown.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

from aitems_desktop.core import errors
from aitems_desktop.core.api import AitemsApi
from aitems_desktop.core.i18n import QT_TRANSLATE_NOOP
from aitems_desktop.core.models import (
    CreateDatasetRequest,
    CreateSchemaRequest,
    CreateServiceRequest,
    Dataset,
    ScheduleRequest,
    Schema,
    Service,
    SetDatasetsRequest,
    Training,
    TrainRequest,
)
from aitems_desktop.core.rules import (
    DEFAULT_PAGE_LIMIT,
    SERVICE_PASSING_STATES,
    SERVICE_STATES_DATASETS_LOCKED,
    SERVICE_STATES_TRAINABLE,
    ScheduleAction,
    ServiceStatus,
    ServiceType,
)

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class RecoveryPolicy:
    """How long and how hard to look after an unclear failure."""

    #: After a 503 or 504 (the backend may still finish): keep looking this long.
    settle_seconds: float = 20.0
    #: After any other unclear failure: keep looking this long.
    quick_settle_seconds: float = 4.0
    #: First pause between looks; it grows by half each time, up to ``max_interval``.
    interval: float = 1.0
    max_interval: float = 5.0
    #: Pages of a list read at most per look, and the time one look may take in all.
    max_pages: int = 20
    lookup_seconds: float = 30.0
    #: All the looking after one unclear failure, the calls it makes included, ends within
    #: this: it bounds how long a command can go on after its request failed.
    total_seconds: float = 60.0


DEFAULT_POLICY = RecoveryPolicy()


class CreateOutcome(StrEnum):
    #: The server answered the create with success.
    CREATED = "created"
    #: The create failed unclearly, and a resource with every field sent was found after.
    RECOVERED = "recovered"
    #: The name was taken by a resource with every field sent: an earlier attempt made it.
    ALREADY_EXISTED = "already_existed"


@dataclass(frozen=True)
class Created(Generic[T]):
    """The resource a create gave, and how we know it is ours."""

    resource: T
    outcome: CreateOutcome
    #: The unclear failure it was recovered from (RECOVERED) or the duplicate (ALREADY_EXISTED).
    cause: errors.AitemsError | None = None


# --- unclear failures ------------------------------------------------------------------------


#: Defined with the errors, so the command-line tool's engine needs no use case to ask it.
is_unclear = errors.is_unclear


def _backend_may_finish(error: errors.AitemsError) -> bool:
    return error.http_status in (503, 504)


def _looks(api: AitemsApi, policy: RecoveryPolicy, error: errors.AitemsError) -> Iterator[None]:
    """Yield once per look, pausing between looks, until the settle time is over.

    The pauses end at once when the API is cancelled (CancelledError: the request may have
    been carried out).
    """
    settle = policy.settle_seconds if _backend_may_finish(error) else policy.quick_settle_seconds
    left = api.engine.time_left()
    if left is not None:
        settle = min(settle, left)
    generation = api.engine.generation
    end = time.monotonic() + settle
    interval = policy.interval
    while True:
        yield
        remaining = end - time.monotonic()
        if remaining <= 0:
            return
        api.engine.pause(min(interval, remaining), generation)
        interval = min(policy.max_interval, interval * 1.5)


# --- paging ---------------------------------------------------------------------------------


def iter_pages(
    fetch: Callable[[int, int], Sequence[T]],
    *,
    key: Callable[[T], Any],
    page_size: int = DEFAULT_PAGE_LIMIT,
    max_pages: int,
    deadline: float | None = None,
) -> Iterator[T]:
    """Every item of a paged list, fetched ``page_size`` at a time.

    Stops at a short page, after ``max_pages`` pages, when ``deadline`` (a ``time.monotonic``
    value) passes, or when a page brings nothing new (a server that ignores ``offset`` would
    otherwise be asked forever).
    """
    seen: set[Any] = set()
    offset = 0
    for _ in range(max_pages):
        if deadline is not None and time.monotonic() > deadline:
            raise errors.NetworkError(
                QT_TRANSLATE_NOOP("aitems", "Reading the list took too long, so it was stopped."),
                may_have_reached_server=True,
            )
        page = fetch(offset, page_size)
        new = [item for item in page if key(item) not in seen]
        yield from new
        seen.update(key(item) for item in new)
        if len(page) < page_size or not new:
            return
        offset += page_size


def find_service(
    api: AitemsApi, name: str, *, policy: RecoveryPolicy = DEFAULT_POLICY
) -> Service | None:
    """The service named ``name`` (read in full), or None when there is none."""
    deadline = time.monotonic() + policy.lookup_seconds
    pages = iter_pages(
        lambda offset, limit: api.services.list(offset=offset, limit=limit).services,
        key=lambda s: s.service_id,
        max_pages=policy.max_pages,
        deadline=deadline,
    )
    for summary in pages:
        if summary.name == name:
            return api.services.get(summary.service_id)
    return None


def find_dataset(
    api: AitemsApi, name: str, *, policy: RecoveryPolicy = DEFAULT_POLICY
) -> Dataset | None:
    """The dataset named ``name`` (read in full), or None when there is none."""
    deadline = time.monotonic() + policy.lookup_seconds
    pages = iter_pages(
        lambda offset, limit: api.datasets.list(offset=offset, limit=limit).datasets,
        key=lambda d: d.dataset_id,
        max_pages=policy.max_pages,
        deadline=deadline,
    )
    for summary in pages:
        if summary.name == name:
            return api.datasets.get(summary.dataset_id)
    return None


def find_schema(api: AitemsApi, name: str) -> Schema | None:
    """The schema named ``name``, or None when there is none (schemas are read by name)."""
    try:
        return api.schemas.get(name)
    except errors.NotFoundError:
        return None


# --- matching: is the found resource the one we asked for? --------------------------------


def _same_text(sent: str | None, found: str | None) -> bool:
    return (sent or "") == (found or "")


def service_matches(request: CreateServiceRequest, service: Service) -> bool:
    """True when ``service`` has every field ``request`` sent (a missing type reads as batch)."""
    found_type = service.type or ServiceType.BATCH
    return (
        service.name == request.name
        and _same_text(request.description, service.description)
        and found_type == request.type
    )


def dataset_matches(request: CreateDatasetRequest, dataset: Dataset) -> bool:
    """True when ``dataset`` has every field ``request`` sent."""
    os_info = dataset.os_info
    return (
        dataset.name == request.name
        and dataset.type == request.type
        and _same_text(request.description, dataset.description)
        and dataset.schema_name == request.schema_name
        and os_info is not None
        and (os_info.region, os_info.bucket, os_info.key)
        == (request.os_info.region, request.os_info.bucket, request.os_info.key)
    )


def schema_matches(request: CreateSchemaRequest, schema: Schema) -> bool:
    """True when ``schema`` has every field ``request`` sent, in the same order."""
    sent = [(f.name, list(f.type), f.categorical) for f in request.fields]
    found = [(f.name, list(f.type), bool(f.categorical)) for f in schema.fields]
    return (
        schema.name == request.name
        and schema.dataset_type == request.dataset_type
        and _same_text(request.description, schema.description)
        and sent == found
    )


# --- creates ---------------------------------------------------------------------------------


def _create(
    api: AitemsApi,
    send: Callable[[], T],
    look: Callable[[], T | None],
    matches: Callable[[T], bool],
    *,
    name: str,
    policy: RecoveryPolicy,
) -> Created[T]:
    try:
        return Created(send(), CreateOutcome.CREATED)
    except errors.DuplicateNameError as exc:
        exc.name = exc.name or name
        try:
            existing = look()
        except errors.AitemsError:
            raise exc from None
        if existing is not None and matches(existing):
            return Created(existing, CreateOutcome.ALREADY_EXISTED, exc)
        exc.existing = existing
        raise
    except errors.CancelledError:
        # The person stopped waiting: looking for the service would be waiting on, with a
        # cancel that no longer reaches the lookups. Whoever cancelled says what to check.
        raise
    except errors.AitemsError as exc:
        if not is_unclear(exc):
            raise
        return _recover(api, exc, look, matches, name=name, policy=policy)


def _recover(
    api: AitemsApi,
    cause: errors.AitemsError,
    look: Callable[[], T | None],
    matches: Callable[[T], bool],
    *,
    name: str,
    policy: RecoveryPolicy,
) -> Created[T]:
    log.info("the create of %r failed unclearly (%s); looking for it", name, type(cause).__name__)
    lookup_error: errors.AitemsError | None = None
    other: T | None = None
    with api.engine.bounded(policy.total_seconds):
        for _ in _looks(api, policy, cause):
            try:
                found = look()
            except errors.AitemsError as exc:
                lookup_error = exc
                continue
            lookup_error = None
            if found is not None and matches(found):
                return Created(found, CreateOutcome.RECOVERED, cause)
            other = found
    if lookup_error is not None:
        raise errors.OutcomeUnknownError(
            f"It is not known whether {name!r} was created: the request failed unclearly and "
            "looking for it failed too.",
            cause=cause,
            lookup_error=lookup_error,
        ) from None
    if other is not None:
        duplicate = errors.DuplicateNameError(
            f"{name!r} was not created: something else already has that name.",
            name=name,
            existing=other,
            http_status=cause.http_status,
        )
        duplicate.nothing_created = True
        raise duplicate from None
    cause.nothing_created = True
    raise cause


def create_service(
    api: AitemsApi, request: CreateServiceRequest, *, policy: RecoveryPolicy = DEFAULT_POLICY
) -> Created[Service]:
    """Create a service once, and find out what happened if the answer is unclear."""
    return _create(
        api,
        lambda: api.services.create(request),
        lambda: find_service(api, request.name, policy=policy),
        lambda s: service_matches(request, s),
        name=request.name,
        policy=policy,
    )


def create_dataset(
    api: AitemsApi, request: CreateDatasetRequest, *, policy: RecoveryPolicy = DEFAULT_POLICY
) -> Created[Dataset]:
    """Create a dataset once, and find out what happened if the answer is unclear."""
    return _create(
        api,
        lambda: api.datasets.create(request),
        lambda: find_dataset(api, request.name, policy=policy),
        lambda d: dataset_matches(request, d),
        name=request.name,
        policy=policy,
    )


def create_schema(
    api: AitemsApi, request: CreateSchemaRequest, *, policy: RecoveryPolicy = DEFAULT_POLICY
) -> Created[Schema]:
    """Create a schema once, and find out what happened if the answer is unclear."""
    return _create(
        api,
        lambda: api.schemas.create(request),
        lambda: find_schema(api, request.name),
        lambda s: schema_matches(request, s),
        name=request.name,
        policy=policy,
    )


# --- datasets of a service ---------------------------------------------------------------------


def check_datasets_changeable(service: Service) -> None:
    """Refuse (ActionRefusedError ``datasets_locked``) while the service trains or is scheduled."""
    if service.status in SERVICE_STATES_DATASETS_LOCKED:
        raise errors.ActionRefusedError(
            f"The datasets of {service.name!r} cannot change while it is {service.status}.",
            reason="datasets_locked",
            hint=QT_TRANSLATE_NOOP(
                "aitems", "Wait until the training ends (or stop the schedule), then try again."
            ),
        )


def attach_datasets(
    api: AitemsApi, service_id: str, *, user: str, item: str, interaction: str
) -> Service:
    """Give a service its three datasets, after checking that it may change them now."""
    request = SetDatasetsRequest(dataset_ids=(user, item, interaction))
    check_datasets_changeable(api.services.get(service_id))
    return api.services.set_datasets(service_id, request)


# --- trainings --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingStarted:
    """A training request that the service took (or, after an unclear failure, began)."""

    service: Service
    outcome: CreateOutcome
    cause: errors.AitemsError | None = None
    #: Trainings that appeared because of this request (known when it was recovered).
    new_trainings: tuple[Training, ...] = field(default=())


def check_trainable(service: Service) -> None:
    """Refuse, with the reason, a batch training the service cannot start now."""
    name = service.name
    if service.type is not None and service.type != ServiceType.BATCH:
        raise errors.ActionRefusedError(
            f"{name!r} is an interval service: it trains on its schedule, not on request.",
            reason="wrong_service_type",
            hint=QT_TRANSLATE_NOOP("aitems", "Start periodic training instead."),
        )
    if not service.datasets or service.status == ServiceStatus.DATASET_REQUIRED:
        raise errors.ActionRefusedError(
            f"{name!r} has no datasets yet, so it cannot train.",
            reason="no_datasets",
            hint=QT_TRANSLATE_NOOP(
                "aitems", "Attach one user, one item and one interaction dataset first."
            ),
        )
    if service.status in SERVICE_PASSING_STATES or service.status in (ServiceStatus.SCHEDULED,):
        raise errors.ActionRefusedError(
            f"{name!r} is {service.status}: a training is already requested or running.",
            reason="already_learning",
            hint=QT_TRANSLATE_NOOP(
                "aitems", "Wait for it to end; a training cannot be stopped once it has started."
            ),
        )
    if service.status not in SERVICE_STATES_TRAINABLE:
        raise errors.ActionRefusedError(
            f"{name!r} is {service.status}, not ready to train.",
            reason="not_trainable",
        )


#: What to do when a training request's outcome is unknown: look, never send blindly.
TRAINING_UNKNOWN_HINT = QT_TRANSLATE_NOOP(
    "aitems",
    "It may have started. Do not request it again blindly: look at the service's recent "
    "trainings in a minute, and request it again only if none appeared.",
)


def _training_key(t: Training) -> tuple[str | None, str | None]:
    return (t.type, t.version)


def request_training(
    api: AitemsApi,
    service_id: str,
    request: TrainRequest,
    *,
    policy: RecoveryPolicy = DEFAULT_POLICY,
) -> TrainingStarted:
    """Request one batch training, never twice, and find out what happened if unclear."""
    service = api.services.get(service_id)
    check_trainable(service)
    before = {_training_key(t) for t in api.services.trainings(service_id).trains}
    try:
        return TrainingStarted(api.services.train(service_id, request), CreateOutcome.CREATED)
    except errors.AitemsError as exc:
        if not is_unclear(exc):
            raise
        cause = exc
    wanted = {str(t) for t in request.types}
    lookup_error: errors.AitemsError | None = None
    with api.engine.bounded(policy.total_seconds):
        for _ in _looks(api, policy, cause):
            try:
                now = api.services.get(service_id)
                trainings = api.services.trainings(service_id).trains
            except errors.AitemsError as exc:
                lookup_error = exc
                continue
            lookup_error = None
            new = tuple(
                t for t in trainings if _training_key(t) not in before and (t.type or "") in wanted
            )
            if new or now.status in SERVICE_PASSING_STATES:
                return TrainingStarted(now, CreateOutcome.RECOVERED, cause, new)
    # No sign of it, but a request that may have reached the service may still be taken up
    # (the service queues trainings): saying "nothing started" would invite a second one.
    message = (
        QT_TRANSLATE_NOOP(
            "aitems",
            "It is not known whether the training started: the request failed unclearly and "
            "looking at the service failed too.",
        )
        if lookup_error is not None
        else QT_TRANSLATE_NOOP(
            "aitems",
            "It is not known whether the training started: the request failed unclearly, and "
            "the service shows no sign of it yet, but it may still start.",
        )
    )
    raise errors.OutcomeUnknownError(
        message,
        cause=cause,
        lookup_error=lookup_error,
        hint=TRAINING_UNKNOWN_HINT,
    ) from None


def check_schedulable(service: Service, action: ScheduleAction | str) -> None:
    """Refuse periodic training the service cannot start or stop now."""
    action = ScheduleAction(action)
    name = service.name
    if service.type is not None and service.type != ServiceType.INTERVAL:
        raise errors.ActionRefusedError(
            f"{name!r} is a batch service: it trains on request, not on a schedule.",
            reason="wrong_service_type",
            hint=QT_TRANSLATE_NOOP("aitems", "Request a training instead."),
        )
    if action is ScheduleAction.START:
        if not service.datasets or service.status == ServiceStatus.DATASET_REQUIRED:
            raise errors.ActionRefusedError(
                f"{name!r} has no datasets yet, so it cannot train.",
                reason="no_datasets",
                hint=QT_TRANSLATE_NOOP(
                    "aitems", "Attach one user, one item and one interaction dataset first."
                ),
            )
        if service.status in (ServiceStatus.SCHEDULED, ServiceStatus.SCHEDULED_LEARNING):
            raise errors.ActionRefusedError(
                f"Periodic training of {name!r} is already on.",
                reason="already_scheduled",
            )


def set_schedule(
    api: AitemsApi,
    service_id: str,
    action: ScheduleAction | str,
    request: ScheduleRequest,
    *,
    policy: RecoveryPolicy = DEFAULT_POLICY,
) -> TrainingStarted:
    """Start or stop periodic training once; after an unclear failure, look at the status."""
    action = ScheduleAction(action)
    service = api.services.get(service_id)
    check_schedulable(service, action)
    try:
        return TrainingStarted(
            api.services.schedule(service_id, action, request), CreateOutcome.CREATED
        )
    except errors.AitemsError as exc:
        if not is_unclear(exc):
            raise
        cause = exc
    scheduled = {ServiceStatus.SCHEDULED, ServiceStatus.SCHEDULED_LEARNING}
    lookup_error: errors.AitemsError | None = None
    with api.engine.bounded(policy.total_seconds):
        for _ in _looks(api, policy, cause):
            try:
                now = api.services.get(service_id)
            except errors.AitemsError as exc:
                lookup_error = exc
                continue
            lookup_error = None
            if (now.status in scheduled) == (action is ScheduleAction.START):
                return TrainingStarted(now, CreateOutcome.RECOVERED, cause)
    if lookup_error is not None:
        raise errors.OutcomeUnknownError(
            QT_TRANSLATE_NOOP(
                "aitems",
                "It is not known whether the schedule changed: the request failed unclearly and "
                "looking at the service failed too.",
            ),
            cause=cause,
            lookup_error=lookup_error,
        ) from None
    cause.nothing_created = True
    raise cause


# --- following a status ----------------------------------------------------------------------


def poll_delays(first: float = 5.0, factor: float = 1.5, longest: float = 60.0) -> Iterator[float]:
    """Pauses between looks at a resource in a passing state: 5 s growing to 60 s."""
    delay = first
    while True:
        yield delay
        delay = min(longest, delay * factor)


def wait_until(
    read: Callable[[], T],
    settled: Callable[[T], bool],
    *,
    timeout: float,
    delays: Iterator[float] | None = None,
    api: AitemsApi | None = None,
    on_read: Callable[[T], None] | None = None,
) -> T:
    """Read a resource until ``settled`` says it is; raise StillRunningError after ``timeout``.

    With ``api``, cancelling it ends the wait at once (CancelledError); ``on_read`` sees every
    read, for a progress line.
    """
    generation = api.engine.generation if api is not None else 0
    end = time.monotonic() + timeout
    pauses = delays or poll_delays()
    while True:
        value = read()
        if on_read is not None:
            on_read(value)
        if settled(value):
            return value
        remaining = end - time.monotonic()
        if remaining <= 0:
            raise errors.StillRunningError(
                f"It had not finished after {timeout:g} seconds.", last=value
            )
        pause = min(next(pauses), remaining)
        if api is not None:
            api.engine.pause(pause, generation, sent=False)
        else:
            time.sleep(pause)
