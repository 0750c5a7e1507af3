"""The command-line tool: ``aitems --help`` and ``aitems services list --output json``.

Each run is a fresh process, as a person or a script starts it: the installed ``aitems``
script (what ``uv run aitems`` runs). ``--help`` is held against ``python -c "import
argparse"`` (the least any argparse tool costs); ``services list`` against
``probes/plain_list.py``, a script that signs the same GET by hand, sends it with requests and
prints the JSON, with the same keys from the environment, against the same sandbox (in its own
process, 20 services). Runs alternate (rotated each round) after one untimed run of each; the
figures are ratios of medians.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from benchmarks.common import (
    PROBES,
    Result,
    Sizes,
    Workspace,
    median,
    run_child,
    sandbox_process,
)

HELP_TARGET = 2.0
LIST_TARGET = 1.3
SERVICES = 20


def aitems_command(*args: str) -> list[str]:
    """The installed ``aitems`` script, or ``python -m aitems_desktop.cli`` without one."""
    script = Path(sys.executable).with_name("aitems")
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-m", "aitems_desktop.cli", *args]


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    run = run_child(cmd, env)
    elapsed = (time.perf_counter() - start) * 1000
    if run.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {run.returncode}: {run.stderr[-2000:]}")
    return elapsed


def _alternate(
    commands: dict[str, tuple[list[str], dict[str, str]]], rounds: int
) -> dict[str, list[float]]:
    for cmd, env in commands.values():
        _timed(cmd, env)  # untimed: writes bytecode, warms the page cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    names = list(commands)
    for i in range(rounds):
        for name in names[i % len(names) :] + names[: i % len(names)]:
            cmd, env = commands[name]
            times[name].append(_timed(cmd, env))
    return times


def _seed(base_url: str, access: str, secret: str) -> None:
    from aitems_desktop.core.connection import Connection
    from aitems_desktop.core.models import CreateServiceRequest

    connection = Connection("bench", base_url, access, secret)
    with connection.api() as api:
        for i in range(SERVICES):
            api.services.create(CreateServiceRequest(name=f"bench_list_{i:03d}"))


def _load() -> str:
    try:
        with open("/proc/loadavg", encoding="ascii") as stream:
            return "load average " + " ".join(stream.read().split()[:3])
    except OSError:
        return "load average unknown"


def measure(sizes: Sizes, workspace: Workspace) -> list[Result]:
    rounds = max(1, sizes.startup_rounds)
    results = []
    load_before = _load()
    help_times = _alternate(
        {
            "argparse": ([sys.executable, "-c", "import argparse"], workspace.env()),
            "help": (aitems_command("--help"), workspace.env()),
        },
        rounds,
    )
    base, ours = median(help_times["argparse"]), median(help_times["help"])
    results.append(
        Result(
            "cli --help",
            f"{ours / base:.2f}x ({ours:.0f} ms vs {base:.0f} ms)",
            f"<= {HELP_TARGET}x python -c 'import argparse'",
            ours / base <= HELP_TARGET,
            [
                f"cli --help: median of {rounds} alternating runs each; aitems "
                f"{min(help_times['help']):.0f}-{max(help_times['help']):.0f} ms, argparse "
                f"{min(help_times['argparse']):.0f}-{max(help_times['argparse']):.0f} ms; "
                f"{load_before}"
            ],
        )
    )
    with sandbox_process(workspace) as sandbox:
        _seed(sandbox.base_url, sandbox.access_key, sandbox.secret_key)
        keys = {
            "NCLOUD_ACCESS_KEY": sandbox.access_key,
            "NCLOUD_SECRET_KEY": sandbox.secret_key,
            "AITEMS_ENDPOINT": sandbox.base_url,
            # No profiles: the keys come from the environment, as in CI.
            "AITEMS_DESKTOP_CONFIG_DIR": str(workspace.root / "cli-config"),
        }
        env = workspace.env(**keys)
        ours_cmd = aitems_command("services", "list", "--output", "json")
        plain_cmd = [sys.executable, str(PROBES / "plain_list.py")]
        check = run_child(ours_cmd, env)
        listed = json.loads(check.stdout)["services"]
        if len(listed) != SERVICES:
            raise RuntimeError(f"aitems listed {len(listed)} services, not {SERVICES}")
        list_times = _alternate({"plain": (plain_cmd, env), "aitems": (ours_cmd, env)}, rounds)
    base, ours = median(list_times["plain"]), median(list_times["aitems"])
    results.append(
        Result(
            "cli services list",
            f"{ours / base:.2f}x ({ours:.0f} ms vs {base:.0f} ms)",
            f"<= {LIST_TARGET}x requests script",
            ours / base <= LIST_TARGET,
            [
                f"cli services list: median of {rounds} alternating runs each, {SERVICES} "
                f"services; aitems {min(list_times['aitems']):.0f}-"
                f"{max(list_times['aitems']):.0f} ms, script "
                f"{min(list_times['plain']):.0f}-{max(list_times['plain']):.0f} ms; "
                f"{_load()}"
            ],
        )
    )
    return results
