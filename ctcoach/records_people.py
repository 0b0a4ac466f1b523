"""Codecs of the networking log and events: contacts, interactions, events, targets."""

from __future__ import annotations

from typing import Any

from ctcoach.events import TARGET_STATUSES, PlannedEvent, Target
from ctcoach.fields import (
    Bad,
    Doc,
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
    return Contact(
        id=doc_id,
        name=text(doc, "name"),
        added=date(doc, "added"),
        role=text(doc, "role", ""),
        institution=text(doc, "institution", ""),
        tier=text(doc, "tier", ""),
        met=text(doc, "met", ""),
        tags=texts(doc, "tags"),
        email=text(doc, "email", ""),
        link=text(doc, "link", ""),
        notes=text(doc, "notes", ""),
        reconnect_days=optional_whole(doc, "reconnect_days"),
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
    people = doc.get("contacts")
    if (
        not isinstance(people, list)
        or not people
        or not all(isinstance(c, int) and not isinstance(c, bool) for c in people)
    ):
        raise Bad("contacts must be a list of contact ids")
    return Interaction(
        id=doc_id,
        contacts=tuple(people),
        date=date(doc, "date"),
        kind=text(doc, "kind"),
        what=text(doc, "what", ""),
        where=text(doc, "where", ""),
        promise=text(doc, "promise", ""),
        promise_by=optional_date(doc, "promise_by"),
        followed_up=optional_date(doc, "followed_up"),
        promise_kept=optional_date(doc, "promise_kept"),
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
