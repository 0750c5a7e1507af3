"""The service's request checks, built from :mod:`aitems_desktop.sandbox.rules`.

Each check raises :class:`BadRequestError`, which the API turns into the flat service error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, Final

from aitems_desktop.sandbox import rules


class BadRequestError(Exception):
    """A request the service refuses with 400 (``error`` names the reason)."""

    def __init__(self, message: str, error: str = "INVALID_PARAMETER") -> None:
        super().__init__(message)
        self.error = error
        self.message = message


_SERVICE_NAME: Final = re.compile(rules.SERVICE_NAME_PATTERN)
_DATASET_NAME: Final = re.compile(rules.DATASET_NAME_PATTERN)
_SCHEMA_NAME: Final = re.compile(rules.SCHEMA_NAME_PATTERN)
_FIELD_NAME: Final = re.compile(rules.FIELD_NAME_PATTERN)
_NAME_PATTERNS: Final = {"service": _SERVICE_NAME, "dataset": _DATASET_NAME, "schema": _SCHEMA_NAME}


# --- bodies --------------------------------------------------------------------------------


def _refuse_constant(name: str) -> Any:
    raise BadRequestError(f"{name} is not a JSON number.", "INVALID_REQUEST_BODY")


def _has_lone_surrogate(value: Any) -> bool:
    """True if any string in a parsed body holds a surrogate (it cannot be stored as UTF-8)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def json_body(content_type: str, body: bytes) -> dict[str, Any]:
    """The request body as a JSON object, or the service's 400."""
    if content_type.split(";")[0].strip().lower() != "application/json":
        raise BadRequestError("Content-Type must be application/json.", "UNSUPPORTED_MEDIA_TYPE")
    try:
        text = body.decode("utf-8")
        parsed = json.loads(text, parse_constant=_refuse_constant)
    except BadRequestError:
        raise
    except RecursionError as e:
        raise BadRequestError("The JSON body is nested too deeply.", "INVALID_REQUEST_BODY") from e
    except (UnicodeDecodeError, ValueError) as e:
        raise BadRequestError(f"Malformed JSON request body: {e}", "INVALID_REQUEST_BODY") from e
    if not isinstance(parsed, dict):
        raise BadRequestError("The request body must be a JSON object.", "INVALID_REQUEST_BODY")
    if _has_lone_surrogate(parsed):
        raise BadRequestError(
            "The body holds a lone UTF-16 surrogate (\\ud800-\\udfff), which is not text.",
            "INVALID_REQUEST_BODY",
        )
    return parsed


# --- names and descriptions ----------------------------------------------------------------


