"""The app as a program: --version, startup imports, --self-test, quitting mid-call, logs."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from aitems_desktop import __version__
from aitems_desktop.sandbox import SandboxServer


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NCLOUD_", "AITEMS_"))}
    # The app under test must never reach the keyring of the person running the suite.
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.update(
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        QT_QPA_PLATFORM="offscreen",
        AITEMS_DESKTOP_LOG_DIR=str(tmp_path / "logs"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        HOME=str(tmp_path / "home"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(extra)
    return env


def _python(
    tmp_path: Path, code_or_args: list[str], timeout: float = 60, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *code_or_args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=_env(tmp_path, **env),
        check=False,
    )


def test_version_does_not_load_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from aitems_desktop.__main__ import main\n"
        "rc = main(['--version'])\n"
        "print('qt loaded' if 'PySide6' in sys.modules else 'qt not loaded')\n"
        "sys.exit(rc)\n"
    )
    out = _python(tmp_path, ["-c", code])
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [f"aitems-desktop {__version__}", "qt not loaded"]


def test_first_paint_loads_nothing_heavy(tmp_path: Path) -> None:
    code = textwrap.dedent(
        """
        import sys
        from PySide6.QtWidgets import QApplication
        import aitems_desktop.app
        from aitems_desktop.gui.credentials_controller import CredentialsController
        from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow
        app = QApplication([])
        window = WorkspaceWindow()
        CredentialsController(window, None)
        window.show()
        app.processEvents()
        heavy = ["requests", "pydantic", "keyring", "aitems_desktop.core.models",
                 "aitems_desktop.core.api", "aitems_desktop.sandbox"]
        print(sorted(m for m in heavy if m in sys.modules))
        """
    )
    out = _python(tmp_path, ["-c", code])
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


@pytest.mark.slow
def test_self_test_passes(tmp_path: Path) -> None:
    # The program as installed: the whole road through the workspace window, offscreen.
    out = _python(tmp_path, ["-m", "aitems_desktop", "--self-test"], timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    [line] = out.stdout.splitlines()
    seen = json.loads(line)
    assert seen["ok"] is True, seen
    steps = {step["step"]: step for step in seen["steps"]}
    assert list(steps) == ["schemas", "datasets", "service", "attach", "train", "lookup", "deletes"]
    assert all(step["ok"] for step in seen["steps"])
    assert steps["train"]["trainings"] >= 1
    assert all(count > 0 for count in steps["lookup"]["results"].values())
    assert steps["deletes"]["deleted"] == 7
    assert out.stderr == ""


_QUIT_DRIVER = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QTimer, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from aitems_desktop.__main__ import main
    from aitems_desktop.gui.shell import workspace_window
    from aitems_desktop.gui.workspace.rows import Kind

    state = {}

    def step():
        window = state["window"]
        dialog = state.get("dialog")
        if window.connection() is None or not all(
            window.workspace.is_loaded(kind) for kind in Kind
        ):
            pass  # the window completes after the first paint, the keys are read, the lists
        elif dialog is None:
            window.new_service_action.trigger()
            dialog = state["dialog"] = window.services.new_dialog
            QTest.keyClicks(dialog.form.name_edit, "quit_mid_call")
            QTest.mouseClick(dialog.form.create_button, Qt.MouseButton.LeftButton)
        elif dialog.form.is_busy() and window.workers.running_count():
            QTimer.singleShot(300, quit_now)  # well into the call
            return
        QTimer.singleShot(20, step)

    def quit_now():
        print(f"QUIT_AT {time.monotonic()}", flush=True)
        state["window"].close()

    original_show = workspace_window.WorkspaceWindow.show

    def show(self):
        original_show(self)
        state["window"] = self
        QTimer.singleShot(0, step)

    workspace_window.WorkspaceWindow.show = show
    sys.exit(main(sys.argv[1:]))
    """
)


