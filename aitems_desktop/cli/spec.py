"""Every command of ``aitems``: its arguments, help and example, as an ``argparse`` tree.

Standard library only (plus the rules, which are too): ``aitems --help`` builds this and
nothing else. Each command names its handler as ``"module:function"`` under
:mod:`aitems_desktop.cli.commands`; the module is imported only when the command runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Callable, Sequence

from aitems_desktop import __version__

# Not typing.TYPE_CHECKING: importing typing alone costs a tenth of ``aitems --help``. Type
# checkers treat any name TYPE_CHECKING this way.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final, TypeAlias

    Parsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]

PROG: Final = "aitems"
OUTPUT_FORMATS: Final = ("table", "json", "jsonl", "csv")
#: Options every command takes, before or after the command's name.
GLOBAL_OPTIONS: Final = ("profile", "output", "dry_run", "sandbox", "quiet")

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
  aitems --sandbox services list                             (no account needed)

exit codes: 0 ok, 1 API error, 2 usage, 3 authentication, 4 network, 5 not found,
6 outcome unknown, 7 still running after --wait, 130 interrupted. See docs/cli.md.
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
        help="run against a built-in sandbox with demo data, started for this command",
    )
    group.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=argparse.SUPPRESS,
        help="no progress or notes on stderr (errors still)",
    )


def _leaf(
    parsers: Parsers,
    name: str,
    handler: str,
    summary: str,
    example: str,
    *,
    description: str = "",
) -> argparse.ArgumentParser:
    text = summary + (f"\n\n{textwrap.fill(description, 88)}" if description else "")
    parser: argparse.ArgumentParser = parsers.add_parser(
        name,
        help=summary,
        description=text,
        epilog="example:\n" + "\n".join(f"  {line}" for line in example.splitlines()),
        formatter_class=_Formatter,
    )
    parser.set_defaults(handler=handler)
    _global_options(parser)
    return parser


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
        type=_positive_int,
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


def _services(sub: Parsers) -> None:
    from aitems_desktop.core.rules import (
        DATASET_TYPES,
        INTERVAL_TERMS,
        SERVICE_TYPES,
        TRAINING_TYPES,
    )

    h = "services:"
    p = _leaf(sub, "list", h + "list_services", "List services (S2).", "aitems services list")
    _paging(p)
    p = _leaf(sub, "get", h + "get", "Show one service (S3).", "aitems services get kzblozze40q")
    p.add_argument("service_id", metavar="SERVICE_ID")
    p = _leaf(
        sub,
        "create",
        h + "create",
        "Create a service (S1).",
        'aitems services create shop_recs --description "Shop recommendations"',
        description="Sent once. If the answer is lost, the service is looked up by name; a "
        "rerun of the same command finds the service it made instead of failing on the "
        "duplicate name, and says 'already existed'.",
    )
    p.add_argument("name", metavar="NAME", help="3 to 20 of A-Z a-z 0-9 _ -, first a letter or _")
    p.add_argument("--description", default="", help="at most 100 characters")
    p.add_argument("--type", choices=SERVICE_TYPES, default="batch", help="default batch")
    p = _leaf(
        sub,
        "update",
        h + "update",
        "Rename a service or change its description (S4).",
        'aitems services update kzblozze40q --description "Now with likes"',
        description="What is not given keeps its current value.",
    )
    p.add_argument("service_id", metavar="SERVICE_ID")
    p.add_argument("--name")
    p.add_argument("--description")
    p = _leaf(
        sub, "delete", h + "delete", "Delete a service (S5).", "aitems services delete kzblozze40q"
    )
    p.add_argument("service_id", metavar="SERVICE_ID")
    _confirm(p)
    p = _leaf(
        sub,
        "attach",
        h + "attach",
        "Give a service its user, item and interaction datasets (S6).",
        "aitems services attach kzblozze40q --user u1 --item i1 --interaction x1",
    )
    p.add_argument("service_id", metavar="SERVICE_ID")
    for kind in DATASET_TYPES:
        p.add_argument(f"--{kind}", required=True, metavar="DATASET_ID")
    p = _leaf(
        sub,
        "train",
        h + "train",
        "Request one training of a batch service (S8).",
        "aitems services train kzblozze40q --type personalRecommend --type relatedItem --wait",
        description="Refused before sending when the service cannot train (no datasets, a "
        "training already running, an interval service). Never sent twice.",
    )
    p.add_argument("service_id", metavar="SERVICE_ID")
    p.add_argument("--type", dest="types", action="append", required=True, choices=TRAINING_TYPES)
    _hpo(p)
    _waiting(p, "the training", 6 * 3600)
    p = _leaf(
        sub,
        "trains",
        h + "trains",
        "List the trainings of a service (T1).",
        "aitems services trains kzblozze40q --recent",
    )
    p.add_argument("service_id", metavar="SERVICE_ID")
    p.add_argument("--recent", action="store_true", help="only the latest of each type")
    p = _leaf(
        sub,
        "training",
        h + "training",
        "Show one training (T2).",
        "aitems services training kzblozze40q personalRecommend 20240729161737",
    )
    p.add_argument("service_id", metavar="SERVICE_ID")
    p.add_argument("train_type", metavar="TYPE", choices=TRAINING_TYPES)
    p.add_argument("version", metavar="VERSION")
    p = _leaf(
        sub,
        "updates",
        h + "updates",
        "List the update cycles of an interval service's training (U1).",
        "aitems services updates kzblozze40q --type relatedItem --version 3",
    )
    p.add_argument("service_id", metavar="SERVICE_ID")
    p.add_argument("--type", dest="train_type", required=True, choices=TRAINING_TYPES)
    p.add_argument("--version", dest="train_version", required=True)
    p = _leaf(
        sub,
        "lookup",
        h + "lookup",
        "Look up the results of a training for one user or item (I1).",
        "aitems services lookup kzblozze40q --type personalRecommend --target user_42",
    )
    p.add_argument("service_id", metavar="SERVICE_ID")
    p.add_argument("--type", dest="train_type", required=True, choices=TRAINING_TYPES)
    p.add_argument(
        "--target", required=True, help="a USER_ID (personalRecommend) or ITEM_ID (relatedItem)"
    )
    p = _leaf(
        sub,
        "schedule",
        h + "schedule",
        "Start or stop periodic training of an interval service (S9).",
        "aitems services schedule kzblozze40q start --type relatedItem --wait",
        description="start needs at least one --type; stop sends every type unless given.",
    )
    p.add_argument("service_id", metavar="SERVICE_ID")
    p.add_argument("action", choices=("start", "stop"))
    p.add_argument("--type", dest="types", action="append", choices=TRAINING_TYPES)
    _hpo(p)
    _waiting(p, "the first periodic training", 6 * 3600)
    p = _leaf(
        sub,
        "interval",
        h + "interval",
        "Set the update cycle of an interval service (S7).",
        "aitems services interval kzblozze40q hour3",
    )
    p.add_argument("service_id", metavar="SERVICE_ID")
    p.add_argument("term", choices=INTERVAL_TERMS)
    p = _leaf(
        sub,
        "upload-rows",
        h + "upload_rows",
        "Add rows to a dataset of an interval service (S10).",
        "aitems services upload-rows kzblozze40q ds_user_1 --type user --file rows.jsonl",
        description="Rows are a JSON array of objects or JSON Lines (one object a line), "
        "with the dataset's column names. Not sent twice: rows would be added twice.",
    )
    p.add_argument("service_id", metavar="SERVICE_ID")
    p.add_argument("dataset_id", metavar="DATASET_ID")
    p.add_argument("--type", required=True, choices=DATASET_TYPES)
    p.add_argument("--file", required=True, metavar="PATH", help="'-' reads stdin")


def _datasets(sub: Parsers) -> None:
    from aitems_desktop.core.rules import DATASET_REGIONS, DATASET_TYPES

    h = "datasets:"
    p = _leaf(sub, "list", h + "list_datasets", "List datasets (D2).", "aitems datasets list")
    _paging(p)
    p = _leaf(sub, "get", h + "get", "Show one dataset (D3).", "aitems datasets get ds_12345")
    p.add_argument("dataset_id", metavar="DATASET_ID")
    p = _leaf(
        sub,
        "create",
        h + "create",
        "Create a dataset from a csv file in Object Storage (D1).",
        "aitems datasets create shop_users --type user --schema shop_users_v1 \\\n"
        "    --bucket my-bucket --key aitems/users.csv --wait",
        description="Sent once; a rerun of the same command finds the dataset it made.",
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("--type", required=True, choices=DATASET_TYPES)
    p.add_argument("--schema", required=True, metavar="SCHEMA_NAME")
    p.add_argument("--bucket", required=True)
    p.add_argument("--key", required=True, help="the csv or csv.gz object (or prefix)")
    p.add_argument("--region", default="KR", choices=DATASET_REGIONS)
    p.add_argument("--description", default="")
    _waiting(p, "the dataset's processing", 3600)
    p = _leaf(
        sub,
        "update",
        h + "update",
        "Change a dataset's file, schema, name or type (D4).",
        "aitems datasets update ds_12345 --key aitems/users-2.csv",
        description="What is not given keeps its current value.",
    )
    p.add_argument("dataset_id", metavar="DATASET_ID")
    p.add_argument("--name")
    p.add_argument("--type", choices=DATASET_TYPES)
    p.add_argument("--schema", metavar="SCHEMA_NAME")
    p.add_argument("--bucket")
    p.add_argument("--key")
    p.add_argument("--region", choices=DATASET_REGIONS)
    p.add_argument("--description")
    p = _leaf(
        sub,
        "describe",
        h + "describe",
        "Change a dataset's description (D5).",
        'aitems datasets describe ds_12345 "Users, refreshed nightly"',
    )
    p.add_argument("dataset_id", metavar="DATASET_ID")
    p.add_argument("description", metavar="TEXT")
    p = _leaf(
        sub, "delete", h + "delete", "Delete a dataset (D6).", "aitems datasets delete ds_12345"
    )
    p.add_argument("dataset_id", metavar="DATASET_ID")
    _confirm(p)


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


def _schemas(sub: Parsers) -> None:
    from aitems_desktop.core.rules import DATASET_TYPES

    h = "schemas:"
    p = _leaf(
        sub, "list", h + "list_schemas", "List schemas (C2).", "aitems schemas list --type user"
    )
    p.add_argument("--type", choices=DATASET_TYPES, help="only schemas of this dataset type")
    _paging(p)
    p = _leaf(sub, "get", h + "get", "Show one schema (C3).", "aitems schemas get shop_users_v1")
    p.add_argument("name", metavar="NAME")
    p = _leaf(
        sub,
        "create",
        h + "create",
        "Create a schema from a JSON file (C1).",
        "aitems schemas default user -o json > users.json   (then add your columns)\n"
        "aitems schemas create --file users.json --name shop_users_v1",
        description="The file holds datasetType, name, fields (name, type list, "
        "categorical) and description, as the API takes them. Sent once; a rerun finds the "
        "schema it made.",
    )
    _schema_file(p)
    p = _leaf(
        sub,
        "default",
        h + "default",
        "Show the default schema of a dataset type: its required fields (C4).",
        "aitems schemas default interaction",
    )
    p.add_argument("type", metavar="TYPE", choices=DATASET_TYPES)
    p = _leaf(
        sub,
        "check",
        h + "check",
        "Have the service check a schema file without storing it (C5).",
        "aitems schemas check --file users.json",
    )
    _schema_file(p)
    p = _leaf(
        sub,
        "describe",
        h + "describe",
        "Change a schema's description (C6).",
        'aitems schemas describe shop_users_v1 "Users with age and gender"',
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("description", metavar="TEXT")
    p = _leaf(
        sub, "delete", h + "delete", "Delete a schema (C7).", "aitems schemas delete shop_users_v1"
    )
    p.add_argument("name", metavar="NAME")
    _confirm(p)


def _profiles(sub: Parsers) -> None:
    h = "profiles:"
    _leaf(sub, "list", h + "list_profiles", "List the profiles.", "aitems profiles list")
    p = _leaf(
        sub,
        "add",
        h + "add",
        "Add a profile; its secret key goes to the system keyring.",
        "aitems profiles add work --access-key AKIA0000EXAMPLE\n"
        'printf %s "$SECRET" | aitems profiles add ci --access-key "$KEY" --secret-stdin',
        description="The secret key is asked for without echo, or read from stdin with "
        "--secret-stdin; it is never an argument (arguments show in ps and shell history).",
    )
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
    p = _leaf(
        sub,
        "remove",
        h + "remove",
        "Remove a profile and its secret.",
        "aitems profiles remove old",
    )
    p.add_argument("name", metavar="NAME")
    p = _leaf(
        sub,
        "default",
        h + "set_default",
        "Make a profile the default.",
        "aitems profiles default work",
    )
    p.add_argument("name", metavar="NAME")
    p = _leaf(
        sub,
        "test",
        h + "test",
        "Check that a profile's keys work (one signed GET /services?limit=1).",
        "aitems profiles test work",
    )
    p.add_argument("name", metavar="NAME", nargs="?", help="default: --profile or the default")
    p = _leaf(
        sub,
        "import-ncloud",
        h + "import_ncloud",
        "Make a profile from the keys in NCP's own configure file (~/.ncloud/configure).",
        "aitems profiles import-ncloud\n"
        "aitems profiles import-ncloud --section project --name proj",
        description="Reads ncloud_access_key_id and ncloud_secret_access_key (as NCP's CLI "
        "and SDKs keep them), moves the secret into the keyring, and reminds you that the "
        "file still holds it in plain text.",
    )
    p.add_argument("--file", metavar="PATH", help="default ~/.ncloud/configure")
    p.add_argument("--section", default="DEFAULT", help="the [section] to read (default DEFAULT)")
    p.add_argument("--name", help="the profile's name (default: ncloud, or the section's name)")
    p.add_argument("--default", action="store_true", help="make it the default profile")
    p.add_argument("--replace", action="store_true", help="replace a profile of that name")


def _completion(parsers: Parsers) -> None:
    p = _leaf(
        parsers,
        "completion",
        "completion:completion",
        "Print the shell completion script for bash, zsh or fish.",
        'eval "$(aitems completion bash)"            # in ~/.bashrc\n'
        'eval "$(aitems completion zsh)"             # in ~/.zshrc\n'
        "aitems completion fish > ~/.config/fish/completions/aitems.fish",
    )
    p.add_argument("shell", choices=("bash", "zsh", "fish"))


#: The command groups: summary and the function that adds their commands.
GROUPS: Final[dict[str, tuple[str, Callable[[Parsers], None]]]] = {
    "services": ("Services: create, train, look up results.", _services),
    "datasets": ("Datasets: files in Object Storage a service learns from.", _datasets),
    "schemas": ("Schemas: the columns of a dataset's csv file.", _schemas),
    "profiles": ("Profiles: keys and endpoints, shared with AiTEMS Desktop.", _profiles),
}
#: Options of the top-level parser that take a value (skipped when looking for the group).
_VALUE_OPTIONS: Final = frozenset({"--profile", "-o", "--output"})


def chosen_group(argv: Sequence[str]) -> str | None:
    """The group ``argv`` names (its first word that is not an option), if any."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word == "--":
            return None
        elif word in _VALUE_OPTIONS:
            skip = True
        elif not word.startswith("-"):
            return word
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command tree; with ``argv``, only the group it names gets its commands.

    Building every command costs more than the rest of ``aitems --help`` together (and
    imports the rules), so the groups ``argv`` does not name are left as one line each.
    """
    wanted = None if argv is None else chosen_group(argv)
    parser = argparse.ArgumentParser(
        prog=PROG, description=DESCRIPTION, epilog=EPILOG, formatter_class=_Formatter
    )
    parser.add_argument("-V", "--version", action="version", version=f"{PROG} {__version__}")
    _global_options(parser)
    parsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name, (summary, build) in GROUPS.items():
        sub = _group(parsers, name, summary)
        if argv is None or name == wanted:
            build(sub)
    _completion(parsers)
    return parser
