"""What the first frame needs from disk, read on a thread of its own while the GUI thread
imports the window.

The window's saved place and layout, the language Preferences pinned and that language's
translation files are read from disk, which the GUI thread never does. Start it once the
``QApplication`` exists (the translators are moved to its thread), after the garbage
collector is taken over (see :mod:`~aitems_desktop.gui.garbage_collector`).
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QLocale

from aitems_desktop.gui.i18n import (
    SOURCE_LANGUAGE,
    Translation,
    load_pinned_language,
    read_translation,
)
from aitems_desktop.gui.shell.window_state import WindowState, load_state

log = logging.getLogger(__name__)

#: How long the GUI thread waits for the settings before it starts without them.
READ_WAIT_S = 5.0


class StartReads:
    """The reads in flight; :meth:`result` waits for the settings and the translation."""

    def __init__(self) -> None:
        self._read_done = threading.Event()
        self._settings: tuple[WindowState, Translation] | None = None
        self._error: BaseException | None = None
        self.thread = threading.Thread(target=self._read, name="aitems-start-reads", daemon=True)
        self.thread.start()

    def result(self) -> tuple[WindowState, Translation]:
        """What was read; after :data:`READ_WAIT_S` without an answer (a stalled home
        folder), the defaults: the app starts in English with its default layout."""
        if not self._read_done.wait(READ_WAIT_S):
            log.warning(
                "the settings were not read within %.0f s; starting with the defaults",
                READ_WAIT_S,
            )
            return WindowState(), Translation(SOURCE_LANGUAGE, "", QLocale(SOURCE_LANGUAGE), [])
        if self._settings is None:
            raise RuntimeError("the settings could not be read") from self._error
        return self._settings

    def _read(self) -> None:
        try:
            self._settings = (_window_state(), read_translation(_pinned_language()))
        except BaseException as exc:  # the GUI thread waits for this: it must be told
            self._error = exc
        finally:
            self._read_done.set()


def _window_state() -> WindowState:
    try:
        return load_state()
    except Exception as exc:  # an unreadable state is no reason not to start
        log.warning("the window's saved state could not be read: %r", exc)
        return WindowState()


def _pinned_language() -> str:
    try:
        return load_pinned_language()
    except Exception as exc:  # nor an unreadable language: the system's is spoken
        log.warning("the pinned language could not be read: %r", exc)
        return ""
