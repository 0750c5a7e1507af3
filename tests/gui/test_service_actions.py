"""The service actions of the workspace window, against the demo sandbox."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from screens import activate, connect, dialog, open_window, select, wait_for

from aitems_desktop.core.rules import HP_OPTIONS
from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow
from aitems_desktop.gui.workspace import state
from aitems_desktop.gui.workspace.rows import Kind
from aitems_desktop.sandbox import SandboxServer


@pytest.fixture
def demo() -> Iterator[SandboxServer]:
    # Simulated time stands still, so the demo's training is still running whenever a test
    # looks; a test that needs time to pass advances the clock itself.
    with SandboxServer(seed_demo=True, time_scale=0) as server:
        yield server


@pytest.fixture
def window(qtbot: QtBot, demo: SandboxServer) -> Iterator[WorkspaceWindow]:
    with open_window(qtbot) as made:
        connect(made, demo, qtbot)
        yield made


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def service_id(window: WorkspaceWindow, name: str) -> str:
    rows = [r for r in window.workspace.models[Kind.SERVICES].rows() if r.name == name]
    assert len(rows) == 1, name
    return rows[0].id


def open_service(window: WorkspaceWindow, qtbot: QtBot, name: str) -> Any:
    return select(window, qtbot, Kind.SERVICES, service_id(window, name))


def test_delete_with_a_wrong_name_keeps_the_button_disabled(
    window: WorkspaceWindow, demo: SandboxServer, qtbot: QtBot
) -> None:
    open_service(window, qtbot, "new_service")
    activate(qtbot, window)
    qtbot.keyClick(window.navigator.current_table(), Qt.Key.Key_Delete)
    confirm = dialog(window, "confirmDeleteDialog", qtbot)
    qtbot.keyClicks(confirm.name_edit, "New_service")
    assert not confirm.delete_button.isEnabled()
    # Enter neither deletes nor closes the dialog while the name does not match.
    qtbot.keyClick(confirm.name_edit, Qt.Key.Key_Return)
    assert confirm.isVisible()
    # Esc cancels.
    qtbot.keyClick(confirm.name_edit, Qt.Key.Key_Escape)
    wait_for(qtbot, lambda: not confirm.isVisible())
    assert "new_service" in {s["name"] for s in demo.services()}


def test_enter_deletes_once_the_typed_name_matches(
    window: WorkspaceWindow, demo: SandboxServer, qtbot: QtBot
) -> None:
    open_service(window, qtbot, "new_service")
    activate(qtbot, window)
    qtbot.keyClick(window.navigator.current_table(), Qt.Key.Key_Delete)
    confirm = dialog(window, "confirmDeleteDialog", qtbot)
    qtbot.keyClicks(confirm.name_edit, "new_servic")
    qtbot.keyClick(confirm.name_edit, Qt.Key.Key_Return)
    assert confirm.isVisible()
    qtbot.keyClicks(confirm.name_edit, "e")
    with qtbot.waitSignal(confirm.accepted):
        qtbot.keyClick(confirm.name_edit, Qt.Key.Key_Return)
    wait_for(qtbot, lambda: "new_service" not in {s["name"] for s in demo.services()})


def test_attach_is_refused_with_the_reason_while_the_service_learns(
    window: WorkspaceWindow, qtbot: QtBot
) -> None:
    service = open_service(window, qtbot, "shop_training")
    assert service.status == "learning"
    window.attach_action.trigger()
    attach = dialog(window, "attachDatasetsDialog")
    assert attach.refusal.isVisible()
    assert attach.refusal.text()
    assert not attach.save_button.isEnabled()
    attach.reject()


def test_the_train_dialog_shows_each_hpo_option_for_its_types_within_its_range(
    window: WorkspaceWindow, qtbot: QtBot
) -> None:
    open_service(window, qtbot, "movie_reco")
    window.train_action.trigger()
    train = dialog(window, "trainDialog")
    hpo = train.hpo
    assert not any(spin.isVisible() for spin in hpo.fields.values())
    hpo.enabled_box.setChecked(True)
    train.types.select(["relatedItem"])
    shown = {key for key, spin in hpo.fields.items() if spin.isVisible()}
    assert "max_relate_recommend_top" in shown
    assert "max_user_recommend_top" not in shown
    train.types.select(["pop"])
    assert not any(spin.isVisible() for spin in hpo.fields.values())
    train.types.select(["personalRecommend"])
    spin = hpo.fields["max_user_recommend_top"]
    option = HP_OPTIONS["max_user_recommend_top"]
    assert (spin.minimum(), spin.maximum()) == (option.minimum, option.maximum)
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, str(option.maximum + 5))
    spin.interpretText()
    assert spin.value() <= option.maximum
    assert hpo.options()["max_user_recommend_top"] <= option.maximum
    assert set(hpo.options()) == {
        o.key for o in HP_OPTIONS.values() if "personalRecommend" in o.applies_to
    }
    train.reject()


def test_an_interval_service_changes_its_term_and_stops_its_schedule(
    window: WorkspaceWindow, demo: SandboxServer, qtbot: QtBot
) -> None:
    service = open_service(window, qtbot, "news_hourly")
    assert service.status in ("scheduled", "scheduledLearning")
    window.train_action.trigger()
    train = dialog(window, "trainDialog")
    assert train.term_combo.isVisible()
    assert train.stop_button.isEnabled()
    with qtbot.waitSignal(train.started, timeout=10_000) as stopped:
        qtbot.mouseClick(train.stop_button, Qt.MouseButton.LeftButton)
    assert stopped.args[0].status not in ("scheduled", "scheduledLearning")
    wait_for(qtbot, lambda: not train.isVisible())
    window.train_action.trigger()
    train = dialog(window, "trainDialog")
    train.term_combo.setCurrentIndex(train.term_combo.findData("hour6"))
    assert train.start_button.isEnabled(), (train.refusal.text(), train.service.status)
    with qtbot.waitSignal(train.started, timeout=10_000):
        qtbot.mouseClick(train.start_button, Qt.MouseButton.LeftButton)
    stored = {s["name"]: s for s in demo.services()}["news_hourly"]
    assert stored["status"] in ("scheduled", "scheduledLearning")
    assert stored["learningInterval"] == "hour6"


def test_the_trainings_list_a_training_and_the_lookup_as_json(
    window: WorkspaceWindow, qtbot: QtBot
) -> None:
    open_service(window, qtbot, "movie_reco")
    panel = window.trainings_panel
    with qtbot.waitSignal(panel.trainings_loaded, timeout=10_000):
        qtbot.mouseClick(panel.refresh_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 3
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    wait_for(qtbot, lambda: window.findChild(object, "trainingDialog") is not None)
    shown = dialog(window, "trainingDialog")
    assert panel.trainings[0].version in shown.windowTitle()
    shown.reject()
    lookup = window.lookup_panel
    lookup.type_combo.setCurrentIndex(lookup.type_combo.findData("personalRecommend"))
    lookup.target_edit.setText("u0001")
    with qtbot.waitSignal(lookup.model.rowsInserted, timeout=10_000):
        qtbot.keyClick(lookup.target_edit, Qt.Key.Key_Return)
    wait_for(qtbot, lambda: lookup.copy_button.isEnabled())
    values = [lookup.model.item(r, 1).text() for r in range(lookup.model.rowCount())]
    assert values
    assert lookup.model.item(0, 0).text() == "1"
    qtbot.mouseClick(lookup.copy_button, Qt.MouseButton.LeftButton)
    copied = json.loads(QGuiApplication.clipboard().text())
    assert copied == lookup.result.raw
    # Said where Copy ID says it: in the status bar.
    assert window.statusBar().currentMessage() == "Copied the results as JSON"


def test_copy_as_json_on_the_lookup_tab_copies_the_lookup(
    window: WorkspaceWindow, qtbot: QtBot
) -> None:
    open_service(window, qtbot, "movie_reco")
    page = window.details.page(Kind.SERVICES)
    lookup = window.lookup_panel
    page.tabs.setCurrentWidget(lookup)
    lookup.type_combo.setCurrentIndex(lookup.type_combo.findData("pop"))
    with qtbot.waitSignal(lookup.model.rowsInserted, timeout=10_000):
        qtbot.mouseClick(lookup.lookup_button, Qt.MouseButton.LeftButton)
    window.statusBar().clearMessage()
    QGuiApplication.clipboard().clear()
    activate(qtbot, window)
    qtbot.keyClick(lookup.target_edit, Qt.Key.Key_J, CTRL_SHIFT)
    assert json.loads(QGuiApplication.clipboard().text()) == lookup.result.raw
    assert window.statusBar().currentMessage() == "Copied the results as JSON"
    # On the Overview tab the same keys copy the service.
    page.tabs.setCurrentIndex(0)
    qtbot.keyClick(page.tree, Qt.Key.Key_J, CTRL_SHIFT)
    assert json.loads(QGuiApplication.clipboard().text())["name"] == "movie_reco"


def test_a_passing_service_refreshes_itself_and_stops_when_it_settles(
    window: WorkspaceWindow, demo: SandboxServer, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(state, "FIRST_POLL_MS", 50)
    service = open_service(window, qtbot, "shop_training")
    assert service.status == "learning"
    demo.sim_clock.advance(600)  # the training's simulated time runs out
    with qtbot.waitSignal(
        window.workspace.training_ended,
        timeout=30_000,
        check_params_cb=lambda _, name, __: name == "shop_training",
    ) as ended:
        window.workspace.put(Kind.SERVICES, service)  # as after a change: polling restarts
    assert ended.args[1] == "shop_training"
    row = window.workspace.models[Kind.SERVICES].row(service.service_id)
    assert row is not None
    assert row.status == "learnable"
    # Settled: the polling goes on only while something else passes (the demo's periodic
    # service), and stops with nothing passing.
    with qtbot.waitSignal(window.workspace.list_loaded, timeout=10_000):
        window.refresh_all()
    workspace = window.workspace
    assert (workspace.poll_interval_ms() is None) == (not workspace.passing_kinds())


def test_an_answer_for_the_service_no_longer_shown_is_dropped(
    window: WorkspaceWindow, qtbot: QtBot
) -> None:
    other = open_service(window, qtbot, "shop_training")
    open_service(window, qtbot, "movie_reco")
    lookup = window.lookup_panel
    trainings = window.trainings_panel
    lookup.type_combo.setCurrentIndex(lookup.type_combo.findData("pop"))
    with qtbot.waitSignal(
        window.runner.busy_changed, timeout=10_000, check_params_cb=lambda n: n == 0
    ):
        lookup.lookup()
        trainings.refresh()
        # The person picks another service before either answer arrives.
        lookup.set_service(other)
        trainings.set_service(other)
    assert lookup.model.rowCount() == 0
    assert lookup.result is None
    assert not lookup.copy_button.isEnabled()
    assert trainings.model.rowCount() == 0
    assert trainings.trainings == []
