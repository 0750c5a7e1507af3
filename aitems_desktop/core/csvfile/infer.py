"""Propose a schema from a CSV file's header and its first rows, with a reason for each guess.

The proposal is a starting point a person edits: names and order come from the header (they
must match the file exactly), types from the values through the same grammar the checker uses
(:mod:`.values`), so a proposal the person accepts unchanged passes the check on the rows
sampled. Required fields and reserved keywords of the dataset type get their documented types.
"""

from __future__ import annotations

import csv
import io
import os
from collections import Counter
from dataclasses import dataclass
from typing import Final

from aitems_desktop.core.csvfile.problems import Problem, ProblemKind, excerpt
from aitems_desktop.core.csvfile.source import CsvSource, FatalProblemError
from aitems_desktop.core.csvfile.values import (
    NULL_LOOKALIKES,
    is_boolean,
    is_decimal_shape,
    is_double,
    is_float,
    is_int,
    is_long,
)
from aitems_desktop.core.rules import (
    CONSOLE_ONLY_FIELD_TYPES,
    MAX_FIELDS,
    REQUIRED_FIELDS,
    RESERVED_FIELDS,
    DatasetType,
    FieldType,
    SchemaField,
    is_valid_field_name,
)

#: Rows read by default: enough for types and distinct counts, quick on any file.
SAMPLE_ROWS: Final = 10_000
#: A text column with at most this many distinct values (and few per row) is proposed
#: as categorical.
CATEGORICAL_MAX_DISTINCT: Final = 50
CATEGORICAL_MAX_SHARE: Final = 0.05
_ID_FIELDS: Final = frozenset({"USER_ID", "ITEM_ID"})
#: Unix seconds from 2001 to 2286 have 10 digits; milliseconds 13.
_SECONDS_DIGITS: Final = 10


@dataclass(frozen=True)
class ProposedField:
    """One proposed field, with why each part of it was chosen."""

    name: str
    types: tuple[str, ...]
    categorical: bool
    reasons: tuple[str, ...]
    required: bool = False
    reserved: bool = False

    def schema_field(self) -> SchemaField:
        return SchemaField(self.name, self.types, self.categorical)


@dataclass(frozen=True)
class InferenceNote:
    """Something the person must fix in the file or decide (a column that cannot be a field)."""

    kind: str
    column: str
    message: str


@dataclass(frozen=True)
class SchemaProposal:
    dataset_type: str
    fields: tuple[ProposedField, ...]
    notes: tuple[InferenceNote, ...]
    rows_sampled: int
    #: True when the file has more rows than were sampled.
    sampled: bool

    def schema_fields(self) -> tuple[SchemaField, ...]:
        return tuple(f.schema_field() for f in self.fields)

    def to_text(self) -> str:
        lines = [
            f"{self.dataset_type} schema from {self.rows_sampled:,} rows"
            + (" (a sample)" if self.sampled else "")
        ]
        for f in self.fields:
            flags = (" categorical" if f.categorical else "") + (" required" if f.required else "")
            lines.append(f"{f.name}: {', '.join(f.types)}{flags} - {'; '.join(f.reasons)}")
        lines.extend(f"note ({n.kind}, {n.column}): {n.message}" for n in self.notes)
        return "\n".join(lines)


