"""What a plan is made of: the user's progress, the items, and the plan itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from msgspec import Struct, field

from ctcoach.followup import Due
from ctcoach.mentors import Mentor, TeamCheck
from ctcoach.model import HORIZONS, Horizon, Phase, Profile, Source, plural
from ctcoach.pitch import Pitch, PitchReport, Practice
from ctcoach.pitfalls import Attempt, PitfallScore
from ctcoach.plan.events import DatedEvent
from ctcoach.quiz import QuizAttempt, QuizStanding

HORIZON_TITLES: Mapping[str, str] = {
    "this_week": "This week",
    "this_month": "This month",
    "this_stage": "This stage",
    "next_stage": "Next stage",
}


class Progress(Struct, frozen=True):
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
    events: tuple[DatedEvent, ...] = ()  # the user's events; each brings its own steps

    @property
    def latest_pitfall_attempt(self) -> Attempt | None:
        return self.pitfall_attempts[-1] if self.pitfall_attempts else None

    @property
    def previous_pitfall_attempt(self) -> Attempt | None:
        return self.pitfall_attempts[-2] if len(self.pitfall_attempts) > 1 else None


class PlanItem(Struct, frozen=True):
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
    overdue: bool = False  # a real deadline has passed (only what the user logged has one)
    priority: int = 2
    order: int = 0
    intent: str = ""  # what the item is for: a plan holds one item per intent
    late: bool = False  # started after its planned date; due today, not overdue
    missed: bool = False  # a step before an event that the event overtook
    key: bool = False  # one of the stage's core steps on the roadmap
    waiting: bool = False  # held back until an active item is done (the weekly-hours cap)


class Plan(Struct, frozen=True):
    """The plan a user sees.

    ``items`` holds the active actions (at most ``capacity`` open ones, dated ones
    included) and the ones already done; ``waiting`` the open actions that start
    when there is room or when their date comes; ``missed`` the steps an event
    overtook; ``upcoming`` a preview of the next stage.
    """

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
    waiting: tuple[PlanItem, ...] = ()
    missed: tuple[PlanItem, ...] = ()
    upcoming: tuple[PlanItem, ...] = ()
    follow_ups: tuple[Due, ...] = ()  # the networking log's due items, soonest first
    scheduled: tuple[PlanItem, ...] = ()  # every open dated step, now or to come (a calendar)

    def by_horizon(self, waiting: bool = False) -> list[tuple[Horizon, list[PlanItem]]]:
        """The items by horizon; with ``waiting``, the waiting ones too (after the others)."""
        groups: list[tuple[Horizon, list[PlanItem]]] = []
        every = [*self.items, *self.waiting] if waiting else list(self.items)
        for horizon in HORIZONS:
            items = [i for i in every if i.horizon == horizon]
            if items:
                groups.append((horizon, items))
        return groups

    def open_items(self) -> list[PlanItem]:
        return [i for i in self.items if not i.done]

    def next_actions(self, count: int = 3) -> list[PlanItem]:
        """The first ``count`` open items, in the order the plan shows them."""
        return self.open_items()[:count]

    def due(self, item: PlanItem) -> str:
        """When ``item`` is due, briefly: "3 days overdue", "today", "in 5 days", "this month"."""
        if item.date is None:
            return item.when
        days = (item.date - self.today).days
        if days < 0:
            return f"{plural(-days, 'day')} overdue"
        return "today" if days == 0 else f"in {plural(days, 'day')}"

    def all_items(self) -> list[PlanItem]:
        """Everything that applies now: active, done and waiting (not previews or missed)."""
        return [*self.items, *self.waiting]

    @property
    def overdue(self) -> list[PlanItem]:
        return [i for i in self.items if i.overdue]
