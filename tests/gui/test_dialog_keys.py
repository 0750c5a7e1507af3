"""Enter and Esc in the service dialogs, keyboard only, against the demo sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from credentials_doubles import MessageBoxAnswers
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from screens import activate, connect, dialog, open_window, select, wait_for

from aitems_desktop.gui.services.attach_dialog import AttachDatasetsDialog
from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow
from aitems_desktop.gui.workspace.rows import Kind
from aitems_desktop.sandbox import SandboxServer


@pytest.fixture
def window(qtbot: QtBot, demo_sandbox: SandboxServer) -> Iterator[WorkspaceWindow]:
    with open_window(qtbot) as made:
        connect(made, demo_sandbox, qtbot)
        yield made


def open_service(window: WorkspaceWindow, qtbot: QtBot, name: str) -> Any:
    rows = [r for r in window.workspace.models[Kind.SERVICES].rows() if r.name == name]
    return select(window, qtbot, Kind.SERVICES, rows[0].id)


def test_enter_in_the_train_dialogs_fields_never_starts_a_training(
    window: WorkspaceWindow, demo_sandbox: SandboxServer, qtbot: QtBot
) -> None:
    service = open_service(window, qtbot, "movie_reco")
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    train = dialog(window, "trainDialog", qtbot)
    assert train.start_button.isEnabled()
    assert not train.start_button.isDefault()
    qtbot.keyClicks(train.description_edit, "weekly")
    qtbot.keyClick(train.description_edit, Qt.Key.Key_Return)
    # _start hands the request to the runner at once, on this thread: none was handed.
    assert not window.runner.is_running(f"train:{service.service_id}")
    assert train.isVisible()
    # The focused button takes Enter: that starts it.
    train.start_button.setFocus()
    with qtbot.waitSignal(train.started, timeout=10_000):
        qtbot.keyClick(train.start_button, Qt.Key.Key_Return)
    path = f"/api/v1/services/{service.service_id}"
    trains = [r for r in demo_sandbox.requests if (r.method, r.target) == ("POST", path)]
    assert len(trains) == 1


def test_esc_asks_before_the_train_dialogs_description_is_lost(
    window: WorkspaceWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_service(window, qtbot, "movie_reco")
    window.train_action.trigger()
    train = dialog(window, "trainDialog", qtbot)
    answers = MessageBoxAnswers(monkeypatch, "Keep Editing", "Discard")
    qtbot.keyClicks(train.description_edit, "weekly")
    qtbot.keyClick(train.description_edit, Qt.Key.Key_Escape)
    assert train.isVisible()
    assert train.description_edit.text() == "weekly"
    qtbot.keyClick(train.description_edit, Qt.Key.Key_Escape)
    wait_for(qtbot, lambda: not train.isVisible())
    assert [a[2] for a in answers.asked] == [["Discard", "Keep Editing"]] * 2


def test_esc_closes_an_untouched_train_dialog_without_asking(
    window: WorkspaceWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_service(window, qtbot, "movie_reco")
    window.train_action.trigger()
    train = dialog(window, "trainDialog", qtbot)
    answers = MessageBoxAnswers(monkeypatch)
    qtbot.keyClick(train.description_edit, Qt.Key.Key_Escape)
    wait_for(qtbot, lambda: not train.isVisible())
    assert answers.asked == []


def test_esc_asks_before_the_datasets_chosen_are_lost(
    window: WorkspaceWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = open_service(window, qtbot, "new_service")
    rows = window.workspace.models[Kind.DATASETS].rows()
    users = next(r for r in rows if r.type == "user")
    # A second user dataset, so that there is a choice to make.
    offered = [*rows, users._replace(id="ds-other", name="other_users")]
    attach = AttachDatasetsDialog(window.runner, service, offered, window)
    qtbot.addWidget(attach)
    attach.show()
    activate(qtbot, attach)
    answers = MessageBoxAnswers(monkeypatch, "Keep Editing", "Discard")
    combo = attach.combos["user"]
    combo.setFocus()
    before = combo.currentIndex()
    qtbot.keyClick(combo, Qt.Key.Key_Down if before == 0 else Qt.Key.Key_Up)
    assert combo.currentIndex() != before
    qtbot.keyClick(combo, Qt.Key.Key_Escape)
    assert attach.isVisible()
    qtbot.keyClick(combo, Qt.Key.Key_Escape)
    assert not attach.isVisible()
    assert len(answers.asked) == 2


def test_cancel_in_new_service_is_always_available_and_closes(
    window: WorkspaceWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    activate(qtbot, window)
    window.new_service_action.trigger()
    new = dialog(window, "newServiceDialog", qtbot)
    cancel = new.form.cancel_button
    assert cancel.isEnabled()
    answers = MessageBoxAnswers(monkeypatch, "Discard")
    qtbot.keyClicks(new.form.name_edit, "typed")
    assert cancel.isEnabled()
    cancel.setFocus()
    qtbot.keyClick(cancel, Qt.Key.Key_Space)
    wait_for(qtbot, lambda: not new.isVisible())
    assert len(answers.asked) == 1
