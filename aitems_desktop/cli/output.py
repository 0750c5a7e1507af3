"""Printing results: ``json`` (the API's own JSON), ``jsonl``, ``table`` and ``csv``.

JSON is what the service sent (``model.raw``), untouched: unknown fields and values included.
``jsonl`` prints one line per item of a list (one line for a single object). ``table`` is for
people: chosen columns for lists, every field for a single object. ``csv`` has every field of
every item, nested values as JSON.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import Any, Final, TextIO

from aitems_desktop.core.models import (
    DatasetList,
    LookupResult,
    ResponseModel,
    SchemaList,
    ServiceList,
    TrainingList,
    UpdateList,
)

Column = tuple[str, str]  # (header, key in the raw item)

#: The list key of each list answer, and the columns a table shows (csv shows every field).
_LISTS: Final[dict[type[ResponseModel], tuple[str, tuple[Column, ...]]]] = {
    ServiceList: (
        "services",
        (
            ("ID", "serviceId"),
            ("NAME", "name"),
            ("STATUS", "status"),
            ("CREATED", "createdDate"),
            ("UPDATED", "updatedDate"),
        ),
    ),
    DatasetList: (
        "datasets",
        (
            ("ID", "datasetId"),
            ("NAME", "name"),
            ("TYPE", "type"),
            ("STATUS", "status"),
            ("CREATED", "createdDate"),
        ),
    ),
    SchemaList: (
        "schemas",
        (("NAME", "name"), ("TYPE", "datasetType"), ("CREATED", "createdDate")),
    ),
    TrainingList: (
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
    UpdateList: (
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
}

#: Local lists (not API answers) by kind.
_KINDS: Final[dict[str, tuple[Column, ...]]] = {
    "profiles": (
        ("NAME", "name"),
        ("DEFAULT", "default"),
        ("ACCESS KEY", "access_key"),
        ("ENDPOINT", "endpoint"),
        ("SECRET", "secret"),
    ),
}

_CELL_MAX: Final = 60


def render(result: Any, fmt: str, stream: TextIO, *, kind: str | None = None) -> None:
    """Print ``result`` (a response model, or plain JSON values for local lists)."""
    raw = result.raw if isinstance(result, ResponseModel) else result
    if raw is None and fmt != "json":
        return  # an answer without a body (S10): nothing to lay out
    if fmt == "json":
        stream.write(json.dumps(raw, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for item in _items(result, raw):
            stream.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n")
    elif fmt == "csv":
        _csv(result, raw, stream)
    else:
        _table(result, raw, stream, kind)
    stream.flush()


def _list_key(result: Any) -> str | None:
    for model, (key, _columns) in _LISTS.items():
        if isinstance(result, model):
            return key
    return None


def _items(result: Any, raw: Any) -> list[Any]:
    """What jsonl and csv print one line for."""
    if isinstance(result, LookupResult):
        values = raw.get("values") if isinstance(raw, dict) else None
        return list(values) if isinstance(values, list) else []
    key = _list_key(result)
    if key is not None and isinstance(raw, dict):
        items = raw.get(key)
        return list(items) if isinstance(items, list) else []
    if isinstance(raw, list):
        return raw
    return [raw]


# --- cells -------------------------------------------------------------------------------


def _lookup(item: Any, key: str) -> Any:
    value = item
    for part in key.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _cell(value: Any, *, limit: int | None = None) -> str:
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
    # A cell is one line, whatever the server put in it.
    text = " ".join(text.split()) if any(c in text for c in "\r\n\t") else text
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
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


def _table(result: Any, raw: Any, stream: TextIO, kind: str | None) -> None:
    if isinstance(result, LookupResult):
        field = result.field or "VALUE"
        rows = [[str(rank), _cell(value)] for rank, value in enumerate(_items(result, raw), 1)]
        if not rows:
            stream.write("(no results)\n")
            return
        _write_table(stream, ["RANK", field], rows)
        return
    columns: tuple[Column, ...] | None = None
    for model, (_key, cols) in _LISTS.items():
        if isinstance(result, model):
            columns = cols
    if kind is not None:
        columns = _KINDS.get(kind)
    if columns is not None:
        items = _items(result, raw)
        if not items:
            stream.write("(none)\n")
            return
        rows = [
            [_cell(_lookup(item, key), limit=_CELL_MAX) for _h, key in columns] for item in items
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


def _csv(result: Any, raw: Any, stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    if isinstance(result, LookupResult):
        writer.writerow(["rank", result.field or "value"])
        for rank, value in enumerate(_items(result, raw), 1):
            writer.writerow([rank, _cell(value)])
        return
    items = _items(result, raw)
    headers = _union_keys(items)
    writer.writerow(headers)
    for item in items:
        writer.writerow([_cell(_lookup_flat(item, h)) for h in headers])
