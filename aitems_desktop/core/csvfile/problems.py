"""What a check finds: typed problems with stable kinds, and the report that holds them.

The kinds are stable strings, so the GUI can translate them and the command-line tool can
print or filter them; the English ``message`` of each problem is for logs and copies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final, Protocol, Unpack

from aitems_desktop.core.errors import AitemsError, CancelledError, ErrorFields
from aitems_desktop.core.i18n import QT_TRANSLATE_NOOP


class Severity(StrEnum):
    """An error makes AiTEMS refuse or misread the file; a warning may be what you meant."""

    ERROR = "error"
    WARNING = "warning"


class ProblemKind(StrEnum):
    """Every kind of problem a check reports. The values never change once released."""

    # The file as a whole (each of these stops the check where it is found).
    EMPTY_FILE = "empty_file"
    NOT_CSV = "not_csv"  # a zip, an xlsx, an xls, a PDF, another compression
    BINARY = "binary"  # NUL bytes: not text
    ENCODING = "encoding"  # not UTF-8 (the message names the line and what it looks like)
    GZIP_CORRUPT = "gzip_corrupt"
    LINE_ENDINGS = "line_endings"  # lone CR line breaks
    LINE_TOO_LONG = "line_too_long"
    TOO_MANY_COLUMNS = "too_many_columns"
    WRONG_DELIMITER = "wrong_delimiter"
    UNTERMINATED_QUOTE = "unterminated_quote"
    # The file's name.
    FILE_NAME = "file_name"
    # The schema itself.
    SCHEMA_MISSING_REQUIRED = "schema_missing_required"
    SCHEMA_REQUIRED_TYPE = "schema_required_type"
    SCHEMA_FIELD_NAME = "schema_field_name"
    SCHEMA_FIELD_TYPE = "schema_field_type"
    SCHEMA_DUPLICATE_FIELD = "schema_duplicate_field"
    SCHEMA_TOO_MANY_FIELDS = "schema_too_many_fields"  # stops the check before the file is read
    # The header line.
    HEADER_MISSING_COLUMN = "header_missing_column"
    HEADER_EXTRA_COLUMN = "header_extra_column"
    HEADER_ORDER = "header_order"
    HEADER_CASE = "header_case"
    HEADER_SPACES = "header_spaces"
    HEADER_DUPLICATE = "header_duplicate"
    HEADER_LOOKS_LIKE_DATA = "header_looks_like_data"
    # One line.
    COLUMN_COUNT = "column_count"
    BAD_QUOTE = "bad_quote"
    BAD_LINE_BREAK = "bad_line_break"
    FIELD_TOO_LARGE = "field_too_large"
    BLANK_LINE = "blank_line"
    # One value.
    MISSING_VALUE = "missing_value"
    BAD_VALUE = "bad_value"
    OUT_OF_RANGE = "out_of_range"
    NULL_AS_TEXT = "null_as_text"
    DUPLICATE_KEY = "duplicate_key"
    # Across files.
    UNKNOWN_USER = "unknown_user"
    UNKNOWN_ITEM = "unknown_item"
    CROSS_CHECK_SKIPPED = "cross_check_skipped"
    NO_ROWS = "no_rows"


#: Kinds that are warnings; every other kind is an error.
WARNING_KINDS: Final = frozenset(
    {
        ProblemKind.FILE_NAME,
        ProblemKind.BLANK_LINE,
        ProblemKind.UNKNOWN_USER,
        ProblemKind.UNKNOWN_ITEM,
        ProblemKind.CROSS_CHECK_SKIPPED,
        ProblemKind.HEADER_LOOKS_LIKE_DATA,
        ProblemKind.NO_ROWS,
    }
)

#: How much of a value a problem quotes.
EXCERPT_CHARS: Final = 80


def excerpt(value: str, limit: int = EXCERPT_CHARS) -> str:
    """``value`` cut to ``limit`` characters, with an ellipsis when cut."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """One thing wrong, where it is, and what to do.

    ``line`` is the physical line of the file (the header is line 1; 0 means the file or the
    schema as a whole); ``column`` is the 1-based column of the CSV record (0 when the problem
    is not in one column). ``value`` is an excerpt of the offending text.
    """

    kind: ProblemKind
    message: str
    line: int = 0
    column: int = 0
    field: str = ""
    value: str = ""

    @property
    def severity(self) -> Severity:
        return Severity.WARNING if self.kind in WARNING_KINDS else Severity.ERROR

    def to_text(self) -> str:
        """One line, for a copy to the clipboard or a terminal."""
        where = []
        if self.line:
            where.append(f"line {self.line}")
        if self.column:
            where.append(f"column {self.column}")
        if self.field:
            where.append(self.field)
        place = f" ({', '.join(where)})" if where else ""
        return f"{self.severity.value}: {self.kind.value}{place}: {self.message}"


@dataclass(frozen=True)
class CrossCheck:
    """Ids of an interaction file missing from the chosen user or item file."""

    kind: ProblemKind
    field: str
    #: Interaction rows whose id is not in the other file.
    rows: int
    #: Distinct ids not in the other file.
    distinct: int
    #: The first missing ids in file order, with the line each first appears on.
    examples: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class CheckReport:
    """The outcome of a check: the first problems in file order and a count of every kind."""

    path: str
    dataset_type: str
    #: Data rows read (lines after the header that hold a record; blank lines excluded).
    rows: int
    #: The file's size on disk; for csv.gz the compressed size.
    size: int
    compressed: bool
    bom: bool
    header: tuple[str, ...]
    #: At most ``limit`` problems, in file order.
    problems: tuple[Problem, ...]
    #: How many problems of each kind were found, including those not listed.
    counts: dict[ProblemKind, int]
    #: True when a problem stopped the check before the end of the file.
    stopped_early: bool
    cross_checks: tuple[CrossCheck, ...] = ()
    seconds: float = 0.0
    limit: int = 1000

    @property
    def errors(self) -> int:
        return sum(n for k, n in self.counts.items() if k not in WARNING_KINDS)

    @property
    def warnings(self) -> int:
        return sum(n for k, n in self.counts.items() if k in WARNING_KINDS)

    @property
    def ok(self) -> bool:
        """True when nothing would make AiTEMS refuse the file (warnings allowed)."""
        return self.errors == 0

    @property
    def truncated(self) -> bool:
        return sum(self.counts.values()) > len(self.problems)

    def to_text(self) -> str:
        """The whole report as plain text, for the clipboard or a terminal."""
        verdict = "OK" if self.ok else "NOT OK"
        lines = [
            f"{self.path}: {verdict}, {self.rows:,} rows, {self.errors:,} errors, "
            f"{self.warnings:,} warnings ({self.dataset_type} file"
            f"{', gzip' if self.compressed else ''}{', UTF-8 with BOM' if self.bom else ''})"
        ]
        if self.stopped_early:
            lines.append("The check stopped at the first problem that makes the rest unreadable.")
        if self.counts:
            lines.append(
                "By kind: " + ", ".join(f"{k.value} {n:,}" for k, n in self.counts.items())
            )
        lines.extend(p.to_text() for p in self.problems)
        if self.truncated:
            listed = len(self.problems)
            lines.append(f"(the first {listed:,} of {sum(self.counts.values()):,} are listed)")
        for cross in self.cross_checks:
            shown = ", ".join(f"{v!r} (line {n})" for n, v in cross.examples)
            lines.append(
                f"{cross.kind.value}: {cross.rows:,} rows, {cross.distinct:,} distinct "
                f"{cross.field} values; first: {shown}"
            )
        return "\n".join(lines)


class ProblemLog:
    """Collects problems: keeps the first ``limit`` and counts every kind."""

    def __init__(self, limit: int = 1000) -> None:
        self.limit = limit
        self.kept: list[Problem] = []
        self.counts: Counter[ProblemKind] = Counter()

    def add(self, problem: Problem) -> None:
        self.counts[problem.kind] += 1
        if len(self.kept) < self.limit:
            self.kept.append(problem)

    def add_all(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    def count(self, kind: ProblemKind, n: int) -> None:
        """Count ``n`` more of ``kind`` that are not listed one by one."""
        self.counts[kind] += n

    def in_file_order(self) -> tuple[Problem, ...]:
        ordered = sorted(self.kept, key=lambda p: (p.line, p.column))
        return tuple(ordered[: self.limit])


class CancelFlag(Protocol):
    """What cancels a check or an upload: ``threading.Event`` is one."""

    def is_set(self) -> bool: ...


class CheckPhase(StrEnum):
    """What a check is doing; progress within a phase is bytes of one file."""

    READ_USER_IDS = "read_user_ids"
    READ_ITEM_IDS = "read_item_ids"
    CHECK = "check"
    FIND_DUPLICATES = "find_duplicates"
    FIND_UNKNOWN_IDS = "find_unknown_ids"


@dataclass(frozen=True)
class CheckProgress:
    """Where a check is: ``done`` of ``total`` bytes of the phase's file (gzip: compressed)."""

    phase: CheckPhase
    done: int
    total: int
    rows: int = 0
    path: str = field(default="")


class CsvCheckError(AitemsError):
    """A check or a schema proposal could not run over the file (it cannot be opened or read).

    It is an :class:`~aitems_desktop.core.errors.AitemsError` although it is about a local
    file, not a call to a service: the GUI and the command-line tool treat anything outside
    that family as a bug in the app and report it as one, while a file that cannot be read is
    something the person can fix, which needs a message and a hint like every other error.
    What is wrong *inside* a readable file is never an exception: it is a
    :class:`Problem` in the :class:`CheckReport`.
    """

    default_hint = QT_TRANSLATE_NOOP(
        "aitems",
        "Check that the file exists and can be read, and that there is room for the check's "
        "temporary files.",
    )

    def __init__(self, message: str, *, path: str = "", **kw: Unpack[ErrorFields]) -> None:
        super().__init__(message, **kw)
        self.path = path


class CheckCancelledError(CancelledError, CsvCheckError):
    """The check was cancelled before it finished (nothing left this computer)."""

    default_hint = QT_TRANSLATE_NOOP(
        "aitems", "Nothing was changed; start the check again when you are ready."
    )

    def __init__(self, message: str, *, path: str = "") -> None:
        CsvCheckError.__init__(self, message, path=path)
        self.may_have_reached_server = False
