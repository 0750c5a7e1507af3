"""Reading a dataset's csv or csv.gz files from the Object Storage emulator.

The header must equal the schema's field names in name, order and case (the guide's rule); a
row whose required or typed cells do not parse fails the dataset too. Only the first
:data:`MAX_ROWS` rows are kept (for lookups); the rest of a file is not read.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, Final

from aitems_desktop.sandbox.objectstore import ObjectStore, S3Error

MAX_ROWS: Final = 200_000


@dataclass(frozen=True)
class LoadResult:
    ok: bool
    reason: str
    rows: list[dict[str, Any]]


def _convert(value: str, types: list[str]) -> Any:
    """A csv cell as the schema types it; ValueError when it does not fit."""
    if value == "" and "null" in types:
        return None
    for t in types:
        try:
            if t in ("int", "long"):
                return int(value)
            if t in ("float", "double"):
                return float(value)
            if t == "boolean" and value.lower() in ("true", "false"):
                return value.lower() == "true"
            if t == "string":
                return value
        except ValueError:
            continue
    raise ValueError(f"{value[:40]!r} is not {'|'.join(types)}")


@contextlib.contextmanager
def _text(stream: BinaryIO, gz: bool) -> Iterator[io.TextIOWrapper]:
    raw: Any = gzip.GzipFile(fileobj=stream) if gz else stream
    with io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
        yield text


def _object_keys(store: ObjectStore, bucket: str, key: str) -> list[str]:
    try:
        store.head_object(bucket, key)
        return [key]
    except S3Error as e:
        if e.code != "NoSuchKey":
            raise
    prefix = key if key.endswith("/") else key + "/"
    return [k for k in store.keys(bucket, prefix) if k.endswith((".csv", ".csv.gz"))]


def load(store: ObjectStore, os_info: dict[str, Any], fields: list[dict[str, Any]]) -> LoadResult:
    """Check the dataset's file(s) against its schema and read its rows."""
    bucket, key = str(os_info.get("bucket", "")), str(os_info.get("key", ""))
    names = [f["name"] for f in fields]
    types = {f["name"]: f["type"] for f in fields}
    try:
        keys = _object_keys(store, bucket, key)
    except S3Error as e:
        return LoadResult(False, f"Object Storage: {e.code} for {bucket}/{key}", [])
    if not keys:
        return LoadResult(False, f"no csv or csv.gz object at {bucket}/{key}", [])
    kept: list[dict[str, Any]] = []
    try:
        for object_key in keys:
            with (
                store.open_object(bucket, object_key) as (_, stream),
                _text(stream, object_key.endswith(".gz")) as text,
            ):
                rows = csv.reader(text)
                header = next(rows, None)
                if header != names:
                    return LoadResult(
                        False,
                        f"{object_key}: the header {header!r} does not match the schema's "
                        f"fields {names!r} (names, order and case must be equal)",
                        [],
                    )
                for line_number, cells in enumerate(rows, start=2):
                    if len(kept) >= MAX_ROWS:
                        break
                    if not cells:
                        continue
                    if len(cells) != len(names):
                        return LoadResult(
                            False,
                            f"{object_key} line {line_number}: {len(cells)} columns, "
                            f"the schema has {len(names)}",
                            [],
                        )
                    try:
                        kept.append(
                            {n: _convert(c, types[n]) for n, c in zip(names, cells, strict=True)}
                        )
                    except ValueError as e:
                        return LoadResult(False, f"{object_key} line {line_number}: {e}", [])
    except (OSError, EOFError, UnicodeDecodeError, csv.Error, S3Error, zlib.error) as e:
        return LoadResult(False, f"{bucket}/{key} cannot be read as csv: {e}", [])
    return LoadResult(True, "", kept)
