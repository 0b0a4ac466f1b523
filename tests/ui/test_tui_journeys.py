"""Journeys at 80×24 where work used to be lost or errors had no subject: the pitch
builder, the mentor dialog, the conference question, search and filters, and the
training year turning."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, TextArea

from ctcoach.coach import Coach
from ctcoach.content import load_pack
from ctcoach.pitch import MAX_PART
from ctcoach.profile import to_json
from ctcoach.store import Store
from ctcoach.tui.app import CoachApp
from ctcoach.tui.confirm import ConfirmScreen
from ctcoach.tui.screens.dashboard import DashboardScreen
from ctcoach.tui.screens.mentors import MentorDialog
from ctcoach.tui.screens.pitch import PitchScreen, PracticeScreen, VersionsScreen
from ctcoach.tui.screens.plan import PlanList, item_label
from ctcoach.tui.screens.profile import EditAnswer

from ..helpers import make_profile
from .helpers import FakeClock, enter_text, screen_text
from .test_tui_pitch import fill

BASIC = {"name": "Alex Rivera", "stage": "ms2", "weekly_hours": 5}


async def test_pitch_edits_are_never_lost_unasked(make_app):
    clock = FakeClock()
    app = make_app(BASIC, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await fill(pilot)
        await pilot.press("escape")  # unsaved: asks
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape", "ctrl+t")  # keep going; practice what is on screen
        assert isinstance(app.screen, PracticeScreen)
        assert "not saved yet" in screen_text(app) and "I'm a second-year" in screen_text(app)
        await pilot.press("space")
        clock.now += 24.0
        await pilot.press("space", "escape", "ctrl+s")
        assert app.coach.practices() and app.coach.pitch_versions()
        await pilot.press("escape")  # saved: leaves at once
        assert isinstance(app.screen, DashboardScreen)


async def test_tab_into_a_filled_part_keeps_it_and_ctrl_z_undoes(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await fill(pilot)
        await pilot.press("shift+tab", "tab", "x")  # leave "who" and come back
        who = app.screen.query_one("#part-who", Input)
        assert who.value == "a second-year medical student at State Universityx"
        await pilot.press("ctrl+z")
        assert who.value == "a second-year medical student at State University"
        who.value = "a" * (MAX_PART + 1)
        await pilot.pause()
        assert f"Who you are: {MAX_PART + 1} characters; keep it to {MAX_PART}" in screen_text(app)
        assert len(app.screen.pitch().who) == MAX_PART + 1  # nothing cut


async def test_versions_can_be_renamed_and_deleted(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await fill(pilot)
        await pilot.press("ctrl+s")
        app.screen.query_one(TextArea).text = "a summer in the cardiac ICU"
        await pilot.pause()
        await pilot.press("ctrl+s", "ctrl+o")
        assert isinstance(app.screen, VersionsScreen)
        await pilot.press("r", *"For STS", "enter")
        await pilot.pause()
        assert app.coach.pitch_versions()[-1].name == "For STS"
        assert "For STS" in screen_text(app)
        await pilot.press("end", "d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("d")
        await pilot.pause()
        assert [v.name for v in app.coach.pitch_versions()] == ["For STS"]


async def test_a_rate_set_after_a_practice_takes_effect(make_app):
    clock = FakeClock()
    app = make_app(BASIC, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await fill(pilot)
        await pilot.press("ctrl+s", "ctrl+t", "space")
        clock.now += 24.0
        await pilot.press("space", "escape", "ctrl+r", "ctrl+u", *"125", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PitchScreen)
        assert "at 125 wpm" in screen_text(app) and app.coach.pitch_report().wpm == 125


async def test_mentor_errors_name_the_field_and_show_at_80x24(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        app.coach.save_mentor("Dr Kay", ["sponsor"], [])
        await pilot.press("m", "a", "ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, MentorDialog)
        name_error = dialog.query_one("#error-name")
        assert "Name is required" in screen_text(app) and "Roles: pick at least one" in str(
            dialog.query_one("#error-roles").render()
        )
        assert 0 <= name_error.region.y < 23  # in view, above the footer
        dialog.query_one("#name", Input).value = "dr kay"
        await pilot.press("tab", "1", "ctrl+s")
        assert "Dr Kay is already on your team" in str(name_error.render())
        await pilot.press("escape", "l")  # changed: Cancel asks
        await pilot.press("d", "r")  # remove Dr Kay…
        await pilot.pause()
        assert app.coach.mentors() == []
        await pilot.press("u")  # …and undo
        await pilot.pause()
        assert [m.name for m in app.coach.mentors()] == ["Dr Kay"]


async def test_a_conference_that_ended_is_refused_naming_the_field(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        view = app.screen.query_one("#answers")
        view.index = [q.id for q in app.coach.pack.questions].index("next_conference")
        await pilot.press("enter", "y", "enter")
        for text in ("STS", "2026-10-01", "2026-10-03"):  # name, first and last day
            await enter_text(pilot, text)
            await pilot.press("enter")
        assert isinstance(app.screen, EditAnswer)
        assert "Next conference: ended on 2026-10-03" in screen_text(app)
        assert app.focused.id == "event-end"
        await pilot.press("shift+tab", "ctrl+u")
        await enter_text(pilot, "2026-13-01")
        await pilot.press("enter", "enter")
        assert "Next conference: first day:" in screen_text(app)
        assert app.focused.id == "event-start"


async def test_plan_search_filter_and_waiting_items(make_app):
    app = make_app({**BASIC, "weekly_hours": 1})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        view = app.screen.query_one(PlanList)
        rows = view.shown_items()
        waiting = [r for r in rows if r.waiting]
        assert waiting and all("waiting for room" in item_label(r).plain for r in waiting)
        await pilot.press("slash", *"mentor", "enter")
        shown = view.shown_items()
        assert shown and all("mentor" in (r.title + r.how).lower() for r in shown)
        assert "matching “mentor”" in screen_text(app)
        await pilot.press("slash", "escape")  # clears the search
        assert len(view.shown_items()) > len(shown)
        await pilot.press("f", "f")  # active only: waiting and done hidden
        assert not any(r.waiting for r in view.shown_items())


async def test_guide_search(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g", "slash", *"sponsor")
        await pilot.pause()
        titles = [topic.title for topic in app.screen.topics]
        assert titles and len(titles) < 29
        await pilot.press("enter", "down")
        assert "ponsor" in screen_text(app)


async def test_the_next_stage_is_offered_when_the_training_year_turns(data_dir, tmp_path):
    pack = load_pack()
    store = Store(data_dir)
    store.save_profile(to_json(make_profile(pack, stage="ms1")))
    store.set_setting("stage_confirmed", "2026-06-15")
    app = CoachApp(Coach(pack, store, lambda: dt.date(2026, 7, 2)), cwd=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Move your plan from MS1 to MS2?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and "MS2" in screen_text(app)
    assert app.coach.profile().stage == "ms2" and app.coach.stage_offer() is None
