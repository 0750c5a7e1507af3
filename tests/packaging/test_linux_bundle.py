"""The Linux installer end to end: build the bundle and the .deb from a clean clone of HEAD
with ``packaging/build.py``, run the frozen app, and inspect the package.

It builds what is committed (a clone of HEAD), as CI does; uncommitted changes are not in it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

REPO = Path(__file__).resolve().parents[2]
NAME = "aitems-desktop"
BUNDLE_BUDGET = 140_000_000  # bytes installed
DEB_BUDGET = 45_000_000  # bytes to download
STRICT = os.environ.get("AITEMS_CI_STRICT") == "1"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _need(ok: object, why: str) -> None:
    """Skip when something the test needs is missing; in CI (AITEMS_CI_STRICT=1) fail."""
    if not ok:
        if STRICT:
            pytest.fail(f"missing: {why}")
        pytest.skip(f"missing: {why}")


@dataclass(frozen=True)
class Build:
    version: str
    bundle: Path
    deb: Path
    root: Path  # the .deb extracted with dpkg-deb -x
    home: Path


def _build_env() -> dict[str, str]:
    # The clone gets its own .venv; uv's and PyInstaller's caches stay where they are (a cold
    # cache costs minutes).
    env = {
        k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT"}
    }
    env["UV_PYTHON_DOWNLOADS"] = "never"
    return env


def _app_env(home: Path) -> dict[str, str]:
    """Where the frozen app runs: offscreen, a throwaway home, no session bus (so it cannot
    reach the developer's real keyring)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DBUS_SESSION_BUS_ADDRESS", "WAYLAND_DISPLAY", "DISPLAY"}
    }
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_RUNTIME_DIR=str(home / "run"),
    )
    return env


