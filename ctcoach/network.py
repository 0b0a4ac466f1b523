"""The networking log's model: who you know, what happened, and the pack's rules. Pure.

Contacts and interactions are the user's records; roles, interaction kinds, follow-up
rules and milestones come from the content pack (``[log]``), so no specialty fact
lives here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from msgspec import Struct, field

from ctcoach.model import Problem, Source
from ctcoach.profile import clean_name, clean_text

MAX_NAME = 120
MAX_TEXT = 2000
MAX_RECONNECT_DAYS = 3650


# -- content ----------------------------------------------------------------------------


class ContactRole(Struct, frozen=True):
    id: str
    title: str
    keywords: tuple[str, ...] = ()  # words in a job title that suggest this role
    surgical: bool = False  # counts toward "you only know surgeons"


class InteractionKind(Struct, frozen=True):
    id: str
    title: str


class FollowUpRule(Struct, frozen=True):
    """After an interaction of one of ``kinds``, send something within ``days``."""

    id: str
    kinds: tuple[str, ...]
    days: int
    title: str  # "Send a thank-you to {name}"
    how: str
    within: str  # "within 72 hours", for reasons
    source: Source


class Milestone(Struct, frozen=True):
    """A moment to tell your network where you are: reaching ``stage`` from ``month``."""

    id: str
    stage: str
    month: int
    title: str
    how: str
    source: Source


class LogSettings(Struct, frozen=True):
    source: Source
    roles: tuple[ContactRole, ...]
    kinds: tuple[InteractionKind, ...]
    rules: tuple[FollowUpRule, ...]
    milestones: tuple[Milestone, ...] = ()
    reconnect_days: int = 90
    reconnect_title: str = "Reconnect with {name}"
    reconnect_how: str = ""
    promise_how: str = ""
    narrow_share: float = 0.75  # this share of surgeons or more brings narrow_warning
    narrow_warning: str = ""

    def role_title(self, role_id: str) -> str:
        return next((r.title for r in self.roles if r.id == role_id), role_id or "to sort")

    def kind_title(self, kind_id: str) -> str:
        return next((k.title for k in self.kinds if k.id == kind_id), kind_id)

    def rule_for(self, kind_id: str) -> FollowUpRule | None:
        return next((r for r in self.rules if kind_id in r.kinds), None)


# -- the user's records -----------------------------------------------------------------


class Contact(Struct, frozen=True):  # slots: a store holds many thousands
    id: int
    name: str
    added: dt.date
    role: str = ""  # a role id from the pack, or "" while "to sort"
    institution: str = ""
    tier: str = ""  # a network tier id from the pack, or ""
    met: str = ""  # how you met
    tags: tuple[str, ...] = ()
    email: str = ""
    link: str = ""
    notes: str = ""  # private: never exported unless asked
    reconnect_days: int | None = None  # None: the pack's default; 0: never


class Interaction(Struct, frozen=True):
    id: int
    contacts: tuple[int, ...]
    date: dt.date
    kind: str
    what: str = ""
    where: str = ""
    promise: str = ""
    promise_by: dt.date | None = None
    followed_up: dt.date | None = None  # when your follow-up was sent
    promise_kept: dt.date | None = None


class ContactDraft(Struct, frozen=True):
    """What a person typed for a contact, before it is checked."""

    name: str
    role: str = ""
    institution: str = ""
    tier: str = ""
    met: str = ""
    tags: Sequence[str] = field(default_factory=tuple)
    email: str = ""
    link: str = ""
    notes: str = ""
    reconnect_days: int | None = None


def check_contact(
    settings: LogSettings,
    tiers: Sequence[str],
    draft: ContactDraft,
    contact_id: int,
    added: dt.date,
) -> tuple[Contact | None, list[Problem]]:
    """Clean and check a contact; the contact, or ``None`` and one problem per field."""
    problems: list[Problem] = []
    name, problem = clean_name(draft.name, MAX_NAME)
    problems += [problem] if problem else []
    roles = [r.id for r in settings.roles]
    if draft.role and draft.role not in roles:
        problems.append(Problem("role", f"{draft.role!r} is not one of {', '.join(roles)}"))
    if draft.tier and draft.tier not in tiers:
        problems.append(Problem("tier", f"{draft.tier!r} is not one of {', '.join(tiers)}"))
    email = clean_text(draft.email)
    if email and ("@" not in email or " " in email):
        problems.append(Problem("email", f"{email!r} does not look like an email address"))
    days = draft.reconnect_days
    if days is not None and not 0 <= days <= MAX_RECONNECT_DAYS:
        problems.append(Problem("reconnect", f"must be 0 (never) to {MAX_RECONNECT_DAYS} days"))
    if problems:
        return None, problems
    contact = Contact(
        id=contact_id,
        name=name,
        added=added,
        role=draft.role,
        institution=clean_text(draft.institution)[:MAX_NAME],
        tier=draft.tier,
        met=clean_text(draft.met)[:MAX_TEXT],
        tags=tuple(dict.fromkeys(t for t in (clean_text(x) for x in draft.tags) if t)),
        email=email,
        link=clean_text(draft.link)[:MAX_TEXT],
        notes=clean_text(draft.notes, single_line=False)[:MAX_TEXT],
        reconnect_days=days,
    )
    return contact, []


def parse_reconnect(text: str) -> int | None:
    """``90`` days, ``none`` (never) or empty (the default); ``ValueError`` otherwise."""
    value = text.strip().lower()
    if not value or value == "default":
        return None
    if value in ("none", "never", "0"):
        return 0
    if not value.isdigit() or not 0 < int(value) <= MAX_RECONNECT_DAYS:
        raise ValueError(f"reconnect: {text!r} is not a number of days (1–3650) or 'none'")
    return int(value)


def guess_role(settings: LogSettings, position: str) -> str:
    """A role id when a job title clearly says it, else "" (to sort)."""
    words = position.lower()
    for role in settings.roles:
        if any(re.search(rf"\b{re.escape(k.lower())}\b", words) for k in role.keywords):
            return role.id
    return ""


# -- finding people ------------------------------------------------------------------------

CLOSE_MATCH = 60  # rapidfuzz score (0-100) for "did you mean"
SAME_PERSON = 90  # score above which two names are taken for one person


class Lookup(Struct, frozen=True):
    """The contact a name or id means, or why it means none (with the closest names)."""

    contact: Contact | None
    problem: str = ""
    closest: tuple[Contact, ...] = ()


def describe(contact: Contact) -> str:
    where = f", {contact.institution}" if contact.institution else ""
    return f"{contact.name} (#{contact.id}{where})"


def find_contact(contacts: Sequence[Contact], query: str) -> Lookup:
    """A contact by id (``12`` or ``#12``), by name (any case), or by words found in one
    name only; otherwise no contact, with the closest names."""
    from rapidfuzz import fuzz, process, utils

    text = clean_text(query)
    number = text.removeprefix("#")
    if number.isdigit():
        found = next((c for c in contacts if c.id == int(number)), None)
        return Lookup(found, "" if found else f"no contact has the id {number}")
    exact = [c for c in contacts if c.name.casefold() == text.casefold()]
    if len(exact) == 1:
        return Lookup(exact[0])
    if exact:
        return Lookup(None, f"{len(exact)} contacts are called {text!r}; use an id", tuple(exact))
    words = set(utils.default_process(text).split())
    within = [c for c in contacts if words and words <= set(utils.default_process(c.name).split())]
    if len(within) == 1:  # every word typed is in one name: "maya chen" for "Dr. Maya Chen"
        return Lookup(within[0])
    choices = {c.id: c.name for c in contacts}
    scored = process.extract(text, choices, scorer=fuzz.WRatio, limit=3, score_cutoff=CLOSE_MATCH)
    by_id = {c.id: c for c in contacts}
    closest = tuple(by_id[key] for _, _, key in scored)
    return Lookup(None, f"no contact is called {text!r}", closest)


def same_person(name: str, other: str) -> float:
    """How alike two names are, 0-100, ignoring case, order and punctuation."""
    from rapidfuzz import fuzz, utils

    return float(fuzz.token_sort_ratio(name, other, processor=utils.default_process))


def alike_names(names: Sequence[str], name: str) -> list[int]:
    """Indexes of ``names`` that are taken for the same person as ``name``, best first."""
    from rapidfuzz import fuzz, process, utils

    found = process.extract(
        name,
        names,
        scorer=fuzz.token_sort_ratio,
        processor=utils.default_process,
        score_cutoff=SAME_PERSON,
        limit=None,
    )
    return [index for _, _, index in found]


def filter_contacts(contacts: Sequence[Contact], text: str) -> list[Contact]:
    """Contacts whose name, institution, role or tags look like ``text`` (fuzzy), best first."""
    query = text.strip()
    if not query:
        return list(contacts)
    from rapidfuzz import fuzz, process, utils  # only a filter needs it (about 10 ms)

    haystack = {
        i: " ".join((c.name, c.institution, c.role, *c.tags)) for i, c in enumerate(contacts)
    }
    found = process.extract(
        query,
        haystack,
        scorer=fuzz.partial_ratio,
        processor=utils.default_process,
        score_cutoff=65,
        limit=None,
    )
    return [contacts[index] for _, _, index in found]
