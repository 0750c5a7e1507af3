"""Route Qt's own messages (qDebug ... qFatal) into Python logging.

Qt warnings then land in the log file like everything else and reach stderr through the
same (redacting) handler. A platform plugin's notice that it cannot do something the
window never needs is logged at debug level instead of shouting on every start.

When Qt's debug output is asked for (``QT_DEBUG_PLUGINS=1``, or ``QT_LOGGING_RULES``, the
usual ways to troubleshoot Qt), its debug and info messages go to stderr as well, as
Qt's own handler would print them: whoever set the variable is reading the terminal.

The handler is Python code called from C++: a message Qt emits while the interpreter shuts
down (plugins and the application object are torn down late, and with debug output on they
say so) would call into a finalized interpreter and crash with SIGSEGV. So it is taken out
again, by :func:`uninstall_qt_message_handler` when the app ends and at the latest at exit.
"""

from __future__ import annotations

import atexit
import logging
import os
from collections.abc import Mapping

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from aitems_desktop.gui.logging_setup import REDACTOR

log = logging.getLogger("qt")

#: Messages that say nothing about the app (the offscreen plugin, used by tests and the
#: self-test, cannot resize native windows to size hints).
_NOISE = ("This plugin does not support propagateSizeHints()",)

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}

_installed = False
_debug_handler: logging.Handler | None = None


def _handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    level = _LEVELS.get(kind, logging.WARNING)
    if message in _NOISE:
        level = logging.DEBUG
    category = context.category or "default"
    log.log(level, "[%s] %s", category, message)


def qt_debug_requested(env: Mapping[str, str] | None = None) -> bool:
    """True when the environment asks Qt for its debug output."""
    env = os.environ if env is None else env
    plugins = env.get("QT_DEBUG_PLUGINS", "").strip()
    return bool(plugins and plugins != "0") or bool(env.get("QT_LOGGING_RULES", "").strip())


class _BelowWarning(logging.Filter):
    # Warnings and worse reach stderr through the app's own handler already.
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno < logging.WARNING


def install_qt_message_handler() -> None:
    """Send Qt's messages to the ``qt`` logger (until :func:`uninstall_qt_message_handler`)."""
    global _installed, _debug_handler
    if qt_debug_requested() and _debug_handler is None:
        handler = logging.StreamHandler()
        handler.addFilter(REDACTOR)
        handler.addFilter(_BelowWarning())
        handler.setFormatter(logging.Formatter("qt: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.DEBUG)
        _debug_handler = handler
    if not _installed:
        atexit.register(uninstall_qt_message_handler)
    qInstallMessageHandler(_handle)
    _installed = True


def uninstall_qt_message_handler() -> None:
    """Give Qt its own handler back (stderr); Qt's later messages no longer call Python."""
    global _installed, _debug_handler
    if _installed:
        qInstallMessageHandler(None)
        _installed = False
    if _debug_handler is not None:
        log.removeHandler(_debug_handler)
        log.setLevel(logging.NOTSET)
        _debug_handler = None
