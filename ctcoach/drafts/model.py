"""Email drafts: the pack's kinds and rules, a draft, what fills it and what it is checked
against. Pure: no specialty fact lives here, only the shapes the content pack fills."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from msgspec import Struct, field

from ctcoach.events import PlannedEvent
from ctcoach.model import PitchSettings, Profile, Source
from ctcoach.network import Contact, Interaction
from ctcoach.pitch import Pitch

# The names a template may use, each filled from the profile, the pitch, the contact,
# the event, the logged interaction, the topic or the date.
PLACEHOLDERS: tuple[str, ...] = (
    "greeting_name",  # "Dr. Chen", "Sam" or the full name: how the email addresses them
    "first_name",
    "last_name",
    "contact_name",  # their name as saved
    "their_institution",
    "my_name",
    "my_role",  # your pitch's "who", else your stage and institution
    "institution",  # your institution
    "interests",  # your pitch's interests, else your areas
    "area",  # your first area of interest, short (for subject lines)
    "experience",  # your pitch's first experience
    "event",
    "event_dates",
    "place",  # the event's place, else where you met
    "met_at",  # where you met: the interaction's place, else the event
    "met_on",  # when you met: "yesterday", "on Friday", "on November 12"
    "occasion",  # what you thank them for, by the kind of interaction
    "topic",  # --about, else what you logged
    "learned",  # the same, with its own reminder when missing
    "next_month",
    "by_date",  # today plus the kind's by_days: "Tuesday, December 1"
)
NEEDS: tuple[str, ...] = ("event", "interaction")
CHECK_IDS: tuple[str, ...] = (
    "subject", "length", "ask", "specific", "next_step", "placeholders", "opening",
)  # fmt: skip


class DraftKind(Struct, frozen=True):
    id: str
    title: str
    use: str  # when to send it, in a few words
    subject: str
    body: str
    min_sentences: int
    max_sentences: int
    source: Source
    needs: tuple[str, ...] = ()
    by_days: int = 7
    missing: Mapping[str, str] = field(default_factory=dict)  # this kind's reminders
    event_kinds: tuple[str, ...] = ()  # the kinds of event it is written for (empty: any)


class Rules(Struct, frozen=True):
    """How text is split into sentences and what each check looks for."""

    abbreviations: tuple[str, ...] = ()  # "Dr.", "e.g.": a full stop that ends no sentence
    closings: tuple[str, ...] = ()  # "Best wishes": the line that starts the sign-off
    generic_openings: tuple[str, ...] = ()
    generic_subjects: tuple[str, ...] = ()
    subject_min_words: int = 3
    subject_max_words: int = 12
    ask_phrases: tuple[str, ...] = ()
    next_step_actions: tuple[str, ...] = ()  # "I'll": a commitment…
    next_step_times: tuple[str, ...] = ()  # …with a when, any case: "next week"
    next_step_days: tuple[str, ...] = ()  # …or a day or month, as written: "Friday"
    specific_phrases: tuple[str, ...] = ()  # "you mentioned", "your talk"
    plain_words: tuple[str, ...] = ()  # words too common to make a reference specific
    # What marks a placeholder left in a draft: a regular expression, compiled where it is
    # used (``re`` keeps it), so a command that checks no draft does not compile it.
    placeholder: str = r"\[[^\[\]\n]{1,200}\]"


class Wording(Struct, frozen=True):
    """How people are named and how your answers read inside a sentence."""

    titles: tuple[str, ...] = ()  # "Dr.", "Professor": a name that starts with one keeps it
    suffixes: tuple[str, ...] = ()  # "MD", "PhD": left out of the greeting
    default_title: str = ""
    formal_roles: tuple[str, ...] = ()  # contact roles greeted by title and last name
    institution_question: str = ""
    interests_question: str = ""
    stages: Mapping[str, str] = field(default_factory=dict)  # stage id -> "a … student"
    interests: Mapping[str, str] = field(default_factory=dict)  # choice id -> phrase
    occasions: Mapping[str, str] = field(default_factory=dict)  # interaction kind -> phrase
    missing: Mapping[str, str] = field(default_factory=dict)  # placeholder -> reminder
    log_leads: tuple[str, ...] = ()  # "discussed", "talked about": left out of a logged note


class DraftSettings(Struct, frozen=True):
    source: Source
    kinds: tuple[DraftKind, ...]
    rules: Rules = field(default_factory=Rules)
    wording: Wording = field(default_factory=Wording)

    def kind(self, kind_id: str) -> DraftKind | None:
        return next((k for k in self.kinds if k.id == kind_id), None)


class DraftContext(Struct, frozen=True):
    """Everything a draft is filled from; ``today`` is passed in like everywhere else."""

    contact: Contact
    today: dt.date
    profile: Profile | None = None
    pitch: Pitch | None = None
    pitch_settings: PitchSettings | None = None
    event: PlannedEvent | None = None
    interaction: Interaction | None = None
    topic: str = ""
    reason: str = ""  # why they are a target ("her ECMO talk"): a cue in the topic's reminder


class Draft(Struct, frozen=True):
    subject: str
    body: str

    def text(self) -> str:
        return f"Subject: {self.subject}\n\n{self.body}"


class DraftCheck(Struct, frozen=True):
    id: str
    ok: bool
    message: str
