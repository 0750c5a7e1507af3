"""Build the installer for the current OS:  uv run packaging/build.py

- Linux:   dist/aitems-desktop_<version>_<arch>.deb  (and with --tarball a .tar.gz)
- Windows: dist/aitems-desktop-<version>-setup.exe   (Inno Setup, per-user)
- macOS:   dist/aitems-desktop-<version>-macos-<arch>.dmg  (signed and notarized when the
           MACOS_* variables of docs/packaging.md are set)

Every OS first builds the PyInstaller one-folder bundle (packaging/aitems-desktop.spec) into
dist/, refuses a bundle that leaves out a module the app imports, and runs the frozen
``--version`` once. Intermediate files go to build/.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
NAME = "aitems-desktop"


def app_version() -> str:
    """The version in aitems_desktop/__init__.py (the one source the wheel uses too)."""
    text = (REPO / "aitems_desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise SystemExit("no __version__ in aitems_desktop/__init__.py")
    return match.group(1)


def frozen_executable(dist: Path) -> Path:
    """The executable of the bundle PyInstaller wrote to dist/."""
    if sys.platform == "darwin":
        return dist / "AiTEMS Desktop.app" / "Contents" / "MacOS" / NAME
    return dist / NAME / (f"{NAME}.exe" if sys.platform == "win32" else NAME)


def dir_size(path: Path) -> int:
    """Bytes in the files under path (symlinks not followed)."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


def source_date_epoch() -> str:
    """SOURCE_DATE_EPOCH: as given, else the time of the commit being built.

    Every timestamp a build writes (archive members, the .deb's files) is this one, so two
    builds of one commit give the same bytes.
    """
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given:
        return given
    try:
        return subprocess.run(
            ["git", "-C", str(REPO), "log", "-1", "--format=%ct"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as exc:
        raise SystemExit(f"set SOURCE_DATE_EPOCH: not a git checkout ({exc})") from exc


def build_env() -> dict[str, str]:
    """The environment of every build step: a fixed hash seed and timestamp."""
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = source_date_epoch()
    # Set ordering inside PyInstaller's analysis and in marshalled code follows the hash
    # seed; a fixed one makes the archives the same from build to build.
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def build_bundle(dist: Path, work: Path) -> None:
    """Run PyInstaller on the spec, then check it excluded nothing the app imports."""
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(HERE / f"{NAME}.spec"),
            "--noconfirm",
            "--log-level=WARN",
            f"--distpath={dist}",
            f"--workpath={work / 'pyinstaller'}",
        ],
        check=True,
        # Not the repository: there, the packaging/ folder would be on sys.path of PyInstaller,
        # which imports the PyPI library of the same name.
        cwd=work,
        env=build_env(),
    )
    # "excluded module named PySide6.QtNetwork - imported by PySide6 (optional),
    # aitems_desktop.gui.x (top-level)": the spec cut something the app imports; it would
    # fail at run time, so fail now. For the command-line tool this is also how an import of
    # Qt (excluded there whole) shows.
    cut = []
    for analysis in ("gui", "cli"):
        warn = work / "pyinstaller" / NAME / f"warn-{analysis}.txt"
        for line in warn.read_text(encoding="utf-8").splitlines():
            if line.startswith("excluded module named") and " - imported by " in line:
                importers = line.split(" - imported by ", 1)[1].split(", ")
                if any(i.startswith(("aitems_desktop.", "aitems_desktop ")) for i in importers):
                    cut.append(f"{analysis}: {line}")
    if cut:
        raise SystemExit(
            "the spec excludes modules the app imports (edit packaging/aitems-desktop.spec):\n"
            + "\n".join(cut)
        )


def smoke_test(exe: Path, version: str, console: bool) -> None:
    """The frozen program answers --version (the bootloader, the archive and the package load)."""
    started = time.perf_counter()
    result = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
    elapsed = time.perf_counter() - started
    expected = f"{exe.stem} {version}"
    if result.returncode != 0:
        raise SystemExit(
            f"frozen {exe.name} --version failed ({result.returncode}): {result.stderr}"
        )
    # A windowed Windows/macOS build may have no stdout to print to; the exit code is the check.
    if console and result.stdout.strip() != expected:
        raise SystemExit(f"frozen --version printed {result.stdout!r}, expected {expected!r}")
    print(
        f"frozen {exe.name} --version: {result.stdout.strip() or '(no stdout)'} in {elapsed:.2f} s"
    )


def build_installer(args: argparse.Namespace, dist: Path, work: Path, version: str) -> list[Path]:
    """The OS's installer(s), from the bundle in dist/."""
    if sys.platform.startswith("linux"):
        import linux_deb

        bundle = dist / NAME
        outputs = [linux_deb.build_deb(REPO, bundle, work, dist, version)]
        if args.tarball:
            outputs.append(linux_deb.build_tarball(REPO, bundle, dist, version))
        return outputs
    if sys.platform == "win32":
        import windows_inno

        return [windows_inno.build_setup(REPO, dist / NAME, dist, version)]
    if sys.platform == "darwin":
        import macos_dmg

        return [macos_dmg.build_dmg(REPO, dist / "AiTEMS Desktop.app", work, dist, version)]
    raise SystemExit(f"no installer for {sys.platform}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="output directory")
    parser.add_argument("--work", type=Path, default=REPO / "build", help="scratch directory")
    parser.add_argument("--tarball", action="store_true", help="Linux: also a .tar.gz")
    parser.add_argument(
        "--bundle-only", action="store_true", help="stop after the one-folder bundle"
    )
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    version = app_version()

    started = time.perf_counter()
    os.environ.update(build_env())  # the installers' steps below honour it too
    build_bundle(dist, work)
    exe = frozen_executable(dist)
    bundle_dir = exe.parents[2] if sys.platform == "darwin" else exe.parent
    if sys.platform.startswith("linux"):
        import linux_deb

        linux_deb.clean_runpaths(bundle_dir)
    print(f"bundle: {bundle_dir} ({dir_size(bundle_dir) / 1e6:.1f} MB)")
    smoke_test(exe, version, console=sys.platform.startswith("linux"))
    cli = exe.with_name("aitems.exe" if sys.platform == "win32" else "aitems")
    smoke_test(cli, version, console=True)
    if not args.bundle_only:
        for out in build_installer(args, dist, work, version):
            print(f"installer: {out} ({out.stat().st_size / 1e6:.1f} MB)")
    print(f"done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    # Let build.py import its siblings (linux_deb, ...) however it is started.
    sys.path.insert(0, str(HERE))
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    sys.exit(main())
