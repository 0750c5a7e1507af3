"""Responsiveness and memory: the real app creating one service against the sandbox.

Each run is a fresh ``aitems-desktop`` process (``probes/app_create.py``) talking to a
sandbox in another process that answers after ``latency_ms``. It records the longest gap
between 10 ms ticks of a timer on the GUI thread from the click on Create until the
answer is laid out; the parent reads the process's peak RSS from wait4. The bare window
(``probes/bare_window.py``) is run between them for the memory baseline.
"""

from __future__ import annotations

import json
import sys
import uuid
from typing import Any

from benchmarks.common import (
    BARE_WINDOW,
    PROBES,
    Result,
    Sizes,
    Workspace,
    median,
    run_child,
    sandbox_process,
)

GAP_TARGET_MS = 50.0
MEMORY_TARGET = 1.3


def _create_once(workspace: Workspace, env_keys: dict[str, str]) -> tuple[dict[str, Any], int]:
    name = f"bench_{uuid.uuid4().hex[:12]}"
    env = workspace.env(**env_keys, AITEMS_BENCH_SERVICE_NAME=name)
    run = run_child([sys.executable, str(PROBES / "app_create.py")], env, timeout=120)
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    report = json.loads(lines[-1]) if lines else {"error": run.stderr[-2000:]}
    if "error" in report or run.returncode != 0:
        raise RuntimeError(f"the create run failed (exit {run.returncode}): {report}")
    return report, run.maxrss_kb


def measure(sizes: Sizes, workspace: Workspace) -> list[Result]:
    gaps: list[float] = []
    gap_starts: list[float] = []
    waits: list[float] = []
    app_rss: list[int] = []
    bare_rss: list[int] = []
    bare_env = workspace.env(AITEMS_DESKTOP_EXIT_AFTER_FIRST_PAINT="1")
    with sandbox_process(workspace, sizes.latency_ms) as sandbox:
        env_keys = {
            "NCLOUD_ACCESS_KEY": sandbox.access_key,
            "NCLOUD_SECRET_KEY": sandbox.secret_key,
            "AITEMS_ENDPOINT": sandbox.base_url,
        }
        for _ in range(sizes.create_runs):
            report, rss = _create_once(workspace, env_keys)
            gaps.append(report["max_gap_ms"])
            gap_starts.append(report["max_gap_starts_ms_after_click"])
            if report["busy_workers_at_click"]:
                raise RuntimeError("start-up work was still running when Create was clicked")
            waits.append(report["wait_ms"])
            app_rss.append(rss)
            bare = run_child([sys.executable, str(BARE_WINDOW)], bare_env)
            if bare.returncode != 0:
                raise RuntimeError(f"the bare window failed: {bare.stderr}")
            bare_rss.append(bare.maxrss_kb)
    gap = median(gaps)
    app_mb, bare_mb = median(app_rss) / 1024, median(bare_rss) / 1024
    ratio = app_mb / bare_mb
    return [
        Result(
            "responsiveness",
            f"{gap:.1f} ms",
            f"<= {GAP_TARGET_MS:.0f} ms longest tick gap",
            gap <= GAP_TARGET_MS,
            [
                f"responsiveness: sandbox latency {sizes.latency_ms} ms; longest gap per run "
                "(and when it began, after the click) "
                + ", ".join(f"{g:.1f} (at +{t:.0f})" for g, t in zip(gaps, gap_starts, strict=True))
                + " ms (median shown); "
                f"click to answer laid out {median(waits):.0f} ms"
            ],
        ),
        Result(
            "memory",
            f"{ratio:.2f}x ({app_mb:.0f} MB vs {bare_mb:.0f} MB)",
            f"<= {MEMORY_TARGET}x bare window",
            ratio <= MEMORY_TARGET,
            [
                f"memory: peak RSS, median of {len(app_rss)} runs; app "
                f"{min(app_rss) / 1024:.1f}-{max(app_rss) / 1024:.1f} MB, bare "
                f"{min(bare_rss) / 1024:.1f}-{max(bare_rss) / 1024:.1f} MB"
            ],
        ),
    ]
