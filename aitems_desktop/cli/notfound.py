"""When the API says "not found": a name given where an ID goes, and a hint that fits.

A person often types a service's name where its ID goes (``aitems services train
movie_reco``). The argument is tried as an ID first, as given; only when the API answers 404
for it, one list call looks for a service (or dataset) with exactly that name. Names are
unique in an account (a create of a taken name is refused), so a match is that resource:

- reads and changes that name the resource in full (get, trains, train, attach, update ...)
  run again once with its ID, and a note on stderr says which ID was used;
- a delete, and an upload of rows, are never aimed by name: they say the ID to give.

The hint of what is left then depends on where the connection came from (the sandbox of this
command, keys from the environment, a profile) and on who answered: AiTEMS's own "not found"
means the endpoint is right and there is no such thing; the gateway's (code 300) may also
mean a wrong endpoint URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from aitems_desktop.cli.context import CommandError, Context
from aitems_desktop.cli.exitcodes import ExitCode
from aitems_desktop.core import catalogue as c
from aitems_desktop.core import errors

if TYPE_CHECKING:
    from aitems_desktop.core.connection import Connection

#: The gateway's own "not found" (no such endpoint or resource); AiTEMS's says NOT_FOUND.
_GATEWAY_NOT_FOUND: Final = "300"
_LIST_LIMIT: Final = 1000


@dataclass(frozen=True)
class Kind:
    """A resource the command line names by ID, and how to list it."""

    word: str
    #: The command argument (``args`` attribute) and the path parameter that hold its ID.
    argument: str
    path_param: str
    list_operation: c.Operation[Any]
    list_key: str
    id_key: str

    @property
    def list_command(self) -> str:
        return f"aitems {self.word}s list"


SERVICE: Final = Kind(
    "service", "service_id", "serviceId", c.SERVICES_LIST, "services", "serviceId"
)
DATASET: Final = Kind(
    "dataset", "dataset_id", "datasetId", c.DATASETS_LIST, "datasets", "datasetId"
)

#: Commands that run again with the ID of the one resource of that exact name.
RESOLVING: Final[dict[str, Kind]] = {
    "reads:services_get": SERVICE,
    "reads:trains": SERVICE,
    "reads:training": SERVICE,
    "reads:updates": SERVICE,
    "reads:lookup": SERVICE,
    "services:update": SERVICE,
    "services:attach": SERVICE,
    "services:train": SERVICE,
    "services:schedule": SERVICE,
    "services:interval": SERVICE,
    "reads:datasets_get": DATASET,
    "datasets:update": DATASET,
    "datasets:describe": DATASET,
}
#: Commands that only say the ID: what they do cannot be undone, so they act on the exact ID
#: a person gave and never on a name looked up for them.
ID_ONLY: Final[dict[str, Kind]] = {
    "services:delete": SERVICE,
    "services:upload_rows": SERVICE,
    "datasets:delete": DATASET,
}


def _failed_on(ctx: Context, kind: Kind) -> bool:
    """True when the call that got the 404 had the argument as its ``kind`` ID."""
    engine = ctx.current_engine
    prepared = engine.not_found if engine is not None else None
    return prepared is not None and kind.path_param in prepared.operation.path_params


def _ids_named(ctx: Context, kind: Kind, name: str) -> list[str] | None:
    """The IDs of the ``kind`` named ``name`` (one list call); None when the list failed."""
    try:
        answer = ctx.call_json(kind.list_operation, query={"offset": 0, "limit": _LIST_LIMIT})
    except errors.AitemsError:
        return None  # looking was a courtesy: the 404 is what to report
    items = answer.get(kind.list_key) if isinstance(answer, dict) else None
    if not isinstance(items, list):
        return None
    return [
        str(item[kind.id_key])
        for item in items
        if isinstance(item, dict) and item.get("name") == name and item.get(kind.id_key)
    ]


def retry_by_name(ctx: Context, handler: str, error: errors.NotFoundError) -> bool:
    """After ``error``: True when the ID argument was a name and now holds its ID (run the
    command again); raises :class:`CommandError` for a name a command will not take."""
    kind = RESOLVING.get(handler) or ID_ONLY.get(handler)
    if kind is None or type(error) is not errors.NotFoundError or not _failed_on(ctx, kind):
        return False
    given = getattr(ctx.args, kind.argument, None)
    if not isinstance(given, str) or not given:
        return False
    ids = _ids_named(ctx, kind, given)
    if not ids or given in ids:
        return False
    if len(ids) > 1:
        raise CommandError(
            ExitCode.NOT_FOUND,
            f"{given!r} is not a {kind.word} ID, and {len(ids)} {kind.word}s have that name: "
            f"{', '.join(ids)}.",
            f"Give the ID of the one you mean ('{kind.list_command}').",
        )
    found = ids[0]
    if handler in ID_ONLY:
        raise CommandError(
            ExitCode.NOT_FOUND,
            f"{given!r} is a {kind.word} name, not an ID; its ID is {found}.",
            f"Run the command again with {found}: a delete or an upload of rows is only "
            "ever aimed at the exact ID.",
        )
    ctx.note(f"{given!r} is the name of {kind.word} {found}; using that ID.")
    setattr(ctx.args, kind.argument, found)
    return True


def not_found_hint(ctx: Context, error: errors.NotFoundError) -> str:
    """What to do after ``error``, for where the connection came from and who answered."""
    connection = ctx.current_connection
    engine = ctx.current_engine
    prepared = engine.not_found if engine is not None else None
    operation = prepared.operation if prepared is not None else None
    word, look = _what(ctx, operation)
    if connection is None:
        return f"There is no such {word}; {look}'."
    if connection.is_sandbox:
        return (
            f"There is no such {word} in this sandbox: each --sandbox starts a fresh one with "
            f"the demo data only, so nothing an earlier command made is in it; {look} "
            "--sandbox'. For one sandbox across commands, run aitems-sandbox (docs/cli.md)."
        )
    if error.error_code != _GATEWAY_NOT_FOUND and error.request_id:
        # AiTEMS itself answered: the endpoint is right.
        return f"There is no such {word} for the keys {_keys(connection)}; {look}'."
    return (
        f"{_endpoint(ctx, connection)}, or there is no such {word} for the keys "
        f"{_keys(connection)}; {look}'."
    )


def _what(ctx: Context, operation: c.Operation[Any] | None) -> tuple[str, str]:
    """The missing thing's word and how to look for it: a command with the options that
    choose the connection, its closing quote left to the caller."""
    profile = f" --profile {ctx.profile_name}" if ctx.profile_name else ""
    service_id = getattr(ctx.args, "service_id", None) or "SERVICE_ID"
    key = operation.key if operation is not None else ""
    if key in ("T2", "U1"):
        return (
            "service or training",
            f"list the services with 'aitems services list{profile}' and the trainings of "
            f"one with 'aitems services trains {service_id}{profile}",
        )
    if key.startswith("D"):
        kind = "dataset"
    elif key.startswith("C"):
        kind = "schema"
    elif key:
        kind = "service"
    else:
        return "resource", f"list them with 'aitems services list{profile}"
    return kind, f"list them with 'aitems {kind}s list{profile}"


def _keys(connection: Connection) -> str:
    if connection.from_environment:
        return "from NCLOUD_ACCESS_KEY / NCLOUD_SECRET_KEY"
    return f"of profile {connection.label!r}"


def _endpoint(ctx: Context, connection: Connection) -> str:
    url = connection.base_url
    if connection.from_environment and ctx.env.get("AITEMS_ENDPOINT", "").strip():
        return f"Check AITEMS_ENDPOINT ({url})"
    if connection.label != "environment":
        return f"Check the endpoint of profile {connection.label!r} ({url}; 'aitems profiles list')"
    return f"The endpoint is the public one ({url}); check the keys' account"
