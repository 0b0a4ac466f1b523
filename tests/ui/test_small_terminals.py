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


async def test_a_quiz_question_stays_in_view_and_the_arrows_bring_each_answer_into_view(make_app):
    """At 50×16 the question and the answers do not all fit: the question shows first, and
    an answer the arrows move to below the fold scrolls into view."""
    from textual.containers import VerticalScroll
    from textual.widgets import Static

    from ctcoach.tui.widgets.choices import ChoiceList

    app = make_app({**BASIC, "stage": "ms4"})
    async with app.run_test(size=(50, 16)) as pilot:
        await pilot.press("k", "enter")
        await pilot.pause()
        view = app.screen.query_one("#quiz", VerticalScroll)
        window = view.content_region
        assert view.max_scroll_y > 0  # it does not all fit
        prompt = app.screen.query_one("#quiz-prompt", Static)
        assert window.y <= prompt.region.y and prompt.region.bottom <= window.bottom
        choices = app.screen.query_one("#choices", ChoiceList)
        for index in range(choices.option_count):
            await pilot.press("down")
            await pilot.pause()
            assert choices.highlighted == index
            lines = [
                str(choices.get_option_at_index(n).prompt).count("\n") + 1 for n in range(index + 1)
            ]
            top = choices.content_region.y + sum(lines[:-1])
            assert window.y <= top and top + lines[-1] <= window.bottom, f"answer {index + 1}"
