"""Scenarios 4 and 7: exactly one service per intention, and the person is shown it.

An ambiguous create (the answer lost after the server acted) is looked up by name before
anything else; double clicks, a held Enter and clicks while a call is in flight never
send a second create. Everything goes through the workspace window's New Service dialog,
and the service made is the one the details pane shows.
"""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from reliability_support import (
    MakeWindow,
    click,
    creating,
    new_service,
    posts,
    sandbox_connection,
    shown,
    shown_service,
    type_form,
    wait_idle,
    wait_shown,
)
from shiboken6 import isValid

from aitems_desktop.gui.services.new_service_dialog import NewServiceDialog
from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow
from aitems_desktop.gui.workspace.rows import Kind
from aitems_desktop.sandbox import Fault, SandboxServer

NAME = "one_reco"


def assert_one_service_shown(win: WorkspaceWindow, qtbot: QtBot, server: SandboxServer) -> None:
    [stored] = server.services()
    assert stored["name"] == NAME
    assert wait_shown(win, qtbot, NAME) == stored
    assert shown(win, "serviceId") == stored["serviceId"]
    assert win.navigator.selected_id() == stored["serviceId"]
    assert [r.name for r in win.workspace.models[Kind.SERVICES].rows()] == [NAME]


def assert_create_sends_nothing_more(
    win: WorkspaceWindow, qtbot: QtBot, dialog: NewServiceDialog, server: SandboxServer
) -> None:
    """The service exists: its dialog is gone, and no way back to it sends the values again."""
    sent = posts(server)
    assert win.services.new_dialog is None
    assert not isValid(dialog) or not dialog.isVisible()  # closed, and deleted once it could be
    # New Service again is a new, empty form: the same values are not one click away.
    again = new_service(win)
    assert again is not dialog
    assert again.form.values() == ("", "", "batch")
    # A call starts (busy_changed) within the click or key press that starts it: none may.
    with qtbot.assertNotEmitted(win.runner.busy_changed):
        click(again.form.create_button)
        QTest.keyClick(again.form.name_edit, Qt.Key.Key_Return)
    assert not again.form.create_button.isEnabled()
    assert not creating(win)
    assert posts(server) == sent
    again.reject()


# --- scenario 4: the ambiguous create ----------------------------------------------------------


def test_s04_dropped_after_create_shows_the_one_service(
    window: WorkspaceWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault.DROP_AFTER_CREATE, method="POST", path="/services")
    dialog = new_service(window)
    type_form(dialog, NAME, "dropped")
    with qtbot.waitSignal(dialog.created, timeout=20_000) as blocker:
        click(dialog.form.create_button)
    assert blocker.args[1] == "recovered"
    wait_idle(window, qtbot)
    assert_one_service_shown(window, qtbot, sandbox)
    assert window.statusBar().currentMessage() == (
        f"{NAME} was created, though the answer did not arrive cleanly"
    )
    assert posts(sandbox) == 1
    # The create happened: the same values cannot be sent again by accident.
    assert_create_sends_nothing_more(window, qtbot, dialog, sandbox)
    assert len(sandbox.services()) == 1


