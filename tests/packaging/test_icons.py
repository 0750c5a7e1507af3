"""The committed icon set: every size and format is there, well-formed, and up to date."""

from __future__ import annotations

import importlib.util
import os
import struct
from pathlib import Path
from types import ModuleType

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[2]
ICONS = REPO / "resources" / "icons"


def _load_make_icons() -> ModuleType:
    # packaging/ is not an importable package (and its name is taken by the PyPI library).
    spec = importlib.util.spec_from_file_location(
        "make_icons", REPO / "packaging" / "make_icons.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_icons = _load_make_icons()


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("size", make_icons.PNG_SIZES)
def test_png_set_has_every_size(size: int) -> None:
    data = (ICONS / f"aitems-desktop-{size}.png").read_bytes()
    assert _png_size(data) == (size, size)


def test_ico_holds_each_windows_size_as_png() -> None:
    data = (ICONS / "aitems-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        w, h, _, _, _, _, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        png = data[offset : offset + length]
        real = _png_size(png)
        assert real == (w or 256, h or 256)
        sizes.append(real[0])
    assert tuple(sizes) == make_icons.ICO_SIZES


def test_icns_holds_each_mac_element() -> None:
    data = (ICONS / "aitems-desktop.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    found = {}
    pos = 8
    while pos < len(data):
        ostype = data[pos : pos + 4]
        (length,) = struct.unpack(">I", data[pos + 4 : pos + 8])
        found[ostype] = _png_size(data[pos + 8 : pos + length])[0]
        pos += length
    assert pos == len(data)
    assert found == dict(make_icons.ICNS_TYPES)
    # Finder and the Dock need at least the 512@2x element to look sharp.
    assert found[b"ic10"] == 1024


def test_committed_pngs_match_the_svg(qapp: object) -> None:
    # The PNGs are generated: a changed SVG without a re-run of make_icons.py fails here.
    for size in (16, 128):
        committed = (ICONS / f"aitems-desktop-{size}.png").read_bytes()
        assert make_icons.render_png(size) == committed, f"re-run packaging/make_icons.py ({size})"
