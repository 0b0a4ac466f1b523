"""Pilot tests: the quiz list, an attempt with feedback, summary, abandon, retake, history;
on the fixture pack (quiz alpha: four questions on two topics, two self-checks)."""

from __future__ import annotations

import json

import pytest
from textual.widgets import ListView

from ctcoach.quiz import option_order
from ctcoach.tui.screens.dashboard import DashboardScreen
from ctcoach.tui.screens.dialogs import ConfirmScreen
from ctcoach.tui.screens.quiz import HistoryScreen, QuizListScreen, QuizScreen
from ctcoach.tui.widgets.card import Card

from .helpers import screen_text

BASIC = {"name": "Alex Rivera", "stage": "early", "weekly_hours": 5}


@pytest.fixture
def pack(fixture_pack):
    """The apps here run on the fixture pack (make_app uses this fixture)."""
    return fixture_pack


def right_keys(quiz, seed: str) -> list[str]:
    """The number key of the right answer for every question, in the shuffled order."""
    keys = []
    for question in quiz.questions:
        order = [o.id for o in option_order(question, seed)]
        keys += [str(order.index(question.answer) + 1), "ctrl+n"]
    return keys


async def test_list_puts_the_stage_quizzes_first(make_app):
    app = make_app({**BASIC, "stage": "late"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        assert isinstance(app.screen, QuizListScreen)
        rows = list(app.screen.query_one(ListView).children)
        assert [r.standing.quiz.id for r in rows] == ["beta", "gamma", "alpha"]
        assert "for your stage" in screen_text(app) and "not taken yet" in screen_text(app)


async def test_full_attempt_with_feedback_and_summary(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("k", "enter")
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.quiz.id == "alpha"
        assert "Question · 1 of 6" in screen_text(app)
        question = screen.quiz.questions[0]
        order = [o.id for o in option_order(question, "alpha:0")]
        wrong = next(n for n, o in enumerate(order) if o != question.answer)
        await pilot.press(str(wrong + 1))
        text = screen_text(app)
        assert "✗ Not the best answer." in text
        for option in question.options:  # every option is explained
            assert option.why in text
        await pilot.press("1")  # already answered: ignored
        await pilot.press("ctrl+n")
        assert "Question · 2 of 6" in screen_text(app)
        keys = right_keys(screen.quiz, "alpha:0")[2:]
        await pilot.press(*keys)
        assert "Self-check (not scored)" in screen_text(app)
        await pilot.press("y", "enter", "n", "enter")  # pick, then continue
        await pilot.pause()
        text = screen_text(app)
        assert "Done — saved" in text
        assert "Score: 3 of 4 (75%)" in text
        assert "To review (added to your plan)" in text and "Topic one" in text
        assert "Have you joined a club?" in text  # answered "not yet"
    stored = json.loads(app.coach.store.path.read_text())["quiz_attempts"]["1"]
    assert (stored["score"], stored["total"], stored["date"]) == (3, 4, "2026-11-24")
    attempt = app.coach.quiz_attempts()[0]
    assert attempt.checks == {"al-sc-start": True, "al-sc-club": False}
    ids = {i.id for i in app.plan().all_items()}
    assert "review-alpha-al-one" in ids


async def test_abandon_asks_and_stores_nothing(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k", "enter", "1", "ctrl+n", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep going
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("q")  # q asks too, rather than quitting at once
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        await pilot.press("escape", "escape", "l")  # keep going; then leave the quiz
        await pilot.pause()
        assert isinstance(app.screen, QuizListScreen)
    assert app.coach.quiz_attempts() == []


async def test_retake_reshuffles_and_history_shows_progress(make_app):
    app = make_app(BASIC)
    # A first attempt with nothing right, stored directly (answering is tested above).
    app.coach.record_quiz_attempt("alpha", {}, {})
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("k", "enter")
        second = app.screen
        assert isinstance(second, QuizScreen) and second.seed == "alpha:1"  # reshuffled
        quiz = second.quiz
        await pilot.press(*right_keys(quiz, "alpha:1"), *["y", "enter"] * len(quiz.self_checks))
        await pilot.pause()
        assert "Score: 4 of 4 (100%)" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        retake = app.screen
        assert isinstance(retake, QuizScreen) and retake is not second
        assert retake.seed == "alpha:2"
        await pilot.press("escape")  # nothing answered yet: leaves without asking
        assert isinstance(app.screen, QuizListScreen)
        assert "last 4/4 (100%)" in screen_text(app)
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        history = screen_text(app)
        assert history.count("2026-11-24") == 2 and "100%" in history and "▲" in history
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, DashboardScreen)
        assert "2 of 3" not in str(app.screen.query_one("#card-quizzes", Card).render())
        assert "1 of 3 taken" in str(app.screen.query_one("#card-quizzes", Card).render())
    assert [a.quiz for a in app.coach.quiz_attempts()] == ["alpha", "alpha"]
