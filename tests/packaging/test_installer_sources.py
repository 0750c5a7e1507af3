"""What the installers claim, checked against where the claims come from: the locked wheels,
the release table, the workflow's pins. Quick: nothing is built here."""

from __future__ import annotations

import importlib.util
import plistlib
import re
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from aitems_desktop import __version__

REPO = Path(__file__).resolve().parents[2]
WORKFLOW = REPO / ".github" / "workflows" / "installers.yml"


def _load(name: str) -> ModuleType:
    # packaging/ is not an importable package (and its name is taken by the PyPI library).
    spec = importlib.util.spec_from_file_location(name, REPO / "packaging" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


linux_deb = _load("linux_deb")


# What a CPython 3.11 on macOS answers to the lock's environment markers.
MACOS_311 = {
    "sys_platform": "darwin",
    "platform_system": "Darwin",
    "os_name": "posix",
    "python_version": "3.11",
    "python_full_version": "3.11.9",
    "platform_python_implementation": "CPython",
    "implementation_name": "cpython",
}


def _runtime_packages(lock: dict[str, object]) -> dict[str, dict[str, object]]:
    """The locked packages the app needs at run time on macOS (no dev group)."""
    from packaging.markers import Marker

    packages = {p["name"]: p for p in lock["package"]}  # type: ignore[index,union-attr]
    todo, seen = ["aitems-desktop"], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo += [
            d["name"]
            for d in packages[name].get("dependencies", [])
            if "marker" not in d or Marker(d["marker"]).evaluate(MACOS_311)
        ]
    seen.discard("aitems-desktop")
    return {n: packages[n] for n in seen}


def _runs_on_cp311(python_tag: str, abi_tag: str) -> bool:
    if abi_tag == "abi3":  # the stable ABI: any CPython from the tagged one on
        return any(int(v[3:]) <= 311 for v in python_tag.split(".") if v.startswith("cp3"))
    return python_tag == abi_tag == "cp311"


def _macos_floor(arch: str) -> tuple[int, int]:
    """The oldest macOS every runtime wheel for arch allows (its best wheel, per package)."""
    with (REPO / "uv.lock").open("rb") as f:
        lock = tomllib.load(f)
    floor = (10, 9)
    for name, package in _runtime_packages(lock).items():
        tags = [
            re.search(
                r"-(?P<py>[\w.]+)-(?P<abi>\w+)-macosx_(?P<major>\d+)_(?P<minor>\d+)_(?P<arch>\w+)\.whl$",
                w["url"],
            )
            for w in package.get("wheels", [])
        ]
        mac = [t for t in tags if t]
        if not mac:
            continue  # pure Python (py3-none-any)
        usable = [
            (int(t["major"]), int(t["minor"]))
            for t in mac
            if t["arch"] in (arch, "universal2") and _runs_on_cp311(t["py"], t["abi"])
        ]
        assert usable, f"{name} has no macOS {arch} wheel for Python 3.11"
        floor = max(floor, min(usable))
    return floor


@pytest.mark.parametrize("arch", ["arm64", "x86_64"])
def test_macos_minimum_is_what_the_locked_wheels_need(arch: str) -> None:
    with (REPO / "packaging" / "macos" / "Info.plist").open("rb") as f:
        plist = plistlib.load(f)
    declared = tuple(int(x) for x in plist["LSMinimumSystemVersion"].split("."))
    needed = _macos_floor(arch)
    assert declared[:2] == needed, f"Info.plist says {declared}, the wheels need {needed}"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"**macOS {needed[0]}+**" in readme


def test_release_table_covers_every_dependency_in_every_release() -> None:
    releases = linux_deb.load_releases()
    assert set(releases) == {"debian-12", "ubuntu-22-04", "ubuntu-24-04"}
    for key, packages in releases.items():
        for entry in linux_deb.DEPENDS:
            alternatives = [a.strip() for a in entry.split("|")]
            assert any(a in packages for a in alternatives), f"{key} lacks {entry}"


def test_debian_changelog_names_this_version() -> None:
    assert linux_deb.changelog_version() == linux_deb.deb_version(__version__)


def test_every_action_is_pinned_by_commit_and_checkout_keeps_no_credentials() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.search(r"# v\d", comment), f"{action}: say which tag the commit carried"
    checkouts = re.findall(r"uses: actions/checkout@\S+.*\n((?:\s+.*\n){0,3})", text)
    assert checkouts
    for block in checkouts:
        assert "persist-credentials: false" in block


def test_workflow_proves_and_publishes_every_installer() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    for image in ("debian:12", "ubuntu:22.04", "ubuntu:24.04"):
        assert f'"{image}"' in text
    assert "xvfb-run" in text
    assert "macos-15-intel" in text  # the Intel .dmg
    assert "sha256sum" in text
    assert "SHA256SUMS" in text
    assert "gh release create" in text
    assert "startsWith(github.ref, 'refs/tags/v')" in text
    match = re.search(r"choco install innosetup --version=(\d+)\.(\d+)\.(\d+)", text)
    assert match is not None
    assert tuple(map(int, match.groups()))[:2] >= (6, 3)


def test_windows_installer_script_states_its_floor_and_languages() -> None:
    raw = (REPO / "packaging" / "windows" / "aitems-desktop.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Inno Setup then reads the Korean
    text = raw.decode("utf-8-sig")
    assert "MinVersion=10.0.17763" in text  # Windows 10 1809
    assert "#if VER < EncodeVer(6,3,0)" in text
    assert 'MessagesFile: "compiler:Languages\\Korean.isl"' in text
    assert 'MessagesFile: "compiler:Default.isl"' in text
    assert "x64compatible" in text
    assert "#ifdef Sign" in text