def test_s04_answer_cut_off_mid_body_shows_the_one_service(
    make_window: MakeWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    # The server created the service, then its answer stalled half way and timed out.
    win = make_window(sandbox_connection(sandbox, timeout=(2, 0.3)))
    sandbox.inject(Fault.SLOW_BODY, method="POST", seconds=30, chunk=4)
    dialog = new_service(win)
    type_form(dialog, NAME)
    with qtbot.waitSignal(dialog.created, timeout=20_000) as blocker:
        click(dialog.form.create_button)
    assert blocker.args[1] == "recovered"
    wait_idle(win, qtbot)
    assert_one_service_shown(win, qtbot, sandbox)
    assert posts(sandbox) == 1
    assert_create_sends_nothing_more(win, qtbot, dialog, sandbox)


def test_s04_when_the_lookup_fails_too_the_person_is_led_to_the_service(
    window: WorkspaceWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault.DROP_AFTER_CREATE, method="POST", path="/services")
    sandbox.inject(Fault.ENDPOINT_ERROR, method="GET", count=100)
    dialog = new_service(window)
    type_form(dialog, NAME, "typed")
    with qtbot.waitSignal(dialog.failed, timeout=30_000) as blocker:
        click(dialog.form.create_button)
    wait_idle(window, qtbot, timeout=30_000)
    assert blocker.args[0].kind == "OutcomeUnknownError"
    panel = dialog.error_panel
    assert panel.title_label.text() == "Could not check whether the service was created"
    assert "before creating it again" in panel.hint_label.text()
    assert panel.open_button.isVisible()
    # Nothing typed is lost while it is unknown.
    assert dialog.isVisible()
    assert dialog.form.values() == (NAME, "typed", "batch")
    assert posts(sandbox) == 1
    # Later, with the service reachable again, one click shows the one service.
    sandbox.clear_faults()
    click(panel.open_button)
    assert_one_service_shown(window, qtbot, sandbox)
    assert posts(sandbox) == 1


# --- scenario 7: double click, held Enter, clicks while in flight ---------------------------


def test_s07_double_click_creates_one_service(
    window: WorkspaceWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.latency_ms = 200
    dialog = new_service(window)
    type_form(dialog, NAME)
    with qtbot.waitSignal(dialog.created, timeout=10_000):
        QTest.mouseDClick(dialog.form.create_button, Qt.MouseButton.LeftButton)
        click(dialog.form.create_button)
    assert_one_service_shown(window, qtbot, sandbox)
    assert posts(sandbox) == 1
    assert_create_sends_nothing_more(window, qtbot, dialog, sandbox)


def _hold_enter(widget: QWidget, repeats: int) -> None:
    """A held Enter: one press, then the keyboard's auto-repeat presses, then a release."""
    text = "\r"
    events = [
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, text)
    ]
    events += [
        QKeyEvent(
            QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, text, True
        )
        for _ in range(repeats)
    ]
    for event in events:
        QApplication.sendEvent(widget, event)
        QApplication.processEvents()
    release = QKeyEvent(
        QEvent.Type.KeyRelease, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, text
    )
    QApplication.sendEvent(widget, release)


def test_s07_enter_held_down_creates_one_service(
    window: WorkspaceWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.latency_ms = 200
    dialog = new_service(window)
    type_form(dialog, NAME)
    dialog.form.name_edit.setFocus()
    with qtbot.waitSignal(dialog.created, timeout=10_000):
        _hold_enter(dialog.form.name_edit, 30)
    assert_one_service_shown(window, qtbot, sandbox)
    wait_idle(window, qtbot)
    # Still held after the answer came, now on the window: not new intentions either (a
    # create would start within the key event that started it).
    creates: list[bool] = []
    window.runner.busy_changed.connect(lambda _n: creates.append(creating(window)))
    _hold_enter(QApplication.focusWidget() or window, 30)
    _hold_enter(window.navigator, 30)
    assert not any(creates)
    assert not creating(window)
    assert posts(sandbox) == 1


def test_s07_create_while_a_call_is_in_flight_sends_nothing(
    window: WorkspaceWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.latency_ms = 400
    dialog = new_service(window)
    type_form(dialog, NAME)
    with qtbot.waitSignal(dialog.created, timeout=10_000):
        click(dialog.form.create_button)
        qtbot.waitUntil(lambda: posts(sandbox) == 1, timeout=5000)
        # Every way in while the call runs: the button, Enter in each field, the menu.
        click(dialog.form.create_button)
        for widget in (dialog.form.name_edit, dialog.form.description_edit):
            QTest.keyClick(widget, Qt.Key.Key_Return)
        QTest.keyClick(dialog.form.type_combo, Qt.Key.Key_Enter)
        window.new_service_action.trigger()  # raises the open dialog, opens no second one
        assert window.services.new_dialog is dialog
    assert_one_service_shown(window, qtbot, sandbox)
    assert posts(sandbox) == 1


def test_s07_create_during_the_lookup_after_a_drop_sends_nothing(
    window: WorkspaceWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault.DROP_AFTER_CREATE, method="POST", path="/services")
    sandbox.inject(Fault.LATENCY, method="GET", ms=400)
    before = len(sandbox.requests)
    dialog = new_service(window)
    type_form(dialog, NAME)
    with qtbot.waitSignal(dialog.created, timeout=20_000):
        click(dialog.form.create_button)
        # POST, then a GET of the lookup
        qtbot.waitUntil(lambda: len(sandbox.requests) - before == 2, timeout=5000)
        assert dialog.form.is_busy()
        click(dialog.form.create_button)
        QTest.keyClick(dialog.form.name_edit, Qt.Key.Key_Return)
    assert_one_service_shown(window, qtbot, sandbox)
    assert posts(sandbox) == 1


def test_s07_a_new_name_is_a_new_intention(
    window: WorkspaceWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    dialog = new_service(window)
    type_form(dialog, NAME)
    with qtbot.waitSignal(dialog.created, timeout=10_000):
        click(dialog.form.create_button)
    assert_create_sends_nothing_more(window, qtbot, dialog, sandbox)
    second = new_service(window)
    type_form(second, "two_reco")
    with qtbot.waitSignal(second.created, timeout=10_000):
        click(second.form.create_button)
    assert [s["name"] for s in sandbox.services()] == [NAME, "two_reco"]
    assert posts(sandbox) == 2
    wait_shown(window, qtbot, "two_reco")


def test_s07_create_again_after_cancel_still_makes_one_service(
    window: WorkspaceWindow,
    qtbot: QtBot,
    sandbox: SandboxServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The sandbox logs each request once it has been carried out and answered (or found
    # its client gone): the definite sign that both creates are over on the server.
    caplog.set_level(logging.INFO, logger="aitems_desktop.sandbox")

    def posts_answered() -> int:
        return sum(
            1
            for r in caplog.records
            if r.name == "aitems_desktop.sandbox" and r.getMessage().startswith("POST ")
        )

    sandbox.latency_ms = 500
    dialog = new_service(window)
    type_form(dialog, NAME)
    click(dialog.form.create_button)
    qtbot.waitUntil(lambda: posts(sandbox) == 1, timeout=5000)
    click(dialog.form.cancel_button)
    assert dialog.error_panel.title_label.text() == "Stopped waiting"
    assert "Creating it again is safe" in dialog.error_panel.hint_label.text()
    assert dialog.form.values() == (NAME, "", "batch")
    # The person tries again anyway, while the first request is still on the server.
    outcomes: list[str] = []
    dialog.created.connect(lambda _service, outcome: outcomes.append(outcome))
    reports: list[object] = []
    dialog.failed.connect(reports.append)
    click(dialog.form.create_button)
    qtbot.waitUntil(lambda: bool(outcomes or reports), timeout=10_000)
    wait_idle(window, qtbot)
    qtbot.waitUntil(lambda: posts_answered() == 2, timeout=10_000)
    assert len(sandbox.services()) == 1
    if reports:
        # The first request won with other settings seen: the name is taken, and offered.
        report = dialog.error_panel.report()
        assert report is not None
        assert report.title == "That name is taken"
        click(dialog.error_panel.open_button)
    else:
        # The second found the first one, with these settings: the same one service.
        assert outcomes[0] in ("already_existed", "recovered", "created")
    assert_one_service_shown(window, qtbot, sandbox)


def test_s04_a_server_slower_than_the_lookup_still_leaves_one_service(
    make_window: MakeWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    # The create times out while the server is still working on it; the lookups (for
    # RecoveryPolicy.quick_settle_seconds, 4 s) end before the server finishes and find
    # nothing. The service appears a moment later.
    win = make_window(sandbox_connection(sandbox, timeout=(2, 0.4)))
    sandbox.inject(Fault.LATENCY, method="POST", ms=6000)
    dialog = new_service(win)
    type_form(dialog, NAME)
    with qtbot.waitSignal(dialog.failed, timeout=20_000) as blocker:
        click(dialog.form.create_button)
    assert "Nothing was created" in blocker.args[0].hint
    assert dialog.form.values() == (NAME, "", "batch")
    qtbot.waitUntil(lambda: len(sandbox.services()) == 1, timeout=10_000)
    # Trying again never makes a second one: the same settings are found, and shown.
    with qtbot.waitSignal(dialog.created, timeout=10_000) as blocker:
        click(dialog.form.create_button)
    assert blocker.args[1] == "already_existed"
    wait_idle(win, qtbot)
    assert_one_service_shown(win, qtbot, sandbox)
    assert posts(sandbox) == 2
    assert shown_service(win) is not None
