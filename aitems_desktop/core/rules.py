"""The documented input rules of AiTEMS, stated once.

Both the request models (:mod:`aitems_desktop.core.models`) and the GUI's validators are
built from these constants and functions, so the form can never accept what the model
rejects, or the other way round.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Final

#: Characters allowed anywhere in a name (ASCII only, spelled out so no locale can widen it).
NAME_CHARACTERS: Final = "A-Za-z0-9_-"
NAME_MIN_LENGTH: Final = 3
NAME_MAX_LENGTH: Final = 20
DESCRIPTION_MAX_LENGTH: Final = 100

#: A service name: 3 to 20 of NAME_CHARACTERS, the first an ASCII letter or ``_``.
SERVICE_NAME_PATTERN: Final = (
    rf"[A-Za-z_][{NAME_CHARACTERS}]{{{NAME_MIN_LENGTH - 1},{NAME_MAX_LENGTH - 1}}}"
)
#: A dataset or schema name: the same, but the first character is an ASCII letter.
DATASET_NAME_PATTERN: Final = (
    rf"[A-Za-z][{NAME_CHARACTERS}]{{{NAME_MIN_LENGTH - 1},{NAME_MAX_LENGTH - 1}}}"
)

_SERVICE_NAME_RE: Final = re.compile(SERVICE_NAME_PATTERN)
_DATASET_NAME_RE: Final = re.compile(DATASET_NAME_PATTERN)
_NAME_CHAR_RE: Final = re.compile(rf"[{NAME_CHARACTERS}]")
_SERVICE_FIRST_RE: Final = re.compile(r"[A-Za-z_]")
_DATASET_FIRST_RE: Final = re.compile(r"[A-Za-z]")


class ServiceType(StrEnum):
    """How a service trains: ``batch`` once when asked, ``interval`` on a cycle."""

    BATCH = "batch"
    INTERVAL = "interval"


SERVICE_TYPES: Final = tuple(t.value for t in ServiceType)
DEFAULT_SERVICE_TYPE: Final = ServiceType.BATCH
#: What each type means, for people (the form's choices and the result tree both show it).
SERVICE_TYPE_DESCRIPTIONS: Final[dict[str, str]] = {
    ServiceType.BATCH: "Batch: trains once when asked",
    ServiceType.INTERVAL: "Interval: retrains on a cycle",
}


class NameProblem(StrEnum):
    """One thing wrong with a name, in the order a person should fix them."""

    EMPTY = "empty"
    BAD_FIRST_CHARACTER = "bad_first_character"
    BAD_CHARACTER = "bad_character"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"


def _name_problems(name: str, first: re.Pattern[str]) -> list[NameProblem]:
    if not name:
        return [NameProblem.EMPTY]
    problems: list[NameProblem] = []
    if not first.fullmatch(name[0]):
        problems.append(NameProblem.BAD_FIRST_CHARACTER)
    if any(not _NAME_CHAR_RE.fullmatch(ch) for ch in name[1:]):
        problems.append(NameProblem.BAD_CHARACTER)
    if len(name) < NAME_MIN_LENGTH:
        problems.append(NameProblem.TOO_SHORT)
    elif len(name) > NAME_MAX_LENGTH:
        problems.append(NameProblem.TOO_LONG)
    return problems


def service_name_problems(name: str) -> list[NameProblem]:
    """Return what is wrong with ``name`` as a service name; an empty list means valid.

    The result is empty exactly when :data:`SERVICE_NAME_PATTERN` matches the whole string.
    """
    return _name_problems(name, _SERVICE_FIRST_RE)


def dataset_name_problems(name: str) -> list[NameProblem]:
    """Return what is wrong with ``name`` as a dataset or schema name."""
    return _name_problems(name, _DATASET_FIRST_RE)


def is_valid_service_name(name: str) -> bool:
    """True when ``name`` is a valid service name (the whole string, nothing after it)."""
    return _SERVICE_NAME_RE.fullmatch(name) is not None


def is_valid_dataset_name(name: str) -> bool:
    """True when ``name`` is a valid dataset or schema name."""
    return _DATASET_NAME_RE.fullmatch(name) is not None


def description_problems(description: str) -> list[str]:
    """Return what is wrong with a description: only its length is ruled."""
    if len(description) > DESCRIPTION_MAX_LENGTH:
        return ["too_long"]
    return []
