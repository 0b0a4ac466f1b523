"""Whether an action applies to a user, and why, in words. Pure."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from msgspec import Struct

from ctcoach.mentors import TeamCheck, check_team
from ctcoach.model import (
    Action,
    ActionText,
    Event,
    Matcher,
    Pack,
    Phase,
    Profile,
    event_live,
    plural,
)
from ctcoach.pitch import PitchReport, draft_words, is_stub, report
from ctcoach.pitfalls import PitfallScore, at_least, score
from ctcoach.plan.items import Progress
from ctcoach.quiz import latest_checks

Relation = Literal["current", "next", "forced"]


def matches(matcher: Matcher, value: Any, today: dt.date, stale_days: int) -> bool:
    """Whether one answer meets one condition."""
    if isinstance(value, Event) or matcher.upcoming is not None:
        live = event_live(value if isinstance(value, Event) else None, today, stale_days)
        return matcher.upcoming is None or live == matcher.upcoming
    if matcher.equals is not None and value != matcher.equals:
        return False
    if matcher.one_of and value not in matcher.one_of:
        return False
    if matcher.min is not None and (value is None or value < matcher.min):
        return False
    if matcher.max is not None and (value is None or value > matcher.max):
        return False
    chosen = set(value or []) if isinstance(value, list | tuple | type(None)) else set()
    if matcher.has_any and not chosen & set(matcher.has_any):
        return False
    return not (matcher.has_none and chosen & set(matcher.has_none))


def phase_reason(phase: Phase, relation: Relation, core: bool) -> str:
    """The Why line for an action on the roadmap of ``phase``."""
    if relation == "next":
        return f"On the guide's roadmap for {phase.title}, the stage after yours."
    if core:
        return f"A key step of {phase.title} on the guide's roadmap, so it comes first."
    return f"On the guide's roadmap for {phase.title}."


def specificity(action: Action) -> int:
    """How many things must be true of a user for ``action`` to apply."""
    results = (
        action.pitfall,
        action.mentor_gap,
        action.pitch,
        action.unpracticed_days,
        action.event or action.before_event,
    )
    flags = (
        action.mentor_warning,
        action.needs_assessment,
        action.groups,
        action.phase,
        action.pitfall is not None and action.min_risk == "high",  # the stricter bar counts too
    )
    return len(action.when) + sum(r is not None for r in results) + sum(bool(f) for f in flags)


class Match(Struct, frozen=True):
    """An action that applies: its wording for the user's stage group and its reasons."""

    action: Action
    text: ActionText
    why: tuple[str, ...]
    relation: Relation
    core: int | None  # its place among the phase's core intents
    phase: Phase | None  # the roadmap phase it is on (not for a self-check's "not yet")


