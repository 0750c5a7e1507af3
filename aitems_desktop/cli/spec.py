"""Every command of ``aitems``: its arguments, help and example, as an ``argparse`` tree.

Standard library only (plus the rules, which are too): ``aitems --help`` builds this and
nothing else. Each command names its handler as ``"module:function"`` under
:mod:`aitems_desktop.cli.commands`; the module is imported only when the command runs.

Each command is registered with :func:`_command` along with the function that adds its
arguments; :func:`build_parser` adds the arguments of the one command the command line names
(and, for completion, of all), so a command starts without building the others' parsers or
importing what their choices come from.
"""

from __future__ import annotations

import argparse
import os
import re
import sys

from aitems_desktop import __version__

# Not typing.TYPE_CHECKING: importing typing alone costs a tenth of ``aitems --help``. Type
# checkers treat any name TYPE_CHECKING this way.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Final, NoReturn, TypeAlias

    from _typeshed import SupportsWrite

    Parsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]
    Arguments: TypeAlias = Callable[[argparse.ArgumentParser], None]

PROG: Final = "aitems"
OUTPUT_FORMATS: Final = ("table", "json", "jsonl", "csv")
#: Options every command takes, before or after the command's name.
GLOBAL_OPTIONS: Final = ("profile", "output", "dry_run", "sandbox", "quiet")
#: The most a list operation returns in one page (``limit``'s documented range is 1 to 1000).
MAX_PAGE_LIMIT: Final = 1000
#: What an option's name looks like (``--read-timeout``, ``-o``); anything else an argument
#: nothing took could be a value, and is counted, not shown.
_OPTION_NAME: Final = re.compile(r"--[A-Za-z][A-Za-z0-9-]{0,40}|-[A-Za-z]")
_IGNORED_VALUE: Final = re.compile(r"ignored explicit argument .*", re.DOTALL)

DESCRIPTION: Final = """\
NAVER Cloud Platform AiTEMS from the command line: services, datasets, schemas and
trainings, with the keys of the AiTEMS Desktop profiles (secrets in the system keyring)
or from NCLOUD_ACCESS_KEY / NCLOUD_SECRET_KEY."""

EPILOG: Final = """\
examples:
  aitems profiles add work --access-key AKIA0000EXAMPLE     (asks for the secret key)
  aitems services list
  aitems services create shop_recs --description "Shop recommendations"
  aitems services train SERVICE_ID --type personalRecommend --wait
  aitems csv check users.csv --schema shop_users_v1
  aitems upload users.csv s3://my-bucket/aitems/users.csv
  aitems --sandbox services list                             (no account needed)

exit codes: 0 ok, 1 API error, 2 usage, 3 authentication, 4 network, 5 not found,
6 outcome unknown, 7 still running after --wait, 8 the csv file has errors,
130 interrupted. See docs/cli.md.
Run 'aitems COMMAND --help' for a command's options."""


