"""The Windows installer: Inno Setup compiles packaging/windows/aitems-desktop.iss."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path


def find_iscc() -> Path:
    """Inno Setup's command-line compiler: $INNO_SETUP_COMPILER, PATH, or where it installs."""
    candidates = [os.environ.get("INNO_SETUP_COMPILER"), shutil.which("iscc")]
    for base in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA"):
        root = os.environ.get(base)
        if root:
            sub = "Programs" if base == "LOCALAPPDATA" else ""
            candidates.append(str(Path(root, sub, "Inno Setup 6", "ISCC.exe")))
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise SystemExit(
        "Inno Setup 6 not found: install it (choco install innosetup, or from jrsoftware.org) "
        "or set INNO_SETUP_COMPILER to ISCC.exe"
    )


def build_setup(repo: Path, bundle: Path, dist: Path, version: str) -> Path:
    """Build dist/aitems-desktop-<version>-setup.exe from the bundle; returns its path."""
    subprocess.run(
        [
            str(find_iscc()),
            "/Qp",
            f"/DAppVersion={version}",
            f"/DBundleDir={bundle}",
            f"/DOutputDir={dist}",
            f"/DRepoRoot={repo}",
            str(repo / "packaging" / "windows" / "aitems-desktop.iss"),
        ],
        check=True,
    )
    return dist / f"aitems-desktop-{version}-setup.exe"
