"""Linux: load fontconfig's configuration on a thread while PySide6 is being imported.

The first text a Qt window lays out on Linux fills Qt's font database from fontconfig, and
most of that is ``FcInit``: fontconfig reads its configuration and the cache of every
installed font (about 9 ms of the 13 ms here, with 161 fonts; more on a desktop with many).
Qt calls ``FcInit`` itself and gets the configuration already loaded, so calling it first, on
a thread of its own, takes that time off the path to the first frame. The call goes through
ctypes, which releases the GIL for it: the import of PySide6 (some 150 ms of Python and
dynamic loading) goes on meanwhile. fontconfig initialises its configuration atomically: if
Qt asked first, both would load one and one would be dropped, which only costs the time saved.

Elsewhere (macOS, Windows) Qt uses the system's own font APIs, and this does nothing.
"""

from __future__ import annotations

import logging
import sys
import threading

log = logging.getLogger(__name__)

#: The soname Qt's libQt6Gui links against.
FONTCONFIG: str = "libfontconfig.so.1"


def start_font_warmup() -> threading.Thread | None:
    """Start loading fontconfig's configuration (Linux); the thread, or None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    thread = threading.Thread(target=_load_configuration, name="aitems-fontconfig", daemon=True)
    thread.start()
    return thread


def _load_configuration() -> None:
    import ctypes

    try:
        if not ctypes.CDLL(FONTCONFIG).FcInit():
            log.debug("fontconfig could not load its configuration; Qt will say why")
    except (OSError, AttributeError) as exc:  # no fontconfig: Qt brings its own fonts
        log.debug("fontconfig not warmed up: %s", exc)