def _terminal_width() -> int:
    """What shutil.get_terminal_size() says, without importing shutil (and its archives)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 80
    return max(columns - 2, 40)


class _Parser(argparse.ArgumentParser):
    """argparse's parser, with two changes to what it prints.

    What it prints is escaped like the rest of the tool's output (see terminal.py): the
    messages quote what was typed. And the values it could not place are counted, not
    echoed: ``--secret KEY`` (an option that does not exist) leaves KEY unplaced, and a usage
    error must not write a secret into a CI log.
    """

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            self.error(unrecognized(extras))
        return parsed

    def error(self, message: str) -> NoReturn:
        # argparse quotes the value given to a flag ("--secret-stdin=KEY"): not shown either.
        message = _IGNORED_VALUE.sub("takes no value (the value given is not shown)", message)
        super().error(message)

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        from aitems_desktop.cli.terminal import escape

        if message:
            (file or sys.stderr).write(escape(message))


def unrecognized(extras: Sequence[str]) -> str:
    """What a usage error says of arguments nothing took: the names of options (up to any
    ``=``), and how many other values there were, never the values themselves."""
    names: list[str] = []
    for extra in extras:
        name = extra.partition("=")[0]
        if _OPTION_NAME.fullmatch(name) and name not in names:
            names.append(name)
    hidden = sum(1 for extra in extras if not _OPTION_NAME.fullmatch(extra.partition("=")[0]))
    parts = [f"unrecognized arguments: {', '.join(names)}"] if names else []
    if hidden:
        what = "value" if hidden == 1 else "values"
        parts.append(f"{'and ' if names else 'unrecognized arguments: '}{hidden} other {what}")
    return " ".join(parts) + (" (not shown: one may be a secret)" if hidden else "")


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the line breaks of descriptions and examples; wider option column."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32, width=_terminal_width())


def _global_options(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: an option given before the command is not reset by the command's parser.
    group = parser.add_argument_group("global options")
    group.add_argument(
        "--profile",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="use this profile instead of the default one",
    )
    group.add_argument(
        "-o",
        "--output",
        choices=OUTPUT_FORMATS,
        default=argparse.SUPPRESS,
        help="how to print the result (default: table on a terminal, json otherwise)",
    )
    group.add_argument(
        "--dry-run",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print the signed request as a curl command (no secret in it); send nothing",
    )
    group.add_argument(
        "--sandbox",
        action="store_true",
        default=argparse.SUPPRESS,
        help="run against a fresh built-in sandbox with demo data, started for this "
        "command alone: what the command changes is gone when it ends (for one sandbox "
        "across commands, run aitems-sandbox in another shell; see docs/cli.md)",
    )
    group.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=argparse.SUPPRESS,
        help="no progress or notes on stderr (errors still)",
    )


class _Command:
    """One command: where it sits, what runs it, its help, and what adds its arguments."""

    __slots__ = ("arguments", "description", "example", "group", "handler", "name", "summary")

    def __init__(
        self,
        group: str | None,
        name: str,
        handler: str,
        summary: str,
        example: str,
        description: str,
        arguments: Arguments,
    ) -> None:
        self.group = group
        self.name = name
        self.handler = handler
        self.summary = summary
        self.example = example
        self.description = description
        self.arguments = arguments


#: Every command, in the order help lists them.
COMMANDS: list[_Command] = []


def _command(
    group: str | None,
    name: str,
    handler: str,
    summary: str,
    example: str,
    *,
    description: str = "",
) -> Callable[[Arguments], Arguments]:
    """Register the decorated function as what adds the arguments of ``group name``."""

    def register(arguments: Arguments) -> Arguments:
        COMMANDS.append(_Command(group, name, handler, summary, example, description, arguments))
        return arguments

    return register


def _add(parsers: Parsers, command: _Command) -> None:
    """The command's whole parser: help with its example, its arguments, the global options."""
    text = command.summary
    if command.description:
        import textwrap

        text += f"\n\n{textwrap.fill(command.description, 88)}"
    parser: argparse.ArgumentParser = parsers.add_parser(
        command.name,
        help=command.summary,
        description=text,
        epilog="example:\n" + "\n".join(f"  {line}" for line in command.example.splitlines()),
        formatter_class=_Formatter,
    )
    parser.set_defaults(handler=command.handler)
    _global_options(parser)
    command.arguments(parser)


def _group(parsers: Parsers, name: str, summary: str) -> Parsers:
    parser: argparse.ArgumentParser = parsers.add_parser(
        name, help=summary, description=summary, formatter_class=_Formatter
    )
    parser.set_defaults(group_parser=parser)
    return parser.add_subparsers(title="commands", metavar="COMMAND")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative")
    return value