class Rules:
    """Everything the conditions of a pack's actions look at, for one user on one day."""

    def __init__(self, pack: Pack, profile: Profile, progress: Progress, today: dt.date) -> None:
        self.pack = pack
        self.profile = profile
        self.progress = progress
        self.today = today
        self.group = pack.group_of(profile.stage)
        self.phase = pack.phase_for_stage(profile.stage)
        self.next_phase = pack.next_phase(self.phase) if self.phase else None
        self.event = profile.event
        self.event_live = event_live(self.event, today, pack.plan.event_stale_days)
        latest = progress.latest_pitfall_attempt
        self.scores: dict[str, PitfallScore] = (
            {s.pitfall.id: s for s in score(pack, latest, progress.previous_pitfall_attempt)}
            if latest is not None and pack.assessment is not None
            else {}
        )
        self.team: TeamCheck = check_team(pack, progress.mentors)
        self.pitch: PitchReport | None = (
            report(
                pack.pitch,
                progress.pitch,
                profile.name,
                progress.practices,
                progress.wpm,
                progress.wpm_since,
            )
            if pack.pitch is not None and progress.pitch is not None
            else None
        )
        self.not_yet = self._not_yet()

    def _not_yet(self) -> dict[str, list[str]]:
        """Self-check prompts answered "not yet" on each quiz's latest attempt, by intent."""
        intent_of = {a.id: a.intent for a in self.pack.actions}
        prompts = {c.id: c for q in self.pack.quizzes for c in q.self_checks}
        out: dict[str, list[str]] = {}
        for check_id, yes in latest_checks(self.progress.quiz_attempts).items():
            check = prompts.get(check_id)
            if check is not None and not yes:
                out.setdefault(intent_of.get(check.action, check.action), []).append(check.prompt)
        return out

    def match(self, action: Action) -> Match | None:
        """``action`` as it applies to this user, or ``None``.

        A "not yet" self-check brings its action (or another with the same intent that
        fits the user) even outside the user's phase; every other condition still holds.
        """
        if action.groups and self.group not in action.groups:
            return None
        text = action.for_group(self.group)
        why = self._conditions(action, text)
        if why is None:
            return None
        relation = self._relation(action.phase, action.intent in self.not_yet)
        if relation is None:
            return None
        if relation == "forced" and action.event is not None:
            return None
        for prompt in self.not_yet.get(action.intent, []):
            why.append(f"In a quiz self-check you answered “not yet” to: {prompt}")
        core = self._core_place(action, relation)
        phase = next((p for p in self.pack.phases if p.id == action.phase), None)
        if phase is None and core is not None:  # serves a roadmap step from outside it
            phase = self.next_phase if relation == "next" else self.phase
        if relation == "forced":
            phase = None
        return Match(action, text, tuple(why), relation, core, phase)

    def _relation(self, phase: str | None, forced: bool) -> Relation | None:
        if phase is None or (self.phase is not None and phase == self.phase.id):
            return "current"
        if forced:
            return "forced"
        if self.next_phase is not None and phase == self.next_phase.id:
            return "next"
        return None

    def _core_place(self, action: Action, relation: Relation) -> int | None:
        phase: Phase | None = self.next_phase if relation == "next" else self.phase
        if phase is None or action.intent not in phase.core:
            return None
        return phase.core.index(action.intent)

    def _conditions(self, action: Action, text: ActionText) -> list[str] | None:
        """The reasons ``action`` applies, or ``None`` when a condition fails."""
        stale = self.pack.plan.event_stale_days
        for qid, matcher in action.when.items():
            if not matches(matcher, self.profile.get(qid), self.today, stale):
                return None
        why = [text.why] if text.why else []
        return self._results(action, why)

    def _results(self, action: Action, why: list[str]) -> list[str] | None:
        """Conditions on what the user has found out: pitfall scores, mentors, the pitch."""
        latest = self.progress.latest_pitfall_attempt
        if action.needs_assessment:
            if latest is not None:
                return None
            why.append("You have not taken the pitfall check yet.")
        if action.pitfall is not None:
            result = self.scores.get(action.pitfall)
            if result is None or latest is None or not at_least(result.level, action.min_risk):
                return None
            why.append(
                f"Your pitfall check on {latest.date.isoformat()} put "
                f"“{result.pitfall.title}” at {result.percent}% ({result.level} risk)."
            )
        if action.mentor_gap is not None:
            cover = next(c for c in self.team.roles if c.role.id == action.mentor_gap)
            if not cover.gap:
                return None
            why.append(f"Your mentor team has no {cover.role.title.lower()} yet.")
        return self._pitch_and_team(action, why)

    @property
    def stub(self) -> bool:
        """The saved pitch is too short to count as written."""
        return (
            self.pitch is not None
            and self.pack.pitch is not None
            and is_stub(self.pack.pitch, self.pitch)
        )

    def missing_pitch_reason(self) -> str:
        if self.pitch is None or self.pack.pitch is None:
            return "You have not written your pitch yet."
        return (
            f"Your saved pitch has {plural(self.pitch.words, 'word')}; it counts as written "
            f"from {draft_words(self.pack.pitch)}."
        )

    def _pitch_and_team(self, action: Action, why: list[str]) -> list[str] | None:
        if action.pitch == "missing":
            if self.pitch is not None and not self.stub:
                return None
            why.append(self.missing_pitch_reason())
        if action.pitch == "failing":
            if self.pitch is None or self.stub or self.pitch.ok:
                return None
            why += [f"Your current pitch: {c.message}." for c in self.pitch.checks]
        if action.unpracticed_days is not None:
            since = self.today - dt.timedelta(days=action.unpracticed_days)
            if any(p.date >= since for p in self.progress.practices):
                return None
            why.append(
                f"No timed practice of your pitch in the last {action.unpracticed_days} days."
            )
        if action.mentor_warning:
            if not self.team.warnings:
                return None
            for warning in self.team.warnings:
                signs = "; ".join(s.text.lower() for s in warning.signs)
                why.append(f"Warning signs with {warning.mentor.name}: {signs}.")
        return why
