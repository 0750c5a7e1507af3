"""The workspace window against the sandbox, driven through its widgets and keys."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from credentials_doubles import MessageBoxAnswers
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QPushButton
from pytestqt.qtbot import QtBot

from aitems_desktop.core.connection import Connection
from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow
from aitems_desktop.gui.workspace.rows import Kind
from aitems_desktop.sandbox import Fault, SandboxServer


def connection(sandbox: SandboxServer, label: str = "sandbox") -> Connection:
    return Connection(
        label=label,
        base_url=sandbox.base_url,
        access_key=sandbox.access_key,
        secret_key=sandbox.secret_key,
        is_sandbox=True,
        source="test",
    )


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[WorkspaceWindow]:
    made = WorkspaceWindow()
    qtbot.addWidget(made)
    made.resize(1100, 700)
    made.show()
    with qtbot.waitSignal(made.runner.core_ready, timeout=30_000):
        made.runner.load_core()
    yield made
    made.close()
    assert made.workers.shutdown(5000)
    if made.state_writer is not None:
        made.state_writer.join(5)


def connect(
    window: WorkspaceWindow, sandbox: SandboxServer, qtbot: QtBot, label: str = "sandbox"
) -> None:
    # The sandbox serves all three lists: wait for every one, so no answer of this connection
    # is still on its way when a test goes on (and is taken for a later one).
    kinds = ("services", "datasets", "schemas")
    with qtbot.waitSignals(
        [window.workspace.list_loaded] * len(kinds),
        timeout=10_000,
        check_params_cbs=[lambda k, kind=kind: k == kind for kind in kinds],
    ):
        window.set_connection(connection(sandbox, label))


def service_names(window: WorkspaceWindow) -> list[str]:
    return [r.name for r in window.workspace.models[Kind.SERVICES].rows()]


def test_the_lists_show_what_the_service_has_with_counts(
    window: WorkspaceWindow, sandbox: SandboxServer, qtbot: QtBot
) -> None:
    sandbox.add_service("alpha", "learnable")
    sandbox.add_service("beta", "datasetRequired")
    connect(window, sandbox, qtbot)
    assert service_names(window) == ["alpha", "beta"]
    assert window.navigator.tabs.tabText(0) == "Services (2)"
    # Qt appends the application's name: the title holds the profile once.
    assert window.windowTitle() == "sandbox"
    table = window.navigator.tables[Kind.SERVICES]
    assert table.model().index(1, 1).data() == "No datasets yet (datasetRequired)"


def test_selecting_a_service_reads_it_and_shows_its_tree(
    window: WorkspaceWindow, sandbox: SandboxServer, qtbot: QtBot
) -> None:
    made = sandbox.add_service("alpha", "learnable", description="the first")
    connect(window, sandbox, qtbot)
    page = window.details.page(Kind.SERVICES)
    # The tree is laid out on a worker, after the service is read.
    with qtbot.waitSignal(page.tree_ready, timeout=10_000):
        window.navigator.select(Kind.SERVICES, made["serviceId"])
    assert window.details.currentWidget() is page
    assert page.title.text() == "alpha"
    assert made["serviceId"] in page.subtitle.text()
    model = page.model
    labels = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert labels[:4] == ["Service ID", "Name", "Description", "Status"]
    assert window.edit_action.isEnabled()


def test_ctrl_f_filters_and_f5_reads_again(
    window: WorkspaceWindow, sandbox: SandboxServer, qtbot: QtBot
) -> None:
    for name in ("shop_recs", "news_hourly", "shop_search"):
        sandbox.add_service(name)
    connect(window, sandbox, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.navigator.filter_edit.hasFocus()
    qtbot.keyClicks(window.navigator.filter_edit, "SHOP")
    table = window.navigator.tables[Kind.SERVICES]
    assert table.model().rowCount() == 2
    sandbox.add_service("shop_third")
    with qtbot.waitSignal(
        window.workspace.list_loaded, timeout=10_000, check_params_cb=lambda k: k == "services"
    ):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert table.model().rowCount() == 3


def _accept_next_dialog(qtbot: QtBot, typing: str = "", button: str = "") -> None:
    """Find the dialog that opens next, type into its focused field, press its button."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, act)
            return
        if typing:
            focused = QApplication.focusWidget()
            assert focused is not None
            qtbot.keyClicks(focused, typing)
        if button:
            for push in dialog.findChildren(QPushButton):
                if push.text().replace("&", "") == button:
                    push.click()
                    return
            raise AssertionError(f"no button {button!r}")

    QTimer.singleShot(0, act)


