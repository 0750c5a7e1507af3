"""The Qt binding must not take references from None.

PySide6 6.12.0 turns an invalid QVariant into ``None`` without adding a reference: each
``index.data(role)`` that has no value, each missing ``QObject.property``, takes one reference
from ``None``. On Python 3.11, ``None`` is an ordinary object, so after enough of them it is
freed and the interpreter aborts ("deallocating None"), or memory is corrupted first and a
later garbage collection crashes. pyproject.toml excludes that release; this test fails on any
binding that does it again.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QModelIndex, QObject, QStringListModel, Qt


def _none_refs_lost(call: object, times: int = 200) -> int:
    before = sys.getrefcount(None)
    for _ in range(times):
        call()  # type: ignore[operator]
    return before - sys.getrefcount(None)


def test_an_invalid_variant_does_not_take_a_reference_from_none() -> None:
    model = QStringListModel(["a"])
    index = model.index(0, 0)
    holder = QObject()
    # Other code may add or drop a few references meanwhile; 200 lost ones is the bug.
    assert _none_refs_lost(lambda: QModelIndex().data()) < 50
    assert _none_refs_lost(lambda: index.data(Qt.ItemDataRole.UserRole + 7)) < 50
    assert _none_refs_lost(lambda: holder.property("missing")) < 50
