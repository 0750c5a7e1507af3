"""Small dialogs show their whole title; About's title is not the application's name twice;
licence texts keep their own line breaks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from aitems_desktop.gui.dialogs.confirm_delete import ConfirmDeleteDialog
from aitems_desktop.gui.dialogs.discard import confirm_discard
from aitems_desktop.gui.dialogs.preferences import PreferencesDialog
from aitems_desktop.gui.dialogs.title_width import title_width
from aitems_desktop.gui.shell.help import AboutDialog


@pytest.fixture(autouse=True)
def display_name() -> Iterator[None]:
    before = QGuiApplication.applicationDisplayName()
    QGuiApplication.setApplicationDisplayName("AiTEMS Desktop")
    yield
    QGuiApplication.setApplicationDisplayName(before)


def _shown_width(qtbot: QtBot, dialog: QDialog) -> int:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog.width()


def test_small_dialogs_are_as_wide_as_their_titles(qtbot: QtBot) -> None:
    delete = ConfirmDeleteDialog("service", "x", "It cannot be undone.")
    assert _shown_width(qtbot, delete) >= title_width(delete)
    preferences = PreferencesDialog()
    assert _shown_width(qtbot, preferences) >= title_width(preferences)


def test_the_discard_question_is_as_wide_as_its_title(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[tuple[int, int]] = []

    def shown_instead_of_run(box: QMessageBox) -> int:
        box.show()
        qtbot.waitExposed(box)
        seen.append((box.width(), title_width(box)))
        box.hide()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", shown_instead_of_run)
    assert confirm_discard(parent) is False
    width, needed = seen[0]
    assert width >= needed


class _NoRunner:
    def run_local(self, *_: Any, **__: Any) -> None:
        return None


def test_about_is_titled_about_and_licences_are_not_rewrapped(qtbot: QtBot) -> None:
    about = AboutDialog(_NoRunner())
    qtbot.addWidget(about)
    # Qt appends the display name itself.
    assert about.windowTitle() == "About"
    text = about.licence_text
    assert text.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap
    assert (
        text.font().family()
        == QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    )
