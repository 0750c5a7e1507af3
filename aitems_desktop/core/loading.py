"""Import the core's heavy modules once, one thread at a time.

pydantic (like many packages) has import cycles. When two threads import such a package for
the first time at the same moment, Python's import machinery can detect a cross-thread
deadlock and hand one of them a partially initialised module, which then fails with
``ImportError: cannot import name ...``. The app imports the core off the GUI thread, from
several workers at once (the start-up preload, the credentials lookup, the first call) and
from the credential store's keyring thread, so each of them calls :func:`load_core` first: the
first caller imports, the others wait.
"""

from __future__ import annotations

import importlib
import logging
import threading
from typing import Final

#: What the first call, the credentials lookup and the keyring thread need.
_HEAVY_MODULES: Final = (
    "aitems_desktop.core.models",
    "aitems_desktop.core.client",
    "aitems_desktop.core.credentials",
    "aitems_desktop.core.profiles",
    "keyring",
)
log = logging.getLogger(__name__)
_lock = threading.Lock()
_loaded = threading.Event()


def load_core() -> None:
    """Import the client, the models, the profiles, the credential store and keyring, once."""
    if _loaded.is_set():
        return
    with _lock:
        if _loaded.is_set():
            return
        for module in _HEAVY_MODULES:
            try:
                importlib.import_module(module)
            except ImportError as exc:
                # Seen about once in twenty launches with --sandbox on Python 3.11, with no
                # other thread importing pydantic: the first import of pydantic on a QThread
                # can still fail as a "partially initialized module". What did load stays
                # loaded, and a second import completes it.
                log.warning("importing %s failed once (%s); trying again", module, exc)
                importlib.import_module(module)
        _loaded.set()
