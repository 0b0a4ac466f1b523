"""``content check`` beyond validity: quizzes a test-wise guesser could pass, and actions
one person could see twice in other words. Pure: a loaded pack in, findings out.

* Per quiz, how often the right answer is the longest option; above the pack's
  ``longest_right_max_percent`` the check fails. An option shorter than
  ``short_option_percent`` of the right answer is flagged as an obvious dud.
* Two actions that one person could see at once (their stage, stage groups and
  conditions can all hold together), that serve different intents and do not
  replace one another, are flagged when their titles or descriptions are alike
  (rapidfuzz token-set ratio at or above ``[content_check]``'s thresholds).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

from msgspec import Struct
from rapidfuzz import fuzz, utils

from ctcoach.model import EVENT_QUESTION, Action, Event, Matcher, Pack, Question, Quiz
from ctcoach.plan.rules import matches

_DAY = dt.date(2000, 1, 1)  # any fixed day: conditions on an event only ask "live or not"
_LIVE = Event("event", _DAY, _DAY)
_OVER = Event("event", _DAY - dt.timedelta(days=3650), _DAY - dt.timedelta(days=3650))


class QuizLengths(Struct, frozen=True):
    """How often a quiz's right answer is its longest option."""

    quiz: Quiz
    longest_right: int
    total: int
    percent: int
    failed: bool


class Review(Struct, frozen=True):
    quizzes: tuple[QuizLengths, ...]
    warnings: tuple[str, ...]
    failures: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.failures


def review_pack(pack: Pack) -> Review:
    """What ``content check`` reports about a pack that loads."""
    lengths = tuple(quiz_lengths(pack, quiz) for quiz in pack.quizzes)
    failures = tuple(
        f"quiz '{q.quiz.id}': the right answer is the longest option in {q.longest_right} "
        f"of {q.total} questions ({q.percent}%; at most "
        f"{pack.quiz_checks.longest_right_max_percent}% allowed)"
        for q in lengths
        if q.failed
    )
    warnings = (*short_options(pack), *near_duplicates(pack))
    return Review(lengths, tuple(warnings), failures)


def quiz_lengths(pack: Pack, quiz: Quiz) -> QuizLengths:
    longest = 0
    for question in quiz.questions:
        right = question.option(question.answer)
        others = [len(o.text) for o in question.options if o.id != question.answer]
        if right is not None and others and len(right.text) >= max(others):
            longest += 1
    total = len(quiz.questions)
    percent = round(100 * longest / total) if total else 0
    return QuizLengths(
        quiz, longest, total, percent, percent > pack.quiz_checks.longest_right_max_percent
    )


def short_options(pack: Pack) -> Iterator[str]:
    """Options under the pack's share of the right answer's length."""
    share = pack.quiz_checks.short_option_percent
    for quiz in pack.quizzes:
        for question in quiz.questions:
            right = question.option(question.answer)
            if right is None:
                continue
            for option in question.options:
                if option.id != right.id and 100 * len(option.text) < share * len(right.text):
                    yield (
                        f"quiz '{quiz.id}' question '{question.id}': option '{option.id}' "
                        f"has {len(option.text)} characters, under {share}% of the right "
                        f"answer's {len(right.text)}"
                    )


def _domain(question: Question) -> list[Any]:
    """Every answer worth trying when asking whether two conditions can both hold."""
    if question.kind == "choice":
        return [None, *question.choice_ids]
    if question.kind == "bool":
        return [None, True, False]
    if question.kind in ("int", "scale") and question.min is not None and question.max is not None:
        return [None, *range(question.min, question.max + 1)]
    if question.kind == "multi":
        ids = question.choice_ids
        return [list(c) for n in range(len(ids) + 1) for c in itertools.combinations(ids, n)]
    if question.kind == "event":
        return [None, _LIVE, _OVER]
    return [None]


def _conditions(action: Action) -> dict[str, Matcher]:
    """An action's conditions, with "an event is coming" for steps dated from one."""
    when = dict(action.when)
    if action.event is not None or action.before_event is not None:
        when.setdefault(EVENT_QUESTION, Matcher(upcoming=True))
    return when


def _together(pack: Pack, a: Action, b: Action, stage: str) -> bool:
    """Whether one person at ``stage`` could meet the conditions of both actions."""
    group = pack.group_of(stage)
    phase = pack.phase_for_stage(stage)
    for action in (a, b):
        if action.groups and group not in action.groups:
            return False
        if action.phase is not None and (phase is None or action.phase != phase.id):
            return False
    if (a.pitch, b.pitch) in (("missing", "failing"), ("failing", "missing")):
        return False
    if (a.needs_assessment and b.pitfall) or (b.needs_assessment and a.pitfall):
        return False
    when_a, when_b = _conditions(a), _conditions(b)
    for qid in set(when_a) | set(when_b):
        question = next((q for q in pack.questions if q.id == qid), None)
        if question is None:
            continue
        values = [stage] if qid == "stage" else _domain(question)
        tests = [m for m in (when_a.get(qid), when_b.get(qid)) if m is not None]
        if not any(all(matches(m, v, _DAY, 0) for m in tests) for v in values):
            return False
    return True


def _alike(pack: Pack, a: Action, b: Action, group: str | None) -> str | None:
    text_a, text_b = a.for_group(group), b.for_group(group)
    checks = pack.checks
    title = fuzz.token_set_ratio(text_a.title, text_b.title, processor=utils.default_process)
    how = fuzz.token_set_ratio(text_a.how, text_b.how, processor=utils.default_process)
    if title >= checks.title_similarity:
        return f"titles {title:.0f}% alike: “{text_a.title}” / “{text_b.title}”"
    if how >= checks.how_similarity:
        return f"descriptions {how:.0f}% alike: “{text_a.title}” / “{text_b.title}”"
    return None


def _related(a: Action, b: Action) -> bool:
    """Same intent, one replaces the other, or both stand in for the same step."""
    return (
        a.intent == b.intent
        or a.intent in b.replaces
        or b.intent in a.replaces
        or bool(set(a.replaces) & set(b.replaces))
    )


def near_duplicates(pack: Pack) -> Iterator[str]:
    """Pairs of actions one person could see at once that read alike."""
    stages = pack.question("stage").choice_ids
    for a, b in itertools.combinations(pack.actions, 2):
        if _related(a, b):
            continue
        for stage in stages:
            if not _together(pack, a, b, stage):
                continue
            found = _alike(pack, a, b, pack.group_of(stage))
            if found is not None:
                yield (
                    f"actions '{a.id}' and '{b.id}' (both reach {stage}): {found}; give them one "
                    "intent, or let one replace the other, or reword"
                )
                break
