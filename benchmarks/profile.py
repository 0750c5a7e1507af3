"""``python -m benchmarks.profile``: the profiles behind the figures that miss.

``startup``: the app's launch and the bare window's, each under pyinstrument, with the
time PySide6 spends building Python enum classes. ``memory``: the peak RSS of a fresh
interpreter after importing each part of what the app loads, to show where the
megabytes come from.
"""

from __future__ import annotations

import argparse
import sys

from benchmarks.common import (
    BARE_WINDOW,
    PROBES,
    UNUSED_ENDPOINT_KEYS,
    Workspace,
    median,
    run_child,
)

#: What the app loads, in the order it loads it; each line is measured in its own process.
MEMORY_STEPS = (
    ("a bare interpreter", "pass"),
    ("PySide6.QtWidgets", "import PySide6.QtWidgets"),
    ("the app's window modules", "import aitems_desktop.app, aitems_desktop.gui.main_window"),
    ("requests", "import requests"),
    ("pydantic + the models", "import aitems_desktop.core.models"),
    ("the client (requests + pydantic + models)", "import aitems_desktop.core.client"),
    (
        "PySide6.QtWidgets + window modules + client",
        "import aitems_desktop.gui.main_window, aitems_desktop.core.client",
    ),
)


def profile_startup(workspace: Workspace) -> None:
    env = workspace.env(AITEMS_DESKTOP_EXIT_AFTER_FIRST_PAINT="1", **UNUSED_ENDPOINT_KEYS)
    probe = str(PROBES / "startup_profile.py")
    for title, args in (("app", ["app"]), ("bare window", ["bare", str(BARE_WINDOW)])):
        run_child([sys.executable, probe, *args], env)  # untimed: bytecode, page cache
        run = run_child([sys.executable, probe, *args], env)
        print(f"===== {title} =====")
        print(run.stdout)
        if run.returncode:
            print(run.stderr)


def profile_memory(workspace: Workspace) -> None:
    env = workspace.env(QT_QPA_PLATFORM="offscreen")
    print("peak RSS of a fresh interpreter after each import (median of 3 runs)")
    for title, code in MEMORY_STEPS:
        sizes = [run_child([sys.executable, "-c", code], env).maxrss_kb for _ in range(3)]
        print(f"  {median(sizes) / 1024:6.1f} MB  {title}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__)
    parser.add_argument("what", choices=["startup", "memory"])
    args = parser.parse_args(argv)
    workspace = Workspace()
    try:
        if args.what == "startup":
            profile_startup(workspace)
        else:
            profile_memory(workspace)
    finally:
        workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
