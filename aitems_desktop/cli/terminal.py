"""The streams ``aitems`` writes to: control characters never reach the terminal as they are.

Text the tool prints comes from servers and files (a service's name, an error message, a CSV
header) as much as from the tool. A terminal obeys escape sequences in it: ESC and the C1
controls move the cursor, clear the screen, set the window title; CR and friends overwrite a
line, so that a forged "aitems: done" hides a real error; bidi overrides (U+202E...) reorder
what is read. :class:`TerminalText` wraps stdout and stderr once, in :func:`app.run`, so every
write is escaped, whoever writes it.

The escapes are JSON's (``\\u001b``, ``\\r``), so ``-o json`` stays the same JSON: C0 controls
never reach the stream raw from ``json.dumps``, and a C1 control or a bidi override inside a
JSON string means the same string escaped. Newline and tab pass: neither hides text.
"""

from __future__ import annotations

import io
import re
from typing import Final, TextIO, cast

_SHORT: Final = {"\b": "\\b", "\f": "\\f", "\r": "\\r"}
#: C0 but newline and tab, DEL, C1; the bidi embeddings, overrides, isolates and marks; the
#: line and paragraph separators (some terminals break lines at them).
_UNSAFE: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]"
)


def _escape_one(match: re.Match[str]) -> str:
    char = match.group()
    return _SHORT.get(char) or f"\\u{ord(char):04x}"


def escape(text: str) -> str:
    """``text`` with every character a terminal would obey, other than newline and tab,
    written as its JSON escape."""
    return _UNSAFE.sub(_escape_one, text)


def one_line(text: str) -> str:
    """``text`` escaped as one line: a message's own newlines too, so that received text
    cannot start a line that looks like the tool's."""
    return escape(text).replace("\n", "\\n")


class TerminalText(io.TextIOBase):
    """A text stream that escapes (:func:`escape`) everything written to it.

    :attr:`exact` is for a machine format whose values must stay exact (``-o csv``): the
    stream itself when it is a terminal (a person reads it there), the wrapped one otherwise.
    :meth:`control` writes the tool's own control characters (the progress line's CR).
    """

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream
        self._tty = _isatty(stream)

    @property
    def exact(self) -> TextIO:
        """Where text goes unescaped: the wrapped stream, unless it is a terminal."""
        return cast(TextIO, self) if self._tty else self._stream

    def write(self, text: str) -> int:
        self._stream.write(escape(text))
        return len(text)

    def control(self, sequence: str) -> None:
        """Write ``sequence`` as it is: only ever the tool's own, never received text."""
        self._stream.write(sequence)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._tty

    def fileno(self) -> int:
        return self._stream.fileno()

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._stream, "encoding", None) or "utf-8"

    def close(self) -> None:
        """Nothing: the wrapped stream is not ours to close (it is often sys.stdout)."""


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def wrap(stream: TextIO) -> TextIO:
    """``stream`` escaped, wrapped once (an already wrapped one is returned as it is)."""
    wrapped = stream if isinstance(stream, TerminalText) else TerminalText(stream)
    return cast(TextIO, wrapped)
