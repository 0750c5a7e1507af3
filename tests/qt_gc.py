"""The app's garbage-collection rule, in the Qt suites too (see gui/garbage_collector.py).

pytest-qt runs the app's workers in the test process, so the tests need what the app does:
no cyclic collection on a worker thread. The root conftest turns automatic collection off
and collects on the main thread after each test; while a test waits in Qt's event loop, the
app's own :class:`GarbageCollector` timer collects on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QApplication

from aitems_desktop.gui.garbage_collector import GarbageCollector


@contextmanager
def gui_thread_garbage_collector(app: QApplication) -> Iterator[GarbageCollector]:
    collector = GarbageCollector(app)
    try:
        yield collector
    finally:
        collector.stop()
        collector.deleteLater()
