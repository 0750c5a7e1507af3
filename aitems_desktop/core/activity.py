"""The activity log: every call the app made, kept across launches as JSON lines.

Each finished attempt becomes one :class:`Entry`: when, which profile, method, path, status,
duration, request id and the typed error, plus what is needed to send the same request again
(the URL and the body). Never a secret, a signature or the timestamp header: a copied cURL
command is signed afresh when it is copied.

:class:`ActivityFile` appends entries on its own thread (no file I/O on the caller's thread),
rotates the file at 2 MB keeping three old ones, and reads the history back. Qt-free: the
command-line tool could keep the same log.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Final

log = logging.getLogger(__name__)

DATA_DIR_ENV: Final = "AITEMS_DESKTOP_DATA_DIR"
LOG_NAME: Final = "activity.jsonl"
MAX_BYTES: Final = 2 * 1024 * 1024
KEEP: Final = 3
#: A body longer than this is not kept (an upload of rows); such an entry cannot be re-sent.
MAX_BODY_CHARS: Final = 64 * 1024


@dataclass(frozen=True)
class Entry:
    """One attempt of one call."""

    time: str
    profile: str
    operation: str
    method: str
    url: str
    target: str
    status: int | None
    duration_ms: float
    attempt: int
    request_id: str | None = None
    error: str | None = None
    body: str | None = None
    body_dropped: bool = False

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, line: str) -> Entry | None:
        try:
            data = json.loads(line)
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        try:
            return cls(
                time=str(data["time"]),
                profile=str(data.get("profile", "")),
                operation=str(data.get("operation", "")),
                method=str(data["method"]),
                url=str(data["url"]),
                target=str(data["target"]),
                status=data.get("status") if isinstance(data.get("status"), int) else None,
                duration_ms=float(data.get("duration_ms", 0.0)),
                attempt=int(data.get("attempt", 1)),
                request_id=data.get("request_id"),
                error=data.get("error"),
                body=data.get("body") if isinstance(data.get("body"), str) else None,
                body_dropped=bool(data.get("body_dropped", False)),
            )
        except (KeyError, TypeError, ValueError):
            return None

    def searchable(self) -> str:
        parts = [
            self.time,
            self.profile,
            self.operation,
            self.method,
            self.target,
            str(self.status or ""),
            self.request_id or "",
            self.error or "",
        ]
        return " ".join(parts).casefold()


def entry_from_record(record: Any, profile: str) -> Entry:
    """An :class:`Entry` from the engine's CallRecord (duck-typed: no import of the engine)."""
    prepared = record.prepared
    body: str | None = None
    dropped = False
    if prepared.body is not None:
        text = prepared.body.decode("utf-8", "replace")
        if len(text) > MAX_BODY_CHARS:
            dropped = True
        else:
            body = text
    return Entry(
        time=record.started.isoformat(timespec="milliseconds"),
        profile=profile,
        operation=f"{prepared.operation.key} {prepared.operation.name}",
        method=prepared.method,
        url=prepared.url,
        target=prepared.target,
        status=record.status,
        duration_ms=round(record.duration_ms, 1),
        attempt=record.attempt,
        request_id=record.request_id,
        error=record.error,
        body=body,
        body_dropped=dropped,
    )


def data_dir() -> Path:
    """Where the app keeps its data (``AITEMS_DESKTOP_DATA_DIR`` overrides the platform's)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("aitems-desktop", appauthor=False))


class ActivityFile:
    """Appends entries to ``folder/activity.jsonl`` from a thread of its own."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / LOG_NAME
        self._queue: queue.Queue[Entry | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._closed = False

    def append(self, entry: Entry) -> None:
        """Queue ``entry`` for writing; returns at once. After :meth:`close`, nothing is written:
        a call that ends after the window closed would otherwise start a thread nobody joins."""
        with self._lock:
            if self._closed:
                log.debug("activity after close not written: %s", entry.operation)
                return
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="aitems-activity-log", daemon=True
                )
                self._thread.start()
        self._queue.put(entry)

    def close(self, timeout: float = 2.0) -> None:
        """Write what is queued, then stop the thread."""
        with self._lock:
            thread, self._thread = self._thread, None
            self._closed = True
        if thread is not None:
            self._queue.put(None)
            thread.join(timeout)

    def read(self, limit: int = 5000) -> list[Entry]:
        """The last ``limit`` entries, oldest first (call it off the GUI thread)."""
        entries: list[Entry] = []
        for path in reversed(self._files()):
            try:
                with path.open(encoding="utf-8", errors="replace") as handle:
                    for line in handle:
                        entry = Entry.from_json(line)
                        if entry is not None:
                            entries.append(entry)
            except OSError:
                continue
        return entries[-limit:]

    def _files(self) -> list[Path]:
        return [self.path] + [self.path.with_name(f"{LOG_NAME}.{n}") for n in range(1, KEEP + 1)]

    def _run(self) -> None:
        while True:
            entry = self._queue.get()
            if entry is None:
                return
            try:
                self._write(entry)
            except OSError:
                log.warning("the activity log could not be written", exc_info=True)

    def _write(self, entry: Entry) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        line = entry.to_json() + "\n"
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            size = 0
        if size + len(line) > MAX_BYTES:
            self._rotate()
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(line)

    def _rotate(self) -> None:
        files = self._files()
        files[-1].unlink(missing_ok=True)
        for older, newer in zip(reversed(files[1:]), reversed(files[:-1]), strict=True):
            if newer.exists():
                newer.replace(older)
