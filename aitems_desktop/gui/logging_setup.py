"""Logging for the app: a rotating file in the platform's log directory, warnings on stderr.

Files are written by a :class:`logging.handlers.QueueListener` thread so the GUI thread
never waits on the disk. A redacting filter removes every registered secret and any
request signature from messages and tracebacks before a handler sees them.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import queue
import re
from pathlib import Path

LOG_DIR_ENV = "AITEMS_DESKTOP_LOG_DIR"
LOG_FILE = "aitems-desktop.log"

_SIGNATURE_RE = re.compile(
    r"(x-ncp-apigw-signature-v2['\"]?\s*[:=]\s*['\"]?)([A-Za-z0-9+/=_-]{8,})", re.IGNORECASE
)
_SECRET_ASSIGN_RE = re.compile(
    r"((?:secret[_-]?key|NCLOUD_SECRET_KEY)['\"]?\s*[:=]\s*['\"]?)([^\s'\",)]+)", re.IGNORECASE
)


class Redactor(logging.Filter):
    """Replaces secrets and signatures in a record with ``***`` (never drops the record)."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: set[str] = set()

    def add_secret(self, secret: str) -> None:
        if secret:
            self._secrets.add(secret)

    def redact(self, text: str) -> str:
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, "***")
        text = _SIGNATURE_RE.sub(r"\1***", text)
        return _SECRET_ASSIGN_RE.sub(r"\1***", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
            record.exc_text = None
        if record.stack_info:
            message += "\n" + record.stack_info
            record.stack_info = None
        record.msg = self.redact(message)
        record.args = None
        return True


#: The app's one redactor; app.py registers the active secret with it.
REDACTOR = Redactor()


def log_dir() -> Path:
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_log_dir("aitems-desktop", appauthor=False))


class LoggingSession:
    """What :func:`setup_logging` started; :meth:`stop` flushes and closes the file."""

    def __init__(self, listener: logging.handlers.QueueListener, path: Path) -> None:
        self.listener = listener
        self.path = path

    def stop(self) -> None:
        self.listener.stop()
        for handler in self.listener.handlers:
            handler.close()


def setup_logging(level: str = "INFO") -> LoggingSession:
    directory = log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / LOG_FILE
    file_handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    file_handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    )
    records: queue.SimpleQueue[logging.LogRecord] = queue.SimpleQueue()
    queue_handler = logging.handlers.QueueHandler(records)
    queue_handler.addFilter(REDACTOR)
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.WARNING)
    stderr.addFilter(REDACTOR)
    stderr.setFormatter(logging.Formatter("aitems-desktop: %(levelname)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(level.upper())
    root.addHandler(queue_handler)
    root.addHandler(stderr)
    listener = logging.handlers.QueueListener(records, file_handler)
    listener.start()
    return LoggingSession(listener, path)
