"""Composition root: arguments, logging, excepthook, QApplication, wiring, exec().

Only what the first paint needs is imported before the window shows: requests, pydantic,
keyring, the client and the sandbox load afterwards (on a worker or on first use).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Callable
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


def _set_icons() -> None:
    from PySide6.QtWidgets import QApplication

    from aitems_desktop.gui.app_icon import app_icon

    icon = app_icon()
    QApplication.setWindowIcon(icon)
    for widget in QApplication.topLevelWidgets():
        widget.setWindowIcon(icon)


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


def run(argv: list[str], *, hardening: list[str] | None = None) -> int:
    """Run the app with the command line ``argv`` (without the program name); the exit code.

    ``hardening`` is what :func:`~aitems_desktop.core.hardening.disable_core_dumps` did, for
    the log. A wrong option exits 2 and a missing display 69, before Qt loads.
    """
    from aitems_desktop.command_line import (
        EXIT_NO_DISPLAY,
        EXIT_USAGE,
        no_display_message,
        parse_command_line,
    )

    try:
        args, qt_arguments = parse_command_line(argv)
    except SystemExit as answered:  # --help, --version, or a usage error already printed
        return answered.code if isinstance(answered.code, int) else EXIT_USAGE
    if (
        args.self_test
        and sys.platform.startswith("linux")
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    ):
        # The self-test needs no screen; without one it would fail before it starts.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    no_display = no_display_message(qt_arguments)
    if no_display:
        sys.stderr.write(no_display)
        return EXIT_NO_DISPLAY
    logging_session = setup_logging(args.log_level)
    _install_excepthook(logging_session)
    log.info("aitems-desktop %s starting (%s)", __version__, " ".join(argv))
    for step in hardening or []:
        log.info("hardening: %s", step)
    try:
        code, stopped = _run_app(args, qt_arguments, logging_session)
    finally:
        log.info("exiting")
        # Before the interpreter shuts down: Qt's messages from then on must not call Python.
        qt_messages = sys.modules.get("aitems_desktop.gui.qt_messages")
        if qt_messages is not None:
            qt_messages.uninstall_qt_message_handler()
        logging_session.stop()
    if not stopped:
        # A call ignored its cancel past the bound. Terminating a QThread is never safe
        # and destroying a running one aborts, so leave without running destructors.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _run_app(
    args: argparse.Namespace, qt_arguments: list[str], logging_session: LoggingSession
) -> tuple[int, bool]:
    from aitems_desktop.gui.font_warmup import start_font_warmup

    # While PySide6 loads: fontconfig's configuration, which the first text needs (Linux).
    font_warmup = start_font_warmup()
    from PySide6.QtWidgets import QApplication

    from aitems_desktop.gui.garbage_collector import GarbageCollector
    from aitems_desktop.gui.qt_messages import install_qt_message_handler
    from aitems_desktop.gui.start_reads import StartReads

    install_qt_message_handler()
    app = QApplication([sys.argv[0], *qt_arguments])
    # Before any thread that touches Qt objects starts (the fontconfig one touches none):
    # cyclic garbage is collected on this thread only.
    GarbageCollector(app)
    # The window's place, the language and its translations, on a thread of their own while
    # this one imports the window. (Not before the QApplication: the first QObject, a
    # QSettings, would make its thread Qt's main thread.)
    start_reads = StartReads()

    from aitems_desktop.gui.first_paint import (
        EXIT_AFTER_FIRST_PAINT_ENV,
        AfterFirstPaint,
        report_first_paint_and_quit,
    )
    from aitems_desktop.gui.i18n import TRANSLATORS
    from aitems_desktop.gui.interrupts import InterruptWatcher
    from aitems_desktop.gui.qt_enums import build_qt_namespace
    from aitems_desktop.gui.shell.window_state import APPLICATION, ORGANIZATION
    from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow

    # Ctrl+C and SIGTERM end the event loop (exit 130 or 143) instead of raising
    # KeyboardInterrupt in whatever Python code Qt calls next.
    interrupts = InterruptWatcher(app)
    interrupts.interrupted.connect(app.exit)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("AiTEMS Desktop")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("aitems-desktop")
    saved_state, translation = start_reads.result()
    TRANSLATORS.install(translation)
    if font_warmup is not None:
        # Long done, as a rule; if not (a huge fontconfig setup), the window's first text
        # would load the same configuration a second time meanwhile.
        font_warmup.join()

    use_sandbox = args.sandbox or args.self_test
    deferred: list[Callable[[], object]] = []
    pending = (
        app.translate("app", "Starting the sandbox…")
        if use_sandbox
        else app.translate("app", "Reading credentials…")
    )
    # The first frame is the window's frame (its place, menus and status bar); the rest of
    # it is built right after that paint, before anything sets a connection. The self-test
    # wires up at once, so its window is complete at once.
    window = WorkspaceWindow(profile=args.profile, state=saved_state, staged=not args.self_test)
    window.set_connection(None, pending)
    launchers: list[SandboxLauncher] = []
    controllers: list[CredentialsController] = []
    keep: list[object] = []  # what lives as long as the event loop

    def wire() -> None:
        """The credentials controller and the sandbox launcher, then whatever starts first.

        Built once the core is in (after the first paint): neither shows anything before a
        connection is resolved, and both start workers.
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

        def sandbox_failed(message: str) -> None:
            from aitems_desktop.gui.connection_problems import (
                sandbox_failure_report,
                show_connection_problem,
            )

            report = sandbox_failure_report(message, str(logging_session.path))
            show_connection_problem(window, report)

        def start_sandbox() -> None:
            launcher.started.connect(_remember_secret)
            launcher.started.connect(window.set_connection)
            launcher.failed.connect(sandbox_failed)
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

    def core_ready() -> None:
        window.runner.core_ready.disconnect(core_ready)
        window.runner.core_failed.disconnect(core_failed)
        wire()

    def core_failed(message: str) -> None:
        window.runner.core_ready.disconnect(core_ready)
        window.runner.core_failed.disconnect(core_failed)
        window.set_connection(
            None,
            app.translate(
                "app", "The app could not load its parts ({0}). Reinstall it; the log is {1}."
            ).format(message, logging_session.path),
        )

    # Whatever starts a worker of its own (the keyring thread, the sandbox launcher) waits for
    # the core: it is imported once, on one worker, before any other worker starts, so that no
    # two threads ever import the same modules for the first time at once.
    window.runner.core_ready.connect(core_ready)
    window.runner.core_failed.connect(core_failed)
    if args.self_test:
        window.runner.load_core()

    # After the first paint: the rest of the window, the log file (and its writer thread),
    # the icon, on a worker the core (requests, pydantic, the models, keyring), then the
    # credentials or the sandbox (above), and PySide6's Qt namespace, which the first
    # keystroke and answer need. The window is complete before the core can be in.
    deferred.append(window.complete)
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
    start_reads.thread.join(WRITER_WAIT_S)
    # The window's state and a Preferences choice are written on threads of their own.
    for writer in [window.state_writer, *window.preferences_writers]:
        if writer is not None:
            writer.join(WRITER_WAIT_S)
    for launcher in launchers:
        launcher.stop()
    for controller in controllers:
        controller.close()
    interrupts.close()
    if not stopped:
        log.warning("a call was still running at exit; leaving without waiting for it")
    return code, stopped
