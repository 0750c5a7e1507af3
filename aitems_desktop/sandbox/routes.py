"""Every AiTEMS operation the sandbox serves, as data: id, method and path template.

Paths are relative to ``/api/v1`` and use ``{name}`` placeholders. The table is the sandbox's own
reading of the API notes (§0 of the full surface); a test holds it against the client's
catalogue and the notes, so it lists all 27 operations and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Route:
    """One operation: ``id`` as in the API notes (S1, T2, C5...), method, path template."""

    id: str
    method: str
    path: str
    title: str

    @property
    def pattern(self) -> re.Pattern[str]:
        """The path template as a regex; each ``{name}`` is one non-empty path segment."""
        return _compile(self.path)


ROUTES: Final[tuple[Route, ...]] = (
    Route("S1", "POST", "/services", "서비스 생성"),
    Route("S2", "GET", "/services", "서비스 목록 조회"),
    Route("S3", "GET", "/services/{serviceId}", "서비스 조회"),
    Route("S4", "PUT", "/services/{serviceId}", "서비스 수정"),
    Route("S5", "DELETE", "/services/{serviceId}", "서비스 삭제"),
    Route("S6", "POST", "/services/{serviceId}/datasets", "서비스 데이터셋 수정"),
    Route("S7", "PUT", "/services/{serviceId}/interval", "서비스 업데이트 주기 수정"),
    Route("S8", "POST", "/services/{serviceId}", "서비스 학습 요청"),
    Route("S9", "PUT", "/services/{serviceId}/schedule", "서비스 주기 학습 요청"),
    Route("S10", "POST", "/services/{serviceId}/datasets/{datasetId}", "주기 학습 데이터 업로드"),
    Route("T1", "GET", "/services/{serviceId}/trains", "학습 목록 조회"),
    Route(
        "T2",
        "GET",
        "/services/{serviceId}/trains/{trainType}/versions/{version}",
        "학습 조회",
    ),
    Route("U1", "GET", "/services/{serviceId}/updates", "업데이트 목록 조회"),
    Route("I1", "GET", "/services/{serviceId}/infers/lookup", "학습 결과 테스트"),
    Route("D1", "POST", "/datasets", "데이터셋 생성"),
    Route("D2", "GET", "/datasets", "데이터셋 목록 조회"),
    Route("D3", "GET", "/datasets/{datasetId}", "데이터셋 조회"),
    Route("D4", "POST", "/datasets/{datasetId}", "데이터셋 수정"),
    Route("D5", "PUT", "/datasets/{datasetId}", "데이터셋 설명 수정"),
    Route("D6", "DELETE", "/datasets/{datasetId}", "데이터셋 삭제"),
    Route("C1", "POST", "/schemas", "스키마 생성"),
    Route("C2", "GET", "/schemas", "스키마 목록 조회"),
    Route("C3", "GET", "/schemas/{schemaName}", "스키마 조회"),
    Route("C4", "GET", "/schemas/default", "기본 스키마 정보 조회"),
    Route("C5", "POST", "/schemas/validation-check", "스키마 유효성 체크"),
    Route("C6", "PUT", "/schemas/{schemaName}", "스키마 설명 수정"),
    Route("C7", "DELETE", "/schemas/{schemaName}", "스키마 삭제"),
)

ROUTES_BY_ID: Final = {r.id: r for r in ROUTES}

_PLACEHOLDER = re.compile(r"\{([A-Za-z]+)\}")
_CACHE: dict[str, re.Pattern[str]] = {}


def _compile(template: str) -> re.Pattern[str]:
    pattern = _CACHE.get(template)
    if pattern is None:
        parts = _PLACEHOLDER.split(template)
        # Even indexes are literal text, odd ones placeholder names.
        regex = "".join(
            re.escape(part) if i % 2 == 0 else f"(?P<{part}>[^/]+)" for i, part in enumerate(parts)
        )
        pattern = _CACHE[template] = re.compile(regex)
    return pattern


def match(method: str, path: str) -> tuple[Route, dict[str, str]] | None:
    """The operation for ``method`` on ``path`` (relative to ``/api/v1``), with its parameters.

    Literal segments win over placeholders (``/schemas/default`` is C4, not C3 with a schema
    named "default"), as in a Spring controller.
    """
    best: tuple[Route, dict[str, str]] | None = None
    best_literals = -1
    for route in ROUTES:
        if route.method != method:
            continue
        found = route.pattern.fullmatch(path)
        if found is None:
            continue
        literals = route.path.count("/") - route.path.count("{")
        if literals > best_literals:
            best, best_literals = (route, found.groupdict()), literals
    return best


def path_exists(path: str) -> bool:
    """True when some operation has this path, whatever its method."""
    return any(route.pattern.fullmatch(path) for route in ROUTES)
