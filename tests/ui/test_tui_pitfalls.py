"""Pilot tests: the pitfall check, its results and the mentor team screen, on the
fixture pack (two pitfalls of five statements each)."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList

from ctcoach.tui.screens.dashboard import DashboardScreen
from ctcoach.tui.screens.dialogs import ConfirmScreen
from ctcoach.tui.screens.mentors import MentorDialog, MentorScreen
from ctcoach.tui.screens.pitfalls import PitfallCheckScreen, PitfallScreen
from ctcoach.tui.widgets.card import Card
from ctcoach.tui.widgets.choices import ChoiceList

from .helpers import screen_text

BASIC = {"name": "Alex Rivera", "stage": "late", "weekly_hours": 5}


@pytest.fixture
def pack(fixture_pack):
    """The apps here run on the fixture pack (make_app uses this fixture)."""
    return fixture_pack


def self_check_answers(pack, healthy: bool) -> dict[str, int]:
    """A rating for every statement: healthy answers, or the worst ones."""
    never, always = 1, 5  # "always" is the healthy answer to a reverse-worded statement
    return {
        s.id: (always if s.reverse else never) if healthy else (never if s.reverse else always)
        for s in pack.assessment.statements
    }


def ratings(app, healthy: bool) -> list[str]:
    """The keys that give those answers, in the order the statements are asked."""
    return [str(r) for r in self_check_answers(app.coach.pack, healthy).values()]


async def test_full_assessment_with_keys_alone(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, PitfallScreen)
        assert "not taken the pitfall check yet" in screen_text(app)
        await pilot.press("t")
        assert isinstance(app.screen, PitfallCheckScreen)
        await pilot.press(*ratings(app, healthy=False))
        await pilot.pause()
        assert isinstance(app.screen, PitfallScreen)
        text = screen_text(app)
        assert "Drifting" in text and "100% high risk" in text and "Drift: act now." in text
        assert "The guide's fix:\n  • Keep in touch." in text
        await pilot.press("escape")
        card = str(app.screen.query_one("#card-pitfalls", Card).render())
        assert "2 high risk" in card
    attempts = app.coach.pitfall_attempts()
    assert len(attempts) == 1 and len(attempts[0].answers) == 10
    assert any(i.id == "fix-drift-call" for i in app.plan().all_items())


async def test_back_changes_an_answer(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "t", "5", "5")
        assert "Statement 3 of" in screen_text(app)
        await pilot.press("backspace")
        assert "Statement 2 of" in screen_text(app)
        assert app.screen.query_one(ChoiceList).index == 4  # the earlier answer is shown
        await pilot.press("1")
        assert app.screen.answers[app.coach.pack.assessment.statements[1].id] == 1


async def test_leaving_half_way_asks_and_saves_nothing(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "t", "3", "3", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep going
        assert isinstance(app.screen, PitfallCheckScreen)
        await pilot.press("escape", "l")  # leave
        await pilot.pause()
        assert isinstance(app.screen, PitfallScreen)
    assert app.coach.pitfall_attempts() == []


async def test_retake_shows_the_change(make_app):
    app = make_app(BASIC)
    # The first attempt is stored directly; taking it with keys is tested above.
    app.coach.record_pitfall_attempt(self_check_answers(app.coach.pack, healthy=False))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("c")
        assert "100% high risk" in screen_text(app)
        await pilot.press("t", *ratings(app, healthy=True))
        await pilot.pause()
        text = screen_text(app)
        assert "0% low risk  (▼ -100 since last time)" in text
        assert "History" in text and "100% → 0%" in text
    assert not any(i.id.startswith("fix-") for i in app.plan().all_items())


async def test_mentor_team_add_edit_remove(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("m")
        assert isinstance(app.screen, MentorScreen)
        assert "✗ Backer — gap" in screen_text(app)
        await pilot.press("a")
        assert isinstance(app.screen, MentorDialog)
        await pilot.press("ctrl+s")
        assert "is required" in screen_text(app)
        app.screen.query_one(Input).value = "Dr [red]Kay[/]"
        await pilot.press("tab", "1", "3", "tab", "tab", "1")  # guide, backer; cancels
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MentorScreen)
        text = screen_text(app)
        assert "✓ Backer — Dr [red]Kay[/]" in text
        assert "⚠ Dr [red]Kay[/]: cancels again and again" in text
        assert any(i.id == "team-widen" for i in app.plan().all_items())
        # Change: untick the warning sign.
        await pilot.press("enter", "tab", "tab", "tab", "space")  # untick the warning sign
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "⚠" not in screen_text(app)
        # Remove, after confirming.
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("r")
        await pilot.pause()
        assert app.coach.mentors() == []
        assert app.screen.query_one("#mentor-list", OptionList).option_count == 0
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
        assert "0 of 3 roles" in str(app.screen.query_one("#card-mentors", Card).render())
