"""``aitems completion SHELL``: the completion script, from argcomplete.

The script asks ``aitems`` itself for the candidates (argcomplete's protocol, with
``_ARGCOMPLETE`` in the environment), so it always matches the installed commands.
"""

from __future__ import annotations

from aitems_desktop.cli.context import Context
from aitems_desktop.cli.spec import PROG


def completion(ctx: Context) -> None:
    from argcomplete.shell_integration import shellcode

    ctx.stdout.write(shellcode([PROG], shell=ctx.args.shell))
    ctx.stdout.flush()
