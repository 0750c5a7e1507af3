"""The app as a program: its options, no display, Qt's debug output, Ctrl+C, core dumps."""

from __future__ import annotations

import argparse
import os
import resource
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from aitems_desktop.command_line import (
    EXIT_INTERRUPTED,
    EXIT_NO_DISPLAY,
    build_parser,
    no_display_message,
    parse_command_line,
    split_qt_arguments,
)


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NCLOUD_", "AITEMS_"))}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # never the keyring of whoever runs this
    env.update(
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        QT_QPA_PLATFORM="offscreen",
        AITEMS_DESKTOP_LOG_DIR=str(tmp_path / "logs"),
        AITEMS_DESKTOP_DATA_DIR=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        HOME=str(tmp_path / "home"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(extra)
    return env


def _app(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aitems_desktop", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or _env(tmp_path),
        check=False,
    )


# --- options --------------------------------------------------------------------------------


@pytest.mark.parametrize("typo", ["--sandbx", "--bogus", "--sand", "-x", "--profile=a --x"])
def test_an_unknown_option_is_an_error(tmp_path: Path, typo: str) -> None:
    done = _app(tmp_path, *typo.split())
    assert done.returncode == 2, done.stderr
    assert "unrecognized arguments" in done.stderr
    assert done.stdout == ""


def test_qts_documented_options_pass_through_and_nothing_else() -> None:
    parser = build_parser()
    ours, qt = split_qt_arguments(
        ["-platform", "offscreen", "--sandbox", "-style=fusion", "-reverse", "--profile", "x"],
        parser,
    )
    assert ours == ["--sandbox", "--profile", "x"]
    assert qt == ["-platform", "offscreen", "-style=fusion", "-reverse"]
    options, qt = parse_command_line(["-qwindowtitle", "T", "--log-level", "DEBUG"])
    assert (options.log_level, qt) == ("DEBUG", ["-qwindowtitle", "T"])
    with pytest.raises(SystemExit) as exited:
        parse_command_line(["-platform"])
    assert exited.value.code == 2


def test_every_option_says_what_it_does() -> None:
    for action in build_parser()._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        assert action.help, action.option_strings


_LAYOUT_DRIVER = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow
    from aitems_desktop.__main__ import main

    # The app's window, whichever class it is: the one QMainWindow.
    original_show = QMainWindow.show

    def show(self):
        original_show(self)
        app = QApplication.instance()
        print(app.layoutDirection().name, app.style().name())
        QTimer.singleShot(0, self.close)

    QMainWindow.show = show
    sys.exit(main(sys.argv[1:]))
    """
)


def test_qt_options_reach_qapplication(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _LAYOUT_DRIVER, "--sandbox", "-reverse", "-style", "fusion"],
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(tmp_path),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["RightToLeft", "fusion"]


# --- no display -----------------------------------------------------------------------------


def test_no_display_is_said_before_qt_starts(tmp_path: Path) -> None:
    env = _env(tmp_path)
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    done = _app(tmp_path, "--sandbox", env=env)
    assert done.returncode == EXIT_NO_DISPLAY, done.stderr
    assert "no display found" in done.stderr
    assert "QT_QPA_PLATFORM=offscreen" in done.stderr
    assert "xvfb-run" in done.stderr
    assert "xcb" not in done.stderr  # Qt never got as far as its X11 plugin


@pytest.mark.parametrize(
    ("qt_arguments", "env", "stops"),
    [
        ([], {}, True),
        ([], {"DISPLAY": ":0"}, False),
        ([], {"WAYLAND_DISPLAY": "wayland-0"}, False),
        ([], {"QT_QPA_PLATFORM": "offscreen"}, False),
        ([], {"QT_QPA_PLATFORM": "xcb"}, True),
        (["-platform", "offscreen"], {}, False),
        (["-platform=minimal"], {"QT_QPA_PLATFORM": "xcb"}, False),
        (["-platform", "xcb"], {"QT_QPA_PLATFORM": "offscreen"}, True),
    ],
)
def test_which_platforms_need_a_display(
    qt_arguments: list[str], env: dict[str, str], stops: bool
) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("X11 and Wayland are the displays on Linux")
    assert bool(no_display_message(qt_arguments, env)) is stops


# --- Qt's debug output ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "variable", [("QT_DEBUG_PLUGINS", "1"), ("QT_LOGGING_RULES", "*.debug=true")]
)
def test_qt_debug_output_does_not_crash_the_app_at_exit(
    tmp_path: Path, variable: tuple[str, str]
) -> None:
    name, value = variable
    # Start, paint the window once and quit: Qt's debug output flows all the way, and the
    # exit is where it crashed. (The whole --self-test road under "*.debug=true" writes
    # hundreds of thousands of lines, which tests the terminal, not the exit.)
    env = _env(tmp_path, **{name: value}, AITEMS_DESKTOP_EXIT_AFTER_FIRST_PAINT="1")
    done = _app(tmp_path, "--sandbox", env=env)
    # It crashed with SIGSEGV (-11, 139 from a shell) once the interpreter was finalized.
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.startswith("first-paint ")
    assert "qt: [" in done.stderr  # what was asked for is shown


# --- Ctrl+C and SIGTERM ----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("signal_number", "code"),
    [(signal.SIGINT, EXIT_INTERRUPTED), (signal.SIGTERM, 128 + signal.SIGTERM)],
)
def test_an_interrupt_quits_cleanly(tmp_path: Path, signal_number: int, code: int) -> None:
    log_file = tmp_path / "logs" / "aitems-desktop.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "aitems_desktop", "--sandbox"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(tmp_path),
    )
    try:
        # The definite event: the sandbox is up and the window waits in its event loop.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            if log_file.exists() and "sandbox listening at" in log_file.read_text("utf-8"):
                break
            time.sleep(0.05)
        else:
            pytest.fail(f"the app did not get ready: {process.poll()}")
        process.send_signal(signal_number)
        returncode = process.wait(timeout=30)
    finally:
        process.kill()
        _out, err = process.communicate()
    assert returncode == code, err
    assert "Traceback" not in err
    assert "KeyboardInterrupt" not in err
    log_text = log_file.read_text("utf-8")
    assert "unexpected exception" not in log_text  # no crash dialog
    assert f"{signal.Signals(signal_number).name} received; quitting" in log_text


_SIGNAL_AT_START_DRIVER = textwrap.dedent(
    """
    import os, signal, sys
    from aitems_desktop.__main__ import main
    number = getattr(signal, sys.argv[1])
    when = sys.argv[2]
    if when == "importing-qt":
        # Between two instructions of PySide6's import: where KeyboardInterrupt broke it.
        from aitems_desktop.gui import font_warmup
        original = font_warmup.start_font_warmup

        def start():
            os.kill(os.getpid(), number)
            return original()

        font_warmup.start_font_warmup = start
    else:
        # While the window is built: the watcher exists, the event loop does not run yet.
        from aitems_desktop.gui.shell import workspace_window
        original_init = workspace_window.WorkspaceWindow.__init__

        def init(self, *args, **kwargs):
            os.kill(os.getpid(), number)
            original_init(self, *args, **kwargs)

        workspace_window.WorkspaceWindow.__init__ = init
    sys.exit(main(sys.argv[3:]))
    """
)


@pytest.mark.parametrize("when", ["importing-qt", "building-the-window"])
@pytest.mark.parametrize(
    ("name", "code"), [("SIGINT", EXIT_INTERRUPTED), ("SIGTERM", 128 + signal.SIGTERM)]
)
def test_an_interrupt_while_the_app_starts_quits_it_cleanly(
    tmp_path: Path, when: str, name: str, code: int
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _SIGNAL_AT_START_DRIVER, name, when, "--sandbox"],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(tmp_path),
        check=False,
    )
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    log_text = (tmp_path / "logs" / "aitems-desktop.log").read_text("utf-8")
    assert f"{name} received; quitting" in log_text
    assert "unexpected exception" not in log_text


# --- core dumps -------------------------------------------------------------------------------

_LIMITS = textwrap.dedent(
    """
    import resource, sys
    from aitems_desktop.core.hardening import is_dumpable

    def limits():
        soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
        return f"{soft} {hard} {is_dumpable()}"
    """
)

_APP_LIMITS_DRIVER = _LIMITS + textwrap.dedent(
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMainWindow
    from aitems_desktop.__main__ import main

    original_show = QMainWindow.show

    def show(self):
        original_show(self)
        print(limits(), flush=True)
        QTimer.singleShot(0, self.close)

    QMainWindow.show = show
    sys.exit(main(sys.argv[1:]))
    """
)

_CLI_LIMITS_DRIVER = _LIMITS + textwrap.dedent(
    """
    from aitems_desktop.cli.__main__ import main
    code = main(["--version"])
    print(limits())
    sys.exit(code)
    """
)

_CRASH_DRIVER = textwrap.dedent(
    """
    import ctypes, faulthandler, sys
    from aitems_desktop.core.hardening import disable_core_dumps
    if sys.argv[1] == "hardened":
        disable_core_dumps()
    secret = "core-dump-secret-" + "7f3a9c" * 4  # what a dump would hold in clear
    faulthandler.disable()
    ctypes.string_at(0)  # a real invalid read: SIGSEGV
    """
)


def _unlimited_cores() -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))


