"""Email drafts for the front ends: the context for a contact, a target's saved draft.

Composes the pack's draft kinds, the store and the clock (like :mod:`ctcoach.logbook`);
filling and checking are pure functions in :mod:`ctcoach.drafts`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from msgspec import Struct
from msgspec.structs import replace

from ctcoach.drafts import (
    Draft,
    DraftCheck,
    DraftContext,
    DraftKind,
    DraftSettings,
    check,
    fill,
    missing_needs,
)
from ctcoach.events import PlannedEvent, Target, met_note
from ctcoach.model import Pack, Profile, a_or_an
from ctcoach.network import Contact, Interaction
from ctcoach.pitch import Pitch
from ctcoach.profile import clean_text
from ctcoach.records import Snapshot
from ctcoach.store import Store

MAX_SUBJECT = 200
MAX_BODY = 10_000


class NoDrafts(Exception):
    """The content pack in use has no email drafts (one readable line)."""


class Prepared(Struct, frozen=True):
    """A draft ready to edit: its kind, what filled it, and the target it belongs to."""

    kind: DraftKind
    context: DraftContext
    draft: Draft
    target: Target | None = None
    saved: bool = False  # the draft is the one saved on the target

    @property
    def missing(self) -> list[str]:
        """What the kind needs that is not there: "event", "interaction"."""
        return missing_needs(self.kind, self.context)


class DraftBook:
    def __init__(
        self,
        pack: Pack,
        store: Store,
        today: Callable[[], dt.date],
        profile: Callable[[Snapshot], Profile | None],
        pitch: Callable[[Snapshot], tuple[int, Pitch] | None],
    ) -> None:
        self.pack = pack
        self.store = store
        self.today = today
        self.profile = profile
        self.pitch = pitch

    @property
    def settings(self) -> DraftSettings:
        if self.pack.drafts is None:
            raise NoDrafts("this content pack has no email drafts")
        return self.pack.drafts

    # -- kinds ----------------------------------------------------------------------

    def find_kind(self, query: str) -> DraftKind | None:
        """A kind by id ("follow-up", "follow_up") or by its title, in any case."""
        text = "-".join(query.casefold().replace("_", "-").split())
        for kind in self.settings.kinds:
            if text in (kind.id, "-".join(kind.title.casefold().split())):
                return kind
        return None

    def closest_kinds(self, query: str) -> list[str]:
        import difflib  # only a mistyped kind needs it

        ids = [k.id for k in self.settings.kinds]
        return difflib.get_close_matches(query.casefold(), ids, n=3, cutoff=0.5)

    # -- what fills a draft ---------------------------------------------------------

    def targets_of(self, contact_id: int, snap: Snapshot | None = None) -> list[Target]:
        return [t for t in (snap or self.store.snapshot()).targets if t.contact == contact_id]

    def latest_interaction(
        self, snap: Snapshot, contact_id: int, event: PlannedEvent | None = None
    ) -> Interaction | None:
        """The newest interaction with the contact; during the event's days, if any were."""
        mine = [i for i in snap.interactions if contact_id in i.contacts]
        if event is not None:
            mine = [i for i in mine if event.start <= i.date <= event.end] or mine
        found = max(mine, key=lambda i: (i.date, i.id), default=None)
        if found is not None and found.what == met_note(found.where):
            return replace(found, what="")  # "Met at STS" says nothing to write about
        return found

    def prepare(
        self,
        kind: DraftKind,
        contact: Contact,
        event: PlannedEvent | None = None,
        topic: str = "",
        target: Target | None = None,
        fresh: bool = False,
    ) -> Prepared:
        """The draft to show: the target's saved one of this kind (unless ``fresh``), else
        a newly filled one. A target brings its event; an event brings the contact's
        target there, if any."""
        snap = self.store.snapshot()
        if target is not None and event is None:
            event = next((e for e in snap.events if e.id == target.event), None)
        if target is None and event is not None:
            target = next(
                (t for t in self.targets_of(contact.id, snap) if t.event == event.id), None
            )
        current = self.pitch(snap)
        context = DraftContext(
            contact=contact,
            today=self.today(),
            profile=self.profile(snap),
            pitch=current[1] if current else None,
            pitch_settings=self.pack.pitch,
            event=event,
            interaction=self.latest_interaction(snap, contact.id, event),
            topic=topic,
            reason=target.reason if target is not None else "",
        )
        saved = target is not None and target.draft_kind == kind.id and not fresh
        if target is not None and saved and (target.subject or target.body):
            return Prepared(kind, context, Draft(target.subject, target.body), target, True)
        return Prepared(kind, context, fill(self.settings, kind, context), target)

    def fit_note(self, prepared: Prepared) -> str:
        """A line when the kind is written for another kind of event than the one given:
        "pre-rotation is written for an away rotation or sub-internship; STS is a
        conference (pre-meeting fits it)". Empty when it fits."""
        kind, event, events = prepared.kind, prepared.context.event, self.pack.events
        if event is None or events is None or not kind.event_kinds:
            return ""
        if event.kind in kind.event_kinds:
            return ""
        titles = [k.title.lower() for k in events.kinds if k.id in kind.event_kinds]
        its = events.kind(event.kind)
        what = its.title.lower() if its else event.kind
        fits = [k.id for k in self.settings.kinds if event.kind in k.event_kinds]
        better = f" ({' or '.join(fits)} fits it)" if fits else ""
        written = f"{kind.id} is written for {' or '.join(titles)}"
        return f"{written}; {event.name} is {a_or_an(what)}{better}"

    def check(self, prepared: Prepared, draft: Draft | None = None) -> list[DraftCheck]:
        """The checks of ``draft`` (default: the prepared one) in the prepared context."""
        chosen = draft or prepared.draft
        return check(self.settings, prepared.kind, chosen, prepared.context)

    # -- saving ---------------------------------------------------------------------

    def save(self, target_id: int, kind_id: str, draft: Draft) -> Target | None:
        """Keep ``draft`` on the target (its newest copy, so nothing else is lost); a target
        still "to research" becomes "email drafted". ``None`` if the target is gone."""
        with self.store.transaction():
            found = next((t for t in self.store.snapshot().targets if t.id == target_id), None)
            if found is None:
                return None
            saved = replace(
                found,
                subject=clean_text(draft.subject)[:MAX_SUBJECT],
                body=clean_text(draft.body, single_line=False)[:MAX_BODY],
                draft_kind=kind_id,
                status="drafted" if found.status == "research" else found.status,
            )
            self.store.save_target(saved)
        return saved