def utf16_length(text: str) -> int:
    """Length as Java's ``String.length()`` counts it (see rules.DESCRIPTION_MAX_UTF16)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def name(body: Mapping[str, Any], kind: str, key: str = "name") -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value:
        raise BadRequestError(f"[{key}] is required.")
    if not _NAME_PATTERNS[kind].fullmatch(value):
        raise BadRequestError(f"[{key}] must be {rules.NAME_RULE_TEXT[kind]}.")
    return value


def description(body: Mapping[str, Any], key: str = "description", required: bool = False) -> str:
    value = body.get(key)
    if value is None:
        if required:
            raise BadRequestError(f"[{key}] is required.")
        return ""
    if not isinstance(value, str):
        raise BadRequestError(f"[{key}] must be a string.")
    if utf16_length(value) > rules.DESCRIPTION_MAX_UTF16:
        raise BadRequestError(
            f"[{key}] must be at most {rules.DESCRIPTION_MAX_UTF16} characters (UTF-16 code units)."
        )
    return value


def one_of(body: Mapping[str, Any], key: str, allowed: tuple[str, ...], default: str | None) -> str:
    value = body.get(key, default)
    if value is None:
        raise BadRequestError(f"[{key}] is required.")
    if not isinstance(value, str) or value not in allowed:
        raise BadRequestError(f"[{key}] must be one of {', '.join(allowed)}.")
    return value


def query_one_of(params: Mapping[str, list[str]], key: str, allowed: tuple[str, ...]) -> str:
    values = params.get(key)
    if not values or not values[-1]:
        raise BadRequestError(f"[{key}] is required.")
    if values[-1] not in allowed:
        raise BadRequestError(f"[{key}] must be one of {', '.join(allowed)}.")
    return values[-1]


def paging(params: Mapping[str, list[str]]) -> tuple[int, int]:
    """``offset`` and ``limit`` (defaults 0 and 1000); non-negative decimal integers only."""
    out = []
    for key, default in (("offset", rules.DEFAULT_OFFSET), ("limit", rules.DEFAULT_LIMIT)):
        raw = params.get(key, [str(default)])[-1]
        # ASCII digits only ("²" and full-width digits pass str.isdigit) and few of them:
        # int() of a 4,300-digit string raises instead of answering.
        if not raw or not raw.isascii() or not raw.isdigit():
            raise BadRequestError(f"[{key}] must be a non-negative integer.")
        if len(raw.lstrip("0")) > rules.MAX_PAGING_DIGITS:
            raise BadRequestError(f"[{key}] must be at most {10**rules.MAX_PAGING_DIGITS - 1}.")
        out.append(int(raw))
    return out[0], out[1]


def string_list(body: Mapping[str, Any], key: str, allowed: tuple[str, ...]) -> list[str]:
    value = body.get(key)
    if not isinstance(value, list) or not value:
        raise BadRequestError(f"[{key}] is required: a non-empty list of {', '.join(allowed)}.")
    if not all(isinstance(v, str) and v in allowed for v in value):
        raise BadRequestError(f"[{key}] may hold only {', '.join(allowed)}.")
    if len(set(value)) != len(value):
        raise BadRequestError(f"[{key}] lists a value twice.")
    return list(value)


# --- hpConfig ------------------------------------------------------------------------------


def hp_config(body: Mapping[str, Any], train_types: list[str]) -> dict[str, Any]:
    """The ``hpConfig`` of a training request, checked against the documented options."""
    config = body.get("hpConfig")
    if not isinstance(config, dict):
        raise BadRequestError("[hpConfig] is required: an object with is_enabled.")
    if not isinstance(config.get("is_enabled"), bool):
        raise BadRequestError("[hpConfig.is_enabled] is required: true or false.")
    for key, value in config.items():
        if key == "is_enabled":
            continue
        if key in rules.HPO_OPTIONS:
            low, high, _, applies = rules.HPO_OPTIONS[key]
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise BadRequestError(f"[hpConfig.{key}] must be an integer from {low} to {high}.")
        elif key in rules.HPO_LIST_OPTIONS:
            applies = rules.HPO_LIST_OPTIONS[key]
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise BadRequestError(f"[hpConfig.{key}] must be a list of column names.")
        else:
            known = ", ".join([*rules.HPO_OPTIONS, *rules.HPO_LIST_OPTIONS])
            raise BadRequestError(f"[hpConfig.{key}] is not an HPO option (known: {known}).")
        if not set(applies) & set(train_types):
            raise BadRequestError(
                f"[hpConfig.{key}] applies only to {', '.join(applies)}, "
                f"not to {', '.join(train_types)}."
            )
    return dict(config)


# --- schemas -------------------------------------------------------------------------------


def schema_fields(dataset_type: str, raw: Any) -> list[dict[str, Any]]:
    """Checked schema fields ``{name, type[], categorical}``, with ``categorical`` filled in."""
    if not isinstance(raw, list) or not raw:
        raise BadRequestError("[fields] is required: a non-empty list of fields.")
    if len(raw) > rules.MAX_FIELDS:
        raise BadRequestError(f"[fields] may hold at most {rules.MAX_FIELDS} fields.")
    fields: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, field in enumerate(raw):
        where = f"[fields[{i}]"
        if not isinstance(field, dict):
            raise BadRequestError(f"{where}] must be an object with name and type.")
        unknown = set(field) - {"name", "type", "categorical"}
        if unknown:
            raise BadRequestError(f"{where}] has unknown keys: {', '.join(sorted(unknown))}.")
        field_name = field.get("name")
        if not isinstance(field_name, str) or not _FIELD_NAME.fullmatch(field_name):
            raise BadRequestError(
                f"{where}.name] must be a column name: letters, digits and '_', "
                "not starting with a digit."
            )
        if field_name.upper() in seen:
            raise BadRequestError(f"{where}.name] {field_name} appears twice.")
        seen.add(field_name.upper())
        types = field.get("type")
        if (
            not isinstance(types, list)
            or not types
            or not all(isinstance(t, str) and t in rules.FIELD_TYPES for t in types)
            or len(set(types)) != len(types)
        ):
            raise BadRequestError(
                f"{where}.type] must be a non-empty list of distinct types from "
                f"{', '.join(rules.FIELD_TYPES)}."
            )
        categorical = field.get("categorical", False)
        if not isinstance(categorical, bool):
            raise BadRequestError(f"{where}.categorical] must be true or false.")
        fields.append({"name": field_name, "type": list(types), "categorical": categorical})
    by_name = {f["name"]: f for f in fields}
    for required, required_type in rules.REQUIRED_FIELDS[dataset_type]:
        field = by_name.get(required)
        if field is None:
            raise BadRequestError(
                f"[fields] of a {dataset_type} schema must include {required} ({required_type}).",
                "REQUIRED_FIELD_MISSING",
            )
        if field["type"] != [required_type]:
            raise BadRequestError(
                f"[fields] {required} is required and must be of type [{required_type!r}] "
                "(not null).",
                "INVALID_FIELD_TYPE",
            )
    for reserved, reserved_type in rules.RESERVED_FIELDS[dataset_type].items():
        field = by_name.get(reserved)
        if field is not None and reserved_type not in field["type"]:
            raise BadRequestError(
                f"[fields] {reserved} is a reserved keyword of {dataset_type} schemas and must "
                f"be of type {reserved_type}.",
                "RESERVED_KEYWORD",
            )
    return fields


# --- rows (S10) ----------------------------------------------------------------------------


def _fits(value: Any, types: list[str]) -> bool:
    for t in types:
        if t == "null" and value is None:
            return True
        if t == "string" and isinstance(value, str):
            return True
        if t == "boolean" and isinstance(value, bool):
            return True
        if t in ("int", "long") and isinstance(value, int) and not isinstance(value, bool):
            limit = 2**31 if t == "int" else 2**63
            if -limit <= value < limit:
                return True
        if (
            t in ("float", "double")
            and isinstance(value, int | float)
            and not isinstance(value, bool)
        ):
            return True
    return False


def rows(value: Any, fields: list[dict[str, Any]], max_rows: int) -> list[dict[str, Any]]:
    """Rows for an interval upload, each checked against the dataset's schema."""
    if not isinstance(value, list) or not value:
        raise BadRequestError("[value] is required: a non-empty list of rows.")
    if len(value) > max_rows:
        raise BadRequestError(f"[value] may hold at most {max_rows} rows per call.")
    by_name = {f["name"]: f for f in fields}
    out = []
    for i, row in enumerate(value):
        if not isinstance(row, dict):
            raise BadRequestError(f"[value[{i}]] must be an object of column values.")
        unknown = [k for k in row if k not in by_name]
        if unknown:
            raise BadRequestError(
                f"[value[{i}]] has columns the schema does not: {', '.join(unknown)}."
            )
        for field in fields:
            cell = row.get(field["name"])
            if cell is None and field["name"] not in row and "null" in field["type"]:
                continue
            if not _fits(cell, field["type"]):
                raise BadRequestError(
                    f"[value[{i}].{field['name']}] must be of type {'|'.join(field['type'])}."
                )
        out.append(dict(row))
    return out
