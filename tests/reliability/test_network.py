"""Scenarios 3, 5 and 11: the network misbehaves, the server says slow down, TLS and proxies.

Timeouts are shortened through the client factory so the suite stays fast; each test
checks the elapsed time against the bound the configuration promises (attempts times the
timeout plus the backoff), and that Cancel stops the wait at once.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from forwarding_proxy import ForwardingProxy
from pytestqt.qtbot import QtBot
from reliability_support import (
    BlackHole,
    MakeWindow,
    click,
    client_factory,
    closed_port,
    posts,
    sandbox_connection,
    shown,
    type_form,
    url_connection,
    wait_idle,
)

from aitems_desktop.gui.error_report import ErrorReport
from aitems_desktop.gui.main_window import MainWindow
from aitems_desktop.sandbox import Fault, SandboxServer

NAME = "net_reco"
#: Short timeouts and quick backoff: (connect, read) and what a failed create may cost.
CONNECT, READ = 0.3, 0.5
ATTEMPTS, BACKOFF_BASE, BACKOFF_MAX = 3, 0.05, 0.1
SLACK = 1.5  # thread start, event loop, a loaded CI machine


def quick(**extra: Any) -> Any:
    options: dict[str, Any] = {
        "timeout": (CONNECT, READ),
        "max_attempts": ATTEMPTS,
        "backoff_base": BACKOFF_BASE,
        "backoff_max": BACKOFF_MAX,
    }
    options.update(extra)
    return client_factory(**options)


def create_and_fail(win: MainWindow, qtbot: QtBot) -> tuple[ErrorReport, float]:
    """Click Create; return the first report the window showed and how long it took."""
    type_form(win, NAME, "kept")
    started = time.monotonic()
    with qtbot.waitSignal(win.session.failed, timeout=20_000) as blocker:
        click(win.form.create_button)
    elapsed = time.monotonic() - started
    print(f"elapsed {elapsed:.2f} s")  # shown by pytest -rP
    wait_idle(win, qtbot)
    report = blocker.args[0]
    assert isinstance(report, ErrorReport)
    return report, elapsed


def assert_form_kept(win: MainWindow) -> None:
    assert win.form.values() == (NAME, "kept", "batch")
    assert win.form.create_button.isEnabled()
    assert win.model.answer() is None


# --- scenario 3: connect timeout, read timeout, refused, DNS; Cancel ------------------------


def test_s03_connect_timeout_is_a_clear_error_within_the_timeouts(
    make_window: MakeWindow, qtbot: QtBot, sandbox: SandboxServer, black_hole: BlackHole
) -> None:
    url = f"http://127.0.0.1:{black_hole.port}/api/v1"
    win = make_window(url_connection(url, sandbox), client_factory=quick())
    report, elapsed = create_and_fail(win, qtbot)
    assert report.title == "Could not reach the service"
    assert report.message == f"Could not connect within {CONNECT:g} seconds; nothing was sent."
    assert report.hint.startswith("The request never reached the service: nothing was created.")
    # Nothing was sent, so the create could be tried again safely: at most ATTEMPTS times.
    assert CONNECT <= elapsed < ATTEMPTS * CONNECT + (ATTEMPTS - 1) * BACKOFF_MAX + SLACK
    assert win.error_panel.message_label.text() == report.message
    assert_form_kept(win)


def test_s03_read_timeout_on_create_checks_by_name_and_says_nothing_was_created(
    make_window: MakeWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault.STALL, method="POST", seconds=30)
    win = make_window(sandbox_connection(sandbox), client_factory=quick())
    type_form(win, NAME, "kept")
    reports: list[ErrorReport] = []
    win.session.failed.connect(reports.append)
    started = time.monotonic()
    with qtbot.waitSignal(win.session.note, timeout=20_000):
        click(win.form.create_button)
    elapsed = time.monotonic() - started
    print(f"elapsed {elapsed:.2f} s")  # shown by pytest -rP
    wait_idle(win, qtbot)
    [report] = reports
    assert report.message == f"The server did not answer within {READ:g} seconds."
    assert "Checking by name" in report.hint
    # The create was sent once and not again; the lookup answered "not there".
    assert posts(sandbox) == 1
    assert elapsed < READ + SLACK
    assert win.error_panel.title_label.text() == "Nothing was created"
    assert win.error_panel.hint_label.text() == "It is safe to try again."
    assert sandbox.services() == []
    assert_form_kept(win)


def test_s03_read_timeout_on_open_is_retried_then_a_clear_error(
    make_window: MakeWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.add_service(NAME)
    sandbox.inject(Fault.STALL, method="GET", seconds=30, count=50)
    win = make_window(sandbox_connection(sandbox), client_factory=quick())
    started = time.monotonic()
    with qtbot.waitSignal(win.session.failed, timeout=20_000) as blocker:
        win.session.open_existing(NAME)
    elapsed = time.monotonic() - started
    print(f"elapsed {elapsed:.2f} s")  # shown by pytest -rP
    wait_idle(win, qtbot)
    report = blocker.args[0]
    assert report.message == f"The server did not answer within {READ:g} seconds."
    gets = [r for r in sandbox.requests if r.method == "GET"]
    assert len(gets) == ATTEMPTS
    assert ATTEMPTS * READ <= elapsed < ATTEMPTS * (READ + BACKOFF_MAX) + SLACK


def test_s03_refused_connection_is_a_clear_error_at_once(
    make_window: MakeWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    url = f"http://127.0.0.1:{closed_port()}/api/v1"
    win = make_window(url_connection(url, sandbox), client_factory=quick())
    report, elapsed = create_and_fail(win, qtbot)
    assert report.message == "Could not connect to the server; nothing was sent."
    assert report.hint.startswith("The request never reached the service")
    assert "ECONNREFUSED" in (report.details or "")
    assert elapsed < ATTEMPTS * BACKOFF_MAX + SLACK
    assert_form_kept(win)


def test_s03_dns_failure_names_the_host_name(
    make_window: MakeWindow, qtbot: QtBot, sandbox: SandboxServer, monkeypatch: Any
) -> None:
    # Never ask a real resolver: names under .invalid fail here as a resolver would fail.
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(host, str) and host.endswith(".invalid"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    win = make_window(
        url_connection("http://aitems.invalid/api/v1", sandbox), client_factory=quick()
    )
    report, elapsed = create_and_fail(win, qtbot)
    assert report.message == "The endpoint's host name could not be resolved; nothing was sent."
    assert "aitems.invalid" in (report.details or "")
    assert report.hint.startswith("The request never reached the service")
    assert elapsed < ATTEMPTS * BACKOFF_MAX + SLACK
    assert_form_kept(win)


@pytest.mark.parametrize("where", ["connect", "read", "retry-after-wait"])
def test_s03_cancel_answers_at_once(
    make_window: MakeWindow,
    qtbot: QtBot,
    sandbox: SandboxServer,
    black_hole: BlackHole,
    where: str,
) -> None:
    # Long timeouts: only Cancel can end these calls quickly.
    factory = client_factory(timeout=(30.0, 30.0), max_retry_wait=60.0)
    if where == "connect":
        url = f"http://127.0.0.1:{black_hole.port}/api/v1"
        win = make_window(url_connection(url, sandbox), client_factory=factory)
    else:
        win = make_window(sandbox_connection(sandbox), client_factory=factory)
    if where == "read":
        sandbox.inject(Fault.STALL, method="POST", seconds=60)
    if where == "retry-after-wait":
        sandbox.add_service("waiting_one")
        sandbox.inject(Fault.RATE_LIMITED, method="GET", retry_after=60)
        win.session.open_existing("waiting_one")
        qtbot.waitUntil(lambda: len(sandbox.requests) == 1, timeout=5000)
    else:
        type_form(win, NAME, "kept")
        click(win.form.create_button)
        if where == "read":
            qtbot.waitUntil(lambda: posts(sandbox) == 1, timeout=5000)
    qtbot.wait(100)  # well into the wait
    assert win.form.is_busy()
    started = time.monotonic()
    click(win.form.cancel_button)
    assert not win.form.is_busy()  # the window answers within the click
    qtbot.waitUntil(lambda: win.workers.running_count() == 0, timeout=2000)
    elapsed = time.monotonic() - started
    print(f"worker gone {elapsed:.2f} s after Cancel")  # shown by pytest -rP
    assert elapsed < 0.5
    assert win.form.create_button.isEnabled() == (where != "retry-after-wait")
    assert win.model.answer() is None


# --- scenario 5: 429 with Retry-After ------------------------------------------------------


def test_s05_an_idempotent_call_waits_for_retry_after_and_succeeds(
    window: MainWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    existing = sandbox.add_service("busy_one")
    sandbox.inject(Fault.RATE_LIMITED, method="GET", retry_after=1)
    started = time.monotonic()
    with qtbot.waitSignal(window.answer_shown, timeout=10_000):
        window.session.open_existing("busy_one")
    elapsed = time.monotonic() - started
    print(f"elapsed {elapsed:.2f} s")  # shown by pytest -rP
    assert 1.0 <= elapsed < 1.0 + SLACK
    assert window.model.answer() == existing
    gets = [r for r in sandbox.requests if r.method == "GET"]
    # list (429), list again after the wait, then get.
    assert len(gets) == 3
    assert len({r.headers["x-ncp-apigw-timestamp"] for r in gets}) == 3
    assert window.error_panel.isHidden()


def test_s05_a_create_is_not_blindly_resent_after_429(
    window: MainWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.inject(Fault.RATE_LIMITED, method="POST", retry_after=2)
    report, elapsed = create_and_fail(window, qtbot)
    assert elapsed < 1.0  # no waiting and re-sending on its own
    assert posts(sandbox) == 1
    assert report.title == "Too many requests"
    assert "Try again in 2 seconds" in report.hint
    assert report.hint.count("Try again") == 1
    assert sandbox.services() == []
    assert_form_kept(window)
    # The person decides to send it again: it is created, once.
    with qtbot.waitSignal(window.answer_shown, timeout=10_000):
        click(window.form.create_button)
    assert [s["name"] for s in sandbox.services()] == [NAME]
    assert posts(sandbox) == 2


# --- scenario 11: TLS and proxy -----------------------------------------------------------------


def test_s11_self_signed_https_is_refused_by_default_with_a_certificate_message(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    with SandboxServer(tls=True) as tls:
        win = make_window(sandbox_connection(tls))
        report, elapsed = create_and_fail(win, qtbot)
        assert report.title == "The server's certificate was not accepted"
        assert report.message == (
            "The server's certificate could not be verified, so nothing was sent."
        )
        assert "CA bundle" in report.hint
        assert "certificate" in (report.details or "").lower()
        # A certificate that fails once fails every time: no retries, no waiting.
        assert elapsed < 1.0
        assert tls.requests == []
        assert tls.services() == []


def test_s11_with_the_ca_bundle_https_works(make_window: MakeWindow, qtbot: QtBot) -> None:
    with SandboxServer(tls=True) as tls:
        assert tls.ca_bundle_path is not None
        win = make_window(
            sandbox_connection(tls),
            client_factory=client_factory(ca_bundle=str(tls.ca_bundle_path)),
        )
        type_form(win, NAME)
        with qtbot.waitSignal(win.answer_shown, timeout=10_000):
            click(win.form.create_button)
        assert shown(win, "name") == NAME
        assert [s["name"] for s in tls.services()] == [NAME]


def test_s11_a_proxy_is_used_for_http(
    make_window: MakeWindow, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    with ForwardingProxy() as proxy:
        win = make_window(
            sandbox_connection(sandbox), client_factory=client_factory(proxy=proxy.url)
        )
        type_form(win, NAME)
        with qtbot.waitSignal(win.answer_shown, timeout=10_000):
            click(win.form.create_button)
        seen = proxy.seen
    assert seen == [("POST", f"{sandbox.base_url}/services")]
    assert [s["name"] for s in sandbox.services()] == [NAME]


def test_s11_a_proxy_tunnels_https_with_the_ca_bundle(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    with SandboxServer(tls=True) as tls, ForwardingProxy() as proxy:
        assert tls.ca_bundle_path is not None
        port = tls.port
        factory = client_factory(proxy=proxy.url, ca_bundle=str(tls.ca_bundle_path))
        win = make_window(sandbox_connection(tls), client_factory=factory)
        type_form(win, NAME)
        with qtbot.waitSignal(win.answer_shown, timeout=10_000):
            click(win.form.create_button)
        win.close()
        assert win.workers.shutdown(5000)
        seen = proxy.seen
    assert seen == [("CONNECT", f"127.0.0.1:{port}")]
    assert [s["name"] for s in tls.services()] == [NAME]


# --- scenario 11 with the settings in a saved profile ----------------------------------------


@pytest.fixture
def profile_window(
    make_window: MakeWindow, qtbot: QtBot, isolated_home: Path
) -> Iterator[Callable[..., MainWindow]]:
    """A window connected through a saved profile (the secret in an in-memory keyring)."""
    from memory_keyring import MemoryKeyring
    from pydantic import SecretStr

    from aitems_desktop.core.credentials import CredentialStore
    from aitems_desktop.core.profiles import Profile, ProfileStore
    from aitems_desktop.gui.credentials_controller import CredentialsController

    credentials = CredentialStore(MemoryKeyring())

    def make(server: SandboxServer, **settings: Any) -> MainWindow:
        store = ProfileStore(credentials, isolated_home / "config" / "aitems-desktop")
        profile = Profile(
            name="work", access_key=server.access_key, endpoint=server.base_url, **settings
        )
        store.save(profile, SecretStr(server.secret_key))
        win = make_window(None)
        controller = CredentialsController(
            win, "work", profile_store=store, credential_store=credentials, env={}
        )
        controller.start()
        qtbot.waitUntil(lambda: win.connection() is not None, timeout=10_000)
        assert "work" in win.endpoint_label.text()
        return win

    yield make
    credentials.close()


def test_s11_profile_without_a_ca_bundle_refuses_a_self_signed_certificate(
    profile_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    with SandboxServer(tls=True) as tls:
        win = profile_window(tls)
        report, _elapsed = create_and_fail(win, qtbot)
        assert report.title == "The server's certificate was not accepted"
        assert "set its CA bundle in the profile" in report.hint
        assert tls.services() == []


def test_s11_the_ca_bundle_set_in_the_profile_is_used(
    profile_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    with SandboxServer(tls=True) as tls:
        win = profile_window(tls, ca_bundle=tls.ca_bundle_path)
        type_form(win, NAME)
        with qtbot.waitSignal(win.answer_shown, timeout=10_000):
            click(win.form.create_button)
        assert [s["name"] for s in tls.services()] == [NAME]


def test_s11_the_proxy_set_in_the_profile_is_used(
    profile_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    with SandboxServer(tls=True) as tls, ForwardingProxy() as proxy:
        port = tls.port
        win = profile_window(tls, ca_bundle=tls.ca_bundle_path, proxy=proxy.url)
        type_form(win, NAME)
        with qtbot.waitSignal(win.answer_shown, timeout=10_000):
            click(win.form.create_button)
        win.close()
        assert win.workers.shutdown(5000)
        seen = proxy.seen
    assert seen == [("CONNECT", f"127.0.0.1:{port}")]
    assert [s["name"] for s in tls.services()] == [NAME]
