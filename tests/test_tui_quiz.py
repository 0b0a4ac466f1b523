"""Pilot tests: the quiz list, an attempt with feedback, summary, abandon, retake, history."""

from __future__ import annotations

import json

from textual.widgets import ListView

from ctcoach.quiz import option_order
from ctcoach.tui.screens.dashboard import DashboardScreen
from ctcoach.tui.screens.dialogs import ConfirmScreen
from ctcoach.tui.screens.quiz import HistoryScreen, QuizListScreen, QuizScreen
from ctcoach.tui.widgets.card import Card

from .tui_helpers import make_app, screen_text

BASIC = {"name": "Alex Rivera", "stage": "ms4", "weekly_hours": 5}


def right_keys(quiz, seed: str) -> list[str]:
    """The number key of the right answer for every question, in the shuffled order."""
    keys = []
    for question in quiz.questions:
        order = [o.id for o in option_order(question, seed)]
        keys += [str(order.index(question.answer) + 1), "ctrl+n"]
    return keys


async def test_list_puts_the_stage_quizzes_first(data_dir, tmp_path):
    app = make_app(data_dir, tmp_path, BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        assert isinstance(app.screen, QuizListScreen)
        rows = list(app.screen.query_one(ListView).children)
        assert [r.standing.quiz.id for r in rows[:2]] == ["clinical", "away"]
        assert "for your stage" in screen_text(app) and "not taken yet" in screen_text(app)


async def test_full_attempt_with_feedback_and_summary(data_dir, tmp_path):
    app = make_app(data_dir, tmp_path, BASIC)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("k", "enter")
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.quiz.id == "clinical"
        assert "Question · 1 of 11" in screen_text(app)
        question = screen.quiz.questions[0]
        order = [o.id for o in option_order(question, "clinical:0")]
        wrong = next(n for n, o in enumerate(order) if o != question.answer)
        await pilot.press(str(wrong + 1))
        text = screen_text(app)
        assert "✗ Not the best answer." in text
        for option in question.options:  # every option is explained
            assert option.why in text
        await pilot.press("1")  # already answered: ignored
        await pilot.press("ctrl+n")
        assert "Question · 2 of 11" in screen_text(app)
        keys = right_keys(screen.quiz, "clinical:0")[2:]
        await pilot.press(*keys)
        assert "Self-check (not scored)" in screen_text(app)
        await pilot.press("y", "n", "y")
        await pilot.pause()
        text = screen_text(app)
        assert "Done — saved" in text
        assert "Score: 7 of 8 (88%)" in text
        assert "To review (added to your plan)" in text
        assert "Do you have a CT elective or sub-internship arranged?" in text
    stored = json.loads(app.coach.store.path.read_text())["quiz_attempts"]["1"]
    assert (stored["score"], stored["total"], stored["date"]) == (7, 8, "2026-11-24")
    attempt = app.coach.quiz_attempts()[0]
    assert attempt.checks == {"cl-sc-chiefs": True, "cl-sc-subi": False, "cl-sc-letters": True}
    ids = {i.id for i in app.plan().all_items()}
    assert "ms3-early-subi" in ids
    assert any(i.startswith("review-clinical-") for i in ids)


async def test_abandon_asks_and_stores_nothing(data_dir, tmp_path):
    app = make_app(data_dir, tmp_path, BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k", "enter", "1", "ctrl+n", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("q")  # q asks too, rather than quitting the app
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, QuizListScreen)
    assert app.coach.quiz_attempts() == []


async def test_retake_reshuffles_and_history_shows_progress(data_dir, tmp_path):
    app = make_app(data_dir, tmp_path, BASIC)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("k", "enter")
        quiz = app.screen.quiz
        await pilot.press(*["1", "ctrl+n"] * len(quiz.questions), *["y"] * len(quiz.self_checks))
        await pilot.pause()
        first_score = app.coach.quiz_attempts()[0]
        await pilot.press("r")
        await pilot.pause()
        retake = app.screen
        assert isinstance(retake, QuizScreen) and retake.seed == "clinical:1"
        await pilot.press(*right_keys(quiz, "clinical:1"), *["y"] * len(quiz.self_checks))
        await pilot.pause()
        assert "Score: 8 of 8 (100%)" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, QuizListScreen)
        assert "last 8/8 (100%)" in screen_text(app)
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        history = screen_text(app)
        assert history.count("2026-11-24") == 2 and "100%" in history and "▲" in history
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, DashboardScreen)
        assert "2 of 8" not in str(app.screen.query_one("#card-quizzes", Card).render())
        assert "1 of 8 taken" in str(app.screen.query_one("#card-quizzes", Card).render())
    assert first_score.quiz == "clinical" and len(app.coach.quiz_attempts()) == 2


async def test_quiz_at_small_size(data_dir, tmp_path):
    app = make_app(data_dir, tmp_path, BASIC)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("k", "enter", "2", "ctrl+n", "3", "escape", "y", "escape")
        assert isinstance(app.screen, DashboardScreen)
