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


def date(doc: Doc, key: str) -> dt.date:
    value = doc.get(key)
    if not isinstance(value, str):
        raise Bad(f"{key} must be a date like 2027-01-28")
    try:
        return parse_date(value)
    except DateError as exc:
        raise Bad(f"{key}: {exc}") from None


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
    if not isinstance(value, Mapping) or not all(
        isinstance(v, kind) and not (kind is int and isinstance(v, bool)) for v in value.values()
    ):
        raise Bad(f"{key} must map ids to {what}")
    return {str(k): v for k, v in value.items()}


def optional_date(doc: Doc, key: str) -> dt.date | None:
    return date(doc, key) if doc.get(key) is not None else None


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
