"""Credentials in the workspace window: first launch, env override, session-only secrets, and a
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
from credentials_doubles import (
    MemoryKeyring,
    RecordingProfileStore,
    RecordingSettingsStore,
    ThreadRecorder,
    isolated_keyring,
    recording_credential_store,
)
from keyring.backends import fail
from pydantic import SecretStr
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from aitems_desktop.core.connection import Connection
from aitems_desktop.core.credentials import SERVICE_NAME, CredentialStore
from aitems_desktop.core.profiles import Profile, ProfileStore
from aitems_desktop.core.settings import SettingsStore
from aitems_desktop.gui import logging_setup
from aitems_desktop.gui.connection_problems import ConnectionHost
from aitems_desktop.gui.credentials_controller import CredentialsController
from aitems_desktop.gui.credentials_dialog import CredentialsDialog
from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow
from aitems_desktop.gui.workspace.rows import Kind
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
def window(qtbot: QtBot) -> Iterator[WorkspaceWindow]:
    win = WorkspaceWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.runner.core_ready, timeout=30_000):
        win.runner.load_core()
    yield win
    win.close()
    assert win.workers.shutdown(5000)
    if win.state_writer is not None:
        win.state_writer.join(5)


def controller_for(
    window: ConnectionHost,
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


def wait_connected(qtbot: QtBot, window: WorkspaceWindow) -> None:
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


def create_service(qtbot: QtBot, window: WorkspaceWindow, name: str) -> None:
    """Create ``name`` in the New Service dialog and wait for the details pane to show it."""
    window.new_service_action.trigger()
    dialog = window.services.new_dialog
    assert dialog is not None
    QTest.keyClicks(dialog.form.name_edit, name)
    with qtbot.waitSignal(dialog.created, timeout=10_000):
        QTest.mouseClick(dialog.form.create_button, Qt.MouseButton.LeftButton)
    page = window.details.page(Kind.SERVICES)
    qtbot.waitUntil(lambda: (page.model.raw() or {}).get("name") == name, timeout=10_000)


def test_first_launch_opens_the_dialog_and_offers_the_sandbox(
    qtbot: QtBot, window: WorkspaceWindow
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
    qtbot: QtBot, window: WorkspaceWindow, server: SandboxServer
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
    window: WorkspaceWindow,
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
    qtbot: QtBot, window: WorkspaceWindow, server: SandboxServer, tmp_path: Path
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


def test_an_unknown_profile_is_said_once_with_the_way_to_the_dialog(
    qtbot: QtBot, window: WorkspaceWindow
) -> None:
    credentials = CredentialStore(timeout=10)
    ProfileStore(credentials).save(Profile(name="work", access_key="A"), SecretStr("s"))
    controller = controller_for(window, credentials, profile="missing")
    controller.start()
    qtbot.waitUntil(lambda: window.error_panel.isVisible(), timeout=10_000)
    panel = window.error_panel
    assert panel.title_label.text() == "Profile not found"
    assert panel.message_label.text() == "There is no profile “missing”."
    assert "Choose one of the profiles in Credentials" in panel.hint_label.text()
    # Said once: the rest of the window only says that it is not connected, and the missing
    # profile is not shown as if it were in use.
    assert window.windowTitle() == ""  # Qt adds the application's name, and nothing else
    assert window.endpoint_label.text() == "Not connected"
    assert window.navigator.status_label.text() == "Not connected"
    assert "missing" not in window.statusBar().currentMessage()
    assert panel.credentials_button.isVisible()
    panel.credentials_button.click()
    qtbot.waitUntil(lambda: controller.dialog is not None and controller.dialog.isVisible())
    credentials.close()


def test_a_keyring_that_does_not_answer_is_named_as_such(
    qtbot: QtBot, window: WorkspaceWindow, memory_keyring: MemoryKeyring
) -> None:
    credentials = CredentialStore(timeout=0.3)
    ProfileStore(credentials).save(Profile(name="work", access_key="A"), SecretStr("s"))
    memory_keyring.release.clear()  # an unlock prompt nobody answers
    controller_for(window, credentials).start()
    qtbot.waitUntil(lambda: window.error_panel.isVisible(), timeout=10_000)
    assert window.error_panel.title_label.text() == "The keyring did not answer"
    assert "did not answer within 0.3 s" in window.error_panel.message_label.text()
    memory_keyring.release.set()
    credentials.close()


# --- "Try the sandbox", remembered ------------------------------------------------------------


def _run_the_sandbox_on_request(controller: CredentialsController, window: WorkspaceWindow) -> None:
    """What the app does with sandbox_requested (app.py starts the real one)."""

    def start() -> None:
        window.set_connection(
            Connection(
                label="sandbox",
                base_url="http://127.0.0.1:9",
                access_key="a",
                secret_key="s",
                is_sandbox=True,
            )
        )

    controller.sandbox_requested.connect(start)


def test_try_the_sandbox_is_remembered_and_a_profile_leads_back(
    qtbot: QtBot, window: WorkspaceWindow, server: SandboxServer
) -> None:
    recorder = ThreadRecorder()
    credentials = recording_credential_store(recorder, timeout=10)
    settings = RecordingSettingsStore(recorder)
    controller = CredentialsController(
        window,
        profile_store=RecordingProfileStore(credentials, recorder),
        credential_store=credentials,
        settings_store=settings,
        env={},
    )
    _run_the_sandbox_on_request(controller, window)
    controller.start()
    qtbot.waitUntil(lambda: controller.dialog is not None and controller.dialog.isVisible())
    dialog = controller.dialog
    assert dialog is not None
    assert dialog.sandbox_button is not None
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    QTest.mouseClick(dialog.sandbox_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: settings.path.exists(), timeout=10_000)
    assert window.connection() is not None
    assert window.connection().is_sandbox
    assert SettingsStore().load().start_in_sandbox  # (read by the test, not the recorder)

    # The next start: no dialog, the sandbox at once, and a note with the way back.
    window.set_connection(None)
    again = CredentialsController(
        window,
        profile_store=RecordingProfileStore(credentials, recorder),
        credential_store=credentials,
        settings_store=settings,
        env={},
    )
    _run_the_sandbox_on_request(again, window)
    with qtbot.waitSignal(again.sandbox_requested, timeout=10_000):
        again.start()
    assert again.dialog is None
    assert again.sandbox_by_choice
    panel = window.error_panel
    assert panel.title_label.text() == "The sandbox, as chosen before"
    assert panel.credentials_button.isVisible()
    panel.credentials_button.click()
    qtbot.waitUntil(lambda: again.dialog is not None and again.dialog.isVisible())
    assert again.dialog is not None
    assert again.dialog.sandbox_button is None
    add_profile_in_dialog(qtbot, again.dialog, server)
    # A profile now: the window leaves the sandbox for it, and the choice is forgotten.
    qtbot.waitUntil(lambda: not window.connection().is_sandbox, timeout=10_000)
    assert window.connection().label == "work"
    qtbot.waitUntil(lambda: not SettingsStore().load().start_in_sandbox, timeout=10_000)
    assert recorder.on_the_gui_thread() == []
    assert "settings file written" in recorder.off_the_gui_thread()
    credentials.close()


def test_the_controller_reads_nothing_on_the_gui_thread(
    qtbot: QtBot, window: WorkspaceWindow, server: SandboxServer
) -> None:
    recorder = ThreadRecorder()
    credentials = recording_credential_store(recorder, fail.Keyring(), timeout=10)
    profiles = RecordingProfileStore(credentials, recorder)
    controller = CredentialsController(
        window,
        profile_store=profiles,
        credential_store=credentials,
        settings_store=RecordingSettingsStore(recorder),
        env={},
    )
    window.credentials_action.trigger()  # before anything was resolved: made on a worker
    qtbot.waitUntil(lambda: controller.dialog is not None and controller.dialog.isVisible())
    assert controller.dialog is not None
    add_profile_in_dialog(qtbot, controller.dialog, server)
    controller.dialog.close()
    wait_connected(qtbot, window)  # resolved again after the save, session-only secret
    assert controller.session_badge.isVisible()
    assert "No system keyring" in controller.session_badge.toolTip()
    assert recorder.on_the_gui_thread() == []
    assert {"profiles file read", "profiles file written", "credential store lock"} <= (
        recorder.off_the_gui_thread()
    )
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
        window = next(w for w in app.topLevelWidgets() if w.objectName() == "workspaceWindow")
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


# --- the profile switcher -----------------------------------------------------------------------


def test_the_switcher_lists_the_profiles_and_switching_reloads_the_workspace(
    qtbot: QtBot, window: WorkspaceWindow, server: SandboxServer
) -> None:
    with SandboxServer(access_key="AK-OTHER", secret_key="other-secret") as other:
        server.add_service("work_service")
        other.add_service("home_service")
        credentials = CredentialStore(timeout=10)
        profiles = ProfileStore(credentials)
        for name, running in (("work", server), ("home", other)):
            profiles.save(
                Profile(name=name, access_key=running.access_key, endpoint=running.base_url),
                SecretStr(running.secret_key),
            )
        controller = controller_for(window, credentials, profile="work")
        controller.profile_names.connect(window.set_profiles)
        window.profile_switch_requested.connect(controller.switch_profile)
        with qtbot.waitSignal(
            window.workspace.list_loaded, timeout=10_000, check_params_cb=lambda k: k == "services"
        ):
            controller.start()
        switcher = window.profile_switcher
        qtbot.waitUntil(lambda: switcher.count() == 2, timeout=10_000)
        assert switcher.isEnabled()
        assert [switcher.itemText(i) for i in range(2)] == ["work", "home"]
        assert switcher.currentText() == "work"
        rows = window.workspace.models[Kind.SERVICES]
        assert [r.name for r in rows.rows()] == ["work_service"]
        # The person picks another profile: the workspace is cleared at once, then read again
        # from the other account; nothing of the first stays under the second's name.
        seen: list[list[str]] = []
        window.workspace.list_loaded.connect(
            lambda kind: seen.append([r.name for r in rows.rows()]) if kind == "services" else None
        )
        with qtbot.waitSignal(
            window.workspace.list_loaded, timeout=10_000, check_params_cb=lambda k: k == "services"
        ):
            switcher.activated.emit(switcher.findText("home"))
            assert rows.rows() == []
        assert window.connection() is not None
        assert window.connection().label == "home"
        assert seen == [["home_service"]]
        assert switcher.currentText() == "home"
        assert "home" in window.endpoint_label.text()
        controller.close()
        credentials.close()