class _Column:
    """What the sample says about one column."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.values = 0
        self.empty = 0
        self.distinct: set[str] = set()
        self.overflow = False
        self.not_int = self.not_long = self.not_boolean = 0
        self.not_float = self.not_double = self.not_decimal = 0
        self.null_text = 0
        self.first_bad: dict[str, str] = {}
        self.longest_digits = 0

    def see(self, value: str) -> None:
        if value == "":
            self.empty += 1
            return
        self.values += 1
        if not self.overflow:
            self.distinct.add(value)
            if len(self.distinct) > CATEGORICAL_MAX_DISTINCT * 20:
                self.overflow = True
        if value.lower() in NULL_LOOKALIKES:
            self.null_text += 1
        if not is_int(value):
            self.not_int += 1
            self.first_bad.setdefault("int", value)
        if not is_long(value):
            self.not_long += 1
            self.first_bad.setdefault("long", value)
        else:
            self.longest_digits = max(self.longest_digits, len(value.lstrip("+-")))
        if not is_boolean(value):
            self.not_boolean += 1
        if not is_decimal_shape(value):
            self.not_decimal += 1
            self.first_bad.setdefault("double", value)
        elif not is_double(value):
            self.not_double += 1
        elif not is_float(value):
            self.not_float += 1

    def data_type(self) -> tuple[str, str]:
        """The narrowest type every value fits, and why."""
        if self.values == 0:
            return FieldType.STRING, "no values in the sample, so the widest type"
        if self.not_boolean == 0:
            return FieldType.BOOLEAN, "every value is true or false"
        if self.not_int == 0:
            return FieldType.INT, "every value is a whole number within 32 bits"
        if self.not_long == 0:
            return FieldType.LONG, "every value is a whole number, some beyond 32 bits"
        if self.not_decimal == 0 and self.not_double == 0:
            console = "console-only type (the API documents string, int, long, boolean, null)"
            return FieldType.DOUBLE, f"every value is a decimal number; double is a {console}"
        example = self.first_bad.get("double", "")
        reason = f"values such as {excerpt(example, 30)!r} are text"
        if self.null_text:
            reason += (
                f"; {self.null_text:,} values are written as text like 'null', which the "
                "checker reads as text: leave such fields empty and the column may be a number"
            )
        return FieldType.STRING, reason


def propose_schema(
    path: str | os.PathLike[str],
    dataset_type: DatasetType | str,
    *,
    sample_rows: int = SAMPLE_ROWS,
) -> SchemaProposal:
    """Propose the schema of ``path`` from its header and its first ``sample_rows`` rows.

    Raises :class:`~.problems.CsvCheckError` when the file cannot be opened, and
    :class:`~.source.FatalProblemError` (its ``problem`` says why and where) when it is not
    UTF-8 CSV text.
    """
    kind = DatasetType(dataset_type)
    with CsvSource(path) as source:
        source.sniff()
        parts: list[str] = []
        lines = 0
        more = False
        for block in source.blocks():
            parts.append(block.text)
            lines += block.text.count("\n")
            if lines > sample_rows + 1:
                more = True
                break
    reader = csv.reader(io.StringIO("".join(parts), newline="\n"))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise FatalProblemError(_header_problem(str(exc))) from exc
    if len(header) > MAX_FIELDS:
        raise FatalProblemError(
            Problem(
                ProblemKind.TOO_MANY_COLUMNS,
                f"the header has {len(header):,} columns; a schema may have at most "
                f"{MAX_FIELDS:,} fields",
                line=1,
            )
        )
    columns = [_Column(name) for name in header]
    rows = 0
    for row in reader:
        if not row:
            continue
        if rows >= sample_rows:
            more = True
            break
        rows += 1
        for column, value in zip(columns, row, strict=False):
            column.see(value)
    return _propose(kind, header, columns, rows, more)


def _fits(column: _Column, types: tuple[str, ...]) -> bool:
    """True when every sampled value of ``column`` is one of ``types``."""
    misses: dict[str, int] = {
        FieldType.STRING: 0,
        FieldType.LONG: column.not_long,
        FieldType.INT: column.not_int,
        FieldType.BOOLEAN: column.not_boolean,
        FieldType.DOUBLE: column.not_decimal + column.not_double,
        FieldType.FLOAT: column.not_decimal + column.not_double + column.not_float,
    }
    return any(misses.get(t, 1) == 0 for t in types)


def _header_problem(message: str) -> Problem:
    return Problem(ProblemKind.BAD_QUOTE, f"the header cannot be read ({message})", line=1)


def _propose(
    kind: DatasetType, header: list[str], columns: list[_Column], rows: int, more: bool
) -> SchemaProposal:
    required = {f.name: f for f in REQUIRED_FIELDS[kind]}
    reserved = {f.name: f for f in RESERVED_FIELDS[kind]}
    notes: list[InferenceNote] = []
    fields: list[ProposedField] = []
    upper = {name.strip().upper(): name for name in header}
    for name in required:
        if name in header:
            continue
        near = upper.get(name)
        message = f"the file has no {name} column, which every {kind.value} dataset needs" + (
            f"; rename the column {near!r} to {name}" if near else ""
        )
        notes.append(InferenceNote("missing_required_column", name, message))
    for name in sorted(n for n, count in Counter(header).items() if count > 1):
        notes.append(InferenceNote("duplicate_column", name, f"{name} is in the header twice"))
    for column in columns:
        name = column.name
        if not is_valid_field_name(name):
            notes.append(
                InferenceNote(
                    "bad_field_name",
                    name,
                    f"{name!r} cannot be a field name (a letter or _, then letters, digits "
                    "and _, at most 64): rename the column in the file",
                )
            )
        fields.append(_field(column, required.get(name), reserved.get(name), rows, notes))
    return SchemaProposal(kind.value, tuple(fields), tuple(notes), rows, more)


def _field(
    column: _Column,
    required: SchemaField | None,
    reserved: SchemaField | None,
    rows: int,
    notes: list[InferenceNote],
) -> ProposedField:
    reasons: list[str] = []
    types: tuple[str, ...]
    inferred, why = column.data_type()
    if required is not None:
        types = required.types
        reasons.append(f"a required field: {types[0]}, never null")
        if column.empty:
            notes.append(
                InferenceNote(
                    "required_empty",
                    column.name,
                    f"{column.empty:,} rows of the sample leave {column.name} empty; a "
                    "required field may not be null",
                )
            )
        if types[0] == FieldType.LONG and column.not_long:
            bad = column.first_bad.get("long", "")
            notes.append(
                InferenceNote(
                    "required_type",
                    column.name,
                    f"{column.not_long:,} values of {column.name} are not a long, such as "
                    f"{excerpt(bad, 30)!r}; it must be Unix time as a whole number",
                )
            )
        if column.name == "TIMESTAMP" and column.longest_digits > _SECONDS_DIGITS:
            reasons.append(
                f"values have up to {column.longest_digits} digits: Unix time in milliseconds "
                "rather than seconds (the documents do not say which AiTEMS expects)"
            )
        return ProposedField(column.name, types, False, tuple(reasons), required=True)
    if reserved is not None:
        documented = reserved.types
        if column.values == 0 or _fits(column, documented):
            reasons.append(f"a reserved keyword, documented as {', '.join(documented)}")
            types = documented
        else:
            reasons.append(f"a reserved keyword documented as {', '.join(documented)}, but {why}")
            types = (inferred,)
    else:
        types = (inferred,)
        reasons.append(why)
    if column.empty and FieldType.NULL not in types:
        types = (*types, FieldType.NULL)
        reasons.append(f"nullable: {column.empty:,} of {rows:,} rows leave it empty")
    categorical = False
    distinct = len(column.distinct)
    if (
        column.name not in _ID_FIELDS
        and types[0] in (FieldType.STRING, FieldType.INT)
        and not column.overflow
        and column.values >= 20
        and distinct <= CATEGORICAL_MAX_DISTINCT
        and distinct <= max(2, column.values * CATEGORICAL_MAX_SHARE)
    ):
        categorical = True
        reasons.append(f"categorical: {distinct} distinct values in {column.values:,} rows")
    if types[0] in CONSOLE_ONLY_FIELD_TYPES and not any("console-only" in r for r in reasons):
        reasons.append("a console-only type")
    return ProposedField(
        column.name, tuple(types), categorical, tuple(reasons), reserved=reserved is not None
    )
