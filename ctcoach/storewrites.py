"""The typed writes of the store: one method per kind of record.

A mixin of :class:`ctcoach.store.Store`, kept apart so the store module holds only
TinyDB, locking and recovery. Every method runs inside one transaction (one save).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from abc import abstractmethod
from collections.abc import Mapping
from typing import Any

from msgspec.structs import replace

from ctcoach.events import PlannedEvent, Target
from ctcoach.mentors import Mentor
from ctcoach.network import Contact, Interaction
from ctcoach.pitch import Pitch, Practice
from ctcoach.pitfalls import Attempt
from ctcoach.quiz import QuizAttempt
from ctcoach.records import (
    PitchVersion,
    Snapshot,
    encode_mentor,
    encode_pitch,
    encode_pitfall_attempt,
    encode_practice,
    encode_quiz_attempt,
)
from ctcoach.records_people import (
    encode_contact,
    encode_event,
    encode_interaction,
    encode_target,
)


class RecordWrites:
    """Typed writes over the store's primitives: append, put, remove, rows."""

    @abstractmethod
    def transaction(self) -> contextlib.AbstractContextManager[None]: ...

    @abstractmethod
    def snapshot(self) -> Snapshot: ...

    @abstractmethod
    def _append(self, table: str, record: Mapping[str, Any]) -> int: ...

    @abstractmethod
    def _put(self, table: str, doc_id: int, record: Mapping[str, Any]) -> None: ...

    @abstractmethod
    def _remove(self, table: str, doc_id: int) -> None: ...

    @abstractmethod
    def _rows(self, table: str) -> list[tuple[int, dict[str, Any]]]: ...

    def save_profile(self, data: Mapping[str, Any]) -> None:
        self._put("profile", 1, data)

    def set_done(self, item_id: str, done: bool, today: dt.date) -> None:
        with self.transaction():
            ids = [doc_id for doc_id, doc in self._rows("done") if doc.get("item") == item_id]
            if done and not ids:
                self._append("done", {"item": item_id, "on": today.isoformat()})
            elif not done:
                for doc_id in ids:
                    self._remove("done", doc_id)

    def add_pitfall_attempt(self, attempt: Attempt) -> None:
        self._append("pitfall_attempts", encode_pitfall_attempt(attempt))

    def save_mentor(self, mentor: Mentor) -> int:
        """Add a mentor (id 0) or replace one; returns its id."""
        if mentor.id == 0:
            return self._append("mentors", encode_mentor(mentor))
        self._put("mentors", mentor.id, encode_mentor(mentor))
        return mentor.id

    def delete_mentor(self, mentor_id: int) -> None:
        self._remove("mentors", mentor_id)

    def add_pitch_version(self, saved: dt.date, pitch: Pitch) -> int:
        return self._append("pitches", encode_pitch(saved, pitch))

    def rename_pitch_version(self, version: PitchVersion, name: str) -> None:
        self._put("pitches", version.id, encode_pitch(version.saved, version.pitch, name))

    def delete_pitch_version(self, version_id: int) -> None:
        self._remove("pitches", version_id)

    def add_practice(self, practice: Practice) -> None:
        self._append("practices", encode_practice(practice))

    def add_quiz_attempt(self, attempt: QuizAttempt, correct: int, total: int) -> None:
        self._append("quiz_attempts", encode_quiz_attempt(attempt, correct, total))

    # -- the networking log ----------------------------------------------------------

    def save_contact(self, contact: Contact) -> int:
        """Add a contact (id 0) or replace one; returns its id."""
        if contact.id == 0:
            return self._append("contacts", encode_contact(contact))
        self._put("contacts", contact.id, encode_contact(contact))
        return contact.id

    def add_contacts(self, contacts: list[Contact]) -> list[int]:
        """Add many contacts in one save (an import)."""
        with self.transaction():
            return [self._append("contacts", encode_contact(c)) for c in contacts]

    def save_interaction(self, item: Interaction) -> int:
        """Add an interaction (id 0) or replace one; returns its id."""
        if item.id == 0:
            return self._append("interactions", encode_interaction(item))
        self._put("interactions", item.id, encode_interaction(item))
        return item.id

    def delete_contact(self, contact_id: int) -> tuple[Contact, list[Interaction]] | None:
        """Remove a contact and them from every interaction; returns what :meth:`restore` needs."""
        with self.transaction():
            snap = self.snapshot()
            contact = next((c for c in snap.contacts if c.id == contact_id), None)
            if contact is None:
                return None
            touched = [i for i in snap.interactions if contact_id in i.contacts]
            for item in touched:
                others = tuple(c for c in item.contacts if c != contact_id)
                if others:
                    self._put("interactions", item.id, encode_interaction(_with(item, others)))
                else:
                    self._remove("interactions", item.id)
            self._remove("contacts", contact_id)
            return contact, touched

    def restore(self, contact: Contact, interactions: list[Interaction]) -> None:
        """Undo :meth:`delete_contact`: the contact and its interactions as they were."""
        with self.transaction():
            self._put("contacts", contact.id, encode_contact(contact))
            for item in interactions:
                self._put("interactions", item.id, encode_interaction(item))

    # -- events and targets ---------------------------------------------------------

    def save_event(self, event: PlannedEvent) -> int:
        """Add an event (id 0) or replace one; returns its id."""
        if event.id == 0:
            return self._append("events", encode_event(event))
        self._put("events", event.id, encode_event(event))
        return event.id

    def save_target(self, target: Target) -> int:
        """Add a target (id 0) or replace one; returns its id."""
        if target.id == 0:
            return self._append("targets", encode_target(target))
        self._put("targets", target.id, encode_target(target))
        return target.id

    def delete_target(self, target_id: int) -> None:
        self._remove("targets", target_id)

    def delete_event(self, event_id: int) -> None:
        """Remove an event and its targets (the people stay in the log), in one save."""
        with self.transaction():
            for target in self.snapshot().targets:
                if target.event == event_id:
                    self._remove("targets", target.id)
            self._remove("events", event_id)

    def mark_due_done(self, uid: str) -> None:
        with self.transaction():
            if uid not in self.snapshot().due_done:
                self._append("due_done", {"uid": uid})

    def set_setting(self, key: str, value: Any) -> None:
        self.set_settings({key: value})

    def set_settings(self, values: Mapping[str, Any]) -> None:
        """Change several settings in one save (settings are one record)."""
        with self.transaction():
            settings = dict(self.snapshot().settings)
            if all(key in settings and settings[key] == v for key, v in values.items()):
                return
            settings.update(values)
            self._put("settings", 1, settings)


def _with(item: Interaction, contacts: tuple[int, ...]) -> Interaction:
    return replace(item, contacts=contacts)
