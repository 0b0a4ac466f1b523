"""Due follow-ups, promises and reconnects as an iCalendar file, through ``icalendar``.

Each item is an all-day VEVENT (Google Calendar ignores VTODO) with a DISPLAY alarm at
9 in the morning, and a UID that stays the same across exports, so importing the file
again updates the events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from icalendar import Alarm, Calendar, Event

from ctcoach.followup import Due

PRODID = "-//ctcoach//networking follow-ups//EN"
ALARM_AT = dt.timedelta(hours=9)


def render(items: Sequence[Due], today: dt.date) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "ctcoach follow-ups")
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)
    for item in items:
        event = Event()
        event.add("uid", f"{item.uid}@ctcoach")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.date)
        event.add("dtend", item.date + dt.timedelta(days=1))
        event.add("summary", item.title)
        event.add("description", "\n\n".join(p for p in (item.reason, item.how) if p))
        event.add("categories", [item.kind.replace("_", "-")])
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.title)
        alarm.add("trigger", ALARM_AT, parameters={"RELATED": "START"})
        event.add_component(alarm)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
