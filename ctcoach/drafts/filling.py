"""Filling a kind's templates from the profile, the pitch, the contact, the event and the
logged interaction. Pure. A value that is not known stays visible as a reminder such as
``[one thing you learned]``, which the placeholder check then asks to fill in."""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping, Sequence

from ctcoach.drafts.model import Draft, DraftContext, DraftKind, DraftSettings, Wording
from ctcoach.model import Profile
from ctcoach.pitch import fragment, join_and
from ctcoach.profile import clean_text

# English names whatever the locale, so the same inputs always give the same draft.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# A first word that reads in lower case inside a sentence ("about the valve clinic").
_SMALL_STARTS = frozenset((
    "a", "an", "the", "my", "our", "your", "their", "his", "her", "its", "this", "that",
    "these", "those", "how", "what", "why", "when", "where", "which", "who", "whether",
    "one", "some",
))  # fmt: skip


def fill(settings: DraftSettings, kind: DraftKind, context: DraftContext) -> Draft:
    """The kind's subject and body with every placeholder filled or left as a reminder."""
    values = draft_values(settings, kind, context)
    reminders = {**settings.wording.missing, **kind.missing}
    if context.reason and "topic" in reminders:  # why you chose them: a cue, in your words
        reminders["topic"] = f"{reminders['topic']}; you noted: {phrase(context.reason)}"
    return Draft(
        " ".join(_render(kind.subject, values, reminders).split()),
        _render(kind.body, values, reminders).strip(),
    )


def missing_needs(kind: DraftKind, context: DraftContext) -> list[str]:
    """What the kind needs that the context lacks: "event", "interaction"."""
    have = {"event": context.event is not None, "interaction": context.interaction is not None}
    return [need for need in kind.needs if not have.get(need, True)]


def _render(template: str, values: Mapping[str, str], reminders: Mapping[str, str]) -> str:
    out = []
    for literal, name, _, _ in string.Formatter().parse(template):
        out.append(literal)
        if name is not None:
            out.append(values.get(name) or f"[{reminders.get(name, name.replace('_', ' '))}]")
    return "".join(out)


def draft_values(settings: DraftSettings, kind: DraftKind, context: DraftContext) -> dict[str, str]:
    """Every placeholder's value; an empty string where the context does not say."""
    wording = settings.wording
    contact, event, met = context.contact, context.event, context.interaction
    first, last, _ = name_parts(contact.name, wording)
    talked = phrase(without_lead(met.what, wording.log_leads) if met else "")
    # A note from the log speaks of a past talk: it is what you learned, and the topic
    # only of a kind written after a talk (not of a first email or a request to meet).
    about = phrase(context.topic) or (talked if "interaction" in kind.needs else "")
    learned = phrase(context.topic) or talked
    values = {
        "greeting_name": greeting_name(contact.name, contact.role, wording),
        "first_name": first,
        "last_name": last,
        "contact_name": contact.name,
        "their_institution": contact.institution,
        "event": event.name if event else "",
        "event_dates": date_span(event.start, event.end, context.today) if event else "",
        "place": (event.place if event else "") or (met.where if met else ""),
        "met_at": (met.where if met else "") or (event.name if event else ""),
        "met_on": day_phrase(met.date, context.today) if met else "",
        "occasion": wording.occasions.get(met.kind, "") if met else "",
        "topic": about,
        "learned": learned,
        "next_month": _next_month(context.today),
        "by_date": _long_date(context.today + dt.timedelta(days=kind.by_days)),
    }
    values.update(_about_you(wording, context))
    return values


def _about_you(wording: Wording, context: DraftContext) -> dict[str, str]:
    profile, pitch, parts = context.profile, context.pitch, context.pitch_settings
    institution = str(profile.get(wording.institution_question) or "") if profile else ""
    areas = [wording.interests[c] for c in _choices(profile, wording) if c in wording.interests]
    stage = wording.stages.get(profile.stage, "") if profile else ""
    role = f"{stage} at {institution}" if stage and institution else stage

    def part(part_id: str, text: str) -> str:
        if parts is None or not text:
            return phrase(text)
        return phrase(fragment(parts.part(part_id), text))

    name = profile.name if profile else ""
    return {
        "my_name": name,
        "institution": clean_text(institution),
        "my_role": _without_name(part("who", pitch.who) if pitch else "", name) or role,
        "interests": (part("interests", pitch.interests) if pitch else "") or join_and(areas),
        "area": areas[0] if areas else (part("interests", pitch.interests) if pitch else ""),
        "experience": part("experiences", pitch.experiences[0])
        if pitch and pitch.experiences
        else "",
    }


