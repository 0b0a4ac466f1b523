"""The networking log for the front ends: contacts, interactions and what is due.

Composes the pack's log rules, the store and the clock (like :mod:`ctcoach.coach`);
the rules themselves are pure functions in :mod:`ctcoach.network`,
:mod:`ctcoach.followup` and :mod:`ctcoach.linkedin`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING

from msgspec import Struct
from msgspec.structs import replace

from ctcoach.followup import Due, due_items, latest_by_contact
from ctcoach.model import Pack, Problem
from ctcoach.network import (
    Contact,
    ContactDraft,
    Interaction,
    LogSettings,
    Lookup,
    check_contact,
    find_contact,
)
from ctcoach.profile import clean_text
from ctcoach.records import Snapshot
from ctcoach.store import Store

if TYPE_CHECKING:
    from ctcoach.linkedin import ImportPlan, Row


class NoLog(Exception):
    """The content pack in use has no networking log (one readable line)."""


class Entry(Struct, frozen=True):
    """What a person typed to log an interaction."""

    contacts: Sequence[int]
    what: str
    kind: str = ""
    where: str = ""
    date: dt.date | None = None
    promise: str = ""
    promise_by: dt.date | None = None


class LogBook:
    def __init__(self, pack: Pack, store: Store, today: Callable[[], dt.date]) -> None:
        self.pack = pack
        self.store = store
        self.today = today
        # The last due list, with what it was computed from: the dashboard, the plan and
        # People each ask for the same one (about 15 ms for 20,000 interactions).
        self._due: tuple[Snapshot, dt.date, str | None, tuple[Due, ...]] | None = None
        self._latest: tuple[Snapshot, Mapping[int, Interaction]] | None = None

    @property
    def settings(self) -> LogSettings:
        if self.pack.log is None:
            raise NoLog("this content pack has no networking log")
        return self.pack.log

    def snapshot(self) -> Snapshot:
        return self.store.snapshot()

    # -- contacts -------------------------------------------------------------------

    def contacts(self, snap: Snapshot | None = None) -> tuple[Contact, ...]:
        return (snap or self.snapshot()).contacts

    def find(self, query: str) -> Lookup:
        return find_contact(self.contacts(), query)

    def save_contact(
        self, draft: ContactDraft, contact_id: int = 0
    ) -> tuple[Contact | None, list[Problem]]:
        """Add (id 0) or change a contact; nothing is saved when there are problems."""
        tiers = [t.id for t in self.pack.tiers]
        existing = next((c for c in self.contacts() if c.id == contact_id), None)
        added = existing.added if existing else self.today()
        contact, problems = check_contact(self.settings, tiers, draft, contact_id, added)
        if contact is None:
            return None, problems
        new_id = self.store.save_contact(contact)
        return replace(contact, id=new_id), []

    def delete_contact(self, contact_id: int) -> tuple[Contact, list[Interaction]] | None:
        return self.store.delete_contact(contact_id)

    def undo_delete(self, removed: tuple[Contact, list[Interaction]]) -> None:
        self.store.restore(*removed)

    # -- interactions ---------------------------------------------------------------

    def interactions(self, snap: Snapshot | None = None) -> tuple[Interaction, ...]:
        return (snap or self.snapshot()).interactions

    def timeline(self, contact_id: int) -> list[Interaction]:
        """A contact's interactions, newest first."""
        mine = [i for i in self.interactions() if contact_id in i.contacts]
        return sorted(mine, key=lambda i: (i.date, i.id), reverse=True)

    def check_entry(self, entry: Entry) -> list[Problem]:
        problems = []
        kinds = [k.id for k in self.settings.kinds]
        known = {c.id for c in self.contacts()}
        if not entry.contacts or any(c not in known for c in entry.contacts):
            problems.append(Problem("contact", "pick someone from your contacts"))
        if entry.kind and entry.kind not in kinds:
            problems.append(Problem("kind", f"{entry.kind!r} is not one of {', '.join(kinds)}"))
        if not clean_text(entry.what):
            problems.append(Problem("what", "say in a few words what you talked about"))
        if entry.promise_by and not clean_text(entry.promise):
            problems.append(Problem("promise", "say what you promised (--promise)"))
        if entry.promise and entry.promise_by is None:
            problems.append(Problem("by", "give the date you promised it for (--by)"))
        when = entry.date or self.today()
        if entry.promise_by and entry.promise_by < when:
            problems.append(Problem("by", "the promise date is before the interaction"))
        if when > self.today():
            problems.append(Problem("date", "is in the future; log it once it has happened"))
        return problems

    def log(self, entry: Entry) -> tuple[Interaction | None, list[Problem]]:
        problems = self.check_entry(entry)
        if problems:
            return None, problems
        item = Interaction(
            id=0,
            contacts=tuple(dict.fromkeys(entry.contacts)),
            date=entry.date or self.today(),
            kind=entry.kind or self.settings.kinds[0].id,
            what=clean_text(entry.what, single_line=False),
            where=clean_text(entry.where),
            promise=clean_text(entry.promise),
            promise_by=entry.promise_by,
        )
        return replace(item, id=self.store.save_interaction(item)), []

    # -- what is due ----------------------------------------------------------------

    def latest_in(self, snap: Snapshot) -> Mapping[int, Interaction]:
        """Each contact's newest interaction in ``snap`` (kept for the last snapshot)."""
        last = self._latest
        if last is None or last[0] is not snap:
            last = self._latest = (snap, MappingProxyType(latest_by_contact(snap.interactions)))
        return last[1]

    def due(self, today: dt.date | None = None, stage: str | None = None) -> list[Due]:
        """What is due now, from the newest data."""
        _ = self.settings  # a pack without a log is the caller's error here
        return self.due_in(self.snapshot(), today or self.today(), stage)

    def due_in(self, snap: Snapshot, today: dt.date, stage: str | None) -> list[Due]:
        """What is due in one snapshot (none when the pack has no log)."""
        if self.pack.log is None:
            return []
        last = self._due
        if last is not None and last[0] is snap and last[1] == today and last[2] == stage:
            return list(last[3])
        done = frozenset(snap.due_done) | snap.done_items
        due = due_items(self.pack.log, snap.contacts, snap.interactions, today, stage, done)
        self._due = (snap, today, stage, tuple(due))
        return due

    def mark_done(self, item: Due) -> None:
        """Mark a due item handled: the follow-up sent, the promise kept, the note sent."""
        today = self.today()
        snap = self.snapshot()
        found = next((i for i in snap.interactions if i.id == item.interaction), None)
        if item.kind == "follow_up" and found is not None:
            self.store.save_interaction(replace(found, followed_up=today))
        elif item.kind == "promise" and found is not None:
            self.store.save_interaction(replace(found, promise_kept=today))
        elif item.kind == "reconnect":
            note = Interaction(0, item.contacts, today, self._reach_out_kind(), "Reconnected")
            self.store.save_interaction(note)
        else:
            self.store.mark_due_done(item.uid)

    def _reach_out_kind(self) -> str:
        kinds = [k.id for k in self.settings.kinds]
        return "email" if "email" in kinds else kinds[0]

    # -- import ---------------------------------------------------------------------

    def plan_linkedin(self, rows: Sequence[Row]) -> ImportPlan:
        from ctcoach.linkedin import plan_import  # only an import needs it

        return plan_import(self.settings, self.contacts(), rows, self.today())

    def import_linkedin(self, rows: Sequence[Row]) -> ImportPlan:
        """Plan against the newest contacts and apply it, all in one save."""
        with self.store.transaction():
            plan = self.plan_linkedin(rows)
            self.store.add_contacts(list(plan.add))
            for _, updated in plan.merge:
                self.store.save_contact(updated)
        return plan
