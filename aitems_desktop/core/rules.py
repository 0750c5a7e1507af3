"""The documented input rules and vocabulary of AiTEMS, stated once for the client side.

The request models (:mod:`aitems_desktop.core.models`), the GUI's validators, the command-line
tool and the CSV checker are all built from these constants and functions, so no surface can
accept what another rejects. Standard library only: the command-line tool's ``--help`` and the
window's first paint import this module without pydantic.

Sources are the API notes in the repository's shared documents (``aitems-api-full.md``). Where
NCP's own documents disagree, the choice made here is written beside the rule. The sandbox
keeps an independent reading of the same documents (``aitems_desktop/sandbox/rules.py``), and a
test holds the two readings against each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

# --- names and descriptions -----------------------------------------------------------------

#: Characters allowed anywhere in a name (ASCII only, spelled out so no locale can widen it).
NAME_CHARACTERS: Final = "A-Za-z0-9_-"
NAME_MIN_LENGTH: Final = 3
NAME_MAX_LENGTH: Final = 20
#: Dataset names: the API reference says 3 to 20, the console guide 5 to 20. The API is what
#: the client talks to, so 3 is the floor here; the form says that the console asks for 5.
DATASET_NAME_CONSOLE_MIN_LENGTH: Final = 5

#: Descriptions of services, datasets, schemas and trainings: "0~100자".
#:
#: Counted in UTF-16 code units, not in code points. The service answers with Spring Boot's
#: error shape (``timestamp``, ``path``, ``status``, ``error``), so it is a Java service, and a
#: Java ``@Size(max = 100)`` counts ``String.length()``, which is UTF-16 code units. For Korean
#: and ASCII text both counts are the same; an emoji outside the Basic Multilingual Plane counts
#: two. Counting the stricter way means the app never accepts a description the service may
#: reject; the cost is that 51 emoji are refused where the service might take them.
DESCRIPTION_MAX_LENGTH: Final = 100

#: A service name: 3 to 20 of NAME_CHARACTERS, the first an ASCII letter or ``_``.
SERVICE_NAME_PATTERN: Final = (
    rf"[A-Za-z_][{NAME_CHARACTERS}]{{{NAME_MIN_LENGTH - 1},{NAME_MAX_LENGTH - 1}}}"
)
#: A dataset or schema name: the same, but the first character is an ASCII letter.
DATASET_NAME_PATTERN: Final = (
    rf"[A-Za-z][{NAME_CHARACTERS}]{{{NAME_MIN_LENGTH - 1},{NAME_MAX_LENGTH - 1}}}"
)
#: Schema names follow the dataset rule ("영어로 시작해야 하며 영어, 숫자, '_', '-'만").
SCHEMA_NAME_PATTERN: Final = DATASET_NAME_PATTERN

_SERVICE_NAME_RE: Final = re.compile(SERVICE_NAME_PATTERN)
_DATASET_NAME_RE: Final = re.compile(DATASET_NAME_PATTERN)
_NAME_CHAR_RE: Final = re.compile(rf"[{NAME_CHARACTERS}]")
_SERVICE_FIRST_RE: Final = re.compile(r"[A-Za-z_]")
_DATASET_FIRST_RE: Final = re.compile(r"[A-Za-z]")


class NameProblem(StrEnum):
    """One thing wrong with a name, in the order a person should fix them."""

    EMPTY = "empty"
    BAD_FIRST_CHARACTER = "bad_first_character"
    BAD_CHARACTER = "bad_character"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    RESERVED = "reserved"


#: ``GET /schemas/default`` is the default-schema operation (C4), so a schema named
#: ``default`` could be created but never read back by name. The app does not create one.
RESERVED_SCHEMA_NAMES: Final = frozenset({"default"})


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
    """Return what is wrong with ``name`` as a dataset name; empty exactly when it is valid."""
    return _name_problems(name, _DATASET_FIRST_RE)


def schema_name_problems(name: str) -> list[NameProblem]:
    """Return what is wrong with ``name`` as a schema name (the dataset rule, not ``default``)."""
    problems = _name_problems(name, _DATASET_FIRST_RE)
    if not problems and name in RESERVED_SCHEMA_NAMES:
        problems.append(NameProblem.RESERVED)
    return problems


def is_valid_service_name(name: str) -> bool:
    """True when ``name`` is a valid service name (the whole string, nothing after it)."""
    return _SERVICE_NAME_RE.fullmatch(name) is not None


def is_valid_dataset_name(name: str) -> bool:
    """True when ``name`` is a valid dataset or schema name."""
    return _DATASET_NAME_RE.fullmatch(name) is not None


def text_length(text: str) -> int:
    """The length of ``text`` as the service counts it: UTF-16 code units (see above)."""
    return sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)


def has_lone_surrogate(text: str) -> bool:
    """True when ``text`` holds a lone surrogate, which no UTF-8 request can carry."""
    return any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)


class TextProblem(StrEnum):
    TOO_LONG = "too_long"
    NOT_ENCODABLE = "not_encodable"


def description_problems(description: str) -> list[TextProblem]:
    """Return what is wrong with a description (its length, or a character UTF-8 cannot carry)."""
    problems: list[TextProblem] = []
    if has_lone_surrogate(description):
        problems.append(TextProblem.NOT_ENCODABLE)
    if text_length(description) > DESCRIPTION_MAX_LENGTH:
        problems.append(TextProblem.TOO_LONG)
    return problems


# --- services ----------------------------------------------------------------------------------


class ServiceType(StrEnum):
    """How a service trains: ``batch`` once when asked, ``interval`` on a cycle."""

    BATCH = "batch"
    INTERVAL = "interval"


SERVICE_TYPES: Final = tuple(t.value for t in ServiceType)
DEFAULT_SERVICE_TYPE: Final = ServiceType.BATCH


class ServiceStatus(StrEnum):
    """The ten documented service states (§7.1)."""

    SCHEDULED = "scheduled"
    SCHEDULED_LEARNING = "scheduledLearning"
    LEARNABLE = "learnable"
    LEARNING = "learning"
    DELETING = "deleting"
    DELETED = "deleted"
    DISABLE = "disable"
    DRAFTED = "drafted"
    REQUEST_LEARNING = "requestLearning"
    DATASET_REQUIRED = "datasetRequired"


SERVICE_STATUSES: Final = frozenset(s.value for s in ServiceStatus)
#: States a service passes through on its own; a view follows them until they settle.
SERVICE_PASSING_STATES: Final = frozenset(
    {
        ServiceStatus.REQUEST_LEARNING,
        ServiceStatus.LEARNING,
        ServiceStatus.SCHEDULED_LEARNING,
        ServiceStatus.DELETING,
    }
)
#: "서비스 상태가 학습 예정 또는 학습중인 상태에서는 데이터셋을 변경할 수 없습니다" (console
#: guide). The console's 학습 예정/학습중 are read as ``scheduled``/``learning``; a training that
#: is requested or a scheduled one that runs is a training too, so those are included.
SERVICE_STATES_DATASETS_LOCKED: Final = frozenset(
    {
        ServiceStatus.SCHEDULED,
        ServiceStatus.SCHEDULED_LEARNING,
        ServiceStatus.LEARNING,
        ServiceStatus.REQUEST_LEARNING,
    }
)
#: A batch training may be requested only from this state ("learnable": 학습 가능).
SERVICE_STATES_TRAINABLE: Final = frozenset({ServiceStatus.LEARNABLE})


class IntervalTerm(StrEnum):
    """The update cycle of an interval service (S7)."""

    HOUR1 = "hour1"
    HOUR3 = "hour3"
    HOUR6 = "hour6"
    HOUR12 = "hour12"


INTERVAL_TERMS: Final = tuple(t.value for t in IntervalTerm)
INTERVAL_TERM_HOURS: Final[dict[str, int]] = {"hour1": 1, "hour3": 3, "hour6": 6, "hour12": 12}


class ScheduleAction(StrEnum):
    """``PUT /services/{id}/schedule?action=``: start or stop periodic training (S9)."""

    START = "start"
    STOP = "stop"


# --- datasets and schemas ----------------------------------------------------------------------


class DatasetType(StrEnum):
    """The three kinds of data a service learns from; schemas have the same types."""

    USER = "user"
    ITEM = "item"
    INTERACTION = "interaction"


DATASET_TYPES: Final = tuple(t.value for t in DatasetType)


class DatasetStatus(StrEnum):
    """The documented dataset states (§3.1)."""

    ENABLE = "enable"
    WAITING = "waiting"
    PROCESSING = "processing"
    UPLOAD_FAILED = "upload_failed"
    DISABLE = "disable"
    DELETING = "deleting"


DATASET_STATUSES: Final = frozenset(s.value for s in DatasetStatus)
DATASET_PASSING_STATES: Final = frozenset(
    {DatasetStatus.WAITING, DatasetStatus.PROCESSING, DatasetStatus.DELETING}
)
#: The only status seen on a dataset embedded in a service ([obs]); not in the dataset enum.
EMBEDDED_DATASET_STATUS_LEARNABLE: Final = "learnable"

#: Object Storage region of a dataset (``osInfo.region``); ``KR`` is the one documented value.
DATASET_REGIONS: Final = ("KR",)
#: The file kinds AiTEMS reads a dataset from.
DATASET_FILE_SUFFIXES: Final = (".csv", ".csv.gz")


class FieldType(StrEnum):
    """A schema field's type; a field's ``type`` is a list of these, ``null`` for nullable."""

    STRING = "string"
    INT = "int"
    LONG = "long"
    BOOLEAN = "boolean"
    NULL = "null"
    FLOAT = "float"
    DOUBLE = "double"


#: The API reference lists five types; the console guide adds ``float`` and ``double``. The
#: app offers all seven and marks the last two as console-only.
API_FIELD_TYPES: Final = ("string", "int", "long", "boolean", "null")
CONSOLE_ONLY_FIELD_TYPES: Final = ("float", "double")
FIELD_TYPES: Final = API_FIELD_TYPES + CONSOLE_ONLY_FIELD_TYPES


@dataclass(frozen=True)
class SchemaField:
    """A field of a schema as the rules know it (required fields and reserved keywords)."""

    name: str
    types: tuple[str, ...]
    categorical: bool = False


#: Required fields per dataset type: present in every schema of the type, not null, fixed in
#: name and type. The API documents the names and TIMESTAMP's ``long``; the ids as ``string``
#: is an inference from the default schema the console pre-fills.
REQUIRED_FIELDS: Final[dict[str, tuple[SchemaField, ...]]] = {
    DatasetType.USER: (SchemaField("USER_ID", ("string",)),),
    DatasetType.ITEM: (SchemaField("ITEM_ID", ("string",)),),
    DatasetType.INTERACTION: (
        SchemaField("USER_ID", ("string",)),
        SchemaField("ITEM_ID", ("string",)),
        SchemaField("TIMESTAMP", ("long",)),
    ),
}

#: Reserved keywords the console offers per dataset type, with their documented types. A field
#: with a reserved keyword's name must allow that type (it may allow more, e.g. ``null``). The
#: console lists EVENT_VALUE with the type "null": read as "must allow null".
RESERVED_FIELDS: Final[dict[str, tuple[SchemaField, ...]]] = {
    DatasetType.USER: (),
    DatasetType.ITEM: (
        SchemaField("CATEGORY", ("string",)),
        SchemaField("CREATION_TIMESTAMP", ("long",)),
    ),
    DatasetType.INTERACTION: (
        SchemaField("EVENT_TYPE", ("string",)),
        SchemaField("EVENT_VALUE", ("null",)),
    ),
}

#: The column whose values must not repeat in a file of the type (none for interactions).
UNIQUE_KEY_FIELD: Final[dict[str, str | None]] = {
    DatasetType.USER: "USER_ID",
    DatasetType.ITEM: "ITEM_ID",
    DatasetType.INTERACTION: None,
}

#: The most fields a schema may have, and so the most columns a dataset file may have. AiTEMS
#: documents no limit; this bound is the app's own. It is far above what a recommendation dataset
#: holds (ids, a timestamp and some attributes), and it keeps the work on a hostile header or
#: schema to a fraction of a second instead of minutes.
MAX_FIELDS: Final = 1000

#: A schema field name: the file's column name. The documents give no pattern; the app asks for
#: what a CSV header and Avro-style schemas can both hold (a letter or ``_``, then letters,
#: digits and ``_``), at most 64 characters.
FIELD_NAME_PATTERN: Final = r"[A-Za-z_][A-Za-z0-9_]{0,63}"
_FIELD_NAME_RE: Final = re.compile(FIELD_NAME_PATTERN)


def is_valid_field_name(name: str) -> bool:
    """True when ``name`` can name a schema field."""
    return _FIELD_NAME_RE.fullmatch(name) is not None


def reserved_type_problem(dataset_type: str, name: str, types: tuple[str, ...]) -> str | None:
    """The type a reserved keyword field must allow when ``types`` lacks it, else None."""
    for reserved in RESERVED_FIELDS.get(dataset_type, ()):
        if reserved.name == name and not set(reserved.types) <= set(types):
            return ", ".join(reserved.types)
    return None


def field_type_problems(types: tuple[str, ...] | list[str]) -> list[str]:
    """What is wrong with a field's type list: empty, unknown, repeated, or ``null`` alone."""
    problems: list[str] = []
    if not types:
        return ["empty"]
    if any(t not in FIELD_TYPES for t in types):
        problems.append("unknown_type")
    if len(set(types)) != len(types):
        problems.append("repeated_type")
    return problems


