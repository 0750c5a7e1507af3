"""Build the Linux installers from a clean clone of HEAD, as CI does, for the packaging tests.

Uncommitted changes are not in the build: it is what is committed that ships.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NAME = "aitems-desktop"
CLI = "aitems"
STRICT = os.environ.get("AITEMS_CI_STRICT") == "1"
BUILD_TOOLS = (
    "git",
    "uv",
    "dpkg-deb",
    "dpkg-shlibdeps",
    "desktop-file-validate",
    "strip",
    "patchelf",
    "help2man",
)


# What the packaging tests measured, printed at the end of the run (conftest.py): the figures
# in docs/packaging.md come from there.
FIGURES: dict[str, str] = {}


def need(ok: object, why: str) -> None:
    """Skip when something the test needs is missing; in CI (AITEMS_CI_STRICT=1) fail."""
    if not ok:
        if STRICT:
            pytest.fail(f"missing: {why}")
        pytest.skip(f"missing: {why}")


@dataclass(frozen=True)
class Build:
    version: str
    src: Path  # the clean clone it was built from
    bundle: Path
    deb: Path
    tarball: Path
    root: Path  # the .deb extracted with dpkg-deb -x
    log: str  # build.py's output


def build_env() -> dict[str, str]:
    # The clone gets its own .venv; uv's cache stays where it is (a cold cache costs minutes).
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "SOURCE_DATE_EPOCH"}
    }
    env["UV_PYTHON_DOWNLOADS"] = "never"
    return env


def run(
    args: list[str | Path],
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120,
) -> str:
    result = subprocess.run(
        [str(a) for a in args],
        env=env if env is not None else build_env(),
        cwd=cwd,
        timeout=timeout,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (
        f"{args} exited {result.returncode}:\n{result.stdout[-3000:]}\n{result.stderr[-4000:]}"
    )
    return result.stdout


def build_clean_clone(tmp: Path) -> Build:
    """Clone HEAD into tmp/src, build the .deb and tarball there, extract the .deb."""
    for tool in BUILD_TOOLS:
        need(shutil.which(tool), f"the {tool} command (.ci/run installs it)")
    need((REPO / ".git").exists(), "a git checkout to clone")
    env = build_env()
    # Its own PyInstaller cache: the two builds of the reproducibility test run at once.
    env["PYINSTALLER_CONFIG_DIR"] = str(tmp / "pyinstaller-cache")
    src = tmp / "src"
    head = run(["git", "-C", REPO, "rev-parse", "HEAD"], env).strip()
    run(["git", "clone", "--quiet", "--no-checkout", REPO, src], env)
    run(["git", "-C", src, "checkout", "--quiet", head], env)
    run(["uv", "sync", "--locked", "--quiet"], env, cwd=src, timeout=600)
    dist = tmp / "dist"
    started = time.monotonic()
    log = run(
        [
            "uv",
            "run",
            "--locked",
            "packaging/build.py",
            "--tarball",
            "--dist",
            dist,
            "--work",
            tmp / "work",
        ],
        env,
        cwd=src,
        timeout=1500,
    )
    FIGURES[f"build.py in {tmp.name}"] = f"{time.monotonic() - started:.0f} s"
    text = (src / "aitems_desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    assert match is not None
    debs = sorted(dist.glob("*.deb"))
    assert len(debs) == 1, debs
    tarballs = sorted(dist.glob("*.tar.gz"))
    assert len(tarballs) == 1, tarballs
    root = tmp / "root"
    run(["dpkg-deb", "-x", debs[0], root], env)
    return Build(match.group(1), src, dist / NAME, debs[0], tarballs[0], root, log)
