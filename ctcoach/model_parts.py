"""The pack's smaller parts: problems and sources, the pitfall check, mentor roles, the
pitch, the quizzes and the plan's settings. Re-exported by :mod:`ctcoach.model`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from msgspec import Struct, field


class Problem(Struct, frozen=True):
    """Why a value was refused: the field it belongs to and a readable reason."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class Source(Struct, frozen=True):
    id: str
    title: str


RISK_LEVELS: tuple[str, ...] = ("low", "moderate", "high")


class Statement(Struct, frozen=True):
    """One pitfall-check statement; ``reverse`` means "always" is the healthy answer."""

    id: str
    pitfall: str
    text: str
    reverse: bool
    source: Source


class Assessment(Struct, frozen=True):
    title: str
    intro: str
    scale: tuple[str, ...]
    moderate: int
    high: int
    statements: tuple[Statement, ...]
    readings: Mapping[str, Mapping[str, str]]


class MentorRole(Struct, frozen=True):
    id: str
    title: str
    source: Source


class MentorSign(Struct, frozen=True):
    id: str
    kind: Literal["working", "diversify"]
    text: str
    source: Source


PITCH_PARTS: tuple[str, ...] = ("who", "interests", "experiences", "ask")
PITCH_PLACEHOLDERS: tuple[str, ...] = ("name", "who", "interests", "experience", "ask")


class PitchPart(Struct, frozen=True):
    id: str
    label: str
    prompt: str
    example: str
    lead: str
    strip: tuple[str, ...]


class PitchSettings(Struct, frozen=True):
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


class QuizOption(Struct, frozen=True):
    id: str
    text: str
    why: str


class QuizQuestion(Struct, frozen=True):
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


class SelfCheck(Struct, frozen=True):
    """A yes / not-yet question; "not yet" puts ``action`` in the plan."""

    id: str
    quiz: str
    prompt: str
    action: str
    source: Source


class QuizTopic(Struct, frozen=True):
    id: str
    title: str
    review: str
    source: Source


class Quiz(Struct, frozen=True):
    id: str
    title: str
    intro: str
    stages: tuple[str, ...]
    source: Source
    questions: tuple[QuizQuestion, ...]
    self_checks: tuple[SelfCheck, ...]


class PlanSettings(Struct, frozen=True):
    active_per_weekly_hour: float = 1.0
    min_active: int = 2
    max_active: int = 10
    event_stale_days: int = 14
    week_max: int = 3  # "This week" holds at most this many undated actions
    preview_max: int = 3  # next-stage actions shown as a preview
    year_starts: tuple[int, int] | None = None  # (month, day) the training year turns


class QuizChecks(Struct, frozen=True):
    """What ``content check`` holds quizzes to."""

    longest_right_max_percent: int = 35  # right answer is the longest option
    short_option_percent: int = 33  # an option under this share of the right answer's length


class CheckSettings(Struct, frozen=True):
    """How alike two actions one person could see may be before ``content check`` warns."""

    title_similarity: int = 85
    how_similarity: int = 85


class Matcher(Struct, frozen=True):
    """One condition on one answer. Exactly the fields that are set apply."""

    equals: Any = None
    one_of: tuple[Any, ...] = ()
    min: int | None = None
    max: int | None = None
    has_any: tuple[str, ...] = ()
    has_none: tuple[str, ...] = ()
    upcoming: bool | None = None


class EventAnchor(Struct, frozen=True):
    """A step dated from an event: days from its start or end, ``during`` it (every day),
    or from its ``middle`` (halfway through a rotation)."""

    anchor: Literal["start", "end", "during", "middle"]
    offset_days: int


class Phase(Struct, frozen=True):
    id: str
    title: str
    stages: tuple[str, ...]
    goal: str
    mindset: str
    source: Source
    core: tuple[str, ...] = ()  # the intents that matter most in this phase, first first


class Tier(Struct, frozen=True):
    id: str
    title: str
    summary: str
    members: tuple[str, ...]
    source: Source


class Topic(Struct, frozen=True):
    """A piece of guidance shown for reference: a playbook, a mentor role, a pitfall, an FAQ."""

    id: str
    kind: str
    title: str
    summary: str
    points: tuple[str, ...]
    source: Source
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
