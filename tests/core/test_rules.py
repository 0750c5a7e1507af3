"""The name rule: exactly the strings the documented prose allows, in the model and the helpers."""

from __future__ import annotations

import string

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import ValidationError

from aitems_desktop.core.models import CreateServiceRequest, UpdateServiceRequest
from aitems_desktop.core.rules import (
    NameProblem,
    is_valid_dataset_name,
    is_valid_service_name,
    service_name_problems,
)

ALLOWED = set(string.ascii_letters + string.digits + "_-")


def documented_service_name(name: str) -> bool:
    """The rule as the docs say it, written independently of the implementation."""
    return (
        3 <= len(name) <= 20
        and all(ch in ALLOWED for ch in name)
        and (name[0] in string.ascii_letters or name[0] == "_")
    )


def documented_dataset_name(name: str) -> bool:
    return (
        3 <= len(name) <= 20
        and all(ch in ALLOWED for ch in name)
        and name[0] in string.ascii_letters
    )


def accepted_by_model(name: str) -> bool:
    try:
        CreateServiceRequest(name=name)
    except ValidationError:
        return False
    return True


names = st.text(max_size=25) | st.text(
    alphabet=[*sorted(ALLOWED), "é", "ｓ", "\n", " "], max_size=25
)


@given(names)
@example("abc")
@example("_ab")
@example("ab")
@example("a" * 20)
@example("a" * 21)
@example("1ab")
@example("-ab")
@example("abc\n")
@example("abé")
@example("ａbc")
@example("서비스이름")
@example("ab c")
def test_model_helpers_and_documented_rule_agree(name: str) -> None:
    expected = documented_service_name(name)
    assert is_valid_service_name(name) is expected
    assert (service_name_problems(name) == []) is expected
    assert accepted_by_model(name) is expected
    assert is_valid_dataset_name(name) is documented_dataset_name(name)


@pytest.mark.parametrize(
    ("name", "problems"),
    [
        ("", [NameProblem.EMPTY]),
        ("ab", [NameProblem.TOO_SHORT]),
        ("1abc", [NameProblem.BAD_FIRST_CHARACTER]),
        ("ab c", [NameProblem.BAD_CHARACTER]),
        ("abcé", [NameProblem.BAD_CHARACTER]),
        ("abc\n", [NameProblem.BAD_CHARACTER]),
        ("a" * 21, [NameProblem.TOO_LONG]),
        ("-é", [NameProblem.BAD_FIRST_CHARACTER, NameProblem.BAD_CHARACTER, NameProblem.TOO_SHORT]),
        ("서비스", [NameProblem.BAD_FIRST_CHARACTER, NameProblem.BAD_CHARACTER]),
    ],
)
def test_problems_name_what_is_wrong(name: str, problems: list[NameProblem]) -> None:
    assert service_name_problems(name) == problems


def test_description_and_type_rules() -> None:
    assert CreateServiceRequest(name="abc", description="x" * 100).description == "x" * 100
    with pytest.raises(ValidationError):
        CreateServiceRequest(name="abc", description="x" * 101)
    assert CreateServiceRequest(name="abc").type == "batch"
    assert CreateServiceRequest(name="abc", type="interval").type == "interval"
    with pytest.raises(ValidationError):
        CreateServiceRequest(name="abc", type="hourly")
    with pytest.raises(ValidationError):
        CreateServiceRequest(name="abc", unexpected="x")  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        UpdateServiceRequest(name="1bad")


def test_request_body_is_the_documented_json() -> None:
    body = CreateServiceRequest(name="shop_1", description="d", type="interval").model_dump(
        mode="json"
    )
    assert body == {"name": "shop_1", "description": "d", "type": "interval"}
