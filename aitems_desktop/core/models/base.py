"""What every request and response model shares.

Requests are strict: they enforce the documented rules from :mod:`aitems_desktop.core.rules`
and refuse unknown fields, so nothing leaves the machine that the rules reject. Responses are
tolerant: unknown fields are kept (``extra="allow"``), enum-like fields are plain strings, a
``null`` list reads as empty and a missing optional field as ``None``, so a value the service
adds tomorrow is shown, never dropped or fatal. Each response remembers the JSON it came from.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictInt,
    StrictStr,
)

from aitems_desktop.core.rules import (
    DESCRIPTION_MAX_LENGTH,
    TextProblem,
    dataset_name_problems,
    description_problems,
    schema_name_problems,
    service_name_problems,
)

# --- request side ------------------------------------------------------------------------


class RequestModel(BaseModel):
    """Base of every request body and query: strict, frozen, no unknown fields."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    def to_json(self) -> Any:
        """The JSON value sent for this model (aliases, no unset optional fields)."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


def _check_service_name(value: str) -> str:
    problems = service_name_problems(value)
    if problems:
        raise ValueError(
            "a service name is 3 to 20 ASCII letters, digits, '_' or '-', starting with a "
            f"letter or '_' ({', '.join(problems)})"
        )
    return value


def _check_dataset_name(value: str) -> str:
    problems = dataset_name_problems(value)
    if problems:
        raise ValueError(
            "a dataset name is 3 to 20 ASCII letters, digits, '_' or '-', starting with a "
            f"letter ({', '.join(problems)})"
        )
    return value


def _check_schema_name(value: str) -> str:
    problems = schema_name_problems(value)
    if problems:
        raise ValueError(
            "a schema name is 3 to 20 ASCII letters, digits, '_' or '-', starting with a "
            f"letter ({', '.join(problems)})"
        )
    return value


def _check_description(value: str) -> str:
    problems = description_problems(value)
    if TextProblem.NOT_ENCODABLE in problems:
        raise ValueError("the text holds a character that cannot be sent (a lone surrogate)")
    if problems:
        raise ValueError(
            f"a description is at most {DESCRIPTION_MAX_LENGTH} characters (an emoji counts as two)"
        )
    return value


ServiceName = Annotated[StrictStr, AfterValidator(_check_service_name)]
DatasetName = Annotated[StrictStr, AfterValidator(_check_dataset_name)]
SchemaName = Annotated[StrictStr, AfterValidator(_check_schema_name)]
Description = Annotated[StrictStr, AfterValidator(_check_description)]


# --- response side -----------------------------------------------------------------------


def _none_as_empty(value: Any) -> Any:
    return [] if value is None else value


#: A list the server may send as ``null`` (or leave out): read as an empty list.
TolerantList = BeforeValidator(_none_as_empty)


def _as_text(value: Any) -> Any:
    # Numbers where the documents promise strings (ids, versions, counts) are kept as text.
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return str(value)
    return value


#: A string field the server has been seen to send as a number.
TextLike = BeforeValidator(_as_text)


class ResponseModel(BaseModel):
    """Base of every response model: tolerant of unknown fields, remembers its raw JSON."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, defer_build=True)

    _raw: Any = PrivateAttr(default=None)

    @classmethod
    def from_json(cls, data: Any) -> Self:
        """Validate ``data`` and keep it, as received, in :attr:`raw`."""
        obj = cls.model_validate(data)
        obj._raw = data
        return obj

    @property
    def raw(self) -> Any:
        """The JSON this object was read from, exactly as the server sent it (or None)."""
        return self._raw

    def extra_fields(self) -> dict[str, Any]:
        """Fields the server sent that this model does not know, as they came."""
        return dict(self.model_extra or {})


class EmptyResponse(ResponseModel):
    """An answer with no documented body (S10): whatever came is kept in ``raw``."""

    @classmethod
    def from_json(cls, data: Any) -> Self:
        obj = cls.model_validate(data if isinstance(data, dict) else {})
        obj._raw = data
        return obj


class ResultMessage(ResponseModel):
    """``{"result": "<message>"}``: the answer of every delete."""

    result: Any = None


def parse_date(value: str | None) -> datetime | None:
    """Parse an AiTEMS date (``2024-07-29T16:17:37.235``, no zone) or return None.

    The service writes its local time without a zone; the NCP region is Korea, so a caller
    that wants an absolute time should read it as KST (UTC+9). This function does not guess:
    it returns a naive datetime.
    """
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


class PageQuery(RequestModel):
    """``offset`` and ``limit`` of the list operations (defaults 0 and 1000)."""

    offset: StrictInt = Field(default=0, ge=0)
    limit: StrictInt = Field(default=1000, ge=1, le=1000)
