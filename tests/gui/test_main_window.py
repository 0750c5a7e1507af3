"""The window against the sandbox: a create fills the tree; every fault gives its message."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from aitems_desktop.core.client import AitemsClient
from aitems_desktop.core.connection import Connection
from aitems_desktop.gui.main_window import MainWindow
from aitems_desktop.gui.service_tree_model import PLACEHOLDER_ROLE, RAW_VALUE_ROLE
from aitems_desktop.sandbox import Fault, SandboxServer


def fast_client(connection: Connection) -> AitemsClient:
    # Short waits so retried GETs and timeouts do not slow the suite.
    return AitemsClient(
        connection.base_url,
        connection.access_key,
        connection.secret_key,
        timeout=(2.0, 5.0),
        backoff_base=0.01,
        backoff_max=0.05,
        max_retry_wait=0.1,
    )


def sandbox_connection(server: SandboxServer) -> Connection:
    return Connection(
        label="sandbox",
        base_url=server.base_url,
        access_key=server.access_key,
        secret_key=server.secret_key,
        is_sandbox=True,
        source="test",
    )


@pytest.fixture
def window(qtbot: QtBot, sandbox: SandboxServer) -> Iterator[MainWindow]:
    win = MainWindow(sandbox_connection(sandbox), client_factory=fast_client)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    assert win.workers.shutdown(5000)


def type_form(win: MainWindow, name: str, description: str = "") -> None:
    QTest.keyClicks(win.form.name_edit, name)
    if description:
        QTest.keyClicks(win.form.description_edit, description)


def create(win: MainWindow, qtbot: QtBot, name: str, description: str = "") -> None:
    type_form(win, name, description)
    with qtbot.waitSignal(win.answer_shown, timeout=10_000):
        QTest.mouseClick(win.form.create_button, Qt.MouseButton.LeftButton)


def shown(win: MainWindow, path: str) -> Any:
    index = win.model.index_for_path(path)
    assert index.isValid(), path
    return index.siblingAtColumn(1).data(RAW_VALUE_ROLE)


def fail_create(win: MainWindow, qtbot: QtBot, name: str = "shop_reco") -> None:
    type_form(win, name, "kept as typed")
    with qtbot.waitSignal(win.session.failed, timeout=20_000):
        QTest.mouseClick(win.form.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not win.form.is_busy(), timeout=20_000)


# --- the happy path ----------------------------------------------------------------------


def test_window_names_the_sandbox(window: MainWindow, sandbox: SandboxServer) -> None:
    assert window.windowTitle() == "AiTEMS Desktop — sandbox"
    assert window.sandbox_badge.isVisible()
    assert sandbox.base_url in window.endpoint_label.text()
    for name in ("nameEdit", "descriptionEdit", "typeCombo", "createButton", "cancelButton"):
        assert window.findChild(QWidget, name) is not None
    assert window.findChild(QWidget, "resultTree") is window.tree
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Help"]


def test_create_fills_the_tree_with_what_the_sandbox_returned(
    window: MainWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    create(window, qtbot, "shop_reco", "for the shop")
    [stored] = sandbox.services()
    for key in ("serviceId", "name", "description", "status", "type", "createdDate"):
        assert shown(window, key) == stored[key], key
    assert stored["name"] == "shop_reco"
    assert shown(window, "hpConfig.is_enabled") is False
    status = window.model.index_for_path("status").siblingAtColumn(1).data()
    assert status == "datasetRequired — No datasets yet"
    for key, text in (("datasets", "no datasets yet"), ("infers", "no training results yet")):
        node = window.model.index_for_path(key)
        assert window.tree.isExpanded(node)
        empty = window.model.index(0, 0, node)
        assert (empty.data(), empty.data(PLACEHOLDER_ROLE)) == (text, True)
    assert window.model.answer() == stored
    # One create per intention: the same values cannot be sent again by accident.
    assert not window.form.create_button.isEnabled()
    assert window.form.name_edit.text() == "shop_reco"


def test_an_existing_service_shows_datasets_infers_and_hp_options(
    window: MainWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    datasets = [sandbox.add_dataset(t, f"{t}_data") for t in ("user", "item", "interaction")]
    sandbox.add_service(
        "trained_one",
        "learnable",
        datasets=datasets,
        hp_config={"is_enabled": True, "item_top_n": 30000, "mystery_knob": 7},
        infers=[{"dataType": "item", "trainVersion": "2", "status": "enable", "rowCount": 42}],
        extraTopLevel={"nested": [1, 2]},
    )
    with qtbot.waitSignal(window.answer_shown, timeout=10_000):
        window.session.open_existing("trained_one")
    [stored] = sandbox.services()
    for i, dataset in enumerate(stored["datasets"]):
        for key in ("datasetId", "name", "type", "schemaName", "status"):
            assert shown(window, f"datasets.{i}.{key}") == dataset[key]
    assert shown(window, "hpConfig.item_top_n") == 30000
    assert shown(window, "hpConfig.mystery_knob") == 7
    assert shown(window, "infers.0.rowCount") == 42
    assert shown(window, "extraTopLevel.nested.1") == 2


# --- errors --------------------------------------------------------------------------------

FAULTS = [
    pytest.param(Fault.RATE_LIMITED, {"retry_after": 7}, "RateLimitedError", id="rate-limited"),
    pytest.param(Fault.ENDPOINT_ERROR, {}, "ServerError", id="endpoint-error"),
    pytest.param(Fault.ENDPOINT_TIMEOUT, {}, "ServerError", id="endpoint-timeout"),
    pytest.param(Fault.UNEXPECTED_ERROR, {}, "ServerError", id="unexpected-error"),
    pytest.param(
        Fault.GATEWAY_ERROR,
        {"status": 401, "code": "200", "message": "Authentication Failed"},
        "AuthenticationError",
        id="auth",
    ),
    pytest.param(
        Fault.GATEWAY_ERROR,
        {"status": 401, "code": "210", "message": "Permission Denied"},
        "PermissionDeniedError",
        id="permission",
    ),
    pytest.param(
        Fault.GATEWAY_ERROR, {"status": 403, "code": "230"}, "ForbiddenError", id="forbidden"
    ),
    pytest.param(
        Fault.GATEWAY_ERROR, {"status": 404, "code": "300"}, "NotFoundError", id="not-found"
    ),
    pytest.param(Fault.HTML_ERROR, {}, "ServerError", id="html"),
    pytest.param(Fault.EMPTY_BODY, {}, "ServerError", id="empty-body"),
]


@pytest.mark.parametrize(("fault", "params", "kind"), FAULTS)
def test_every_fault_gives_its_message_and_keeps_the_form(
    window: MainWindow,
    qtbot: QtBot,
    sandbox: SandboxServer,
    fault: Fault,
    params: dict[str, Any],
    kind: str,
) -> None:
    sandbox.inject(fault, method="POST", path="/services", **params)
    fail_create(window, qtbot)
    report = window.error_panel.report()
    assert report is not None
    assert report.kind == kind
    assert window.error_panel.isVisible()
    assert window.error_panel.title_label.text() == report.title
    assert window.error_panel.message_label.text() == report.message != ""
    assert window.error_panel.hint_label.text() == report.hint != ""
    # Everything typed is still there, and Create is ready for another try.
    assert window.form.values() == ("shop_reco", "kept as typed", "batch")
    assert window.form.create_button.isEnabled()
    assert window.model.answer() is None
    if fault is Fault.RATE_LIMITED:
        assert "7" in report.hint


@pytest.mark.parametrize("fault", [Fault.TRUNCATED_JSON, Fault.WRONG_SHAPE])
def test_an_unreadable_answer_to_a_create_is_looked_up_and_shown(
    window: MainWindow, qtbot: QtBot, sandbox: SandboxServer, fault: Fault
) -> None:
    # The service made the service, then its answer was mangled on the way back.
    sandbox.inject(fault, method="POST", path="/services")
    type_form(window, "shop_reco", "kept as typed")
    with qtbot.waitSignal(window.answer_shown, timeout=20_000) as blocker:
        QTest.mouseClick(window.form.create_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["found"]
    [stored] = sandbox.services()
    assert shown(window, "serviceId") == stored["serviceId"]
    assert window.error_panel.title_label.text() == "The service was created"
    assert len([r for r in sandbox.requests if r.method == "POST"]) == 1
    assert window.form.values() == ("shop_reco", "kept as typed", "batch")


def test_a_service_error_shows_its_request_id(
    window: MainWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.add_service("shop_reco")
    fail_create(window, qtbot)
    report = window.error_panel.report()
    assert report is not None
    assert report.kind == "DuplicateNameError"
    assert report.request_id
    assert report.request_id in window.error_panel.ids_label.text()
    assert window.error_panel.open_button.isVisible()


def test_duplicate_name_offers_to_open_the_existing_service(
    window: MainWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    existing = sandbox.add_service("shop_reco", description="made earlier")
    fail_create(window, qtbot)
    with qtbot.waitSignal(window.answer_shown, timeout=10_000) as blocker:
        QTest.mouseClick(window.error_panel.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["opened"]
    assert shown(window, "serviceId") == existing["serviceId"]
    assert shown(window, "description") == "made earlier"
    assert len(sandbox.services()) == 1


def test_a_dropped_create_is_checked_by_name_and_found(
    window: MainWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault.DROP_AFTER_CREATE, method="POST", path="/services")
    type_form(window, "shop_reco")
    with qtbot.waitSignal(window.answer_shown, timeout=20_000) as blocker:
        QTest.mouseClick(window.form.create_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["found"]
    [stored] = sandbox.services()
    assert shown(window, "serviceId") == stored["serviceId"]
    assert window.error_panel.title_label.text() == "The service was created"
    posts = [r for r in sandbox.requests if r.method == "POST"]
    assert len(posts) == 1


def test_a_reset_create_is_checked_by_name_and_reported_absent(
    window: MainWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault.RESET, method="POST", path="/services")
    type_form(window, "shop_reco")
    with qtbot.waitSignal(window.session.note, timeout=20_000) as blocker:
        QTest.mouseClick(window.form.create_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == "Nothing was created"
    assert sandbox.services() == []
    qtbot.waitUntil(lambda: window.form.create_button.isEnabled())
    assert window.form.values()[0] == "shop_reco"


# --- cancel, double click --------------------------------------------------------------------


def test_cancel_stops_waiting_at_once_and_drops_the_late_answer(
    window: MainWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.latency_ms = 800
    type_form(window, "shop_reco")
    QTest.mouseClick(window.form.create_button, Qt.MouseButton.LeftButton)
    assert window.form.is_busy()
    assert window.form.busy_indicator.isVisible()
    QTest.mouseClick(window.form.cancel_button, Qt.MouseButton.LeftButton)
    # At once: no waiting for the worker.
    assert not window.form.is_busy()
    assert window.form.create_button.isEnabled()
    assert window.error_panel.title_label.text() == "Stopped waiting"
    assert "may already have reached" in window.error_panel.message_label.text()
    # Whatever the call ends with later must not reach the tree or the panel.
    with qtbot.assertNotEmitted(window.answer_shown), qtbot.assertNotEmitted(window.session.failed):
        # The count drops in a slot queued when the worker's thread finished, after anything
        # the call emitted: delivered in order, so a late answer would have arrived by now.
        qtbot.waitUntil(lambda: window.workers.running_count() == 0, timeout=5000)
    assert window.model.answer() is None
    assert window.error_panel.title_label.text() == "Stopped waiting"


def test_a_double_click_creates_one_service(
    window: MainWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.latency_ms = 100
    type_form(window, "shop_reco")
    # Every call starts with ``busy``, emitted as it starts (within the click): counting
    # them counts the calls, with no wait for a request that might come late.
    started: list[str] = []
    window.session.busy.connect(started.append)
    with qtbot.waitSignal(window.answer_shown, timeout=10_000):
        QTest.mouseDClick(window.form.create_button, Qt.MouseButton.LeftButton)
        QTest.mouseClick(window.form.create_button, Qt.MouseButton.LeftButton)
        QTest.keyClick(window.form.name_edit, Qt.Key.Key_Return)
    with qtbot.assertNotEmitted(window.session.busy):
        for _ in range(3):
            QTest.mouseClick(window.form.create_button, Qt.MouseButton.LeftButton)
    assert len(started) == 1
    assert not window.session.is_busy()
    assert [s["name"] for s in sandbox.services()] == ["shop_reco"]
    assert len([r for r in sandbox.requests if r.method == "POST"]) == 1


# --- copy, save, curl, geometry ------------------------------------------------------------------


def test_copy_value_json_and_save(
    window: MainWindow, qtbot: QtBot, sandbox: SandboxServer, tmp_path: Path, monkeypatch: Any
) -> None:
    create(window, qtbot, "shop_reco")
    [stored] = sandbox.services()
    window.tree.setFocus()
    window.tree.setCurrentIndex(window.model.index_for_path("serviceId"))
    QTest.keySequence(window.tree, "Ctrl+C")
    assert QGuiApplication.clipboard().text() == stored["serviceId"]

    window.copy_json_action.trigger()
    assert json.loads(QGuiApplication.clipboard().text()) == stored

    target = tmp_path / "answer.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(window.session.saved, timeout=5000):
        window.save_json_action.trigger()
    assert json.loads(target.read_text("utf-8")) == stored


def test_copy_as_curl_is_signed_and_has_no_secret(
    window: MainWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    create(window, qtbot, "shop_reco")
    window.copy_curl_action.trigger()
    command = QGuiApplication.clipboard().text()
    assert command.startswith("curl ")
    assert sandbox.secret_key not in command
    assert sandbox.access_key in command
    assert "x-ncp-apigw-signature-v2" in command
    if shutil.which("curl"):
        out = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=10)  # noqa: S602
        assert json.loads(out.stdout) == sandbox.services()[0]


def test_geometry_is_remembered(qtbot: QtBot, sandbox: SandboxServer) -> None:
    first = MainWindow(sandbox_connection(sandbox))
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 500)
    qtbot.waitUntil(lambda: first.size().width() == 700)
    first.close()
    second = MainWindow(sandbox_connection(sandbox))
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)
