"""Typed model of a content pack and of a user's profile.

Nothing here knows about a specialty: every fact comes from the content pack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

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


@dataclass(frozen=True)
class Problem:
    """Why a value was refused: the field it belongs to and a readable reason."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@dataclass(frozen=True)
class Source:
    id: str
    title: str


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    exclusive: bool = False  # in a multi question: this answer stands alone


@dataclass(frozen=True)
class StageGroup:
    """Stages that share wording and advice: students, applicants, residents, fellows."""

    id: str
    title: str
    stages: tuple[str, ...]


@dataclass(frozen=True)
class QuestionText:
    """A stage group's own wording of a question; empty fields keep the default."""

    prompt: str = ""
    label: str = ""
    help: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    prompt: str
    label: str
    help: str = ""
    required: bool = False
    choices: tuple[Choice, ...] = ()
    min: int | None = None
    max: int | None = None
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


@dataclass(frozen=True)
class Matcher:
    """One condition on one answer. Exactly the fields that are set apply."""

    equals: Any = None
    one_of: tuple[Any, ...] = ()
    min: int | None = None
    max: int | None = None
    has_any: tuple[str, ...] = ()
    has_none: tuple[str, ...] = ()
    upcoming: bool | None = None


@dataclass(frozen=True)
class EventAnchor:
    """A step dated from an event: days from its start or end, or ``during`` it."""

    anchor: Literal["start", "end", "during"]
    offset_days: int


@dataclass(frozen=True)
class ActionText:
    """A stage group's own wording of an action; empty fields keep the default."""

    title: str = ""
    how: str = ""
    cadence: str = ""
    why: str = ""
    source: Source | None = None


@dataclass(frozen=True)
class Action:
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


@dataclass(frozen=True)
class Phase:
    id: str
    title: str
    stages: tuple[str, ...]
    goal: str
    mindset: str
    source: Source
    core: tuple[str, ...] = ()  # the intents that matter most in this phase, first first


@dataclass(frozen=True)
class Tier:
    id: str
    title: str
    summary: str
    members: tuple[str, ...]
    source: Source


@dataclass(frozen=True)
class Topic:
    """A piece of guidance shown for reference: a playbook, a mentor role, a pitfall, an FAQ."""

    id: str
    kind: str
    title: str
    summary: str
    points: tuple[str, ...]
    source: Source
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()


RISK_LEVELS: tuple[str, ...] = ("low", "moderate", "high")


@dataclass(frozen=True)
class Statement:
    """One pitfall-check statement; ``reverse`` means "always" is the healthy answer."""

    id: str
    pitfall: str
    text: str
    reverse: bool
    source: Source


@dataclass(frozen=True)
class Assessment:
    title: str
    intro: str
    scale: tuple[str, ...]
    moderate: int
    high: int
    statements: tuple[Statement, ...]
    readings: Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class MentorRole:
    id: str
    title: str
    source: Source


@dataclass(frozen=True)
class MentorSign:
    id: str
    kind: Literal["working", "diversify"]
    text: str
    source: Source


PITCH_PARTS: tuple[str, ...] = ("who", "interests", "experiences", "ask")
PITCH_PLACEHOLDERS: tuple[str, ...] = ("name", "who", "interests", "experience", "ask")


@dataclass(frozen=True)
class PitchPart:
    id: str
    label: str
    prompt: str
    example: str
    lead: str
    strip: tuple[str, ...]


@dataclass(frozen=True)
class PitchSettings:
    source: Source
    rate_wpm: float
    min_seconds: int
    max_seconds: int
    max_experiences: int
    filler: tuple[str, ...]
    first_person: tuple[str, ...]
    third_person: tuple[str, ...]
    ask_words: tuple[str, ...]
    parts: tuple[PitchPart, ...]
    variants: Mapping[str, str]
    variant_labels: Mapping[str, str] = field(default_factory=dict)
    ask_hint: str = ""  # examples of a concrete ask, for the check's message

    def part(self, part_id: str) -> PitchPart:
        return next(p for p in self.parts if p.id == part_id)


@dataclass(frozen=True)
class QuizOption:
    id: str
    text: str
    why: str


@dataclass(frozen=True)
class QuizQuestion:
    id: str
    quiz: str
    topic: str
    prompt: str
    options: tuple[QuizOption, ...]
    answer: str
    source: Source
    actions: tuple[str, ...] = ()

    def option(self, option_id: str) -> QuizOption | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True)
class SelfCheck:
    """A yes / not-yet question; "not yet" puts ``action`` in the plan."""

    id: str
    quiz: str
    prompt: str
    action: str
    source: Source


@dataclass(frozen=True)
class QuizTopic:
    id: str
    title: str
    review: str
    source: Source


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    intro: str
    stages: tuple[str, ...]
    source: Source
    questions: tuple[QuizQuestion, ...]
    self_checks: tuple[SelfCheck, ...]


@dataclass(frozen=True)
class PlanSettings:
    active_per_weekly_hour: float = 1.0
    min_active: int = 2
    max_active: int = 10
    event_stale_days: int = 14
    week_max: int = 3  # "This week" holds at most this many undated actions
    preview_max: int = 3  # next-stage actions shown as a preview
    year_starts: tuple[int, int] | None = None  # (month, day) the training year turns


@dataclass(frozen=True)
class QuizChecks:
    """What ``content check`` holds quizzes to."""

    longest_right_max_percent: int = 35  # right answer is the longest option
    short_option_percent: int = 33  # an option under this share of the right answer's length


@dataclass(frozen=True)
class CheckSettings:
    """How alike two actions one person could see may be before ``content check`` warns."""

    title_similarity: int = 85
    how_similarity: int = 85


@dataclass(frozen=True)
class Pack:
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


@dataclass(frozen=True)
class Event:
    name: str
    start: dt.date
    end: dt.date


def event_live(event: Event | None, today: dt.date, stale_days: int) -> bool:
    """An event counts until ``stale_days`` after its last day."""
    return event is not None and today <= event.end + dt.timedelta(days=stale_days)


def plural(count: int, word: str) -> str:
    """``"1 hour"``, ``"3 hours"``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class Profile:
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
