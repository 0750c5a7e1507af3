"""A fresh Debian 12 system in a folder (debootstrap), to install the .deb into with apt.

The base system (minbase plus Xvfb, to run the app on an X server) is made once and kept as a
tarball in the user's cache folder, keyed by mirror, suite and package list; each test run
unpacks a new copy. Packages apt downloads inside go to a cache folder beside it, mounted as
the chroot's /var/cache/apt/archives. The first run on a clean machine builds both.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import subprocess
import tarfile
from collections.abc import Iterator
from pathlib import Path

SUITE = "bookworm"
BASE_PACKAGES = ("xvfb", "xauth")  # to run the app under an X server, not the package's needs
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "aitems-desktop-tests"
# Not compared before and after: what a package manager run writes for itself.
VOLATILE = (
    "/proc",
    "/sys",
    "/dev",
    "/run",
    "/tmp",
    "/var/cache",
    "/var/lib/apt",
    "/var/lib/dpkg",
    "/var/log",
)


def apt_mirror() -> str:
    """The Debian mirror this machine's apt uses for the main archive."""
    sources: list[Path] = []
    for pattern in ("sources.list", "sources.list.d/*.list", "sources.list.d/*.sources"):
        sources += sorted(Path("/etc/apt").glob(pattern))
    for path in sources:
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".sources":
            for stanza in re.split(r"\n\s*\n", text):
                fields = dict(re.findall(r"^([\w-]+):\s*(.+)$", stanza, re.MULTILINE))
                suites = fields.get("Suites", "").split()
                if fields.get("Enabled", "yes") != "no" and SUITE in suites:
                    return fields["URIs"].split()[0].rstrip("/")
        else:
            for line in text.splitlines():
                match = re.match(rf"\s*deb\s+(?:\[[^]]*\]\s+)?(\S+)\s+{SUITE}\s", line)
                if match:
                    return match.group(1).rstrip("/")
    raise LookupError(f"no apt source for {SUITE} in /etc/apt")


def _base_key(mirror: str) -> str:
    return hashlib.sha256(f"{mirror} {SUITE} minbase {BASE_PACKAGES}".encode()).hexdigest()[:12]


def base_tarball_exists(mirror: str) -> bool:
    return (CACHE / f"debootstrap-{SUITE}-{_base_key(mirror)}.tar").is_file()


def base_tarball(mirror: str) -> Path:
    """The cached base system for mirror, made with debootstrap if not there yet."""
    key = _base_key(mirror)
    tarball = CACHE / f"debootstrap-{SUITE}-{key}.tar"
    if tarball.is_file():
        return tarball
    CACHE.mkdir(parents=True, exist_ok=True)
    staging = CACHE / f"staging-{key}"
    if staging.exists():
        shutil.rmtree(staging)
    try:
        subprocess.run(
            [
                "debootstrap",
                "--variant=minbase",
                f"--include={','.join(BASE_PACKAGES)}",
                SUITE,
                str(staging),
                mirror,
            ],
            check=True,
            capture_output=True,
            timeout=1200,
        )
        # debootstrap leaves the downloaded packages in the tree; the apt cache takes them.
        archives = staging / "var" / "cache" / "apt" / "archives"
        partial = CACHE / f"tarball-{key}.partial"
        with tarfile.open(partial, "w") as tar:
            tar.add(
                staging, arcname=".", filter=lambda i: None if _in(i.name, archives, staging) else i
            )
        partial.rename(tarball)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return tarball


def _in(name: str, folder: Path, root: Path) -> bool:
    rel = "./" + folder.relative_to(root).as_posix()
    return name.startswith(rel + "/")


def apt_archives() -> Path:
    folder = CACHE / f"apt-archives-{SUITE}"
    (folder / "partial").mkdir(parents=True, exist_ok=True)
    return folder


@contextlib.contextmanager
def fresh_system(where: Path, mirror: str) -> Iterator[Path]:
    """Unpack a new copy of the base into where/root, mount what apt and Xvfb need, yield
    the root; unmount everything afterwards, whatever happened."""
    root = where / "root"
    root.mkdir(parents=True)
    with tarfile.open(base_tarball(mirror)) as tar:
        tar.extractall(root, filter="fully_trusted")  # noqa: S202 (made by this module, as root)
    shutil.copyfile("/etc/resolv.conf", root / "etc" / "resolv.conf")
    mounts: list[Path] = []
    try:
        for args, target in (
            (["-t", "proc", "proc"], root / "proc"),
            (["-t", "sysfs", "sysfs"], root / "sys"),
            (["--bind", "/dev"], root / "dev"),
            (["-t", "devpts", "devpts", "-o", "newinstance,ptmxmode=0666"], root / "dev" / "pts"),
            (["--bind", str(apt_archives())], root / "var" / "cache" / "apt" / "archives"),
        ):
            target.mkdir(parents=True, exist_ok=True)
            subprocess.run(["mount", *args, str(target)], check=True, capture_output=True)
            mounts.append(target)
        yield root
    finally:
        for target in reversed(mounts):
            subprocess.run(["umount", str(target)], check=True, capture_output=True)


def in_chroot(
    root: Path, command: str, timeout: float = 600, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a shell command inside the chroot with a plain environment."""
    base = {
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": "/root",
        "LANG": "C.UTF-8",
        "DEBIAN_FRONTEND": "noninteractive",
    }
    return subprocess.run(
        ["chroot", str(root), "/bin/sh", "-c", command],
        env=base | (env or {}),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def file_list(root: Path) -> set[str]:
    """Every path in the system except the package manager's own records and caches."""
    found: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(root):
        rel = "/" + Path(dirpath).relative_to(root).as_posix().lstrip(".")
        rel = rel.rstrip("/") or "/"
        dirnames[:] = [d for d in dirnames if f"{rel.rstrip('/')}/{d}" not in VOLATILE]
        for name in dirnames + filenames:
            found.add(f"{rel.rstrip('/')}/{name}")
    return found
