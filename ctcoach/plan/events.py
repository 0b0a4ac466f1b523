"""Steps dated from an event (a meeting, an away rotation): when each is due, and
whether it is due now, comes later or was overtaken by the event. Pure; the plan times
each upcoming event's steps in turn.

* A step before the event is due on its planned day. Started late (the planned day
  has passed but the event has not begun) it is due today and says so; it is never
  overdue on the day it first shows. Once the event begins it is *missed*: kept for
  the record, no longer open.
* A step during the event spans every day of it; a step in its middle is due on the
  middle day and stays due until the event ends.
* A step after the event is due its number of days after the last day; past that it
  stays due today (late is better than never) until the event is stale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Literal, TypeVar

from msgspec import Struct
from msgspec.structs import replace

from ctcoach.model import Event, EventAnchor, event_live, plural

StepState = Literal["now", "later", "missed"]
NOW_DAYS = 7  # a step due within this many days is due now
T = TypeVar("T")


class DatedEvent(Struct, frozen=True):
    """An event the plan dates steps from: its kind (which playbook applies) and days."""

    kind: str
    event: Event
    id: int = 0  # the stored event's id; tells apart two events starting the same day
    targets: int = 0  # people chosen to meet there
    emailed: int = 0  # ... of whom emailed (or met) already
    goals_done: tuple[str, ...] = ()
    met: int = 0  # ... met (or followed up)
    followed: int = 0  # ... followed up after meeting

    def completes(self, done_when: str, target_min: int) -> bool:
        """Whether the event's own record shows a step done (see ``Action.done_when``)."""
        what, _, arg = done_when.partition(":")
        if what == "targets":  # "targets:3" asks for three, or the kind's least if fewer
            wanted = min(int(arg), target_min) if arg and target_min else int(arg or target_min)
            return self.targets >= max(wanted, 1)
        if what in ("emails", "met", "followed"):
            count = {"emails": self.emailed, "met": self.met, "followed": self.followed}[what]
            return self.targets > 0 and count >= self.targets
        return what == "goal" and arg in self.goals_done


def live_events(events: Iterable[DatedEvent], today: dt.date, stale_days: int) -> list[DatedEvent]:
    """The events whose steps still count (until ``stale_days`` after each ends), soonest
    first; the same event given twice (by name and start) counts once."""
    seen: set[tuple[str, dt.date]] = set()
    out = []
    for dated in sorted(events, key=lambda d: (d.event.start, d.event.end, d.id)):
        key = (dated.event.name.casefold(), dated.event.start)
        if key not in seen and event_live(dated.event, today, stale_days):
            seen.add(key)
            out.append(dated)
    return out


def step_keys(events: Sequence[DatedEvent]) -> dict[int, str]:
    """The key each event's step ids end with: its start date, with the event's id added
    when two events start the same day. By position in ``events``."""
    starts = [d.event.start for d in events]
    return {
        i: d.event.start.isoformat()
        if starts.count(d.event.start) == 1
        else f"{d.event.start.isoformat()}.{d.id or i}"
        for i, d in enumerate(events)
    }


class Timing(Struct, frozen=True):
    date: dt.date  # the day to do it: its planned day, or today when started late
    planned: dt.date  # the day the step's timing puts it on
    state: StepState
    when: str
    reason: str
    late: bool = False
    deadline: dt.date | None = None  # the last day it helps: the event's start for a step
    # before it, its end for one during it, its due day for a follow-up after it


def date_text(date: dt.date, today: dt.date) -> str:
    """``2027-01-28 (Thu), in 3 days``; a past date counts its days overdue."""
    days = (date - today).days
    base = f"{date.isoformat()} ({date.strftime('%a')})"
    if days < 0:
        return f"{base}, {plural(-days, 'day')} overdue"
    if days == 0:
        return f"{base}, today"
    return f"{base}, in {plural(days, 'day')}"


def _state(date: dt.date, today: dt.date) -> StepState:
    return "now" if (date - today).days < NOW_DAYS else "later"


