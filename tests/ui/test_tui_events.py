"""Pilot tests: adding an event, choosing targets from the log, meeting one, goals."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, Input, ListView

from ctcoach.network import ContactDraft
from ctcoach.tui.screens.due import DueScreen
from ctcoach.tui.screens.event_dialogs import EventDialog, PersonDialog
from ctcoach.tui.screens.events import EventsScreen

from ..helpers import TODAY
from .helpers import enter_text, screen_text

BASIC = {"stage": "ms3", "home_ct_program": True}


async def test_add_an_event_choose_a_target_meet_them_and_see_the_follow_up(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        app.coach.log.save_contact(ContactDraft("Dr. Maya Chen"))
        await pilot.press("e")
        assert isinstance(app.screen, EventsScreen)
        await pilot.pause()
        assert "No events yet" in screen_text(app)
        await pilot.press("a")
        assert isinstance(app.screen, EventDialog)
        app.screen.query_one("#name", Input).value = "STS Annual Meeting"
        app.screen.query_one("#start", Input).value = "2026-11-20"
        app.screen.query_one("#end", Input).value = "2026-11-23"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EventsScreen)
        assert "STS Annual Meeting" in screen_text(app)
        await pilot.press("t")
        assert isinstance(app.screen, PersonDialog)
        await enter_text(pilot, "maya chen")
        await pilot.press("tab")
        await enter_text(pilot, "moderates the valve session")
        await pilot.press("enter")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert "1 chosen; the guide suggests 5–10" in screen_text(app)
        table.focus()
        await pilot.press("m")
        await pilot.pause()
        assert str(table.get_row_at(0)[2]) == "met"
        (item,) = app.coach.log.interactions()
        assert item.kind == "conference" and item.date == dt.date(2026, 11, 23)
        await pilot.press("escape", "f")
        assert isinstance(app.screen, DueScreen)
        await pilot.pause()
        assert "Follow up with Dr. Maya Chen after the meeting" in screen_text(app)


async def test_a_bad_date_names_its_field_and_keeps_the_dialog(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "a")
        app.screen.query_one("#name", Input).value = "Away"
        app.screen.query_one("#start", Input).value = "2026-02-30"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, EventDialog)
        assert "Starts: '2026-02-30' is not a date" in screen_text(app)


async def test_away_rotation_goals_tick_with_digits(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        start = TODAY - dt.timedelta(days=3)  # under way: goals tick as they happen
        app.coach.events.save_event(
            "away_rotation", "Away at Metro", start, start + dt.timedelta(days=27)
        )
        await pilot.press("e")
        await pilot.pause()
        assert "☐ A conversation with a faculty member" in screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        assert "☑ A conversation with a faculty member" in screen_text(app)
        (event,) = app.coach.events.events()
        assert event.goals_done == ("career-talk",)


async def test_w_on_a_target_drafts_the_email_its_step_calls_for(make_app):
    from ctcoach.tui.screens.draft import DraftScreen

    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        app.coach.log.save_contact(ContactDraft("Dr. Maya Chen"))
        event, _ = app.coach.events.save_event("conference", "STS", TODAY + dt.timedelta(days=20))
        assert event is not None
        app.coach.events.add_target(event.id, 1, "her valve session")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(DataTable).focus()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, DraftScreen)
        assert "Dr. Maya Chen" in screen_text(app) or "Chen" in screen_text(app)


async def test_an_event_is_changed_in_place_then_removed_and_brought_back(make_app):
    app = make_app(BASIC)
    contact, _ = app.coach.log.save_contact(ContactDraft("Dr. Maya Chen"))
    event, _ = app.coach.events.save_event(
        "away_rotation", "Away at Metro", TODAY + dt.timedelta(days=30), None
    )
    app.coach.events.add_target(event.id, contact.id, "ECMO program")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert "Ready: ☐ targets 1 of 2–3 · ☐ emails 0 of 1 sent" in screen_text(app)
        await pilot.press("e")
        assert isinstance(app.screen, EventDialog)
        assert app.screen.query_one("#name", Input).value == "Away at Metro"
        app.screen.query_one("#end", Input).value = (TODAY + dt.timedelta(days=57)).isoformat()
        await pilot.press("ctrl+s")
        await pilot.pause()
        (saved,) = app.coach.events.events()
        assert saved.id == event.id and saved.end == TODAY + dt.timedelta(days=57)
        assert len(app.coach.events.targets(event.id)) == 1  # its targets stay
        app.screen.query_one(DataTable).focus()
        await pilot.press("m", "v")  # not met before it begins; no advocates yet either
        await pilot.pause()
        assert app.coach.events.targets(event.id)[0].status == "research"
        assert app.coach.log.interactions() == () and app.coach.events.events()[0].advocates == ()
        await pilot.press("d")  # on the targets: that target, not the event
        await pilot.pause()
        assert "Remove Dr. Maya Chen from the targets for Away at Metro?" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        app.screen.query_one(ListView).focus()
        await pilot.press("d")
        await pilot.pause()
        assert "Remove Away at Metro and its 1 target?" in screen_text(app)
        await pilot.press("enter")  # the default answer keeps it
        await pilot.pause()
        assert len(app.coach.events.events()) == 1
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert app.coach.events.events() == () and "No events yet" in screen_text(app)
        assert [c.name for c in app.coach.log.contacts()] == ["Dr. Maya Chen"]
        await pilot.press("u")
        await pilot.pause()
        (back,) = app.coach.events.events()
        assert back == saved and app.coach.events.targets(event.id)[0].reason == "ECMO program"


async def test_w_on_an_away_rotation_target_writes_the_rotation_introduction(make_app):
    from ctcoach.tui.screens.draft import DraftScreen

    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        app.coach.log.save_contact(ContactDraft("Dr. Maya Chen"))
        event, _ = app.coach.events.save_event(
            "away_rotation", "Away at Metro", TODAY + dt.timedelta(days=20)
        )
        assert event is not None
        app.coach.events.add_target(event.id, 1, "ECMO program")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(DataTable).focus()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, DraftScreen)
        assert app.screen.kind_id == "pre-rotation"
        assert "rotating with your team at Away at Metro" in app.screen.draft().body


async def test_a_new_event_is_the_one_targets_go_to_and_escape_asks_before_losing_edits(make_app):
    app = make_app(BASIC)
    app.coach.events.save_event("conference", "Early meeting", TODAY + dt.timedelta(days=5))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "a")
        app.screen.query_one("#name", Input).value = "Late meeting"
        app.screen.query_one("#start", Input).value = (TODAY + dt.timedelta(days=40)).isoformat()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("t")
        assert isinstance(app.screen, PersonDialog)
        assert "Who do you hope to meet at Late meeting?" in screen_text(app)
        await pilot.press(*"Dr. Kim", "enter")
        await pilot.pause()
        late = next(e for e in app.coach.events.events() if e.name == "Late meeting")
        assert len(app.coach.events.targets(late.id)) == 1
        await pilot.press("e")
        assert isinstance(app.screen, EventDialog)
        app.screen.query_one("#name", Input).value = "Late meeting NE"
        await pilot.press("escape")
        await pilot.pause()
        assert "Leave? Your changes here will be lost." in screen_text(app)


async def test_a_removed_target_comes_back_with_u(make_app):
    app = make_app(BASIC)
    contact, _ = app.coach.log.save_contact(ContactDraft("Dr. Maya Chen"))
    event, _ = app.coach.events.save_event("conference", "STS", TODAY + dt.timedelta(days=30))
    app.coach.events.add_target(event.id, contact.id, "valves")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(DataTable).focus()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("r")  # the Remove button's key
        await pilot.pause()
        assert app.coach.events.targets(event.id) == []
        assert "STS · Conference · 0 targets" in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        (back,) = app.coach.events.targets(event.id)
        assert back.reason == "valves" and "1 target" in screen_text(app)


async def test_the_cursor_stays_on_the_target_just_changed(make_app):
    app = make_app(BASIC)
    event, _ = app.coach.events.save_event("conference", "STS", TODAY - dt.timedelta(days=1))
    for name in ("Dr. Hale", "Dr. Nair"):
        contact, _ = app.coach.log.save_contact(ContactDraft(name))
        app.coach.events.add_target(event.id, contact.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        table.focus()
        await pilot.press("down", "m")
        await pilot.pause()
        assert table.cursor_row == 1
        assert [t.status for t in app.coach.events.targets(event.id)] == ["research", "met"]
