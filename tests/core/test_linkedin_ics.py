"""LinkedIn's Connections.csv on real-shaped and broken files; the .ics read back."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from ctcoach.export.ics import due_entries, render
from ctcoach.followup import due_items
from ctcoach.linkedin import LinkedInError, parse, plan_import
from ctcoach.network import Contact, Interaction

from .test_followup import SETTINGS, TODAY

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing. You will only see email addresses for connections who have allowed it."\n'
    "\n"
)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ROWS = (
    "Ada,Lovelace,https://www.linkedin.com/in/ada,,Metro Heart Institute,Cardiothoracic Surgeon,24 Nov 2026\n"  # noqa: E501
    'José,Núñez,https://www.linkedin.com/in/jose,jose@example.org,"Hospital, University",'
    "General Surgery Resident,3 Jan 2025\n"
    "Zhang,Wei,https://www.linkedin.com/in/wei,,Acme,Vice President,1 Feb 2024\n"
    "Ada,Lovelace,https://www.linkedin.com/in/ada2,,Metro Heart Institute,Surgeon,2 Feb 2024\n"
    ",,https://www.linkedin.com/in/gone,,,,5 May 2023\n"
)


def test_a_real_shaped_export_with_a_bom_parses():
    rows = parse("\ufeff" + PREAMBLE + HEADER + ROWS)
    assert [r.name for r in rows] == ["Ada Lovelace", "José Núñez", "Zhang Wei", "Ada Lovelace", ""]
    assert rows[1].company == "Hospital, University" and rows[1].email == "jose@example.org"
    assert rows[0].connected == dt.date(2026, 11, 24) and rows[0].email == ""
    assert rows[0].line == 5  # three lines of notes, then the header


def test_the_import_plan_adds_merges_and_skips():
    existing = Contact(7, "ada lovelace", dt.date(2026, 1, 1), email="ada@metro.org")
    plan = plan_import(SETTINGS, [existing], parse(PREAMBLE + HEADER + ROWS), TODAY)
    assert [c.name for c in plan.add] == ["José Núñez", "Zhang Wei"]
    jose, wei = plan.add
    assert jose.role == "resident" and jose.institution == "Hospital, University"
    assert wei.role == "" and wei.tags == ("linkedin",)  # "to sort"
    ((before, after),) = plan.merge
    assert before.id == 7 and after.email == "ada@metro.org"  # what you typed is kept
    assert after.link == "https://www.linkedin.com/in/ada" and after.role == "attending"
    assert [why for _, why in plan.skip] == ["already earlier in this file", "no name"]


def test_the_company_breaks_a_tie_between_namesakes():
    twins = [
        Contact(1, "Sam Lee", dt.date(2026, 1, 1), institution="North"),
        Contact(2, "Sam Lee", dt.date(2026, 1, 1), institution="South Clinic"),
    ]
    rows = parse(HEADER + "Sam,Lee,https://x,,South Clinic,,\n")
    ((before, _),) = plan_import(SETTINGS, twins, rows, TODAY).merge
    assert before.id == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("just some text\n", "no header line"),
        (HEADER + "A,B,u,e,c,p,someday\n", "line 2: Connected On: 'someday' is not a date"),
        (HEADER + "A,B,u,e,c,p,1 Jan 2026,extra\n", "line 2: 8 fields where the header has 7"),
        (HEADER + "A,B,u,e,c,p,1 Jan 2999\n", "line 2: Connected On: 2999-01-01 is outside"),
    ],
)
def test_broken_files_name_the_line(text, message):
    with pytest.raises(LinkedInError, match=message):
        parse(text)


def test_the_calendar_reads_back_field_by_field():
    people = [Contact(1, "Dr. Ada Lovelace", dt.date(2026, 1, 1))]
    logged = [
        Interaction(1, (1,), dt.date(2027, 1, 29), "meeting", "valves", where="STS"),
        Interaction(2, (1,), dt.date(2027, 1, 20), "email", "x", promise="Send CV",
                    promise_by=dt.date(2027, 2, 5)),
    ]  # fmt: skip
    items = due_items(SETTINGS, people, logged, TODAY)
    text = render(due_entries(items, TODAY), TODAY)
    calendar = Calendar.from_ical(text)
    events = calendar.walk("VEVENT")
    assert len(events) == len(items) == 2
    assert calendar.get("prodid") and calendar.get("version") == "2.0"
    for event, item in zip(events, items, strict=True):
        assert str(event.get("uid")) == f"{item.uid}@ctcoach"
        assert event.decoded("dtstart") == item.date
        assert event.decoded("dtend") == item.date + dt.timedelta(days=1)
        assert str(event.get("summary")) == item.title
        assert item.reason in str(event.get("description"))
        (alarm,) = event.walk("VALARM")
        assert str(alarm.get("action")) == "DISPLAY"
        assert alarm.decoded("trigger") == dt.timedelta(hours=9)
    assert render(due_entries(items, TODAY), TODAY) == text  # the same file: stable UIDs


def test_something_already_due_sits_on_today_and_says_since_when():
    people = [Contact(1, "Dr. Ada Lovelace", dt.date(2026, 1, 1))]
    logged = [Interaction(1, (1,), TODAY - dt.timedelta(days=9), "meeting", "valves")]
    (item,) = [d for d in due_items(SETTINGS, people, logged, TODAY) if d.kind == "follow_up"]
    assert item.date < TODAY
    (event,) = Calendar.from_ical(render(due_entries([item], TODAY), TODAY)).walk("VEVENT")
    assert event.decoded("dtstart") == TODAY
    assert str(event.get("description")).startswith(f"Due since {item.date.isoformat()}.")
