"""Simulated time for trainings, schedules and dataset processing.

States are computed from timestamps when they are read, never moved by a background thread:
``now()`` is the simulated time, which runs ``time_scale`` times as fast as the real one and
jumps forward by :meth:`SimClock.advance`, so a test reaches "completed" by advancing the clock
instead of sleeping.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Final

#: The zone AiTEMS writes its dates in: NCP's Korean region, whatever this computer's zone is,
#: so a client reading a date as Korea Standard Time sees the moment the sandbox meant.
SERVICE_TIME_ZONE: Final = timezone(timedelta(hours=9), "KST")


class SimClock:
    """Simulated seconds since the epoch; thread-safe."""

    def __init__(
        self,
        time_scale: float = 1.0,
        wall: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if not (isinstance(time_scale, int | float) and math.isfinite(time_scale)):
            raise ValueError("time_scale must be a finite number")
        if time_scale < 0:
            raise ValueError("time_scale must not be negative")
        self._lock = threading.Lock()
        self._monotonic = monotonic
        self._origin_wall = wall()
        self._origin_mono = monotonic()
        self._scale = float(time_scale)
        self._advanced = 0.0

    @property
    def time_scale(self) -> float:
        return self._scale

    def now(self) -> float:
        """Simulated Unix seconds."""
        with self._lock:
            elapsed = (self._monotonic() - self._origin_mono) * self._scale
            return self._origin_wall + elapsed + self._advanced

    def advance(self, seconds: float) -> None:
        """Move simulated time forward (never back)."""
        if not (isinstance(seconds, int | float) and math.isfinite(seconds)) or seconds < 0:
            raise ValueError("advance() takes a finite, non-negative number of seconds")
        with self._lock:
            self._advanced += float(seconds)


def format_date(seconds: float) -> str:
    """A moment as AiTEMS writes it: Korea Standard Time, no zone, milliseconds."""
    moment = datetime.fromtimestamp(seconds, SERVICE_TIME_ZONE)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}"


def version_string(seconds: float) -> str:
    """A training version as seen in real answers: the request time (KST), ``YYYYMMDDHHMMSS``."""
    return datetime.fromtimestamp(seconds, SERVICE_TIME_ZONE).strftime("%Y%m%d%H%M%S")