def test_a_new_service_is_created_once_and_shown_at_once(
    window: WorkspaceWindow, sandbox: SandboxServer, qtbot: QtBot
) -> None:
    connect(window, sandbox, qtbot)
    window.new_service_action.trigger()
    dialog = window.findChild(QDialog, "newServiceDialog")
    assert dialog is not None
    form = dialog.form  # type: ignore[attr-defined]
    qtbot.keyClicks(form.name_edit, "fresh_one")
    # QTest types Latin-1 only; Korean arrives as an input method would commit it.
    form.description_edit.insert("새 서비스")
    with qtbot.waitSignal(window.workspace.details_loaded, timeout=10_000):
        # Enter in the dialog creates (once); it never closes the dialog without creating.
        qtbot.keyClick(form.description_edit, Qt.Key.Key_Return)
        qtbot.keyClick(form.description_edit, Qt.Key.Key_Return)
    assert [r.method for r in sandbox.requests].count("POST") == 1
    assert service_names(window) == ["fresh_one"]
    assert window.navigator.selected_id() == sandbox.services()[0]["serviceId"]
    assert window.details.page(Kind.SERVICES).title.text() == "fresh_one"


def test_a_duplicate_name_keeps_what_was_typed_and_offers_the_existing_one(
    window: WorkspaceWindow, sandbox: SandboxServer, qtbot: QtBot
) -> None:
    sandbox.add_service("taken", description="someone else's")
    connect(window, sandbox, qtbot)
    window.new_service_action.trigger()
    dialog: Any = window.findChild(QDialog, "newServiceDialog")
    qtbot.keyClicks(dialog.form.name_edit, "taken")
    qtbot.keyClicks(dialog.form.description_edit, "mine")
    qtbot.mouseClick(dialog.form.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_panel.isVisible(), timeout=10_000)
    assert dialog.error_panel.title_label.text() == "That name is taken"
    assert dialog.form.values() == ("taken", "mine", "batch")
    assert dialog.isVisible()
    with qtbot.waitSignal(window.workspace.details_loaded, timeout=10_000):
        qtbot.mouseClick(dialog.error_panel.open_button, Qt.MouseButton.LeftButton)
    assert window.details.page(Kind.SERVICES).title.text() == "taken"


