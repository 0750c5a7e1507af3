"""The window's actions, built once, with their shortcuts and object names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


def make_action(
    parent: QWidget,
    text: str,
    name: str,
    slot: Callable[..., Any] | None = None,
    shortcut: Shortcut = None,
    *,
    tip: str = "",
) -> QAction:
    # parent= by keyword: a positional one is first matched against QAction(QIcon, str,
    # parent), which builds PySide6's QIcon class and its enums before the first paint.
    action = QAction(text, parent=parent)
    action.setObjectName(name)
    if shortcut is not None:
        # The same as setShortcut(), whose overload resolution builds PySide6's Qt namespace.
        action.setShortcuts([QKeySequence(shortcut)])
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    if slot is not None:
        action.triggered.connect(slot)
    return action
