"""The form's validator and the request model agree on every string."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from PySide6.QtGui import QValidator

from aitems_desktop.core.models import CreateServiceRequest
from aitems_desktop.core.rules import DESCRIPTION_MAX_LENGTH, SERVICE_NAME_PATTERN
from aitems_desktop.gui.validators import (
    DescriptionValidator,
    ServiceNameValidator,
    description_message,
    service_name_message,
)


def _state(validator: QValidator, text: str) -> QValidator.State:
    result = validator.validate(text, len(text))
    state = result[0] if isinstance(result, tuple) else result
    assert isinstance(state, QValidator.State)
    return state


def _model_accepts(name: str, description: str = "") -> bool:
    try:
        CreateServiceRequest(name=name, description=description)
    except ValidationError:
        return False
    return True


names = st.one_of(
    st.text(max_size=25),
    st.from_regex(SERVICE_NAME_PATTERN, fullmatch=True),
    st.text(alphabet="aZ_-09 é\u0130\u212a\n\t", max_size=22),
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=names)
@example("abc")
@example("ab")
@example("_" * 20)
@example("a" * 21)
@example("1abc")
@example("-abc")
@example("abc\n")
@example("\u212aelvin")  # the Kelvin sign lower-cases to an ASCII k: still not ASCII
def test_name_validator_agrees_with_the_request_model(qapp: object, name: str) -> None:
    accepted = _state(ServiceNameValidator(), name) == QValidator.State.Acceptable
    assert accepted == _model_accepts(name)
    # The inline message is empty exactly when the name is acceptable.
    assert (service_name_message(name) == "") == accepted


@settings(max_examples=200)
@given(description=st.text(max_size=DESCRIPTION_MAX_LENGTH + 20))
def test_description_validator_agrees_with_the_request_model(
    qapp: object, description: str
) -> None:
    accepted = _state(DescriptionValidator(), description) == QValidator.State.Acceptable
    assert accepted == _model_accepts("abc", description)
    assert (description_message(description) == "") == accepted


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("1abc", "must start with a letter or _"),
        ("ab", "3 to 20 characters"),
        ("a" * 21, "3 to 20 characters"),
        ("my service", "only letters, digits, _ and -"),
        ("-x y", "must start with a letter or _; only letters, digits, _ and -"),
        ("", "a name is required"),
        ("good_name-1", ""),
    ],
)
def test_inline_messages(qapp: object, name: str, message: str) -> None:
    assert service_name_message(name) == message


def test_validator_never_rejects_a_keystroke(qapp: object) -> None:
    # Rejected input would vanish silently and pasted text would differ from typed text.
    for text in ("", " ", "é", "1", "a b c", "x" * 50):
        assert _state(ServiceNameValidator(), text) != QValidator.State.Invalid


def test_fixup_trims_surrounding_whitespace(qapp: object) -> None:
    assert ServiceNameValidator().fixup("  shop_reco \n") == "shop_reco"
