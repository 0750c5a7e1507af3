"""One resolver for the files the app ships (icons, translations).

The same relative name works in the three ways the app runs: installed (the wheel puts
``resources/`` inside the package as ``aitems_desktop/resources``), editable (the repo's
top-level ``resources/``) and frozen (PyInstaller unpacks into ``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent

ICON_NAME = "icons/aitems-desktop.svg"


def resource_roots() -> list[Path]:
    """The directories searched, most specific first."""
    roots: list[Path] = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        roots += [Path(frozen) / "aitems_desktop" / "resources", Path(frozen) / "resources"]
    roots.append(_PACKAGE_DIR / "resources")  # installed wheel
    roots.append(_PACKAGE_DIR.parent / "resources")  # editable checkout
    return roots


def resource_path(name: str) -> Path | None:
    """Return the first existing file called ``name`` under a resource root, or None."""
    for root in resource_roots():
        candidate = root / name
        if candidate.is_file():
            return candidate
    return None
