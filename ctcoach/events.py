"""Events (meetings, away rotations, interviews) and the people you aim to meet there. Pure.

The kinds of event, their target ranges and their goals come from the content pack
(``[events]``); the user's events and targets are records in the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from msgspec import Struct, field
from msgspec.structs import replace

from ctcoach.dates import DateError, check_range
from ctcoach.followup import Due
from ctcoach.model import Event, Problem, Source
from ctcoach.profile import clean_name, clean_text

TARGET_STATUSES: tuple[str, ...] = ("research", "drafted", "sent", "met", "followed_up")
STATUS_TITLES = {
    "research": "to research",
    "drafted": "email drafted",
    "sent": "sent",
    "met": "met",
    "followed_up": "followed up",
}
MAX_NAME = 120


class Goal(Struct, frozen=True):
    id: str
    title: str


class Wording(Struct, frozen=True):
    """The plan's words for a step: a title with ``{name}`` and ``{event}``, and how."""

    title: str
    how: str


class EventKind(Struct, frozen=True):
    id: str
    title: str
    target_min: int  # the guide's range, shown as a gentle check
    target_max: int
    target_hint: str  # what a target is here: "people you would like to meet"
    goals: tuple[Goal, ...]
    source: Source
    advocates: bool = False  # ask afterwards who could speak for you
    log_kind: str = ""  # the interaction kind logged when you meet a target here
    draft_before: str = ""  # the email kind for a target not met yet ("": none)
    draft_after: str = ""  # ... and once you have met them
    steps: Mapping[str, Wording] = field(default_factory=dict)  # this kind's own words
    max_days: int = 366  # longer than this is surely a typo in the dates


class EventSettings(Struct, frozen=True):
    kinds: tuple[EventKind, ...]
    source: Source
    research: Wording = Wording("Read up on {name} before {event}", "")
    email: Wording = Wording("Send your email to {name}", "")
    advocate: Wording = Wording("Ask {name} to put in a word for you", "")
    advocate_stages: tuple[str, ...] = ()  # the stages of application season
    advocate_months: tuple[int, ...] = ()  # ... and its months (empty: the whole year)
    profile_kind: str = "conference"  # the kind of the onboarding's "next meeting" answer

    def kind(self, kind_id: str) -> EventKind | None:
        return next((k for k in self.kinds if k.id == kind_id), None)


class PlannedEvent(Struct, frozen=True):
    id: int
    kind: str
    name: str
    start: dt.date
    end: dt.date
    place: str = ""
    notes: str = ""
    goals_done: tuple[str, ...] = ()
    advocates: tuple[int, ...] = ()  # contacts who could speak for you afterwards

    def as_event(self) -> Event:
        return Event(self.name, self.start, self.end)

    def days_text(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()} to {self.end.isoformat()}"


class Target(Struct, frozen=True):
    id: int
    event: int
    contact: int
    reason: str = ""
    status: str = "research"
    subject: str = ""
    body: str = ""
    draft_kind: str = ""


def check_event(
    settings: EventSettings,
    event_id: int,
    kind: str,
    name: str,
    start: dt.date,
    end: dt.date | None,
    place: str = "",
    notes: str = "",
) -> tuple[PlannedEvent | None, list[Problem]]:
    problems: list[Problem] = []
    clean, problem = clean_name(name, MAX_NAME)
    problems += [problem] if problem else []
    kinds = [k.id for k in settings.kinds]
    found = settings.kind(kind)
    if kind not in kinds:
        problems.append(Problem("kind", f"{kind!r} is not one of {', '.join(kinds)}"))
    last = end or start
    for name, day in (("start", start), ("end", last)):
        try:
            check_range(day)
        except DateError as exc:
            problems.append(Problem(name, str(exc)))
    if last < start:
        problems.append(Problem("end", f"{last.isoformat()} is before the start"))
    elif found is not None and (last - start).days + 1 > found.max_days:
        days = (last - start).days + 1
        problems.append(Problem("end", f"a {found.title.lower()} of {days} days? check the dates "
                                       f"(at most {found.max_days})"))  # fmt: skip
    if problems:
        return None, problems
    event = PlannedEvent(
        event_id, kind, clean, start, last, clean_text(place)[:MAX_NAME], notes.strip()[:2000]
    )
    return event, []


