"""The command-line tool's entry: parse, run one command, turn its outcome into an exit code.

Only the standard library and the light parts of the core are imported here, so ``--help``
and argument errors cost little; a command's module (and with it requests and pydantic) is
imported when the command runs.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any, Final, TextIO

from aitems_desktop.cli.context import CommandError, Context, InterruptedByUserError, UsageError
from aitems_desktop.cli.exitcodes import ExitCode, exit_code_for
from aitems_desktop.cli.spec import PROG, build_parser
from aitems_desktop.core import errors

#: 128 + SIGPIPE, what a shell reports for a writer whose reader went away (``| head``).
BROKEN_PIPE: Final = 141

#: The core's hints speak of the window; here they point at commands.
_HINT_REPLACEMENTS: Final = (
    (
        "Open Credentials to see the profiles, or run without --profile.",
        "See the profiles with 'aitems profiles list', or run without --profile.",
    ),
    (
        "Open Credentials and enter the secret key.",
        "Store it again with 'aitems profiles add NAME --replace'.",
    ),
    ("(Credentials…)", "('aitems profiles add NAME --replace')"),
)
_CLASS_HINTS: Final[dict[type[errors.AitemsError], str]] = {
    errors.AuthenticationError: (
        "Check the keys with 'aitems profiles test'; store new ones with 'aitems profiles add "
        "NAME --replace'. Keys come from the NCP console's API authentication key page."
    ),
    errors.TlsError: (
        "For a private endpoint or an inspecting proxy, give its CA bundle: 'aitems profiles "
        "add NAME --ca-bundle PATH --replace', or AITEMS_CA_BUNDLE with keys from the "
        "environment. Never turn verification off for the public endpoint."
    ),
}


def hint_for(error: errors.AitemsError) -> str:
    """The error's hint, in the command line's words."""
    hint = error.hint or ""
    for cls, text in _CLASS_HINTS.items():
        if type(error) is cls and hint == cls.default_hint:
            return text
    for old, new in _HINT_REPLACEMENTS:
        hint = hint.replace(old, new)
    return hint


def _describe_existing(existing: object) -> str | None:
    for attribute in ("service_id", "dataset_id", "name"):
        value = getattr(existing, attribute, None)
        if isinstance(value, str) and value:
            return value
    return None


def print_error(error: errors.AitemsError, stream: TextIO) -> None:
    """The message, the server's own words and request id, and what to do, on stderr."""
    lines = [f"{PROG}: {error.message}"]
    if error.http_status is not None:
        code = f", code {error.error_code}" if error.error_code else ""
        lines.append(f"  HTTP {error.http_status}{code}")
    if error.details:
        lines.append(f"  details: {error.details}")
    if isinstance(error, errors.InvalidResponseError) and error.body_excerpt:
        lines.append(f"  the answer began: {error.body_excerpt}")
    if isinstance(error, errors.DuplicateNameError) and error.existing is not None:
        found = _describe_existing(error.existing)
        if found:
            lines.append(f"  existing: {found} (its fields differ from the ones given)")
    if isinstance(error, errors.OutcomeUnknownError):
        lines.append(f"  the request: {error.cause.message}")
        if error.lookup_error is not None:
            lines.append(f"  looking for it: {error.lookup_error.message}")
    if isinstance(error, errors.ActionRefusedError):
        lines.append(f"  refused before sending ({error.reason}); nothing was sent")
    if error.request_id:
        lines.append(f"  request id: {error.request_id}")
    hint = hint_for(error)
    if hint:
        lines.append(f"  hint: {hint}")
    stream.write("\n".join(lines) + "\n")
    stream.flush()


def _complete(parser: argparse.ArgumentParser) -> None:
    """argcomplete's protocol: answer the shell's question and exit."""
    import argcomplete

    argcomplete.autocomplete(parser)


def run(
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run ``aitems argv``; return the exit code."""
    err = stderr or sys.stderr
    parser = build_parser()
    if os.environ.get("_ARGCOMPLETE"):
        _complete(parser)
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else int(ExitCode.USAGE)
    handler: str | None = getattr(args, "handler", None)
    if handler is None:
        target: argparse.ArgumentParser = getattr(args, "group_parser", parser)
        target.print_help(err)
        return int(ExitCode.USAGE)
    ctx = Context(args, env=env, stdin=stdin, stdout=stdout, stderr=stderr)
    try:
        return int(_dispatch(ctx, handler))
    finally:
        ctx.close()


def _dispatch(ctx: Context, handler: str) -> int:
    err = ctx.stderr
    module_name, _, function = handler.partition(":")
    try:
        module = importlib.import_module(f"aitems_desktop.cli.commands.{module_name}")
        command: Any = getattr(module, function)
        command(ctx)
        return ExitCode.OK
    except UsageError as exc:
        err.write(f"{PROG}: {exc.message}\n" + (f"  hint: {exc.hint}\n" if exc.hint else ""))
        return ExitCode.USAGE
    except CommandError as exc:
        err.write(f"{PROG}: {exc.message}\n" + (f"  hint: {exc.hint}\n" if exc.hint else ""))
        return exc.code
    except InterruptedByUserError as exc:
        err.write(f"{PROG}: {exc.message}\n")
        return ExitCode.INTERRUPTED
    except KeyboardInterrupt:
        err.write(f"{PROG}: Interrupted.\n")
        return ExitCode.INTERRUPTED
    except errors.AitemsError as exc:
        print_error(exc, err)
        return exit_code_for(exc)
    except BrokenPipeError:
        # The reader left (``aitems ... | head``): say nothing more, and keep Python from
        # complaining about the flush at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, ctx.stdout.fileno())
        return BROKEN_PIPE
