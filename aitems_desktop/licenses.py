"""The licences of the third-party software the app ships, for an About dialog to show.

Frozen, the installers carry a folder ``licenses/`` next to the bundled packages, written at
build time by ``packaging/third_party.py``: one sub-folder per component with its licence
files, and ``index.json`` listing them (``THIRD-PARTY-LICENSES.txt`` beside it is the same for
people). Run from a virtual environment, the same list is gathered on the fly from the
installed distributions' metadata, following the requirements of ``aitems-desktop``.

Qt-free, and it reads files: call it off the GUI thread.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

LICENSES_DIR = "licenses"
INDEX_NAME = "index.json"
TEXT_INDEX_NAME = "THIRD-PARTY-LICENSES.txt"
APP_DISTRIBUTION = "aitems-desktop"
INDEX_FORMAT = 1

# PySide6 and shiboken6 wheels name their licence (LGPL-3.0-only OR GPL-2.0-only OR
# GPL-3.0-only) but carry no text of it; the app takes Qt under the LGPL-3.0, whose text is
# the GPL-3.0's plus its own additional permissions, so both are shipped from resources/.
QT_DISTRIBUTIONS = frozenset({"pyside6-essentials", "pyside6", "shiboken6"})
QT_LICENSE_FILES = ("LGPL-3.0-only.txt", "GPL-3.0-only.txt")

# Licence-like files in a .dist-info folder, for metadata that names none (Metadata < 2.4).
_LICENSE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS|COPYRIGHT)", re.IGNORECASE)
_NAME_NORMALISE = re.compile(r"[-_.]+")


class LicenseIndexError(Exception):
    """The shipped licence index is missing, unreadable or not in the expected shape."""


@dataclass(frozen=True)
class Component:
    """One shipped component: what it is, under which licence, and where its texts are."""

    name: str
    version: str
    license: str
    files: tuple[Path, ...]


def normalise(name: str) -> str:
    """A distribution name as PEP 503 compares them (``PySide6_Essentials``)."""
    return _NAME_NORMALISE.sub("-", name).lower()


def frozen_licenses_dir() -> Path | None:
    """The bundle's licence folder when the app runs frozen, else None."""
    base = getattr(sys, "_MEIPASS", None)
    if not getattr(sys, "frozen", False) or base is None:
        return None
    return Path(base) / LICENSES_DIR


def third_party_licenses() -> list[Component]:
    """Every third-party component the running app ships or uses, sorted by name.

    Frozen: read from the bundle's index (a missing or malformed one raises
    LicenseIndexError: an installer without it is broken). From a venv: gathered from
    ``importlib.metadata``.
    """
    folder = frozen_licenses_dir()
    if folder is not None:
        return load_index(folder)
    return gather_from_metadata()


