"""The rest of the documented rules, pinned at their edges: dataset and schema names, lengths in
UTF-16, field names and types, reserved keywords, HPO ranges.

Each expectation is written from the documents (``aitems-api-full.md``), not from the code.
"""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from aitems_desktop.core import rules
from aitems_desktop.core.rules import NameProblem, TextProblem

ALLOWED = set(string.ascii_letters + string.digits + "_-")


def documented_dataset_name(name: str) -> bool:
    """3 to 20 of letters, digits, ``_`` and ``-``, starting with an ASCII letter."""
    return (
        3 <= len(name) <= 20
        and all(ch in ALLOWED for ch in name)
        and name[0] in string.ascii_letters
    )


names = st.text(max_size=25) | st.text(
    alphabet=[*sorted(ALLOWED), "é", "ｓ", "\n", " ", "_"], min_size=1, max_size=25
)


@given(names)
@example("abc")
@example("ab")
@example("a" * 20)
@example("a" * 21)
@example("_ab")
@example("-ab")
@example("1ab")
@example("Ab-_9")
@example("abc\n")
@example("default")
def test_dataset_and_schema_names_follow_the_documented_rule(name: str) -> None:
    expected = documented_dataset_name(name)
    assert (rules.dataset_name_problems(name) == []) is expected
    assert rules.is_valid_dataset_name(name) is expected
    assert (re.fullmatch(rules.DATASET_NAME_PATTERN, name) is not None) is expected
    assert (re.fullmatch(rules.SCHEMA_NAME_PATTERN, name) is not None) is expected
    schema_ok = rules.schema_name_problems(name) == []
    assert schema_ok is (expected and name != "default")


@pytest.mark.parametrize(
    ("name", "problems"),
    [
        ("", [NameProblem.EMPTY]),
        ("ab", [NameProblem.TOO_SHORT]),
        ("abc", []),
        ("a" * 20, []),
        ("a" * 21, [NameProblem.TOO_LONG]),
        ("_abc", [NameProblem.BAD_FIRST_CHARACTER]),
        ("-abc", [NameProblem.BAD_FIRST_CHARACTER]),
        ("1abc", [NameProblem.BAD_FIRST_CHARACTER]),
        ("ab c", [NameProblem.BAD_CHARACTER]),
        ("a-_9", []),
        ("_é", [NameProblem.BAD_FIRST_CHARACTER, NameProblem.BAD_CHARACTER, NameProblem.TOO_SHORT]),
        ("é" + "a" * 25, [NameProblem.BAD_FIRST_CHARACTER, NameProblem.TOO_LONG]),
    ],
)
def test_dataset_name_problems_name_what_is_wrong(name: str, problems: list[NameProblem]) -> None:
    assert rules.dataset_name_problems(name) == problems


def test_a_service_may_start_with_an_underscore_a_dataset_may_not() -> None:
    assert rules.service_name_problems("_abc") == []
    assert rules.is_valid_service_name("_abc")
    assert rules.dataset_name_problems("_abc") == [NameProblem.BAD_FIRST_CHARACTER]
    assert not rules.is_valid_dataset_name("_abc")


def test_default_is_reserved_for_schemas_only() -> None:
    assert rules.schema_name_problems("default") == [NameProblem.RESERVED]
    assert rules.dataset_name_problems("default") == []
    # Another problem is named first; "reserved" only for an otherwise valid name.
    assert rules.schema_name_problems("de") == [NameProblem.TOO_SHORT]
    assert rules.schema_name_problems("Default") == []


def test_the_patterns_are_anchored_by_fullmatch_only() -> None:
    # The helpers match the whole string: a valid name with anything after it is not valid.
    assert not rules.is_valid_service_name("abc def")
    assert not rules.is_valid_dataset_name("abc\n")
    assert not rules.is_valid_service_name("abc\n")


# --- lengths as the service counts them --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "length"),
    [("", 0), ("abc", 3), ("설명", 2), ("\uffff", 1), ("\U00010000", 2), ("😀a", 3)],
)
def test_text_length_counts_utf16_code_units(text: str, length: int) -> None:
    assert rules.text_length(text) == length


