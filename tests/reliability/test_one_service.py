"""Scenarios 4 and 7: exactly one service per intention, and the person is shown it.

An ambiguous create (the answer lost after the server acted) is looked up by name before
anything else; double clicks, a held Enter and clicks while a call is in flight never
send a second create.
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
    client_factory,
    posts,
    sandbox_connection,
    shown,
    type_form,
    wait_idle,
)

from aitems_desktop.gui.main_window import MainWindow
from aitems_desktop.sandbox import Fault, SandboxServer

NAME = "one_reco"


def assert_one_service_shown(win: MainWindow, server: SandboxServer) -> None:
    [stored] = server.services()
    assert stored["name"] == NAME
    assert win.model.answer() == stored
    assert shown(win, "serviceId") == stored["serviceId"]


def assert_create_sends_nothing_more(win: MainWindow, qtbot: QtBot, server: SandboxServer) -> None:
    sent = posts(server)
    # A call starts with ``busy``, within the click or key press that starts it: none may.
    with qtbot.assertNotEmitted(win.session.busy):
        click(win.form.create_button)
        QTest.keyClick(win.form.name_edit, Qt.Key.Key_Return)
    assert not win.form.create_button.isEnabled()
    assert not win.session.is_busy()
    assert posts(server) == sent


# --- scenario 4: the ambiguous create ----------------------------------------------------------


def test_s04_dropped_after_create_shows_the_one_service(
    window: MainWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault.DROP_AFTER_CREATE, method="POST", path="/services")
    type_form(window, NAME, "dropped")
    with qtbot.waitSignal(window.answer_shown, timeout=20_000) as blocker:
        click(window.form.create_button)
    assert blocker.args == ["found"]
    wait_idle(window, qtbot)
    assert_one_service_shown(window, sandbox)
    assert window.error_panel.title_label.text() == "The service was created"
    assert window.error_panel.hint_label.text() == "Do not create it again."
    assert posts(sandbox) == 1
    # The create happened: the same values cannot be sent again by accident.
    assert_create_sends_nothing_more(window, qtbot, sandbox)
    assert len(sandbox.services()) == 1


def test_s04_answer_cut_off_mid_body_shows_the_one_service(
    make_window: MakeWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    # The server created the service, then its answer stalled half way and timed out.
    sandbox.inject(Fault.SLOW_BODY, method="POST", seconds=30, chunk=4)
    win = make_window(sandbox_connection(sandbox), client_factory=client_factory(timeout=(2, 0.3)))
    type_form(win, NAME)
    with qtbot.waitSignal(win.answer_shown, timeout=20_000) as blocker:
        click(win.form.create_button)
    assert blocker.args == ["found"]
    wait_idle(win, qtbot)
    assert_one_service_shown(win, sandbox)
    assert posts(sandbox) == 1
    assert_create_sends_nothing_more(win, qtbot, sandbox)


def test_s04_when_the_lookup_fails_too_the_person_is_led_to_the_service(
    window: MainWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault.DROP_AFTER_CREATE, method="POST", path="/services")
    sandbox.inject(Fault.ENDPOINT_ERROR, method="GET", count=100)
    type_form(window, NAME)
    with qtbot.waitSignal(window.session.failed, timeout=30_000, check_params_cb=_is_check):
        click(window.form.create_button)
    wait_idle(window, qtbot, timeout=30_000)
    panel = window.error_panel
    assert panel.title_label.text() == "Could not check whether the service was created"
    assert "before creating it again" in panel.hint_label.text()
    assert panel.open_button.isVisible()
    assert posts(sandbox) == 1
    # Later, with the service reachable again, one click shows the one service.
    sandbox.clear_faults()
    with qtbot.waitSignal(window.answer_shown, timeout=10_000):
        click(panel.open_button)
    assert_one_service_shown(window, sandbox)
    assert posts(sandbox) == 1


def _is_check(report: object) -> bool:
    return getattr(report, "title", "") == "Could not check whether the service was created"


# --- scenario 7: double click, held Enter, clicks while in flight ---------------------------


def test_s07_double_click_creates_one_service(
    window: MainWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.latency_ms = 200
    type_form(window, NAME)
    with qtbot.waitSignal(window.answer_shown, timeout=10_000):
        QTest.mouseDClick(window.form.create_button, Qt.MouseButton.LeftButton)
        click(window.form.create_button)
    assert_one_service_shown(window, sandbox)
    assert posts(sandbox) == 1
    assert_create_sends_nothing_more(window, qtbot, sandbox)


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
    window: MainWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.latency_ms = 200
    type_form(window, NAME)
    window.form.name_edit.setFocus()
    with qtbot.waitSignal(window.answer_shown, timeout=10_000):
        _hold_enter(window.form.name_edit, 30)
    # Still held after the answer came: the repeats are not new intentions either (a call
    # would start with ``busy``, within the key event that started it).
    with qtbot.assertNotEmitted(window.session.busy):
        _hold_enter(window.form.name_edit, 30)
        _hold_enter(window.form.description_edit, 30)
        _hold_enter(window.form.type_combo, 30)
    assert not window.session.is_busy()
    assert_one_service_shown(window, sandbox)
    assert posts(sandbox) == 1


def test_s07_create_while_a_call_is_in_flight_sends_nothing(
    window: MainWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.latency_ms = 400
    type_form(window, NAME)
    with qtbot.waitSignal(window.answer_shown, timeout=10_000):
        click(window.form.create_button)
        qtbot.waitUntil(lambda: posts(sandbox) == 1, timeout=5000)
        # Every way in while the call runs: the button, Enter in each field, the session.
        click(window.form.create_button)
        for widget in (window.form.name_edit, window.form.description_edit):
            QTest.keyClick(widget, Qt.Key.Key_Return)
        QTest.keyClick(window.form.type_combo, Qt.Key.Key_Enter)
        assert window.session.create(NAME, "", "batch") is False
        assert window.session.open_existing(NAME) is False
    assert_one_service_shown(window, sandbox)
    assert posts(sandbox) == 1


def test_s07_create_during_the_lookup_after_a_drop_sends_nothing(
    window: MainWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault.DROP_AFTER_CREATE, method="POST", path="/services")
    sandbox.inject(Fault.LATENCY, method="GET", ms=400)
    type_form(window, NAME)
    with qtbot.waitSignal(window.answer_shown, timeout=20_000):
        click(window.form.create_button)
        qtbot.waitUntil(lambda: len(sandbox.requests) == 2, timeout=5000)  # POST, then a GET
        assert window.form.is_busy()
        click(window.form.create_button)
        QTest.keyClick(window.form.name_edit, Qt.Key.Key_Return)
    assert_one_service_shown(window, sandbox)
    assert posts(sandbox) == 1


def test_s07_a_new_name_is_a_new_intention(
    window: MainWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    type_form(window, NAME)
    with qtbot.waitSignal(window.answer_shown, timeout=10_000):
        click(window.form.create_button)
    assert_create_sends_nothing_more(window, qtbot, sandbox)
    type_form(window, "two_reco")
    with qtbot.waitSignal(window.answer_shown, timeout=10_000):
        click(window.form.create_button)
    assert [s["name"] for s in sandbox.services()] == [NAME, "two_reco"]
    assert posts(sandbox) == 2


def test_s07_create_again_after_cancel_still_makes_one_service(
    window: MainWindow, qtbot: QtBot, sandbox: SandboxServer, caplog: pytest.LogCaptureFixture
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
    type_form(window, NAME)
    click(window.form.create_button)
    qtbot.waitUntil(lambda: posts(sandbox) == 1, timeout=5000)
    click(window.form.cancel_button)
    assert window.error_panel.title_label.text() == "Stopped waiting"
    assert "Open Existing" in window.error_panel.hint_label.text()
    # The person tries again anyway, while the first request is still on the server.
    with qtbot.waitSignal(window.session.idle, timeout=10_000):
        click(window.form.create_button)
    wait_idle(window, qtbot)
    qtbot.waitUntil(lambda: posts_answered() == 2, timeout=10_000)
    assert len(sandbox.services()) == 1
    report = window.error_panel.report()
    if window.model.answer() is None:
        # The first request won: the second is told the name is taken and offered it.
        assert report is not None
        assert report.title == "That name is taken"
        with qtbot.waitSignal(window.answer_shown, timeout=10_000):
            click(window.error_panel.open_button)
    assert_one_service_shown(window, sandbox)


def test_s04_a_server_slower_than_the_lookup_still_leaves_one_service(
    make_window: MakeWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    # The create times out while the server is still working on it; the lookup runs
    # before the server finishes and finds nothing. The service appears a moment later.
    sandbox.inject(Fault.LATENCY, method="POST", ms=1200)
    win = make_window(sandbox_connection(sandbox), client_factory=client_factory(timeout=(2, 0.4)))
    type_form(win, NAME)
    with qtbot.waitSignal(win.session.note, timeout=20_000) as blocker:
        click(win.form.create_button)
    assert blocker.args[0] == "Nothing was created"
    qtbot.waitUntil(lambda: len(sandbox.services()) == 1, timeout=5000)
    # Trying again never makes a second one: the name is taken, and one click shows it.
    with qtbot.waitSignal(win.session.failed, timeout=10_000):
        click(win.form.create_button)
    wait_idle(win, qtbot)
    assert win.error_panel.title_label.text() == "That name is taken"
    with qtbot.waitSignal(win.answer_shown, timeout=10_000):
        click(win.error_panel.open_button)
    assert_one_service_shown(win, sandbox)
    assert posts(sandbox) == 2
