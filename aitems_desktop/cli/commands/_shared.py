"""What several command groups share: HPO options, create outcomes and following a status with
``--wait`` (reading JSON inputs is :mod:`aitems_desktop.cli.inputs`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from aitems_desktop.cli.context import CommandError, Context, UsageError
from aitems_desktop.cli.exitcodes import ExitCode
from aitems_desktop.core.api import AitemsApi
from aitems_desktop.core.models import TrainingList
from aitems_desktop.core.rules import TRAIN_FAILED_STATES, TRAIN_PASSING_STATES
from aitems_desktop.core.usecases import Created, CreateOutcome, poll_delays, wait_until

T = TypeVar("T")


def hp_config(enabled: bool, options: Iterable[str]) -> dict[str, Any]:
    """``--hpo`` and ``--hp KEY=VALUE`` as the ``hpConfig`` a training request takes."""
    values: dict[str, int] = {}
    for item in options:
        key, sep, text = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(f"--hp {item!r}: expected KEY=VALUE, e.g. item_top_n=20000.")
        try:
            values[key] = int(text.replace("_", "").replace(",", ""))
        except ValueError:
            raise UsageError(f"--hp {item!r}: the value must be a whole number.") from None
    return {"is_enabled": enabled, "options": values}


def report_created(ctx: Context, what: str, name: str, created: Created[Any], ident: str) -> None:
    """Say on stderr how we know the resource is ours."""
    if created.outcome is CreateOutcome.ALREADY_EXISTED:
        ctx.note(
            f"{what} {name!r} already existed ({ident}) with the same fields; nothing new "
            "was created."
        )
    elif created.outcome is CreateOutcome.RECOVERED:
        cause = created.cause.message if created.cause is not None else "an unclear failure"
        ctx.note(
            f"created {what} {name!r} ({ident}). The answer was lost ({cause}); it was "
            "found by name afterwards."
        )
    else:
        ctx.note(f"created {what} {name!r} ({ident})")


def follow(
    ctx: Context,
    api: AitemsApi,
    read: Callable[[], T],
    state: Callable[[T], tuple[bool, str]],
    *,
    label: str,
    timeout: float,
    first_poll: float,
) -> T:
    """Read until ``state`` says settled, with a progress line; on the worker thread."""
    progress = ctx.progress(label)

    def on_read(value: T) -> None:
        progress.update(state(value)[1])

    try:
        return wait_until(
            read,
            lambda value: state(value)[0],
            timeout=timeout,
            delays=poll_delays(first=first_poll),
            api=api,
            on_read=on_read,
        )
    finally:
        progress.finish()


def training_keys(trainings: TrainingList) -> set[tuple[str | None, str | None]]:
    return {(t.type, t.version) for t in trainings.trains}


def training_state(
    types: Iterable[str], before: set[tuple[str | None, str | None]]
) -> Callable[[TrainingList], tuple[bool, str]]:
    """Settled when every requested type has a new training that is no longer passing."""
    wanted = list(dict.fromkeys(types))

    def state(trainings: TrainingList) -> tuple[bool, str]:
        parts = []
        settled = True
        for train_type in wanted:
            new = [
                t
                for t in trainings.trains
                if t.type == train_type and (t.type, t.version) not in before
            ]
            if not new:
                parts.append(f"{train_type} not listed yet")
                settled = False
                continue
            status = new[-1].status or "unknown"
            parts.append(f"{train_type} {status}")
            if status in TRAIN_PASSING_STATES or new[-1].status is None:
                settled = False
        return settled, ", ".join(parts)

    return state


def check_trainings(
    trainings: TrainingList, types: Iterable[str], before: set[tuple[str | None, str | None]]
) -> None:
    """Fail (exit 1) when a followed training ended in a failed state."""
    failed = [
        f"{t.type} {t.version}: {t.status}"
        for t in trainings.trains
        if t.type in set(types)
        and (t.type, t.version) not in before
        and t.status in TRAIN_FAILED_STATES
    ]
    if failed:
        raise CommandError(
            ExitCode.API_ERROR,
            "The training ended in failure: " + "; ".join(failed) + ".",
            "Check the datasets (aitems datasets get ID) and the HPO options, then train again.",
        )
