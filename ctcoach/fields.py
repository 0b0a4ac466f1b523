"""Reading the fields of a stored record, with a reason when one has the wrong shape."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any, TypeVar

from ctcoach.dates import DateError, parse_date

T = TypeVar("T")
Doc = Mapping[str, Any]


class Bad(Exception):
    """A field of the wrong shape; the caller adds the table and record."""


def text(doc: Doc, key: str, default: str | None = None) -> str:
    value = doc.get(key, default)
    if not isinstance(value, str):
        raise Bad(f"{key} must be text")
    return value


# Every good date text seen, with its date: a store holds a few thousand days in tens of
# thousands of records, so most dates are a dict lookup, and records of the same day share
# one date object. Only texts ``parse_date`` accepted are kept, and only canonical ones
# (``YYYY-MM-DD``), so the cache is bounded by the accepted range (1900-2100).
DAYS: dict[str, dt.date] = {}


def all_text(*values: Any) -> bool:
    """True when every value is text: one check for many fields of a record. A decoder
    reads its fields with :func:`text` after a False, for the message naming the field."""
    for value in values:  # noqa: SIM110 - a loop: all(<generator>) costs more per record
        if value.__class__ is not str:
            return False
    return True


def date(doc: Doc, key: str) -> dt.date:
    value = doc.get(key)
    if value.__class__ is str:
        day = DAYS.get(value)
        if day is not None:
            return day
    return day_of(key, value)


def day_of(key: str, value: Any) -> dt.date:
    """The slow path of :func:`date`, for a text :data:`DAYS` does not hold: checks,
    parses and remembers a canonical text."""
    if not isinstance(value, str):
        raise Bad(f"{key} must be a date like 2027-01-28")
    try:
        day = parse_date(value)
    except DateError as exc:
        raise Bad(f"{key}: {exc}") from None
    if value == day.isoformat():
        DAYS[value] = day
    return day


def number(doc: Doc, key: str) -> float:
    value = doc.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise Bad(f"{key} must be a finite number")
    return float(value)


def whole(doc: Doc, key: str) -> int:
    value = doc.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise Bad(f"{key} must be a whole number")
    return value


def texts(doc: Doc, key: str) -> tuple[str, ...]:
    value = doc.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Bad(f"{key} must be a list of text")
    return tuple(value)


def mapping(doc: Doc, key: str, kind: type[T], what: str) -> dict[str, T]:
    value = doc.get(key, {})
    if value.__class__ is dict and set(map(type, value.values())) <= {kind}:
        pass  # the common case, checked in C: exactly ``kind`` (so no bool for int)
    elif not isinstance(value, Mapping) or not all(
        isinstance(v, kind) and not (kind is int and isinstance(v, bool)) for v in value.values()
    ):
        raise Bad(f"{key} must map ids to {what}")
    return dict(zip(map(str, value), value.values(), strict=True))


def optional_date(doc: Doc, key: str) -> dt.date | None:
    value = doc.get(key)
    if value is None:
        return None
    if value.__class__ is str:
        day = DAYS.get(value)
        if day is not None:
            return day
    return day_of(key, value)


def optional_whole(doc: Doc, key: str) -> int | None:
    return whole(doc, key) if doc.get(key) is not None else None


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def ints(doc: Doc, key: str, required: bool = False) -> tuple[int, ...]:
    value = doc.get(key, [])
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        raise Bad(f"{key} must be a list of ids")
    if required and not value:
        raise Bad(f"{key} must name at least one record")
    return tuple(value)
