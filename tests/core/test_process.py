"""core.process: core dumps are off after disable_core_dumps(), in a process of its own."""

from __future__ import annotations

import subprocess
import sys

import pytest

CHILD = """
import ctypes, resource, sys
from aitems_desktop.core.process import disable_core_dumps
state = disable_core_dumps()
soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
dumpable = ctypes.CDLL(None).prctl(3, 0, 0, 0, 0)  # PR_GET_DUMPABLE
print(state.rlimit_zero, state.not_dumpable, soft, hard, dumpable)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_core_dumps_are_off_on_linux() -> None:
    run = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["True", "True", "0", "0", "0"]


def test_it_never_raises_here() -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "from aitems_desktop.core.process import disable_core_dumps\n"
            "print(disable_core_dumps())",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("CoreDumpState(")
