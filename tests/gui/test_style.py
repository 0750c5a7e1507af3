"""Messages and panels read at 4.5:1 or better, in a light and in a dark palette."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from aitems_desktop.gui.style import contrast, error_text, panel_tones

LIGHT = {"window": "#efefef", "text": "#000000"}
DARK = {"window": "#202124", "text": "#e8eaed"}


def palette(colors: dict[str, str]) -> QPalette:
    made = QPalette()
    made.setColor(QPalette.ColorRole.Window, QColor(colors["window"]))
    made.setColor(QPalette.ColorRole.WindowText, QColor(colors["text"]))
    return made


@pytest.mark.parametrize("colors", [LIGHT, DARK, {"window": "#ffffff", "text": "#202020"}])
def test_inline_messages_read_on_the_window(colors: dict[str, str]) -> None:
    pal = palette(colors)
    assert contrast(error_text(pal), pal.color(QPalette.ColorRole.Window)) >= 4.5


@pytest.mark.parametrize("colors", [LIGHT, DARK])
@pytest.mark.parametrize("severity", ["error", "warning", "info"])
def test_panels_follow_the_theme_and_read(colors: dict[str, str], severity: str) -> None:
    pal = palette(colors)
    tones = panel_tones(pal, severity)
    assert contrast(tones.text, tones.background) >= 4.5
    # The panel is a tint of the window, not a bright block on a dark window.
    window = pal.color(QPalette.ColorRole.Window)
    assert abs(tones.background.lightness() - window.lightness()) < 40


def test_the_contrast_formula() -> None:
    assert round(contrast(QColor("#000000"), QColor("#ffffff")), 1) == 21.0
    assert round(contrast(QColor("#777777"), QColor("#ffffff")), 2) == 4.48
