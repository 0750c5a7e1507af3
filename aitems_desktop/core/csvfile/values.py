"""How a value of each schema field type is written in a dataset CSV: one grammar for all.

The checker (:mod:`.check`) and the schema proposal (:mod:`.infer`) both read values through
this module, so a column the proposal calls ``long`` is one the checker accepts as ``long``.

The choices, since NCP documents none of them (the service is a Java service, see
:mod:`aitems_desktop.core.rules`, so Java's parsers are the reference where one applies):

- **null** is an empty field: nothing between the commas, or ``""``. A field whose type list
  holds ``null`` may be empty; a required field never. The text ``null`` (any case) is not a
  null: in a ``string`` column it is the four letters, elsewhere it is a wrong value, and the
  message says to leave the field empty instead.
- **int** and **long**: an optional ``+`` or ``-``, then ASCII digits (leading zeros allowed),
  within ``-2**31 .. 2**31-1`` and ``-2**63 .. 2**63-1``; what ``Integer.parseInt`` and
  ``Long.parseLong`` accept. No spaces, no decimal point (``1.0`` is not a long), no exponent,
  no thousands separators, no other digits than 0-9.
- **float** and **double**: an optional sign, digits with an optional decimal point (``1``,
  ``1.5``, ``.5``, ``5.``) and an optional exponent (``1e-3``). ``NaN``, ``Infinity``, hex
  floats and Java's ``f``/``d`` suffixes are refused. A float beyond ``3.4028235e38`` (or a
  double beyond ``1.7976931348623157e308``) is out of range.
- **boolean**: ``true`` or ``false`` in any case; ``1``/``0``, ``yes``/``no``, ``t``/``f``
  are refused (Java's ``Boolean.parseBoolean`` would silently read them as false).
- **string**: anything, as the CSV quoting gives it.

A value may be quoted (``"123"``): quoting is the file's business, the value is what is inside.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from aitems_desktop.core.rules import FieldType

INT_MIN: Final = -(2**31)
INT_MAX: Final = 2**31 - 1
LONG_MIN: Final = -(2**63)
LONG_MAX: Final = 2**63 - 1
FLOAT_MAX: Final = 3.4028234663852886e38
DOUBLE_MAX: Final = 1.7976931348623157e308

#: The texts that people (and pandas, Excel exports, SQL dumps) write for "no value".
NULL_LOOKALIKES: Final = frozenset({"null", "none", "nan", "n/a", "na", "nil", "\\n"})


def _at_most(limit: int) -> str:
    """A regex for the decimal numbers 0..limit without leading zeros (``0`` itself included)."""
    digits = str(limit)
    width = len(digits)
    parts = ["0"]
    if width > 1:
        parts.append(f"[1-9][0-9]{{0,{width - 2}}}")
    for i, ch in enumerate(digits):
        low = 1 if i == 0 else 0
        if int(ch) > low:
            rest = width - i - 1
            tail = f"[0-9]{{{rest}}}" if rest else ""
            parts.append(f"{digits[:i]}[{low}-{int(ch) - 1}]{tail}")
    parts.append(digits)
    return "(?:" + "|".join(parts) + ")"


def _integer_pattern(low: int, high: int) -> str:
    return f"(?:\\+?0*{_at_most(high)}|-0*{_at_most(-low)})"


#: Exact grammars: a value of the type matches the whole pattern, and nothing else does.
INT_PATTERN: Final = _integer_pattern(INT_MIN, INT_MAX)
LONG_PATTERN: Final = _integer_pattern(LONG_MIN, LONG_MAX)
BOOLEAN_PATTERN: Final = "(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])"
_DECIMAL: Final = r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
DECIMAL_PATTERN: Final = f"(?:{_DECIMAL})"
#: A subset of the decimals that certainly fits a float (up to 38 integer digits, or one
#: digit before an exponent of at most 37) or a double (307 and 306): checked without
#: converting. Anything else that looks decimal is converted once to check its range.
FLOAT_FAST_PATTERN: Final = (
    r"(?:[+-]?(?:[0-9]{1,38}(?:\.[0-9]*)?|\.[0-9]+)"
    r"|[+-]?[0-9](?:\.[0-9]*)?[eE](?:-[0-9]+|\+?(?:[0-2]?[0-9]|3[0-7])))"
)
DOUBLE_FAST_PATTERN: Final = (
    r"(?:[+-]?(?:[0-9]{1,307}(?:\.[0-9]*)?|\.[0-9]+)"
    r"|[+-]?[0-9](?:\.[0-9]*)?[eE](?:-[0-9]+|\+?(?:[0-2]?[0-9]{1,2}|30[0-6])))"
)
#: An unquoted CSV field that holds any text: no comma, quote, line break or NUL.
_PLAIN_TEXT: Final = '[^,"\\r\\n\\x00]'
#: A quoted CSV field without a line break inside (those go the slow, exact way).
_QUOTED_TEXT: Final = '"(?:[^"\\r\\n\\x00]|"")*"'

_INT_RE: Final = re.compile(INT_PATTERN)
_LONG_RE: Final = re.compile(LONG_PATTERN)
_BOOLEAN_RE: Final = re.compile(BOOLEAN_PATTERN)
_DECIMAL_RE: Final = re.compile(DECIMAL_PATTERN)
_INTEGER_SHAPE_RE: Final = re.compile(r"[+-]?[0-9]+")


def is_int(value: str) -> bool:
    """True when ``value`` is a 32-bit ``int`` as this module writes it."""
    return _INT_RE.fullmatch(value) is not None


def is_long(value: str) -> bool:
    """True when ``value`` is a 64-bit ``long``."""
    return _LONG_RE.fullmatch(value) is not None


def is_boolean(value: str) -> bool:
    """True when ``value`` is ``true`` or ``false`` in any case."""
    return _BOOLEAN_RE.fullmatch(value) is not None


def is_decimal_shape(value: str) -> bool:
    """True when ``value`` is written as a decimal number (whatever its range)."""
    return _DECIMAL_RE.fullmatch(value) is not None


def is_float(value: str) -> bool:
    """True when ``value`` is a decimal within the range of a 32-bit float."""
    return is_decimal_shape(value) and abs(float(value)) <= FLOAT_MAX


def is_double(value: str) -> bool:
    """True when ``value`` is a decimal within the range of a 64-bit double."""
    return is_decimal_shape(value) and not math.isinf(float(value))


def is_null(value: str) -> bool:
    """True when ``value`` is how this module writes a null: an empty field."""
    return value == ""


_CHECKS: Final[dict[str, Callable[[str], bool]]] = {
    FieldType.STRING: lambda v: True,
    FieldType.INT: is_int,
    FieldType.LONG: is_long,
    FieldType.BOOLEAN: is_boolean,
    FieldType.FLOAT: is_float,
    FieldType.DOUBLE: is_double,
    FieldType.NULL: lambda v: False,
}


def accepts(field_type: str, value: str) -> bool:
    """True when a non-empty ``value`` is a valid value of ``field_type``."""
    check = _CHECKS.get(field_type)
    return check is not None and check(value)


class ValueProblem:
    """What is wrong with one value (stable names, see :class:`.problems.ProblemKind`)."""

    MISSING = "missing_value"
    BAD = "bad_value"
    OUT_OF_RANGE = "out_of_range"
    NULL_AS_TEXT = "null_as_text"


@dataclass(frozen=True)
class FieldGrammar:
    """The values one column accepts: its types, and whether it may be empty."""

    name: str
    types: tuple[str, ...]
    nullable: bool

    @property
    def any_text(self) -> bool:
        return FieldType.STRING in self.types

    def problem(self, value: str) -> str | None:
        """The :class:`ValueProblem` of ``value`` in this column, or None when it is valid."""
        if value == "":
            return None if self.nullable else ValueProblem.MISSING
        if self.any_text:
            return None
        if any(accepts(t, value) for t in self.types):
            return None
        if value.lower() in NULL_LOOKALIKES:
            return ValueProblem.NULL_AS_TEXT
        numeric = {FieldType.INT, FieldType.LONG}.intersection(self.types)
        if numeric and _INTEGER_SHAPE_RE.fullmatch(value):
            return ValueProblem.OUT_OF_RANGE
        decimal = {FieldType.FLOAT, FieldType.DOUBLE}.intersection(self.types)
        if decimal and is_decimal_shape(value):
            return ValueProblem.OUT_OF_RANGE
        return ValueProblem.BAD

    def fast_pattern(self) -> str:
        """A regex (no groups) for this column as it stands in a CSV line, quoted or not.

        It matches only valid values, so a line it accepts needs no other check; it may
        refuse a valid value (a huge float, a quoted line break, a quote inside a value),
        which then goes the exact way.
        """
        if self.any_text:
            plain = f"{_PLAIN_TEXT}+"
            quoted = '"(?:[^"\\r\\n\\x00]|"")+"'
            alternatives = [plain, quoted]
        else:
            typed = []
            for t in self.types:
                if t == FieldType.INT:
                    typed.append(INT_PATTERN)
                elif t == FieldType.LONG:
                    typed.append(LONG_PATTERN)
                elif t == FieldType.BOOLEAN:
                    typed.append(BOOLEAN_PATTERN)
                elif t == FieldType.FLOAT:
                    typed.append(FLOAT_FAST_PATTERN)
                elif t == FieldType.DOUBLE:
                    typed.append(DOUBLE_FAST_PATTERN)
            if not typed:
                alternatives = []
            else:
                one = "(?:" + "|".join(typed) + ")"
                alternatives = [one, f'"{one}"']
        if self.nullable:
            alternatives.append('""')
            return "(?:" + "|".join(alternatives) + ")?" if alternatives else '(?:"")?'
        return "(?:" + "|".join(alternatives) + ")" if alternatives else "(?!)"


def grammar_for(
    name: str, types: Sequence[str], *, required: bool = False, required_type: str | None = None
) -> FieldGrammar:
    """The grammar of a column: its schema types, or for a required field its documented type.

    A required field is never null, whatever its schema says, and its values are read as the
    documented type (``TIMESTAMP`` as a ``long``) so a schema that declares it otherwise does
    not hide wrong values.
    """
    if required and required_type is not None:
        return FieldGrammar(name, (required_type,), nullable=False)
    known = tuple(t for t in types if t in _CHECKS)
    nullable = FieldType.NULL in known and not required
    return FieldGrammar(name, tuple(t for t in known if t != FieldType.NULL), nullable)


def row_pattern(grammars: Sequence[FieldGrammar]) -> str:
    """A regex for a block of whole lines, each the columns of ``grammars`` in order.

    The repeat is possessive (``*+``): a line ends at its line break whichever way its
    columns matched, so going back into earlier lines can never help, and a plain ``*``
    makes the regex engine keep a backtracking record for every line of the block (about
    20 MB of peak memory for a 1 MB block, measured; none with ``*+``, and 10-15% faster).
    """
    row = ",".join(g.fast_pattern() for g in grammars)
    return f"(?:{row}\\r?\\n)*+"


#: A column holding any text, not null: for columns that are not in the schema.
def text_column(name: str) -> FieldGrammar:
    return FieldGrammar(name, (FieldType.STRING,), nullable=True)
