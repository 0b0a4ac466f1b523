"""How much is active at once, what comes first, and what waits. Pure.

The weekly hours set a cap on open actions, dated ones included. Follow-ups and
promises from the networking log are always active (they are promises to people);
then come event steps due now, the phase's core actions and everything else by
priority (the stage's roadmap first, then the more specific). When the cap allows
three or more, one place is kept for the phase's top core action. "This week" holds
the dated steps of the next seven days and the first few undated actions; the rest
wait, summarized in a note instead of listed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence

from msgspec import Struct
from msgspec.structs import replace

from ctcoach.model import HORIZONS, Horizon, Pack, PlanSettings, plural
from ctcoach.plan.events import NOW_DAYS
from ctcoach.plan.intents import TIER_LOG, Candidate
from ctcoach.plan.items import PlanItem

CORE_RESERVE_FROM = 3  # with this many places or more, one is kept for a core action


def capacity(pack: Pack, weekly_hours: int) -> int:
    """How many open actions may be active at once."""
    settings = pack.plan
    raw = math.floor(weekly_hours * settings.active_per_weekly_hour)
    return max(settings.min_active, min(settings.max_active, raw))


def horizon_for_date(date: dt.date, today: dt.date) -> Horizon:
    days = (date - today).days
    if days < NOW_DAYS:
        return "this_week"
    if days <= 31:
        return "this_month"
    return "this_stage"


class Selection(Struct, frozen=True):
    items: tuple[PlanItem, ...]  # active, then done, in the order the plan shows them
    waiting: tuple[PlanItem, ...]  # open, in rank order
    notes: tuple[str, ...]  # what waits, in a line or two


def choose_active(open_: Sequence[Candidate], cap: int) -> list[Candidate]:
    """The open candidates that are active, in rank order."""
    ranked = sorted(open_, key=Candidate.rank)
    fixed = [c for c in ranked if c.tier == TIER_LOG]
    rest = [c for c in ranked if c.tier != TIER_LOG]
    room = max(cap - len(fixed), 0)
    active = rest[:room]
    core = next((c for c in rest if c.core is not None), None)
    if room >= CORE_RESERVE_FROM and core is not None and core not in active:
        active = [*rest[: room - 1], core]
    return sorted([*fixed, *active], key=Candidate.rank)


def place(
    active: Sequence[Candidate],
    settings: PlanSettings,
    today: dt.date,
    when: Callable[[Horizon], str],
) -> list[PlanItem]:
    """Give each active item its horizon: dated ones by date, the first few undated ones
    this week, the rest by their own horizon (never sooner than this month)."""
    placed: list[PlanItem] = []
    dated = [c.item for c in active if c.item.date is not None]
    week_left = settings.week_max - sum(
        horizon_for_date(i.date, today) == "this_week" for i in dated if i.date is not None
    )
    for candidate in active:
        item = candidate.item
        if item.date is not None:
            placed.append(replace(item, horizon=horizon_for_date(item.date, today)))
            continue
        horizon: Horizon = "this_month" if item.horizon == "this_week" else item.horizon
        if week_left > 0:
            horizon, week_left = "this_week", week_left - 1
        placed.append(replace(item, horizon=horizon, when=when(horizon)))
    return sorted(placed, key=lambda i: HORIZONS.index(i.horizon))


def select(
    candidates: Sequence[Candidate],
    cap: int,
    settings: PlanSettings,
    today: dt.date,
    when: Callable[[Horizon], str],
) -> Selection:
    """Split the candidates that apply now into active, done and waiting items."""
    open_ = [c for c in candidates if not c.item.done and c.state == "now"]
    active = choose_active(open_, cap)
    chosen = {id(c) for c in active}
    waiting = sorted(
        (c for c in candidates if not c.item.done and id(c) not in chosen), key=start_order
    )
    done = [
        replace(
            c.item, horizon="this_stage", when=c.item.when if c.item.date else when("this_stage")
        )
        for c in candidates
        if c.item.done
    ]
    return Selection(
        tuple([*place(active, settings, today, when), *done]),
        tuple(replace(c.item, horizon="this_stage", waiting=True) for c in waiting),
        tuple(waiting_notes(waiting, today)),
    )


def start_order(c: Candidate) -> tuple[object, ...]:
    """What waits, in the order it starts: what is due now as places free up (by rank,
    as :func:`choose_active` picks it, so an event's emails come before open-ended
    advice), then what comes later by the day it starts."""
    if c.state == "now":
        return (0, *c.rank())
    return (1, c.planned or dt.date.min, *c.rank())


def pressing_notes(waiting: Sequence[Candidate], today: dt.date) -> list[str]:
    """A line per event whose steps wait for room but will not keep: their last useful
    day is within a week."""
    soon: dict[str, list[Candidate]] = {}
    for c in waiting:
        if c.event and c.deadline is not None and (c.deadline - today).days < NOW_DAYS:
            soon.setdefault(c.event, []).append(c)
    notes = []
    for event, steps in soon.items():
        last = min(c.deadline or today for c in steps)
        what = "1 step" if len(steps) == 1 else f"{len(steps)} steps"
        notes.append(
            f"{what} for {event} still {'waits' if len(steps) == 1 else 'wait'} for room and "
            f"will not keep past {last.isoformat()}: finish an active item, or give more "
            "hours a week in your profile."
        )
    return notes


def waiting_notes(waiting: Sequence[Candidate], today: dt.date) -> list[str]:
    """One line for what waits for room, one per event for the steps still to come."""
    notes = []
    room = sum(1 for c in waiting if c.state == "now")
    if room:
        notes.append(
            f"{room} more {'action starts' if room == 1 else 'actions start'} as you finish these."
        )
    notes += pressing_notes([c for c in waiting if c.state == "now"], today)
    events: dict[str, list[Candidate]] = {}
    for candidate in waiting:
        if candidate.state == "later":
            events.setdefault(candidate.event, []).append(candidate)
    parts = []
    for event, steps in events.items():
        first = min(c.item.date or today for c in steps)
        parts.append(f"{plural(len(steps), 'step')} for {event} from {first.isoformat()}")
    if parts:
        notes.append(f"Coming up: {'; '.join(parts)}. Each joins the plan a week before it is due.")
    return notes
