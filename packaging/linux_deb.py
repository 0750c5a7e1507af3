"""The Linux installers: a .deb (dpkg-deb) and a plain tarball of the one-folder bundle.

Layout of the .deb (Debian policy: a package's private files under /usr/lib/<package>):

    /usr/lib/aitems-desktop/                  the PyInstaller bundle (both executables)
    /usr/bin/aitems-desktop, /usr/bin/aitems  -> ../lib/aitems-desktop/...
    /usr/share/applications/aitems-desktop.desktop
    /usr/share/icons/hicolor/<N>x<N>/apps/aitems-desktop.png, scalable/apps/aitems-desktop.svg
    /usr/share/man/man1/aitems-desktop.1.gz, aitems.1.gz   (help2man, from the frozen --help)
    /usr/share/doc/aitems-desktop/copyright, changelog.gz
    /usr/share/lintian/overrides/aitems-desktop

No maintainer scripts: dpkg triggers of desktop-file-utils, the hicolor theme and man-db
refresh the menu, icon and manual caches. Everything is owned by dpkg, so removal leaves the
system as it was.

Reproducible: every file's mtime is SOURCE_DATE_EPOCH, modes are normalised, dpkg-deb sorts
the archive and takes its own timestamps from SOURCE_DATE_EPOCH too.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import tomllib
from pathlib import Path

PACKAGE = "aitems-desktop"
CLI = "aitems"
PREFIX = f"usr/lib/{PACKAGE}"
HERE = Path(__file__).resolve().parent
RELEASES_FILE = HERE / "linux" / "releases.toml"

# The system libraries the bundle links against, as Debian/Ubuntu packages. Listed explicitly
# (an alternative names the 64-bit-time_t package of Ubuntu 24.04 first); each build checks
# the list against what dpkg-shlibdeps derives from the bundle's ELF files and fails on a gap.
# PyInstaller does not copy these (the spec drops them) nor libGL/libEGL.
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
# Not linked, but what makes the app whole on a desktop: a font with Hangul (the app speaks
# Korean; Noto CJK covers Latin too) and a Secret Service for the keyring.
RECOMMENDS = ["fonts-noto-cjk", "gnome-keyring | kwalletmanager | keepassxc"]

DESCRIPTION = """\
Description: Desktop client for NAVER Cloud Platform AiTEMS
 Create and inspect AiTEMS recommendation services from a form that checks
 what you type as you type it, with credentials kept in the desktop's keyring
 (Secret Service). Includes a built-in sandbox that behaves like the service,
 for trying it without an account, and the aitems command-line tool.
