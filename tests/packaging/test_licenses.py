"""aitems_desktop.licenses: the licence list an About dialog shows, from a venv and frozen."""

from __future__ import annotations

import json
import sys
from importlib import metadata
from pathlib import Path

import pytest

from aitems_desktop import licenses
from aitems_desktop.licenses import (
    Component,
    LicenseIndexError,
    gather_from_metadata,
    load_index,
    normalise,
    third_party_licenses,
)

REPO = Path(__file__).resolve().parents[2]


def _by_name(components: list[Component]) -> dict[str, Component]:
    return {normalise(c.name): c for c in components}


def test_from_a_venv_every_runtime_dependency_is_listed_with_its_text() -> None:
    found = _by_name(third_party_licenses())
    # The direct dependencies and some transitive ones (requests -> urllib3, idna, certifi).
    for name in ("pyside6-essentials", "shiboken6", "requests", "keyring", "pydantic"):
        assert name in found
    for name in ("pydantic-core", "urllib3", "idna", "certifi", "platformdirs"):
        assert name in found
    assert "aitems-desktop" not in found
    # Development tools are not what the app ships.
    for dev in ("pytest", "mypy", "ruff", "hypothesis", "pyinstaller"):
        assert dev not in found
    for component in found.values():
        assert component.files, component.name
        assert all(p.is_file() for p in component.files), component.name
        assert component.license, component.name
        assert component.license != "UNKNOWN", component.name


def test_each_listed_version_is_the_installed_one() -> None:
    for component in gather_from_metadata():
        assert component.version == metadata.version(component.name)


def test_qt_is_shown_with_the_lgpl_and_the_gpl_it_builds_on() -> None:
    qt = _by_name(third_party_licenses())["pyside6-essentials"]
    assert "LGPL-3.0" in qt.license
    texts = [p.read_text(encoding="utf-8") for p in qt.files]
    assert any("GNU LESSER GENERAL PUBLIC LICENSE" in t and "Version 3" in t for t in texts)
    assert any(t.lstrip().startswith("GNU GENERAL PUBLIC LICENSE") for t in texts)


def test_the_committed_qt_licence_texts_are_the_fsf_ones() -> None:
    # Debian's base-files carries the FSF texts; where it is there, ours must be identical.
    for ours, theirs in (("LGPL-3.0-only.txt", "LGPL-3"), ("GPL-3.0-only.txt", "GPL-3")):
        system = Path("/usr/share/common-licenses") / theirs
        if not system.is_file():
            pytest.skip("no /usr/share/common-licenses on this system")
        assert (REPO / "resources" / "licenses" / ours).read_bytes() == system.read_bytes()


def _write_index(folder: Path, components: object) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"format": 1, "components": components})
    (folder / "index.json").write_text(text, encoding="utf-8")


def test_frozen_reads_the_index_in_the_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "licenses"
    (folder / "demo").mkdir(parents=True)
    (folder / "demo" / "LICENSE").write_text("MIT text\n", encoding="utf-8")
    _write_index(
        folder, [{"name": "demo", "version": "1.0", "license": "MIT", "files": ["demo/LICENSE"]}]
    )
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    [component] = third_party_licenses()
    assert component == Component("demo", "1.0", "MIT", ((folder / "demo" / "LICENSE").resolve(),))


def test_frozen_without_an_index_is_an_error_not_an_empty_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    with pytest.raises(LicenseIndexError, match="cannot read"):
        third_party_licenses()


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        json.dumps([1, 2]),
        json.dumps({"format": 2, "components": []}),
        json.dumps({"format": 1, "components": {}}),
        json.dumps({"format": 1, "components": ["x"]}),
        json.dumps(
            {
                "format": 1,
                "components": [{"name": "a", "version": 1, "license": "MIT", "files": []}],
            }
        ),
        json.dumps(
            {
                "format": 1,
                "components": [{"name": "a", "version": "1", "license": "MIT", "files": "x"}],
            }
        ),
        json.dumps(
            {
                "format": 1,
                "components": [{"name": "a", "version": "1", "license": "MIT", "files": [3]}],
            }
        ),
        b"\xff\xfe\x00".decode("latin-1"),
    ],
)
def test_a_malformed_index_is_a_typed_error(tmp_path: Path, content: str) -> None:
    (tmp_path / "index.json").write_text(content, encoding="latin-1")
    with pytest.raises(LicenseIndexError):
        load_index(tmp_path)


def test_an_index_cannot_point_outside_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "licenses"
    (tmp_path / "secret").write_text("x", encoding="utf-8")
    _write_index(folder, [{"name": "a", "version": "1", "license": "MIT", "files": ["../secret"]}])
    with pytest.raises(LicenseIndexError, match="outside"):
        load_index(folder)


def test_not_frozen_means_no_bundle_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert licenses.frozen_licenses_dir() is None
