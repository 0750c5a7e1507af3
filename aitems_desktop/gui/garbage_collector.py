"""Python's cyclic garbage collector, run on the GUI thread only.

Left to itself, CPython runs the cyclic collector in whichever thread happens to allocate
past the generation-0 threshold, and the app's workers allocate a lot (requests, pydantic).
Two things then go wrong with Qt wrappers:

* While the GUI thread destroys a widget tree (a ``deleteLater``, a closed dialog), shiboken
  releases the GIL in the middle of tearing a wrapper's parent/children bookkeeping down. A
  worker that takes the GIL at that moment and starts a collection traverses the half-torn
  wrapper and reads a child that has just been freed: a segmentation fault ("Garbage-
  collecting" on a worker thread). See docs/reliability.md for the core dump that showed it.
* A Python-owned QObject that ends up in a reference cycle (every wrapper whose signals were
  used from Python is in one: it caches its bound signals, which point back at it) has its
  C++ destructor run by whichever thread collects the cycle; a QWidget must only ever be
  destroyed on the GUI thread.

So, as calibre and other mature PySide/PyQt applications do, automatic collection is turned
off and a timer on the GUI thread collects each generation once it has passed its threshold.
The GUI thread cannot be inside a widget's destruction while it runs a timer's slot, and
whatever the collection frees is freed there.
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, QTimer, Slot

log = logging.getLogger(__name__)

#: How often the counts are looked at. A collection of generation 0 takes well under a
#: millisecond; the interval only bounds how long cyclic garbage waits.
CHECK_INTERVAL_MS = 500


def collect_due_generations(threshold: tuple[int, int, int] | None = None) -> int:
    """Collect the generations whose counts passed their thresholds, youngest first.

    The rule the interpreter applies on allocation, so garbage is collected about as often
    as it would be, only on the calling thread. Returns the number of objects collected.
    """
    threshold0, threshold1, threshold2 = threshold or gc.get_threshold()
    count0, count1, count2 = gc.get_count()
    collected = 0
    if count0 > threshold0:
        collected += gc.collect(0)
        if count1 > threshold1:
            collected += gc.collect(1)
            if count2 > threshold2:
                collected += gc.collect(2)
    return collected


class GarbageCollector(QObject):
    """Disables automatic collection and collects from a timer on the thread that owns it.

    Create it on the GUI thread, once, right after the QApplication. :meth:`stop` gives
    collection back to the interpreter (for a test suite, or at exit).
    """

    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setObjectName("garbageCollectorTimer")
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    @Slot()
    def check(self) -> None:
        """Collect what is due (see :func:`collect_due_generations`)."""
        collect_due_generations(self._threshold)

    def stop(self) -> None:
        """Stop the timer and let the interpreter collect on its own again (if it did)."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
