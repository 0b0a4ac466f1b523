"""Quizzes: grading by topic, option order, plan rules, export, content rules
(on the fixture pack)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from ctcoach.content import ContentError, load_pack
from ctcoach.export.markdown import render
from ctcoach.plan import Progress, build_plan
from ctcoach.quiz import (
    QuizAttempt,
    grade,
    latest_checks,
    option_order,
    ordered_quizzes,
    standings,
)

from ..helpers import TODAY, edit, make_profile

EARLIER = dt.date(2026, 11, 1)


@pytest.fixture
def pack(fixture_pack):
    """Engine rules are tested on the small fixture pack, not on the shipped content."""
    return fixture_pack


def all_right(quiz) -> dict[str, str]:
    return {q.id: q.answer for q in quiz.questions}


def wrong_on(quiz, topic: str) -> dict[str, str]:
    answers = all_right(quiz)
    for q in quiz.questions:
        if q.topic == topic:
            answers[q.id] = next(o.id for o in q.options if o.id != q.answer)
    return answers


def test_grading_per_topic(pack):
    quiz = pack.quiz("alpha")
    result = grade(pack, QuizAttempt("alpha", TODAY, wrong_on(quiz, "al-one"), {}))
    by_topic = {t.topic.id: t for t in result.topics}
    assert (by_topic["al-one"].correct, by_topic["al-one"].total) == (0, 3)
    assert by_topic["al-two"].percent == 100
    assert [t.topic.id for t in result.weak] == ["al-one"]
    assert (result.correct, result.total) == (1, 4)


def test_unanswered_questions_count_as_wrong(pack):
    result = grade(pack, QuizAttempt("beta", TODAY, {}, {}))
    assert result.correct == 0 and len(result.weak) == len(result.topics)


def test_option_order_is_seeded(pack):
    question = pack.quiz("alpha").questions[1]  # four options
    first = [o.id for o in option_order(question, "alpha:0")]
    assert first == [o.id for o in option_order(question, "alpha:0")]
    orders = {tuple(o.id for o in option_order(question, f"alpha:{n}")) for n in range(12)}
    assert len(orders) > 1 and all(sorted(o) == sorted(first) for o in orders)


def test_quizzes_for_the_stage_come_first(pack):
    ordered = ordered_quizzes(pack, "late")
    assert [q.id for q, mine in ordered if mine] == ["beta", "gamma"]
    assert [q.id for q, _ in ordered] == ["beta", "gamma", "alpha"]
    assert [q.id for q, mine in ordered_quizzes(pack, "early") if mine] == ["alpha"]


def test_last_and_best(pack):
    quiz = pack.quiz("alpha")
    good = QuizAttempt("alpha", EARLIER, all_right(quiz), {})
    worse = QuizAttempt("alpha", TODAY, wrong_on(quiz, "al-two"), {})
    standing = next(s for s in standings(pack, "early", [good, worse]) if s.quiz.id == "alpha")
    assert standing.last.date == TODAY and standing.best.date == EARLIER
    assert standing.best.percent == 100 and standing.last.percent == 75
    assert standing.attempts == 2 and standing.for_stage


def test_standings_match_grading_every_attempt(pack):
    """Only the last and best attempts are graded in full; the result is the same as
    grading them all against the pack (ties go to the first, as max() does)."""
    rng = random.Random(7)
    attempts = []
    for _ in range(60):
        quiz = rng.choice(pack.quizzes)
        answers = {
            q.id: rng.choice([q.answer, *(o.id for o in q.options)])
            for q in quiz.questions
            if rng.random() < 0.8  # some unanswered
        }
        day = EARLIER + dt.timedelta(days=rng.randrange(5))  # many equal dates
        attempts.append(QuizAttempt(quiz.id, day, answers, {}))
    attempts.append(QuizAttempt("gone", TODAY, {}, {}))  # a quiz the pack no longer has
    for standing in standings(pack, "early", attempts):
        results = [grade(pack, a) for a in attempts if a.quiz == standing.quiz.id]
        best = max(results, key=lambda r: (r.percent, r.date), default=None)
        assert standing.attempts == len(results)
        assert standing.last == (results[-1] if results else None)
        assert standing.best == best  # topics and all: the very attempt max() picks


def test_weak_topic_brings_a_review_item_and_a_better_score_removes_it(pack):
    quiz = pack.quiz("alpha")
    weak = QuizAttempt("alpha", EARLIER, wrong_on(quiz, "al-two"), {})
    plan = build_plan(pack, make_profile(pack), Progress(quiz_attempts=(weak,)), today=TODAY)
    review = next(i for i in plan.all_items() if i.id == "review-alpha-al-two")
    assert review.title == "Review: Topic two"
    assert review.why[0] == "Your latest “Alpha” quiz (2026-11-01) scored Topic two at 0% (0 of 1)."
    assert review.how == "Reread chapter 2. Then retake the “Alpha” quiz."
    fixed = QuizAttempt("alpha", TODAY, all_right(quiz), {})
    plan = build_plan(pack, make_profile(pack), Progress(quiz_attempts=(weak, fixed)), today=TODAY)
    assert not any(i.id.startswith("review-") for i in plan.all_items())


def test_seventy_percent_is_the_pass_mark(pack):
    assert pack.quiz_pass_percent == 70
    quiz = pack.quiz("alpha")  # three questions on topic one: 2 of 3 is 67%, under the mark
    answers = all_right(quiz)
    first = next(q for q in quiz.questions if q.topic == "al-one")
    answers[first.id] = next(o.id for o in first.options if o.id != first.answer)
    result = grade(pack, QuizAttempt("alpha", TODAY, answers, {}))
    assert [(t.topic.id, t.percent) for t in result.weak] == [("al-one", 67)]


def test_not_yet_self_checks_become_actions(pack):
    profile = make_profile(pack, stage="late")  # phase A's roadmap is not theirs
    attempt = QuizAttempt("alpha", TODAY, {}, {"al-sc-start": False, "al-sc-club": True})
    plan = build_plan(pack, profile, Progress(quiz_attempts=(attempt,)), today=TODAY)
    item = next(i for i in plan.all_items() if i.id == "a-start")
    assert item.why == (
        "In a quiz self-check you answered “not yet” to: Have you started phase A?",
    )
    assert item.horizon in ("this_week", "this_month", "this_stage")
    assert not any(i.id == "join-club" for i in plan.all_items())  # "yes" adds nothing


def test_a_later_yes_replaces_not_yet(pack):
    first = QuizAttempt("alpha", EARLIER, {}, {"al-sc-start": False})
    second = QuizAttempt("alpha", TODAY, {}, {"al-sc-start": True})
    assert latest_checks([first, second]) == {"al-sc-start": True}


def test_markdown_quizzes_section(pack):
    quiz = pack.quiz("alpha")
    attempts = (
        QuizAttempt("alpha", EARLIER, all_right(quiz), {}),
        QuizAttempt("alpha", TODAY, wrong_on(quiz, "al-two"), {}),
    )
    text = render(
        pack, build_plan(pack, make_profile(pack), Progress(quiz_attempts=attempts), today=TODAY)
    )
    section = text[text.index("## Quizzes") : text.index("## Pitch")]
    assert "- **Alpha:** last 3/4 (75%) on 2026-11-24; best 4/4 (100%)" in section
    assert "  - To review: Topic two (0%)" in section
    assert "Not taken yet: Beta, Gamma." in section
    untaken = render(pack, build_plan(pack, make_profile(pack), today=TODAY))
    assert "None taken yet: the phase quizzes are in the ctcoach app." in untaken


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            'answer = "b"\nsource = "ch-1"\nactions = ["a-start"]',
            'answer = "e"\nsource = "ch-1"\nactions = ["a-start"]',
            "quiz_questions[0].answer: no option with id 'e'",
        ),
        (
            'topic = "al-one"\nprompt = "Alpha question 1?"',
            'topic = "al-nowhere"\nprompt = "Alpha question 1?"',
            "quiz_questions[0].topic: no quiz topic 'al-nowhere'",
        ),
        (
            'action = "join-club"',
            'action = "nap"',
            "self_checks[1].action: no action 'nap'",
        ),
        (
            'why = "Why not 1 c."',
            'why = ""',
            "quiz_questions[0].options[2].why: must not be empty",
        ),
        (
            'actions = ["a-start"]',
            'actions = ["a-stop"]',
            "quiz_questions[0].actions[0]: no action 'a-stop'",
        ),
    ],
)
def test_broken_quiz_content(broken, old, new, problem):
    edit(broken, "quizzes/alpha.toml", old, new)
    with pytest.raises(ContentError) as info:
        load_pack(broken)
    assert any(problem in p for p in info.value.problems), info.value.problems


def test_quiz_needs_the_minimum_of_questions(broken):
    edit(broken, "quiz-settings.toml", "min_questions = 3", "min_questions = 5")
    with pytest.raises(ContentError) as info:
        load_pack(broken)
    assert any("has 4 questions; a quiz needs 5" in p for p in info.value.problems)


def test_too_few_options(broken):
    edit(
        broken,
        "quizzes/beta.toml",
        '  { id = "c", text = "Beta 1 c.", why = "Why not 1 c." },\n',
        "",
    )
    with pytest.raises(ContentError) as info:
        load_pack(broken)
    assert any(
        "beta.toml: quiz_questions[0].options: needs 3 or 4 options (has 2)" in p
        for p in info.value.problems
    )
