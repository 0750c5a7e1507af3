"""The sandbox's own reading of the AiTEMS documents, as plain data.

Written from the API notes, not taken from the client (``aitems_desktop.core``): the sandbox is
the oracle the client is tested against, and an oracle that shares the client's rules cannot
catch the client's mistakes. Where the documents disagree or are silent, the choice made here
is named in a comment and in docs/sandbox.md.
"""

from __future__ import annotations

from typing import Final

# --- names and descriptions ---------------------------------------------------------------

#: Service name: 3 to 20 of ASCII letters, digits, ``_`` and ``-``; the first a letter or ``_``.
SERVICE_NAME_PATTERN: Final = r"[A-Za-z_][A-Za-z0-9_-]{2,19}"
#: Dataset and schema names: the same characters, but the first must be a letter. The console
#: guide says 5 to 20 for datasets, the API reference 3 to 20: the API reference wins here.
DATASET_NAME_PATTERN: Final = r"[A-Za-z][A-Za-z0-9_-]{2,19}"
SCHEMA_NAME_PATTERN: Final = DATASET_NAME_PATTERN
NAME_RULE_TEXT: Final = {
    "service": "3 to 20 ASCII letters, digits, '_' or '-', starting with a letter or '_'",
    "dataset": "3 to 20 ASCII letters, digits, '_' or '-', starting with a letter",
    "schema": "3 to 20 ASCII letters, digits, '_' or '-', starting with a letter",
}

#: Descriptions (services, datasets, schemas, trainings): 0 to 100 characters. Counted in UTF-16
#: code units, because AiTEMS is a Java (Spring) service and a bean-validation ``@Size`` on a
#: Java String counts ``String.length()``: an emoji outside the BMP is two, an accented letter
#: one. Counting code points instead would let a client send 100 emoji that the real service
#: refuses.
DESCRIPTION_MAX_UTF16: Final = 100

# --- vocabularies --------------------------------------------------------------------------

SERVICE_TYPES: Final = ("batch", "interval")
DEFAULT_SERVICE_TYPE: Final = "batch"
DATASET_TYPES: Final = ("user", "item", "interaction")
TRAIN_TYPES: Final = ("personalRecommend", "relatedItem", "pop")

#: The update cycle of an interval service, with its length in (simulated) seconds.
TERMS: Final[dict[str, int]] = {
    "hour1": 3600,
    "hour3": 3 * 3600,
    "hour6": 6 * 3600,
    "hour12": 12 * 3600,
}

SERVICE_STATUSES: Final = (
    "scheduled",
    "scheduledLearning",
    "learnable",
    "learning",
    "deleting",
    "deleted",
    "disable",
    "drafted",
    "requestLearning",
    "datasetRequired",
)
#: Statuses in which a service's datasets, interval and schedule cannot change and no new
#: training can start (console: 학습 예정 / 학습중, plus the request phase of each).
BUSY_SERVICE_STATUSES: Final = ("requestLearning", "learning", "scheduled", "scheduledLearning")

DATASET_STATUSES: Final = (
    "enable",
    "waiting",
    "processing",
    "upload_failed",
    "disable",
    "deleting",
)
#: How a dataset shows inside a service object: real responses say ``learnable`` there.
EMBEDDED_DATASET_STATUS: Final = "learnable"

TRAIN_STATUSES: Final = (
    "ready",
    "learning",
    "completed",
    "waiting",
    "requesting",
    "requestFailed",
    "refinedFailed",
    "stopping",
    "learningFailed",
)

SCHEDULE_ACTIONS: Final = ("start", "stop")
OS_REGIONS: Final = ("KR",)
#: Dataset files: csv or csv.gz objects, or a prefix ending in ``/`` that holds them.
DATASET_FILE_SUFFIXES: Final = (".csv", ".csv.gz")

# --- schemas ---------------------------------------------------------------------------------

#: The API reference lists five field types; the console guide adds float and double. The
#: sandbox accepts all seven: the console talks to the same service.
FIELD_TYPES: Final = ("string", "int", "long", "float", "double", "boolean", "null")
#: Field names: the documents only say they must equal the data file's column names. Field
#: types are Avro-style unions, so the sandbox applies Avro's name rule (its own choice).
FIELD_NAME_PATTERN: Final = r"[A-Za-z_][A-Za-z0-9_]{0,127}"
MAX_FIELDS: Final = 1000

#: Required fields per dataset type, in order, with their one type (required means not null).
REQUIRED_FIELDS: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "user": (("USER_ID", "string"),),
    "item": (("ITEM_ID", "string"),),
    "interaction": (("USER_ID", "string"), ("ITEM_ID", "string"), ("TIMESTAMP", "long")),
}
#: Reserved keywords per dataset type: when a schema has such a field it must carry this type.
#: The guide gives EVENT_VALUE the type "null": read here as "must allow null".
RESERVED_FIELDS: Final[dict[str, dict[str, str]]] = {
    "user": {},
    "item": {"CATEGORY": "string", "CREATION_TIMESTAMP": "long"},
    "interaction": {"EVENT_TYPE": "string", "EVENT_VALUE": "null"},
}

# --- training options (hpConfig) --------------------------------------------------------------

#: Documented HPO options: (minimum, maximum, default, train types they apply to).
HPO_OPTIONS: Final[dict[str, tuple[int, int, int, tuple[str, ...]]]] = {
    "session_max_timestamp": (10, 86_400, 1_800, ("personalRecommend", "relatedItem")),
    "item_top_n": (1_000, 500_000, 20_000, ("personalRecommend", "relatedItem")),
    "min_item_cut": (1, 1_000, 5, ("personalRecommend", "relatedItem")),
    "min_session_length": (2, 1_000, 2, ("personalRecommend", "relatedItem")),
    "max_user_recommend_top": (1, 1_000, 100, ("personalRecommend",)),
    "max_relate_recommend_top": (1, 1_000, 100, ("relatedItem",)),
}
#: Seen in real responses only (a list of column names), with relatedItem and pop.
HPO_LIST_OPTIONS: Final[dict[str, tuple[str, ...]]] = {"group_column": ("relatedItem", "pop")}

#: How a lookup names its target and its answer, per train type.
LOOKUP_TARGET: Final = {"personalRecommend": "USER_ID", "relatedItem": "ITEM_ID", "pop": None}
LOOKUP_FIELD: Final = "ITEM_ID"

# --- listing --------------------------------------------------------------------------------

DEFAULT_OFFSET: Final = 0
DEFAULT_LIMIT: Final = 1000
#: Longest decimal a paging parameter may have (anything longer is not a sensible page).
MAX_PAGING_DIGITS: Final = 9

#: Sub-account hooks on list items: the action a list entry links to, and the permission.
LIST_ACTIONS: Final = {
    "service": "View/getServiceDetail",
    "dataset": "View/getDatasetDetail",
    "schema": "View/getSchemaDetail",
}
LIST_PERMISSION: Final = "Allow"

# --- the gateway ----------------------------------------------------------------------------

TIMESTAMP_HEADER: Final = "x-ncp-apigw-timestamp"
ACCESS_KEY_HEADER: Final = "x-ncp-iam-access-key"
SIGNATURE_HEADER: Final = "x-ncp-apigw-signature-v2"
#: A timestamp 5 minutes or more from the gateway's clock is refused.
MAX_CLOCK_SKEW_MS: Final = 5 * 60 * 1000
#: Unix milliseconds have 13 digits until the year 2286; 15 is generous and keeps int() cheap.
MAX_TIMESTAMP_DIGITS: Final = 15
MAX_BODY_BYTES: Final = 1024 * 1024