def _run(
    args: list[str | Path], env: dict[str, str], cwd: Path | None = None, timeout: float = 120
) -> str:
    result = subprocess.run(
        [str(a) for a in args],
        env=env,
        cwd=cwd,
        timeout=timeout,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"{args} exited {result.returncode}:\n{result.stderr[-4000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    if not sys.platform.startswith("linux"):
        pytest.skip("the .deb is built on Linux; other installers are built by CI on their OS")
    for tool in ("git", "uv", "dpkg-deb", "dpkg-shlibdeps", "desktop-file-validate", "strip"):
        _need(shutil.which(tool), f"the {tool} command")
    _need((REPO / ".git").exists(), "a git checkout to clone")
    tmp = tmp_path_factory.mktemp("linux-bundle")
    home = tmp / "home"
    (home / "run").mkdir(parents=True)
    (home / "run").chmod(0o700)
    env = _build_env()

    src = tmp / "src"
    head = _run(["git", "-C", REPO, "rev-parse", "HEAD"], env).strip()
    _run(["git", "clone", "--quiet", "--no-checkout", REPO, src], env)
    _run(["git", "-C", src, "checkout", "--quiet", head], env)
    _run(["uv", "sync", "--locked", "--quiet"], env, cwd=src)
    dist = tmp / "dist"
    out = _run(
        ["uv", "run", "--locked", "packaging/build.py", "--dist", dist, "--work", tmp / "work"],
        env,
        cwd=src,
        timeout=780,
    )
    print(out)

    text = (src / "aitems_desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    assert match is not None
    debs = sorted(dist.glob("*.deb"))
    assert len(debs) == 1, debs
    root = tmp / "root"
    _run(["dpkg-deb", "-x", debs[0], root], env)
    return Build(match.group(1), dist / NAME, debs[0], root, home)


def _env(build: Build) -> dict[str, str]:
    return _app_env(build.home)


def _self_test(exe: Path, build: Build) -> dict[str, object]:
    result = subprocess.run(
        [str(exe), "--self-test"],
        env=_env(build),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"--self-test exited {result.returncode}:\n{result.stderr}"
    lines = [x for x in result.stdout.splitlines() if x.strip()]
    assert lines, f"--self-test printed nothing; stderr:\n{result.stderr}"
    report = json.loads(lines[-1])
    assert isinstance(report, dict)
    return report


def _tree_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


# --- the frozen bundle ------------------------------------------------------------------------


def test_bundle_is_within_its_size_budget(build: Build) -> None:
    size = _tree_size(build.bundle)
    print(f"bundle: {size / 1e6:.1f} MB installed")
    assert size <= BUNDLE_BUDGET


def test_frozen_version_answers(build: Build) -> None:
    out = _run([build.bundle / NAME, "--version"], _env(build))
    assert out.strip() == f"{NAME} {build.version}"


def test_frozen_self_test_passes(build: Build) -> None:
    report = _self_test(build.bundle / NAME, build)
    print(f"self-test: {report}")


def test_bundle_carries_keyring_backends_and_no_dev_code(build: Build) -> None:
    from PyInstaller.archive.readers import CArchiveReader

    archive = CArchiveReader(str(build.bundle / NAME))
    modules = set(archive.open_embedded_archive("PYZ.pyz").toc)
    # keyring finds its backends through entry points: the modules and the metadata.
    for module in ("keyring.backends.SecretService", "secretstorage", "jeepney.io.blocking"):
        assert module in modules
    internal = build.bundle / "_internal"
    assert list(internal.glob("keyring-*.dist-info/entry_points.txt"))
    assert (internal / "aitems_desktop" / "resources" / "icons" / f"{NAME}.svg").is_file()
    for dev in ("pytest", "mypy", "hypothesis", "setuptools", "PySide6.QtNetwork"):
        assert dev not in modules
    assert not [m for m in modules if ".tests." in f"{m}." or ".testing." in f"{m}."]


# --- the .deb -----------------------------------------------------------------------------------


def test_deb_is_within_its_size_budget(build: Build) -> None:
    size = build.deb.stat().st_size
    print(f".deb: {size / 1e6:.1f} MB")
    assert size <= DEB_BUDGET


def test_deb_file_list(build: Build) -> None:
    listing = _run(["dpkg-deb", "--contents", build.deb], _env(build)).splitlines()
    entries = {}
    for line in listing:
        mode, owner, _size, _date, _time, path = line.split(None, 5)
        assert owner == "root/root", line
        entries[path.split(" -> ")[0].removeprefix(".")] = (mode, path)
    assert entries[f"/opt/{NAME}/{NAME}"][0] == "-rwxr-xr-x"
    mode, path = entries[f"/usr/bin/{NAME}"]
    assert mode.startswith("l")
    assert path.endswith(f" -> /opt/{NAME}/{NAME}")
    assert entries[f"/usr/share/applications/{NAME}.desktop"][0] == "-rw-r--r--"
    for size in ICON_SIZES:
        assert f"/usr/share/icons/hicolor/{size}x{size}/apps/{NAME}.png" in entries
    assert f"/usr/share/icons/hicolor/scalable/apps/{NAME}.svg" in entries
    assert f"/usr/share/doc/{NAME}/copyright" in entries
    # Nothing outside the places above; no world-writable files; the cuts stayed cut.
    for path, (mode, _) in entries.items():
        top = path in {"/", "/usr/"}
        assert top or path.startswith(("/opt/", "/usr/bin/", "/usr/share/")), path
        assert mode.startswith("l") or mode[8] != "w", path
        assert "/tests/" not in path, path
    names = {Path(p).name for p in entries}
    for cut in ("libQt6Network.so.6", "libqgtk3.so", "libqeglfs.so", "libstdc++.so.6"):
        assert cut not in names


def test_deb_control(build: Build) -> None:
    fields = _run(["dpkg-deb", "--field", build.deb], _env(build))
    control = dict(re.findall(r"^([\w-]+): (.*)$", fields, re.MULTILINE))
    assert control["Package"] == NAME
    assert control["Version"] == build.version
    arch = _run(["dpkg", "--print-architecture"], _env(build)).strip()
    assert control["Architecture"] == arch
    assert re.fullmatch(r".+ <[^@ ]+@[^@ ]+>", control["Maintainer"])
    installed = int(control["Installed-Size"]) * 1024
    assert abs(installed - _tree_size(build.root)) < 0.05 * installed
    depends = {
        alt.split(" (")[0].strip()
        for entry in control["Depends"].split(",")
        for alt in entry.split("|")
    }
    for package in ("libc6", "libegl1", "libgl1", "libxkbcommon0", "libfontconfig1"):
        assert package in depends
    assert "libxcb-cursor0" in depends  # Qt >= 6.5's xcb plugin refuses to load without it
    missing = {lib: pkg for lib, pkg in _system_needs(build.root).items() if pkg not in depends}
    assert not missing, f"libraries whose packages are not in Depends: {missing}"


def _is_elf(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(4) == b"\x7fELF"


def _ldconfig_cache() -> dict[str, str]:
    """Library name -> path, for this machine's architecture (not a multiarch i386 copy)."""
    arch_flag = {"x86_64": "x86-64", "aarch64": "AArch64"}.get(os.uname().machine, "")
    cache = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    where: dict[str, str] = {}
    for name, flags, path in re.findall(r"^\s+(\S+) \(([^)]*)\) => (\S+)$", cache, re.M):
        if arch_flag in flags:
            where.setdefault(name, path)
    return where


def _system_needs(root: Path) -> dict[str, str]:
    """Each system library the package's ELF files link directly -> the package that has it.

    Independent of dpkg-shlibdeps (which build.py uses): readelf, ldconfig and dpkg -S.
    """
    bundled = {p.name for p in root.rglob("*.so*")}
    needed: set[str] = set()
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink() and _is_elf(path):
            out = subprocess.run(
                ["readelf", "-d", str(path)], capture_output=True, text=True, check=True
            ).stdout
            needed |= set(re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", out))
    where = _ldconfig_cache()
    result = {}
    for lib in sorted(needed - bundled):
        _need(lib in where, f"{lib} on this machine (a Qt runtime library; see .ci/run)")
        real = os.path.realpath(where[lib])
        candidates = {real, where[lib], real.replace("/usr/lib/", "/lib/", 1)}
        owner = subprocess.run(
            ["dpkg", "-S", *sorted(candidates)], capture_output=True, text=True, check=False
        ).stdout
        packages = {line.split(":")[0] for line in owner.splitlines() if ": " in line}
        assert packages, f"no package owns {lib} ({sorted(candidates)})"
        result[lib] = sorted(packages)[0]
    return result


def test_desktop_entry_is_valid_and_points_into_the_package(build: Build) -> None:
    entry = build.root / "usr" / "share" / "applications" / f"{NAME}.desktop"
    result = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in (result.stdout + result.stderr).lower()
    text = entry.read_text(encoding="utf-8")
    exec_ = re.search(r"^Exec=(\S+)", text, re.MULTILINE)
    icon = re.search(r"^Icon=(\S+)", text, re.MULTILINE)
    assert exec_ is not None
    assert icon is not None
    assert (build.root / "usr" / "bin" / exec_.group(1)).is_symlink()
    assert (build.root / "usr/share/icons/hicolor/scalable/apps" / f"{icon.group(1)}.svg").is_file()


def test_app_starts_from_the_extracted_package(build: Build, tmp_path: Path) -> None:
    # /usr/bin/aitems-desktop is an absolute link into /opt; recreate it against the
    # extracted tree so the bootloader is started through a symlink, as from the PATH.
    target = os.readlink(build.root / "usr" / "bin" / NAME)
    assert target == f"/opt/{NAME}/{NAME}"
    launcher = tmp_path / NAME
    launcher.symlink_to(build.root / target.lstrip("/"))
    out = _run([launcher, "--version"], _env(build))
    assert out.strip() == f"{NAME} {build.version}"
    _self_test(launcher, build)