"""
MAINTAINER = "aitems-desktop developers <aitems-desktop@users.noreply.github.com>"


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


# --- the bundle's ELF files ---------------------------------------------------------------------


def clean_runpaths(bundle: Path) -> list[Path]:
    """Drop RUNPATH/RPATH entries that point outside the bundle; returns the files changed.

    A Python built with an rpath (pyenv's, for one) leaves its own lib directory in every
    extension module: a path of the build machine, searched first on users' machines.
    Entries relative to $ORIGIN (PySide6's way to find its Qt) stay.
    """
    patchelf = shutil.which("patchelf")
    if patchelf is None:
        raise SystemExit("patchelf not found (Debian/Ubuntu: apt install patchelf)")
    changed = []
    for path in _elf_files(bundle):
        current = subprocess.run(
            [patchelf, "--print-rpath", str(path)], capture_output=True, text=True, check=False
        )
        if current.returncode != 0 or not current.stdout.strip():
            continue  # not a dynamic object, or no search path
        entries = current.stdout.strip().split(":")
        kept = [e for e in entries if e.startswith("$ORIGIN")]
        if kept == entries:
            continue
        args = ["--set-rpath", ":".join(kept)] if kept else ["--remove-rpath"]
        subprocess.run([patchelf, *args, str(path)], check=True)
        changed.append(path)
    return changed


def derived_depends(bundle: Path) -> dict[str, str]:
    """Package -> version constraint ('' if none), as dpkg-shlibdeps derives them."""
    if shutil.which("dpkg-shlibdeps") is None:
        raise SystemExit("dpkg-shlibdeps not found (Debian/Ubuntu: apt install dpkg-dev)")
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


# --- Depends floors for the oldest supported release ------------------------------------------


def load_releases(path: Path = RELEASES_FILE) -> dict[str, dict[str, str]]:
    """Release key (``ubuntu-22-04``) -> package -> version, from packaging/linux/releases.toml."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    return {key: dict(release["packages"]) for key, release in data.items()}


def version_compare(a: str, op: str, b: str) -> bool:
    """dpkg's own version comparison (op: lt, le, eq, ge, gt)."""
    return subprocess.run(["dpkg", "--compare-versions", a, op, b], check=False).returncode == 0


def _group(entry: str) -> list[str]:
    return [alt.strip() for alt in entry.split("|")]


def _has_symbols_file(package: str) -> bool:
    """True when the build machine's package has a symbols file (floors per symbol used)."""
    out = subprocess.run(
        ["dpkg-query", "--control-path", package, "symbols"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return bool(out.strip())


def choose_floors(derived: dict[str, str], releases: dict[str, dict[str, str]]) -> dict[str, str]:
    """DEPENDS entry -> version floor (possibly '') for the oldest supported release.

    dpkg-shlibdeps takes a floor from the build machine: per symbol used when the library's
    package has a symbols file (a real need: a floor above a supported release fails the
    build), else the shlibs file's floor, which is just the build machine's upstream version
    (libzstd1 >= 1.5.2 on Debian 12). Such a floor is lowered to the oldest version among
    the supported releases (its upstream part): the soname promises the same ABI.
    """
    listed = {alt for entry in DEPENDS for alt in _group(entry)}
    missing = sorted(set(derived) - listed)
    if missing:
        raise SystemExit(
            "the bundle links against libraries of packages missing from DEPENDS in "
            f"packaging/linux_deb.py: {', '.join(missing)}"
        )
    floors = {}
    for entry in DEPENDS:
        alts = _group(entry)
        constraint = next((derived[a] for a in alts if derived.get(a)), "")
        source = next((a for a in alts if derived.get(a)), alts[-1])
        if not constraint:
            floors[entry] = ""
            continue
        op, _, wanted = constraint.partition(" ")
        if op != ">=":
            raise SystemExit(f"unexpected constraint from dpkg-shlibdeps: {source} ({constraint})")
        available = []
        for key, packages in releases.items():
            version = next((packages[a] for a in alts if a in packages), None)
            if version is None:
                raise SystemExit(f"{RELEASES_FILE.name}: no version of {entry} for {key}")
            available.append((version, key))
        oldest, oldest_release = available[0]
        for version, key in available[1:]:
            if version_compare(version, "lt", oldest):
                oldest, oldest_release = version, key
        if version_compare(wanted, "le", oldest):
            floors[entry] = wanted
        elif _has_symbols_file(source):
            raise SystemExit(
                f"the bundle uses symbols of {source} >= {wanted}, newer than "
                f"{oldest_release}'s {oldest}: that release cannot run it"
            )
        else:
            floors[entry] = upstream_version(oldest)
    return floors


def upstream_version(version: str) -> str:
    """The version without its Debian revision (``2:1.7.5-1`` -> ``2:1.7.5``).

    A lowered floor names the library's upstream release, which every rebuild of it in any
    of the releases satisfies.
    """
    return version.rsplit("-", 1)[0] if "-" in version else version


def floor_problems(depends: str, packages: dict[str, str]) -> list[str]:
    """Each Depends entry that a release (package -> version) cannot satisfy, explained."""
    problems = []
    for entry in depends.split(","):
        options = []
        for alt in _group(entry):
            match = re.fullmatch(r"(\S+)(?: \(>= (\S+)\))?", alt)
            if match is None:
                problems.append(f"cannot read {alt!r}")
                continue
            options.append((match.group(1), match.group(2)))
        if not any(
            name in packages and (floor is None or version_compare(packages[name], "ge", floor))
            for name, floor in options
        ):
            have = {name: packages.get(name, "absent") for name, _ in options}
            problems.append(f"{entry.strip()}: the release has {have}")
    return problems


def control_depends(floors: dict[str, str]) -> str:
    """The Depends field: every alternative of an entry carries the entry's floor."""
    fields = []
    for entry in DEPENDS:
        floor = floors.get(entry, "")
        fields.append(" | ".join(f"{a} (>= {floor})" if floor else a for a in _group(entry)))
    return ", ".join(fields)


# --- the package tree ---------------------------------------------------------------------------


def _install(src: Path, dest: Path, mode: int = 0o644) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    dest.chmod(mode)


def _write_gzip(text: bytes, dest: Path) -> None:
    # -9n: no name and no timestamp in the header (reproducible; what dh_compress does).
    dest.parent.mkdir(parents=True, exist_ok=True)
    with dest.open("wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as gz:
        gz.write(text)


_SHARED_LIBRARY = re.compile(r"\.so(\.[0-9.]+)?$")


def normalise_tree(root: Path, epoch: int) -> None:
    """0755 directories and programs, 0644 data and shared libraries, every mtime = epoch."""
    for path in sorted(root.rglob("*"), reverse=True):
        if not path.is_symlink():
            if path.is_dir():
                path.chmod(0o755)
            elif _SHARED_LIBRARY.search(path.name):
                path.chmod(0o644)  # dlopen needs no execute bit; Debian policy 8.1 wants none
            else:
                path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)
        os.utime(path, (epoch, epoch), follow_symlinks=False)
    os.utime(root, (epoch, epoch))


def man_page(program: Path, summary: str, include: Path) -> bytes:
    """The manual page help2man writes from the frozen program's --help and --version."""
    if shutil.which("help2man") is None:
        raise SystemExit("help2man not found (Debian/Ubuntu: apt install help2man)")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [
            "help2man",
            "--no-info",
            "--no-discard-stderr",
            f"--name={summary}",
            "--section=1",
            "--source=aitems-desktop",
            f"--include={include}",
            str(program),
        ],
        check=True,
        capture_output=True,
        env=env,
    ).stdout


def copyright_file() -> str:
    """/usr/share/doc/aitems-desktop/copyright in the machine-readable format (DEP-5)."""
    return f"""\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: aitems-desktop
Upstream-Contact: {MAINTAINER}
Comment:
 /usr/lib/{PACKAGE} is a frozen Python application: it carries a copy of the
 Python interpreter, of Qt and Qt for Python (PySide6), and of the Python
 packages the application uses, each under its own licence. Their licence
 texts, gathered from the packages themselves when this package was built,
 are in /usr/lib/{PACKAGE}/_internal/licenses/ with an index in
 THIRD-PARTY-LICENSES.txt there. The paragraphs below name each component.

Files: *
Copyright: 2026 the aitems-desktop developers
License: Apache-2.0

Files: usr/lib/{PACKAGE}/_internal/PySide6/*
 usr/lib/{PACKAGE}/_internal/shiboken6/*
Copyright: The Qt Company Ltd. and other contributors
License: LGPL-3.0-only
Comment: Qt and Qt for Python are also offered under GPL-2.0-only and
 GPL-3.0-only; this package uses them under the LGPL-3.0. The libraries are
 the unmodified ones of the PySide6-Essentials wheel and can be replaced.

Files: usr/lib/{PACKAGE}/_internal/libpython3*
 usr/lib/{PACKAGE}/_internal/base_library.zip
 usr/lib/{PACKAGE}/_internal/python3*
 usr/lib/{PACKAGE}/_internal/lib-dynload/*
Copyright: 2001 and later years, Python Software Foundation (the exact notice is in its LICENSE.txt)
License: PSF-2.0
 The full text is in
 /usr/lib/{PACKAGE}/_internal/licenses/python/LICENSE.txt.

Files: usr/lib/{PACKAGE}/_internal/*.dist-info/*
Copyright: the authors of each Python package, as its metadata names them
License: various
 Each package's licence text is in
 /usr/lib/{PACKAGE}/_internal/licenses/<package>/, listed in
 /usr/lib/{PACKAGE}/_internal/licenses/THIRD-PARTY-LICENSES.txt.

License: Apache-2.0
 On Debian systems the full text of the Apache License 2.0 is in
 /usr/share/common-licenses/Apache-2.0.

License: LGPL-3.0-only
 On Debian systems the full text of the GNU Lesser General Public License
 version 3 is in /usr/share/common-licenses/LGPL-3, and that of the GNU
 General Public License version 3 it builds on in
 /usr/share/common-licenses/GPL-3.
"""


def stage_tree(repo: Path, bundle: Path, stage: Path) -> None:
    """Lay out the package's files under stage/ (everything but DEBIAN/)."""
    if stage.exists():
        shutil.rmtree(stage)
    lib = stage / PREFIX
    shutil.copytree(bundle, lib, symlinks=True)
    bin_dir = stage / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for program in (PACKAGE, CLI):
        (bin_dir / program).symlink_to(f"../lib/{PACKAGE}/{program}")
    share = stage / "usr" / "share"
    _install(
        repo / "resources" / f"{PACKAGE}.desktop", share / "applications" / f"{PACKAGE}.desktop"
    )
    icons = repo / "resources" / "icons"
    for png in sorted(icons.glob(f"{PACKAGE}-*.png")):
        size = png.stem.rsplit("-", 1)[1]
        _install(png, share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{PACKAGE}.png")
    _install(
        icons / f"{PACKAGE}.svg",
        share / "icons" / "hicolor" / "scalable" / "apps" / f"{PACKAGE}.svg",
    )
    linux = HERE / "linux"
    man1 = share / "man" / "man1"
    pages = {
        PACKAGE: "desktop client for NAVER Cloud Platform AiTEMS",
        CLI: "NAVER Cloud Platform AiTEMS from the command line",
    }
    for program, summary in pages.items():
        page = man_page(lib / program, summary, linux / f"{program}.h2m")
        _write_gzip(page, man1 / f"{program}.1.gz")
    doc = share / "doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(copyright_file(), encoding="utf-8")
    _write_gzip((linux / "changelog").read_bytes(), doc / "changelog.gz")
    _install(linux / "lintian-overrides", share / "lintian" / "overrides" / PACKAGE)


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
    maintainer = os.environ.get("DEB_MAINTAINER", MAINTAINER)
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


def deb_version(version: str) -> str:
    """The Debian form of a PEP 440 version: pre-releases sort first only with a tilde."""
    return re.sub(r"(\d)(a|b|rc|\.dev)(\d+)", r"\1~\2\3", version)


def changelog_version(path: Path | None = None) -> str:
    """The version of the newest entry of packaging/linux/changelog."""
    text = (path or HERE / "linux" / "changelog").read_text(encoding="utf-8")
    match = re.match(rf"{PACKAGE} \(([^)]+)\)", text)
    if match is None:
        raise SystemExit("packaging/linux/changelog does not start with an entry")
    return match.group(1)


def build_deb(repo: Path, bundle: Path, work: Path, dist: Path, version: str) -> Path:
    """Build dist/aitems-desktop_<version>_<arch>.deb from the bundle; returns its path."""
    version = deb_version(version)
    if changelog_version() != version:
        raise SystemExit(
            f"packaging/linux/changelog's newest entry is {changelog_version()}, the app is "
            f"{version}: add an entry"
        )
    epoch = int(os.environ["SOURCE_DATE_EPOCH"])
    stage = work / "deb-root"
    stage_tree(repo, bundle, stage)
    # dpkg-shlibdeps finds a package's root (to resolve $ORIGIN) by its DEBIAN directory.
    (stage / "DEBIAN").mkdir()
    floors = choose_floors(derived_depends(stage / PREFIX), load_releases())
    depends = control_depends(floors)
    for key, packages in load_releases().items():
        problems = floor_problems(depends, packages)
        if problems:
            raise SystemExit(f"Depends cannot be met on {key}: " + "; ".join(problems))
    write_control(stage, version, depends)
    normalise_tree(stage, epoch)
    out = dist / f"{PACKAGE}_{version}_{deb_architecture()}.deb"
    subprocess.run(
        # xz at dpkg's default level: -9 saves under 1 MB of 35 and takes 30 s longer.
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(stage), str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
        env=dict(os.environ, SOURCE_DATE_EPOCH=str(epoch)),
    )
    return out


def build_tarball(repo: Path, bundle: Path, dist: Path, version: str) -> Path:
    """dist/aitems-desktop-<version>-linux-<machine>.tar.gz: the bundle, .desktop and icon.

    Reproducible like the .deb: sorted members, mtime SOURCE_DATE_EPOCH, root:root, no
    timestamp in the gzip header.
    """
    epoch = int(os.environ["SOURCE_DATE_EPOCH"])
    top = f"{PACKAGE}-{version}"
    out = dist / f"{top}-linux-{os.uname().machine}.tar.gz"
    members = [(p, f"{top}/{p.relative_to(bundle).as_posix()}") for p in sorted(bundle.rglob("*"))]
    members += [
        (repo / "resources" / f"{PACKAGE}.desktop", f"{top}/{PACKAGE}.desktop"),
        (repo / "resources" / "icons" / f"{PACKAGE}.svg", f"{top}/{PACKAGE}.svg"),
    ]

    def normalised(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.mtime = epoch
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        if not info.issym():
            info.mode = 0o755 if info.isdir() or info.mode & 0o111 else 0o644
        return info

    with (
        out.open("wb") as raw,
        gzip.GzipFile("", "wb", 6, raw, mtime=0) as gz,
        tarfile.open(fileobj=gz, mode="w", format=tarfile.GNU_FORMAT) as tar,
    ):
        tar.add(bundle, arcname=top, recursive=False, filter=normalised)
        for path, arcname in sorted(members, key=lambda m: m[1]):
            tar.add(path, arcname=arcname, recursive=False, filter=normalised)
    return out
