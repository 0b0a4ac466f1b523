"""Typed model of a content pack and of a user's profile.

Nothing here knows about a specialty: every fact comes from the content pack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from msgspec import Struct, field
from msgspec.structs import replace

from ctcoach.model_parts import (
    PITCH_PARTS as PITCH_PARTS,
)
from ctcoach.model_parts import (
    PITCH_PLACEHOLDERS as PITCH_PLACEHOLDERS,
)
from ctcoach.model_parts import (
    RISK_LEVELS as RISK_LEVELS,
)
from ctcoach.model_parts import (
    Assessment as Assessment,
)
from ctcoach.model_parts import (
    CheckSettings as CheckSettings,
)
from ctcoach.model_parts import (
    EventAnchor as EventAnchor,
)
from ctcoach.model_parts import (
    Matcher as Matcher,
)
from ctcoach.model_parts import (
    MentorRole as MentorRole,
)
from ctcoach.model_parts import (
    MentorSign as MentorSign,
)
from ctcoach.model_parts import (
    Phase as Phase,
)
from ctcoach.model_parts import (
    PitchPart as PitchPart,
)
from ctcoach.model_parts import (
    PitchSettings as PitchSettings,
)
from ctcoach.model_parts import (
    PlanSettings as PlanSettings,
)
from ctcoach.model_parts import (
    Problem as Problem,
)
from ctcoach.model_parts import (
    Quiz as Quiz,
)
from ctcoach.model_parts import (
    QuizChecks as QuizChecks,
)
from ctcoach.model_parts import (
    QuizOption as QuizOption,
)
from ctcoach.model_parts import (
    QuizQuestion as QuizQuestion,
)
from ctcoach.model_parts import (
    QuizTopic as QuizTopic,
)
from ctcoach.model_parts import (
    SelfCheck as SelfCheck,
)
from ctcoach.model_parts import (
    Source as Source,
)
from ctcoach.model_parts import (
    Statement as Statement,
)
from ctcoach.model_parts import (
    Tier as Tier,
)
from ctcoach.model_parts import (
    Topic as Topic,
)

if TYPE_CHECKING:
    from ctcoach.drafts import DraftSettings
    from ctcoach.events import EventSettings
    from ctcoach.network import LogSettings

QUESTION_KINDS: tuple[str, ...] = ("text", "choice", "multi", "bool", "int", "scale", "event")

Horizon = Literal["this_week", "this_month", "this_stage", "next_stage"]
HORIZONS: tuple[Horizon, ...] = ("this_week", "this_month", "this_stage", "next_stage")

# Question ids the engine gives a meaning to; a pack must define them.
REQUIRED_QUESTIONS: Mapping[str, str] = {"name": "text", "stage": "choice", "weekly_hours": "int"}
EVENT_QUESTION = "next_conference"


class Choice(Struct, frozen=True):
    id: str
    label: str
    exclusive: bool = False  # in a multi question: this answer stands alone


class StageGroup(Struct, frozen=True):
    """Stages that share wording and advice: students, applicants, residents, fellows."""

    id: str
    title: str
    stages: tuple[str, ...]


class QuestionText(Struct, frozen=True):
    """A stage group's own wording of a question; empty fields keep the default."""

    prompt: str = ""
    label: str = ""
    help: str = ""


class Question(Struct, frozen=True):
    id: str
    kind: str
    prompt: str
    label: str
    help: str = ""
    required: bool = False
    choices: tuple[Choice, ...] = ()
    min: int | None = None
    max: int | None = None  # int, scale: the highest answer; event: the most days it lasts
    min_length: int = 0
    max_length: int = 200
    default: Any = None
    min_labels: str = ""
    max_labels: str = ""
    groups: tuple[str, ...] = ()  # asked only of these stage groups; empty: of everyone
    variants: Mapping[str, QuestionText] = field(default_factory=dict)

    def for_group(self, group: str | None) -> Question:
        """This question in the words of ``group`` (itself when the group has none)."""
        text = self.variants.get(group or "")
        if text is None:
            return self
        return replace(
            self,
            prompt=text.prompt or self.prompt,
            label=text.label or self.label,
            help=text.help or self.help,
        )

    def choice_label(self, choice_id: str) -> str:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice.label
        return choice_id

    @property
    def choice_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.choices)

    @property
    def exclusive_ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self.choices if c.exclusive)


class ActionText(Struct, frozen=True):
    """A stage group's own wording of an action; empty fields keep the default."""

    title: str = ""
    how: str = ""
    cadence: str = ""
    why: str = ""
    source: Source | None = None


