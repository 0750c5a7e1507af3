"""Dataset CSV files: check one against its schema, propose a schema from one.

Qt-free and standard library only, so the GUI's workers and the command-line tool call the
same functions. Importing this package is cheap (no pydantic, no requests).
"""

from __future__ import annotations

from aitems_desktop.core.csvfile.check import FieldLike, FieldSpec, check_file, schema_fields
from aitems_desktop.core.csvfile.infer import (
    InferenceNote,
    ProposedField,
    SchemaProposal,
    propose_schema,
)
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
    Severity,
)
from aitems_desktop.core.csvfile.source import FatalProblemError

__all__ = [
    "CancelFlag",
    "CheckCancelledError",
    "CheckPhase",
    "CheckProgress",
    "CheckReport",
    "CrossCheck",
    "CsvCheckError",
    "FatalProblemError",
    "FieldLike",
    "FieldSpec",
    "InferenceNote",
    "Problem",
    "ProblemKind",
    "ProposedField",
    "SchemaProposal",
    "Severity",
    "check_file",
    "propose_schema",
    "schema_fields",
]
