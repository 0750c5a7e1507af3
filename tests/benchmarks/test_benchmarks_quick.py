"""The benchmark suite still runs: ``python -m benchmarks --quick`` end to end.

Timings on a shared CI machine mean nothing, so this checks only that every figure was
measured and printed, never what it measured.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIGURES = (
    "startup",
    "startup --sandbox",
    "cli --help",
    "cli services list",
    "responsiveness",
    "memory",
    "client overhead",
    "profiles",
    "workspace lists",
    "filter keystroke",
    "expand all",
    "csv check speed",
    "csv check memory",
    "upload throughput",
    "upload cancel",
)


@pytest.mark.slow
def test_quick_mode_measures_every_figure() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=150,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    rows = {
        m.group(1).strip(): m.group(2).strip()
        for m in re.finditer(r"^\| ([^|]+)\|[^|]+\|[^|]+\| (pass|MISS)\s*\|$", run.stdout, re.M)
    }
    for figure in FIGURES:
        assert figure in rows, f"no row for {figure!r} in:\n{run.stdout}\n{run.stderr}"
    assert "Traceback" not in run.stderr, run.stderr
