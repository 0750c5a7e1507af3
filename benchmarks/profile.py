"""``python -m benchmarks.profile``: the profiles behind the figures that miss.

``startup``: the app's launch and the bare window's, each under pyinstrument, with the
time PySide6 spends building Python enum classes. ``memory``: the peak RSS of a fresh
interpreter after importing each part of what the app loads, to show where the
megabytes come from.
"""

from __future__ import annotations

import argparse
import json
import sys

from benchmarks.common import (
    BARE_WINDOW,
    PROBES,
    UNUSED_ENDPOINT_KEYS,
    Workspace,
    app_command,
    median,
    run_child,
)

#: What the app loads, in the order it loads it; each line is measured in its own process.
MEMORY_STEPS = (
    ("a bare interpreter", "pass"),
    ("PySide6.QtWidgets", "import PySide6.QtWidgets"),
    (
        "the app's window modules",
        "import aitems_desktop.app, aitems_desktop.gui.shell.workspace_window",
    ),
    ("requests", "import requests"),
    ("pydantic + the models", "import aitems_desktop.core.models"),
    ("the API (requests + pydantic + models)", "import aitems_desktop.core.api"),
    (
        "PySide6.QtWidgets + window modules + API",
        "import aitems_desktop.gui.shell.workspace_window, aitems_desktop.core.api",
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
    print("app phases, ms from interpreter start to the end of each (median of 5 runs)")
    phases: dict[str, list[float]] = {}
    for _ in range(5):
        run = run_child([sys.executable, str(PROBES / "startup_phases.py")], env)
        marks = json.loads(run.stdout.strip().splitlines()[-1])
        for name, ms in marks.items():
            phases.setdefault(name, []).append(ms)
    previous = 0.0
    for name, values in phases.items():
        at = median(values)
        print(f"  {at:6.1f} (+{at - previous:5.1f})  {name}")
        previous = at
    print("time spent building enum classes, without the profiler (median of 5 runs)")
    for title, args in (("app", ["app"]), ("bare window", ["bare", str(BARE_WINDOW)])):
        totals, counts = [], []
        for _ in range(5):
            run = run_child([sys.executable, probe, "--enums-only", *args], env)
            line = next(x for x in run.stdout.splitlines() if x.startswith("enums "))
            counts.append(int(line.split()[1]))
            totals.append(float(line.split()[2]))
        print(f"  {title}: {median(counts):.0f} enum classes, {median(totals):.1f} ms")


def profile_memory(workspace: Workspace) -> None:
    env = workspace.env(QT_QPA_PLATFORM="offscreen")
    print("peak RSS of a fresh interpreter after each import (median of 3 runs)")
    for title, code in MEMORY_STEPS:
        sizes = [run_child([sys.executable, "-c", code], env).maxrss_kb for _ in range(3)]
        print(f"  {median(sizes) / 1024:6.1f} MB  {title}")
    painted = workspace.env(AITEMS_DESKTOP_EXIT_AFTER_FIRST_PAINT="1", **UNUSED_ENDPOINT_KEYS)
    for title, cmd in (
        ("the bare window, painted", [sys.executable, str(BARE_WINDOW)]),
        ("the app, at its first paint", app_command()),
    ):
        sizes = [run_child(cmd, painted).maxrss_kb for _ in range(3)]
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
