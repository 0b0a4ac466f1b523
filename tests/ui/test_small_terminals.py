"""Every screen at small terminal sizes, on the shipped pack: nothing crashes and the
keys still lead back to the dashboard."""

from __future__ import annotations

from ctcoach.tui.screens.dashboard import DashboardScreen

BASIC = {"name": "Alex Rivera", "stage": "ms2", "weekly_hours": 5}


async def test_a_small_terminal_does_not_crash(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(50, 16)) as pilot:
        for key in ("p", "space", "down", "question_mark", "escape", "escape", "o", "enter"):
            await pilot.press(key)
        await pilot.press("escape", "escape", "g", "down", "down", "escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_pitfall_and_mentor_screens_at_small_size(make_app):
    app = make_app({**BASIC, "stage": "pgy1"})
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("c", "t", "3", "backspace", "escape", "l", "escape", "m", "a", "escape")
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_quiz_at_small_size(make_app):
    app = make_app({**BASIC, "stage": "ms4"})
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("k", "enter", "2", "enter", "3", "escape", "l", "escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_pitch_screen_at_small_size(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("i", *"an MS2", "tab", "tab", "tab", "ctrl+s", "ctrl+t", "space")
        await pilot.press("space", "escape", "escape")
        assert isinstance(app.screen, DashboardScreen)
