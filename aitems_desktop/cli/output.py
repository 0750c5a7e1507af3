"""Printing results: ``json`` (the API's own JSON), ``jsonl``, ``table`` and ``csv``.

JSON is what the service sent (``model.raw``), untouched: unknown fields and values included.
``jsonl`` prints one line per item of a list (one line for a single object). ``table`` is for
people: chosen columns for lists, every field for a single object. ``csv`` has every field of
every item, nested values as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, Final, TextIO

Column = tuple[str, str]  # (header, key in the raw item)

#: What each kind of result lists: the key of its list in the answer (None: the result is the
#: list itself) and the columns a table shows (csv shows every field).
_LISTS: Final[dict[str, tuple[str | None, tuple[Column, ...]]]] = {
    "services": (
        "services",
        (
            ("ID", "serviceId"),
            ("NAME", "name"),
            ("STATUS", "status"),
            ("CREATED", "createdDate"),
            ("UPDATED", "updatedDate"),
        ),
    ),
    "datasets": (
        "datasets",
        (
            ("ID", "datasetId"),
            ("NAME", "name"),
            ("TYPE", "type"),
            ("STATUS", "status"),
            ("CREATED", "createdDate"),
        ),
    ),
    "schemas": (
        "schemas",
        (("NAME", "name"), ("TYPE", "datasetType"), ("CREATED", "createdDate")),
    ),
    "trains": (
        "trains",
        (
            ("TYPE", "type"),
            ("VERSION", "version"),
            ("STATUS", "status"),
            ("RESULTS", "inference"),
            ("CREATED", "createdDate"),
            ("DESCRIPTION", "description"),
        ),
    ),
    "updates": (
        "updates",
        (
            ("VERSION", "updateVersion"),
            ("TYPE", "type"),
            ("STATUS", "status"),
            ("CREATED", "createdDate"),
            ("FINISHED", "finishedDate"),
            ("USERS", "updateResult.inputUsersCnt"),
            ("ITEMS", "updateResult.inputItemsCnt"),
            ("ROWS", "updateResult.inputRowsCnt"),
        ),
    ),
    # Local lists, not API answers.
    "profiles": (
        None,
        (
            ("NAME", "name"),
            ("DEFAULT", "default"),
            ("ACCESS KEY", "access_key"),
            ("ENDPOINT", "endpoint"),
            ("SECRET", "secret"),
        ),
    ),
    "problems": (
        "problems",
        (
            ("SEVERITY", "severity"),
            ("LINE", "line"),
            ("COLUMN", "column"),
            ("FIELD", "field"),
            ("KIND", "kind"),
            ("MESSAGE", "message"),
        ),
    ),
}
#: A lookup's answer (I1): ``{"field": ..., "values": [...]}``, shown ranked.
LOOKUP: Final = "lookup"
#: The kind of each response model's answer, by the model's name: the models are not imported
#: here, since most commands print the API's JSON without them.
_MODEL_KINDS: Final = {
    "ServiceList": "services",
    "DatasetList": "datasets",
    "SchemaList": "schemas",
    "TrainingList": "trains",
    "UpdateList": "updates",
    "LookupResult": LOOKUP,
}
#: Columns whose cells a table shows whole (the text is the point of the row).
_WHOLE: Final = frozenset({"message"})

_CELL_MAX: Final = 60


def render(result: Any, fmt: str, stream: TextIO, *, kind: str | None = None) -> None:
    """Print ``result``: the API's JSON (with ``kind`` naming what it is, as a list's key
    does), a response model (its raw JSON), or plain JSON values of the tool's own."""
    raw, kind = _unwrap(result, kind)
    if raw is None and fmt != "json":
        return  # an answer without a body (S10): nothing to lay out
    if fmt == "json":
        stream.write(json.dumps(raw, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for item in _items(raw, kind):
            stream.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n")
    elif fmt == "csv":
        _csv(raw, kind, stream)
    else:
        _table(raw, kind, stream)
    stream.flush()


def _unwrap(result: Any, kind: str | None) -> tuple[Any, str | None]:
    if result is None or isinstance(result, dict | list | str | int | float):
        return result, kind
    # A response model: its answer as the server sent it. Read by duck typing, so that
    # printing plain JSON never imports the models (and pydantic).
    return result.raw, kind or _MODEL_KINDS.get(type(result).__name__)


def _items(raw: Any, kind: str | None) -> list[Any]:
    """What jsonl and csv print one line for."""
    if kind == LOOKUP:
        values = raw.get("values") if isinstance(raw, dict) else None
        return list(values) if isinstance(values, list) else []
    key = _LISTS[kind][0] if kind in _LISTS else None
    if key is not None and isinstance(raw, dict):
        items = raw.get(key)
        return list(items) if isinstance(items, list) else []
    if isinstance(raw, list):
        return raw
    return [raw]


def _lookup_field(raw: Any) -> str | None:
    field = raw.get("field") if isinstance(raw, dict) else None
    return field if isinstance(field, str) and field else None


# --- cells -------------------------------------------------------------------------------


def _lookup(item: Any, key: str) -> Any:
    value = item
    for part in key.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _cell(value: Any, *, limit: int | None = None) -> str:
    """A table's cell: one line, at most ``limit`` characters."""
    text = _text(value)
    # A cell is one line, whatever the server put in it.
    text = " ".join(text.split()) if any(c in text for c in "\r\n\t") else text
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _text(value: Any) -> str:
    """A value as text, exactly: nested values as JSON."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = value
    elif isinstance(value, int | float):
        text = str(value)
    else:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text


def _flatten(value: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """Dotted keys for nested objects; lists stay whole (they become JSON in a cell)."""
    if isinstance(value, dict):
        pairs: list[tuple[str, Any]] = []
        for key, inner in value.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(inner, dict) and inner:
                pairs.extend(_flatten(inner, name))
            else:
                pairs.append((name, inner))
        return pairs
    return [(prefix or "value", value)]


# --- table -------------------------------------------------------------------------------


def _write_table(
    stream: TextIO, headers: Sequence[str], rows: Iterable[Sequence[str]], *, title: str = ""
) -> None:
    rows = list(rows)
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    if title:
        stream.write(f"{title}\n")
    for row in [list(headers), *rows]:
        line = "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
        stream.write(line.rstrip() + "\n")


def _table(raw: Any, kind: str | None, stream: TextIO) -> None:
    if kind == LOOKUP:
        field = _lookup_field(raw) or "VALUE"
        rows = [[str(rank), _cell(value)] for rank, value in enumerate(_items(raw, kind), 1)]
        if not rows:
            stream.write("(no results)\n")
            return
        _write_table(stream, ["RANK", field], rows)
        return
    if kind in _LISTS:
        columns = _LISTS[kind][1]
        items = _items(raw, kind)
        if not items:
            stream.write("(none)\n")
            return
        rows = [
            [
                _cell(_lookup(item, key), limit=None if key in _WHOLE else _CELL_MAX)
                for _h, key in columns
            ]
            for item in items
        ]
        _write_table(stream, [h for h, _k in columns], rows)
        return
    _object_table(raw, stream)


def _object_table(raw: Any, stream: TextIO) -> None:
    """One object: its scalar and nested fields as KEY VALUE, then each list of objects as a
    table of its own."""
    if not isinstance(raw, dict):
        stream.write(_cell(raw) + "\n")
        return
    pairs: list[tuple[str, Any]] = []
    tables: list[tuple[str, list[dict[str, Any]]]] = []
    for key, value in raw.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            tables.append((key, value))
        elif isinstance(value, dict) and value:
            pairs.extend(_flatten(value, key))
        else:
            pairs.append((key, value))
    width = max((len(k) for k, _v in pairs), default=0)
    for key, value in pairs:
        stream.write(f"{key.ljust(width)}  {_cell(value)}".rstrip() + "\n")
    for key, items in tables:
        headers = _union_keys(items)
        rows = [[_cell(_lookup_flat(item, h), limit=_CELL_MAX) for h in headers] for item in items]
        stream.write("\n")
        _write_table(stream, headers, rows, title=f"{key} ({len(items)}):")


def _union_keys(items: Sequence[Any]) -> list[str]:
    keys: dict[str, None] = {}
    for item in items:
        for key, _value in _flatten(item if isinstance(item, dict) else {"value": item}):
            keys.setdefault(key, None)
    return list(keys)


def _lookup_flat(item: Any, key: str) -> Any:
    if not isinstance(item, dict):
        return item if key == "value" else None
    return dict(_flatten(item)).get(key)


# --- csv ---------------------------------------------------------------------------------


def _csv(raw: Any, kind: str | None, stream: TextIO) -> None:
    import csv  # only for this format

    # Values exactly as they are, a line break inside one quoted (RFC 4180): written
    # unescaped unless a person reads them on a terminal (see terminal.py).
    exact = getattr(stream, "exact", stream)
    writer = csv.writer(exact, lineterminator="\n")
    if kind == LOOKUP:
        writer.writerow(["rank", _lookup_field(raw) or "value"])
        for rank, value in enumerate(_items(raw, kind), 1):
            writer.writerow([rank, _text(value)])
        return
    items = _items(raw, kind)
    headers = _union_keys(items)
    writer.writerow(headers)
    for item in items:
        writer.writerow([_text(_lookup_flat(item, h)) for h in headers])
