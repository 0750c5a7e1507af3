"""Start-up work waits for the window's first frame (and runs once, even if never painted)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from aitems_desktop.gui import first_paint
from aitems_desktop.gui.first_paint import AfterFirstPaint


class _PaintSpy(QObject):
    def __init__(self, seen: list[str], parent: QObject) -> None:
        super().__init__(parent)
        self._seen = seen

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._seen.append("paint")
        return False


def test_work_runs_once_after_the_first_paint_not_before(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(first_paint, "FALLBACK_MS", 50)
    seen: list[str] = []
    runs = 0
    run = AfterFirstPaint._run

    def counted_run(self: AfterFirstPaint) -> None:
        nonlocal runs
        runs += 1
        run(self)

    monkeypatch.setattr(AfterFirstPaint, "_run", counted_run)
    window = QWidget()
    qtbot.addWidget(window)
    window.installEventFilter(_PaintSpy(seen, window))
    AfterFirstPaint(window, [lambda: seen.append("work")])
    # What app.py did before: a zero timer set before show() fires before the paint.
    QTimer.singleShot(0, lambda: seen.append("zero timer"))
    window.show()
    qtbot.waitUntil(lambda: "work" in seen)
    assert seen.index("zero timer") < seen.index("paint") < seen.index("work")
    # Once the fallback has fired too (the second run), the work must not have run again.
    qtbot.waitUntil(lambda: runs == 2)
    assert seen.count("work") == 1


def test_work_runs_even_if_the_window_is_never_painted(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(first_paint, "FALLBACK_MS", 20)
    done: list[str] = []
    window = QWidget()
    qtbot.addWidget(window)
    AfterFirstPaint(window, [lambda: done.append("first"), lambda: done.append("second")])
    qtbot.waitUntil(lambda: len(done) == 2)
    assert done == ["first", "second"]
