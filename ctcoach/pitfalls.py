"""Score the pitfall check. Pure: answers in, scores out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from msgspec import Struct

from ctcoach.model import RISK_LEVELS, Assessment, Pack, Topic

SCALE_MIN, SCALE_MAX = 1, 5


class Attempt(Struct, frozen=True):
    """One completed pitfall check: statement id -> rating 1 (never) … 5 (always)."""

    date: dt.date
    answers: Mapping[str, int]


class PitfallScore(Struct, frozen=True):
    pitfall: Topic
    percent: int
    level: str
    reading: str
    change: int | None = None  # percentage points since the previous attempt


def risk_points(rating: int, reverse: bool) -> int:
    """0 (no risk) … 4 (most risk) for one rating."""
    return (SCALE_MAX - rating) if reverse else (rating - SCALE_MIN)


def level_for(assessment: Assessment, percent: int) -> str:
    if percent >= assessment.high:
        return RISK_LEVELS[2]
    if percent >= assessment.moderate:
        return RISK_LEVELS[1]
    return RISK_LEVELS[0]


def check_answers(pack: Pack, answers: Mapping[str, int]) -> list[str]:
    """Problems with a set of answers; empty when every statement has a rating 1–5."""
    assert pack.assessment is not None
    problems = []
    for statement in pack.assessment.statements:
        rating = answers.get(statement.id)
        if not isinstance(rating, int) or isinstance(rating, bool):
            problems.append(f"{statement.id}: not answered")
        elif not SCALE_MIN <= rating <= SCALE_MAX:
            problems.append(f"{statement.id}: {rating} is outside {SCALE_MIN}–{SCALE_MAX}")
    return problems


def score(pack: Pack, attempt: Attempt, previous: Attempt | None = None) -> list[PitfallScore]:
    """A score per pitfall, in content order; with ``previous``, the change since then.
    Statements without a valid rating (e.g. added to the pack later) are left out."""
    assessment = pack.assessment
    assert assessment is not None
    out = []
    for pitfall in pack.topics_of("pitfall"):
        percent = _percent(assessment, pitfall.id, attempt.answers)
        if percent is None:
            continue
        level = level_for(assessment, percent)
        before = _percent(assessment, pitfall.id, previous.answers) if previous else None
        out.append(
            PitfallScore(
                pitfall=pitfall,
                percent=percent,
                level=level,
                reading=assessment.readings.get(pitfall.id, {}).get(level, ""),
                change=None if before is None else percent - before,
            )
        )
    return out


def _percent(assessment: Assessment, pitfall: str, answers: Mapping[str, int]) -> int | None:
    points = worst = 0
    for statement in assessment.statements:
        rating = answers.get(statement.id)
        if statement.pitfall != pitfall or not isinstance(rating, int):
            continue
        if isinstance(rating, bool) or not SCALE_MIN <= rating <= SCALE_MAX:
            continue
        points += risk_points(rating, statement.reverse)
        worst += SCALE_MAX - SCALE_MIN
    if worst == 0:
        return None
    return round(100 * points / worst)


def at_least(level: str, minimum: str) -> bool:
    return RISK_LEVELS.index(level) >= RISK_LEVELS.index(minimum)
