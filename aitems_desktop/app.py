"""Composition root: arguments, logging, excepthook, QApplication, wiring, exec().

Only what the first paint needs is imported before the window shows: requests, pydantic,
keyring, the client and the sandbox load afterwards (on a worker or on first use).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future
from types import TracebackType
from typing import TYPE_CHECKING

from aitems_desktop import __version__
from aitems_desktop.gui.logging_setup import REDACTOR, LoggingSession, setup_logging

if TYPE_CHECKING:
    # Type names only: these modules load when used, not before the first paint (the
    # dataclasses behind Connection alone cost a few milliseconds).
    from aitems_desktop.core.connection import Connection
    from aitems_desktop.gui.credentials_controller import CredentialsController
    from aitems_desktop.gui.sandbox_launcher import SandboxLauncher
    from aitems_desktop.gui.shell.window_state import WindowState

log = logging.getLogger("aitems_desktop")

#: Test hook: the sandbox's answer delay for --sandbox, to exercise quitting mid-call.
SANDBOX_LATENCY_ENV = "AITEMS_SANDBOX_LATENCY_MS"
#: How long quitting waits for calls in flight to notice their cancel.
SHUTDOWN_WAIT_MS = 700
#: How long quitting waits for the window's state and preferences to be written.
WRITER_WAIT_S = 2.0
#: --sandbox: simulated time runs this many times faster, so that a training (140 simulated
#: seconds) ends in 14 s while a person watches (docs/sandbox.md).
DEMO_TIME_SCALE = 10.0
#: --self-test: the road waits for a training to end; at this scale it takes about 1.4 s.
SELF_TEST_TIME_SCALE = 100.0


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="aitems-desktop",
        description="Create NAVER Cloud AiTEMS services and read what the service answered.",
    )
    parser.add_argument(
        "--version", "-V", action="version", version=f"aitems-desktop {__version__}"
    )
    parser.add_argument(
        "--sandbox", action="store_true", help="use the built-in local sandbox and its demo data"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="drive the window against the sandbox, print one JSON line, exit 0 or 1",
    )
    parser.add_argument("--profile", metavar="NAME", help="use the credentials profile NAME")
    parser.add_argument(
        "--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"]
    )
    # Qt's own options (-platform, -style, ...) pass through to QApplication.
    return parser.parse_known_args(argv)[0]


def _set_icons() -> None:
    from PySide6.QtWidgets import QApplication

    from aitems_desktop.gui.app_icon import app_icon

    icon = app_icon()
    QApplication.setWindowIcon(icon)
    for widget in QApplication.topLevelWidgets():
        widget.setWindowIcon(icon)


def _read_window_state() -> Future[WindowState]:
    """:func:`~aitems_desktop.gui.shell.window_state.load_state` on a thread of its own: it
    reads a settings file, which the GUI thread never does."""
    from aitems_desktop.gui.shell.window_state import load_state

    future: Future[WindowState] = Future()

    def read() -> None:
        try:
            future.set_result(load_state())
        except Exception as exc:  # an unreadable state is no reason not to start
            log.warning("the window's saved state could not be read: %r", exc)
            from aitems_desktop.gui.shell.window_state import WindowState

            future.set_result(WindowState())

    threading.Thread(target=read, name="aitems-window-state-read", daemon=True).start()
    return future


def _remember_secret(connection: Connection) -> None:
    REDACTOR.add_secret(connection.secret_key)


def _install_excepthook(logging_session: LoggingSession) -> None:
    dialogs: list[object] = []  # keep shown dialogs alive

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.critical("unexpected exception", exc_info=(exc_type, exc, tb))
        text = REDACTOR.redact("".join(traceback.format_exception(exc_type, exc, tb)))
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is None:
            sys.__excepthook__(exc_type, exc, tb)
            return
        from aitems_desktop.gui.exception_dialog import ExceptionDialog

        dialog = ExceptionDialog(text, str(logging_session.path))
        dialogs.append(dialog)
        dialog.show()

    sys.excepthook = hook


def run(argv: list[str]) -> int:
    args = parse_args(argv)
    if (
        args.self_test
        and sys.platform.startswith("linux")
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    ):
        # The self-test needs no screen; without one it would fail before it starts.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    logging_session = setup_logging(args.log_level)
    _install_excepthook(logging_session)
    log.info("aitems-desktop %s starting (%s)", __version__, " ".join(argv))
    try:
        code, stopped = _run_app(args, argv, logging_session)
    finally:
        log.info("exiting")
        logging_session.stop()
    if not stopped:
        # A call ignored its cancel past the bound. Terminating a QThread is never safe
        # and destroying a running one aborts, so leave without running destructors.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _run_app(
    args: argparse.Namespace, argv: list[str], logging_session: LoggingSession
) -> tuple[int, bool]:
    from PySide6.QtWidgets import QApplication

    from aitems_desktop.gui.first_paint import (
        EXIT_AFTER_FIRST_PAINT_ENV,
        AfterFirstPaint,
        report_first_paint_and_quit,
    )
    from aitems_desktop.gui.qt_enums import build_qt_namespace
    from aitems_desktop.gui.qt_messages import install_qt_message_handler
    from aitems_desktop.gui.shell.window_state import APPLICATION, ORGANIZATION
    from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow

    install_qt_message_handler()

    app = QApplication([sys.argv[0], *argv])
    # Where the window was last time, read on a thread of its own meanwhile. (Not before the
    # QApplication: the first QObject, a QSettings, would make its thread Qt's main thread.)
    saved_state = _read_window_state()
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("AiTEMS Desktop")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("aitems-desktop")
    from aitems_desktop.gui.i18n import TRANSLATORS, load_pinned_language

    TRANSLATORS.apply(load_pinned_language())

    use_sandbox = args.sandbox or args.self_test
    deferred: list[Callable[[], object]] = []
    pending = (
        app.translate("app", "Starting the sandbox…")
        if use_sandbox
        else app.translate("app", "Reading credentials…")
    )
    window = WorkspaceWindow(profile=args.profile, state=saved_state.result())
    window.set_connection(None, pending)
    launchers: list[SandboxLauncher] = []
    controllers: list[CredentialsController] = []
    keep: list[object] = []  # what lives as long as the event loop

    def wire() -> None:
        """The credentials controller and the sandbox launcher, then whatever starts first.

        Neither shows anything before a connection is resolved, so outside the self-test
        they are built after the first paint (their modules and classes cost ~2 ms).
        """
        from aitems_desktop.gui.credentials_controller import CredentialsController
        from aitems_desktop.gui.sandbox_launcher import SandboxLauncher

        launcher = SandboxLauncher(
            window.workers,
            int(os.environ.get(SANDBOX_LATENCY_ENV, "0") or 0),
            app,
            time_scale=SELF_TEST_TIME_SCALE if args.self_test else DEMO_TIME_SCALE,
        )
        launchers.append(launcher)
        # Profiles, the keyring and NCLOUD_ACCESS_KEY/NCLOUD_SECRET_KEY; File > Credentials….
        credentials = CredentialsController(window, args.profile, parent=app)
        controllers.append(credentials)

        def start_sandbox() -> None:
            launcher.started.connect(_remember_secret)
            launcher.started.connect(window.set_connection)
            launcher.failed.connect(window.show_connection_failure)
            window.set_connection(None, app.translate("app", "Starting the sandbox…"))
            launcher.start()

        credentials.profile_names.connect(window.set_profiles)
        window.profile_switch_requested.connect(credentials.switch_profile)

        if args.self_test:
            from aitems_desktop.gui.shell.self_test import not_started, run_self_test
            from aitems_desktop.gui.workspace.rows import Kind

            def road(_: str) -> None:
                # The road starts from the sandbox's lists, once all of them are on screen.
                if all(window.workspace.is_loaded(kind) for kind in Kind):
                    window.workspace.list_loaded.disconnect(road)
                    keep.append(run_self_test(window, launcher.server))

            def list_failed(kind: str, error: BaseException) -> None:
                if not keep:  # before the road: it would wait for this list forever
                    not_started(f"the {kind} of the sandbox could not be read: {error!r}")

            window.workspace.list_loaded.connect(road)
            window.workspace.list_failed.connect(list_failed)
            launcher.failed.connect(
                lambda message: not_started(f"the sandbox did not start: {message}")
            )
            start_sandbox()
        elif use_sandbox:
            # The sandbox (and requests with it) loads on a worker.
            start_sandbox()
        else:
            # First launch without a profile opens the Credentials dialog, which offers the
            # sandbox. Resolving reads the keyring, off the GUI thread.
            credentials.sandbox_requested.connect(start_sandbox)
            credentials.start()

    if args.self_test:
        wire()
    else:
        deferred.append(wire)

    # After the first paint: the credentials or the sandbox (above), the log file (and its
    # writer thread), the icon, on a worker what the first call needs (requests, pydantic,
    # the models), and PySide6's Qt namespace, which the first keystroke and answer need.
    deferred.extend(
        [
            logging_session.start_file,
            _set_icons,
            window.runner.load_core,
            build_qt_namespace,
        ]
    )
    if os.environ.get(EXIT_AFTER_FIRST_PAINT_ENV):
        deferred = [report_first_paint_and_quit]  # the startup benchmark's probe
    AfterFirstPaint(window, deferred)
    window.show()
    code = app.exec()

    stopped = window.workers.shutdown(SHUTDOWN_WAIT_MS)
    # The window's state and a Preferences choice are written on threads of their own.
    for writer in [window.state_writer, *window.preferences_writers]:
        if writer is not None:
            writer.join(WRITER_WAIT_S)
    for launcher in launchers:
        launcher.stop()
    for controller in controllers:
        controller.close()
    if not stopped:
        log.warning("a call was still running at exit; leaving without waiting for it")
    return code, stopped
