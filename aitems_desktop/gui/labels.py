"""Readable, translatable labels for the API's values, keyed by the raw value.

The tables hold source strings marked with ``QT_TRANSLATE_NOOP`` in the context ``labels`` so
``lupdate`` finds them; :func:`label` translates at display time, so a language change shows at
once. A value no table knows is shown as it came: the service adds values over time, and only
documented ones get a label. Korean wording follows NCP's own (the console's where the API and
the console differ).
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QCoreApplication

_C: Final = "labels"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate reads
    """Mark ``text`` for translation in ``context``; translated later by :func:`label`.

    PySide6's own marker is typed as returning ``object``; this one keeps the tables ``str``.
    """
    return text


SERVICE_STATUS: Final[dict[str, str]] = {
    "scheduled": QT_TRANSLATE_NOOP("labels", "Training scheduled"),
    "scheduledLearning": QT_TRANSLATE_NOOP("labels", "Scheduled training running"),
    "learnable": QT_TRANSLATE_NOOP("labels", "Ready to train"),
    "learning": QT_TRANSLATE_NOOP("labels", "Training"),
    "deleting": QT_TRANSLATE_NOOP("labels", "Deleting"),
    "deleted": QT_TRANSLATE_NOOP("labels", "Deleted"),
    "disable": QT_TRANSLATE_NOOP("labels", "Cannot train"),
    "drafted": QT_TRANSLATE_NOOP("labels", "Draft"),
    "requestLearning": QT_TRANSLATE_NOOP("labels", "Training requested"),
    "datasetRequired": QT_TRANSLATE_NOOP("labels", "No datasets yet"),
}

DATASET_STATUS: Final[dict[str, str]] = {
    "enable": QT_TRANSLATE_NOOP("labels", "Ready for training"),
    "waiting": QT_TRANSLATE_NOOP("labels", "Waiting"),
    "processing": QT_TRANSLATE_NOOP("labels", "Processing"),
    "upload_failed": QT_TRANSLATE_NOOP("labels", "Upload failed"),
    "disable": QT_TRANSLATE_NOOP("labels", "Upload failed (disabled)"),
    "deleting": QT_TRANSLATE_NOOP("labels", "Deleting"),
}

#: A dataset as embedded in a service reads ``learnable`` (seen in real answers only).
SERVICE_DATASET_STATUS: Final[dict[str, str]] = {
    "learnable": QT_TRANSLATE_NOOP("labels", "Ready to train"),
}

#: The state of a service's training results (``infers[].status``): only ``enable`` is seen in
#: real answers, and the documents list no values.
INFER_STATUS: Final[dict[str, str]] = {
    "enable": QT_TRANSLATE_NOOP("labels", "Available"),
}

TRAIN_STATUS: Final[dict[str, str]] = {
    "ready": QT_TRANSLATE_NOOP("labels", "Ready"),
    "learning": QT_TRANSLATE_NOOP("labels", "Training"),
    "completed": QT_TRANSLATE_NOOP("labels", "Completed"),
    "waiting": QT_TRANSLATE_NOOP("labels", "Waiting to run"),
    "requesting": QT_TRANSLATE_NOOP("labels", "Requesting"),
    "requestFailed": QT_TRANSLATE_NOOP("labels", "Request failed"),
    "refinedFailed": QT_TRANSLATE_NOOP("labels", "Data refinement failed"),
    "stopping": QT_TRANSLATE_NOOP("labels", "Stopping"),
    "learningFailed": QT_TRANSLATE_NOOP("labels", "Training failed"),
}

SERVICE_TYPE: Final[dict[str, str]] = {
    "batch": QT_TRANSLATE_NOOP("labels", "Trains once when asked"),
    "interval": QT_TRANSLATE_NOOP("labels", "Retrains on a cycle"),
}

DATASET_TYPE: Final[dict[str, str]] = {
    "user": QT_TRANSLATE_NOOP("labels", "User"),
    "item": QT_TRANSLATE_NOOP("labels", "Item"),
    "interaction": QT_TRANSLATE_NOOP("labels", "Interaction"),
}

TRAINING_TYPE: Final[dict[str, str]] = {
    "personalRecommend": QT_TRANSLATE_NOOP("labels", "Personalized recommendation"),
    "relatedItem": QT_TRANSLATE_NOOP("labels", "Related items"),
    "pop": QT_TRANSLATE_NOOP("labels", "Popular items"),
}

INTERVAL_TERM: Final[dict[str, str]] = {
    "hour1": QT_TRANSLATE_NOOP("labels", "Every hour"),
    "hour3": QT_TRANSLATE_NOOP("labels", "Every 3 hours"),
    "hour6": QT_TRANSLATE_NOOP("labels", "Every 6 hours"),
    "hour12": QT_TRANSLATE_NOOP("labels", "Every 12 hours"),
}

HP_OPTION: Final[dict[str, str]] = {
    "is_enabled": QT_TRANSLATE_NOOP("labels", "Hyperparameter optimization (HPO)"),
    "session_max_timestamp": QT_TRANSLATE_NOOP("labels", "Longest idle time in a session"),
    "item_top_n": QT_TRANSLATE_NOOP("labels", "Items used for recommendations (top N)"),
    "min_item_cut": QT_TRANSLATE_NOOP("labels", "Least appearances of an item"),
    "min_session_length": QT_TRANSLATE_NOOP("labels", "Least actions in a session"),
    "max_user_recommend_top": QT_TRANSLATE_NOOP("labels", "Most recommendations per user"),
    "max_relate_recommend_top": QT_TRANSLATE_NOOP("labels", "Most related items per item"),
    "group_column": QT_TRANSLATE_NOOP("labels", "Group columns"),
}

HP_UNIT: Final[dict[str, str]] = {
    "seconds": QT_TRANSLATE_NOOP("labels", "seconds"),
}


#: The kinds of problem the local CSV check reports (core.csvfile.ProblemKind).
CSV_PROBLEM: Final[dict[str, str]] = {
    "empty_file": QT_TRANSLATE_NOOP("labels", "The file is empty"),
    "not_csv": QT_TRANSLATE_NOOP("labels", "Not a CSV file"),
    "binary": QT_TRANSLATE_NOOP("labels", "Not a text file"),
    "encoding": QT_TRANSLATE_NOOP("labels", "Not UTF-8"),
    "gzip_corrupt": QT_TRANSLATE_NOOP("labels", "Damaged gzip file"),
    "line_endings": QT_TRANSLATE_NOOP("labels", "Line breaks"),
    "line_too_long": QT_TRANSLATE_NOOP("labels", "Line too long"),
    "too_many_columns": QT_TRANSLATE_NOOP("labels", "Too many columns"),
    "wrong_delimiter": QT_TRANSLATE_NOOP("labels", "Wrong delimiter"),
    "unterminated_quote": QT_TRANSLATE_NOOP("labels", "Quote never closed"),
    "file_name": QT_TRANSLATE_NOOP("labels", "File name"),
    "schema_missing_required": QT_TRANSLATE_NOOP(
        "labels", "Required field missing from the schema"
    ),
    "schema_required_type": QT_TRANSLATE_NOOP("labels", "Required field with the wrong type"),
    "schema_field_name": QT_TRANSLATE_NOOP("labels", "Field name"),
    "schema_field_type": QT_TRANSLATE_NOOP("labels", "Field type"),
    "schema_duplicate_field": QT_TRANSLATE_NOOP("labels", "Field twice in the schema"),
    "schema_too_many_fields": QT_TRANSLATE_NOOP("labels", "Too many fields in the schema"),
    "header_missing_column": QT_TRANSLATE_NOOP("labels", "Column missing"),
    "header_extra_column": QT_TRANSLATE_NOOP("labels", "Column not in the schema"),
    "header_order": QT_TRANSLATE_NOOP("labels", "Column order"),
    "header_case": QT_TRANSLATE_NOOP("labels", "Column name case"),
    "header_spaces": QT_TRANSLATE_NOOP("labels", "Spaces in a column name"),
    "header_duplicate": QT_TRANSLATE_NOOP("labels", "Column twice"),
    "header_looks_like_data": QT_TRANSLATE_NOOP("labels", "Header looks like data"),
    "column_count": QT_TRANSLATE_NOOP("labels", "Number of columns"),
    "bad_quote": QT_TRANSLATE_NOOP("labels", "Quote"),
    "bad_line_break": QT_TRANSLATE_NOOP("labels", "Line break in a value"),
    "field_too_large": QT_TRANSLATE_NOOP("labels", "Value too long"),
    "blank_line": QT_TRANSLATE_NOOP("labels", "Blank line"),
    "missing_value": QT_TRANSLATE_NOOP("labels", "Value missing"),
    "bad_value": QT_TRANSLATE_NOOP("labels", "Value of the wrong type"),
    "out_of_range": QT_TRANSLATE_NOOP("labels", "Value out of range"),
    "null_as_text": QT_TRANSLATE_NOOP("labels", "Null written as text"),
    "duplicate_key": QT_TRANSLATE_NOOP("labels", "ID repeated"),
    "unknown_user": QT_TRANSLATE_NOOP("labels", "User not in the user file"),
    "unknown_item": QT_TRANSLATE_NOOP("labels", "Item not in the item file"),
    "cross_check_skipped": QT_TRANSLATE_NOOP("labels", "Cross-check skipped"),
    "no_rows": QT_TRANSLATE_NOOP("labels", "No rows"),
}


def label(table: dict[str, str], value: str | None) -> str | None:
    """The translated label of a known ``value``, or None for an unknown one."""
    if value is None:
        return None
    source = table.get(value)
    return QCoreApplication.translate(_C, source) if source is not None else None


def unlisted_tooltip(table: dict[str, str], value: str | None) -> str:
    """A tooltip for a value shown as it came because the documents do not list it, else ""."""
    if not value or value in table:
        return ""
    return QCoreApplication.translate(
        "labels",
        "“{value}” is not among the values the AiTEMS documents list; it is shown as it came.",
    ).format(value=value)


def with_raw(table: dict[str, str], value: str | None) -> str:
    """``Label (raw)`` for a known value, the raw value alone for an unknown one, as NCP's
    tables show them."""
    if value is None:
        return ""
    text = label(table, value)
    return f"{text} ({value})" if text else value
