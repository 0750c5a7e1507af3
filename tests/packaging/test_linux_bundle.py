"""The Linux installer end to end: the bundle and the .deb that ``packaging/build.py`` makes
from a clean clone of HEAD (conftest.py), the frozen programs, and what the package holds.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from build_support import CLI, FIGURES, NAME, REPO, Build, need, run

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]

BUNDLE_BUDGET = 140_000_000  # bytes installed
DEB_BUDGET = 45_000_000  # bytes to download
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
PREFIX = f"/usr/lib/{NAME}"


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
    (home / "run").mkdir(parents=True, exist_ok=True)
    (home / "run").chmod(0o700)
    return env


def _run(args: list[str | Path], env: dict[str, str], timeout: float = 120) -> str:
    return run(args, env, timeout=timeout)


def _env(build: Build) -> dict[str, str]:
    return _app_env(build.bundle.parent.parent / "home")


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
    FIGURES["bundle installed"] = f"{size:,} bytes"
    assert size <= BUNDLE_BUDGET


def test_frozen_version_answers(build: Build) -> None:
    out = _run([build.bundle / NAME, "--version"], _env(build))
    assert out.strip() == f"{NAME} {build.version}"


def test_frozen_self_test_passes(build: Build) -> None:
    report = _self_test(build.bundle / NAME, build)
    print(f"self-test: {report}")


def test_frozen_cli_answers_without_qt(build: Build) -> None:
    out = _run([build.bundle / CLI, "--version"], _env(build))
    assert out.strip() == f"{CLI} {build.version}"
    from PyInstaller.archive.readers import CArchiveReader

    modules = set(CArchiveReader(str(build.bundle / CLI)).open_embedded_archive("PYZ.pyz").toc)
    assert "aitems_desktop.cli.app" in modules
    assert not [m for m in modules if m.startswith(("PySide6", "shiboken6", "aitems_desktop.gui"))]


def _gui_modules(build: Build) -> set[str]:
    from PyInstaller.archive.readers import CArchiveReader

    archive = CArchiveReader(str(build.bundle / NAME))
    return set(archive.open_embedded_archive("PYZ.pyz").toc)


def test_bundle_carries_every_app_module_and_keyring_backend(build: Build) -> None:
    modules = _gui_modules(build)
    # Every module of the package, found by walking the committed tree (not the spec's way).
    package = build.src / "aitems_desktop"
    expected = {
        ".".join(p.relative_to(build.src).with_suffix("").parts).removesuffix(".__init__")
        for p in package.rglob("*.py")
    }
    assert expected - modules == set()
    # keyring finds its backends through entry points: the modules and the metadata.
    for module in ("keyring.backends.SecretService", "secretstorage", "jeepney.io.blocking"):
        assert module in modules
    internal = build.bundle / "_internal"
    assert list(internal.glob("keyring-*.dist-info/entry_points.txt"))
    assert (internal / "aitems_desktop" / "resources" / "icons" / f"{NAME}.svg").is_file()


def test_bundle_carries_every_resource_the_app_reads(build: Build) -> None:
    # Whatever resources/ holds (translations, demo data, icons) goes in, without a spec edit;
    # only what this OS never reads, what the .deb installs elsewhere and the licence texts
    # (copied with the others) stay out.
    resources = build.src / "resources"
    shipped = build.bundle / "_internal" / "aitems_desktop" / "resources"
    for path in sorted(p for p in resources.rglob("*") if p.is_file()):
        rel = path.relative_to(resources)
        left_out = (
            path.suffix in {".ico", ".icns", ".desktop", ".ts"}
            or (rel.parts[0] == "icons" and path.suffix == ".png")
            or rel.parts[0] == "licenses"
        )
        assert (shipped / rel).is_file() != left_out, rel
    # Qt's own Korean catalogue, for the widgets' built-in texts.
    assert list(build.bundle.rglob("qtbase_ko.qm"))


def test_bundle_carries_no_dev_code_build_paths_or_other_platforms_files(build: Build) -> None:
    modules = _gui_modules(build)
    dev_only = ("pytest", "mypy", "hypothesis", "setuptools", "rich", "markdown_it", "mdurl")
    for dev in (*dev_only, "pydoc", "pydantic.v1", "PySide6.QtNetwork"):
        assert dev not in modules
    assert not [m for m in modules if ".tests." in f"{m}." or ".testing." in f"{m}."]
    files = [p for p in build.bundle.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert "direct_url.json" not in names
    assert not [n for n in names if n.endswith((".ico", ".icns", ".desktop"))]
    # The folders a build ran in must not be in what it ships (PyInstaller's paths, the venv,
    # the checkout). Whole files are read: the archives inside executables included.
    markers = {str(build.src).encode(), str(build.bundle.parent.parent).encode()}
    home = os.path.expanduser("~")
    if home not in ("/", "/root"):
        markers.add(home.encode())
    leaks = [p for p in files if any(m in p.read_bytes() for m in markers)]
    assert leaks == []


def test_bundle_ships_every_licence_with_an_index(build: Build) -> None:
    licenses = build.bundle / "_internal" / "licenses"
    index = json.loads((licenses / "index.json").read_text(encoding="utf-8"))
    components = {c["name"].lower().replace("_", "-"): c for c in index["components"]}
    # Each Python distribution in the bundle (by its .dist-info, or by its top-level package
    # for wheels whose metadata PyInstaller did not copy) has an entry with a text.
    for name in ("pyside6-essentials", "shiboken6", "python", "requests", "keyring", "pydantic"):
        assert name in components, sorted(components)
    for dist_info in (build.bundle / "_internal").glob("*.dist-info"):
        dist = dist_info.name.removesuffix(".dist-info").rsplit("-", 1)[0].lower().replace("_", "-")
        if dist != NAME:
            assert dist in components, dist
    for component in components.values():
        assert component["files"], component
        sizes = [(licenses / rel).stat().st_size for rel in component["files"]]
        assert min(sizes) > 0, component  # a licence text, not a placeholder
        assert sum(sizes) > 500, component
    qt = components["pyside6-essentials"]
    texts = [(licenses / f).read_text(encoding="utf-8") for f in qt["files"]]
    assert any("GNU LESSER GENERAL PUBLIC LICENSE" in t for t in texts)
    assert any("GNU GENERAL PUBLIC LICENSE" in t and "Version 3" in t for t in texts)
    summary = (licenses / "THIRD-PARTY-LICENSES.txt").read_text(encoding="utf-8")
    for component in components.values():
        assert f"{component['name']} {component['version']}" in summary


def test_licence_lookup_finds_the_bundle_index_when_frozen(
    build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The frozen side of aitems_desktop.licenses, on the real bundle: PyInstaller's bootloader
    # sets sys.frozen and sys._MEIPASS (the _internal folder) exactly like this.
    from aitems_desktop.licenses import third_party_licenses

    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("sys._MEIPASS", str(build.bundle / "_internal"), raising=False)
    components = third_party_licenses()
    assert {c.name for c in components} >= {"PySide6_Essentials", "Python", "requests"}
    assert all(p.is_file() and build.bundle in p.parents for c in components for p in c.files)


# --- the .deb -----------------------------------------------------------------------------------


def test_deb_is_within_its_size_budget(build: Build) -> None:
    size = build.deb.stat().st_size
    FIGURES[".deb"] = f"{size:,} bytes"
    FIGURES["tarball"] = f"{build.tarball.stat().st_size:,} bytes"
    assert size <= DEB_BUDGET


def test_deb_file_list(build: Build) -> None:
    listing = _run(["dpkg-deb", "--contents", build.deb], _env(build)).splitlines()
    entries = {}
    for line in listing:
        mode, owner, _size, _date, _time, path = line.split(None, 5)
        assert owner == "root/root", line
        entries[path.split(" -> ")[0].removeprefix(".")] = (mode, path)
    assert entries[f"{PREFIX}/{NAME}"][0] == "-rwxr-xr-x"
    assert entries[f"{PREFIX}/{CLI}"][0] == "-rwxr-xr-x"
    for program in (NAME, CLI):
        mode, path = entries[f"/usr/bin/{program}"]
        assert mode.startswith("l")
        assert path.endswith(f" -> ../lib/{NAME}/{program}")
        assert f"/usr/share/man/man1/{program}.1.gz" in entries
    assert entries[f"/usr/share/applications/{NAME}.desktop"][0] == "-rw-r--r--"
    for size in ICON_SIZES:
        assert f"/usr/share/icons/hicolor/{size}x{size}/apps/{NAME}.png" in entries
    assert f"/usr/share/icons/hicolor/scalable/apps/{NAME}.svg" in entries
    for doc in ("copyright", "changelog.gz"):
        assert f"/usr/share/doc/{NAME}/{doc}" in entries
    assert f"/usr/share/lintian/overrides/{NAME}" in entries
    # Nothing outside /usr (not /opt, not /etc); no world-writable files; the cuts stayed cut.
    for path, (mode, _) in entries.items():
        assert path in {"/", "/usr/"} or path.startswith(
            ("/usr/lib/", "/usr/bin/", "/usr/share/")
        ), path
        assert path.startswith((PREFIX, "/usr/bin/", "/usr/share/")) or path.count("/") <= 3, path
        assert mode.startswith("l") or mode[8] != "w", path
        assert "/tests/" not in path, path
    names = {Path(p).name for p in entries}
    for cut in ("libQt6Network.so.6", "libqgtk3.so", "libqeglfs.so", "libstdc++.so.6"):
        assert cut not in names


def test_deb_documents_itself(build: Build) -> None:
    doc = build.root / "usr" / "share" / "doc" / NAME
    copyright_ = (doc / "copyright").read_text(encoding="utf-8")
    assert copyright_.startswith(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
    )
    paragraphs = [p for p in copyright_.split("\n\n") if p.strip()]
    files = [p for p in paragraphs if p.startswith("Files:")]
    assert files[0].startswith("Files: *\nCopyright: ")
    assert all(re.search(r"^Copyright: \S", p, re.MULTILINE) for p in files)
    assert "LGPL-3.0-only" in copyright_
    import gzip

    changelog = gzip.decompress((doc / "changelog.gz").read_bytes()).decode()
    assert changelog.startswith(f"{NAME} ({build.version}) ")
    for program in (NAME, CLI):
        page = gzip.decompress(
            (build.root / "usr/share/man/man1" / f"{program}.1.gz").read_bytes()
        ).decode()
        assert f'.TH {program.upper()} "1"' in page
        assert "--version" in page.replace("\\-", "-")


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
    recommends = control["Recommends"]
    assert "fonts-noto-cjk" in recommends
    assert "gnome-keyring" in recommends
    missing = {lib: pkg for lib, pkg in _system_needs(build.root).items() if pkg not in depends}
    assert not missing, f"libraries whose packages are not in Depends: {missing}"


def _releases() -> dict[str, dict[str, str]]:
    with (REPO / "packaging" / "linux" / "releases.toml").open("rb") as f:
        return {k: v["packages"] for k, v in tomllib.load(f).items()}


def _version_ge(a: str, b: str) -> bool:
    return subprocess.run(["dpkg", "--compare-versions", a, "ge", b], check=False).returncode == 0


@pytest.mark.parametrize("release", ["ubuntu-22-04", "ubuntu-24-04", "debian-12"])
def test_depends_floors_are_met_by_each_supported_release(build: Build, release: str) -> None:
    fields = _run(["dpkg-deb", "--field", build.deb, "Depends"], _env(build))
    packages = _releases()[release]
    unmet = []
    for entry in fields.strip().split(","):
        alts = [re.fullmatch(r"(\S+)(?: \(>= (\S+)\))?", a.strip()) for a in entry.split("|")]
        assert all(alts), entry
        if not any(
            m.group(1) in packages
            and (m.group(2) is None or _version_ge(packages[m.group(1)], m.group(2)))
            for m in alts
            if m
        ):
            unmet.append(entry.strip())
    assert unmet == [], f"{release} cannot install the .deb"
    if release == "ubuntu-22-04":
        # The two floors a Debian 12 build machine used to impose.
        assert "libzstd1 (>= 1.5" not in fields
        assert "libx11-xcb1 (>= 2:1.8" not in fields


def test_glibc_symbols_needed_are_in_the_oldest_release(build: Build) -> None:
    needed: set[tuple[int, ...]] = set()
    for path in build.bundle.rglob("*"):
        if path.is_file() and not path.is_symlink() and _is_elf(path):
            out = subprocess.run(
                ["readelf", "-V", "--wide", str(path)], capture_output=True, text=True, check=True
            ).stdout
            needed |= {
                tuple(map(int, v.split("."))) for v in re.findall(r"Name: GLIBC_([\d.]+)", out)
            }
    # Ubuntu 22.04 has glibc 2.35, the oldest of the supported releases.
    assert max(needed) <= (2, 35), max(needed)


def test_no_runpath_leaves_the_bundle(build: Build) -> None:
    outside = {}
    for path in build.bundle.rglob("*"):
        if path.is_file() and not path.is_symlink() and _is_elf(path):
            out = subprocess.run(
                ["readelf", "-d", str(path)], capture_output=True, text=True, check=True
            ).stdout
            for value in re.findall(
                r"\((?:RUNPATH|RPATH)\)\s+Library (?:runpath|rpath): \[(.*)\]", out
            ):
                bad = [e for e in value.split(":") if not e.startswith("$ORIGIN")]
                if bad:
                    outside[str(path.relative_to(build.bundle))] = bad
    assert outside == {}


def test_lintian_has_no_unexplained_error(build: Build) -> None:
    need(shutil.which("lintian"), "the lintian command (.ci/run installs it)")
    result = subprocess.run(
        ["lintian", "--fail-on", "error,warning", "--display-level", ">=info", str(build.deb)],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    serious = [x for x in result.stdout.splitlines() if x.startswith(("E:", "W:"))]
    assert serious == []
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    overrides = (REPO / "packaging" / "linux" / "lintian-overrides").read_text(encoding="utf-8")
    # Each override is preceded by a comment that says why.
    lines = [x for x in overrides.splitlines() if x.strip()]
    for i, line in enumerate(lines):
        if not line.startswith("#"):
            assert i > 0, f"override without a reason: {line}"
            assert lines[i - 1].startswith("#"), f"override without a reason: {line}"
    # ... and each is still needed: lintian reports overrides that matched nothing.
    assert " unused-override " not in result.stdout


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
        need(lib in where, f"{lib} on this machine (a Qt runtime library; see .ci/run)")
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
    assert "\nName[ko]=AiTEMS 데스크톱\n" in text
    comment_ko = re.search(r"^Comment\[ko\]=(.+)$", text, re.MULTILINE)
    assert comment_ko is not None
    assert comment_ko.group(1).endswith("니다")  # NCP's formal register


def test_app_starts_from_the_extracted_package(build: Build) -> None:
    # Started through the relative /usr/bin link, as from the PATH: the bootloader finds its
    # folder through the link.
    for program in (NAME, CLI):
        launcher = build.root / "usr" / "bin" / program
        assert os.readlink(launcher) == f"../lib/{NAME}/{program}"
        out = _run([launcher, "--version"], _env(build))
        assert out.strip() == f"{program} {build.version}"
    _self_test(build.root / "usr" / "bin" / NAME, build)
