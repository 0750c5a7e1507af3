"""The client's rules and the sandbox's rules are two readings of the same documents.

Neither imports the other; this test holds them against each other. Where the documents are
silent and each side chose (the longest field name, for one), the client may be stricter than
the sandbox, never looser: what the app sends, the oracle accepts.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from aitems_desktop.core import rules as client
from aitems_desktop.sandbox import rules as sandbox

NAMES = st.text(
    alphabet=st.sampled_from("aZ_-09é ｓ서.\n") | st.characters(), min_size=0, max_size=24
)


@given(NAMES)
def test_the_name_rules_agree_on_every_string(name: str) -> None:
    assert (client.service_name_problems(name) == []) == bool(
        re.fullmatch(sandbox.SERVICE_NAME_PATTERN, name)
    )
    assert (client.dataset_name_problems(name) == []) == bool(
        re.fullmatch(sandbox.DATASET_NAME_PATTERN, name)
    )
    # The client also refuses a schema named "default" (GET /schemas/default is C4).
    if client.schema_name_problems(name) == []:
        assert re.fullmatch(sandbox.SCHEMA_NAME_PATTERN, name)


@given(st.text(max_size=120))
def test_descriptions_are_counted_the_same_way(text: str) -> None:
    assert client.DESCRIPTION_MAX_LENGTH == sandbox.DESCRIPTION_MAX_UTF16
    utf16 = len(text.encode("utf-16-le", "surrogatepass")) // 2
    assert client.text_length(text) == utf16


@given(st.text(max_size=70))
def test_a_field_name_the_client_takes_the_sandbox_takes(name: str) -> None:
    if client.is_valid_field_name(name):
        assert re.fullmatch(sandbox.FIELD_NAME_PATTERN, name)


def test_the_vocabularies_agree() -> None:
    assert client.SERVICE_TYPES == sandbox.SERVICE_TYPES
    assert client.DATASET_TYPES == sandbox.DATASET_TYPES
    assert client.TRAINING_TYPES == sandbox.TRAIN_TYPES
    assert set(client.INTERVAL_TERMS) == set(sandbox.TERMS)
    assert set(sandbox.SERVICE_STATUSES) == client.SERVICE_STATUSES
    assert set(sandbox.DATASET_STATUSES) == client.DATASET_STATUSES
    assert set(sandbox.TRAIN_STATUSES) == client.TRAIN_STATUSES
    assert set(client.FIELD_TYPES) == set(sandbox.FIELD_TYPES)
    assert client.DATASET_REGIONS == sandbox.OS_REGIONS
    assert client.DATASET_FILE_SUFFIXES == sandbox.DATASET_FILE_SUFFIXES
    assert client.EMBEDDED_DATASET_STATUS_LEARNABLE == sandbox.EMBEDDED_DATASET_STATUS
    assert set(sandbox.BUSY_SERVICE_STATUSES) == client.SERVICE_STATES_DATASETS_LOCKED
    assert client.LOOKUP_TARGET_FIELD == sandbox.LOOKUP_TARGET


def test_required_fields_and_reserved_keywords_agree() -> None:
    for dataset_type in client.DATASET_TYPES:
        ours = [(f.name, f.types) for f in client.REQUIRED_FIELDS[dataset_type]]
        theirs = [(name, (kind,)) for name, kind in sandbox.REQUIRED_FIELDS[dataset_type]]
        assert ours == theirs
        reserved = {f.name: set(f.types) for f in client.RESERVED_FIELDS[dataset_type]}
        assert reserved == {
            name: {kind} for name, kind in sandbox.RESERVED_FIELDS[dataset_type].items()
        }


def test_the_hpo_options_agree() -> None:
    ours = {
        key: (o.minimum, o.maximum, o.default, tuple(o.applies_to))
        for key, o in client.HP_OPTIONS.items()
    }
    assert ours == sandbox.HPO_OPTIONS


def test_paging_defaults_agree() -> None:
    assert client.DEFAULT_PAGE_LIMIT == sandbox.DEFAULT_LIMIT
