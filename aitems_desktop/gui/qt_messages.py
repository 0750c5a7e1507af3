"""Route Qt's own messages (qDebug ... qFatal) into Python logging.

Qt warnings then land in the log file like everything else and reach stderr through the
same (redacting) handler. A platform plugin's notice that it cannot do something the
window never needs is logged at debug level instead of shouting on every start.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

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


def _handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    level = _LEVELS.get(kind, logging.WARNING)
    if message in _NOISE:
        level = logging.DEBUG
    category = context.category or "default"
    log.log(level, "[%s] %s", category, message)


def install_qt_message_handler() -> None:
    qInstallMessageHandler(_handle)
