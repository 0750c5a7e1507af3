"""The application icon, from the shipped SVG or, while it is missing, a drawn stand-in."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from aitems_desktop.gui.resources import ICON_NAME, resource_path


def _drawn_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 64, 128):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor("#03c75a"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(QRectF(0, 0, size, size), size * 0.2, size * 0.2)
        painter.setPen(QColor("white"))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(size * 0.5))
        painter.setFont(font)
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, "Ai")
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def app_icon() -> QIcon:
    path = resource_path(ICON_NAME)
    if path is not None:
        icon = QIcon(str(path))
        if not icon.isNull():
            return icon
    return _drawn_icon()
