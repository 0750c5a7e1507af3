"""The engine of a one-shot command: once stopped (Ctrl+C), it sends nothing more.

:meth:`Engine.cancel` ends the calls in flight, and the engine stays usable for later calls,
which is what the window needs. A command that was interrupted must end instead: a use case
that was recovering from the cancelled call (looking for a create that may have happened)
would otherwise go on sending. :class:`StoppableEngine` refuses every call and pause after
:meth:`stop`, and remembers whether a request that changes the service may have been sent.
"""

from __future__ import annotations

import threading
from typing import Any

from aitems_desktop.core import errors
from aitems_desktop.core.engine import Engine, PreparedCall


class StoppableEngine(Engine):
    """An :class:`Engine` that :meth:`stop` ends for good."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._halted = threading.Event()
        self._changes_lock = threading.Lock()
        self._changes_sent = False
        #: The last call the server answered "not found" (set on the worker thread, read by
        #: the main thread once the work has ended): which operation, so that the message
        #: can say what was missing and how to look for it.
        self.not_found: PreparedCall | None = None

    @property
    def changes_may_have_been_sent(self) -> bool:
        """True once a request that changes the service (a create, a training, an upload)
        went out, or may have: it succeeded, or failed in a way that leaves it open."""
        with self._changes_lock:
            return self._changes_sent

    def stop(self) -> None:
        """Cancel what is in flight and refuse everything after (from any thread)."""
        self._halted.set()
        self.cancel()

    def _refuse(self) -> None:
        if self._halted.is_set():
            raise errors.CancelledError(
                "The command was interrupted; nothing more is sent.",
                may_have_reached_server=False,
            )

    def _send(self, prepared: PreparedCall) -> Any:
        self._refuse()
        operation = prepared.operation
        try:
            result = super()._send(prepared)
        except errors.AitemsError as exc:
            if isinstance(exc, errors.NotFoundError):
                self.not_found = prepared
            if not operation.idempotent and errors.is_unclear(exc):
                self._changed()
            raise
        if not operation.idempotent:
            self._changed()
        return result

    def pause(self, seconds: float, generation: int, *, sent: bool = True) -> None:
        self._refuse()
        super().pause(seconds, generation, sent=sent)

    def _check_cancelled(self, generation: int, *, sent: bool) -> None:
        # The engine asks this before every attempt, after reading its generation. stop()
        # sets the flag before it cancels, so a call that read the new generation still
        # finds the flag here: no attempt can start after stop().
        self._refuse()
        super()._check_cancelled(generation, sent=sent)

    def _changed(self) -> None:
        with self._changes_lock:
            self._changes_sent = True
