"""Small dialogs as wide as their titles, so the window manager does not cut them off."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QDialog, QGridLayout, QMessageBox, QSizePolicy, QSpacerItem

#: Room for the title bar's icon and buttons, in line heights.
_DECORATION_LINES = 7


def title_width(dialog: QDialog) -> int:
    """The width the title bar needs: the title, the name Qt appends to it, the buttons."""
    title = dialog.windowTitle()
    name = QGuiApplication.applicationDisplayName()
    if name and name not in title:
        title = f"{title} — {name}"
    font = dialog.font()
    font.setBold(True)  # most window managers draw titles bold
    metrics = QFontMetrics(font)
    return metrics.horizontalAdvance(title) + _DECORATION_LINES * metrics.height()


def fit_title(dialog: QDialog) -> None:
    """Make ``dialog`` at least as wide as its title needs (call after setting the title)."""
    width = title_width(dialog)
    layout = dialog.layout()
    if isinstance(dialog, QMessageBox) and isinstance(layout, QGridLayout):
        # A message box sizes itself from its layout when shown, ignoring a minimum width:
        # a spacer across the bottom row holds it open.
        layout.addItem(
            QSpacerItem(width, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed),
            layout.rowCount(),
            0,
            1,
            layout.columnCount(),
        )
        return
    dialog.setMinimumWidth(max(dialog.minimumWidth(), width))
