"""``aitems`` and ``python -m aitems_desktop.cli``."""

from __future__ import annotations

import sys

from aitems_desktop.core.hardening import disable_core_dumps


def main(argv: list[str] | None = None) -> int:
    # First: the secret key will be in this process's memory.
    disable_core_dumps()
    from aitems_desktop.cli.app import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
