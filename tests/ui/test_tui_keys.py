"""One key grammar at 80×24: lists move with the arrows, the highlighted option is the
answer, digits pick, Enter continues, Escape goes back, q asks before work is lost, and
footers name what the buttons say."""

from __future__ import annotations

from ctcoach.store import Store
from ctcoach.tui.app import QuitScreen
from ctcoach.tui.confirm import ConfirmScreen
from ctcoach.tui.screens.dialogs import ExportScreen, HelpScreen
from ctcoach.tui.screens.mentors import MentorScreen
from ctcoach.tui.screens.onboarding import OnboardingScreen
from ctcoach.tui.screens.profile import EditAnswer, ProfileScreen
from ctcoach.tui.screens.quiz import QuizListScreen, QuizScreen
from ctcoach.tui.widgets.choices import ChoiceList, MultiChoice

from .helpers import screen_text, until
from .test_tui_dashboard import screen_lines

BASIC = {"name": "Alex Rivera", "stage": "ms2", "weekly_hours": 5}


def footer(app) -> str:
    return screen_lines(app)[-1]


async def to_question(pilot, question_id: str) -> None:
    """From the first question, Enter through to ``question_id`` (the name is typed)."""
    ids = [q.id for q in pilot.app.coach.pack.questions]
    await pilot.press(*"Sam", "enter", "2", "enter")  # name, stage MS2
    for current in ids[2 : ids.index(question_id)]:
        await pilot.press(*(["space"] if current == "interests" else []), "enter")


async def test_a_multi_choice_moves_with_arrows_and_space_ticks_there(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert "esc Back" not in footer(app)  # the first question: nothing to go back to
        await to_question(pilot, "interests")
        # Enter moves on: the footer says what ticks (once it has caught up with the focus)
        await until(pilot, lambda: "space Tick" in footer(app), "the footer's space Tick")
        assert "esc Back" in footer(app)
        await pilot.press("down", "down", "down", "down", "space")  # the fifth: Not sure yet
        interests = app.screen.query_one(MultiChoice)
        assert interests.selected == ["undecided"]
        await pilot.press("home", "space")  # ticking another unticks "Not sure yet"
        assert interests.selected == ["adult_cardiac"]
        await pilot.press("end", "space", "enter")
        assert "Question 6 of" in screen_text(app)
        assert "space Tick" not in footer(app)  # a pick-one list: Enter picks
        assert app.screen.answers["interests"] == ["undecided"]


async def test_pick_one_lists_start_on_the_answer_and_the_highlight_is_the_answer(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_question(pilot, "comfort_approaching")
        scale = app.screen.query_one(ChoiceList)
        assert scale.index == 2 and scale.prompt(2).plain.startswith("› (•) 3")
        await pilot.press("up", "enter")  # the highlighted option is what is saved
        assert app.screen.answers["comfort_approaching"] == 2
        await pilot.press("escape")  # back: the cursor is on the answer given
        await pilot.pause()
        scale = app.screen.query_one(ChoiceList)
        assert scale.index == 1 and scale.prompt(1).plain.startswith("› (•) 2")


async def test_q_in_onboarding_asks_and_a_second_q_quits_saving_nothing(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_question(pilot, "home_ct_program")
        await pilot.press("q")
        assert isinstance(app.screen, QuitScreen)
        assert "Keep going" in footer(app) and "Quit" in footer(app)
        await pilot.press("escape")  # keep going: nothing lost
        assert isinstance(app.screen, OnboardingScreen) and app.screen.step == 3
        await pilot.press("q", "q")
    assert app.return_code == 0
    with Store(data_dir) as store:
        assert store.snapshot().profile is None


async def test_onboarding_footer_says_what_the_button_says(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert "⏎ Next" in footer(app)
        app.screen.answers.update(name="Sam", stage="ms1", interests=["undecided"])
        app.screen.step = app.screen.total
        await app.screen.show_step()
        await pilot.pause()
        assert "⏎ Save" in footer(app) and str(app.screen.query_one("#next").label) == "Save"
        assert "100%" in screen_text(app)


async def test_quiz_keys_mean_one_thing(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k", "enter")
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        count = len(quiz.options)
        assert f"Pick with 1–{count}" in screen_text(app)
        await pilot.press("n", "y", str(count + 1))  # not answers on a scored question
        assert quiz.answers == {} and not quiz.answered
        await pilot.press("down", "enter")  # arrows and Enter answer…
        assert len(quiz.answers) == 1 and "Enter for the next question" in screen_text(app)
        await pilot.press("enter")  # …and Enter continues
        assert "Question · 2 of" in screen_text(app)
        await pilot.press("ctrl+q")  # ctrl+q asks, like q
        assert isinstance(app.screen, QuitScreen) and app.is_running
        await pilot.press("escape", "escape")  # keep going, then leave: asks again
        assert isinstance(app.screen, ConfirmScreen)
        assert "esc Keep going" in footer(app) and "l Leave" in footer(app)
        await pilot.press("l")
        assert isinstance(app.screen, QuizListScreen)


async def test_results_scroll_with_the_keys_at_once(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k", "enter")
        quiz = app.screen
        quiz.answers = {q.id: q.options[0].id for q in quiz.quiz.questions}
        quiz.checks = {c.id: False for c in quiz.quiz.self_checks}
        await quiz.finish()  # as if every step were answered
        await pilot.pause()
        assert quiz.finished
        results = quiz.query_one("#quiz")
        assert results.max_scroll_y > 0
        await pilot.press("end")
        assert results.scroll_y == results.max_scroll_y


async def test_end_moves_to_the_last_row_in_lists(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o", "end")
        assert isinstance(app.screen, ProfileScreen)
        view = app.screen.query_one("#answers")
        assert view.index == len(app.coach.pack.questions) - 1
        await pilot.press("home")
        assert view.index == 0
        await pilot.press("enter")  # the name: a text field
        assert isinstance(app.screen, EditAnswer)
        await pilot.press("escape")
        await pilot.press("escape", "m", "end")
        assert isinstance(app.screen, MentorScreen)  # an empty list: End is harmless


async def test_dialog_footers_name_their_buttons(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "e")
        assert isinstance(app.screen, ExportScreen)
        assert "^s Export" in footer(app) and "esc Cancel" in footer(app)
        await pilot.press("escape", "escape", "m", "a")
        assert "^s Save" in footer(app)
        await pilot.press("tab", "space", "escape")  # a change: Cancel asks first
        assert isinstance(app.screen, ConfirmScreen)
        assert "Yes" not in footer(app) and "Keep going" in footer(app)


async def test_help_writes_down_the_key_grammar(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Pick an option", "Continue", "Go back", "asks first if work would be lost"):
            assert words in text
        assert "Plan" in text and "Guide" in text  # the dashboard's own keys too
