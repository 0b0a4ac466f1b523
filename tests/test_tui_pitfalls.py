"""Pilot tests: the pitfall check, its results and the mentor team screen."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, ListView, RadioSet

from ctcoach.tui.screens.dashboard import DashboardScreen
from ctcoach.tui.screens.dialogs import ConfirmScreen
from ctcoach.tui.screens.mentors import MentorDialog, MentorScreen
from ctcoach.tui.screens.pitfalls import PitfallCheckScreen, PitfallScreen
from ctcoach.tui.widgets.card import Card

from .tui_helpers import make_app, screen_text

BASIC = {"name": "Alex Rivera", "stage": "pgy1", "weekly_hours": 5}


def ratings(app, healthy: bool) -> list[str]:
    """Keys for every statement: healthy answers, or the worst ones."""
    keys = []
    for s in app.coach.pack.assessment.statements:
        good = "5" if s.reverse else "1"
        bad = "1" if s.reverse else "5"
        keys.append(good if healthy else bad)
    return keys


async def test_full_assessment_with_keys_alone(data_dir, tmp_path):
    app = make_app(data_dir, tmp_path, BASIC)
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
        assert "Neglecting follow-up" in text and "100% high risk" in text
        assert "The guide's fix:" in text
        await pilot.press("escape")
        card = str(app.screen.query_one("#card-pitfalls", Card).render())
        assert "4 high risk" in card
    attempts = app.coach.pitfall_attempts()
    assert len(attempts) == 1 and len(attempts[0].answers) == 21
    assert any(i.id == "fix-follow-up-72h" for i in app.plan().all_items())


async def test_back_changes_an_answer(data_dir, tmp_path):
    app = make_app(data_dir, tmp_path, BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "t", "5", "5")
        assert "Statement 3 of" in screen_text(app)
        await pilot.press("backspace")
        assert "Statement 2 of" in screen_text(app)
        radio = app.screen.query_one(RadioSet)
        assert radio.pressed_index == 4  # the earlier answer is shown
        await pilot.press("1")
        assert app.screen.answers[app.coach.pack.assessment.statements[1].id] == 1


async def test_leaving_half_way_asks_and_saves_nothing(data_dir, tmp_path):
    app = make_app(data_dir, tmp_path, BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "t", "3", "3", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep going
        assert isinstance(app.screen, PitfallCheckScreen)
        await pilot.press("q", "y")  # q asks before leaving, like Escape
        await pilot.pause()
        assert isinstance(app.screen, PitfallScreen)
    assert app.coach.pitfall_attempts() == []


async def test_retake_shows_the_change(data_dir, tmp_path):
    app = make_app(data_dir, tmp_path, BASIC)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("c", "t", *ratings(app, healthy=False))
        await pilot.pause()
        await pilot.press("t", *ratings(app, healthy=True))
        await pilot.pause()
        text = screen_text(app)
        assert "0% low risk  (▼ -100 since last time)" in text
        assert "History" in text and "100% → 0%" in text
    assert not any(i.id.startswith("fix-") for i in app.plan().all_items())


async def test_mentor_team_add_edit_remove(data_dir, tmp_path):
    app = make_app(data_dir, tmp_path, BASIC)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("m")
        assert isinstance(app.screen, MentorScreen)
        assert "✗ Sponsor — gap" in screen_text(app)
        await pilot.press("a")
        assert isinstance(app.screen, MentorDialog)
        await pilot.press("ctrl+s")
        assert "is required" in screen_text(app)
        app.screen.query_one(Input).value = "Dr [red]Kay[/]"
        for box in app.screen.query(Checkbox):
            if box.name in ("role:sponsor", "role:career", "sign:cancels"):
                box.value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MentorScreen)
        text = screen_text(app)
        assert "✓ Sponsor — Dr [red]Kay[/]" in text
        assert "⚠ Dr [red]Kay[/]: is repeatedly unavailable" in text
        assert any(i.id == "team-diversify" for i in app.plan().all_items())
        # Change: untick the warning sign.
        await pilot.press("enter")
        for box in app.screen.query(Checkbox):
            if box.name == "sign:cancels":
                box.value = False
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "⚠" not in screen_text(app)
        # Remove, after confirming.
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert app.coach.mentors() == []
        assert len(app.screen.query_one(ListView).children) == 0
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
        assert "0 of 5 roles" in str(app.screen.query_one("#card-mentors", Card).render())


async def test_new_screens_at_small_size(data_dir, tmp_path):
    app = make_app(data_dir, tmp_path, BASIC)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("c", "t", "3", "backspace", "escape", "y", "escape", "m", "a", "escape")
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
