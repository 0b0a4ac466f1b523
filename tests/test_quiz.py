"""Quizzes: content rules, grading by topic, option order, plan rules, export."""

from __future__ import annotations

import datetime as dt

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

from .conftest import TODAY, make_profile
from .test_content import broken, edit  # noqa: F401

EARLIER = dt.date(2026, 11, 1)


def all_right(quiz) -> dict[str, str]:
    return {q.id: q.answer for q in quiz.questions}


def wrong_on(quiz, topic: str) -> dict[str, str]:
    answers = all_right(quiz)
    for q in quiz.questions:
        if q.topic == topic:
            answers[q.id] = next(o.id for o in q.options if o.id != q.answer)
    return answers


def test_every_quiz_meets_the_content_rules(pack):
    assert len(pack.quizzes) == 8
    for quiz in pack.quizzes:
        assert len(quiz.questions) >= 8, quiz.id
        assert quiz.self_checks, quiz.id
        for q in quiz.questions:
            assert 3 <= len(q.options) <= 4
            assert q.answer in {o.id for o in q.options}
            assert all(o.why.strip() for o in q.options)
            assert q.topic in pack.quiz_topics and q.source.id in pack.sources


def test_grading_per_topic(pack):
    quiz = pack.quiz("conference")
    result = grade(pack, QuizAttempt("conference", TODAY, wrong_on(quiz, "co-after"), {}))
    by_topic = {t.topic.id: t for t in result.topics}
    assert by_topic["co-after"].correct == 0 and by_topic["co-before"].percent == 100
    assert [t.topic.id for t in result.weak] == ["co-after"]
    assert result.total == len(quiz.questions)
    assert result.correct == result.total - by_topic["co-after"].total


def test_unanswered_questions_count_as_wrong(pack):
    result = grade(pack, QuizAttempt("digital", TODAY, {}, {}))
    assert result.correct == 0 and len(result.weak) == len(result.topics)


def test_option_order_is_seeded(pack):
    question = pack.quiz("early-med").questions[1]
    first = [o.id for o in option_order(question, "early-med:0")]
    assert first == [o.id for o in option_order(question, "early-med:0")]
    orders = {tuple(o.id for o in option_order(question, f"early-med:{n}")) for n in range(12)}
    assert len(orders) > 1 and all(sorted(o) == sorted(first) for o in orders)


def test_quizzes_for_the_stage_come_first(pack):
    ordered = ordered_quizzes(pack, "ms4")
    assert [q.id for q, mine in ordered if mine] == ["clinical", "away"]
    assert [q.id for q, _ in ordered][:2] == ["clinical", "away"]
    assert len(ordered) == len(pack.quizzes)


def test_last_and_best(pack):
    quiz = pack.quiz("pitfalls")
    good = QuizAttempt("pitfalls", EARLIER, all_right(quiz), {})
    worse = QuizAttempt("pitfalls", TODAY, wrong_on(quiz, "pf-follow-up"), {})
    standing = next(s for s in standings(pack, "ms1", [good, worse]) if s.quiz.id == "pitfalls")
    assert standing.last.date == TODAY and standing.best.date == EARLIER
    assert standing.best.percent == 100 and standing.attempts == 2


def test_weak_topic_brings_a_review_item_and_a_better_score_removes_it(pack):
    quiz = pack.quiz("conference")
    weak = QuizAttempt("conference", EARLIER, wrong_on(quiz, "co-during"), {})
    plan = build_plan(pack, make_profile(pack), Progress(quiz_attempts=(weak,)), today=TODAY)
    review = next(i for i in plan.all_items() if i.id == "review-conference-co-during")
    assert review.why[0] == (
        "Your latest “Conference networking” quiz (2026-11-01) scored At the meeting at 0% "
        "(0 of 3)."
    )
    assert "retake the “Conference networking” quiz" in review.how
    fixed = QuizAttempt("conference", TODAY, all_right(quiz), {})
    plan = build_plan(pack, make_profile(pack), Progress(quiz_attempts=(weak, fixed)), today=TODAY)
    assert not any(i.id.startswith("review-") for i in plan.all_items())


def test_seventy_percent_is_the_pass_mark(pack):
    assert pack.quiz_pass_percent == 70
    quiz = pack.quiz("early-med")  # three shadowing questions: 2 of 3 is 67%, under the mark
    answers = all_right(quiz)
    shadowing = [q for q in quiz.questions if q.topic == "em-shadowing"]
    answers[shadowing[0].id] = next(
        o.id for o in shadowing[0].options if o.id != shadowing[0].answer
    )
    result = grade(pack, QuizAttempt("early-med", TODAY, answers, {}))
    assert [t.topic.id for t in result.weak] == ["em-shadowing"]