def test_esc_asks_before_throwing_typed_text_away(
    window: WorkspaceWindow, sandbox: SandboxServer, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    connect(window, sandbox, qtbot)
    window.new_service_action.trigger()
    dialog: Any = window.findChild(QDialog, "newServiceDialog")
    qtbot.keyClicks(dialog.form.name_edit, "half_typed")
    # The suite answers every QMessageBox at once (conftest): these are the answers.
    answers = MessageBoxAnswers(monkeypatch, "Keep Editing", "Discard")
    qtbot.keyClick(dialog.form.name_edit, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert dialog.form.values()[0] == "half_typed"
    qtbot.keyClick(dialog.form.name_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert [title for title, _text, _buttons in answers.asked] == ["Discard the new service?"] * 2


def test_edit_renames_and_the_list_follows(
    window: WorkspaceWindow, sandbox: SandboxServer, qtbot: QtBot
) -> None:
    made = sandbox.add_service("old_name", description="kept")
    connect(window, sandbox, qtbot)
    with qtbot.waitSignal(window.workspace.details_loaded, timeout=10_000):
        window.navigator.select(Kind.SERVICES, made["serviceId"])
    qtbot.keyClick(window.navigator.current_table(), Qt.Key.Key_F2)
    dialog: Any = window.findChild(QDialog, "editServiceDialog")
    assert dialog is not None
    dialog.name_edit.selectAll()
    qtbot.keyClicks(dialog.name_edit, "new_name")
    with qtbot.waitSignal(window.workspace.details_loaded, timeout=10_000):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert service_names(window) == ["new_name"]
    assert sandbox.services()[0]["description"] == "kept"


def test_delete_needs_the_typed_name(
    window: WorkspaceWindow, sandbox: SandboxServer, qtbot: QtBot
) -> None:
    made = sandbox.add_service("doomed")
    connect(window, sandbox, qtbot)
    window.navigator.select(Kind.SERVICES, made["serviceId"])
    qtbot.keyClick(window.navigator.current_table(), Qt.Key.Key_Delete)
    dialog: Any = window.findChild(QDialog, "confirmDeleteDialog")
    assert dialog is not None
    qtbot.keyClicks(dialog.name_edit, "doome")
    assert not dialog.delete_button.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "d")
    assert dialog.delete_button.isEnabled()
    with qtbot.waitSignal(window.workspace.removed, timeout=10_000):
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert sandbox.services() == []
    assert service_names(window) == []
    assert window.details.currentWidget() is window.details.empty


def _delete(window: WorkspaceWindow, qtbot: QtBot, service_id: str, name: str) -> None:
    window.navigator.select(Kind.SERVICES, service_id)
    window.delete_action.trigger()
    dialog: Any = window.findChild(QDialog, "confirmDeleteDialog")
    qtbot.keyClicks(dialog.name_edit, name)
    with qtbot.waitSignal(window.workspace.removed, timeout=10_000):
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("read", ["the service", "the list"])
def test_an_answer_read_before_a_delete_does_not_bring_the_service_back(
    window: WorkspaceWindow, sandbox: SandboxServer, qtbot: QtBot, read: str
) -> None:
    made = sandbox.add_service("doomed")
    sandbox.add_service("kept")
    connect(window, sandbox, qtbot)
    mark = len(sandbox.requests)
    # The answer is made at once, with the service in it, and arrives slowly: the delete
    # overtakes it.
    path = f"/services/{made['serviceId']}" if read == "the service" else "/services*"
    sandbox.inject(Fault.SLOW_BODY, method="GET", path=path, seconds=3, count=1)
    if read == "the service":
        window.navigator.select(Kind.SERVICES, made["serviceId"])
        key = f"get:services:{made['serviceId']}"
    else:
        window.workspace.refresh(Kind.SERVICES)
        key = "list:services"
    qtbot.waitUntil(lambda: len(sandbox.requests) > mark, timeout=10_000)
    _delete(window, qtbot, made["serviceId"], "doomed")
    assert [s["name"] for s in sandbox.services()] == ["kept"]
    # The slow answer has arrived and been handled.
    qtbot.waitUntil(lambda: not window.runner.is_running(key), timeout=15_000)
    assert service_names(window) == ["kept"]
    assert window.workspace.details(Kind.SERVICES, made["serviceId"]) is None


def test_switching_the_connection_never_shows_one_profiles_data_under_anothers(
    window: WorkspaceWindow, sandbox: SandboxServer, qtbot: QtBot
) -> None:
    with SandboxServer() as other:
        sandbox.add_service("first_only")
        other.add_service("second_only")
        connect(window, sandbox, qtbot, "first")
        # A slow answer for the first profile is still on its way when the switch happens.
        sandbox.latency_ms = 600
        window.refresh_all()
        qtbot.waitUntil(lambda: len(sandbox.requests) >= 4, timeout=10_000)
        connect(window, other, qtbot, "second")
        assert service_names(window) == ["second_only"]
        assert window.windowTitle() == "second"
        with qtbot.assertNotEmitted(window.workspace.list_loaded, wait=0):
            # The definite end: every worker thread, the first profile's included, is over.
            qtbot.waitUntil(lambda: window.workers.running_count() == 0, timeout=10_000)
        assert service_names(window) == ["second_only"]


def test_a_list_that_cannot_be_read_says_why(
    window: WorkspaceWindow, sandbox: SandboxServer, qtbot: QtBot
) -> None:
    sandbox.inject(Fault.RATE_LIMITED, count=20, method="GET", retry_after=120)
    with qtbot.waitSignal(window.workspace.list_failed, timeout=10_000):
        window.set_connection(connection(sandbox))
    qtbot.waitUntil(lambda: window.error_panel.isVisible(), timeout=5_000)
    assert window.error_panel.title_label.text() == "Too many requests"


def test_every_call_is_in_the_activity_log_kept_on_disk_and_copyable_as_curl(
    window: WorkspaceWindow, sandbox: SandboxServer, qtbot: QtBot, tmp_path: Path
) -> None:
    sandbox.add_service("logged")
    connect(window, sandbox, qtbot)
    window.activity_action.trigger()
    assert window.activity.isVisible()
    entries = window.activity.model.entries
    qtbot.waitUntil(lambda: any(e.target.startswith("/api/v1/services?") for e in entries))
    listing = next(e for e in entries if e.target.startswith("/api/v1/services?"))
    assert (listing.method, listing.status, listing.profile) == ("GET", 200, "sandbox")
    window.activity.search.setText("services?offset")
    assert window.activity.proxy.rowCount() == 1
    assert window.activity.copy_curl(listing)
    command = QGuiApplication.clipboard().text()
    assert sandbox.secret_key not in command
    if shutil.which("curl"):
        result = subprocess.run(shlex.split(command), capture_output=True, check=True, text=True)
        assert [s["name"] for s in json.loads(result.stdout)["services"]] == ["logged"]
    assert window.activity.file is not None
    window.activity.file.close()
    written = window.activity.file.path.read_text(encoding="utf-8")
    assert "/api/v1/services?offset=0" in written
    assert sandbox.secret_key not in written
    for request in sandbox.requests:
        assert request.headers.get("x-ncp-apigw-signature-v2", "?") not in written


def test_the_keyboard_shortcuts_dialog_lists_the_actions(
    window: WorkspaceWindow, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QTableWidget

    window.shortcuts_action.trigger()
    dialog: Any = window.findChild(QDialog, "shortcutsDialog")
    assert dialog is not None
    table = dialog.findChild(QTableWidget, "shortcutsTable")
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Refresh"] == "F5"
    assert rows["Filter"] == "Ctrl+F"
    assert rows["Delete"] == "Del"
    dialog.close()


def test_the_layout_and_the_selection_come_back_at_the_next_start(
    window: WorkspaceWindow, sandbox: SandboxServer, qtbot: QtBot
) -> None:
    from aitems_desktop.gui.shell.window_state import load_state

    made = sandbox.add_service("remembered")
    sandbox.add_service("other")
    # Within the offscreen screen (800 x 600): a larger window would be fitted to it.
    window.resize(760, 540)
    connect(window, sandbox, qtbot)
    window.navigator.select(Kind.SERVICES, made["serviceId"])
    window.splitter.setSizes([300, 440])
    sizes = window.splitter.sizes()
    window.close()
    assert window.state_writer is not None
    window.state_writer.join(5)
    again = WorkspaceWindow(state=load_state())
    qtbot.addWidget(again)
    again.show()
    assert again.size() == window.size()
    assert again.splitter.sizes() == sizes
    with qtbot.waitSignal(again.runner.core_ready, timeout=30_000):
        again.runner.load_core()
    with qtbot.waitSignal(again.workspace.details_loaded, timeout=10_000):
        again.set_connection(connection(sandbox))
    assert again.navigator.selected_id() == made["serviceId"]
    again.close()
    assert again.workers.shutdown(5000)
    if again.state_writer is not None:
        again.state_writer.join(5)


def test_about_closed_before_its_licences_are_read_takes_no_late_answer(
    window: WorkspaceWindow, qtbot: QtBot
) -> None:
    window.about_action.trigger()
    dialog: Any = window.findChild(QDialog, "aboutDialog")
    assert window.runner.is_running("about-licences")
    dialog.reject()  # closed, and deleted, while the licences are being read
    # The read ends; its answer must not reach the deleted list (an exception in a Qt
    # callback fails the test).
    qtbot.waitUntil(lambda: not window.runner.is_running("about-licences"), timeout=10_000)
    qtbot.waitUntil(lambda: window.workers.running_count() == 0, timeout=10_000)
