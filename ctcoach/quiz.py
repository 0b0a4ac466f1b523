"""Phase quizzes: grading, topic scores, option order, history. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from msgspec import Struct

from ctcoach.model import Pack, Quiz, QuizOption, QuizQuestion, QuizTopic


class QuizAttempt(Struct, frozen=True):
    """A finished attempt: question id -> chosen option id; self-check id -> yes?"""

    quiz: str
    date: dt.date
    answers: Mapping[str, str]
    checks: Mapping[str, bool]


class TopicScore(Struct, frozen=True):
    topic: QuizTopic
    correct: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0


class QuizResult(Struct, frozen=True):
    quiz: Quiz
    date: dt.date
    correct: int
    total: int
    topics: tuple[TopicScore, ...]
    weak: tuple[TopicScore, ...]

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0


class QuizStanding(Struct, frozen=True):
    quiz: Quiz
    for_stage: bool
    last: QuizResult | None
    best: QuizResult | None
    attempts: int


def is_correct(question: QuizQuestion, option_id: str | None) -> bool:
    return option_id == question.answer


def grade(pack: Pack, attempt: QuizAttempt) -> QuizResult:
    """Score an attempt overall and per topic; topics under the pass mark are weak.
    Questions the pack no longer has are ignored; unanswered ones count as wrong."""
    quiz = pack.quiz(attempt.quiz)
    per_topic: dict[str, list[bool]] = {}
    for question in quiz.questions:
        per_topic.setdefault(question.topic, []).append(
            is_correct(question, attempt.answers.get(question.id))
        )
    topics = tuple(
        TopicScore(pack.quiz_topics[t], sum(marks), len(marks)) for t, marks in per_topic.items()
    )
    correct = sum(t.correct for t in topics)
    total = sum(t.total for t in topics)
    weak = tuple(t for t in topics if t.percent < pack.quiz_pass_percent)
    return QuizResult(quiz, attempt.date, correct, total, topics, weak)


def attempt_seed(quiz_id: str, attempts: Sequence[QuizAttempt]) -> str:
    """The shuffle seed of the next attempt: new for every attempt, the same on a re-run."""
    return f"{quiz_id}:{sum(1 for a in attempts if a.quiz == quiz_id)}"


def option_order(question: QuizQuestion, seed: str) -> list[QuizOption]:
    """The question's options shuffled the same way for the same seed."""
    import random  # here: a command that shuffles nothing does not load it (0.6 ms)

    options = list(question.options)
    random.Random(f"{seed}:{question.id}").shuffle(options)
    return options


def ordered_quizzes(pack: Pack, stage: str) -> list[tuple[Quiz, bool]]:
    """Every quiz with whether it is for ``stage``; those for the stage first."""
    tagged = [(quiz, stage in quiz.stages) for quiz in pack.quizzes]
    return [q for q in tagged if q[1]] + [q for q in tagged if not q[1]]


def standings(pack: Pack, stage: str, attempts: Sequence[QuizAttempt]) -> list[QuizStanding]:
    """Every quiz with its attempts, last and best result, graded against the pack in use.

    Grading is against the current pack, not the score stored with each attempt: a pack
    may change a question's answer or drop a question. Only the last and the best attempt
    of each quiz are graded in full (topics, weak spots); the others need just their
    percent, counted here the way :func:`grade` counts it (every question of the quiz,
    an unanswered one wrong), so a store with thousands of attempts costs one pass."""
    by_quiz: dict[str, list[QuizAttempt]] = {}
    for attempt in attempts:
        by_quiz.setdefault(attempt.quiz, []).append(attempt)
    out = []
    for quiz, for_stage in ordered_quizzes(pack, stage):
        taken = by_quiz.get(quiz.id, [])
        last = best = None
        if taken:
            key = [(question.id, question.answer) for question in quiz.questions]
            # The first of equals, as max() over the graded results was.
            top = max(taken, key=lambda attempt: (_percent(key, attempt), attempt.date))
            last = grade(pack, taken[-1])
            best = last if top is taken[-1] else grade(pack, top)
        out.append(QuizStanding(quiz, for_stage, last, best, len(taken)))
    return out


def _percent(key: Sequence[tuple[str, str]], attempt: QuizAttempt) -> int:
    """The percent :func:`grade` gives ``attempt``, from the quiz's (question, answer) ids."""
    answers = attempt.answers
    correct = sum(1 for question, answer in key if answers.get(question) == answer)
    return round(100 * correct / len(key)) if key else 0


def latest_checks(attempts: Sequence[QuizAttempt]) -> dict[str, bool]:
    """The latest answer to every self-check, across all attempts (oldest first)."""
    answers: dict[str, bool] = {}
    for attempt in attempts:
        answers.update(attempt.checks)
    return answers


def latest_results(pack: Pack, attempts: Sequence[QuizAttempt]) -> list[QuizResult]:
    """The latest result of every quiz taken, in pack order."""
    latest: dict[str, QuizAttempt] = {}
    for attempt in attempts:
        latest[attempt.quiz] = attempt
    return [grade(pack, latest[q.id]) for q in pack.quizzes if q.id in latest]
