"""Events for the front ends: add and find them, choose targets, move them along,
tick an away rotation's goals and record who could speak for you afterwards.

Composes the pack's event kinds, the store, the clock and the networking log (meeting
a target logs an interaction, so its follow-up becomes due by the log's rules).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from msgspec.structs import replace

from ctcoach.events import (
    EventSettings,
    NotYet,
    PlannedEvent,
    Target,
    check_event,
    find_event,
    met_note,
    next_step,
    reached,
    upcoming,
)
from ctcoach.logbook import Entry, LogBook
from ctcoach.model import Pack, Problem, a_or_an
from ctcoach.records import Snapshot
from ctcoach.store import Store

YEARS_AROUND = 10  # events are planned or remembered within this many years of today


class NoEvents(Exception):
    """The content pack in use has no event kinds (one readable line)."""


class EventBook:
    def __init__(
        self, pack: Pack, store: Store, today: Callable[[], dt.date], log: LogBook
    ) -> None:
        self.pack = pack
        self.store = store
        self.today = today
        self.log = log

    @property
    def settings(self) -> EventSettings:
        if self.pack.events is None:
            raise NoEvents("this content pack has no events")
        return self.pack.events

    def events(self, snap: Snapshot | None = None) -> tuple[PlannedEvent, ...]:
        return (snap or self.store.snapshot()).events

    def upcoming(self, snap: Snapshot | None = None) -> list[PlannedEvent]:
        return upcoming(self.events(snap), self.today())

    def find(self, query: str) -> PlannedEvent | None:
        return find_event(self.events(), query)

    def save_event(
        self,
        kind: str,
        name: str,
        start: dt.date,
        end: dt.date | None = None,
        place: str = "",
        notes: str = "",
        event_id: int = 0,
    ) -> tuple[PlannedEvent | None, list[Problem]]:
        event, problems = check_event(self.settings, event_id, kind, name, start, end, place, notes)
        if abs((start - self.today()).days) > YEARS_AROUND * 366:
            problems.append(Problem("start", f"is more than {YEARS_AROUND} years from today"))
        if event is None or problems:
            return None, problems
        old = next((e for e in self.events() if e.id == event_id), None)
        if old is not None:
            event = replace(event, goals_done=old.goals_done, advocates=old.advocates)
        return replace(event, id=self.store.save_event(event)), []

    def overlapping(self, event: PlannedEvent) -> list[PlannedEvent]:
        """Other events on some of the same days."""
        return [
            e
            for e in self.events()
            if e.id != event.id and e.start <= event.end and event.start <= e.end
        ]

    def delete_event(self, event: PlannedEvent) -> None:
        """Remove the event and its targets; the people stay in the log."""
        self.store.delete_event(event.id)

    def restore(self, event: PlannedEvent, targets: Sequence[Target]) -> None:
        """Put back a removed event and its targets, under their old ids (undo)."""
        with self.store.transaction():
            self.store.save_event(event)
            self.restore_targets(targets)

    def restore_targets(self, targets: Sequence[Target]) -> None:
        """Put back removed targets under their old ids (undo)."""
        with self.store.transaction():
            for target in targets:
                self.store.save_target(target)

    # -- targets --------------------------------------------------------------------

    def targets(self, event_id: int, snap: Snapshot | None = None) -> list[Target]:
        return [t for t in (snap or self.store.snapshot()).targets if t.event == event_id]

    def add_target(self, event_id: int, contact_id: int, reason: str = "") -> Target:
        """Choose a contact as a target of an event (once; a second time updates the reason)."""
        with self.store.transaction():
            found = next((t for t in self.targets(event_id) if t.contact == contact_id), None)
            target = (
                replace(found, reason=reason or found.reason)
                if found
                else Target(0, event_id, contact_id, reason.strip())
            )
            return replace(target, id=self.store.save_target(target))

    def set_status(self, target: Target, status: str) -> Target:
        """Move a target to ``status``; "followed up" also marks the log's follow-up with
        them as sent. "met" logs the conversation (:meth:`meet`)."""
        if status == "met":
            return self.meet(target)
        updated = replace(target, status=status)
        with self.store.transaction():
            self.store.save_target(updated)
            if status == "followed_up":
                for due in self.log.due_in(self.store.snapshot(), self.today(), None):
                    if due.kind == "follow_up" and target.contact in due.contacts:
                        self.log.mark_done(due)
        return updated

    def advance(self, target: Target) -> Target:
        """Move a target one step: to research → drafted → sent → met → followed up."""
        status = next_step(target.status)
        return self.set_status(target, status) if status else target

    def meet(self, target: Target, what: str = "") -> Target:
        """You met them: log the conversation (its follow-up becomes due) and mark it.
        :class:`NotYet` before the event has begun. Met already: nothing is logged again."""
        if reached(target.status, "met"):
            return target
        event = next((e for e in self.events() if e.id == target.event), None)
        if event is not None and self.today() < event.start:
            raise NotYet(
                f"{event.name} has not begun yet (it starts {event.start.isoformat()}); "
                "mark them met once you have met"
            )
        kind = self.settings.kind(event.kind) if event else None
        log_kind = kind.log_kind if kind and kind.log_kind else ""
        day = min(self.today(), event.end) if event else self.today()
        place = event.name if event else ""
        with self.store.transaction():
            self.log.log(Entry((target.contact,), what or met_note(place), log_kind, place, day))
            met = replace(target, status="met")
            self.store.save_target(met)
            return met

    def remove_target(self, target: Target) -> None:
        self.store.delete_target(target.id)

    # -- goals and advocates --------------------------------------------------------

    def toggle_goal(self, event: PlannedEvent, goal_id: str) -> PlannedEvent:
        """Tick a goal (or untick it); :class:`NotYet` for a tick before the event begins."""
        if goal_id not in event.goals_done and self.today() < event.start:
            raise NotYet(
                f"{event.name} has not begun yet (it starts {event.start.isoformat()}); "
                "tick its goals as they happen"
            )
        done = set(event.goals_done) ^ {goal_id}
        kind = self.settings.kind(event.kind)
        order = [g.id for g in kind.goals] if kind else sorted(done)
        updated = replace(event, goals_done=tuple(g for g in order if g in done))
        self.store.save_event(updated)
        return updated

    def advocate_problem(self, event: PlannedEvent) -> str:
        """Why no one can be noted as an advocate of ``event`` yet ("" when they can)."""
        kind = self.settings.kind(event.kind)
        if kind is None or not kind.advocates:
            what = kind.title.lower() if kind else event.kind
            rotations = ", ".join(k.title.lower() for k in self.settings.kinds if k.advocates)
            return f"advocates come from rotations ({rotations}), not from {a_or_an(what)}"
        if self.today() < event.start:
            return (
                f"{event.name} has not begun yet (it starts {event.start.isoformat()}); "
                "note advocates once they have seen your work"
            )
        return ""

    def add_advocate(self, event: PlannedEvent, contact_id: int) -> PlannedEvent:
        """Note someone who could speak for you after a rotation; ``ValueError`` (with
        :meth:`advocate_problem`'s reason) when that does not fit the event."""
        problem = self.advocate_problem(event)
        if problem:
            raise ValueError(problem)
        if contact_id in event.advocates:
            return event
        updated = replace(event, advocates=(*event.advocates, contact_id))
        self.store.save_event(updated)
        return updated
