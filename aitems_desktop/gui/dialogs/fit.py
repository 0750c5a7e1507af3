"""Dialogs sized to the screen they open on, never beyond it.

At a scale factor of 2 a 1600x1000 screen is 800x500 logical pixels: a dialog sized for a
larger screen would put its buttons out of reach. Each dialog asks for the size it would
like; it gets that size, cut down to the screen's available area less the window frame.

A dialog that shows more once open (an error report above its form) grows to fit it:
Qt's minimum size for a window does not count the extra lines of wrapped labels at the
window's width, so without :func:`grow_to_fit` such a label is squeezed and cut off.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

#: Room left for the window manager's frame and title bar (logical pixels).
FRAME = QSize(16, 40)


def available_size(widget: QWidget) -> QSize:
    """The room a window of ``widget`` has: its screen's (or its parent's) available area,
    less the window frame."""
    anchor = widget.parentWidget() or widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry().size()
    return QSize(max(area.width() - FRAME.width(), 0), max(area.height() - FRAME.height(), 0))


def fit_to_screen(window: QWidget, wanted: QSize | None = None) -> None:
    """Resize ``window`` to ``wanted`` (its size hint when ``None``), no larger than the room
    its screen has; a layout that needs more must scroll."""
    size = (wanted if wanted is not None else window.sizeHint()).boundedTo(available_size(window))
    window.resize(size)


def grow_to_fit(window: QWidget) -> None:
    """Make dialog ``window`` tall enough for its layout at its width (wrapped labels
    included), no taller than its screen allows; never shrinks it. Not for main windows,
    whose size is the person's."""
    layout = window.layout()
    if not isinstance(window, QDialog) or layout is None:
        return
    layout.activate()
    width = window.width()
    need = (
        layout.totalHeightForWidth(width)
        if layout.hasHeightForWidth()
        else layout.totalSizeHint().height()
    )
    need = min(need, available_size(window).height())
    if window.height() < need:
        window.resize(width, need)