# --- trainings --------------------------------------------------------------------------------


class TrainingType(StrEnum):
    """What a training learns; also the lookup ``type`` (§5)."""

    PERSONAL_RECOMMEND = "personalRecommend"
    RELATED_ITEM = "relatedItem"
    POP = "pop"


TRAINING_TYPES: Final = tuple(t.value for t in TrainingType)
#: What ``targetId`` of a lookup names, per type. ``pop`` takes none that is documented; the
#: app sends what the user typed, or a placeholder.
LOOKUP_TARGET_FIELD: Final[dict[str, str | None]] = {
    TrainingType.PERSONAL_RECOMMEND: "USER_ID",
    TrainingType.RELATED_ITEM: "ITEM_ID",
    TrainingType.POP: None,
}


class TrainStatus(StrEnum):
    """The documented training states (T2)."""

    READY = "ready"
    LEARNING = "learning"
    COMPLETED = "completed"
    WAITING = "waiting"
    REQUESTING = "requesting"
    REQUEST_FAILED = "requestFailed"
    REFINED_FAILED = "refinedFailed"
    STOPPING = "stopping"
    LEARNING_FAILED = "learningFailed"


TRAIN_STATUSES: Final = frozenset(s.value for s in TrainStatus)
TRAIN_PASSING_STATES: Final = frozenset(
    {TrainStatus.LEARNING, TrainStatus.WAITING, TrainStatus.REQUESTING, TrainStatus.STOPPING}
)
TRAIN_FAILED_STATES: Final = frozenset(
    {TrainStatus.REQUEST_FAILED, TrainStatus.REFINED_FAILED, TrainStatus.LEARNING_FAILED}
)


