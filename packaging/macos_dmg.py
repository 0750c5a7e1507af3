"""The macOS installer: the .app (PyInstaller's BUNDLE) in a compressed .dmg.

Signing and notarization happen only when their keys are present (see docs/packaging.md):

    MACOS_SIGN_IDENTITY     "Developer ID Application: Name (TEAMID)", in the login keychain;
                            the spec signs every binary and the .app with the hardened runtime
                            and packaging/macos/entitlements.plist; here the .dmg is signed
    MACOS_NOTARY_PROFILE    a profile saved by `xcrun notarytool store-credentials`, or
    MACOS_NOTARY_APPLE_ID, MACOS_NOTARY_TEAM_ID, MACOS_NOTARY_PASSWORD (app-specific password)

Without them the .dmg is unsigned (the binaries carry the ad-hoc signature arm64 requires):
fine for CI and testing; users then have to open it with right-click > Open.

One .dmg per architecture, built on a Mac of that architecture (arm64, x86_64): the locked
wheels of pydantic-core and cffi exist per architecture only, so a universal2 build cannot
be assembled from them. The minimum macOS (13.0, LSMinimumSystemVersion) is that of the
PySide6 wheels (macosx_14_0).
"""

from __future__ import annotations

import json
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


def notarize(path: Path, credentials: list[str]) -> None:
    """Submit path to Apple's notary service and wait; fail loudly unless it is Accepted.

    ``notarytool submit --wait`` exits 0 whatever the verdict, so the JSON status is what
    counts; on anything else the service's log (which names each rejected file) is printed.
    """
    result = subprocess.run(
        [
            "xcrun",
            "notarytool",
            "submit",
            str(path),
            "--wait",
            "--output-format",
            "json",
            *credentials,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        answer = json.loads(result.stdout)
    except ValueError:
        answer = {}
    status, submission = answer.get("status"), answer.get("id")
    print(f"notarization of {path.name}: {status or 'no answer'} ({submission})")
    if result.returncode == 0 and status == "Accepted":
        return
    if submission:
        subprocess.run(["xcrun", "notarytool", "log", str(submission), *credentials], check=False)
    raise SystemExit(
        f"notarization of {path.name} failed: status {status!r}, exit {result.returncode}\n"
        f"{result.stdout}{result.stderr}"
    )


def staple(path: Path) -> None:
    """Attach the notarization ticket, so Gatekeeper accepts it offline too."""
    subprocess.run(["xcrun", "stapler", "staple", str(path)], check=True)
    subprocess.run(["xcrun", "stapler", "validate", str(path)], check=True)


def build_dmg(repo: Path, app: Path, work: Path, dist: Path, version: str) -> Path:
    """Build dist/aitems-desktop-<version>-macos-<arch>.dmg from the .app; returns its path.

    Signed and notarized: the .app is notarized and stapled first (a copy dragged out of the
    image then carries its ticket), then the .dmg holding it is signed, notarized and stapled.
    """
    identity = os.environ.get("MACOS_SIGN_IDENTITY")
    credentials = _notary_credentials() if identity else None
    if identity:
        # The spec signed it; check the signature holds for every nested binary.
        subprocess.run(["codesign", "--verify", "--deep", "--strict", str(app)], check=True)
        if credentials:
            archive = work / f"{app.stem}.zip"
            archive.unlink(missing_ok=True)
            subprocess.run(
                ["ditto", "-c", "-k", "--sequesterRsrc", "--keepParent", str(app), str(archive)],
                check=True,
            )
            notarize(archive, credentials)
            staple(app)

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
        if credentials:
            notarize(out, credentials)
            staple(out)
        else:
            print("signed, not notarized: no MACOS_NOTARY_* credentials")
    else:
        print("unsigned .dmg: set MACOS_SIGN_IDENTITY to sign (docs/packaging.md)")
    return out