class Action(Struct, frozen=True):
    id: str
    title: str
    how: str
    source: Source
    horizon: Horizon = "this_stage"
    phase: str | None = None
    cadence: str = ""
    priority: int = 2
    when: Mapping[str, Matcher] = field(default_factory=dict)
    event: EventAnchor | None = None
    event_kinds: tuple[str, ...] = ()  # kinds of event a dated step is for; empty: every kind
    shared: bool = False  # a dated step that overlapping events share as one item (a habit)
    done_when: str = ""  # a dated step the event's own record completes: "targets",
    # "targets:3" (that many chosen), "emails" (every target emailed), "goal:<id>"
    pitfall: str | None = None
    min_risk: str = "moderate"
    mentor_gap: str | None = None
    mentor_warning: bool = False
    needs_assessment: bool = False
    pitch: str | None = None  # "missing" or "failing"
    before_event: int | None = None
    unpracticed_days: int | None = None
    done_when_logged: bool = False  # done as soon as the networking log has an entry
    intent: str = ""  # what it is for; a plan shows one item per intent (default: the id)
    replaces: tuple[str, ...] = ()  # intents this more specific action stands in for
    groups: tuple[str, ...] = ()  # only for these stage groups; empty: for everyone
    why: str = ""  # the reason its conditions stand for, in words
    variants: Mapping[str, ActionText] = field(default_factory=dict)

    def for_group(self, group: str | None) -> ActionText:
        """Title, how, cadence, why and source in the words of ``group``."""
        text = self.variants.get(group or "", ActionText())
        return ActionText(
            text.title or self.title,
            text.how or self.how,
            text.cadence or self.cadence,
            text.why or self.why,
            text.source or self.source,
        )


class Pack(Struct, frozen=True):
    id: str
    title: str
    guide: str
    root: str
    sources: Mapping[str, Source]
    questions: tuple[Question, ...]
    phases: tuple[Phase, ...]
    tiers: tuple[Tier, ...]
    topics: tuple[Topic, ...]
    actions: tuple[Action, ...]
    plan: PlanSettings
    assessment: Assessment | None = None
    mentor_roles: tuple[MentorRole, ...] = ()
    mentor_signs: tuple[MentorSign, ...] = ()
    pitch: PitchSettings | None = None
    quizzes: tuple[Quiz, ...] = ()
    quiz_topics: Mapping[str, QuizTopic] = field(default_factory=dict)
    quiz_pass_percent: int = 70
    log: LogSettings | None = None
    topic_kinds: Mapping[str, str] = field(default_factory=dict)  # kind -> the Guide's heading
    events: EventSettings | None = None
    drafts: DraftSettings | None = None
    stage_groups: tuple[StageGroup, ...] = ()
    quiz_checks: QuizChecks = field(default_factory=QuizChecks)
    checks: CheckSettings = field(default_factory=CheckSettings)

    def group_of(self, stage: str | None) -> str | None:
        """The id of the stage group ``stage`` belongs to, if any."""
        return next((g.id for g in self.stage_groups if stage in g.stages), None)

    def quiz(self, quiz_id: str) -> Quiz:
        return next(q for q in self.quizzes if q.id == quiz_id)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def phase_for_stage(self, stage: str) -> Phase | None:
        for phase in self.phases:
            if stage in phase.stages:
                return phase
        return None

    def next_phase(self, phase: Phase) -> Phase | None:
        index = self.phases.index(phase)
        return self.phases[index + 1] if index + 1 < len(self.phases) else None

    def topics_of(self, kind: str) -> tuple[Topic, ...]:
        return tuple(t for t in self.topics if t.kind == kind)

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)

    def mentor_role(self, role_id: str) -> MentorRole:
        return next(r for r in self.mentor_roles if r.id == role_id)


class Event(Struct, frozen=True):
    name: str
    start: dt.date
    end: dt.date


def event_live(event: Event | None, today: dt.date, stale_days: int) -> bool:
    """An event counts until ``stale_days`` after its last day."""
    return event is not None and today <= event.end + dt.timedelta(days=stale_days)


def a_or_an(word: str) -> str:
    """``"an interview"``, ``"a conference"``."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def plural(count: int, word: str) -> str:
    """``"1 hour"``, ``"3 hours"``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


class Profile(Struct, frozen=True):
    """Validated answers, keyed by question id. Values are plain Python values
    (str, bool, int, list[str]) or an :class:`Event`."""

    answers: Mapping[str, Any]

    @property
    def name(self) -> str:
        return str(self.answers["name"])

    @property
    def stage(self) -> str:
        return str(self.answers["stage"])

    @property
    def weekly_hours(self) -> int:
        return int(self.answers["weekly_hours"])

    @property
    def event(self) -> Event | None:
        value = self.answers.get(EVENT_QUESTION)
        return value if isinstance(value, Event) else None

    def get(self, key: str, default: Any = None) -> Any:
        return self.answers.get(key, default)
