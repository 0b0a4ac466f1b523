"""Phase quizzes: grading, topic scores, option order, history. Pure."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ctcoach.model import Pack, Quiz, QuizOption, QuizQuestion, QuizTopic


@dataclass(frozen=True)
class QuizAttempt:
    """A finished attempt: question id -> chosen option id; self-check id -> yes?"""

    quiz: str
    date: dt.date
    answers: Mapping[str, str]
    checks: Mapping[str, bool]


@dataclass(frozen=True)
class TopicScore:
    topic: QuizTopic
    correct: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0


@dataclass(frozen=True)
class QuizResult:
    quiz: Quiz
    date: dt.date
    correct: int
    total: int
    topics: tuple[TopicScore, ...]
    weak: tuple[TopicScore, ...]

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0


@dataclass(frozen=True)
class QuizStanding:
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
    options = list(question.options)
    random.Random(f"{seed}:{question.id}").shuffle(options)
    return options


def ordered_quizzes(pack: Pack, stage: str) -> list[tuple[Quiz, bool]]:
    """Every quiz with whether it is for ``stage``; those for the stage first."""
    tagged = [(quiz, stage in quiz.stages) for quiz in pack.quizzes]
    return [q for q in tagged if q[1]] + [q for q in tagged if not q[1]]


def standings(pack: Pack, stage: str, attempts: Sequence[QuizAttempt]) -> list[QuizStanding]:
    out = []
    known = {q.id for q in pack.quizzes}
    for quiz, for_stage in ordered_quizzes(pack, stage):
        results = [grade(pack, a) for a in attempts if a.quiz == quiz.id and a.quiz in known]
        best = max(results, key=lambda r: (r.percent, r.date), default=None)
        out.append(
            QuizStanding(quiz, for_stage, results[-1] if results else None, best, len(results))
        )
    return out


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
