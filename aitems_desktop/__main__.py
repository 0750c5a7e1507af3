"""``aitems-desktop`` and ``python -m aitems_desktop``.

Core dumps are turned off before anything else runs (the secret key will be in memory), and
the command line is checked before anything imports Qt: ``--help``, ``--version`` and a
wrong option answer at once, and a missing display is said in words instead of Qt's abort.
"""

from __future__ import annotations

import sys

from aitems_desktop.core.hardening import disable_core_dumps
from aitems_desktop.start_signals import note_signals


def main(argv: list[str] | None = None) -> int:
    note_signals()
    hardening = disable_core_dumps()
    args = sys.argv[1:] if argv is None else argv
    from aitems_desktop.command_line import EXIT_INTERRUPTED

    try:
        from aitems_desktop.app import run

        return run(args, hardening=hardening)
    except KeyboardInterrupt:
        # Ctrl+C before the event loop took over the signal (while Qt loads, say).
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
