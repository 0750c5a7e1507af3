"""What the figures share: results, child processes, the sandbox in its own process."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

PROBES = Path(__file__).parent / "probes"
BARE_WINDOW = PROBES / "bare_window.py"
#: The throwaway key pair the benchmarks' sandboxes accept (and the start-up runs carry).
BENCH_ACCESS_KEY = "BENCHACCESSKEY000001"
BENCH_SECRET_KEY = "benchsecretkey0000000000000000000000001"  # noqa: S105 (not a secret)
#: Keys from the environment, for a launch that never reaches the endpoint.
UNUSED_ENDPOINT_KEYS = {
    "NCLOUD_ACCESS_KEY": BENCH_ACCESS_KEY,
    "NCLOUD_SECRET_KEY": BENCH_SECRET_KEY,
    "AITEMS_ENDPOINT": "http://127.0.0.1:9/api/v1",
}


@dataclass
class Result:
    """One row of the table."""

    figure: str
    measured: str
    target: str
    passed: bool
    details: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Sizes:
    """How much each figure measures: the full suite, or --quick's tiny run."""

    quick: bool
    startup_rounds: int
    create_runs: int
    latency_ms: int
    client_reps: int
    tree_infers: int
    tree_datasets: int
    tree_reps: int
    #: profiles.json is read with this many profiles and with ten times as many.
    profiles: int


FULL = Sizes(False, 21, 5, 2000, 300, 10_000, 1_000, 9, 1_000)
QUICK = Sizes(True, 1, 1, 200, 3, 100, 10, 1, 100)


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


class Workspace:
    """A throwaway HOME-like place: settings, logs and caches of the child processes."""

    def __init__(self, *, write_bytecode: bool = True) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="aitems-bench-"))
        self.write_bytecode = write_bytecode

    def env(self, **extra: str) -> dict[str, str]:
        env = dict(os.environ)
        if self.write_bytecode:
            # An installed app runs from compiled bytecode: let the children write it (the
            # first, untimed run of each command does) rather than compile on every start.
            env.pop("PYTHONDONTWRITEBYTECODE", None)
        for name in ("NCLOUD_ACCESS_KEY", "NCLOUD_SECRET_KEY", "AITEMS_ENDPOINT"):
            env.pop(name, None)
        env.update(
            QT_QPA_PLATFORM="offscreen",
            XDG_CONFIG_HOME=str(self.root / "config"),
            XDG_CACHE_HOME=str(self.root / "cache"),
            XDG_DATA_HOME=str(self.root / "data"),
            AITEMS_DESKTOP_LOG_DIR=str(self.root / "logs"),
        )
        env.update(extra)
        return env

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def app_command(*args: str) -> list[str]:
    """The installed launcher (what ``uv run aitems-desktop`` runs), or ``-m`` without one."""
    script = Path(sys.executable).with_name("aitems-desktop")
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-m", "aitems_desktop", *args]


class ChildRun(NamedTuple):
    returncode: int
    stdout: str
    stderr: str
    maxrss_kb: int
    started: float


def run_child(cmd: list[str], env: dict[str, str], timeout: float = 60.0) -> ChildRun:
    """Run ``cmd`` to its end; note when it was started and its peak RSS (from wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=err)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.002)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ChildRun(
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            usage.ru_maxrss,  # kilobytes on Linux
            started,
        )


class Sandbox(NamedTuple):
    base_url: str
    access_key: str
    secret_key: str


@contextlib.contextmanager
def sandbox_process(workspace: Workspace, latency_ms: int = 0) -> Iterator[Sandbox]:
    """``aitems-sandbox`` in its own process, so it takes no time from the measured one."""
    access, secret = BENCH_ACCESS_KEY, BENCH_SECRET_KEY
    log = workspace.root / f"sandbox-{time.monotonic_ns()}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "aitems_desktop.sandbox",
                "--access-key",
                access,
                "--secret-key",
                secret,
                "--latency-ms",
                str(latency_ms),
            ],
            env=workspace.env(),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            match = re.search(r"AiTEMS sandbox at (\S+)", log.read_text("utf-8", "replace"))
            if match:
                break
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the sandbox did not start: {log.read_text()}")
            time.sleep(0.01)
        yield Sandbox(match.group(1), access, secret)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