def _page_limit(text: str) -> int:
    value = _positive_int(text)
    if not 1 <= value <= MAX_PAGE_LIMIT:
        raise argparse.ArgumentTypeError(f"{text} is not between 1 and {MAX_PAGE_LIMIT}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value < 10**7:
        raise argparse.ArgumentTypeError(f"{text} is not a usable number of seconds")
    return value


def _paging(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--offset", type=_positive_int, default=0, help="skip this many (default 0)"
    )
    parser.add_argument(
        "--limit",
        type=_page_limit,
        default=1000,
        help="at most this many, 1 to 1000 (default 1000)",
    )


def _confirm(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-y",
        "--yes",
        action="store_true",
        help="do not ask for confirmation (needed when stdin is not a terminal)",
    )


def _waiting(parser: argparse.ArgumentParser, what: str, default_timeout: float) -> None:
    parser.add_argument(
        "--wait",
        action="store_true",
        help=f"follow {what} to its end, with a progress line on stderr (Ctrl+C stops "
        "following, not the work)",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=default_timeout,
        metavar="SECONDS",
        help=f"with --wait: give up after this long, exit 7 (default {default_timeout:g})",
    )
    parser.add_argument(
        "--poll",
        type=_seconds,
        default=5.0,
        metavar="SECONDS",
        help="with --wait: first pause between looks, growing to 60 s (default 5)",
    )


def _hpo(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--description", default="", help="a note kept with the training")
    parser.add_argument(
        "--hpo",
        action="store_true",
        help="turn hyper-parameter optimisation on (hpConfig.is_enabled)",
    )
    parser.add_argument(
        "--hp",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an HPO option, e.g. item_top_n=20000 (needs --hpo; repeatable)",
    )


def _schema_file(parser: argparse.ArgumentParser) -> None:
    from aitems_desktop.core.rules import DATASET_TYPES

    parser.add_argument(
        "--file",
        required=True,
        metavar="PATH",
        help="the schema as JSON (as 'schemas get -o json' prints it); '-' reads stdin",
    )
    parser.add_argument("--name", help="use this name instead of the file's")
    parser.add_argument("--type", choices=DATASET_TYPES, help="instead of the file's datasetType")
    parser.add_argument("--description", help="instead of the file's description")


# --- services ------------------------------------------------------------------------


@_command("services", "list", "reads:services_list", "List services (S2).", "aitems services list")
def _services_list(p: argparse.ArgumentParser) -> None:
    _paging(p)


@_command(
    "services",
    "get",
    "reads:services_get",
    "Show one service (S3).",
    "aitems services get kzblozze40q",
)
def _services_get(p: argparse.ArgumentParser) -> None:
    p.add_argument("service_id", metavar="SERVICE_ID")


@_command(
    "services",
    "create",
    "services:create",
    "Create a service (S1).",
    'aitems services create shop_recs --description "Shop recommendations"',
    description="Sent once. If the answer is lost, the service is looked up by name; a "
    "rerun of the same command finds the service it made instead of failing on the "
    "duplicate name, and says 'already existed'.",
)
def _services_create(p: argparse.ArgumentParser) -> None:
    from aitems_desktop.core.rules import SERVICE_TYPES

    p.add_argument("name", metavar="NAME", help="3 to 20 of A-Z a-z 0-9 _ -, first a letter or _")
    p.add_argument("--description", default="", help="at most 100 characters")
    p.add_argument("--type", choices=SERVICE_TYPES, default="batch", help="default batch")


@_command(
    "services",
    "update",
    "services:update",
    "Rename a service or change its description (S4).",
    'aitems services update kzblozze40q --description "Now with likes"',
    description="What is not given keeps its current value.",
)
def _services_update(p: argparse.ArgumentParser) -> None:
    p.add_argument("service_id", metavar="SERVICE_ID")
    p.add_argument("--name")
    p.add_argument("--description")


@_command(
    "services",
    "delete",
    "services:delete",
    "Delete a service (S5).",
    "aitems services delete kzblozze40q",
)
def _services_delete(p: argparse.ArgumentParser) -> None:
    p.add_argument("service_id", metavar="SERVICE_ID")
    _confirm(p)


@_command(
    "services",
    "attach",
    "services:attach",
    "Give a service its user, item and interaction datasets (S6).",
    "aitems services attach kzblozze40q --user u1 --item i1 --interaction x1",
)
def _services_attach(p: argparse.ArgumentParser) -> None:
    from aitems_desktop.core.rules import DATASET_TYPES

    p.add_argument("service_id", metavar="SERVICE_ID")
    for kind in DATASET_TYPES:
        p.add_argument(f"--{kind}", required=True, metavar="DATASET_ID")


@_command(
    "services",
    "train",
    "services:train",
    "Request one training of a batch service (S8).",
    "aitems services train kzblozze40q --type personalRecommend --type relatedItem --wait",
    description="Refused before sending when the service cannot train (no datasets, a "
    "training already running, an interval service). Never sent twice.",
)
def _services_train(p: argparse.ArgumentParser) -> None:
    from aitems_desktop.core.rules import TRAINING_TYPES

    p.add_argument("service_id", metavar="SERVICE_ID")
    p.add_argument("--type", dest="types", action="append", required=True, choices=TRAINING_TYPES)
    _hpo(p)
    _waiting(p, "the training", 6 * 3600)


@_command(
    "services",
    "trains",
    "reads:trains",
    "List the trainings of a service (T1).",
    "aitems services trains kzblozze40q --recent",
)
def _services_trains(p: argparse.ArgumentParser) -> None:
    p.add_argument("service_id", metavar="SERVICE_ID")
    p.add_argument("--recent", action="store_true", help="only the latest of each type")


@_command(
    "services",
    "training",
    "reads:training",
    "Show one training (T2).",
    "aitems services training kzblozze40q personalRecommend 20240729161737",
)
def _services_training(p: argparse.ArgumentParser) -> None:
    from aitems_desktop.core.rules import TRAINING_TYPES

    p.add_argument("service_id", metavar="SERVICE_ID")
    p.add_argument("train_type", metavar="TYPE", choices=TRAINING_TYPES)
    p.add_argument("version", metavar="VERSION")


@_command(
    "services",
    "updates",
    "reads:updates",
    "List the update cycles of an interval service's training (U1).",
    "aitems services updates kzblozze40q --type relatedItem --version 3",
)
def _services_updates(p: argparse.ArgumentParser) -> None:
    from aitems_desktop.core.rules import TRAINING_TYPES

    p.add_argument("service_id", metavar="SERVICE_ID")
    p.add_argument("--type", dest="train_type", required=True, choices=TRAINING_TYPES)
    p.add_argument("--version", dest="train_version", required=True)


@_command(
    "services",
    "lookup",
    "reads:lookup",
    "Look up the results of a training for one user or item (I1).",
    "aitems services lookup kzblozze40q --type personalRecommend --target user_42",
)
def _services_lookup(p: argparse.ArgumentParser) -> None:
    from aitems_desktop.core.rules import TRAINING_TYPES

    p.add_argument("service_id", metavar="SERVICE_ID")
    p.add_argument("--type", dest="train_type", required=True, choices=TRAINING_TYPES)
    p.add_argument(
        "--target", required=True, help="a USER_ID (personalRecommend) or ITEM_ID (relatedItem)"
    )


@_command(
    "services",
    "schedule",
    "services:schedule",
    "Start or stop periodic training of an interval service (S9).",
    "aitems services schedule kzblozze40q start --type relatedItem --wait",
    description="start needs at least one --type; stop sends every type unless given.",
)
def _services_schedule(p: argparse.ArgumentParser) -> None:
    from aitems_desktop.core.rules import TRAINING_TYPES

    p.add_argument("service_id", metavar="SERVICE_ID")
    p.add_argument("action", choices=("start", "stop"))
    p.add_argument("--type", dest="types", action="append", choices=TRAINING_TYPES)
    _hpo(p)
    _waiting(p, "the first periodic training", 6 * 3600)


@_command(
    "services",
    "interval",
    "services:interval",
    "Set the update cycle of an interval service (S7).",
    "aitems services interval kzblozze40q hour3",
)
def _services_interval(p: argparse.ArgumentParser) -> None:
    from aitems_desktop.core.rules import INTERVAL_TERMS

    p.add_argument("service_id", metavar="SERVICE_ID")
    p.add_argument("term", choices=INTERVAL_TERMS)


@_command(
    "services",
    "upload-rows",
    "services:upload_rows",
    "Add rows to a dataset of an interval service (S10).",
    "aitems services upload-rows kzblozze40q ds_user_1 --type user --file rows.jsonl",
    description="Rows are a JSON array of objects or JSON Lines (one object a line), "
    "with the dataset's column names. Not sent twice: rows would be added twice.",
)
def _services_upload_rows(p: argparse.ArgumentParser) -> None:
    from aitems_desktop.core.rules import DATASET_TYPES

    p.add_argument("service_id", metavar="SERVICE_ID")
    p.add_argument("dataset_id", metavar="DATASET_ID")
    p.add_argument("--type", required=True, choices=DATASET_TYPES)
    p.add_argument("--file", required=True, metavar="PATH", help="'-' reads stdin")


# --- datasets ------------------------------------------------------------------------


@_command("datasets", "list", "reads:datasets_list", "List datasets (D2).", "aitems datasets list")
def _datasets_list(p: argparse.ArgumentParser) -> None:
    _paging(p)


@_command(
    "datasets",
    "get",
    "reads:datasets_get",
    "Show one dataset (D3).",
    "aitems datasets get ds_12345",
)
def _datasets_get(p: argparse.ArgumentParser) -> None:
    p.add_argument("dataset_id", metavar="DATASET_ID")


@_command(
    "datasets",
    "create",
    "datasets:create",
    "Create a dataset from a csv file in Object Storage (D1).",
    "aitems datasets create shop_users --type user --schema shop_users_v1 \\\n"
    "    --bucket my-bucket --key aitems/users.csv --wait",
    description="Sent once; a rerun of the same command finds the dataset it made.",
)
def _datasets_create(p: argparse.ArgumentParser) -> None:
    from aitems_desktop.core.rules import DATASET_REGIONS, DATASET_TYPES

    p.add_argument("name", metavar="NAME")
    p.add_argument("--type", required=True, choices=DATASET_TYPES)
    p.add_argument("--schema", required=True, metavar="SCHEMA_NAME")
    p.add_argument("--bucket", required=True)
    p.add_argument("--key", required=True, help="the csv or csv.gz object (or prefix)")
    p.add_argument("--region", default="KR", choices=DATASET_REGIONS)
    p.add_argument("--description", default="")
    _waiting(p, "the dataset's processing", 3600)


@_command(
    "datasets",
    "update",
    "datasets:update",
    "Change a dataset's file, schema, name or type (D4).",
    "aitems datasets update ds_12345 --key aitems/users-2.csv",
    description="What is not given keeps its current value.",
)
def _datasets_update(p: argparse.ArgumentParser) -> None:
    from aitems_desktop.core.rules import DATASET_REGIONS, DATASET_TYPES

    p.add_argument("dataset_id", metavar="DATASET_ID")
    p.add_argument("--name")
    p.add_argument("--type", choices=DATASET_TYPES)
    p.add_argument("--schema", metavar="SCHEMA_NAME")
    p.add_argument("--bucket")
    p.add_argument("--key")
    p.add_argument("--region", choices=DATASET_REGIONS)
    p.add_argument("--description")


@_command(
    "datasets",
    "describe",
    "datasets:describe",
    "Change a dataset's description (D5).",
    'aitems datasets describe ds_12345 "Users, refreshed nightly"',
)
def _datasets_describe(p: argparse.ArgumentParser) -> None:
    p.add_argument("dataset_id", metavar="DATASET_ID")
    p.add_argument("description", metavar="TEXT")


@_command(
    "datasets",
    "delete",
    "datasets:delete",
    "Delete a dataset (D6).",
    "aitems datasets delete ds_12345",
)
def _datasets_delete(p: argparse.ArgumentParser) -> None:
    p.add_argument("dataset_id", metavar="DATASET_ID")
    _confirm(p)


# --- schemas -------------------------------------------------------------------------


@_command(
    "schemas", "list", "reads:schemas_list", "List schemas (C2).", "aitems schemas list --type user"
)
def _schemas_list(p: argparse.ArgumentParser) -> None:
    from aitems_desktop.core.rules import DATASET_TYPES

    p.add_argument("--type", choices=DATASET_TYPES, help="only schemas of this dataset type")
    _paging(p)


@_command(
    "schemas",
    "get",
    "reads:schemas_get",
    "Show one schema (C3).",
    "aitems schemas get shop_users_v1",
)
def _schemas_get(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", metavar="NAME")


@_command(
    "schemas",
    "create",
    "schemas:create",
    "Create a schema from a JSON file (C1).",
    "aitems schemas default user -o json > users.json   (then add your columns)\n"
    "aitems schemas create --file users.json --name shop_users_v1",
    description="The file holds datasetType, name, fields (name, type list, "
    "categorical) and description, as the API takes them. Sent once; a rerun finds the "
    "schema it made.",
)
def _schemas_create(p: argparse.ArgumentParser) -> None:
    _schema_file(p)


@_command(
    "schemas",
    "default",
    "reads:schemas_default",
    "Show the default schema of a dataset type: its required fields (C4).",
    "aitems schemas default interaction",
)
def _schemas_default(p: argparse.ArgumentParser) -> None:
    from aitems_desktop.core.rules import DATASET_TYPES

    p.add_argument("type", metavar="TYPE", choices=DATASET_TYPES)


@_command(
    "schemas",
    "check",
    "schemas:check",
    "Have the service check a schema file without storing it (C5).",
    "aitems schemas check --file users.json",
)
def _schemas_check(p: argparse.ArgumentParser) -> None:
    _schema_file(p)


@_command(
    "schemas",
    "describe",
    "schemas:describe",
    "Change a schema's description (C6).",
    'aitems schemas describe shop_users_v1 "Users with age and gender"',
)
def _schemas_describe(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", metavar="NAME")
    p.add_argument("description", metavar="TEXT")


@_command(
    "schemas",
    "delete",
    "schemas:delete",
    "Delete a schema (C7).",
    "aitems schemas delete shop_users_v1",
)
def _schemas_delete(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", metavar="NAME")
    _confirm(p)


# --- csv files -----------------------------------------------------------------------


@_command(
    "csv",
    "check",
    "files:csv_check",
    "Check a dataset's csv file against its schema, on this computer.",
    "aitems csv check users.csv --schema shop_users_v1\n"
    "aitems csv check clicks.csv.gz --schema-file clicks.json --users users.csv --items items.csv",
    description="One streaming pass in constant memory; nothing leaves this computer (with "
    "--schema, the schema is read from the service). Every problem has its line and column; "
    "the first 1,000 are listed, with a count of every kind. Exit 0 when AiTEMS would take "
    "the file (warnings allowed), 8 when it has errors.",
)
def _csv_check(p: argparse.ArgumentParser) -> None:
    from aitems_desktop.core.rules import DATASET_TYPES

    p.add_argument("file", metavar="FILE", help="a .csv or .csv.gz file")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--schema", metavar="NAME", help="a schema stored in AiTEMS")
    source.add_argument(
        "--schema-file",
        metavar="PATH",
        help="a schema as JSON (as 'schemas get -o json' or 'csv infer' print it)",
    )
    p.add_argument("--type", choices=DATASET_TYPES, help="when the schema names no datasetType")
    p.add_argument(
        "--users",
        metavar="FILE",
        help="interaction files: warn about USER_ID values this user file lacks",
    )
    p.add_argument(
        "--items",
        metavar="FILE",
        help="interaction files: warn about ITEM_ID values this item file lacks",
    )


@_command(
    "csv",
    "infer",
    "files:csv_infer",
    "Propose a schema for a csv file (JSON for 'schemas create --file').",
    "aitems csv infer users.csv > users.json\naitems schemas create --file users.json",
    description="Names and order come from the header, types from the first 10,000 rows, "
    "required fields and reserved keywords get their documented types. The reasons go to "
    "stderr (-o table shows them instead of the JSON). Exit 8 when the file has problems no "
    "schema can cover (a missing required column, a column name AiTEMS refuses).",
)
def _csv_infer(p: argparse.ArgumentParser) -> None:
    from aitems_desktop.core.rules import DATASET_TYPES

    p.add_argument("file", metavar="FILE", help="a .csv or .csv.gz file")
    p.add_argument(
        "--type",
        choices=DATASET_TYPES,
        help="the dataset type (default: from the columns USER_ID and ITEM_ID)",
    )
    p.add_argument("--name", help="the schema's name (default: from the file's name)")
    p.add_argument("--description", help="the schema's description")


# --- profiles ------------------------------------------------------------------------


@_command(
    "profiles", "list", "profiles:list_profiles", "List the profiles.", "aitems profiles list"
)
def _profiles_list(p: argparse.ArgumentParser) -> None:
    """No arguments of its own."""


@_command(
    "profiles",
    "add",
    "profiles:add",
    "Add a profile; its secret key goes to the system keyring.",
    "aitems profiles add work --access-key AKIA0000EXAMPLE\n"
    'printf %s "$SECRET" | aitems profiles add ci --access-key "$KEY" --secret-stdin',
    description="The secret key is asked for without echo, or read from stdin with "
    "--secret-stdin; it is never an argument (arguments show in ps and shell history).",
)
def _profiles_add(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", metavar="NAME")
    p.add_argument("--access-key", help="asked for when not given")
    p.add_argument("--secret-stdin", action="store_true", help="read the secret key from stdin")
    p.add_argument("--endpoint", help="default https://aitems.apigw.ntruss.com/api/v1")
    p.add_argument("--proxy", metavar="URL")
    p.add_argument("--ca-bundle", metavar="PATH", help="extra CA certificates (PEM)")
    p.add_argument("--connect-timeout", type=_seconds, metavar="SECONDS")
    p.add_argument("--read-timeout", type=_seconds, metavar="SECONDS")
    p.add_argument("--default", action="store_true", help="make it the default profile")
    p.add_argument("--replace", action="store_true", help="replace a profile of that name")


@_command(
    "profiles",
    "remove",
    "profiles:remove",
    "Remove a profile and its secret.",
    "aitems profiles remove old",
)
def _profiles_remove(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", metavar="NAME")


@_command(
    "profiles",
    "default",
    "profiles:set_default",
    "Make a profile the default.",
    "aitems profiles default work",
)
def _profiles_default(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", metavar="NAME")


@_command(
    "profiles",
    "test",
    "profiles:test",
    "Check that a profile's keys work (one signed GET /services?limit=1).",
    "aitems profiles test work",
)
def _profiles_test(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", metavar="NAME", nargs="?", help="default: --profile or the default")


@_command(
    "profiles",
    "import-ncloud",
    "profiles:import_ncloud",
    "Make a profile from the keys in NCP's own configure file (~/.ncloud/configure).",
    "aitems profiles import-ncloud\naitems profiles import-ncloud --section project --name proj",
    description="Reads ncloud_access_key_id and ncloud_secret_access_key (as NCP's CLI "
    "and SDKs keep them), moves the secret into the keyring, and reminds you that the "
    "file still holds it in plain text.",
)
def _profiles_import_ncloud(p: argparse.ArgumentParser) -> None:
    p.add_argument("--file", metavar="PATH", help="default ~/.ncloud/configure")
    p.add_argument("--section", default="DEFAULT", help="the [section] to read (default DEFAULT)")
    p.add_argument("--name", help="the profile's name (default: ncloud, or the section's name)")
    p.add_argument("--default", action="store_true", help="make it the default profile")
    p.add_argument("--replace", action="store_true", help="replace a profile of that name")


# --- top-level commands --------------------------------------------------------------


@_command(
    None,
    "completion",
    "completion:completion",
    "Print the shell completion script for bash, zsh or fish.",
    'eval "$(aitems completion bash)"            # in ~/.bashrc\n'
    'eval "$(aitems completion zsh)"             # in ~/.zshrc\n'
    "aitems completion fish > ~/.config/fish/completions/aitems.fish",
)
def _top_completion(p: argparse.ArgumentParser) -> None:
    p.add_argument("shell", choices=("bash", "zsh", "fish"))


@_command(
    None,
    "upload",
    "files:upload",
    "Upload a file to Object Storage, where a dataset can read it.",
    "aitems upload users.csv s3://my-bucket/aitems/users.csv\n"
    "aitems upload clicks.csv.gz s3://my-bucket/aitems/      (keeps the file's name)",
    description="With the profile's keys (Object Storage takes the same NCP API keys). Files "
    "above 16 MiB go as a multipart upload; Ctrl+C aborts it and says whether its unfinished "
    "parts were removed (exit 130). --dry-run checks the file and the names and sends "
    "nothing. AITEMS_OBJECT_STORAGE_ENDPOINT and AITEMS_OBJECT_STORAGE_REGION choose "
    "another Object Storage than NCP's in Korea.",
)
def _top_upload(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "destination", metavar="s3://BUCKET/KEY", help="a KEY ending in / keeps the file's name"
    )


#: The command groups and their summaries.
GROUPS: Final = {
    "services": "Services: create, train, look up results.",
    "datasets": "Datasets: files in Object Storage a service learns from.",
    "schemas": "Schemas: the columns of a dataset's csv file.",
    "csv": "CSV files: check one against its schema, propose a schema.",
    "profiles": "Profiles: keys and endpoints, shared with AiTEMS Desktop.",
}
#: Options of the top-level parser that take a value (skipped when looking for the group).
_VALUE_OPTIONS: Final = frozenset({"--profile", "-o", "--output"})


def chosen_command(argv: Sequence[str]) -> tuple[str | None, str | None]:
    """The first two words of ``argv`` that are not options: group and command, if any.

    For a command outside the groups (``completion``), the first word is its name.
    """
    words: list[str] = []
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word == "--":
            break
        elif word in _VALUE_OPTIONS:
            skip = True
        elif not word.startswith("-"):
            words.append(word)
            if len(words) == 2:
                break
        elif words:
            break  # an option after the group: a command name cannot follow it
    return (words[0] if words else None), (words[1] if len(words) > 1 else None)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command tree; with ``argv``, only the command it names gets its arguments.

    Building every command costs more than the rest of ``aitems --help`` together (and
    imports the rules), so only the command ``argv`` names is built whole. The others are
    left out when ``argv`` names an existing command and asks for no help (nothing will list
    them), and are otherwise one line each: a name and a summary, enough for the help of the
    tool or of a group, and for argparse to list the choices after a mistyped name.
    """
    everything = argv is None
    group, name = (None, None) if argv is None else chosen_command(argv)
    alone = (
        argv is not None
        and not {"-h", "--help"} & set(argv)
        and any((c.group, c.name) in ((group, name), (None, group)) for c in COMMANDS)
    )
    parser: argparse.ArgumentParser = _Parser(
        prog=PROG, description=DESCRIPTION, epilog=EPILOG, formatter_class=_Formatter
    )
    parser.add_argument("-V", "--version", action="version", version=f"{PROG} {__version__}")
    _global_options(parser)
    parsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    subs: dict[str, Parsers] = {}
    for key, summary in GROUPS.items():
        if everything or key == group:
            subs[key] = _group(parsers, key, summary)
        elif not alone:
            _stub(parsers, key, summary)
    for command in COMMANDS:
        if command.group is None:
            wanted = everything or command.name == group
            target = parsers
        elif command.group in subs:
            wanted = everything or command.name == name
            target = subs[command.group]
        else:
            continue
        if wanted:
            _add(target, command)
        elif not alone:
            _stub(target, command.name, command.summary)
    return parser


def _stub(parsers: Parsers, name: str, summary: str) -> None:
    """A choice that is never parsed: its name and summary, for the help and the choices."""
    # Our formatter, not argparse's default, which imports shutil for the terminal width.
    parsers.add_parser(name, help=summary, add_help=False, formatter_class=_Formatter)