def test_not_yet_self_checks_become_actions(pack):
    attempt = QuizAttempt("early-med", TODAY, {}, {"em-sc-surgeons": False, "em-sc-shadow": True})
    progress = Progress(quiz_attempts=(attempt,))
    said = "In a quiz self-check you answered “not yet” to: Have you identified 3–5 CT surgeons"
    # An MS3 whose roadmap no longer lists it still gets it, in the form that fits them.
    plan = build_plan(pack, make_profile(pack, stage="ms3"), progress, today=TODAY)
    item = next(i for i in plan.all_items() if i.id == "ms-identify-surgeons")
    assert any(w.startswith(said) for w in item.why)
    assert not any(i.id == "ms-shadow" for i in plan.all_items())
    away = make_profile(pack, stage="ms3", home_ct_program=False)
    plan = build_plan(pack, away, progress, today=TODAY)
    assert not any(i.id == "ms-identify-surgeons" for i in plan.all_items())
    nearby = next(i for i in plan.all_items() if i.id == "no-program-nearby")
    assert any(w.startswith(said) for w in nearby.why)
    # A resident is not asked about their medical school and gets no advice about it.
    plan = build_plan(pack, make_profile(pack, stage="pgy1"), progress, today=TODAY)
    assert "find-ct-surgeons" not in {i.intent for i in plan.all_items()}


def test_a_later_yes_replaces_not_yet(pack):
    first = QuizAttempt("early-med", EARLIER, {}, {"em-sc-surgeons": False})
    second = QuizAttempt("early-med", TODAY, {}, {"em-sc-surgeons": True})
    assert latest_checks([first, second]) == {"em-sc-surgeons": True}


def test_markdown_quizzes_section(pack):
    quiz = pack.quiz("digital")
    attempts = (
        QuizAttempt("digital", EARLIER, all_right(quiz), {}),
        QuizAttempt("digital", TODAY, wrong_on(quiz, "di-privacy"), {}),
    )
    text = render(
        pack, build_plan(pack, make_profile(pack), Progress(quiz_attempts=attempts), today=TODAY)
    )
    section = text[text.index("## Quizzes") : text.index("## Pitch")]
    assert (
        "- **Digital networking and professionalism:** last 5/8 (62%) on 2026-11-24; "
        "best 8/8 (100%)" in section
    )
    assert "  - To review: Privacy and boundaries (0%)" in section
    assert "Not taken yet: Early medical school" in section


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            'answer = "b"\nsource = "phase-1"\nactions = ["ms-identify-surgeons"]',
            'answer = "e"\nsource = "phase-1"\nactions = ["ms-identify-surgeons"]',
            "quiz_questions[0].answer: no option with id 'e'",
        ),
        (
            'topic = "em-champions"\nprompt = "You are an MS1',
            'topic = "em-nowhere"\nprompt = "You are an MS1',
            "quiz_questions[0].topic: no quiz topic 'em-nowhere'",
        ),
        (
            'action = "ms-shadow"',
            'action = "ms-sleep"',
            "self_checks[1].action: no action 'ms-sleep'",
        ),
        (
            'why = "Waiting gives away two years',
            'why = "", x = "Waiting gives away two years',
            "quiz_questions[0].options[2].why: must not be empty",
        ),
    ],
)
def test_broken_quiz_content(broken, old, new, problem):  # noqa: F811
    edit(broken, "quizzes/1-early-medical-school.toml", old, new)
    with pytest.raises(ContentError) as info:
        load_pack(broken)
    assert any(problem in p for p in info.value.problems), info.value.problems


def test_quiz_needs_eight_questions(broken):  # noqa: F811
    edit(broken, "quiz-settings.toml", "min_questions = 8", "min_questions = 10")
    with pytest.raises(ContentError) as info:
        load_pack(broken)
    assert any("has 9 questions; a quiz needs 10" in p for p in info.value.problems)


def test_too_few_options(broken):  # noqa: F811
    path = broken / "quizzes" / "6-digital.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        '  { id = "c", text = "Direct messages on any platform.", why = "Informal channels are '
        'secondary to email for professional contact." },\n',
        "",
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_pack(broken)
    assert any(
        "6-digital.toml: quiz_questions[0].options: needs 3 or 4 options (has 2)" in p
        for p in info.value.problems
    )