@dataclass(frozen=True)
class HpOption:
    """A documented HPO option (§6): its range, default and the training types it tunes."""

    key: str
    minimum: int
    maximum: int
    default: int
    applies_to: tuple[str, ...]
    unit: str = ""
    #: A value the documents recommend as the least (session_max_timestamp: 1,800 or more).
    recommended_minimum: int | None = None


_PERSONAL_AND_RELATED: Final = (TrainingType.PERSONAL_RECOMMEND, TrainingType.RELATED_ITEM)

HP_OPTIONS: Final[dict[str, HpOption]] = {
    o.key: o
    for o in (
        HpOption(
            "session_max_timestamp",
            10,
            86_400,
            1_800,
            _PERSONAL_AND_RELATED,
            unit="seconds",
            recommended_minimum=1_800,
        ),
        HpOption("item_top_n", 1_000, 500_000, 20_000, _PERSONAL_AND_RELATED),
        HpOption("min_item_cut", 1, 1_000, 5, _PERSONAL_AND_RELATED),
        HpOption("min_session_length", 2, 1_000, 2, _PERSONAL_AND_RELATED),
        HpOption("max_user_recommend_top", 1, 1_000, 100, (TrainingType.PERSONAL_RECOMMEND,)),
        HpOption("max_relate_recommend_top", 1, 1_000, 100, (TrainingType.RELATED_ITEM,)),
    )
}
#: Keys of ``hpConfig`` that are not tunable options.
HP_ENABLED_KEY: Final = "is_enabled"


def hp_options_for(types: tuple[str, ...] | list[str]) -> list[HpOption]:
    """The HPO options that tune at least one of the given training types, in table order."""
    wanted = set(types)
    return [o for o in HP_OPTIONS.values() if wanted.intersection(o.applies_to)]


def hp_value_problem(key: str, value: object) -> str | None:
    """What is wrong with one HPO value (``not_integer``, ``below``, ``above``), or None."""
    option = HP_OPTIONS.get(key)
    if option is None:
        return "unknown_option"
    if isinstance(value, bool) or not isinstance(value, int):
        return "not_integer"
    if value < option.minimum:
        return "below"
    if value > option.maximum:
        return "above"
    return None


# --- paging ----------------------------------------------------------------------------------

#: The documented default and largest page of the list operations.
DEFAULT_PAGE_LIMIT: Final = 1000