@pytest.mark.slow
def test_quitting_mid_call_exits_cleanly_without_waiting_for_it(tmp_path: Path) -> None:
    with SandboxServer(latency_ms=20_000) as server:
        proc = subprocess.Popen(
            [sys.executable, "-c", _QUIT_DRIVER],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(
                tmp_path,
                NCLOUD_ACCESS_KEY=server.access_key,
                NCLOUD_SECRET_KEY=server.secret_key,
                AITEMS_ENDPOINT=server.base_url,
            ),
        )
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            assert line.startswith("QUIT_AT "), line + (proc.stderr.read() if proc.stderr else "")
            quit_at = float(line.split()[1])
            code = proc.wait(timeout=10)
            ended = time.monotonic()
        finally:
            proc.kill()
            _out, err = proc.communicate()
        # The lists are read first; then the one create, cut short by the quit.
        assert [r.method for r in server.requests if r.method != "GET"] == ["POST"]
        secret = server.secret_key
        signatures = [r.headers.get("x-ncp-apigw-signature-v2", "") for r in server.requests]
    assert code == 0, err
    # The call would have taken 20 s: an exit within 10 s did not wait for it. (Under a
    # second on an idle machine; a bound that tight measured the machine's load: the
    # worker's cancel, the app's 700 ms bound and interpreter teardown all fit in it.)
    print(f"exited {ended - quit_at:.2f} s after the quit")  # shown by pytest -rP
    assert ended - quit_at < 10, f"took {ended - quit_at:.2f} s"
    assert err == "", err  # no Qt warning, no traceback
    log_text = "".join(p.read_text("utf-8") for p in (tmp_path / "logs").glob("*.log*"))
    # The worker ended within the app's bound: no exit that left it running.
    assert "a call was still running at exit" not in log_text
    assert "quit_mid_call" in log_text
    assert secret not in log_text
    assert all(sig and sig not in log_text for sig in signatures)


def test_logs_redact_secrets_and_signatures(tmp_path: Path, monkeypatch: Any) -> None:
    from aitems_desktop.gui import logging_setup

    monkeypatch.setattr(logging_setup, "REDACTOR", logging_setup.Redactor())
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    session = logging_setup.setup_logging("INFO")
    logging_setup.REDACTOR.add_secret("s3cr3t-value-123")
    try:
        log = logging.getLogger("aitems_desktop.test")
        log.info("using %s", "s3cr3t-value-123")
        log.info("x-ncp-apigw-signature-v2: bXhyN5zWhN1MtFhfsznzzmW8foXYVGs0aPFxvSHnuOs=")
        try:
            raise RuntimeError("secret_key=s3cr3t-value-123 failed")
        except RuntimeError:
            log.exception("boom")
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)
        session.stop()
    text = session.path.read_text("utf-8")
    assert session.path.parent == tmp_path / "logs"
    assert "s3cr3t-value-123" not in text
    assert "bXhyN5zWhN1MtFhfsznzzmW8foXYVGs0aPFxvSHnuOs=" not in text
    assert "RuntimeError" in text
    assert "using ***" in text
    assert "x-ncp-apigw-signature-v2: ***" in text


def test_unexpected_exception_is_shown_in_a_copyable_dialog(
    qtbot: QtBot, monkeypatch: Any, tmp_path: Path
) -> None:
    from aitems_desktop import app
    from aitems_desktop.gui import logging_setup
    from aitems_desktop.gui.exception_dialog import ExceptionDialog

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(logging_setup.REDACTOR, "_secrets", {"hunter2-secret"})
    session = logging_setup.LoggingSession.__new__(logging_setup.LoggingSession)
    session.path = tmp_path / "x.log"
    app._install_excepthook(session)
    monkeypatch.setattr(logging.getLogger("aitems_desktop"), "disabled", True)
    # Another test's dialog may still be alive (deleted later): only the new one counts.
    before = [w for w in QApplication.topLevelWidgets() if isinstance(w, ExceptionDialog)]
    try:
        raise ValueError("the key hunter2-secret broke it")
    except ValueError as exc:
        sys.excepthook(ValueError, exc, exc.__traceback__)
    dialogs = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, ExceptionDialog) and not any(w is old for old in before)
    ]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    qtbot.addWidget(dialog)
    text = dialog.text_edit.toPlainText()
    assert "ValueError: the key *** broke it" in text
    assert "hunter2" not in text
    dialog.copy_text()
    assert QGuiApplication.clipboard().text() == text


