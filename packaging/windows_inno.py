"""The Windows installer: Inno Setup compiles packaging/windows/aitems-desktop.iss.

Code signing is optional: with WINDOWS_SIGN_THUMBPRINT set (the SHA-1 thumbprint of a
code-signing certificate in the user's certificate store; the workflow imports it from its
secrets), both executables, the setup and its uninstaller are signed with signtool and a
timestamp, and the signatures verified. Without it they are unsigned (SmartScreen warns).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

MIN_INNO = (6, 3)  # x64compatible, the official Korean messages
TIMESTAMP_URL = os.environ.get("WINDOWS_TIMESTAMP_URL", "http://timestamp.digicert.com")


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
        "Inno Setup 6.3+ not found: install it (choco install innosetup, or from "
        "jrsoftware.org) or set INNO_SETUP_COMPILER to ISCC.exe"
    )


def iscc_version(iscc: Path) -> tuple[int, ...]:
    """The compiler's version, from its banner ("Inno Setup 6 Command-Line Compiler ...
    Compiler engine version: Inno Setup 6.5.4")."""
    banner = subprocess.run([str(iscc), "/?"], capture_output=True, text=True, check=False)
    match = re.search(r"Inno Setup (\d+)\.(\d+)\.(\d+)", banner.stdout + banner.stderr)
    if match is None:
        raise SystemExit(f"cannot read the version of {iscc}")
    return tuple(int(x) for x in match.groups())


def find_signtool() -> Path:
    """signtool.exe of the newest Windows SDK (or SIGNTOOL)."""
    given = os.environ.get("SIGNTOOL") or shutil.which("signtool")
    if given:
        return Path(given)
    kits = Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "Windows Kits"
    found = sorted(kits.glob("10/bin/10.*/x64/signtool.exe"))
    if not found:
        raise SystemExit("signtool.exe not found: install the Windows SDK or set SIGNTOOL")
    return found[-1]


def sign_command(signtool: Path, thumbprint: str) -> list[str]:
    """signtool's sign command for a certificate in the user's store, timestamped."""
    return [
        str(signtool), "sign", "/sha1", thumbprint, "/fd", "sha256",
        "/tr", TIMESTAMP_URL, "/td", "sha256",
    ]  # fmt: skip


def build_setup(repo: Path, bundle: Path, dist: Path, version: str) -> Path:
    """Build dist/aitems-desktop-<version>-setup.exe from the bundle; returns its path."""
    iscc = find_iscc()
    found = iscc_version(iscc)
    if found[:2] < MIN_INNO:
        raise SystemExit(f"Inno Setup {'.'.join(map(str, found))} is too old: 6.3+ is needed")
    print(f"Inno Setup {'.'.join(map(str, found))}: {iscc}")
    defines = [
        f"/DAppVersion={version}",
        f"/DBundleDir={bundle}",
        f"/DOutputDir={dist}",
        f"/DRepoRoot={repo}",
    ]
    thumbprint = os.environ.get("WINDOWS_SIGN_THUMBPRINT", "").strip()
    signtool = find_signtool() if thumbprint else None
    if signtool:
        for exe in ("aitems-desktop.exe", "aitems.exe"):
            subprocess.run([*sign_command(signtool, thumbprint), str(bundle / exe)], check=True)
        # Inno Setup puts the file to sign where $f stands.
        command = subprocess.list2cmdline(sign_command(signtool, thumbprint)) + " $f"
        defines += ["/DSign", f"/Ssigntool={command}"]
    else:
        print("unsigned setup: set WINDOWS_SIGN_THUMBPRINT to sign (docs/packaging.md)")
    subprocess.run(
        [str(iscc), "/Qp", *defines, str(repo / "packaging" / "windows" / "aitems-desktop.iss")],
        check=True,
    )
    out = dist / f"aitems-desktop-{version}-setup.exe"
    if signtool:
        for signed in (out, bundle / "aitems-desktop.exe", bundle / "aitems.exe"):
            subprocess.run([str(signtool), "verify", "/pa", str(signed)], check=True)
    return out
