"""Validators and inline messages built from :mod:`aitems_desktop.core.rules`.

Nothing here restates a rule: the states come from ``service_name_problems`` and the numbers
in the messages from the rule constants, so the form and the request model cannot disagree
(a property test checks it on arbitrary strings).

The validators never answer ``Invalid``: a rejected keystroke or paste would vanish without
a word, and pasted text would then behave differently from the same text typed. Anything
not yet valid is ``Intermediate`` and the form says what is wrong under the field.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QValidator

from aitems_desktop.core.rules import (
    DESCRIPTION_MAX_LENGTH,
    NAME_MAX_LENGTH,
    NAME_MIN_LENGTH,
    NameProblem,
    description_problems,
    service_name_problems,
)


def name_problem_message(problem: NameProblem) -> str:
    """A short message for one problem, as shown under the name field."""
    if problem is NameProblem.EMPTY:
        return QCoreApplication.translate("ServiceForm", "a name is required")
    if problem is NameProblem.BAD_FIRST_CHARACTER:
        return QCoreApplication.translate("ServiceForm", "must start with a letter or _")
    if problem is NameProblem.BAD_CHARACTER:
        return QCoreApplication.translate("ServiceForm", "only letters, digits, _ and -")
    return QCoreApplication.translate("ServiceForm", "{min} to {max} characters").format(
        min=NAME_MIN_LENGTH, max=NAME_MAX_LENGTH
    )


def service_name_message(name: str) -> str:
    """Everything wrong with ``name``, joined; empty when the name is valid."""
    return "; ".join(name_problem_message(p) for p in service_name_problems(name))


def description_message(description: str) -> str:
    """What is wrong with a description; empty when it is fine."""
    if description_problems(description):
        return QCoreApplication.translate("ServiceForm", "at most {max} characters").format(
            max=DESCRIPTION_MAX_LENGTH
        )
    return ""


class ServiceNameValidator(QValidator):
    """Acceptable exactly when ``service_name_problems`` finds nothing."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def validate(self, text: str, pos: int, /) -> object:
        state = (
            QValidator.State.Intermediate
            if service_name_problems(text)
            else QValidator.State.Acceptable
        )
        return state, text, pos

    def fixup(self, text: str, /) -> str:
        # Called on Enter with a not-yet-valid name: text pasted from a terminal or a mail
        # often carries surrounding whitespace; dropping it is what the person meant.
        return text.strip()


class DescriptionValidator(QValidator):
    """Acceptable while the description is within its documented length."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def validate(self, text: str, pos: int, /) -> object:
        state = (
            QValidator.State.Intermediate
            if description_problems(text)
            else QValidator.State.Acceptable
        )
        return state, text, pos