_REPORT_DRIVER = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from aitems_desktop.__main__ import main
    from aitems_desktop.gui.shell import workspace_window

    def report(window, tries=[0]):
        tries[0] += 1
        ready = window.endpoint_label.text() not in (
            "Starting the sandbox…", "Reading credentials…")
        if ready or tries[0] > 500:
            print(window.windowTitle())
            print(window.endpoint_label.text())
            print(window.sandbox_badge.isVisibleTo(window))
            print(window.navigator.status_label.text())
            print(window.connection().object_storage_url if window.connection() else "")
            panel = window.error_panel
            print(panel.title_label.text() if panel.isVisible() else "")
            print(panel.credentials_button.isVisible())
            window.close()
        else:
            QTimer.singleShot(10, lambda: report(window))

    original_show = workspace_window.WorkspaceWindow.show

    def show(self):
        original_show(self)
        QTimer.singleShot(0, lambda: report(self))

    workspace_window.WorkspaceWindow.show = show
    sys.exit(main(sys.argv[1:]))
    """
)


def test_sandbox_flag_connects_to_the_built_in_sandbox(tmp_path: Path) -> None:
    out = _python(tmp_path, ["-c", _REPORT_DRIVER, "--sandbox"])
    assert out.returncode == 0, out.stderr
    title, endpoint, badge, _state, object_storage, _panel, _button = out.stdout.splitlines()
    # Qt appends the application's name to the window's own title.
    assert title == "sandbox"
    assert "http://127.0.0.1:" in endpoint
    assert badge == "True"
    # The dataset wizard uploads to the sandbox's own Object Storage.
    assert object_storage.startswith("http://127.0.0.1:")
    assert out.stderr == ""


def test_unknown_profile_says_so(tmp_path: Path) -> None:
    out = _python(tmp_path, ["-c", _REPORT_DRIVER, "--profile", "work"])
    assert out.returncode == 0, out.stderr
    title, endpoint, badge, state, object_storage, panel, button = out.stdout.splitlines()
    # The profile that does not exist is not shown as if it were in use, and its absence is
    # said once, where a button opens the Credentials dialog. (Qt appends the application's
    # name to the window's own title, empty here.)
    assert title == ""
    assert endpoint == "Not connected"
    assert badge == "False"
    assert state == "Not connected"
    assert object_storage == ""
    assert panel == "Profile not found"
    assert button == "True"


_ORDER_DRIVER = textwrap.dedent(
    """
    import sys
    from aitems_desktop.__main__ import main
    from aitems_desktop.core import credentials
    from aitems_desktop.gui import worker
    from aitems_desktop.gui.shell import workspace_window

    windows = []
    started = []
    original_start = worker.WorkerRegistry.start

    def start(self, job):
        started.append((job.name, windows[0].runner.is_core_ready))
        original_start(self, job)

    worker.WorkerRegistry.start = start
    original_submit = credentials._SerialRunner.submit

    def submit(self, fn):
        # The credential store's own thread, the one keyring runs on.
        started.append(("keyring", windows[0].runner.is_core_ready))
        return original_submit(self, fn)

    credentials._SerialRunner.submit = submit
    original_init = workspace_window.WorkspaceWindow.__init__
    original_set = workspace_window.WorkspaceWindow.set_connection

    def init(self, *args, **kwargs):
        windows.append(self)
        original_init(self, *args, **kwargs)

    def set_connection(self, connection, *args):
        original_set(self, connection, *args)
        if connection is not None:
            self.close()

    workspace_window.WorkspaceWindow.__init__ = init
    workspace_window.WorkspaceWindow.set_connection = set_connection
    code = main(sys.argv[1:])
    for name, ready in started:
        print(name, ready)
    sys.exit(code)
    """
)


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--sandbox"], {}),
        ([], {"NCLOUD_ACCESS_KEY": "ak-from-env", "NCLOUD_SECRET_KEY": "sk-from-env"}),
    ],
    ids=["sandbox", "keys from the environment"],
)
def test_the_core_is_imported_on_one_worker_before_any_other_starts(
    tmp_path: Path, args: list[str], env: dict[str, str]
) -> None:
    # Two threads importing the same modules for the first time at once can get a partly
    # initialised module (pydantic has import cycles): nothing else may run meanwhile.
    out = _python(tmp_path, ["-c", _ORDER_DRIVER, *args], **env)
    assert out.returncode == 0, out.stderr
    started = [line.rsplit(" ", 1) for line in out.stdout.splitlines()]
    assert started[0] == ["load-core", "False"]
    assert len(started) > 2  # the core, then the sandbox launcher or the keyring, and more
    assert all(ready == "True" for _name, ready in started[1:]), started


_CORE_FAILS_DRIVER = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from aitems_desktop.__main__ import main
    from aitems_desktop.gui.shell import runner, workspace_window

    def broken():
        raise ImportError("No module named 'pydantic_core._pydantic_core'")

    runner._import_core = broken
    original_init = workspace_window.WorkspaceWindow.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)

        def failed(message):
            # After the app's own handler, which is connected later.
            QTimer.singleShot(0, lambda: (print(self.endpoint_label.text()), self.close()))

        self.runner.core_failed.connect(failed)

    workspace_window.WorkspaceWindow.__init__ = init
    sys.exit(main(sys.argv[1:]))
    """
)