@pytest.mark.parametrize(
    ("text", "lone"),
    [("\ud800", True), ("a\udfffb", True), ("\ud7ff", False), ("\ue000", False), ("😀", False)],
)
def test_a_lone_surrogate_is_found(text: str, lone: bool) -> None:
    assert rules.has_lone_surrogate(text) is lone


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("x" * 100, []),
        ("x" * 101, [TextProblem.TOO_LONG]),
        ("설" * 100, []),
        ("😀" * 50, []),
        ("😀" * 50 + "x", [TextProblem.TOO_LONG]),
        ("\ud800", [TextProblem.NOT_ENCODABLE]),
        ("\ud800" + "x" * 100, [TextProblem.NOT_ENCODABLE, TextProblem.TOO_LONG]),
    ],
)
def test_description_problems(text: str, problems: list[TextProblem]) -> None:
    assert rules.description_problems(text) == problems


# --- schema fields ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("A", True),
        ("_a", True),
        ("USER_ID", True),
        ("a" * 64, True),
        ("a" * 65, False),
        ("", False),
        ("1a", False),
        ("a-b", False),
        ("a b", False),
        ("é", False),
        ("a\n", False),
    ],
)
def test_field_names(name: str, valid: bool) -> None:
    assert rules.is_valid_field_name(name) is valid


@pytest.mark.parametrize(
    ("types", "problems"),
    [
        ((), ["empty"]),
        (("string",), []),
        (("int", "null"), []),
        (("float", "double"), []),
        (("text",), ["unknown_type"]),
        (("int", "int"), ["repeated_type"]),
        (("text", "text"), ["unknown_type", "repeated_type"]),
    ],
)
def test_field_type_problems(types: tuple[str, ...], problems: list[str]) -> None:
    assert rules.field_type_problems(types) == problems
    assert rules.field_type_problems(list(types)) == problems


@pytest.mark.parametrize(
    ("dataset_type", "name", "types", "needed"),
    [
        ("item", "CATEGORY", ("string",), None),
        ("item", "CATEGORY", ("string", "null"), None),
        ("item", "CATEGORY", ("int",), "string"),
        ("item", "CREATION_TIMESTAMP", ("string",), "long"),
        ("item", "CREATION_TIMESTAMP", ("long", "null"), None),
        ("interaction", "EVENT_TYPE", ("int",), "string"),
        ("interaction", "EVENT_VALUE", ("int",), "null"),
        ("interaction", "EVENT_VALUE", ("int", "null"), None),
        # A reserved keyword of another type, or no keyword at all: nothing is asked.
        ("user", "CATEGORY", ("int",), None),
        ("item", "EVENT_TYPE", ("int",), None),
        ("item", "COLOUR", ("int",), None),
        ("unknown", "CATEGORY", ("int",), None),
    ],
)
def test_a_reserved_keyword_must_allow_its_type(
    dataset_type: str, name: str, types: tuple[str, ...], needed: str | None
) -> None:
    assert rules.reserved_type_problem(dataset_type, name, types) == needed


# --- HPO -----------------------------------------------------------------------------------------


def test_hpo_options_per_training_type() -> None:
    def keys(types: list[str]) -> list[str]:
        return [o.key for o in rules.hp_options_for(types)]

    shared = ["session_max_timestamp", "item_top_n", "min_item_cut", "min_session_length"]
    assert keys([]) == []
    assert keys(["pop"]) == []
    assert keys(["personalRecommend"]) == [*shared, "max_user_recommend_top"]
    assert keys(["relatedItem"]) == [*shared, "max_relate_recommend_top"]
    assert keys(["relatedItem", "personalRecommend", "pop"]) == [
        *shared,
        "max_user_recommend_top",
        "max_relate_recommend_top",
    ]


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("session_max_timestamp", 10, None),
        ("session_max_timestamp", 9, "below"),
        ("session_max_timestamp", 86_400, None),
        ("session_max_timestamp", 86_401, "above"),
        ("item_top_n", 1_000, None),
        ("item_top_n", 999, "below"),
        ("item_top_n", 500_000, None),
        ("item_top_n", 500_001, "above"),
        ("min_session_length", 1, "below"),
        ("min_session_length", 2, None),
        ("max_user_recommend_top", 1_000, None),
        ("max_user_recommend_top", 1_001, "above"),
        ("max_user_recommend_top", True, "not_integer"),
        ("max_user_recommend_top", 5.0, "not_integer"),
        ("max_user_recommend_top", "5", "not_integer"),
        ("no_such_option", 5, "unknown_option"),
        ("is_enabled", True, "unknown_option"),
    ],
)
def test_hpo_values_at_their_edges(key: str, value: object, problem: str | None) -> None:
    assert rules.hp_value_problem(key, value) == problem