def _run_with_cores_allowed(
    tmp_path: Path, args: list[str], env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
        preexec_fn=_unlimited_cores,
        check=False,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_CORE is POSIX")
def test_the_app_and_the_command_line_tool_turn_core_dumps_off(tmp_path: Path) -> None:
    env = _env(tmp_path)
    dumpable = "False" if sys.platform.startswith("linux") else "None"
    app = _run_with_cores_allowed(tmp_path, ["-c", _APP_LIMITS_DRIVER, "--sandbox"], env)
    assert app.returncode == 0, app.stderr
    assert app.stdout.split() == ["0", "0", dumpable]
    cli = _run_with_cores_allowed(tmp_path, ["-c", _CLI_LIMITS_DRIVER], env)
    assert cli.returncode == 0, cli.stderr
    assert cli.stdout.splitlines()[-1].split() == ["0", "0", dumpable]
    # The opt-out, for someone debugging a crash on purpose.
    allowed = _run_with_cores_allowed(
        tmp_path, ["-c", _CLI_LIMITS_DRIVER], {**env, "AITEMS_DESKTOP_ALLOW_CORE_DUMPS": "1"}
    )
    assert allowed.stdout.splitlines()[-1].split()[0] != "0"


@pytest.mark.skipif(
    not sys.platform.startswith("linux")
    or Path("/proc/sys/kernel/core_pattern").read_text().startswith("|"),
    reason="needs Linux writing cores as files in the working directory",
)
def test_a_crash_writes_no_core_file(tmp_path: Path) -> None:
    env = _env(tmp_path)
    pattern = Path("/proc/sys/kernel/core_pattern").read_text().strip()
    if "/" in pattern:
        pytest.skip(f"cores go to {pattern}, not the working directory")
    control = tmp_path / "control"
    control.mkdir()
    crashed = _run_with_cores_allowed(control, ["-c", _CRASH_DRIVER, "plain"], env)
    assert crashed.returncode == -signal.SIGSEGV
    if not any(control.iterdir()):
        pytest.skip("this machine writes no core even when allowed (e.g. in a container)")
    [core] = control.iterdir()
    assert b"core-dump-secret-" in core.read_bytes()  # the control: a dump holds it
    hardened = tmp_path / "hardened"
    hardened.mkdir()
    crashed = _run_with_cores_allowed(hardened, ["-c", _CRASH_DRIVER, "hardened"], env)
    assert crashed.returncode == -signal.SIGSEGV
    assert list(hardened.iterdir()) == []