def test_a_core_that_cannot_be_imported_is_said_in_the_window(tmp_path: Path) -> None:
    out = _python(tmp_path, ["-c", _CORE_FAILS_DRIVER, "--sandbox"])
    assert out.returncode == 0, out.stderr
    shown = out.stdout.strip()
    assert shown.startswith("The app could not load its parts (ImportError: No module named")
    assert "Reinstall it; the log is " in shown
    assert str(tmp_path / "logs") in shown


_START_READS_DRIVER = textwrap.dedent(
    """
    import sys, threading
    from PySide6.QtCore import QSettings, QTranslator
    from aitems_desktop.__main__ import main
    from aitems_desktop.gui import i18n
    from aitems_desktop.gui.shell import window_state, workspace_window

    reads = []

    def on_gui_thread():
        return threading.current_thread() is threading.main_thread()

    class Settings(QSettings):
        def __init__(self, *args):
            reads.append(("settings", on_gui_thread()))
            super().__init__(*args)

    class Translator(QTranslator):
        def load(self, *args):
            reads.append(("translation", on_gui_thread()))
            return super().load(*args)

    i18n.QSettings = window_state.QSettings = Settings
    i18n.QTranslator = Translator
    original_show = workspace_window.WorkspaceWindow.show

    def show(self):
        original_show(self)
        for what, gui in reads:
            print(what, gui)
        print(self.file_menu.title())

    workspace_window.WorkspaceWindow.show = show
    sys.exit(main(sys.argv[1:]))
    """
)


def test_the_saved_state_language_and_translations_are_read_off_the_gui_thread(
    tmp_path: Path,
) -> None:
    settings = tmp_path / "config" / "aitems-desktop" / "aitems-desktop.conf"
    settings.parent.mkdir(parents=True)
    settings.write_text("[preferences]\nlanguage=ko\n", encoding="utf-8")
    out = _python(
        tmp_path,
        ["-c", _START_READS_DRIVER],
        AITEMS_DESKTOP_EXIT_AFTER_FIRST_PAINT="1",
        NCLOUD_ACCESS_KEY="ak",
        NCLOUD_SECRET_KEY="sk",
    )
    assert out.returncode == 0, out.stderr
    *reads, title, painted = out.stdout.splitlines()
    assert painted.startswith("first-paint ")
    # The window state and the pinned language, then Qt's and the app's Korean.
    assert reads == [
        "settings False",
        "settings False",
        "translation False",
        "translation False",
    ]
    assert title == "파일(&F)"


def test_a_settings_file_that_would_block_is_not_opened(tmp_path: Path) -> None:
    # A FIFO in the settings file's place: QSettings would wait in open(), holding the GIL.
    folder = tmp_path / "config" / "aitems-desktop"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "aitems-desktop.conf")
    out = _python(
        tmp_path,
        ["-m", "aitems_desktop", "--sandbox"],
        timeout=60,
        AITEMS_DESKTOP_EXIT_AFTER_FIRST_PAINT="1",
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("first-paint ")
    log_text = (tmp_path / "logs" / "aitems-desktop.log").read_text("utf-8")
    assert "could not be read" in log_text
    assert "is not a regular file" in log_text
    assert "the window's state was not saved" in log_text


def test_a_log_folder_that_cannot_be_made_is_said_and_the_app_runs_on(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    out = _python(
        tmp_path,
        ["-c", _REPORT_DRIVER, "--sandbox"],
        AITEMS_DESKTOP_LOG_DIR=str(blocked),
    )
    assert out.returncode == 0, out.stderr
    # The window was reached and connected: nothing after the first paint was skipped.
    assert "http://127.0.0.1:" in out.stdout.splitlines()[1]
    assert "could not be opened" in out.stderr
    assert "Traceback" not in out.stderr
