"""Logging for the app: a rotating file in the platform's log directory, warnings on stderr.

Files are written by a :class:`logging.handlers.QueueListener` thread so the GUI thread
never waits on the disk. The file side starts after the window's first paint
(:meth:`LoggingSession.start_file`); records logged before that are buffered and replayed.
A redacting filter removes every registered secret and any request signature from
messages and tracebacks before a handler sees them.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import logging.handlers
    import queue
    import threading

LOG_DIR_ENV = "AITEMS_DESKTOP_LOG_DIR"
LOG_FILE = "aitems-desktop.log"
_FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"

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


class _Buffer(logging.Handler):
    """Holds records until the file handler exists (a bounded number of them)."""

    def __init__(self, limit: int = 10_000) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self._limit = limit

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < self._limit:
            self.records.append(record)


class LoggingSession:
    """The app's logging; :meth:`start_file` opens the file, :meth:`stop` closes it."""

    def __init__(self, level: str) -> None:
        self._root = logging.getLogger()
        self._root.setLevel(level.upper())
        self._buffer: _Buffer | None = _Buffer()
        self._buffer.addFilter(REDACTOR)
        self._root.addHandler(self._buffer)
        self._stderr = logging.StreamHandler()
        self._stderr.setLevel(logging.WARNING)
        self._stderr.addFilter(REDACTOR)
        self._stderr.setFormatter(logging.Formatter("aitems-desktop: %(levelname)s: %(message)s"))
        self._root.addHandler(self._stderr)
        self._queue_handler: logging.Handler | None = None
        self._listener: logging.handlers.QueueListener | None = None
        self._opener: threading.Thread | None = None

    @functools.cached_property
    def path(self) -> Path:
        """The log file. Worked out on first use, after the first paint: without
        ``AITEMS_DESKTOP_LOG_DIR`` it needs platformdirs, a few milliseconds to import."""
        return log_dir() / LOG_FILE

    def start_file(self) -> None:
        """Replay what was buffered into a queue, and open the rotating file on a thread of
        its own (the GUI thread does no file I/O), whose writer then drains the queue.

        A file that cannot be opened (the folder is a file, the disk is full) is said once
        on stderr; the app runs on without it.
        """
        if self._queue_handler is not None or self._buffer is None:
            return
        import logging.handlers
        import queue
        import threading

        path = self.path  # worked out here: platformdirs is imported on this thread only
        records: queue.SimpleQueue[logging.LogRecord] = queue.SimpleQueue()
        queue_handler = logging.handlers.QueueHandler(records)
        queue_handler.addFilter(REDACTOR)
        buffered, buffer = self._buffer.records, self._buffer
        self._root.removeHandler(buffer)
        self._buffer = None
        for record in buffered:
            queue_handler.handle(record)
        self._root.addHandler(queue_handler)
        self._queue_handler = queue_handler
        self._opener = threading.Thread(
            target=self._open_file, args=(path, records), name="aitems-log-file", daemon=True
        )
        self._opener.start()

    def _open_file(self, path: Path, records: queue.SimpleQueue[logging.LogRecord]) -> None:
        import logging.handlers

        handlers: list[logging.Handler] = []
        try:
            # The log names services and endpoints: for its owner's eyes only. Rotated files
            # are renamed, so they keep the mode; a fresh one is made in an owner-only folder.
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
            file_handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
            )
        except OSError as exc:
            why = f"the log file {path} could not be opened: {exc}"
            self._stderr.handle(
                logging.makeLogRecord(
                    {"levelno": logging.WARNING, "levelname": "WARNING", "msg": why}
                )
            )
        else:
            file_handler.setFormatter(logging.Formatter(_FORMAT))
            handlers.append(file_handler)
        self._listener = logging.handlers.QueueListener(records, *handlers)
        self._listener.start()

    def stop(self) -> None:
        """Flush and close the file (opening it first if the app never painted)."""
        if self._buffer is not None:
            self.start_file()
        if self._opener is not None:
            self._opener.join()
        for handler in (self._queue_handler, self._stderr):
            if handler is not None:
                self._root.removeHandler(handler)
        if self._listener is not None:
            self._listener.stop()
            for handler in self._listener.handlers:
                handler.close()
            self._listener = None


def setup_logging(level: str = "INFO") -> LoggingSession:
    return LoggingSession(level)
