"""The macOS installer: the .app (PyInstaller's BUNDLE) in a compressed .dmg.

Signing and notarization happen only when their keys are present (see docs/packaging.md):

    MACOS_SIGN_IDENTITY     "Developer ID Application: Name (TEAMID)", in the login keychain;
                            the spec signs every binary and the .app with the hardened runtime
                            and packaging/macos/entitlements.plist; here the .dmg is signed
    MACOS_NOTARY_PROFILE    a profile saved by `xcrun notarytool store-credentials`, or
    MACOS_NOTARY_APPLE_ID, MACOS_NOTARY_TEAM_ID, MACOS_NOTARY_PASSWORD (app-specific password)

Without them the .dmg is unsigned (the binaries carry the ad-hoc signature arm64 requires):
fine for CI and testing; users then have to open it with right-click > Open.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from pathlib import Path

VOLUME = "AiTEMS Desktop"


def _notary_credentials() -> list[str] | None:
    profile = os.environ.get("MACOS_NOTARY_PROFILE")
    if profile:
        return ["--keychain-profile", profile]
    keys = ("MACOS_NOTARY_APPLE_ID", "MACOS_NOTARY_TEAM_ID", "MACOS_NOTARY_PASSWORD")
    values = [os.environ.get(k) for k in keys]
    if all(values):
        apple_id, team, password = values
        return ["--apple-id", str(apple_id), "--team-id", str(team), "--password", str(password)]
    return None


def build_dmg(repo: Path, app: Path, work: Path, dist: Path, version: str) -> Path:
    """Build dist/aitems-desktop-<version>-macos-<arch>.dmg from the .app; returns its path."""
    identity = os.environ.get("MACOS_SIGN_IDENTITY")
    if identity:
        # The spec signed it; check the signature holds for every nested binary.
        subprocess.run(["codesign", "--verify", "--deep", "--strict", str(app)], check=True)

    stage = work / "dmg"
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    # ditto keeps the bundle's symlinks, extended attributes and signatures intact.
    subprocess.run(["ditto", str(app), str(stage / app.name)], check=True)
    (stage / "Applications").symlink_to("/Applications")  # drag-to-install target

    out = dist / f"aitems-desktop-{version}-macos-{platform.machine()}.dmg"
    out.unlink(missing_ok=True)
    subprocess.run(
        [
            "hdiutil", "create", "-volname", VOLUME, "-srcfolder", str(stage),
            "-fs", "HFS+", "-format", "UDZO", "-ov", str(out),
        ],
        check=True,
    )  # fmt: skip

    if identity:
        subprocess.run(["codesign", "--sign", identity, "--timestamp", str(out)], check=True)
        credentials = _notary_credentials()
        if credentials:
            subprocess.run(
                ["xcrun", "notarytool", "submit", str(out), "--wait", *credentials], check=True
            )
            subprocess.run(["xcrun", "stapler", "staple", str(out)], check=True)
        else:
            print("signed, not notarized: no MACOS_NOTARY_* credentials")
    else:
        print("unsigned .dmg: set MACOS_SIGN_IDENTITY to sign (docs/packaging.md)")
    return out
