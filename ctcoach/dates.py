"""Calendar dates the coach accepts. Pure: no clock here; callers pass ``today``.

Every date a user or a file gives is bounded, so no date arithmetic anywhere can
overflow (``date.max`` is year 9999).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)
EXAMPLE = "2027-01-28"


class DateError(ValueError):
    """Not a usable date. The message is one readable line."""


def parse_date(value: Any) -> dt.date:
    """A ``date`` from an ISO string, a date or a datetime, inside 1900–2100."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise DateError(f"{value!r} is not a date like {EXAMPLE}") from None
    if not isinstance(value, dt.date):
        raise DateError(f"{value!r} is not a date like {EXAMPLE}")
    return check_range(value)


def check_range(value: dt.date) -> dt.date:
    if not EARLIEST <= value <= LATEST:
        raise DateError(
            f"{value.isoformat()} is outside {EARLIEST.year}–{LATEST.year}; check the year"
        )
    return value


def shift(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, clamped to the accepted range instead of overflowing."""
    ordinal = min(max(day.toordinal() + days, EARLIEST.toordinal()), LATEST.toordinal())
    return dt.date.fromordinal(ordinal)
