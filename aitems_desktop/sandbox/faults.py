"""Fault injection: which request gets which failure.

A :class:`FaultPlan` holds rules; each rule names a :class:`Fault`, optional method and
path filters, and either a count (the next N matching requests) or a rate (that fraction of
matching requests, until cleared). The handler asks :meth:`FaultPlan.take` once per request.
"""

from __future__ import annotations

import fnmatch
import random
import threading
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final


class Fault(StrEnum):
    """A failure the sandbox can produce; the values are the CLI spellings."""

    RATE_LIMITED = "rate-limited"  # 429, envelope code 420, Retry-After
    ENDPOINT_ERROR = "endpoint-error"  # 503, code 500
    ENDPOINT_TIMEOUT = "endpoint-timeout"  # 504, code 510
    UNEXPECTED_ERROR = "unexpected-error"  # 500, code 900
    GATEWAY_ERROR = "gateway-error"  # any status / code / message
    HTML_ERROR = "html-error"  # 502 text/html proxy page
    EMPTY_BODY = "empty-body"  # a status with an empty body
    TRUNCATED_JSON = "truncated-json"  # the real answer cut in half, Content-Length matching
    WRONG_SHAPE = "wrong-shape"  # status as a number, datasets as an object
    HUGE_BODY = "huge-body"  # a 20 MB body, streamed
    RESET = "reset"  # RST before any response; the request is not processed
    DROP_AFTER_CREATE = "drop-after-create"  # processed, then closed with no response
    # 504 (code 510) at once, and the service carries the request out `seconds` later,
    # as a backend that finishes after the gateway gave up on it.
    TIMEOUT_THEN_APPLY = "timeout-then-apply"
    SLOW_BODY = "slow-body"  # the real answer trickled over `seconds`
    STALL = "stall"  # no answer until `seconds` pass or the server stops
    LATENCY = "latency"  # `ms` added to this request only


#: Keyword parameters each fault takes, with their defaults.
FAULT_PARAMS: Final[dict[Fault, dict[str, Any]]] = {
    Fault.RATE_LIMITED: {"retry_after": 1, "code": "420", "details": None},
    Fault.ENDPOINT_ERROR: {"details": None},
    Fault.ENDPOINT_TIMEOUT: {"details": None},
    Fault.UNEXPECTED_ERROR: {"details": None},
    Fault.GATEWAY_ERROR: {
        "status": None,
        "code": "900",
        "message": None,
        "details": None,
        "retry_after": None,
    },
    Fault.HTML_ERROR: {"status": 502},
    Fault.EMPTY_BODY: {"status": 502},
    Fault.TRUNCATED_JSON: {},
    Fault.WRONG_SHAPE: {},
    Fault.HUGE_BODY: {"status": 200, "size": 20 * 1024 * 1024},
    Fault.RESET: {},
    Fault.DROP_AFTER_CREATE: {},
    Fault.TIMEOUT_THEN_APPLY: {"seconds": 1.0, "details": None},
    Fault.SLOW_BODY: {"seconds": 2.0, "chunk": 4},
    Fault.STALL: {"seconds": 30.0},
    Fault.LATENCY: {"ms": 1000},
}

MAX_RULES: Final = 256
MAX_COUNT: Final = 1_000_000
#: Upper bounds that keep a typo from hanging a test run or filling memory.
MAX_SECONDS: Final = 600.0
MAX_SIZE: Final = 1024 * 1024 * 1024


@dataclass(frozen=True)
class ActiveFault:
    """The fault chosen for one request, with every parameter filled in."""

    fault: Fault
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class FaultRule:
    fault: Fault
    params: dict[str, Any]
    remaining: int | None = None
    rate: float | None = None
    method: str | None = None
    path: str | None = None

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method:
            return False
        return self.path is None or fnmatch.fnmatchcase(path, self.path)


def fault_params(fault: Fault, given: dict[str, Any]) -> dict[str, Any]:
    """Fill a fault's defaults, rejecting unknown or out-of-range parameters."""
    defaults = FAULT_PARAMS[fault]
    unknown = sorted(set(given) - set(defaults))
    if unknown:
        allowed = ", ".join(defaults) or "none"
        raise ValueError(f"{fault.value} takes no {', '.join(unknown)} (takes: {allowed})")
    params = {**defaults, **given}
    for key, limit in (("seconds", MAX_SECONDS), ("size", MAX_SIZE), ("ms", MAX_SECONDS * 1000)):
        if key in params and not 0 <= float(params[key]) <= limit:
            raise ValueError(f"{key} must be between 0 and {limit:g}")
    if "code" in params and params["code"] is not None:
        params["code"] = str(params["code"])
    return params


class FaultPlan:
    """The injected faults of one server; every method is thread-safe."""

    def __init__(self, rng: random.Random | None = None) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._rng = rng or random.Random()

    def add(
        self,
        fault: Fault | str,
        *,
        count: int | None = None,
        rate: float | None = None,
        method: str | None = None,
        path: str | None = None,
        **params: Any,
    ) -> None:
        """Add a rule: the next ``count`` matching requests (default 1), or ``rate`` of them."""
        fault = Fault(fault)
        if count is not None and rate is not None:
            raise ValueError("give count or rate, not both")
        if rate is not None and (not isinstance(rate, int | float) or not 0.0 <= rate <= 1.0):
            raise ValueError("rate must be between 0 and 1")
        if rate is None:
            count = 1 if count is None else count
            if not isinstance(count, int) or not 1 <= count <= MAX_COUNT:
                raise ValueError(f"count must be between 1 and {MAX_COUNT}")
        rule = FaultRule(
            fault=fault,
            params=fault_params(fault, params),
            remaining=count,
            rate=rate,
            method=method.upper() if method else None,
            path=path,
        )
        with self._lock:
            if len(self._rules) >= MAX_RULES:
                raise ValueError(f"at most {MAX_RULES} fault rules at once")
            self._rules.append(rule)

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def pending(self) -> int:
        """How many rules are still active."""
        with self._lock:
            return len(self._rules)

    def take(self, method: str, path: str) -> ActiveFault | None:
        """Choose the fault for one request (``path`` relative to ``/api/v1``), if any.

        Rules are tried in the order they were added; a counted rule that fires is used up
        by one, a rate rule fires with its probability.
        """
        with self._lock:
            for rule in list(self._rules):
                if not rule.matches(method, path):
                    continue
                if rule.remaining is not None:
                    rule.remaining -= 1
                    if rule.remaining <= 0:
                        self._rules.remove(rule)
                    return ActiveFault(rule.fault, dict(rule.params))
                if rule.rate is not None and self._rng.random() < rule.rate:
                    return ActiveFault(rule.fault, dict(rule.params))
        return None


def _value(text: str) -> Any:
    for convert in (int, float):
        try:
            return convert(text)
        except ValueError:
            pass
    return text


def parse_fault_spec(spec: str) -> tuple[Fault, dict[str, Any]]:
    """Parse a CLI spec ``KIND[:count=N|rate=R[,key=value...]]`` into a fault and keywords."""
    kind, _, rest = spec.partition(":")
    try:
        fault = Fault(kind.strip().lower())
    except ValueError:
        known = ", ".join(f.value for f in Fault)
        raise ValueError(f"unknown fault {kind!r} (known: {known})") from None
    options: dict[str, Any] = {}
    for item in filter(None, (part.strip() for part in rest.split(","))):
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise ValueError(f"expected key=value, got {item!r}")
        key = key.strip().replace("-", "_")
        options[key] = value.strip() if key in {"path", "method", "code"} else _value(value)
    return fault, options
