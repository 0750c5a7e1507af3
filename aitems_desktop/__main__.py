"""``aitems-desktop`` and ``python -m aitems_desktop``.

``--version`` is answered here, before anything imports Qt.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if "--version" in args or "-V" in args:
        from aitems_desktop import __version__

        print(f"aitems-desktop {__version__}")
        return 0
    from aitems_desktop.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
