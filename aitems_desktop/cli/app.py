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

from aitems_desktop.cli.spec import PROG, build_parser

TYPE_CHECKING = False  # not typing's: see spec.py
if TYPE_CHECKING:
    from typing import Any, Final, TextIO

    from aitems_desktop.cli.context import Context

#: 128 + SIGPIPE, what a shell reports for a writer whose reader went away (``| head``).
BROKEN_PIPE: Final = 141
#: ExitCode.USAGE, spelled here so that a usage error imports nothing more.
USAGE: Final = 2


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
    from aitems_desktop.cli.terminal import wrap

    # The one place output is set up: every write after this is escaped (see terminal.py).
    err = wrap(stderr or sys.stderr)
    out = wrap(stdout or sys.stdout)
    completing = bool(os.environ.get("_ARGCOMPLETE"))
    parser = build_parser(None if completing else argv)
    if completing:
        _complete(parser)
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else USAGE
    handler: str | None = getattr(args, "handler", None)
    if handler is None:
        target: argparse.ArgumentParser = getattr(args, "group_parser", parser)
        target.print_help(err)
        return USAGE
    # Imported only now: --help and usage errors need none of it.
    from aitems_desktop.cli.context import Context

    ctx = Context(args, env=env, stdin=stdin, stdout=out, stderr=err)
    try:
        return int(_dispatch(ctx, handler))
    finally:
        ctx.close()


def _dispatch(ctx: Context, handler: str) -> int:
    from aitems_desktop.cli.context import CommandError, InterruptedByUserError, UsageError
    from aitems_desktop.cli.exitcodes import ExitCode, exit_code_for
    from aitems_desktop.cli.report import print_error
    from aitems_desktop.cli.terminal import one_line
    from aitems_desktop.core import errors

    err = ctx.stderr
    module_name, _, function = handler.partition(":")
    try:
        module = importlib.import_module(f"aitems_desktop.cli.commands.{module_name}")
        command: Any = getattr(module, function)
        try:
            command(ctx)
        except errors.NotFoundError as exc:
            from aitems_desktop.cli.notfound import retry_by_name

            # A name where the ID goes: run once more with the ID it names.
            if not retry_by_name(ctx, handler, exc):
                raise
            command(ctx)
        return ExitCode.OK
    except UsageError as exc:
        err.write(f"{PROG}: {one_line(exc.message)}\n" + _hint(exc.hint))
        return ExitCode.USAGE
    except CommandError as exc:
        err.write(f"{PROG}: {one_line(exc.message)}\n" + _hint(exc.hint))
        return exc.code
    except InterruptedByUserError as exc:
        err.write(f"{PROG}: {one_line(exc.message)}\n")
        return ExitCode.INTERRUPTED
    except KeyboardInterrupt:
        err.write(f"{PROG}: Interrupted.\n")
        return ExitCode.INTERRUPTED
    except errors.AitemsError as exc:
        if type(exc) is errors.NotFoundError and exc.hint == errors.NotFoundError.default_hint:
            from aitems_desktop.cli.notfound import not_found_hint

            exc.hint = not_found_hint(ctx, exc)
        print_error(exc, err)
        return exit_code_for(exc)
    except BrokenPipeError:
        # The reader left (``aitems ... | head``): say nothing more, and keep Python from
        # complaining about the flush at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, ctx.stdout.fileno())
        return BROKEN_PIPE


def _hint(hint: str | None) -> str:
    from aitems_desktop.cli.terminal import one_line

    return f"  hint: {one_line(hint)}\n" if hint else ""
