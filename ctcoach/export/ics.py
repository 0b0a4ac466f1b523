"""What is due, and the plan's dated steps, as an iCalendar file, through ``icalendar``.

Each item is an all-day VEVENT (Google Calendar ignores VTODO) with a DISPLAY alarm at
9 in the morning, and a UID that stays the same across exports, so importing the file
again updates the events instead of duplicating them. Something already due sits on
today (a calendar hides the past), its description saying since when.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from icalendar import Alarm, Calendar, Event
from msgspec import Struct

from ctcoach.followup import Due
from ctcoach.plan import Plan

PRODID = "-//ctcoach//networking follow-ups//EN"
ALARM_AT = dt.timedelta(hours=9)


class Entry(Struct, frozen=True):
    """One all-day calendar event."""

    uid: str
    date: dt.date
    title: str
    description: str
    category: str


def _entry(
    uid: str, date: dt.date, title: str, parts: Sequence[str], kind: str, today: dt.date
) -> Entry:
    since = (f"Due since {date.isoformat()}.",) if date < today else ()
    text = "\n\n".join(p for p in (*since, *parts) if p)
    return Entry(uid, max(date, today), title, text, kind.replace("_", "-"))


def due_entries(items: Sequence[Due], today: dt.date) -> list[Entry]:
    return [_entry(d.uid, d.date, d.title, (d.reason, d.how), d.kind, today) for d in items]


def plan_entries(plan: Plan) -> list[Entry]:
    """Every open dated step of the plan (now, waiting or to come), and everything due."""
    due = due_entries(plan.follow_ups, plan.today)
    known = {e.uid for e in due}
    steps = [
        _entry(i.id, i.date, i.title, (i.when, *i.why, i.how), "plan-step", plan.today)
        for i in plan.scheduled
        if i.date is not None and i.id not in known
    ]
    return sorted(due + steps, key=lambda e: (e.date, e.uid))


def render(entries: Sequence[Entry], today: dt.date) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "ctcoach")
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)
    for item in entries:
        event = Event()
        event.add("uid", f"{item.uid}@ctcoach")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.date)
        event.add("dtend", item.date + dt.timedelta(days=1))
        event.add("summary", item.title)
        event.add("description", item.description)
        event.add("categories", [item.category])
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.title)
        alarm.add("trigger", ALARM_AT, parameters={"RELATED": "START"})
        event.add_component(alarm)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
