"""The Linux installers: a .deb (dpkg-deb) and a plain tarball of the one-folder bundle.

Layout of the .deb:

    /opt/aitems-desktop/                      the PyInstaller bundle
    /usr/bin/aitems-desktop                   -> /opt/aitems-desktop/aitems-desktop
    /usr/share/applications/aitems-desktop.desktop
    /usr/share/icons/hicolor/<N>x<N>/apps/aitems-desktop.png, scalable/apps/aitems-desktop.svg
    /usr/share/doc/aitems-desktop/copyright

No maintainer scripts: dpkg triggers of desktop-file-utils and the hicolor theme refresh the
menu and icon caches.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "aitems-desktop"

# The system libraries the bundle links against, as Debian/Ubuntu packages. Listed explicitly
# (an alternative names the 64-bit-time_t package of Debian 13 / Ubuntu 24.04 first); each
# build checks the list against what dpkg-shlibdeps derives from the bundle's ELF files and
# fails on a gap. PyInstaller does not copy these (the spec drops them) nor libGL/libEGL.
DEPENDS = [
    "libc6",
    "libgcc-s1",
    "libstdc++6",
    "zlib1g",
    "libzstd1",
    "libbz2-1.0",
    "liblzma5",
    "libffi8",
    "libuuid1",
    "libssl3t64 | libssl3",
    "libglib2.0-0t64 | libglib2.0-0",
    "libdbus-1-3",
    # Qt GUI: OpenGL dispatch (also for raster windows: QtGui links it), fonts, keyboard maps.
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libfreetype6",
    "libxkbcommon0",
    # The xcb platform plugin (X11, XWayland).
    "libx11-6",
    "libx11-xcb1",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-shm0",
    "libxcb-sync1",
    "libxcb-util1",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libxkbcommon-x11-0",
    # The wayland platform plugin.
    "libwayland-client0",
    "libwayland-cursor0",
]
# Not linked, but what makes the app whole on a desktop: a Secret Service for the keyring
# (GNOME Keyring or KWallet) and a font.
RECOMMENDS = ["gnome-keyring | kwalletmanager | keepassxc", "fonts-dejavu-core | fonts-noto-core"]

DESCRIPTION = """\
Description: Desktop client for NAVER Cloud Platform AiTEMS
 Create and inspect AiTEMS recommendation services from a form that checks
 what you type as you type it, with credentials kept in the desktop's keyring
 (Secret Service). Includes a built-in sandbox that behaves like the service,
 for trying it without an account.
