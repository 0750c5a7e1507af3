"""Check a dataset CSV against its schema before it leaves the machine.

One streaming pass in constant memory. The file is read in blocks of whole lines
(:mod:`.source`); a block is first matched whole against one compiled regex built from the
schema (every line, every column, every type: :func:`.values.row_pattern`). A clean block,
which is nearly every block of a good file, costs that one C-level match, which is faster
than splitting it with ``csv.reader``. A block the regex refuses is parsed again with
``csv.reader`` and checked value by value, which finds each problem with its line and column;
the two paths agree because both are built from :mod:`.values`.

Ids that must be unique (``USER_ID`` of a user file, ``ITEM_ID`` of an item file) and the ids
of an interaction file that are cross-checked go to :class:`.digests.DigestSpill` (64-bit
digests in temporary files); duplicates are then confirmed on the strings in a second read of
the file, which happens only when there are candidates.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Protocol, TypeAlias

from aitems_desktop.core.csvfile import digests as digest_sets
from aitems_desktop.core.csvfile.problems import (
    CancelFlag,
    CheckCancelledError,
    CheckPhase,
    CheckProgress,
    CheckReport,
    CrossCheck,
    CsvCheckError,
    Problem,
    ProblemKind,
    ProblemLog,
    excerpt,
)
from aitems_desktop.core.csvfile.source import Block, CsvSource, FatalProblemError
from aitems_desktop.core.csvfile.values import (
    FieldGrammar,
    ValueProblem,
    grammar_for,
    is_decimal_shape,
    is_long,
    row_pattern,
    text_column,
)
from aitems_desktop.core.i18n import QT_TRANSLATE_NOOP
from aitems_desktop.core.rules import (
    DATASET_FILE_SUFFIXES,
    MAX_FIELDS,
    REQUIRED_FIELDS,
    UNIQUE_KEY_FIELD,
    DatasetType,
    FieldType,
    SchemaField,
    field_type_problems,
    is_valid_field_name,
)

#: A schema field as the caller has it: the rules' dataclass, ``(name, types)`` or
#: ``(name, types, categorical)``, or the API's JSON shape ``{"name", "type", "categorical"}``.
ProgressCallback = Callable[[CheckProgress], None]


class FieldLike(Protocol):
    """Any object with a ``name`` and a ``type`` or ``types`` list (a pydantic model, say)."""

    @property
    def name(self) -> str: ...


FieldSpec: TypeAlias = SchemaField | tuple[Any, ...] | Mapping[str, Any] | FieldLike


#: How many missing ids of an interaction file are shown as examples.
CROSS_EXAMPLES: Final = 10
#: Missing digests kept to find the examples in file order (see :func:`.digests.missing`).
_CROSS_KEEP: Final = 200_000
_DELIMITERS: Final = {";": "semicolon", "\t": "tab", "|": "vertical bar"}
_VALUE_KINDS: Final = {
    ValueProblem.MISSING: ProblemKind.MISSING_VALUE,
    ValueProblem.BAD: ProblemKind.BAD_VALUE,
    ValueProblem.OUT_OF_RANGE: ProblemKind.OUT_OF_RANGE,
    ValueProblem.NULL_AS_TEXT: ProblemKind.NULL_AS_TEXT,
}
#: Columns or fields handled between two looks at the cancel flag.
_CANCEL_EVERY: Final = 256
_CROSS_FIELDS: Final = (
    ("USER_ID", ProblemKind.UNKNOWN_USER, CheckPhase.READ_USER_IDS, "user"),
    ("ITEM_ID", ProblemKind.UNKNOWN_ITEM, CheckPhase.READ_ITEM_IDS, "item"),
)


def schema_fields(fields: Iterable[FieldSpec]) -> tuple[SchemaField, ...]:
    """The fields as :class:`~aitems_desktop.core.rules.SchemaField`, whatever shape they came in.

    Objects with ``name`` and ``type`` (or ``types``) attributes, such as a pydantic model of
    a schema field, are read the same way.
    """
    result = []
    for spec in fields:
        if isinstance(spec, SchemaField):
            result.append(spec)
        elif isinstance(spec, Mapping):
            types = spec.get("type", spec.get("types", ()))
            result.append(
                SchemaField(
                    str(spec["name"]),
                    _types(types),
                    bool(spec.get("categorical", False)),
                )
            )
        elif isinstance(spec, tuple):
            name, types, *rest = spec
            result.append(SchemaField(str(name), _types(types), bool(rest[0]) if rest else False))
        else:
            types = getattr(spec, "types", None) or getattr(spec, "type", ())
            result.append(
                SchemaField(
                    str(spec.name), _types(types), bool(getattr(spec, "categorical", False))
                )
            )
    return tuple(result)


def _types(types: Any) -> tuple[str, ...]:
    if isinstance(types, str):
        return (types,)
    return tuple(str(t) for t in types)


def _describe_types(grammar: FieldGrammar) -> str:
    names = list(grammar.types) + (["null (empty)"] if grammar.nullable else [])
    return " or ".join(names) if names else "null (empty)"


@dataclass
class _Plan:
    """What each column of the file is checked against, derived from header and schema."""

    header: tuple[str, ...]
    grammars: list[FieldGrammar]
    required: set[int]
    fast: re.Pattern[str]
    #: The unique key column, for a user or item file.
    key_index: int | None = None
    #: Interaction columns cross-checked: (column index, field, kind, the other file's ids).
    cross: list[tuple[int, str, ProblemKind, digest_sets.DigestSpill]] = field(default_factory=list)


def _key_pattern(index: int) -> re.Pattern[str]:
    """Column ``index`` of every line of a block without quotes, by one ``findall``."""
    return re.compile(rf"(?m)^(?:[^,\n]*,){{{index}}}([^,\r\n]*)(?=[,\r\n])")


def _offset_of_line(text: str, lines: int) -> int:
    offset = 0
    for _ in range(lines):
        offset = text.index("\n", offset) + 1
    return offset


class _Check:
    def __init__(
        self,
        path: Path,
        dataset_type: str,
        fields: tuple[SchemaField, ...],
        log: ProblemLog,
        progress: ProgressCallback | None,
        cancel: CancelFlag | None,
        workdir: Path,
        block_bytes: int,
    ) -> None:
        self.path = path
        self.dataset_type = dataset_type
        self.fields = fields
        self.log = log
        self.progress = progress
        self.cancel = cancel
        self.workdir = workdir
        self.block_bytes = block_bytes
        self.rows = 0
        self.header: tuple[str, ...] = ()
        self.compressed = False
        self.bom = False
        self.size = 0
        self.stopped = False
        self.cross_checks: list[CrossCheck] = []
        self.unique: digest_sets.DigestSpill | None = None
        self.wanted: list[digest_sets.DigestSpill] = []

    # --- plumbing -------------------------------------------------------------------------

    def check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise CheckCancelledError(
                QT_TRANSLATE_NOOP("aitems", "the check was cancelled"), path=str(self.path)
            )

    def report(self, phase: CheckPhase, source: CsvSource, rows: int = 0) -> None:
        if self.progress is not None:
            self.progress(
                CheckProgress(phase, source.position, source.size, rows, str(source.path))
            )

    def add(self, kind: ProblemKind, message: str, **where: Any) -> None:
        self.log.add(Problem(kind, message, **where))

    # --- the schema and the header ----------------------------------------------------------

    def check_schema(self) -> None:
        # Every comparison goes through a dict: a schema or header of n names costs O(n).
        counts = Counter(f.name for f in self.fields)
        first: dict[str, SchemaField] = {}
        for spec in self.fields:
            first.setdefault(spec.name, spec)
        for required in REQUIRED_FIELDS.get(self.dataset_type, ()):
            found = first.get(required.name)
            matching = [] if found is None else [found]
            if not matching:
                self.add(
                    ProblemKind.SCHEMA_MISSING_REQUIRED,
                    f"the schema has no {required.name} field, which every "
                    f"{self.dataset_type} schema needs ({required.types[0]}, not null)",
                    field=required.name,
                )
            elif tuple(t for t in matching[0].types) != required.types:
                self.add(
                    ProblemKind.SCHEMA_REQUIRED_TYPE,
                    f"{required.name} must have the type {required.types[0]} alone "
                    f"(the schema says {', '.join(matching[0].types) or 'nothing'}); "
                    f"its values are checked as {required.types[0]}",
                    field=required.name,
                )
        for number, spec in enumerate(self.fields):
            if number % _CANCEL_EVERY == 0:
                self.check_cancel()
            if not is_valid_field_name(spec.name):
                self.add(
                    ProblemKind.SCHEMA_FIELD_NAME,
                    f"{spec.name!r} cannot be a field name (a letter or _, then letters, "
                    "digits and _, at most 64)",
                    field=spec.name,
                )
            for problem in field_type_problems(spec.types):
                self.add(
                    ProblemKind.SCHEMA_FIELD_TYPE,
                    f"the type list of {spec.name} is wrong ({problem}): "
                    f"{', '.join(spec.types) or 'empty'}",
                    field=spec.name,
                )
        for name in sorted(n for n, count in counts.items() if count > 1):
            self.add(
                ProblemKind.SCHEMA_DUPLICATE_FIELD,
                f"the schema names {name} more than once",
                field=name,
            )

    def check_name(self) -> None:
        name = self.path.name.lower()
        suffix = ".csv.gz" if self.compressed else ".csv"
        if not name.endswith(DATASET_FILE_SUFFIXES):
            self.add(
                ProblemKind.FILE_NAME,
                f"AiTEMS reads .csv and .csv.gz objects: give the object a name ending in "
                f"{suffix} when you upload it",
            )
        elif name.endswith(".gz") != self.compressed:
            what = "gzip data" if self.compressed else "plain text, not gzip"
            self.add(
                ProblemKind.FILE_NAME,
                f"the name ends in {Path(name).suffix} but the file is {what}: name it *{suffix}",
            )

    def plan(self, header: list[str]) -> _Plan:
        """Check the header against the schema; decide what each column is checked as."""
        self.header = tuple(header)
        expected = [f.name for f in self.fields]
        by_name = {f.name: f for f in self.fields}
        folded = {f.name.strip().upper(): f for f in self.fields}
        required = {r.name: r.types[0] for r in REQUIRED_FIELDS.get(self.dataset_type, ())}
        if header != expected:
            self._header_problems(header, expected, folded)
        self.check_cancel()
        grammars = []
        required_columns = set()
        matched: list[str | None] = []
        for index, name in enumerate(header):
            spec = by_name.get(name) or folded.get(name.strip().upper())
            if spec is None:
                grammars.append(text_column(name))
                matched.append(None)
                continue
            is_required = spec.name in required
            if is_required:
                required_columns.add(index)
            grammars.append(
                grammar_for(
                    spec.name,
                    spec.types,
                    required=is_required,
                    required_type=required.get(spec.name),
                )
            )
            matched.append(spec.name)
        plan = _Plan(self.header, grammars, required_columns, re.compile(row_pattern(grammars)))
        key = UNIQUE_KEY_FIELD.get(self.dataset_type)
        if key is not None and key in matched:
            plan.key_index = matched.index(key)
        return plan

    def _header_problems(
        self, header: list[str], expected: list[str], folded: Mapping[str, SchemaField]
    ) -> None:
        if len(header) == 1 and len(expected) > 1:
            for delimiter, name in _DELIMITERS.items():
                if delimiter in header[0]:
                    raise FatalProblemError(
                        Problem(
                            ProblemKind.WRONG_DELIMITER,
                            f"the header is one column holding {name}s: the values are "
                            f"separated by {name}s, and AiTEMS reads commas. Save the file "
                            "as comma-separated values.",
                            line=1,
                            value=excerpt(header[0]),
                        )
                    )
        seen: set[str] = set()
        wanted = set(expected)
        for column, name in enumerate(header, start=1):
            if column % _CANCEL_EVERY == 0:
                self.check_cancel()
            if name in seen:
                self.add(
                    ProblemKind.HEADER_DUPLICATE,
                    f"the column {name} appears twice",
                    line=1,
                    column=column,
                    field=name,
                )
            seen.add(name)
        present = set(header)
        explained: set[str] = set()
        for column, name in enumerate(header, start=1):
            if name in wanted:
                continue
            spec = folded.get(name.strip().upper())
            if spec is None:
                continue
            explained.add(spec.name)
            if name.strip() != name and name.strip() == spec.name:
                self.add(
                    ProblemKind.HEADER_SPACES,
                    f"the column name {name!r} has spaces around it; the schema field is "
                    f"{spec.name}",
                    line=1,
                    column=column,
                    field=spec.name,
                    value=name,
                )
            else:
                self.add(
                    ProblemKind.HEADER_CASE,
                    f"the column {name!r} differs from the schema field {spec.name} in "
                    "case; names must match exactly",
                    line=1,
                    column=column,
                    field=spec.name,
                    value=name,
                )
        required = {r.name for r in REQUIRED_FIELDS.get(self.dataset_type, ())}
        for name in expected:
            if name not in present and name not in explained:
                what = "required column" if name in required else "column"
                self.add(
                    ProblemKind.HEADER_MISSING_COLUMN,
                    f"the {what} {name} of the schema is not in the header",
                    line=1,
                    field=name,
                )
        for column, name in enumerate(header, start=1):
            if name not in wanted and folded.get(name.strip().upper()) is None:
                self.add(
                    ProblemKind.HEADER_EXTRA_COLUMN,
                    f"the column {name!r} is not in the schema",
                    line=1,
                    column=column,
                    value=excerpt(name),
                )
        in_both = [n for n in header if n in wanted]
        if in_both != [n for n in expected if n in present]:
            self.add(
                ProblemKind.HEADER_ORDER,
                "the columns are not in the schema's order; expected: " + ",".join(expected),
                line=1,
                value=excerpt(",".join(header)),
            )
        if (
            not explained
            and not present.intersection(expected)
            and any(is_long(n) or is_decimal_shape(n) for n in header)
        ):
            self.add(
                ProblemKind.HEADER_LOOKS_LIKE_DATA,
                "the first line looks like data: the file needs a header line naming the "
                "columns, " + ",".join(expected),
                line=1,
                value=excerpt(",".join(header)),
            )

    # --- the rows ---------------------------------------------------------------------------

    def value_problem(self, plan: _Plan, kind: str, line: int, index: int, value: str) -> None:
        grammar = plan.grammars[index]
        types = _describe_types(grammar)
        problem_kind = _VALUE_KINDS[kind]
        if problem_kind is ProblemKind.MISSING_VALUE:
            why = "a required field" if index in plan.required else f"its type is {types}"
            message = f"{grammar.name} is empty, and it may not be: {why}"
        elif problem_kind is ProblemKind.NULL_AS_TEXT:
            message = f"{value!r} is text, not a null: leave the field empty for no value" + (
                "" if grammar.nullable else f" (and {grammar.name} may not be null)"
            )
        elif problem_kind is ProblemKind.OUT_OF_RANGE:
            message = f"{excerpt(value, 40)} is outside the range of {types}"
        else:
            message = f"{excerpt(value, 40)!r} is not {types}"
            integral = {FieldType.INT, FieldType.LONG}.intersection(grammar.types)
            if integral and re.fullmatch(r"[+-]?[0-9]+\.0*", value):
                message += " (a whole number written with a decimal point)"
            elif grammar.name == "TIMESTAMP":
                message += "; TIMESTAMP is Unix time as a whole number, such as 1700000000"
        self.add(
            problem_kind,
            message,
            line=line,
            column=index + 1,
            field=grammar.name,
            value=excerpt(value),
        )

    def records(
        self, text: str, first_line: int, stop_on_field_limit: bool = True
    ) -> tuple[list[tuple[int, list[str]]], tuple[str, int] | None]:
        """Parse ``text`` with ``csv.reader``; report what it refuses.

        Returns the records with their lines, and the unfinished last record (its text and
        line) when a quoted field runs past the end of ``text``.
        """
        reader = csv.reader(io.StringIO(text, newline="\n"), strict=True)
        found: list[tuple[int, list[str]]] = []
        while True:
            before = reader.line_num
            line = first_line + before
            try:
                row = next(reader)
            except StopIteration:
                return found, None
            except csv.Error as exc:
                message = str(exc)
                if "unexpected end of data" in message:
                    return found, (text[_offset_of_line(text, before) :], line)
                if "field larger than field limit" in message:
                    problem = Problem(
                        ProblemKind.FIELD_TOO_LARGE,
                        f"a field longer than {csv.field_size_limit():,} characters starts "
                        "on this line; most often a quote that is never closed",
                        line=line,
                    )
                    if stop_on_field_limit:
                        raise FatalProblemError(problem) from exc
                    return found, None
                if "new-line character seen in unquoted field" in message:
                    self.add(
                        ProblemKind.BAD_LINE_BREAK,
                        "a carriage return (CR) inside an unquoted field; quote the field or "
                        "remove the CR",
                        line=line,
                    )
                else:
                    self.add(
                        ProblemKind.BAD_QUOTE,
                        f"a quote in the wrong place ({message}); a quoted field must end "
                        'with a quote followed by a comma, and a quote inside it is written ""',
                        line=line,
                    )
                continue
            found.append((line, row))

    def check_slow(
        self, plan: _Plan, text: str, first_line: int, keys: list[list[str]]
    ) -> tuple[str, int] | None:
        found, carry = self.records(text, first_line)
        width = len(plan.grammars)
        checked = [(i, g) for i, g in enumerate(plan.grammars) if not (g.any_text and g.nullable)]
        key_columns = self.key_columns(plan)
        for line, row in found:
            if not row:
                self.add(
                    ProblemKind.BLANK_LINE,
                    "a blank line; remove it (readers differ in what they make of it)",
                    line=line,
                )
                continue
            self.rows += 1
            if len(row) != width:
                self.add(
                    ProblemKind.COLUMN_COUNT,
                    f"{len(row)} columns where the header has {width}",
                    line=line,
                    value=excerpt(",".join(row)),
                )
                continue
            for index, grammar in checked:
                kind = grammar.problem(row[index])
                if kind is not None:
                    self.value_problem(plan, kind, line, index, row[index])
            for bucket, column in zip(keys, key_columns, strict=True):
                if row[column]:
                    bucket.append(row[column])
        return carry

    @staticmethod
    def key_columns(plan: _Plan) -> list[int]:
        columns = [] if plan.key_index is None else [plan.key_index]
        return columns + [entry[0] for entry in plan.cross]

    def run(self, source: CsvSource, plan_for: Callable[[list[str]], _Plan]) -> _Plan | None:
        """The main pass: header, then every block."""
        blocks = source.blocks()
        first = next(blocks, None)
        if first is None:
            raise FatalProblemError(Problem(ProblemKind.EMPTY_FILE, "the file is empty"))
        header_end = first.text.index("\n") + 1
        header_text = first.text[:header_end]
        try:
            header = next(csv.reader([header_text.rstrip("\r\n")], strict=True))
        except (csv.Error, StopIteration) as exc:
            raise FatalProblemError(
                Problem(
                    ProblemKind.BAD_QUOTE,
                    f"the header line cannot be read as CSV ({exc})",
                    line=1,
                    value=excerpt(header_text),
                )
            ) from exc
        if len(header) > MAX_FIELDS:
            raise FatalProblemError(
                Problem(
                    ProblemKind.TOO_MANY_COLUMNS,
                    f"the header has {len(header):,} columns; a dataset file may have at most "
                    f"{MAX_FIELDS:,} (one for each field of its schema)",
                    line=1,
                    value=excerpt(header_text),
                )
            )
        self.check_cancel()
        plan = plan_for(header)
        key_columns = self.key_columns(plan)
        key_patterns = [_key_pattern(i) for i in key_columns]
        unique = (
            digest_sets.DigestSpill(self.workdir / "unique") if plan.key_index is not None else None
        )
        wanted = [
            digest_sets.DigestSpill(self.workdir / f"cross{n}") for n in range(len(plan.cross))
        ]
        targets = ([unique] if unique is not None else []) + wanted
        self.unique = unique
        self.wanted = wanted
        rest = Block(first.text[header_end:], 2, first.position)
        carry: tuple[str, int] | None = None
        for block in itertools.chain([rest], blocks):
            self.check_cancel()
            text, first_line = block.text, block.first_line
            if carry is not None:
                text, first_line = carry[0] + text, carry[1]
                carry = None
            if not text:
                continue
            keys: list[list[str]] = [[] for _ in key_columns]
            if plan.fast.fullmatch(text):
                self.rows += text.count("\n")
                if key_columns:
                    if '"' in text:
                        for _line, row in self.records(text, first_line)[0]:
                            for bucket, column in zip(keys, key_columns, strict=True):
                                bucket.append(row[column])
                    else:
                        keys = [p.findall(text) for p in key_patterns]
            else:
                carry = self.check_slow(plan, text, first_line, keys)
            for spill, values in zip(targets, keys, strict=True):
                spill.add(v for v in values if v)
            self.report(CheckPhase.CHECK, source, self.rows)
        if carry is not None:
            raise FatalProblemError(
                Problem(
                    ProblemKind.UNTERMINATED_QUOTE,
                    "a quoted field that starts on this line is never closed",
                    line=carry[1],
                    value=excerpt(carry[0]),
                )
            )
        return plan

    # --- second reads -------------------------------------------------------------------

    def column_values(
        self, path: Path, column: int, phase: CheckPhase
    ) -> Iterator[tuple[int, str]]:
        """Every value of ``column`` with its line, skipping what the main pass reported."""
        with CsvSource(path, self.block_bytes) as source:
            source.sniff()
            carry: tuple[str, int] | None = None
            for number, block in enumerate(source.blocks()):
                self.check_cancel()
                text, first_line = block.text, block.first_line
                if carry is not None:
                    text, first_line = carry[0] + text, carry[1]
                if number == 0:
                    end = text.index("\n") + 1
                    text, first_line = text[end:], first_line + 1
                found, carry = _quiet_records(text, first_line)
                for line, row in found:
                    if len(row) > column and row[column]:
                        yield line, row[column]
                self.report(phase, source)

    def confirm_duplicates(self, plan: _Plan, candidates: set[int]) -> None:
        assert plan.key_index is not None
        name = plan.header[plan.key_index]
        first_seen: dict[str, int] = {}
        for line, value in self.column_values(
            self.path, plan.key_index, CheckPhase.FIND_DUPLICATES
        ):
            if hash(value) not in candidates:
                continue
            first = first_seen.setdefault(value, line)
            if first != line:
                self.add(
                    ProblemKind.DUPLICATE_KEY,
                    f"{name} {excerpt(value, 40)!r} appears again; it is first on line {first:,}",
                    line=line,
                    column=plan.key_index + 1,
                    field=name,
                    value=excerpt(value),
                )

    def cross_examples(self, column: int, kept: set[int]) -> tuple[tuple[int, str], ...]:
        examples: dict[str, int] = {}
        for line, value in self.column_values(self.path, column, CheckPhase.FIND_UNKNOWN_IDS):
            if hash(value) in kept and value not in examples:
                examples[value] = line
                if len(examples) >= CROSS_EXAMPLES:
                    break
        return tuple((line, value) for value, line in examples.items())


def _quiet_records(
    text: str, first_line: int
) -> tuple[list[tuple[int, list[str]]], tuple[str, int] | None]:
    """Records of ``text`` for a second read: what ``csv.reader`` refuses is skipped."""
    reader = csv.reader(io.StringIO(text, newline="\n"), strict=True)
    found: list[tuple[int, list[str]]] = []
    while True:
        before = reader.line_num
        try:
            row = next(reader)
        except StopIteration:
            return found, None
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                return found, (text[_offset_of_line(text, before) :], first_line + before)
            if "field larger than field limit" in str(exc):
                return found, None
            continue
        found.append((first_line + before, row))


def read_ids(
    path: Path,
    column_name: str,
    spill: digest_sets.DigestSpill,
    *,
    phase: CheckPhase,
    progress: ProgressCallback | None,
    cancel: CancelFlag | None,
    block_bytes: int,
) -> str | None:
    """Put the digests of one column of another file into ``spill``; None, or why not.

    A file without the column is a reason (the comparison is skipped with a warning); a file
    that cannot be opened or is not CSV text raises :class:`CsvCheckError`, since the
    comparison asked for cannot run at all.
    """
    role = "user" if phase is CheckPhase.READ_USER_IDS else "item"
    try:
        with CsvSource(path, block_bytes) as source:
            source.sniff()
            pattern: re.Pattern[str] | None = None
            column = -1
            carry: tuple[str, int] | None = None
            for number, block in enumerate(source.blocks()):
                if cancel is not None and cancel.is_set():
                    raise CheckCancelledError(
                        QT_TRANSLATE_NOOP("aitems", "the check was cancelled"), path=str(path)
                    )
                text, first_line = block.text, block.first_line
                if number == 0:
                    end = text.index("\n") + 1
                    header = next(csv.reader([text[:end].rstrip("\r\n")]), [])
                    if column_name not in header:
                        return f"{path.name} has no {column_name} column"
                    column = header.index(column_name)
                    pattern = _key_pattern(column)
                    text, first_line = text[end:], 2
                if carry is not None:
                    text, first_line = carry[0] + text, carry[1]
                    carry = None
                if '"' in text or pattern is None:
                    found, carry = _quiet_records(text, first_line)
                    values = [row[column] for _, row in found if len(row) > column]
                else:
                    values = pattern.findall(text)
                spill.add(v for v in values if v)
                if progress is not None:
                    progress(CheckProgress(phase, source.position, source.size, 0, str(path)))
    except FatalProblemError as stop:
        raise CsvCheckError(
            f"the {role} file {path} cannot be read: {stop.problem.message}", path=str(path)
        ) from stop
    except CheckCancelledError:
        raise
    except CsvCheckError as exc:
        raise CsvCheckError(
            f"the {role} file cannot be used: {exc.message}", path=str(path)
        ) from exc
    return None


def check_file(
    path: str | os.PathLike[str],
    dataset_type: DatasetType | str,
    fields: Iterable[FieldSpec],
    *,
    user_file: str | os.PathLike[str] | None = None,
    item_file: str | os.PathLike[str] | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelFlag | None = None,
    limit: int = 1000,
    temp_dir: str | os.PathLike[str] | None = None,
    block_bytes: int | None = None,
) -> CheckReport:
    """Check a dataset file (csv or csv.gz) against its schema; return every problem found.

    ``fields`` are the schema's fields in order (see :data:`FieldSpec`). For an interaction
    file, ``user_file`` and ``item_file`` (optional) are the user and item files it will be
    trained with: ids missing from them are reported as warnings with counts and examples.
    ``progress`` is called from this thread after each block (about 1 MB) of each phase;
    ``cancel`` (a ``threading.Event`` or anything with ``is_set()``) is looked at as often,
    and a set flag ends the check with :class:`CheckCancelledError`. Temporary files (digests of
    ids, 8 bytes an id) go under ``temp_dir`` or the system's temporary directory and are
    removed before returning.

    Raises :class:`CsvCheckError` when the file cannot be opened or read; every problem of
    its content is in the report instead.
    """
    started = time.monotonic()
    file_path = Path(path)
    kind = DatasetType(dataset_type)
    specs = schema_fields(fields)
    log = ProblemLog(limit)
    try:
        with tempfile.TemporaryDirectory(prefix="aitems-check-", dir=temp_dir) as scratch:
            check = _Check(
                file_path,
                kind.value,
                specs,
                log,
                progress,
                cancel,
                Path(scratch),
                block_bytes or 1 << 20,
            )
            if len(specs) > MAX_FIELDS:
                # Nothing in the file can be compared with such a schema: stop before reading.
                log.add(
                    Problem(
                        ProblemKind.SCHEMA_TOO_MANY_FIELDS,
                        f"the schema has {len(specs):,} fields; a schema may have at most "
                        f"{MAX_FIELDS:,}",
                    )
                )
                check.stopped = True
                return _report(check, log, kind, started, limit)
            check.check_schema()
            cross_specs: list[tuple[str, ProblemKind, digest_sets.DigestSpill]] = []
            if kind is DatasetType.INTERACTION:
                for (name, problem_kind, phase, label), other in zip(
                    _CROSS_FIELDS, (user_file, item_file), strict=True
                ):
                    if other is None:
                        continue
                    spill = digest_sets.DigestSpill(Path(scratch) / f"{label}-ids")
                    why_not = read_ids(
                        Path(other),
                        name,
                        spill,
                        phase=phase,
                        progress=progress,
                        cancel=cancel,
                        block_bytes=check.block_bytes,
                    )
                    if why_not:
                        log.add(
                            Problem(
                                ProblemKind.CROSS_CHECK_SKIPPED,
                                f"{name} values are not compared with the {label} file: {why_not}",
                                field=name,
                            )
                        )
                    else:
                        cross_specs.append((name, problem_kind, spill))

            def plan_for(header: list[str]) -> _Plan:
                plan = check.plan(header)
                for name, problem_kind, spill in cross_specs:
                    if name in header:
                        plan.cross.append((header.index(name), name, problem_kind, spill))
                return plan

            plan: _Plan | None = None
            with CsvSource(file_path, check.block_bytes) as source:
                check.size = source.size
                try:
                    source.sniff()
                    check.compressed = source.compressed
                    check.bom = source.bom
                    check.check_name()
                    plan = check.run(source, plan_for)
                except FatalProblemError as stop:
                    log.add(stop.problem)
                    check.stopped = True
                    check.compressed, check.bom = source.compressed, source.bom
            if plan is not None and not check.stopped:
                if check.rows == 0:
                    log.add(Problem(ProblemKind.NO_ROWS, "the file has a header but no rows"))
                if check.unique is not None:
                    candidates = digest_sets.repeated(check.unique)
                    if candidates:
                        check.confirm_duplicates(plan, set(candidates))
                for (column, name, problem_kind, present), wanted in zip(
                    plan.cross, check.wanted, strict=True
                ):
                    rows, distinct, kept = digest_sets.missing(wanted, present, _CROSS_KEEP)
                    if not distinct:
                        continue
                    examples = check.cross_examples(column, kept)
                    label = "user" if problem_kind is ProblemKind.UNKNOWN_USER else "item"
                    shown = ", ".join(f"{v!r} (line {n:,})" for n, v in examples)
                    log.add(
                        Problem(
                            problem_kind,
                            f"{rows:,} rows hold {distinct:,} {name} values that are not in the "
                            f"{label} file; the first: {shown}",
                            line=examples[0][0] if examples else 0,
                            column=column + 1,
                            field=name,
                            value=excerpt(examples[0][1]) if examples else "",
                        )
                    )
                    check.cross_checks.append(
                        CrossCheck(problem_kind, name, rows, distinct, examples)
                    )
    except OSError as exc:
        # Reading the files is typed where it happens; what is left is the scratch space.
        where = f" ({exc.filename})" if exc.filename else ""
        raise CsvCheckError(
            f"the check's temporary files could not be written: {exc.strerror or exc}{where}",
            path=str(file_path),
        ) from exc
    return _report(check, log, kind, started, limit)


def _report(
    check: _Check, log: ProblemLog, kind: DatasetType, started: float, limit: int
) -> CheckReport:
    return CheckReport(
        path=str(check.path),
        dataset_type=kind.value,
        rows=check.rows,
        size=check.size,
        compressed=check.compressed,
        bom=check.bom,
        header=check.header,
        problems=log.in_file_order(),
        counts=dict(log.counts),
        stopped_early=check.stopped,
        cross_checks=tuple(check.cross_checks),
        seconds=time.monotonic() - started,
        limit=limit,
    )