def load_index(folder: Path) -> list[Component]:
    """Read ``index.json`` in folder; paths in it are relative to folder."""
    try:
        raw = json.loads((folder / INDEX_NAME).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise LicenseIndexError(f"cannot read {folder / INDEX_NAME}: {exc}") from exc
    if not isinstance(raw, dict) or raw.get("format") != INDEX_FORMAT:
        raise LicenseIndexError(f"{folder / INDEX_NAME}: not a format {INDEX_FORMAT} index")
    entries = raw.get("components")
    if not isinstance(entries, list):
        raise LicenseIndexError(f"{folder / INDEX_NAME}: no component list")
    components = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise LicenseIndexError(f"{folder / INDEX_NAME}: a component is not an object")
        fields = [entry.get(k) for k in ("name", "version", "license")]
        files = entry.get("files")
        if not all(isinstance(f, str) for f in fields) or not isinstance(files, list):
            raise LicenseIndexError(f"{folder / INDEX_NAME}: malformed component {entry!r:.200}")
        paths = []
        for rel in files:
            path = (folder / str(rel)).resolve()
            if not isinstance(rel, str) or not path.is_relative_to(folder.resolve()):
                raise LicenseIndexError(f"{folder / INDEX_NAME}: file outside the folder: {rel!r}")
            paths.append(path)
        name, version, license_ = (str(f) for f in fields)
        components.append(Component(name, version, license_, tuple(paths)))
    return components


def gather_from_metadata(root: str = APP_DISTRIBUTION) -> list[Component]:
    """The installed distributions root requires (transitively, without extras), root excluded.

    A requirement under a platform marker counts when that distribution is installed: an
    environment holds the dependencies of its own platform only.
    """
    seen: dict[str, metadata.Distribution] = {}
    pending = _requirements(metadata.distribution(root))
    while pending:
        name = normalise(pending.pop())
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a dependency of another platform or Python version
        seen[name] = dist
        pending.extend(_requirements(dist))
    qt_texts = _qt_license_texts()
    return sorted(
        (component_from_distribution(d, qt_texts) for d in seen.values()),
        key=lambda c: normalise(c.name),
    )


def _requirements(dist: metadata.Distribution) -> list[str]:
    names = []
    for requirement in dist.requires or []:
        spec, _, marker = requirement.partition(";")
        if "extra" in marker:
            continue  # optional features the app does not ask for
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", spec)
        if match:
            names.append(match.group(1))
    return names


def _qt_license_texts() -> tuple[Path, ...]:
    # Where resources/ is from a venv: inside the package (a wheel) or beside it (an
    # editable checkout). Not gui.resources: the command-line tool may list licences too,
    # and it never imports the GUI package.
    package = Path(__file__).resolve().parent
    for root in (package / "resources", package.parent / "resources"):
        found = tuple(root / "licenses" / name for name in QT_LICENSE_FILES)
        if all(p.is_file() for p in found):
            return found
    return ()


def component_from_distribution(
    dist: metadata.Distribution, qt_texts: tuple[Path, ...] = ()
) -> Component:
    """Name, version, licence and licence files of an installed distribution."""
    meta = dist.metadata
    name = _field(meta, "Name") or "UNKNOWN"
    files = license_files(dist)
    if not files and normalise(name) in QT_DISTRIBUTIONS:
        files = qt_texts
    return Component(name, dist.version, license_summary(dist), files)


def license_summary(dist: metadata.Distribution) -> str:
    """The licence as the metadata states it: SPDX expression, License field or classifiers."""
    meta = dist.metadata
    expression = _field(meta, "License-Expression")
    if expression:
        return expression.strip()
    field = (_field(meta, "License") or "").strip()
    if field and "\n" not in field and len(field) <= 100:
        return field
    classifiers = [
        str(c).split(" :: ")[-1]
        for c in meta.get_all("Classifier") or []
        if str(c).startswith("License :: ")
    ]
    if classifiers:
        return " OR ".join(classifiers)
    return field.splitlines()[0] if field else "UNKNOWN"


def _field(meta: metadata.PackageMetadata, name: str) -> str | None:
    # get_all: a missing field is None on every Python (item access starts raising in 3.14).
    values = meta.get_all(name)
    return str(values[0]) if values else None


def license_files(dist: metadata.Distribution) -> tuple[Path, ...]:
    """The licence files the distribution installed, in its .dist-info folder."""
    declared = [str(f) for f in dist.metadata.get_all("License-File") or []]
    found: list[Path] = []
    for entry in dist.files or []:
        parts = entry.parts
        if not parts or not parts[0].endswith(".dist-info"):
            continue
        inner = "/".join(parts[1:])
        # Metadata 2.4 puts them under licenses/, older wheels at the top of .dist-info.
        relative = inner.removeprefix("licenses/")
        if relative in declared or (
            not declared and len(parts) >= 2 and _LICENSE_FILE.search(parts[-1])
        ):
            path = Path(str(dist.locate_file(entry)))
            if path.is_file():
                found.append(path)
    return tuple(sorted(found))
