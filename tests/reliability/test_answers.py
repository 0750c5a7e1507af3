"""Scenarios 1, 2 and 6: what the person reads when the server's answer is an error or junk.

Each test drives the workspace window against the sandbox (its New Service dialog, its
navigator), injects the fault, and checks the error panel (title, message, hint, HTTP status,
error code, request id), that everything typed is still in the form, that no service was
created by accident and that the details pane holds either nothing or a whole answer, never
part of one.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from reliability_support import (
    MakeWindow,
    click,
    new_service,
    panel_text,
    posts,
    sandbox_connection,
    shown,
    shown_service,
    type_form,
    wait_idle,
    wait_shown,
)

from aitems_desktop.gui.error_report import ErrorReport, report_for
from aitems_desktop.gui.services.new_service_dialog import NewServiceDialog
from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow
from aitems_desktop.gui.workspace.rows import Kind
from aitems_desktop.sandbox import Fault, SandboxServer

NAME, DESCRIPTION = "shop_reco", "typed with care"


def fail_create(win: WorkspaceWindow, qtbot: QtBot) -> NewServiceDialog:
    dialog = new_service(win)
    type_form(dialog, NAME, DESCRIPTION)
    # After a 503 or 504 the backend may still finish: the name is looked up for
    # RecoveryPolicy.settle_seconds (20 s) before the error is final.
    with qtbot.waitSignal(dialog.failed, timeout=60_000):
        click(dialog.form.create_button)
    wait_idle(win, qtbot)
    return dialog


def assert_nothing_lost(
    win: WorkspaceWindow, dialog: NewServiceDialog, server: SandboxServer
) -> None:
    """The dialog is open, its form as typed and ready for another try; nothing was created."""
    assert dialog.isVisible()
    assert dialog.form.values() == (NAME, DESCRIPTION, "batch")
    assert dialog.form.create_button.isEnabled()
    assert server.services() == []
    assert shown_service(win) is None
    assert win.workspace.models[Kind.SERVICES].rows() == []


def refresh_services(win: WorkspaceWindow, qtbot: QtBot) -> None:
    with qtbot.waitSignal(
        win.workspace.list_loaded, timeout=10_000, check_params_cb=lambda k: k == "services"
    ):
        win.refresh_all()


# --- scenario 1: every gateway error code, and the flat AiTEMS error ---------------------------

# (status, code, title, words of the message, words of the hint), from the API notes' table.
GATEWAY_CODES = [
    (400, "100", "The request was rejected", "malformed", "Correct the input"),
    (401, "200", "Authentication failed", "did not accept the access key", "access key and"),
    (401, "210", "Permission denied", "may not use AiTEMS", "Subscribe to AiTEMS"),
    (403, "230", "Forbidden", "refused this request", "Ask the account owner"),
    (404, "300", "Not found", "no such endpoint", "Check the endpoint URL"),
    (429, "400", "Too many requests", "quota", "Wait a moment"),
    (429, "410", "Too many requests", "throttled", "Wait a moment"),
    (429, "420", "Too many requests", "rate limited", "Wait a moment"),
    (413, "430", "The request is too large", "too large", "Shorten the description"),
    (503, "500", "The service had a problem", "could not be reached", "request id"),
    (504, "510", "The service had a problem", "did not answer the gateway", "request id"),
    (500, "900", "The service had a problem", "failed unexpectedly", "NCP support"),
]


@pytest.mark.parametrize(
    ("status", "code", "title", "message", "hint"),
    GATEWAY_CODES,
    ids=[f"{s}-{c}" for s, c, *_ in GATEWAY_CODES],
)
def test_s01_every_gateway_error_code_shows_its_message_hint_and_ids(
    window: WorkspaceWindow,
    qtbot: QtBot,
    sandbox: SandboxServer,
    status: int,
    code: str,
    title: str,
    message: str,
    hint: str,
) -> None:
    sandbox.inject(
        Fault.GATEWAY_ERROR,
        method="POST",
        path="/services",
        status=status,
        code=code,
        details="injected detail",
    )
    dialog = fail_create(window, qtbot)
    panel = dialog.error_panel
    assert panel.isVisible()
    assert panel.title_label.text() == title
    assert message.lower() in panel.message_label.text().lower()
    assert hint in panel.hint_label.text()
    # The gateway's numbers are said to be the gateway's: "error code 200" read as success.
    assert panel.ids_label.text() == f"HTTP {status} · gateway error code {code}"
    assert panel.details_label.text() == "Details: injected detail"
    # Nothing said twice: the title is not the message, nor the details.
    shown_lines = [panel.title_label.text(), panel.message_label.text()]
    assert len({line.rstrip(".").lower() for line in shown_lines}) == 2
    # Keys that were not accepted are fixed in the Credentials dialog: a button leads there.
    assert panel.credentials_button.isVisible() == (code == "200")
    assert "Traceback" not in panel_text(panel)
    # A create is never re-sent on its own, whatever the code.
    assert posts(sandbox) == 1
    assert_nothing_lost(window, dialog, sandbox)


def test_s01_flat_aitems_error_shows_its_request_id_and_offers_the_existing_service(
    window: WorkspaceWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    existing = sandbox.add_service(NAME, description="made earlier")
    dialog = fail_create(window, qtbot)
    panel = dialog.error_panel
    report = panel.report()
    assert report is not None
    assert report.request_id
    assert len(report.request_id) >= 6
    assert panel.title_label.text() == "That name is taken"
    assert panel.message_label.text() == f"[{NAME}] is a duplicate name."
    assert panel.hint_label.text() == "Choose another name, or open the existing one."
    assert panel.ids_label.text() == (
        f"HTTP 400 · error code DUPLICATE_NAME · request id {report.request_id}"
    )
    # The service's generic category (BAD_REQUEST) beside its code adds nothing.
    assert report.details is None
    assert not panel.details_label.isVisible()
    assert panel.open_button.isVisible()
    assert dialog.form.values() == (NAME, DESCRIPTION, "batch")
    click(panel.open_button)
    assert wait_shown(window, qtbot, NAME) == existing
    assert shown(window, "serviceId") == existing["serviceId"]
    assert len(sandbox.services()) == 1


def test_s01_flat_not_found_error_keeps_its_request_id(sandbox: SandboxServer) -> None:
    # The flat error of a GET for a service that is gone (the window's "open" path).
    api = sandbox_connection(sandbox).api()
    try:
        api.services.get("nosuchservice")
    except Exception as exc:
        error: BaseException = exc
    else:
        pytest.fail("a missing service was returned")
    finally:
        api.close()
    report = report_for(error, name="x")
    assert report.kind == "NotFoundError"
    assert report.title == "Not found"
    assert report.http_status == 404
    assert report.request_id
    assert report.request_id in report.as_text()
    assert "Check the endpoint URL" in report.hint


# --- scenario 2: bodies that are not what they claim ---------------------------------------

JUNK = [
    # A proxy's page or an empty body where the JSON should be (with 200: the status alone
    # says nothing is wrong, so only the body can).
    pytest.param(Fault.HTML_ERROR, {"status": 200}, "HTML page", id="html-200"),
    pytest.param(Fault.EMPTY_BODY, {"status": 200}, "empty body", id="empty-body"),
    pytest.param(Fault.TRUNCATED_JSON, {}, "not valid JSON", id="truncated-json"),
    pytest.param(Fault.WRONG_SHAPE, {}, "expected shape", id="wrong-shape"),
    pytest.param(Fault.HUGE_BODY, {}, "larger than 16 MB", id="20-mb-body"),
]


@pytest.mark.parametrize(("fault", "params", "words"), JUNK)
def test_s02_junk_answer_to_open_leaves_the_shown_service_whole(
    window: WorkspaceWindow,
    qtbot: QtBot,
    sandbox: SandboxServer,
    fault: Fault,
    params: dict[str, Any],
    words: str,
) -> None:
    first = sandbox.add_service("shown_first", description="already on screen")
    other = sandbox.add_service("other_one")
    refresh_services(window, qtbot)
    window.navigator.select(Kind.SERVICES, first["serviceId"])
    assert wait_shown(window, qtbot, "shown_first") == first
    wait_idle(window, qtbot)

    # Every GET gets the junk (list and get alike).
    sandbox.inject(fault, method="GET", count=10, **params)
    started = time.monotonic()
    with qtbot.waitSignal(window.workspace.details_failed, timeout=20_000):
        window.navigator.select(Kind.SERVICES, other["serviceId"])
    elapsed = time.monotonic() - started
    print(f"elapsed {elapsed:.2f} s")  # shown by pytest -rP
    wait_idle(window, qtbot)
    assert elapsed < 5, f"took {elapsed:.1f} s"
    report = window.error_panel.report()
    assert report is not None
    assert report.kind == "InvalidResponseError"
    assert report.title == "The answer could not be read"
    assert words in report.message
    assert window.error_panel.message_label.text() == report.message
    # Nothing of the junk is shown: the pane waits for the service, it shows no half of it.
    assert shown_service(window) is None
    assert window.workspace.details(Kind.SERVICES, other["serviceId"]) is None
    # The previous answer is still whole: back on it, it shows as it was.
    sandbox.clear_faults()
    window.navigator.select(Kind.SERVICES, first["serviceId"])
    assert wait_shown(window, qtbot, "shown_first") == first
    assert shown(window, "description") == "already on screen"
    assert window.details.page(Kind.SERVICES).title.text() == "shown_first"


@pytest.mark.parametrize(("fault", "params", "words"), JUNK)
def test_s02_junk_answer_to_create_is_a_clear_error_and_nothing_is_lost(
    window: WorkspaceWindow,
    qtbot: QtBot,
    sandbox: SandboxServer,
    fault: Fault,
    params: dict[str, Any],
    words: str,
) -> None:
    sandbox.inject(fault, method="POST", path="/services", **params)
    dialog = new_service(window)
    type_form(dialog, NAME, DESCRIPTION)
    reports: list[ErrorReport] = []
    outcomes: list[str] = []
    dialog.failed.connect(reports.append)
    dialog.created.connect(lambda _service, outcome: outcomes.append(outcome))
    started = time.monotonic()
    # An unreadable answer does not say whether the create happened: the window looks the
    # name up before anything else, and says what it found.
    click(dialog.form.create_button)
    qtbot.waitUntil(lambda: bool(reports or outcomes), timeout=20_000)
    wait_idle(window, qtbot)
    elapsed = time.monotonic() - started
    print(f"elapsed {elapsed:.2f} s")  # shown by pytest -rP
    assert posts(sandbox) == 1
    created = sandbox.services()
    if not created:
        # The junk came instead of the service (a proxy page): nothing was created, and
        # the error stays on screen with the lookup's outcome, above the form as typed.
        assert fault in (Fault.HTML_ERROR, Fault.EMPTY_BODY)
        [report] = reports
        assert report.kind == "InvalidResponseError"
        assert words in report.message
        assert "Nothing was created" in report.hint
        assert dialog.error_panel.report() == report
        assert_nothing_lost(window, dialog, sandbox)
        return
    # The service accepted the create and then its answer was mangled: the lookup finds
    # the one service and shows it; the dialog is gone with its values.
    assert [s["name"] for s in created] == [NAME]
    assert outcomes == ["recovered"]
    assert reports == []
    assert wait_shown(window, qtbot, NAME) == created[0]
    assert window.services.new_dialog is None
    assert len(sandbox.services()) == 1


# --- scenario 6: a local clock six minutes off -----------------------------------------------


@pytest.mark.parametrize(("offset", "direction"), [(-360, "behind"), (360, "ahead of")])
def test_s06_a_clock_six_minutes_off_is_named(
    make_window: MakeWindow, qtbot: QtBot, offset: float, direction: str
) -> None:
    # The gateway's clock is the other way off: seen from here, this computer's clock is.
    with SandboxServer(clock=lambda: time.time() - offset) as server:
        # Its lists fail the same way: they are not waited for.
        win = make_window(sandbox_connection(server), lists=False)
        dialog = fail_create(win, qtbot)
        panel = dialog.error_panel
        assert panel.title_label.text() == "Authentication failed"
        assert panel.message_label.text() == (
            "Authentication failed because this computer's clock is 6 minutes "
            f"{direction} the server's."
        )
        assert "clock" in panel.hint_label.text()
        assert "automatic date and time" in panel.hint_label.text()
        assert panel.ids_label.text() == "HTTP 401 · gateway error code 200"
        assert not panel.credentials_button.isVisible()  # the keys are right, the clock is not
        assert_nothing_lost(win, dialog, server)
