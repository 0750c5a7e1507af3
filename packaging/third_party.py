"""The third-party licences of a bundle, gathered at build time (the spec calls this).

For every distribution whose modules, extensions or data PyInstaller collected, the licence
files its .dist-info holds (PySide6 and shiboken6 name their licence but ship no text: the
LGPL-3.0 and GPL-3.0 texts from resources/licenses/ stand in), plus Python's own licence.
They go to <out>/licenses/: one folder per component, ``index.json`` (what
``aitems_desktop.licenses`` reads) and ``THIRD-PARTY-LICENSES.txt`` (the same for people).
"""

from __future__ import annotations

import json
import platform
import shutil
import sys
import sysconfig
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from aitems_desktop.licenses import (
    APP_DISTRIBUTION,
    INDEX_FORMAT,
    INDEX_NAME,
    LICENSES_DIR,
    QT_LICENSE_FILES,
    TEXT_INDEX_NAME,
    Component,
    component_from_distribution,
    normalise,
)

# Qt is linked, not just imported: say under which of its licences the app takes it.
QT_NOTE = (
    "Qt and Qt for Python are used under the GNU LGPL version 3 (the text below, with the GPL "
    "version 3 it refers to). Their source is at https://code.qt.io/ and "
    "https://download.qt.io/official_releases/; the Qt libraries in this bundle are the "
    "unmodified ones of the PySide6 wheel and can be replaced by compatible builds."
)


def bundled_distributions(toc_names: Iterable[str]) -> list[metadata.Distribution]:
    """The installed distributions that own any of the given bundle paths or module names.

    toc_names: module names (``keyring.backends.SecretService``) and destination paths
    (``PySide6/Qt/lib/libQt6Core.so.6``, ``certifi/cacert.pem``) from the spec's TOCs.
    """
    owners = metadata.packages_distributions()
    found: dict[str, metadata.Distribution] = {}
    for name in toc_names:
        top = name.replace("\\", "/").split("/")[0].split(".")[0]
        for dist_name in owners.get(top, []):
            if normalise(dist_name) != APP_DISTRIBUTION:
                found.setdefault(normalise(dist_name), metadata.distribution(dist_name))
    return [found[k] for k in sorted(found)]


def python_component() -> tuple[Component, Path]:
    """CPython itself (its LICENSE.txt covers the standard library and what it embeds)."""
    candidates = [
        Path(sysconfig.get_path("stdlib")) / "LICENSE.txt",  # Linux, macOS
        Path(sys.base_prefix) / "LICENSE.txt",  # Windows
    ]
    for path in candidates:
        if path.is_file():
            return Component("Python", platform.python_version(), "PSF-2.0", (path,)), path
    raise SystemExit(f"Python's LICENSE.txt not found (looked in {candidates})")


def write_licenses(
    distributions: list[metadata.Distribution], repo: Path, out: Path
) -> list[tuple[str, str, str]]:
    """Write out/licenses/ and return TOC entries (destination, source, "DATA") for the spec.

    Fails when a component has no licence text: shipping it without one is not allowed.
    """
    qt_texts = tuple(repo / "resources" / "licenses" / n for n in QT_LICENSE_FILES)
    components = [component_from_distribution(d, qt_texts) for d in distributions]
    components.append(python_component()[0])
    missing = sorted(c.name for c in components if not c.files)
    if missing:
        raise SystemExit(f"no licence text found for: {', '.join(missing)}")

    root = out / LICENSES_DIR
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    index = []
    text_parts = [
        "Third-party software in AiTEMS Desktop\n"
        "======================================\n\n"
        "AiTEMS Desktop itself is under the Apache License 2.0. It ships the components\n"
        "below, each under its own licence; the full texts follow the list.\n\n"
    ]
    text_parts += [f"  {c.name} {c.version}: {c.license}\n" for c in components]
    for component in components:
        folder = normalise(component.name)
        relative = []
        for source in component.files:
            dest = root / folder / source.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest)
            relative.append(f"{folder}/{source.name}")
        index.append(
            {
                "name": component.name,
                "version": component.version,
                "license": component.license,
                "files": relative,
            }
        )
        text_parts.append(f"\n\n{'=' * 78}\n{component.name} {component.version}\n")
        text_parts.append(f"License: {component.license}\n")
        if normalise(component.name) in {"pyside6-essentials", "shiboken6"}:
            text_parts.append(f"\n{QT_NOTE}\n")
        for source in component.files:
            text = source.read_text(encoding="utf-8", errors="replace")
            text_parts.append(f"\n--- {source.name} ---\n\n{text.rstrip()}\n")
    (root / INDEX_NAME).write_text(
        json.dumps({"format": INDEX_FORMAT, "components": index}, indent=1, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    (root / TEXT_INDEX_NAME).write_text("".join(text_parts), encoding="utf-8")
    return [
        (f"{LICENSES_DIR}/{p.relative_to(root).as_posix()}", str(p), "DATA")
        for p in sorted(root.rglob("*"))
        if p.is_file()
    ]