"""


def deb_architecture() -> str:
    """The Debian architecture name of this machine (amd64, arm64, ...)."""
    try:
        return subprocess.run(
            ["dpkg", "--print-architecture"], check=True, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        machine = os.uname().machine
        return {"x86_64": "amd64", "aarch64": "arm64"}.get(machine, machine)


def _elf_files(root: Path) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def derived_depends(bundle: Path) -> dict[str, str]:
    """Package -> version constraint ('' if none), as dpkg-shlibdeps derives them.

    Returns {} when dpkg-shlibdeps is not installed (a non-Debian build host).
    """
    if shutil.which("dpkg-shlibdeps") is None:
        print("warning: dpkg-shlibdeps not found; Depends is not checked against the bundle")
        return {}
    private = sorted({str(p.parent) for p in bundle.rglob("*.so*")})
    with tempfile.TemporaryDirectory() as tmp:
        # dpkg-shlibdeps insists on a debian/control in its working directory.
        (Path(tmp) / "debian").mkdir()
        (Path(tmp) / "debian" / "control").write_text(
            f"Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n"
        )
        out = subprocess.run(
            [
                "dpkg-shlibdeps",
                "-O",
                "--ignore-missing-info",
                *(f"-l{d}" for d in private),
                *map(str, _elf_files(bundle)),
            ],
            cwd=tmp,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    line = next(x for x in out.splitlines() if x.startswith("shlibs:Depends="))
    result = {}
    for item in line.split("=", 1)[1].split(","):
        name, _, version = item.strip().partition(" ")
        result[name] = version.strip("()")
    return result


def control_depends(derived: dict[str, str]) -> str:
    """The Depends field: DEPENDS with the derived version constraints; fails on a gap."""
    listed = {alt.strip() for entry in DEPENDS for alt in entry.split("|")}
    missing = sorted(set(derived) - listed)
    if missing:
        raise SystemExit(
            "the bundle links against libraries of packages missing from DEPENDS in "
            f"packaging/linux_deb.py: {', '.join(missing)}"
        )
    fields = []
    for entry in DEPENDS:
        alts = []
        for alt in (a.strip() for a in entry.split("|")):
            version = derived.get(alt, "")
            alts.append(f"{alt} ({version})" if version else alt)
        fields.append(" | ".join(alts))
    return ", ".join(fields)


def _install(src: Path, dest: Path, mode: int = 0o644) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    dest.chmod(mode)


_SHARED_LIBRARY = re.compile(r"\.so(\.[0-9.]+)?$")


def _normalise_modes(root: Path) -> None:
    # Files as they came out of PyInstaller and the checkout may carry a umask's group-write
    # bit or lack read bits; a package installs 0755 directories, 0755 programs, 0644 data.
    for path in root.rglob("*"):
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        elif _SHARED_LIBRARY.search(path.name):
            path.chmod(0o644)  # dlopen needs no execute bit; Debian policy 8.1 wants none
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def stage_tree(repo: Path, bundle: Path, stage: Path) -> None:
    """Lay out the package's files under stage/ (everything but DEBIAN/)."""
    if stage.exists():
        shutil.rmtree(stage)
    opt = stage / "opt" / PACKAGE
    shutil.copytree(bundle, opt, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / PACKAGE).symlink_to(f"/opt/{PACKAGE}/{PACKAGE}")
    share = stage / "usr" / "share"
    _install(
        repo / "resources" / f"{PACKAGE}.desktop", share / "applications" / f"{PACKAGE}.desktop"
    )
    icons = repo / "resources" / "icons"
    for png in icons.glob(f"{PACKAGE}-*.png"):
        size = png.stem.rsplit("-", 1)[1]
        _install(png, share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{PACKAGE}.png")
    _install(
        icons / f"{PACKAGE}.svg",
        share / "icons" / "hicolor" / "scalable" / "apps" / f"{PACKAGE}.svg",
    )
    (share / "doc" / PACKAGE).mkdir(parents=True)
    (share / "doc" / PACKAGE / "copyright").write_text(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        f"Upstream-Name: {PACKAGE}\n\n"
        "Files: *\nCopyright: the aitems-desktop developers\nLicense: Apache-2.0\n"
        " On Debian systems the full text is in /usr/share/common-licenses/Apache-2.0.\n"
        " The bundle under /opt/aitems-desktop also carries Python, Qt (LGPL-3.0) via\n"
        " PySide6, and the Python packages listed in its *.dist-info directories,\n"
        " each under its own licence.\n"
    )
    _normalise_modes(stage)


def _installed_size_kib(stage: Path) -> int:
    total = 0
    for path in stage.rglob("*"):
        if path.is_symlink() or path.is_dir():
            total += 1
        elif "DEBIAN" not in path.relative_to(stage).parts:
            total += (path.stat().st_size + 1023) // 1024
    return total


def write_control(stage: Path, version: str, depends: str) -> None:
    """DEBIAN/control and DEBIAN/md5sums."""
    debian = stage / "DEBIAN"
    debian.mkdir(exist_ok=True)
    maintainer = os.environ.get(
        "DEB_MAINTAINER", "aitems-desktop developers <aitems-desktop@users.noreply.github.com>"
    )
    control = (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {deb_architecture()}\n"
        f"Maintainer: {maintainer}\n"
        f"Installed-Size: {_installed_size_kib(stage)}\n"
        f"Depends: {depends}\n"
        f"Recommends: {', '.join(RECOMMENDS)}\n"
        "Section: devel\n"
        "Priority: optional\n" + DESCRIPTION
    )
    (debian / "control").write_text(control)
    sums = []
    for path in sorted(stage.rglob("*")):
        rel = path.relative_to(stage)
        if path.is_file() and not path.is_symlink() and rel.parts[0] != "DEBIAN":
            sums.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {rel.as_posix()}\n")  # noqa: S324 (dpkg's format)
    (debian / "md5sums").write_text("".join(sums))
    for name in ("control", "md5sums"):
        (debian / name).chmod(0o644)
    debian.chmod(0o755)


def _version_for_debian(version: str) -> str:
    # PEP 440 pre-releases (1.0.0rc1) sort before the release in Debian only with a tilde.
    return re.sub(r"(\d)(a|b|rc|\.dev)(\d+)", r"\1~\2\3", version)


def build_deb(repo: Path, bundle: Path, work: Path, dist: Path, version: str) -> Path:
    """Build dist/aitems-desktop_<version>_<arch>.deb from the bundle; returns its path."""
    stage = work / "deb-root"
    stage_tree(repo, bundle, stage)
    # dpkg-shlibdeps finds a package's root (to resolve $ORIGIN) by its DEBIAN directory.
    (stage / "DEBIAN").mkdir()
    derived = derived_depends(stage / "opt" / PACKAGE)
    deb_version = _version_for_debian(version)
    write_control(stage, deb_version, control_depends(derived))
    out = dist / f"{PACKAGE}_{deb_version}_{deb_architecture()}.deb"
    subprocess.run(
        # xz at dpkg's default level: -9 saves under 1 MB of 35 and takes 30 s longer.
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(stage), str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out


def build_tarball(repo: Path, bundle: Path, dist: Path, version: str) -> Path:
    """dist/aitems-desktop-<version>-linux-<machine>.tar.gz: the bundle, .desktop and icon."""
    top = f"{PACKAGE}-{version}"
    out = dist / f"{top}-linux-{os.uname().machine}.tar.gz"
    with tarfile.open(out, "w:gz") as tar:
        tar.add(bundle, arcname=top)
        tar.add(repo / "resources" / f"{PACKAGE}.desktop", arcname=f"{top}/{PACKAGE}.desktop")
        tar.add(repo / "resources" / "icons" / f"{PACKAGE}.svg", arcname=f"{top}/{PACKAGE}.svg")
    return out
