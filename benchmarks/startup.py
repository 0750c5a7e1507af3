"""Startup: process start to the workspace window's first paint, against a bare QMainWindow.

Each command runs as a fresh process with the offscreen platform. The app prints
``time.monotonic()`` (one clock for all processes) after its first frame
(``AITEMS_DESKTOP_EXIT_AFTER_FIRST_PAINT=1``) and quits; the bare window script does the
same. Runs alternate (bare, app, app --sandbox, then rotated), one untimed run of each
first; the figure is the ratio of the medians.
"""

from __future__ import annotations

import sys

from benchmarks.common import (
    BARE_WINDOW,
    UNUSED_ENDPOINT_KEYS,
    Result,
    Sizes,
    Workspace,
    app_command,
    median,
    run_child,
)

TARGET = 1.3


def _first_paint_ms(cmd: list[str], env: dict[str, str]) -> float:
    run = run_child(cmd, env)
    for line in run.stdout.splitlines():
        if line.startswith("first-paint "):
            return (float(line.split()[1]) - run.started) * 1000
    raise RuntimeError(
        f"{' '.join(cmd)} printed no first-paint line (exit {run.returncode}): {run.stderr}"
    )


def measure(sizes: Sizes, workspace: Workspace) -> list[Result]:
    probe = {"AITEMS_DESKTOP_EXIT_AFTER_FIRST_PAINT": "1"}
    # A launch with keys from the environment is what a user with an account runs; the
    # endpoint is never contacted before the first paint (nor at all: the app quits).
    credentials = UNUSED_ENDPOINT_KEYS
    korean = {"LANG": "ko_KR.UTF-8", "LANGUAGE": "ko", "LC_ALL": "", "LC_MESSAGES": ""}
    commands = {
        "bare": ([sys.executable, str(BARE_WINDOW)], workspace.env()),
        "app": (app_command(), workspace.env(**probe, **credentials)),
        "sandbox": (app_command("--sandbox"), workspace.env(**probe)),
        # The Korean locale: the app loads Qt's and its own translators and lays out Hangul
        # (a CJK font) in its first frame; the bare window is measured under it too.
        "bare-ko": ([sys.executable, str(BARE_WINDOW)], workspace.env(**korean)),
        "app-ko": (app_command(), workspace.env(**probe, **credentials, **korean)),
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for cmd, env in commands.values():
        _first_paint_ms(cmd, env)  # untimed: writes bytecode, warms the page cache
    names = list(commands)
    for i in range(sizes.startup_rounds):
        order = names[i % len(names) :] + names[: i % len(names)]
        for name in order:
            cmd, env = commands[name]
            times[name].append(_first_paint_ms(cmd, env))
    results = []
    for name, label, baseline in (
        ("app", "startup", "bare"),
        ("sandbox", "startup --sandbox", "bare"),
        ("app-ko", "startup, Korean locale", "bare-ko"),
    ):
        bare = median(times[baseline])
        app = median(times[name])
        ratio = app / bare
        results.append(
            Result(
                label,
                f"{ratio:.2f}x ({app:.0f} ms vs {bare:.0f} ms)",
                f"<= {TARGET}x bare window",
                ratio <= TARGET,
                [
                    f"{label}: median of {len(times[name])} runs, "
                    f"app {min(times[name]):.0f}-{max(times[name]):.0f} ms, "
                    f"bare {min(times[baseline]):.0f}-{max(times[baseline]):.0f} ms"
                ],
            )
        )
    return results