def anchor_for(event_anchor: EventAnchor | None, before_event: int | None) -> EventAnchor | None:
    """The anchor of an action dated from an event, if it is one."""
    if event_anchor is not None:
        return event_anchor
    return EventAnchor("start", -before_event) if before_event is not None else None


def time_step(anchor: EventAnchor, event: Event, today: dt.date) -> Timing:
    """When a step anchored to ``event`` is due, as seen on ``today``."""
    if anchor.anchor == "during":
        return replace(_during(event, today), deadline=event.end)
    if anchor.anchor == "middle":  # halfway is a week, not the rest of the event
        last = min(event.end, middle_of(event) + dt.timedelta(days=NOW_DAYS - 1))
        return replace(_middle(event, today), deadline=last)
    if anchor.anchor == "end":
        due = event.end + dt.timedelta(days=anchor.offset_days)
        return replace(_after(event, due, today), deadline=due)
    return replace(_before(anchor, event, today), deadline=event.start)


def _before(anchor: EventAnchor, event: Event, today: dt.date) -> Timing:
    planned = event.start + dt.timedelta(days=anchor.offset_days)
    reason = f"Before {event.name}, which starts {event.start.isoformat()}."
    if today > event.start or (anchor.offset_days < 0 and today == event.start):
        missed = f"missed: {event.name} began {event.start.isoformat()}"
        return Timing(planned, planned, "missed", missed, reason)
    if planned < today:
        away = plural((event.start - today).days, "day")
        when = f"start today ({today.isoformat()}): {event.name} is {away} away"
        return Timing(today, planned, "now", when, reason, late=True)
    return Timing(planned, planned, _state(planned, today), date_text(planned, today), reason)


def _during(event: Event, today: dt.date) -> Timing:
    span = (
        f"on {event.start.isoformat()}"
        if event.start == event.end
        else f"{event.start.isoformat()} to {event.end.isoformat()}"
    )
    reason = f"During {event.name}, {span}."
    if today > event.end:
        missed = f"missed: {event.name} ended {event.end.isoformat()}"
        return Timing(event.start, event.start, "missed", missed, reason)
    if today >= event.start:
        day = (today - event.start).days + 1
        length = (event.end - event.start).days + 1
        when = f"today ({today.isoformat()}), day {day} of {length} of {event.name}"
        return Timing(today, event.start, "now", when, reason)
    when = f"{span}, in {plural((event.start - today).days, 'day')}"
    return Timing(event.start, event.start, _state(event.start, today), when, reason)


def middle_of(event: Event) -> dt.date:
    """The day halfway through ``event`` (its first day for a one- or two-day event)."""
    return event.start + dt.timedelta(days=(event.end - event.start).days // 2)


def _middle(event: Event, today: dt.date) -> Timing:
    """Halfway through: due on the middle day, then every day until the event ends."""
    middle = middle_of(event)
    reason = f"Halfway through {event.name} ({event.start.isoformat()} to {event.end.isoformat()})."
    if today > event.end:
        missed = f"missed: {event.name} ended {event.end.isoformat()}"
        return Timing(middle, middle, "missed", missed, reason)
    if today > middle:
        ends = event.end.isoformat()
        when = f"today ({today.isoformat()}): it was due {middle.isoformat()}, before {ends}"
        return Timing(today, middle, "now", when, reason, late=True)
    return Timing(middle, middle, _state(middle, today), date_text(middle, today), reason)


def _after(event: Event, due: dt.date, today: dt.date) -> Timing:
    ended = "ended" if today > event.end else "ends"
    reason = f"{event.name} {ended} {event.end.isoformat()}."
    if today < event.start:
        return Timing(due, due, _state(due, today), date_text(due, today), reason)
    if due < today:
        when = f"today ({today.isoformat()}): it was due {due.isoformat()}; better late than never"
        return Timing(today, due, "now", when, reason, late=True)
    return Timing(due, due, "now", date_text(due, today), reason)


def event_steps(
    steps: Iterable[tuple[T, EventAnchor]], event: Event, today: dt.date
) -> Iterator[tuple[T, Timing]]:
    """Each step of ``event`` with its timing; what the steps are is up to the caller."""
    for step, anchor in steps:
        yield step, time_step(anchor, event, today)
