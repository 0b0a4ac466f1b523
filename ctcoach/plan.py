"""Build a user's action plan. Pure: (pack, profile, progress, today) -> Plan.

Every item says why it is there, when it is due and where in the guide it
comes from. The same inputs always give the same plan.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ctcoach.followup import Due
from ctcoach.mentors import Mentor, TeamCheck, check_team
from ctcoach.model import (
    HORIZONS,
    Action,
    Event,
    Horizon,
    Matcher,
    Pack,
    Phase,
    Profile,
    Source,
    event_live,
    plural,
)
from ctcoach.pitch import Pitch, PitchReport, Practice, draft_words, is_stub, report
from ctcoach.pitfalls import Attempt, PitfallScore, at_least, score
from ctcoach.profile import format_answer
from ctcoach.quiz import (
    QuizAttempt,
    QuizStanding,
    latest_checks,
    latest_results,
    standings,
)

HORIZON_TITLES: Mapping[str, str] = {
    "this_week": "This week",
    "this_month": "This month",
    "this_stage": "This stage",
    "next_stage": "Next stage",
}
ACTIVE: tuple[Horizon, ...] = ("this_week", "this_month")


@dataclass(frozen=True)
class Progress:
    """What the user has done and found out, as far as the plan is concerned."""

    done: frozenset[str] = frozenset()
    pitfall_attempts: tuple[Attempt, ...] = ()  # oldest first
    mentors: tuple[Mentor, ...] = ()
    pitch: Pitch | None = None
    practices: tuple[Practice, ...] = ()  # oldest first
    wpm: float | None = None  # the user's rate setting, when they changed it
    wpm_since: int = 0  # how many practices existed when they set it
    quiz_attempts: tuple[QuizAttempt, ...] = ()  # oldest first
    logged: int = 0  # interactions in the networking log
    due: tuple[Due, ...] = ()  # follow-ups, promises and reconnects, soonest first

    @property
    def latest_pitfall_attempt(self) -> Attempt | None:
        return self.pitfall_attempts[-1] if self.pitfall_attempts else None

    @property
    def previous_pitfall_attempt(self) -> Attempt | None:
        return self.pitfall_attempts[-2] if len(self.pitfall_attempts) > 1 else None


@dataclass(frozen=True)
class PlanItem:
    id: str
    title: str
    how: str
    why: tuple[str, ...]
    horizon: Horizon
    when: str
    source: Source
    date: dt.date | None = None
    cadence: str = ""
    done: bool = False
    overdue: bool = False
    priority: int = 2
    order: int = 0
    waiting: bool = False  # held back until an active item is done (the weekly-hours cap)


@dataclass(frozen=True)
class Plan:
    today: dt.date
    items: tuple[PlanItem, ...]
    phase: Phase | None
    next_phase: Phase | None
    capacity: int
    profile: Profile
    notes: tuple[str, ...] = field(default_factory=tuple)
    pitfalls: tuple[PitfallScore, ...] = ()
    pitfall_date: dt.date | None = None
    team: TeamCheck | None = None
    pitch: PitchReport | None = None
    quizzes: tuple[QuizStanding, ...] = ()
    follow_ups: tuple[Due, ...] = ()  # the networking log's due items, soonest first

    def by_horizon(self) -> list[tuple[Horizon, list[PlanItem]]]:
        groups: list[tuple[Horizon, list[PlanItem]]] = []
        for horizon in HORIZONS:
            items = [i for i in self.items if i.horizon == horizon]
            if items:
                groups.append((horizon, items))
        return groups

    def open_items(self) -> list[PlanItem]:
        return [i for i in self.items if not i.done]

    def next_actions(self, count: int = 3) -> list[PlanItem]:
        """The first ``count`` open items that are not waiting: overdue first, then soonest."""
        active = [i for i in self.open_items() if not i.waiting]
        return sorted(active, key=lambda i: not i.overdue)[:count]

    def due(self, item: PlanItem) -> str:
        """When ``item`` is due, briefly: "3 days overdue", "today", "in 5 days", "this month"."""
        if item.date is None:
            return item.when
        days = (item.date - self.today).days
        if days < 0:
            return f"{plural(-days, 'day')} overdue"
        return "today" if days == 0 else f"in {plural(days, 'day')}"

    @property
    def overdue(self) -> list[PlanItem]:
        return [i for i in self.items if i.overdue]


def capacity(pack: Pack, weekly_hours: int) -> int:
    """How many actions may be active (this week + this month) at once."""
    settings = pack.plan
    raw = math.floor(weekly_hours * settings.active_per_weekly_hour)
    return max(settings.min_active, min(settings.max_active, raw))


def matches(matcher: Matcher, value: Any, today: dt.date, stale_days: int) -> bool:
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


def _horizon_for_date(date: dt.date, today: dt.date) -> Horizon:
    days = (date - today).days
    if days < 7:
        return "this_week"
    if days <= 31:
        return "this_month"
    return "this_stage"


def _date_text(date: dt.date, today: dt.date) -> str:
    days = (date - today).days
    base = f"{date.isoformat()} ({date.strftime('%a')})"
    if days < 0:
        return f"{base}, {plural(-days, 'day')} overdue"
    if days == 0:
        return f"{base}, today"
    return f"{base}, in {plural(days, 'day')}"


class _Builder:
    def __init__(self, pack: Pack, profile: Profile, progress: Progress, today: dt.date) -> None:
        self.pack = pack
        self.profile = profile
        self.progress = progress
        self.today = today
        self.phase = pack.phase_for_stage(profile.stage)
        self.next_phase = pack.next_phase(self.phase) if self.phase else None
        self.event = profile.event
        self.event_live = event_live(self.event, today, pack.plan.event_stale_days)
        latest = progress.latest_pitfall_attempt
        self.scores = (
            {s.pitfall.id: s for s in score(pack, latest, progress.previous_pitfall_attempt)}
            if latest is not None and pack.assessment is not None
            else {}
        )
        self.team = check_team(pack, progress.mentors)
        self.not_yet: dict[str, list[str]] = {}
        prompts = {c.id: c for q in pack.quizzes for c in q.self_checks}
        for check_id, yes in latest_checks(progress.quiz_attempts).items():
            check = prompts.get(check_id)
            if check is not None and not yes:
                self.not_yet.setdefault(check.action, []).append(check.prompt)
        self.pitch = (
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

    def reasons(self, action: Action) -> list[str] | None:
        """Why ``action`` applies to this profile, or ``None`` when it does not."""
        why: list[str] = []
        for qid, matcher in action.when.items():
            value = self.profile.get(qid)
            if not matches(matcher, value, self.today, self.pack.plan.event_stale_days):
                return None
            question = self.pack.question(qid)
            why.append(
                f"You answered {question.label}: {format_answer(question, value, empty='none')}."
            )
        return self.result_reasons(action, why)

    def result_reasons(self, action: Action, why: list[str]) -> list[str] | None:
        """Conditions on what the user has found out: pitfall scores and the mentor team."""
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
        if action.pitch == "missing":
            if self.pitch is not None and not self.stub:
                return None
            why.append(self.missing_pitch_reason())
        if action.pitch == "failing":
            if self.pitch is None or self.stub or self.pitch.ok:
                return None
            why += [f"Your current pitch: {c.message}." for c in self.pitch.checks]
        if action.unpractised_days is not None:
            since = self.today - dt.timedelta(days=action.unpractised_days)
            if any(p.date >= since for p in self.progress.practices):
                return None
            why.append(
                f"No timed practice of your pitch in the last {action.unpractised_days} days."
            )
        if action.mentor_warning:
            if not self.team.warnings:
                return None
            for warning in self.team.warnings:
                signs = "; ".join(s.text.lower() for s in warning.signs)
                why.append(f"Warning signs with {warning.mentor.name}: {signs}.")
        return why

    def item(self, action: Action, order: int) -> PlanItem | None:
        why = self.reasons(action)
        forced = self.not_yet.get(action.id, []) if action.event is None else []
        if why is None and not forced:
            return None
        why = [*(why or []), *(f"You answered “not yet” to “{p}”" for p in forced)]
        horizon: Horizon = action.horizon
        date: dt.date | None = None
        item_id = action.id
        if action.phase is not None:
            stage_label = self.pack.question("stage").choice_label(self.profile.stage)
            if self.phase is not None and action.phase == self.phase.id:
                why.insert(0, f"On the roadmap for {self.phase.title}, your stage ({stage_label}).")
            elif self.next_phase is not None and action.phase == self.next_phase.id:
                horizon = "next_stage"
                why.insert(0, f"On the roadmap for {self.next_phase.title}, the stage after yours.")
            elif not forced:
                return None
        if forced and horizon in ("this_stage", "next_stage"):
            horizon = "this_month"
        if action.before_event is not None and self.event_live and self.event is not None:
            date = self.event.start - dt.timedelta(days=action.before_event)
            horizon = _horizon_for_date(date, self.today)
            why.append(f"Before your next conference, {self.event.name}, on {self.event.start}.")
        if action.event is not None:
            if not self.event_live or self.event is None:
                return None
            anchor = self.event.start if action.event.anchor == "start" else self.event.end
            date = anchor + dt.timedelta(days=action.event.offset_days)
            horizon = _horizon_for_date(date, self.today)
            item_id = f"{action.id}@{self.event.start.isoformat()}"
            relation = "starts" if action.event.anchor == "start" else "ends"
            why.append(f"Your next conference, {self.event.name}, {relation} {anchor.isoformat()}.")
        if not why:
            why.append("The guide recommends this for everyone.")
        done = item_id in self.progress.done or (
            action.done_when_logged and self.progress.logged > 0
        )
        overdue = date is not None and date < self.today and not done
        return PlanItem(
            id=item_id,
            title=action.title,
            how=action.how,
            why=tuple(why),
            horizon=horizon,
            when=self.when_text(horizon, date),
            source=action.source,
            date=date,
            cadence=action.cadence,
            done=done,
            overdue=overdue,
            priority=action.priority,
            order=order,
        )

    def review_items(self, first_order: int) -> list[PlanItem]:
        """A review item per quiz topic under the pass mark on that quiz's latest attempt."""
        out: list[PlanItem] = []
        for result in latest_results(self.pack, self.progress.quiz_attempts):
            for weak in result.weak:
                topic = weak.topic
                item_id = f"review-{result.quiz.id}-{topic.id}"
                out.append(
                    PlanItem(
                        id=item_id,
                        title=f"Review: {topic.title}",
                        how=f"{topic.review} Then retake the “{result.quiz.title}” quiz.",
                        why=(
                            f"Your latest “{result.quiz.title}” quiz ({result.date.isoformat()}) "
                            f"scored {topic.title} at {weak.percent}% "
                            f"({weak.correct} of {weak.total}).",
                        ),
                        horizon="this_month",
                        when=self.when_text("this_month", None),
                        source=topic.source,
                        done=item_id in self.progress.done,
                        order=first_order + len(out),
                    )
                )
        return out

    def follow_up_items(self) -> list[PlanItem]:
        """What the networking log says is due this week (overdue included), as dated items."""
        week = [d for d in self.progress.due if d.window(self.today) != "later"]
        return [
            PlanItem(
                id=due.uid,
                title=due.title,
                how=due.how,
                why=(due.reason[0].upper() + due.reason[1:] + ".",),
                horizon="this_week",
                when=self.when_text("this_week", due.date),
                source=due.source,
                date=due.date,
                overdue=due.date < self.today,
                priority=1,
            )
            for due in week
        ]

    def when_text(self, horizon: Horizon, date: dt.date | None) -> str:
        if date is not None:
            return _date_text(date, self.today)
        if horizon == "this_stage" and self.phase is not None:
            return f"during {self.phase.title}"
        if horizon == "next_stage" and self.next_phase is not None:
            return f"when you reach {self.next_phase.title}"
        return HORIZON_TITLES[horizon].lower()

    def build(self) -> Plan:
        items = [
            item
            for order, action in enumerate(self.pack.actions)
            if (item := self.item(action, order)) is not None
        ]
        items += self.review_items(len(self.pack.actions))
        items += self.follow_up_items()
        present = {i.id.split("@")[0] for i in items}
        replaced = {a.id for a in self.pack.actions if present & set(a.replaced_by)}
        items = [i for i in items if i.id.split("@")[0] not in replaced]
        items.sort(key=_sort_key)
        cap = capacity(self.pack, self.profile.weekly_hours)
        items = self.apply_capacity(items, cap)
        items.sort(key=lambda i: (HORIZONS.index(i.horizon), *_sort_key(i)))
        notes = []
        if self.event is not None and not self.event_live:
            notes.append(
                f"Your next conference, {self.event.name}, ended {self.event.end.isoformat()}. "
                "Update it in your profile to get dated steps for the next one."
            )
        latest = self.progress.latest_pitfall_attempt
        return Plan(
            self.today,
            tuple(items),
            self.phase,
            self.next_phase,
            cap,
            self.profile,
            tuple(notes),
            pitfalls=tuple(self.scores.values()),
            pitfall_date=latest.date if latest else None,
            team=self.team,
            pitch=self.pitch,
            quizzes=tuple(standings(self.pack, self.profile.stage, self.progress.quiz_attempts)),
            follow_ups=self.progress.due,
        )

    def apply_capacity(self, items: list[PlanItem], cap: int) -> list[PlanItem]:
        """Keep at most ``cap`` open items active; undated extras wait in this stage.
        Dated items keep their date (a conference does not move) but use up room first."""
        active = [i for i in items if i.horizon in ACTIVE and not i.done]
        dated = [i for i in active if i.date is not None]
        room = max(cap - len(dated), 0)
        waiting: set[str] = set()
        for item in (i for i in active if i.date is None):
            if room > 0:
                room -= 1
            else:
                waiting.add(item.id)
        hours = self.profile.weekly_hours
        note = (
            f"Waiting: with {plural(hours, 'hour')} a week, ctcoach keeps "
            f"{cap} actions active at once; this one starts when one of them is done."
        )
        return [
            replace(
                i,
                horizon="this_stage",
                when=self.when_text("this_stage", None),
                why=(*i.why, note),
                waiting=True,
            )
            if i.id in waiting
            else i
            for i in items
        ]


def _sort_key(item: PlanItem) -> tuple[Any, ...]:
    return (
        0 if item.overdue else 1,
        HORIZONS.index(item.horizon),
        item.date or dt.date.max,
        item.priority,
        item.order,
    )


def build_plan(
    pack: Pack, profile: Profile, progress: Progress | None = None, *, today: dt.date
) -> Plan:
    return _Builder(pack, profile, progress or Progress(), today).build()
