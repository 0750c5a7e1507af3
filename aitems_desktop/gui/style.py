"""Colours for messages and panels, taken from the palette in use, readable in light and dark.

Nothing here is a fixed colour for every theme: a red that reads well on white is too dark on
a dark window, so each tone is chosen for the palette's window colour, and every pair of text
and background is held to WCAG's 4.5:1 contrast (tests/gui/test_style.py checks it for the
light and the dark palette).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from PySide6.QtGui import QColor, QPalette

MIN_CONTRAST: Final = 4.5


def relative_luminance(color: QColor) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    light, dark = max(la, lb), min(la, lb)
    return (light + 0.05) / (dark + 0.05)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


@dataclass(frozen=True)
class Tones:
    """The colours of one kind of message for one palette."""

    text: QColor
    background: QColor
    border: QColor

    def style_sheet(self, selector: str) -> str:
        return (
            f"{selector} {{ background: {self.background.name()}; "
            f"border: 1px solid {self.border.name()}; border-radius: 4px; }}"
            f"{selector} QLabel {{ color: {self.text.name()}; background: transparent; }}"
        )


def _readable(text: QColor, background: QColor, *, lighter: bool) -> QColor:
    """``text`` moved towards white or black until it reads at 4.5:1 on ``background``."""
    # No copy needed (lighter and darker return new colours), and QColor's copy constructor
    # would build PySide6's whole Qt namespace while it resolves the overloads (Qt.GlobalColor
    # is one), ~15 ms before the first paint.
    color = text
    for _ in range(40):
        if contrast(color, background) >= MIN_CONTRAST:
            return color
        color = color.lighter(108) if lighter else color.darker(108)
    return QColor("#ffffff") if lighter else QColor("#000000")


def error_text(palette: QPalette) -> QColor:
    """Red for an inline message under a field, on the window's colour."""
    window = palette.color(QPalette.ColorRole.Window)
    if is_dark(palette):
        return _readable(QColor("#f28b82"), window, lighter=True)
    return _readable(QColor("#b3261e"), window, lighter=False)


def panel_tones(palette: QPalette, severity: str = "error") -> Tones:
    """Background, border and text of a message panel (error, warning or info)."""
    window = palette.color(QPalette.ColorRole.Window)
    dark = is_dark(palette)
    accents = {
        "error": ("#f28b82", "#b3261e"),
        "warning": ("#fdd663", "#8a5a00"),
        "info": ("#8ab4f8", "#0b57d0"),
    }
    light_accent, dark_accent = accents.get(severity, accents["error"])
    accent = QColor(light_accent if dark else dark_accent)
    # A faint tint of the accent over the window colour, so the panel follows the theme.
    background = QColor(
        round(window.red() * 0.88 + accent.red() * 0.12),
        round(window.green() * 0.88 + accent.green() * 0.12),
        round(window.blue() * 0.88 + accent.blue() * 0.12),
    )
    text = _readable(palette.color(QPalette.ColorRole.WindowText), background, lighter=dark)
    return Tones(text=text, background=background, border=accent)


def message_style(palette: QPalette) -> str:
    """The style sheet of an inline error message label."""
    return f"color: {error_text(palette).name()};"
