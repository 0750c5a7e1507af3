"""``aitems`` and ``python -m aitems_desktop.cli``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from aitems_desktop.cli.app import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
