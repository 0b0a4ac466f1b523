"""One user's coaching session: the pack, their store and the clock, composed.

Front ends (CLI, wizard, TUI) go through this instead of re-assembling the
store and the core themselves. No UI here. Each use case reads one
:class:`~ctcoach.records.Snapshot` of the store, so the file is parsed at most once
(and only when another process changed it).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from msgspec.structs import replace

from ctcoach.dates import DateError, parse_date
from ctcoach.eventbook import EventBook
from ctcoach.events import (
    TARGET_STATUSES,
    Target,
    advocate_steps,
    after_rotations,
    outreach_steps,
    reached,
    summaries,
)
from ctcoach.followup import Due
from ctcoach.logbook import LogBook
from ctcoach.mentors import Mentor, validate_mentor
from ctcoach.model import EVENT_QUESTION, Pack, Problem, Profile, event_live
from ctcoach.pitch import (
    Pitch,
    PitchReport,
    Practice,
    clean_version_name,
    make_pitch,
    report,
    usable_wpm,
)
from ctcoach.pitfalls import Attempt, PitfallScore, check_answers, score
from ctcoach.plan import Plan, Progress, build_plan
from ctcoach.plan.events import DatedEvent
from ctcoach.profile import to_json, validate_answers
from ctcoach.quiz import QuizAttempt, grade
from ctcoach.records import PitchVersion, Snapshot
from ctcoach.stages import stage_to_offer
from ctcoach.store import Store

if TYPE_CHECKING:
    from ctcoach.outreach import DraftBook


class ProfileMismatch(Exception):
    """The saved profile does not fit the content pack in use (one readable line)."""


class Coach:
    def __init__(
        self, pack: Pack, store: Store, today: Callable[[], dt.date] = dt.date.today
    ) -> None:
        self.pack = pack
        self.store = store
        self.today = today
        self.log = LogBook(pack, store, today)
        self.events = EventBook(pack, store, today, self.log)

    @functools.cached_property
    def drafts(self) -> DraftBook:
        """Emails to write: loaded on first use (a plan or the dashboard needs none)."""
        from ctcoach.outreach import DraftBook

        return DraftBook(
            self.pack, self.store, self.today, self.profile_or_none, self.current_pitch
        )

    def snapshot(self) -> Snapshot:
        return self.store.snapshot()

    # -- profile --------------------------------------------------------------------

    def profile(self, snap: Snapshot | None = None) -> Profile | None:
        """The saved profile; ``None`` before onboarding. Raises :class:`ProfileMismatch`."""
        data = (snap or self.snapshot()).profile
        if data is None:
            return None
        profile, errors = validate_answers(self.pack, data)
        if profile is None:
            raise ProfileMismatch(f"the saved profile does not fit this content pack ({errors[0]})")
        return profile

    def profile_or_none(self, snap: Snapshot | None = None) -> Profile | None:
        """The saved profile, or ``None`` when there is none or it no longer fits."""
        try:
            return self.profile(snap)
        except ProfileMismatch:
            return None

    def save_profile(self, profile: Profile) -> None:
        """Save the answers; a new stage counts as confirmed today, and a "next conference"
        answer also becomes (or updates) an event."""
        with self.store.transaction():
            before = self.profile_or_none()
            self.store.save_profile(to_json(profile))
            if before is None or before.stage != profile.stage:
                self.store.set_setting("stage_confirmed", self.today().isoformat())
            self._conference_to_event(profile)

    def _conference_to_event(self, profile: Profile) -> None:
        conference = profile.event
        if conference is None or self.pack.events is None:
            return
        kind = self.pack.events.profile_kind
        key = (conference.name.casefold(), conference.start)
        same = next(
            (e for e in self.snapshot().events if (e.name.casefold(), e.start) == key), None
        )
        if same is None or same.end != conference.end:
            self.events.save_event(
                kind, conference.name, conference.start, conference.end,
                event_id=same.id if same else 0,
            )  # fmt: skip

    # -- the training year ------------------------------------------------------------

    def stage_confirmed(self, snap: Snapshot | None = None) -> dt.date | None:
        """When the user last said their stage was right (onboarding, a change, a prompt)."""
        value = (snap or self.snapshot()).setting("stage_confirmed")
        try:
            return parse_date(value) if isinstance(value, str) else None
        except DateError:
            return None

    def stage_offer(self) -> str | None:
        """The next stage to offer, once a new training year has begun."""
        snap = self.snapshot()
        profile = self.profile_or_none(snap)
        if profile is None:
            return None
        return stage_to_offer(self.pack, profile.stage, self.today(), self.stage_confirmed(snap))

    def confirm_stage(self, stage: str | None = None) -> None:
        """Record that the stage is right as of today; with ``stage``, move to it first."""
        with self.store.transaction():
            profile = self.profile_or_none()
            if stage is not None and profile is not None:
                answers = {**profile.answers, "stage": stage}
                self.store.save_profile(to_json(Profile(answers)))
            self.store.set_setting("stage_confirmed", self.today().isoformat())

    def progress(self, snap: Snapshot | None = None, today: dt.date | None = None) -> Progress:
        snap = snap or self.snapshot()
        current = self.current_pitch(snap)
        day = today or self.today()
        stage = self.stage_of(snap)
        return Progress(
            logged=len(snap.interactions),
            due=tuple(self.due(snap, day, stage)),
            done=snap.done_items,
            pitfall_attempts=snap.pitfall_attempts,
            mentors=tuple(self.mentors(snap)),
            pitch=current[1] if current else None,
            practices=snap.practices,
            wpm=self.wpm_setting(snap),
            wpm_since=self.wpm_since(snap),
            quiz_attempts=tuple(self.quiz_attempts(snap)),
            events=tuple(self.dated_events(snap)),
        )

    @staticmethod
    def dated_events(snap: Snapshot) -> list[DatedEvent]:
        """Each stored event as the plan dates steps from it, with its targets' progress."""
        counts: dict[tuple[int, str], int] = {}
        for t in snap.targets:
            for step in TARGET_STATUSES:  # a target met counts as emailed too
                if reached(t.status, step):
                    counts[t.event, step] = counts.get((t.event, step), 0) + 1
        return [
            DatedEvent(
                e.kind,
                e.as_event(),
                e.id,
                targets=counts.get((e.id, TARGET_STATUSES[0]), 0),
                emailed=counts.get((e.id, "sent"), 0),
                goals_done=e.goals_done,
                met=counts.get((e.id, "met"), 0),
                followed=counts.get((e.id, "followed_up"), 0),
            )
            for e in snap.events
        ]

    def stage_of(self, snap: Snapshot | None = None) -> str | None:
        profile = self.profile_or_none(snap)
        return profile.stage if profile else None

    def due(
        self, snap: Snapshot | None = None, today: dt.date | None = None, stage: str | None = None
    ) -> list[Due]:
        """Everything due to people, soonest first: the log's follow-ups, promises,
        reconnects and milestones, each event target's next step, and advocates to ask.
        ``stage`` defaults to the profile's."""
        snap = snap or self.snapshot()
        day = today or self.today()
        stage = stage or self.stage_of(snap)
        done = frozenset(snap.due_done) | snap.done_items
        steps = [d for d in self.outreach(snap, day, stage) if d.uid not in done]
        logged = self.log.due_in(snap, day, stage)
        if self.pack.events is not None and snap.targets:
            dates = {i.id: i.date for i in snap.interactions}
            logged = after_rotations(
                self.pack.events, logged, snap.events, snap.targets, dates, day
            )
        return sorted(logged + steps, key=lambda d: (d.date, d.uid))

    def mark_due_done(self, item: Due) -> None:
        """Mark one due item handled; a target's step moves the target on (researched →
        email drafted → sent), so its next step comes due."""
        target = self._target_of(item)
        if target is not None:
            self.events.advance(target)
            return
        with self.store.transaction():
            self.log.mark_done(item)
            if item.kind == "follow_up":  # a follow-up sent to someone met at an event
                for met in self.snapshot().targets:
                    if met.contact in item.contacts and met.status == "met":
                        self.store.save_target(replace(met, status="followed_up"))

    def _target_of(self, item: Due) -> Target | None:
        if item.kind != "outreach":
            return None
        return next(
            (t for t in self.snapshot().targets if item.uid == f"target-{t.id}-{t.status}"), None
        )

    def outreach(self, snap: Snapshot, today: dt.date, stage: str | None) -> list[Due]:
        """The next step with each event's targets, and advocates in application season."""
        settings = self.pack.events
        if settings is None:
            return []
        names = {c.id: c.name for c in snap.contacts}
        return outreach_steps(settings, snap.events, snap.targets, names, today) + advocate_steps(
            settings, snap.events, names, today, stage
        )

    # -- quizzes --------------------------------------------------------------------

    def quiz_attempts(self, snap: Snapshot | None = None) -> list[QuizAttempt]:
        """Stored attempts of quizzes this pack has, oldest first."""
        known = {q.id for q in self.pack.quizzes}
        return [a for a in (snap or self.snapshot()).quiz_attempts if a.quiz in known]

    def record_quiz_attempt(
        self, quiz_id: str, answers: Mapping[str, str], checks: Mapping[str, bool]
    ) -> QuizAttempt:
        attempt = QuizAttempt(quiz_id, self.today(), dict(answers), dict(checks))
        result = grade(self.pack, attempt)
        self.store.add_quiz_attempt(attempt, result.correct, result.total)
        return attempt

    # -- pitch ----------------------------------------------------------------------

    def pitch_versions(self, snap: Snapshot | None = None) -> list[PitchVersion]:
        return list((snap or self.snapshot()).pitches)

    def current_pitch(self, snap: Snapshot | None = None) -> tuple[int, Pitch] | None:
        """The version marked current, or the newest one."""
        snap = snap or self.snapshot()
        if not snap.pitches:
            return None
        chosen = snap.setting("current_pitch")
        version = next((v for v in snap.pitches if v.id == chosen), snap.pitches[-1])
        return version.id, make_pitch(*version.pitch.parts())

    def save_pitch(self, pitch: Pitch) -> int:
        """Store ``pitch`` as a new version and make it current, in one save."""
        with self.store.transaction():
            version_id = self.store.add_pitch_version(self.today(), pitch)
            self.store.set_setting("current_pitch", version_id)
        return version_id

    def set_current_pitch(self, version_id: int) -> None:
        self.store.set_setting("current_pitch", version_id)

    def rename_pitch(self, version_id: int, name: str) -> None:
        """Give a saved version a name (empty clears it); ``ValueError`` if unusable."""
        clean = clean_version_name(name)
        with self.store.transaction():
            version = next((v for v in self.pitch_versions() if v.id == version_id), None)
            if version is not None:
                self.store.rename_pitch_version(version, clean)

    def delete_pitch(self, version_id: int) -> None:
        """Remove a saved version; when it was current, the newest left becomes current."""
        with self.store.transaction():
            self.store.delete_pitch_version(version_id)
            if self.snapshot().setting("current_pitch") == version_id:
                left = [v for v in self.pitch_versions() if v.id != version_id]
                self.store.set_setting("current_pitch", left[-1].id if left else None)

    def practices(self, snap: Snapshot | None = None) -> list[Practice]:
        return list((snap or self.snapshot()).practices)

    def record_practice(self, seconds: float, words: int) -> Practice:
        practice = Practice(self.today(), round(seconds, 1), words)
        self.store.add_practice(practice)
        return practice

    def wpm_setting(self, snap: Snapshot | None = None) -> float | None:
        return usable_wpm((snap or self.snapshot()).setting("pitch_wpm"))

    def wpm_since(self, snap: Snapshot | None = None) -> int:
        """How many practices existed when the user last set their rate."""
        value = (snap or self.snapshot()).setting("pitch_wpm_after")
        return value if isinstance(value, int) and not isinstance(value, bool) else 0

    def set_wpm(self, wpm: float) -> None:
        """The user's rate; it counts until a practice after it measures a newer one."""
        after = len(self.snapshot().practices)
        self.store.set_settings({"pitch_wpm": wpm, "pitch_wpm_after": after})

    def pitch_report(self, snap: Snapshot | None = None) -> PitchReport | None:
        """The report on the current saved version."""
        snap = snap or self.snapshot()
        current = self.current_pitch(snap)
        return None if current is None else self.report_on(current[1], snap)

    def report_on(self, pitch: Pitch, snap: Snapshot | None = None) -> PitchReport | None:
        """Words, timing at the user's rate, checks and variants for any pitch."""
        snap = snap or self.snapshot()
        if self.pack.pitch is None:
            return None
        profile = self.profile_or_none(snap)
        return report(
            self.pack.pitch,
            pitch,
            profile.name if profile else "",
            snap.practices,
            self.wpm_setting(snap),
            self.wpm_since(snap),
        )

    # -- pitfall check --------------------------------------------------------------

    def pitfall_attempts(self, snap: Snapshot | None = None) -> list[Attempt]:
        """Stored attempts, oldest first."""
        return list((snap or self.snapshot()).pitfall_attempts)

    def record_pitfall_attempt(self, answers: Mapping[str, int]) -> Attempt:
        problems = check_answers(self.pack, answers)
        if problems:
            raise ValueError("; ".join(problems))
        attempt = Attempt(self.today(), dict(answers))
        self.store.add_pitfall_attempt(attempt)
        return attempt

    def pitfall_scores(self, snap: Snapshot | None = None) -> list[PitfallScore]:
        attempts = self.pitfall_attempts(snap)
        if not attempts or self.pack.assessment is None:
            return []
        previous = attempts[-2] if len(attempts) > 1 else None
        return score(self.pack, attempts[-1], previous)

    # -- mentor team ----------------------------------------------------------------

    def mentors(self, snap: Snapshot | None = None) -> list[Mentor]:
        """Stored mentors that fit this pack (roles it knows), in the order added."""
        out = []
        for mentor in (snap or self.snapshot()).mentors:
            clean, _ = validate_mentor(self.pack, mentor.name, mentor.roles, mentor.signs)
            if clean is not None:
                out.append(Mentor(mentor.id, *clean))
        return out

    def save_mentor(
        self, name: str, roles: Sequence[str], signs: Sequence[str], mentor_id: int | None = None
    ) -> list[Problem]:
        """Save a mentor; returns the problems (nothing is saved when there are any)."""
        others = [m.name for m in self.mentors() if m.id != mentor_id]
        clean, problems = validate_mentor(self.pack, name, roles, signs, others)
        if clean is None:
            return problems
        self.store.save_mentor(Mentor(mentor_id or 0, *clean))
        return []

    def delete_mentor(self, mentor_id: int) -> None:
        self.store.delete_mentor(mentor_id)

    # -- the plan -------------------------------------------------------------------

    def plan(self, today: dt.date | None = None) -> Plan | None:
        snap = self.snapshot()
        today = today or self.today()
        # The snapshot is immutable and replaced on every change, so the plan built for
        # it (and this day and pack) is kept: every screen shows the same one at no cost.
        built: tuple[Snapshot, dt.date, Pack, Plan] | None = getattr(self, "_built", None)
        if built is not None and built[0] is snap and built[1] == today and built[2] is self.pack:
            return built[3]
        profile = self.profile(snap)
        if profile is None:
            return None
        profile = self.with_next_conference(profile, snap, today)
        plan = build_plan(self.pack, profile, self.progress(snap, today), today=today)
        self._built = (snap, today, self.pack, plan)
        return plan

    def with_next_conference(self, profile: Profile, snap: Snapshot, today: dt.date) -> Profile:
        """The profile's "next meeting" answer as the events say: the soonest event of the
        onboarding question's kind that still counts (until a while after it ends), or
        none. Once the pack has events they are the truth: an answer whose event was
        deleted or has passed no longer counts."""
        if self.pack.events is None:
            return profile
        kind, stale = self.pack.events.profile_kind, self.pack.plan.event_stale_days
        live = [
            e
            for e in sorted(snap.events, key=lambda e: (e.start, e.id))
            if e.kind == kind and event_live(e.as_event(), today, stale)
        ]
        answers = {k: v for k, v in profile.answers.items() if k != EVENT_QUESTION}
        if live:
            answers[EVENT_QUESTION] = live[0].as_event()
        return Profile(answers)

    def markdown(self, today: dt.date | None = None, include_notes: bool = False) -> str | None:
        """The plan as Markdown, with follow-ups and upcoming events; private notes about
        people only when asked. ``None`` before onboarding."""
        from ctcoach.export.markdown import render

        plan = self.plan(today)
        if plan is None:
            return None
        snap = self.snapshot()
        notes = (
            {c.id: (c.name, c.notes) for c in snap.contacts if c.notes} if include_notes else None
        )
        events = []
        if self.pack.events is not None:
            names = {c.id: c.name for c in snap.contacts}
            last = max((p.date for p in snap.practices), default=None)
            recent = self.pack.plan.event_stale_days  # a past event's follow-ups are fresh
            events = summaries(
                self.pack.events, snap.events, snap.targets, names, plan.today, last, recent
            )
        return render(self.pack, plan, notes, events)

    def plan_or_none(self) -> Plan | None:
        """The plan, or ``None`` before onboarding or when the profile no longer fits."""
        try:
            return self.plan()
        except ProfileMismatch:
            return None

    def set_done(self, item_id: str, done: bool) -> None:
        """Mark a plan item done (or open again). Something due to a person is marked as
        Follow-ups marks it (the follow-up sent, the promise kept, a target moved on)."""
        if done:
            due = next((d for d in self.due() if d.uid == item_id), None)
            if due is not None:
                self.mark_due_done(due)
                return
        self.store.set_done(item_id, done, self.today())
