"""Reading a command's input files: JSON documents and rows, from a path or stdin, bounded.

Standard library only: ``csv check --schema-file`` reads its schema without the engine.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

from aitems_desktop.cli.context import Context, UsageError

#: An input file larger than this is refused rather than read into memory.
MAX_INPUT_BYTES: Final = 64 * 1024 * 1024


def read_input(ctx: Context, path: str) -> bytes:
    """The bytes of ``path`` (``-``: stdin), bounded; a missing file is a usage error."""
    try:
        if path == "-":
            data = (
                ctx.stdin.buffer.read(MAX_INPUT_BYTES + 1)
                if hasattr(ctx.stdin, "buffer")
                else (ctx.stdin.read(MAX_INPUT_BYTES + 1).encode("utf-8", "surrogateescape"))
            )
        else:
            with Path(path).open("rb") as stream:
                data = stream.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if len(data) > MAX_INPUT_BYTES:
        raise UsageError(f"{path} is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB.")
    return data


def read_json(ctx: Context, path: str) -> Any:
    """One JSON document from ``path`` (``-``: stdin)."""
    data = read_input(ctx, path)
    try:
        return _decode(data)
    except (UnicodeDecodeError, ValueError) as exc:
        raise UsageError(f"{path} is not valid JSON ({_reason(exc)}).") from None


def read_rows(ctx: Context, path: str) -> list[Any]:
    """Rows from a JSON array of objects, or JSON Lines (one object a line)."""
    data = read_input(ctx, path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{path} is not UTF-8 text.") from None
    if text.lstrip().startswith("["):
        try:
            rows = _decode(data)
        except ValueError as exc:
            raise UsageError(f"{path} is not a valid JSON array ({_reason(exc)}).") from None
        if not isinstance(rows, list):
            raise UsageError(f"{path} must hold a JSON array of objects.")
        return rows
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(_decode(line.encode("utf-8")))
        except ValueError as exc:
            raise UsageError(f"{path}, line {number}: not valid JSON ({_reason(exc)}).") from None
    return rows


def _reason(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _decode(data: bytes) -> Any:
    """JSON as the engine reads the API's: UTF-8, no ``NaN``/``Infinity``; raises ValueError."""
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
    except RecursionError:
        raise ValueError("nested too deeply") from None
