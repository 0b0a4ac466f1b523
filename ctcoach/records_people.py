"""Codecs of the networking log and events: contacts, interactions, events, targets."""

from __future__ import annotations

from sys import intern
from typing import Any, cast

from ctcoach.events import TARGET_STATUSES, PlannedEvent, Target
from ctcoach.fields import (
    Bad,
    Doc,
    all_text,
    date,
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
