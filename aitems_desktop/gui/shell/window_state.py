"""Where the window was: its geometry, the splitter, the list on screen and the selection.

Kept with QSettings (window state is what QSettings is for; the app's settings proper live in
``core``). It is read once, before the window is first shown, so the first frame already has
the person's layout; it is written on a thread of its own when the window closes, never on the
GUI thread while the person works.
"""

from __future__ import annotations

import contextlib
import os
import threading
from typing import Final

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION: Final = "aitems-desktop"
APPLICATION: Final = "aitems-desktop"
#: The first window: this size, or 90% of the screen when the screen is smaller.
DEFAULT_SIZE: Final = (1200, 760)


class WindowState:
    """Where the window was, its layout, and what it showed."""

    # A plain class, not a dataclass: this module loads before the first paint, and
    # ``dataclasses`` would be imported for it alone (some 5 ms).
    __slots__ = ("geometry", "kind", "profile", "selected", "splitter", "window_state")

    def __init__(
        self,
        geometry: QByteArray | None = None,
        window_state: QByteArray | None = None,
        splitter: QByteArray | None = None,
        kind: str = "",
        selected: str = "",
        profile: str = "",
    ) -> None:
        self.geometry = geometry
        self.window_state = window_state
        self.splitter = splitter
        self.kind = kind
        self.selected = selected
        self.profile = profile


def _settings() -> QSettings:
    return QSettings(
        QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


def _bytes(value: object) -> QByteArray | None:
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def load_state() -> WindowState:
    """The state saved last time (before the window is shown)."""
    settings = _settings()
    return WindowState(
        geometry=_bytes(settings.value("workspace/geometry")),
        window_state=_bytes(settings.value("workspace/state")),
        splitter=_bytes(settings.value("workspace/splitter")),
        kind=str(settings.value("workspace/kind", "") or ""),
        selected=str(settings.value("workspace/selected", "") or ""),
        profile=str(settings.value("workspace/profile", "") or ""),
    )


def save_state_in_background(state: WindowState) -> threading.Thread:
    """Write ``state`` on a thread of its own; the caller joins it (bounded) at exit."""
    thread = threading.Thread(target=_save, args=(state,), name="aitems-window-state")
    thread.start()
    return thread


def _save(state: WindowState) -> None:
    settings = _settings()
    for key, value in (
        ("workspace/geometry", state.geometry),
        ("workspace/state", state.window_state),
        ("workspace/splitter", state.splitter),
    ):
        if value is not None:
            settings.setValue(key, value)
    settings.setValue("workspace/kind", state.kind)
    settings.setValue("workspace/selected", state.selected)
    settings.setValue("workspace/profile", state.profile)
    settings.sync()
    # Harmless data, but every settings file of the app is for its owner only.
    with contextlib.suppress(OSError):
        os.chmod(settings.fileName(), 0o600)
