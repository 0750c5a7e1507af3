"""Where the window was: its geometry, the splitter, the list on screen and the selection.

Kept with QSettings (window state is what QSettings is for; the app's settings proper live in
``core``). It is read once, before the window is first shown, so the first frame already has
the person's layout; it is written on a thread of its own when the window closes, never on the
GUI thread while the person works.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import threading
from typing import Final

from PySide6.QtCore import QByteArray, QSettings

log = logging.getLogger(__name__)

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


def open_settings() -> QSettings:
    """The app's settings file (window state, Preferences); off the GUI thread only."""
    check_settings_file()
    return QSettings(
        QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


def check_settings_file() -> None:
    """Raise OSError unless QSettings may open the settings file: there is none, or it is a
    regular file.

    QSettings opens it while holding Python's GIL: a FIFO or a device in its place would
    block every thread of the app at once, for good. ``os.stat`` releases the GIL, so a
    stalled home folder stalls only the thread that reads, which the app does not wait
    for without a bound. (Linux and the BSDs: elsewhere the settings are not a file here.)
    """
    from PySide6.QtCore import QStandardPaths

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    path = os.path.join(base, ORGANIZATION, f"{APPLICATION}.conf")
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise OSError(f"{path} is not a regular file")


def _bytes(value: object) -> QByteArray | None:
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def load_state() -> WindowState:
    """The state saved last time (before the window is shown)."""
    settings = open_settings()
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
    try:
        settings = open_settings()
    except OSError as exc:
        log.warning("the window's state was not saved: %s", exc)
        return
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
    write_settings(settings, "the window's state")


def write_settings(settings: QSettings, what: str) -> None:
    """Write ``settings`` to disk (saying when ``what`` could not be), owner-only."""
    settings.sync()
    if settings.status() is not QSettings.Status.NoError:
        log.warning("%s was not saved: %s", what, settings.status().name)
    # Harmless data, but every settings file of the app is for its owner only.
    if os.path.isfile(settings.fileName()):
        with contextlib.suppress(OSError):
            os.chmod(settings.fileName(), 0o600)
