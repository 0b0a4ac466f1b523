"""When to offer the next training stage. Pure: the date is passed in.

The pack says the order of stages (the stage question's choices) and the day the
training year turns (``[plan] year_starts``); nothing here knows either.
"""

from __future__ import annotations

import datetime as dt

from ctcoach.model import Pack

STAGE_QUESTION = "stage"


def next_stage(pack: Pack, stage: str) -> str | None:
    """The stage after ``stage`` in the pack's order; ``None`` after the last."""
    order = pack.question(STAGE_QUESTION).choice_ids
    if stage not in order:
        return None
    index = order.index(stage)
    return order[index + 1] if index + 1 < len(order) else None


def year_start(pack: Pack, today: dt.date) -> dt.date | None:
    """The day the current training year began (on or before ``today``)."""
    if pack.plan.year_starts is None:
        return None
    month, day = pack.plan.year_starts
    for year in (today.year, today.year - 1):
        start = _day(year, month, day)
        if start <= today:
            return start
    return None  # pragma: no cover - last year's start is always in the past


def _day(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 29 February in a common year
        return dt.date(year, month, day - 1)


def stage_to_offer(pack: Pack, stage: str, today: dt.date, confirmed: dt.date | None) -> str | None:
    """The stage to suggest moving to, when a training year began after the user last
    confirmed their stage (``confirmed``); ``None`` when there is nothing to ask."""
    start = year_start(pack, today)
    if start is None or confirmed is None or confirmed >= start:
        return None
    return next_stage(pack, stage)