def find_event(events: Sequence[PlannedEvent], query: str) -> PlannedEvent | None:
    """An event by id (``3`` or ``#3``) or by name (any case, or the only one containing it)."""
    text = query.strip().removeprefix("#")
    if text.isdigit():
        return next((e for e in events if e.id == int(text)), None)
    exact = [e for e in events if e.name.casefold() == text.casefold()]
    if len(exact) == 1:
        return exact[0]
    part = [e for e in events if text.casefold() in e.name.casefold()]
    return part[0] if len(part) == 1 else None


def upcoming(events: Sequence[PlannedEvent], today: dt.date) -> list[PlannedEvent]:
    """Events not yet over, soonest first."""
    return sorted((e for e in events if e.end >= today), key=lambda e: (e.start, e.id))


def reached(status: str, step: str) -> bool:
    """Whether a target at ``status`` is at ``step`` or past it (met → also emailed)."""
    if status not in TARGET_STATUSES:
        return False
    return TARGET_STATUSES.index(status) >= TARGET_STATUSES.index(step)


def next_step(status: str) -> str | None:
    """The status after ``status`` (research → drafted → sent → met → followed up)."""
    index = TARGET_STATUSES.index(status) if status in TARGET_STATUSES else -1
    return TARGET_STATUSES[index + 1] if index + 1 < len(TARGET_STATUSES) else None


def target_check(kind: EventKind, targets: Sequence[Target]) -> str:
    """The gentle range check: an empty string when the count is inside the guide's range."""
    count = len(targets)
    span = f"{kind.target_min}–{kind.target_max}"
    if count < kind.target_min:
        return f"{count} chosen; the guide suggests {span} {kind.target_hint}"
    if count > kind.target_max:
        return f"{count} chosen; more than {kind.target_max} is hard to follow up well"
    return ""


def met_note(place: str) -> str:
    """What the log says when you mark a target met without saying more."""
    return f"Met at {place}"


class NotYet(ValueError):
    """A target marked met before its event began (one readable line)."""


PRACTICE_DAYS = 14  # a pitch practiced this recently counts as ready


class Readiness(Struct, frozen=True):
    """One thing to have done before an event, and where it stands."""

    label: str
    done: bool
    detail: str


def readiness(
    kind: EventKind, targets: Sequence[Target], last_practice: dt.date | None, today: dt.date
) -> tuple[Readiness, ...]:
    """How ready you are for an event: targets chosen (the guide's range), emails sent
    to them, and your pitch practiced aloud lately."""
    count = len(targets)
    sent = sum(1 for t in targets if reached(t.status, "sent"))
    practiced = last_practice is not None and (today - last_practice).days <= PRACTICE_DAYS
    when = f"practiced {last_practice.isoformat()}" if last_practice else "not practiced"
    return (
        Readiness(
            "targets",
            count >= max(kind.target_min, 1),
            f"{count} of {kind.target_min}–{kind.target_max}",
        ),
        Readiness("emails", count > 0 and sent == count, f"{sent} of {count} sent"),
        Readiness("pitch", practiced, when),
    )


class EventSummary(Struct, frozen=True):
    """An upcoming event as the export shows it: targets with their status, the range check."""

    event: PlannedEvent
    kind_title: str
    targets: tuple[tuple[str, str, str], ...]  # (name, why them, status)
    check: str
    goals: tuple[tuple[str, bool], ...]  # (goal, done)
    ready: tuple[Readiness, ...] = ()


def summaries(
    settings: EventSettings,
    events: Sequence[PlannedEvent],
    targets: Sequence[Target],
    names: Mapping[int, str],
    today: dt.date,
    last_practice: dt.date | None = None,
    recent_days: int = 0,
) -> list[EventSummary]:
    """Upcoming events, and those that ended within ``recent_days`` (their follow-ups are
    still fresh), soonest first."""
    out = []
    for event in upcoming(events, today - dt.timedelta(days=recent_days)):
        kind = settings.kind(event.kind)
        mine = [t for t in targets if t.event == event.id]
        out.append(
            EventSummary(
                event,
                kind.title if kind else event.kind,
                tuple(
                    (names.get(t.contact, f"#{t.contact}"), t.reason, STATUS_TITLES[t.status])
                    for t in mine
                ),
                target_check(kind, mine) if kind else "",
                tuple((g.title, g.id in event.goals_done) for g in kind.goals) if kind else (),
                readiness(kind, mine, last_practice, today) if kind and event.end >= today else (),
            )
        )
    return out


