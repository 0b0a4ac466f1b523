"""Codecs of the networking log and events: contacts, interactions, events, targets."""

from __future__ import annotations

import datetime as dt
from sys import intern
from typing import Annotated, Any, cast

from msgspec import Meta, Struct

from ctcoach.events import TARGET_STATUSES, PlannedEvent, Target
from ctcoach.fields import (
    DAYS,
    Bad,
    Doc,
    all_text,
    date,
    day_of,
    ints,
    iso,
    optional_date,
    optional_whole,
    text,
    texts,
    whole,
)
from ctcoach.network import Contact, Interaction


def decode_contact(doc_id: int, doc: Doc) -> Contact:
    added = date(doc, "added")
    get = doc.get
    name, role, institution, tier = (
        get("name"),
        get("role", ""),
        get("institution", ""),
        get("tier", ""),
    )
    met, email, link, notes = get("met", ""), get("email", ""), get("link", ""), get("notes", "")
    if all_text(name, role, institution, tier, met, email, link, notes):
        # Texts many records repeat, shared (sys.intern keeps one copy of each): memory.
        role, institution, tier, met = intern(role), intern(institution), intern(tier), intern(met)
    else:
        name, role, institution, tier = (
            text(doc, "name"),
            text(doc, "role", ""),
            text(doc, "institution", ""),
            text(doc, "tier", ""),
        )
        met, email, link, notes = (
            text(doc, "met", ""),
            text(doc, "email", ""),
            text(doc, "link", ""),
            text(doc, "notes", ""),
        )
    # Positional, in field order: noticeably faster than keywords for thousands of records.
    return Contact(
        doc_id,
        cast(str, name),  # text: all_text said so
        added,
        role,
        institution,
        tier,
        met,
        texts(doc, "tags"),
        email,
        link,
        notes,
        optional_whole(doc, "reconnect_days"),
    )


# -- the fast path: records as msgspec reads them ------------------------------------
# The two tables a store holds by the thousand, read by msgspec straight from the file's
# bytes into these shapes (types checked in C), then into the model: what the decoders
# above give for a good record. Anything they would refuse fails here too (or raises),
# and the store then reads the file the careful way, which names the damage.


class ContactDoc(Struct, gc=False):
    name: str
    added: str
    role: str = ""
    institution: str = ""
    tier: str = ""
    met: str = ""
    tags: tuple[str, ...] = ()
    email: str = ""
    link: str = ""
    notes: str = ""
    reconnect_days: int | None = None


class InteractionDoc(Struct, gc=False):
    contacts: Annotated[tuple[int, ...], Meta(min_length=1)]
    date: str
    kind: str
    what: str = ""
    where: str = ""
    promise: str = ""
    promise_by: str | None = None
    followed_up: str | None = None
    promise_kept: str | None = None


def contact_from(doc_id: int, doc: ContactDoc) -> Contact:
    return Contact(  # positional, in field order, as in decode_contact; texts shared there too
        doc_id,
        doc.name,
        DAYS.get(doc.added) or day_of("added", doc.added),
        intern(doc.role),
        intern(doc.institution),
        intern(doc.tier),
        intern(doc.met),
        doc.tags,
        doc.email,
        doc.link,
        doc.notes,
        doc.reconnect_days,
    )


def interaction_from(doc_id: int, doc: InteractionDoc) -> Interaction:
    return Interaction(
        doc_id,
        doc.contacts,
        DAYS.get(doc.date) or day_of("date", doc.date),
        intern(doc.kind),
        doc.what,
        intern(doc.where),
        doc.promise,
        _day("promise_by", doc.promise_by),
        _day("followed_up", doc.followed_up),
        _day("promise_kept", doc.promise_kept),
    )


def _day(key: str, value: str | None) -> dt.date | None:
    return None if value is None else DAYS.get(value) or day_of(key, value)


def encode_contact(contact: Contact) -> dict[str, Any]:
    return {
        "name": contact.name,
        "added": contact.added.isoformat(),
        "role": contact.role,
        "institution": contact.institution,
        "tier": contact.tier,
        "met": contact.met,
        "tags": list(contact.tags),
        "email": contact.email,
        "link": contact.link,
        "notes": contact.notes,
        "reconnect_days": contact.reconnect_days,
    }


def decode_interaction(doc_id: int, doc: Doc) -> Interaction:
    get = doc.get
    people = get("contacts")
    if not isinstance(people, list) or not people:
        raise Bad("contacts must be a list of contact ids")
    for person in people:  # a loop, not all(...): this runs for every interaction
        if person.__class__ is not int:  # an int, not a bool (nor any other subclass)
            raise Bad("contacts must be a list of contact ids")
    day = date(doc, "date")
    kind, what, where, promise = get("kind"), get("what", ""), get("where", ""), get("promise", "")
    if all_text(kind, what, where, promise):
        kind, where = intern(cast(str, kind)), intern(where)  # shared, as for contacts
    else:
        kind, what = text(doc, "kind"), text(doc, "what", "")
        where, promise = text(doc, "where", ""), text(doc, "promise", "")
    return Interaction(  # positional, in field order, as in decode_contact
        doc_id,
        tuple(people),
        day,
        kind,
        what,
        where,
        promise,
        None if get("promise_by") is None else optional_date(doc, "promise_by"),  # mostly None
        None if get("followed_up") is None else optional_date(doc, "followed_up"),
        None if get("promise_kept") is None else optional_date(doc, "promise_kept"),
    )


def encode_interaction(item: Interaction) -> dict[str, Any]:
    return {
        "contacts": list(item.contacts),
        "date": item.date.isoformat(),
        "kind": item.kind,
        "what": item.what,
        "where": item.where,
        "promise": item.promise,
        "promise_by": iso(item.promise_by),
        "followed_up": iso(item.followed_up),
        "promise_kept": iso(item.promise_kept),
    }


def decode_due_done(_: int, doc: Doc) -> str:
    return text(doc, "uid")


def decode_event(doc_id: int, doc: Doc) -> PlannedEvent:
    start = date(doc, "start")
    end = date(doc, "end")
    if end < start:
        raise Bad("end is before start")
    return PlannedEvent(
        id=doc_id,
        kind=text(doc, "kind"),
        name=text(doc, "name"),
        start=start,
        end=end,
        place=text(doc, "place", ""),
        notes=text(doc, "notes", ""),
        goals_done=texts(doc, "goals_done"),
        advocates=ints(doc, "advocates"),
    )


def encode_event(event: PlannedEvent) -> dict[str, Any]:
    return {
        "kind": event.kind,
        "name": event.name,
        "start": event.start.isoformat(),
        "end": event.end.isoformat(),
        "place": event.place,
        "notes": event.notes,
        "goals_done": list(event.goals_done),
        "advocates": list(event.advocates),
    }


def decode_target(doc_id: int, doc: Doc) -> Target:
    status = text(doc, "status", "research")
    if status not in TARGET_STATUSES:
        raise Bad(f"status {status!r} is not one of {', '.join(TARGET_STATUSES)}")
    return Target(
        id=doc_id,
        event=whole(doc, "event"),
        contact=whole(doc, "contact"),
        reason=text(doc, "reason", ""),
        status=status,
        subject=text(doc, "subject", ""),
        body=text(doc, "body", ""),
        draft_kind=text(doc, "draft_kind", ""),
    )


def encode_target(target: Target) -> dict[str, Any]:
    return {
        "event": target.event,
        "contact": target.contact,
        "reason": target.reason,
        "status": target.status,
        "subject": target.subject,
        "body": target.body,
        "draft_kind": target.draft_kind,
    }
