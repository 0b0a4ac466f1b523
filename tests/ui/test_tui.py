"""The full-screen app, driven with Textual's Pilot on a temporary store."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input, ListView

from ctcoach.store import Store
from ctcoach.tui.app import QuitScreen
from ctcoach.tui.screens.dashboard import DashboardScreen
from ctcoach.tui.screens.dialogs import ExportScreen, HelpScreen
from ctcoach.tui.screens.guide import GuideScreen
from ctcoach.tui.screens.onboarding import OnboardingScreen
from ctcoach.tui.screens.plan import PlanList, PlanScreen
from ctcoach.tui.screens.profile import EditAnswer, ProfileScreen
from ctcoach.tui.widgets.card import Card

from .helpers import answer_all, enter_text, screen_text

SIZES = [(60, 20), (80, 24), (120, 40)]
BASIC = {"name": "Alex Rivera", "stage": "ms2", "weekly_hours": 5}


async def test_onboarding_complete_saves_and_opens_dashboard(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, OnboardingScreen)
        await answer_all(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "Sam Lee · MS3" in screen_text(app)
    with Store(data_dir) as store:
        saved = store.snapshot().profile
    assert saved["name"] == "Sam Lee" and saved["stage"] == "ms3"
    assert saved["interests"] == ["adult_cardiac"] and saved["track"] == "undecided"


async def test_onboarding_validation_and_back(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # empty name
        assert "Question 1 of" in screen_text(app) and "is required" in screen_text(app)
        await pilot.press(*"Kim", "enter")
        assert "Question 2 of" in screen_text(app)
        await pilot.press("ctrl+n")  # no stage picked
        assert "pick one" in screen_text(app)
        await pilot.press("escape")  # back to the name, kept
        assert "Question 1 of" in screen_text(app)
        assert app.screen.query_one(Input).value == "Kim"


async def test_onboarding_quit_half_way_saves_nothing(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Half Way", "enter", "2", "enter")
        await pilot.press("ctrl+q")  # asks first: answers would be lost
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("q")
    assert app.return_code == 0
    with Store(data_dir) as store:
        assert store.snapshot().profile is None


async def test_onboarding_asks_before_dropping_a_name_typed_but_not_entered(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")  # nothing typed yet: quits at once
        assert not isinstance(app.screen, QuitScreen) and app.leaving
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Sam")
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("escape")  # keep going: the name is still there
        assert app.screen.query_one(Input).value == "Sam"


async def test_every_dashboard_card_opens_its_screen(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        for card_id, screen in (
            ("card-plan", PlanScreen),
            ("card-profile", ProfileScreen),
            ("card-guide", GuideScreen),
        ):
            app.screen.query_one(f"#{card_id}", Card).focus()
            await pilot.press("enter")
            assert isinstance(app.screen, screen)
            await pilot.press("escape")
            assert isinstance(app.screen, DashboardScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_a_click_on_a_card_opens_its_screen_at_every_size(make_app, size):
    app = make_app(BASIC)
    async with app.run_test(size=size) as pilot:
        card = app.screen.query_one("#card-plan", Card)
        card.scroll_visible(animate=False)  # at 60x20 the dashboard scrolls
        await pilot.pause()
        await pilot.click("#card-plan")
        assert isinstance(app.screen, PlanScreen)


async def test_dashboard_shows_next_actions_and_late_starts(make_app):
    conference = {"name": "STS", "start": dt.date(2026, 12, 1), "end": dt.date(2026, 12, 3)}
    app = make_app({**BASIC, "next_conference": conference})
    async with app.run_test(size=(80, 24)):
        text = screen_text(app)
        # The target list was planned three weeks before the meeting (2026-11-10); entered
        # today, it is a late start due today, not overdue.
        assert "Make a target list" in text and "OVERDUE" not in text
        assert "Make a target list of 5–10 people for STS — today" in text
        assert "overdue" not in str(app.screen.query_one("#card-plan", Card).render())


async def test_toggle_done_persists_after_restart_and_in_export(make_app, tmp_path):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        first = app.screen.query_one(PlanList).selected
        assert first is not None
        await pilot.press("space")
        title = first.title
        row = app.screen.query_one(PlanList).selected
        assert row is not None and row.title == title and row.done
    app.coach.store.close()
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        items = again.screen.query_one(PlanList).shown_items()
        rows = [r for r in items if r.title == title]
        assert rows and rows[0].done
        await pilot.press("e", "enter")
        await pilot.pause()
    exported = (tmp_path / "ctcoach-plan.md").read_text()
    assert f"- [x] **{title}**" in exported


async def test_export_writes_file_and_reports_path(make_app, tmp_path):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("p", "e")
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        target = tmp_path / "ctcoach-plan.md"
        assert target.read_text().startswith("# Networking action plan for Alex Rivera")
        assert any(str(target) in n.message for n in app._notifications)
        # Exporting again asks before replacing; a folder is refused with a reason.
        await pilot.press("e", "enter")
        assert isinstance(app.screen, ExportScreen)
        assert "already exists" in screen_text(app)
        field = app.screen.query_one(Input)
        field.value = str(tmp_path)
        await pilot.press("enter")
        assert "is a folder" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, PlanScreen)


async def test_profile_edit_changes_the_plan(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.plan().capacity == 5
        await pilot.press("o")
        view = app.screen.query_one(ListView)
        view.index = [q.id for q in app.coach.pack.questions].index("weekly_hours")
        await pilot.press("enter")
        assert isinstance(app.screen, EditAnswer)
        await pilot.press("ctrl+u", "4", "1", "enter")
        assert "41 is outside 1–40" in screen_text(app)
        await pilot.press("ctrl+u", "1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        assert "Hours a week for networking: 1" in screen_text(app)
        assert app.plan().capacity == 2
        await pilot.press("escape")
        assert "1 h a week" in screen_text(app)


async def test_help_lists_the_screen_keys(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("p", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = screen_text(app)
        assert "Done / not done" in keys and "Export" in keys and "Back" in keys
        assert "Copy selected text" not in keys
        await pilot.press("escape")
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_palette_opens_screens(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        for command, screen in (("Profile", ProfileScreen), ("Guide", GuideScreen)):
            await pilot.press("ctrl+p")
            await enter_text(pilot, command)
            await app.workers.wait_for_complete()  # the palette searches in a worker
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, screen)
            await pilot.press("escape")
            assert isinstance(app.screen, DashboardScreen)


async def test_palette_has_an_entry_for_every_screen_and_export(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)):
        titles = {c.title for c in app.get_system_commands(app.screen)}
    assert {"Dashboard", "Action plan", "Profile", "Guide", "Export plan"} <= titles


async def test_user_text_is_shown_literally(make_app):
    name = "[bold red]x[/] [@click=app.quit]y[/]"
    app = make_app({**BASIC, "name": name, "institution": "[/]"})
    async with app.run_test(size=(80, 24)) as pilot:
        assert f"{name} · MS2 · [/]" in screen_text(app)
        await pilot.click("#who")
        assert app.is_running


async def test_control_characters_are_stripped(make_app):
    app = make_app({**BASIC, "name": "Ev\x1b[31mil\x07 Name"})
    async with app.run_test(size=(80, 24)):
        assert "Evil Name · MS2" in screen_text(app)


async def restarted_after_choosing(make_app, theme: str):  # type: ignore[no-untyped-def]
    """An app whose person chose ``theme`` in a first run: the second run, not started."""
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)):
        app.theme = theme
    app.coach.store.close()
    return make_app()


async def test_theme_choice_is_remembered(make_app):
    again = await restarted_after_choosing(make_app, "nord")
    assert again.theme == "nord"  # before it runs: its styles are read once, in that theme
    async with again.run_test(size=(80, 24)):
        assert again.theme == "nord"


async def test_a_saved_light_theme_is_the_first_frame_s_and_starting_saves_nothing(make_app):
    again = await restarted_after_choosing(make_app, "textual-light")
    saved = again.coach.store.target.read_bytes()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "-light-mode" in again.classes and "-dark-mode" not in again.classes
        assert again.screen.styles.background.hex == again.current_theme.background
    assert again.coach.store.target.read_bytes() == saved  # the theme was not saved again


async def test_conference_fields_enter_moves_on_then_saves(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        view = app.screen.query_one(ListView)
        view.index = [q.id for q in app.coach.pack.questions].index("next_conference")
        await pilot.press("enter", "y", "enter")  # yes, one is coming up; on to its name
        for text in ("AATS", "2027-04-30"):  # the name, then the first day
            await enter_text(pilot, text)
            await pilot.press("enter")
        assert isinstance(app.screen, EditAnswer)  # still filling in
        await enter_text(pilot, "2027-04-29")
        await pilot.press("enter")
        assert "ends (2027-04-29) before it starts" in screen_text(app)
        await pilot.press("ctrl+u")
        await enter_text(pilot, "2027-05-30")  # longer than a conference can be
        await pilot.press("enter")
        assert "runs 31 days; check the dates (at most 10 days)" in screen_text(app)
        assert isinstance(app.screen, EditAnswer)
        await pilot.press("ctrl+u")
        await enter_text(pilot, "2027-05-02")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        plan = app.plan()
    assert any(i.id.startswith("conf-targets@2027-04-30") for i in plan.all_items())


async def test_the_plan_keeps_room_for_its_items_on_a_small_terminal(make_app):
    conference = {"name": "STS", "start": dt.date(2026, 12, 20), "end": dt.date(2026, 12, 23)}
    app = make_app({**BASIC, "next_conference": conference})
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        view = app.screen.query_one("#items", PlanList)
        assert view.size.height >= 3 and view.selected is not None


async def test_a_target_step_marked_done_leaves_the_cursor_in_place(make_app):
    from ctcoach.network import ContactDraft

    app = make_app({**BASIC, "weekly_hours": 8})
    contact, _ = app.coach.log.save_contact(ContactDraft("Dr. Maya Chen"))
    event, _ = app.coach.events.save_event("conference", "STS", dt.date(2026, 12, 20))
    app.coach.events.add_target(event.id, contact.id, "valves")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        view = app.screen.query_one("#items", PlanList)
        spot = next(n for n, i in enumerate(view.items) if i and i.id.startswith("target-"))
        view.highlighted = spot
        await pilot.press("space")  # the target moves on: its next step replaces this one
        await pilot.pause()
        assert view.highlighted == spot and view.selected is not None
        assert app.coach.events.targets(event.id)[0].status == "drafted"


def test_the_onboarding_progress_line_fills_with_the_answers():
    from ctcoach.tui.screens.onboarding import BAR, progress

    start, half, done = progress("Q", 0, 10), progress("Q", 5, 10), progress("Q", 10, 10)
    assert start.plain == "Q\n" + "─" * BAR + " 0%"
    assert half.plain == "Q\n" + "━" * (BAR // 2) + "─" * (BAR - BAR // 2) + " 50%"
    assert half.plain.endswith(" 50%") and done.plain.endswith(" 100%")
    filled = [s for s in half.spans if str(s.style) == "$primary"]
    assert len(filled) == 1 and filled[0].end - filled[0].start == BAR // 2
