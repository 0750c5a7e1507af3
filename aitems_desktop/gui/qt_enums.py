"""Keep PySide6's ``Qt`` namespace out of the start-up path, and build it right after.

The first time anything touches ``PySide6.QtCore.Qt``, PySide6 builds all of the
namespace's Python enum classes (about a hundred; some 15 ms on Python 3.11, whose
``enum`` makes members slowly). A bare window never touches it, and the main window needs
only a handful of its values before the first paint. Those few are set through Qt's
property system by key name (:func:`set_enum_property`), and the namespace is built once
the first frame is on screen (:func:`build_qt_namespace`, run after the first paint), so
no keystroke or answer pays for it later.
"""

from __future__ import annotations

from PySide6.QtCore import QObject


def set_enum_property(obj: QObject, name: str, keys: str) -> None:
    """Set the enum- or flag-typed Qt property ``name`` by key name(s), e.g. ``"Vertical"``.

    Flags take ``|``-separated keys. Raises :class:`ValueError` when Qt refuses the value
    (an unknown property or key), so a typo cannot pass silently.
    """
    if not obj.setProperty(name, keys):
        raise ValueError(f"{type(obj).__name__}.{name} does not take {keys!r}")


def qt_namespace_built() -> bool:
    """Whether PySide6 has built the ``Qt`` namespace yet (it does on first access)."""
    from PySide6 import QtCore

    # PySide6 creates its classes lazily: until first use the module holds no Qt.
    return QtCore.__dict__.get("Qt") is not None


def build_qt_namespace() -> None:
    """Build ``Qt`` and its enum classes now, while the window is idle after its first frame."""
    from PySide6 import QtCore

    _ = QtCore.Qt.Key.Key_Return  # the first keystroke in the form needs these
