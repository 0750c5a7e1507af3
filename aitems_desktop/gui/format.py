"""Dates, numbers and sizes as a person reads them, through the application's QLocale.

AiTEMS writes dates as local time without a zone (``2024-07-29T16:17:37.235``). The service
runs in NCP's Korean region, so those are read as Korea Standard Time (UTC+9, no daylight
saving) and shown in the computer's own time zone with the zone named; the raw value stays
available for a tooltip.
"""

from __future__ import annotations

import functools
from datetime import datetime, timedelta, timezone
from typing import Final

from PySide6.QtCore import QDateTime, QLocale, QTimeZone

#: The zone the service's dates are written in (NCP's Korean region) [inferred].
SERVICE_TIME_ZONE: Final = timezone(timedelta(hours=9), "KST")


def parse_server_time(raw: str | None) -> datetime | None:
    """An aware datetime for a date the service wrote, or None when it is not one."""
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=SERVICE_TIME_ZONE)
    return moment


@functools.lru_cache(maxsize=1)
def _system_zone() -> QTimeZone:
    return QTimeZone.systemTimeZone()


def clear_caches() -> None:
    """Forget worked-out texts (the language or the time zone changed)."""
    _system_zone.cache_clear()
    _number_locale.cache_clear()
    server_time_text.cache_clear()
    server_time_tooltip.cache_clear()


@functools.lru_cache(maxsize=8192)
def server_time_text(raw: str | None, *, seconds: bool = False) -> str:
    """A service date in local time with the zone, e.g. ``2024-07-29 09:17 CEST``.

    A value that is not a date is returned as it came.
    """
    moment = parse_server_time(raw)
    if moment is None:
        return raw or ""
    qt = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), _system_zone())
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        # The C locale's short format ("30 11 2026") reads as nothing anyone writes: ISO.
        fmt = "yyyy-MM-dd HH:mm:ss" if seconds else "yyyy-MM-dd HH:mm"
    else:
        fmt = locale.dateTimeFormat(QLocale.FormatType.ShortFormat)
        if seconds and ":ss" not in fmt:
            fmt = fmt.replace(":mm", ":mm:ss")
    zone = qt.timeZoneAbbreviation()
    return f"{locale.toString(qt, fmt)} {zone}".strip()


@functools.lru_cache(maxsize=8192)
def server_time_tooltip(raw: str | None) -> str:
    """The raw value and how it was read, for a tooltip."""
    if not raw:
        return ""
    if parse_server_time(raw) is None:
        return raw
    return f"{raw} (KST)"


@functools.lru_cache(maxsize=1)
def _number_locale() -> QLocale:
    locale = QLocale()
    # The C locale leaves group separators out by default; numbers here always group.
    locale.setNumberOptions(QLocale.NumberOption.DefaultNumberOptions)
    return locale


def number_text(value: int | float | str | None) -> str:
    """A number with the locale's grouping (``20,000``); other values as they are."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value).lower()
    if isinstance(value, int):
        if abs(value) >= 2**63:
            return str(value)
        return _number_locale().toString(value)
    if isinstance(value, float):
        return _number_locale().toString(value, "g", 12)
    if isinstance(value, str) and value.isascii() and value.lstrip("-").isdigit():
        return number_text(int(value)) if len(value) < 19 else value
    return str(value)


def size_text(size: int) -> str:
    """A size in bytes as ``12.3 MB`` (decimal units, as file managers show them)."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)
