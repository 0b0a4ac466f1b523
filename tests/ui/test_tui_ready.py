"""Screens built ahead of their keys: the key shows the very screen built while the person
read the dashboard, unless what it shows has changed since (the store, the day, the theme)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from textual.widgets import DataTable, Input

from ctcoach.coach import Coach
from ctcoach.network import ContactDraft
from ctcoach.pitch import make_pitch
from ctcoach.store import Store
from ctcoach.tui import app as app_module
from ctcoach.tui.app import CoachApp
from ctcoach.tui.screens.dashboard import DashboardScreen
from ctcoach.tui.screens.guide import GuideScreen
from ctcoach.tui.screens.people import PeopleScreen
from ctcoach.tui.screens.pitch import PitchScreen, VersionsScreen
from ctcoach.tui.screens.pitfalls import PitfallScreen
from ctcoach.tui.screens.plan import PlanScreen
from ctcoach.tui.screens.profile import ProfileScreen
from ctcoach.tui.screens.quiz import QuizListScreen

from .helpers import TODAY, enter_text, screen_text, until

BASIC = {"name": "Alex Rivera", "stage": "ms2", "weekly_hours": 5}
READY = {
    PlanScreen,
    PitchScreen,
    VersionsScreen,
    QuizListScreen,
    PeopleScreen,
    PitfallScreen,
    ProfileScreen,
    GuideScreen,
}


@pytest.fixture(autouse=True)
def quick_warm_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "WARM_UP_SECONDS", 0.001)


def started(make_app: Any) -> CoachApp:
    app: CoachApp = make_app(BASIC, ahead=True)
    app.coach.confirm_stage()  # starting writes nothing
    return app


async def all_ready(app: CoachApp, pilot: Any) -> None:
    await until(
        pilot,
        lambda: app.warmed and not app.readying and set(app.ready) == READY,
        "the screens built ahead",
    )


def built(app: CoachApp, kind: type[Any]) -> Any:
    assert app.ready is not None
    return app.ready[kind][0]


async def test_a_key_shows_the_screen_built_ahead_and_it_is_built_again(make_app):
    app = started(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await all_ready(app, pilot)
        plan = built(app, PlanScreen)
        await pilot.press("p")
        assert app.screen is plan
        assert "0 done" in screen_text(app) and plan.query_one("#items").has_focus
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
        await all_ready(app, pilot)
        again = built(app, PlanScreen)
        assert again is not plan  # the one used was closed on the way back
        await pilot.press("i")
        assert isinstance(app.screen, PitchScreen) and app.screen.query_one("#part-who").has_focus


async def test_a_screen_built_before_another_process_saved_is_not_used(make_app, pack, data_dir):
    app = started(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await all_ready(app, pilot)
        plan = built(app, PlanScreen)
        other = Coach(pack, Store(data_dir), lambda: TODAY)  # a second ctcoach
        item = other.plan().open_items()[0]
        other.store.set_done(item.id, True, TODAY)
        await pilot.press("p")
        assert isinstance(app.screen, PlanScreen) and app.screen is not plan
        assert "1 done" in screen_text(app)


async def test_a_screen_built_before_a_save_in_the_app_is_not_used(make_app):
    app = started(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await all_ready(app, pilot)
        plan, quizzes = built(app, PlanScreen), built(app, QuizListScreen)
        await pilot.press("p", "space", "escape")  # the plan built ahead; one item done
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("k")  # built before that save
        assert isinstance(app.screen, QuizListScreen) and app.screen is not quizzes
        await pilot.press("escape")
        await all_ready(app, pilot)
        await pilot.press("p")
        assert app.screen is not plan and "1 done" in screen_text(app)


async def test_back_on_the_dashboard_screens_out_of_date_are_built_again(make_app, pack, data_dir):
    app = started(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await all_ready(app, pilot)
        pitch = built(app, PitchScreen)
        await pilot.press("p", "space", "escape")  # a save while the pitch builder waited
        await until(pilot, lambda: built(app, PitchScreen) is not pitch, "a new pitch builder")
        await all_ready(app, pilot)
        again = built(app, PitchScreen)
        await pilot.press("i")
        assert app.screen is again
        await pilot.press("escape")
        await all_ready(app, pilot)
        quizzes = built(app, QuizListScreen)
        other = Coach(pack, Store(data_dir), lambda: TODAY)  # a second ctcoach saves
        other.store.set_done(other.plan().open_items()[0].id, True, TODAY)
        app.check_store()  # as the app does every second
        await until(pilot, lambda: built(app, QuizListScreen) is not quizzes, "new quizzes")
        await all_ready(app, pilot)
        fresh = built(app, QuizListScreen)
        await pilot.press("k")
        assert app.screen is fresh


@pytest.mark.parametrize("change", ["day", "theme", "size"])
async def test_a_screen_built_before_the_day_theme_or_size_changed_is_not_used(make_app, change):
    app = started(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await all_ready(app, pilot)
        pitch = built(app, PitchScreen)
        if change == "day":
            app.coach.today = lambda: TODAY + dt.timedelta(days=1)
        elif change == "theme":
            app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        else:
            await pilot.resize_terminal(60, 20)
        await pilot.press("i")
        assert isinstance(app.screen, PitchScreen) and app.screen is not pitch


async def test_the_versions_dialog_is_built_ahead_and_not_used_after_a_new_version(make_app):
    app = started(make_app)
    app.coach.save_pitch(make_pitch("an MS2 at State", "adult cardiac surgery", [], "advice"))
    async with app.run_test(size=(80, 24)) as pilot:
        await all_ready(app, pilot)
        versions = built(app, VersionsScreen)
        await pilot.press("i", "ctrl+o")
        assert app.screen is versions and len(versions.versions) == 1
        await pilot.press("escape")
        assert isinstance(app.screen, PitchScreen)
        app.screen.query_one("#part-ask", Input).focus()
        await pilot.pause()
        await enter_text(pilot, " about research")
        await pilot.press("ctrl+s", "ctrl+o")  # a second version, saved after it was built
        assert isinstance(app.screen, VersionsScreen) and app.screen is not versions
        assert len(app.screen.versions) == 2


async def test_nothing_is_built_ahead_before_there_is_a_profile(make_app):
    app = make_app(ahead=True)  # onboarding
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.warmed and not app.readying, "the warm-up")
        await pilot.pause()
        assert app.ready == {}
        assert not app._notifications  # nothing said about a missing profile


async def test_the_warm_up_ends_even_when_a_key_left_the_dashboard_first(make_app, monkeypatch):
    ended: list[bool] = []
    monkeypatch.setattr(CoachApp, "freeze_loaded", lambda self: ended.append(True))
    app = started(make_app)
    app.freeze = True
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")  # before the warm-up has built anything
        await until(pilot, lambda: ended == [True], "the end of the warm-up")
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("escape")
        await all_ready(app, pilot)  # built once back on the dashboard
        assert ended == [True]


async def test_people_is_built_empty_and_filled_as_it_shows(make_app):
    app = started(make_app)
    app.coach.log.save_contact(ContactDraft("Dr. Ada Lovelace", institution="Metro"))
    async with app.run_test(size=(80, 24)) as pilot:
        await all_ready(app, pilot)
        people = built(app, PeopleScreen)
        assert people.query_one(DataTable).row_count == 0  # its building reads no contacts
        await pilot.press("n")
        assert app.screen is people and people.query_one(DataTable).row_count == 1
        assert "Dr. Ada Lovelace" in screen_text(app)


async def test_a_plan_built_ahead_adds_its_rows_past_the_first_page_once_it_shows(
    make_app, monkeypatch
):
    from ctcoach.tui.screens import plan as plan_module

    monkeypatch.setattr(plan_module, "FIRST_ROWS", 5)
    monkeypatch.setattr(plan_module, "MORE_ROWS", 5)
    app = started(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await all_ready(app, pilot)
        view = built(app, PlanScreen).query_one(plan_module.PlanList)
        for _ in range(5):
            await pilot.pause()
        assert view.loaded == 5 < len(view.rows)  # hidden: nothing past the first page
        await pilot.press("p")
        await until(pilot, lambda: view.loaded == len(view.rows), "every row of the plan")