def _without_name(text: str, name: str) -> str:
    """The pitch's "who you are" without the user's own name at its start (the drafts
    say the name themselves: "I'm Jordan Lee, a fourth-year student…")."""
    if name and text.casefold().startswith(name.casefold()):
        return text[len(name) :].lstrip(" ,;:—–-")
    return text


def _choices(profile: Profile | None, wording: Wording) -> list[str]:
    value = profile.get(wording.interests_question) if profile else None
    return [str(v) for v in value] if isinstance(value, list | tuple) else []


def without_lead(text: str, leads: Sequence[str]) -> str:
    """A logged note without the words it starts with ("discussed his aortic root cases"
    -> "his aortic root cases"), so it reads inside "I especially valued …"."""
    clean = clean_text(text)
    for lead in sorted(leads, key=len, reverse=True):
        if clean.casefold().startswith(lead.casefold() + " "):
            return clean[len(lead) + 1 :].lstrip(" :,")
    return clean


def phrase(text: str) -> str:
    """User text made to sit inside a sentence: one line, no end punctuation, and a first
    word such as "The" or "My" in lower case."""
    clean = clean_text(text).rstrip(" .!?…,;:")
    head, _, rest = clean.partition(" ")
    capitalized = head[:1].isupper() and (len(head) == 1 or head[1:].islower())
    if capitalized and head.casefold() in _SMALL_STARTS:
        return f"{head.lower()} {rest}".rstrip()
    return clean


def name_parts(name: str, wording: Wording) -> tuple[str, str, str]:
    """First name, last name and title of a saved name such as "Dr. Maya Chen, MD"."""
    tokens = clean_text(name).split(",")[0].split()
    titles = {t.casefold(): t for t in wording.titles}
    title = ""
    while tokens and tokens[0].casefold() in titles:
        title = title or tokens[0]
        tokens = tokens[1:]
    suffixes = {s.casefold() for s in wording.suffixes}
    while len(tokens) > 1 and tokens[-1].casefold() in suffixes:
        tokens = tokens[:-1]
    if not tokens:
        return "", "", title
    return tokens[0], tokens[-1] if len(tokens) > 1 else "", title


def greeting_name(name: str, role: str, wording: Wording) -> str:
    """ "Dr. Chen" for a titled name or a formal role, the first name for a known role that
    is not formal, and the whole name when the role is not sorted yet."""
    first, last, title = name_parts(name, wording)
    surname = last or first
    if title:
        return f"{title} {surname}".strip()
    if role in wording.formal_roles:
        return f"{wording.default_title} {surname}".strip()
    if role:
        return first
    return " ".join(p for p in (first, last) if p)


def day_phrase(day: dt.date, today: dt.date) -> str:
    """ "today", "yesterday", "on Friday" within the week, else "on November 12"."""
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 1 < days < 7:
        return f"on {WEEKDAYS[day.weekday()]}"
    year = f", {day.year}" if day.year != today.year else ""
    return f"on {_month_day(day)}{year}"


def date_span(start: dt.date, end: dt.date, today: dt.date) -> str:
    """ "January 28–31", "January 30 – February 2", with the year when it is not this one."""
    year = f", {end.year}" if end.year != today.year else ""
    if start == end:
        return f"{_month_day(start)}{year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{_month_day(start)}–{end.day}{year}"
    start_year = f", {start.year}" if start.year != end.year else ""
    return f"{_month_day(start)}{start_year} – {_month_day(end)}{year}"


def _month_day(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}"


def _next_month(today: dt.date) -> str:
    return MONTHS[today.month % 12]


def _long_date(day: dt.date) -> str:
    return f"{WEEKDAYS[day.weekday()]}, {_month_day(day)}"
