"""Credentials in the main window: first launch, env override, session-only secrets, and a
secret that reaches no file and no log line."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from aitems_desktop.gui.main_window import MainWindow
from credentials_doubles import MemoryKeyring, isolated_keyring
from keyring.backends import fail
from pydantic import SecretStr
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from aitems_desktop.core.credentials import SERVICE_NAME, CredentialStore
from aitems_desktop.core.profiles import Profile, ProfileStore
from aitems_desktop.gui import logging_setup
from aitems_desktop.gui.credentials_controller import CredentialsController
from aitems_desktop.gui.credentials_dialog import CredentialsDialog
from aitems_desktop.sandbox import SandboxServer

SECRET = "window-secret-4d1e8b2a"


@pytest.fixture(autouse=True)
def memory_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    yield from isolated_keyring(tmp_path, monkeypatch)


@pytest.fixture
def server() -> Iterator[SandboxServer]:
    with SandboxServer(access_key="AK-WINDOW", secret_key=SECRET) as running:
        yield running


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    win = MainWindow(None)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    assert win.workers.shutdown(5000)


def controller_for(
    window: MainWindow,
    credentials: CredentialStore,
    env: dict[str, str] | None = None,
    profile: str | None = None,
) -> CredentialsController:
    return CredentialsController(
        window,
        profile,
        profile_store=ProfileStore(credentials),
        credential_store=credentials,
        env={} if env is None else env,
    )


def wait_connected(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.connection() is not None, timeout=10_000)


def add_profile_in_dialog(qtbot: QtBot, dialog: CredentialsDialog, server: SandboxServer) -> None:
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    form = dialog.form
    QTest.keyClicks(form.name_edit, "work")
    QTest.keyClicks(form.access_key_edit, server.access_key)
    QTest.keyClicks(form.secret_field.edit, server.secret_key)
    form.endpoint_edit.clear()
    QTest.keyClicks(form.endpoint_edit, server.base_url)
    with qtbot.waitSignal(dialog.profilesChanged, timeout=10_000):
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)


def create_service(qtbot: QtBot, window: MainWindow, name: str) -> None:
    QTest.keyClicks(window.form.name_edit, name)
    with qtbot.waitSignal(window.answer_shown, timeout=10_000):
        QTest.mouseClick(window.form.create_button, Qt.MouseButton.LeftButton)


def test_first_launch_opens_the_dialog_and_offers_the_sandbox(
    qtbot: QtBot, window: MainWindow
) -> None:
    credentials = CredentialStore(timeout=10)
    controller = controller_for(window, credentials)
    controller.start()
    qtbot.waitUntil(lambda: controller.dialog is not None and controller.dialog.isVisible())
    dialog = controller.dialog
    assert dialog is not None
    assert dialog.sandbox_button is not None
    assert window.connection() is None
    qtbot.waitUntil(lambda: not dialog.is_busy())
    with qtbot.waitSignal(controller.sandbox_requested, timeout=5000):
        QTest.mouseClick(dialog.sandbox_button, Qt.MouseButton.LeftButton)
    credentials.close()


def test_the_environment_overrides_the_profile_and_the_status_bar_says_so(
    qtbot: QtBot, window: MainWindow, server: SandboxServer
) -> None:
    credentials = CredentialStore(timeout=10)
    ProfileStore(credentials).save(
        Profile(name="work", access_key="STORED", endpoint=server.base_url), SecretStr("stored")
    )
    env = {"NCLOUD_ACCESS_KEY": server.access_key, "NCLOUD_SECRET_KEY": server.secret_key}
    controller_for(window, credentials, env).start()
    wait_connected(qtbot, window)
    label = window.endpoint_label.text()
    assert "keys from NCLOUD_ACCESS_KEY / NCLOUD_SECRET_KEY" in label
    assert server.base_url in label
    create_service(qtbot, window, "from_env")  # signed with the environment's keys
    assert [s["name"] for s in server.services()] == ["from_env"]
    credentials.close()


def test_a_saved_profile_leaves_its_secret_in_no_file_and_no_log(
    qtbot: QtBot,
    window: MainWindow,
    server: SandboxServer,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG)
    # The log file's redactor does not know SECRET: the test shows that nothing logs the
    # secret at all, not merely that it is masked on the way out.
    monkeypatch.setattr(logging_setup, "REDACTOR", logging_setup.Redactor())
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    session = logging_setup.setup_logging("DEBUG")  # the app's own log file, at its chattiest
    session.start_file()
    try:
        credentials = CredentialStore(timeout=10)
        controller = controller_for(window, credentials)
        controller.start(first_launch=False)
        qtbot.waitUntil(lambda: not window.workers.running_count())
        window.credentials_action.trigger()
        dialog = controller.dialog
        assert dialog is not None
        add_profile_in_dialog(qtbot, dialog, server)
        dialog.close()
        wait_connected(qtbot, window)
        assert "secret in" in window.endpoint_label.text()
        create_service(qtbot, window, "kept_safe")
        credentials.close()
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)
        session.stop()

    assert [s["name"] for s in server.services()] == ["kept_safe"]
    assert memory_keyring.passwords == {(SERVICE_NAME, "work"): SECRET}
    settings = Path(os.environ["AITEMS_DESKTOP_CONFIG_DIR"]) / "profiles.json"
    assert stat.S_IMODE(settings.stat().st_mode) == 0o600
    # Every file the test could have written: HOME with the XDG config, data, cache and
    # state dirs, the log dir, the Qt settings dir.
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert settings in files
    assert session.path in files
    assert "kept_safe" in session.path.read_text("utf-8")  # the log did record the work
    for path in files:
        assert SECRET.encode() not in path.read_bytes(), path
    assert SECRET not in caplog.text  # the records as logged, before any redaction
    out, err = capfd.readouterr()
    assert SECRET not in out + err


def test_without_a_keyring_the_window_says_session_only_and_create_works(
    qtbot: QtBot, window: MainWindow, server: SandboxServer, tmp_path: Path
) -> None:
    credentials = CredentialStore(fail.Keyring(), timeout=10)
    controller = controller_for(window, credentials)
    controller.start()
    qtbot.waitUntil(lambda: controller.dialog is not None and controller.dialog.isVisible())
    dialog = controller.dialog
    assert dialog is not None
    add_profile_in_dialog(qtbot, dialog, server)
    assert dialog.notice.session_only
    assert "this session only" in dialog.notice.text()
    dialog.close()
    wait_connected(qtbot, window)
    assert controller.session_badge.isVisible()
    assert "No system keyring" in controller.session_badge.toolTip()
    assert window.error_panel.isVisible()
    assert "session only" in window.error_panel.title_label.text()
    create_service(qtbot, window, "session_key")
    assert [s["name"] for s in server.services()] == ["session_key"]
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    credentials.close()


def test_an_unknown_profile_is_reported_in_the_window(qtbot: QtBot, window: MainWindow) -> None:
    credentials = CredentialStore(timeout=10)
    controller_for(window, credentials, profile="missing").start()
    qtbot.waitUntil(lambda: window.form.state_message.text() == "There is no profile “missing”.")
    assert window.error_panel.isVisible()
    credentials.close()


_FIRST_LAUNCH_DRIVER = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QPushButton
    from aitems_desktop.__main__ import main
    from aitems_desktop.gui.credentials_dialog import CredentialsDialog

    def poll(tries=[0]):
        tries[0] += 1
        app = QApplication.instance()
        window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
        dialogs = [w for w in app.topLevelWidgets() + window.findChildren(CredentialsDialog)
                   if isinstance(w, CredentialsDialog) and w.isVisible()]
        connection = window.connection()
        if connection is not None:
            print("connected", connection.is_sandbox, connection.label)
            window.close()
        elif dialogs:
            button = dialogs[0].findChild(QPushButton, "sandboxButton")
            print("dialog", button is not None and button.isVisible())
            button.click()
            QTimer.singleShot(20, poll)
        elif tries[0] > 500:
            print("timeout")
            window.close()
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    sys.exit(main(sys.argv[1:]))
    """
)


def test_the_app_opens_the_dialog_on_first_launch_and_its_sandbox_button_works(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NCLOUD_", "AITEMS_"))}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # never the keyring of whoever runs this
    env.update(
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        AITEMS_DESKTOP_LOG_DIR=str(tmp_path / "logs"),
    )
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_LAUNCH_DRIVER],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["dialog True", "connected True sandbox"], done.stderr