RESEARCH_DAYS = 21  # research a target this long before the event
EMAIL_DAYS = 14  # and have the email sent this long before it


def outreach_steps(
    settings: EventSettings,
    events: Sequence[PlannedEvent],
    targets: Sequence[Target],
    names: Mapping[int, str],
    today: dt.date,
) -> list[Due]:
    """Each upcoming event's targets' next step, dated before the event (never in the past:
    a late start is due today)."""
    out: list[Due] = []
    for event in upcoming(events, today):
        kind = settings.kind(event.kind)
        if kind is None or event.start <= today:
            continue
        for target in (t for t in targets if t.event == event.id):
            name = names.get(target.contact, f"#{target.contact}")
            step = _next_step(target, name, event, settings)
            if step is None:
                continue
            title, days, how = step
            planned = event.start - dt.timedelta(days=days)
            why = f"“{name}” is a target for {event.name} ({event.days_text()})"
            reason = f"{why}: {target.reason}" if target.reason else why
            out.append(
                Due(
                    uid=f"target-{target.id}-{target.status}",
                    kind="outreach",
                    date=max(planned, today),
                    title=title,
                    reason=reason,
                    how=how,
                    source=kind.source,
                    contacts=(target.contact,),
                )
            )
    return out


def _next_step(
    target: Target, name: str, event: PlannedEvent, settings: EventSettings
) -> tuple[str, int, str] | None:
    steps = {"research": ("research", RESEARCH_DAYS), "drafted": ("email", EMAIL_DAYS)}
    if target.status not in steps:
        return None
    step, days = steps[target.status]
    kind = settings.kind(event.kind)
    default = settings.research if step == "research" else settings.email
    words = kind.steps.get(step, default) if kind is not None else default
    return words.title.format(name=name, event=event.name), days, words.how


def advocate_steps(
    settings: EventSettings,
    events: Sequence[PlannedEvent],
    names: Mapping[int, str],
    today: dt.date,
    stage: str | None,
) -> list[Due]:
    """In application season, ask each advocate from a past rotation to speak for you."""
    if stage not in settings.advocate_stages:
        return []
    if settings.advocate_months and today.month not in settings.advocate_months:
        return []  # after the Match, or before applications open
    out = []
    for event in (e for e in events if e.end < today and e.advocates):
        kind = settings.kind(event.kind)
        for contact in event.advocates:
            name = names.get(contact, f"#{contact}")
            out.append(
                Due(
                    uid=f"advocate-{event.id}-{contact}",
                    kind="advocate",
                    date=today,
                    title=settings.advocate.title.format(name=name, event=event.name),
                    reason=f"{name} saw your work at {event.name}, and this is application season",
                    how=settings.advocate.how,
                    source=kind.source if kind else settings.source,
                    contacts=(contact,),
                )
            )
    return out


def after_rotations(
    settings: EventSettings,
    due: Sequence[Due],
    events: Sequence[PlannedEvent],
    targets: Sequence[Target],
    dates: Mapping[int, dt.date],
    today: dt.date,
) -> list[Due]:
    """Follow-ups with people met during a rotation are due after its end (and only late
    once that day has passed): you see them every day, and the thank-you after it is the
    note that counts. ``dates`` maps each interaction id to its day."""
    rotations = [e for e in events if (kind := settings.kind(e.kind)) and kind.advocates]
    order = {e.id: n for n, e in enumerate(rotations)}
    # Each person's rotations (as a target), in the order of the events: one look-up per
    # person of a follow-up, however many events and targets there are.
    theirs: dict[int, list[PlannedEvent]] = {}
    for t in targets:
        if t.event in order:
            theirs.setdefault(t.contact, []).append(rotations[order[t.event]])
    out = []
    for item in due:
        day = dates.get(item.interaction) if item.interaction is not None else None
        during = (
            [
                e
                for contact in item.contacts
                for e in theirs.get(contact, ())
                if e.start <= day <= e.end
            ]
            if day is not None
            else []
        )
        event = min(during, key=lambda e: order[e.id]) if during else None
        if item.kind != "follow_up" or event is None:
            out.append(item)
            continue
        # The log's own rule (content) gives the delay; it now counts from the last day.
        when = event.end + (item.date - day) if day is not None else item.date
        reason = f"met during {event.name}: thank them once it ends, by {when.isoformat()}"
        out.append(replace(item, date=max(item.date, when), reason=reason))
    return out
