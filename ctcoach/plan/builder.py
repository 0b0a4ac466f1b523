"""Build a user's action plan. Pure: (pack, profile, progress, today) -> Plan.

Every item says why it is there, when it is due and where in the guide it comes
from. The same inputs always give the same plan. The steps:

1. each action of the pack that applies (``rules``), in the user's stage group's words;
2. steps dated from each of the user's upcoming events (``events``): the playbook of its
   kind, due now, later or missed;
3. one item per intent (``intents``), the most specific, with the others' reasons;
4. a cap on what is active, the rest summarized (``capacity``).
"""

from __future__ import annotations

import datetime as dt

from msgspec.structs import replace

from ctcoach.followup import Due
from ctcoach.model import EventAnchor, Horizon, Pack, Profile
from ctcoach.plan.capacity import capacity, choose_active, horizon_for_date, select
from ctcoach.plan.events import (
    DatedEvent,
    Timing,
    anchor_for,
    date_text,
    event_steps,
    live_events,
    step_keys,
)
from ctcoach.plan.intents import (
    FALLBACK_WHY,
    TIER_CORE,
    TIER_EVENT,
    TIER_LOG,
    TIER_REST,
    Candidate,
    one_per_intent,
)
from ctcoach.plan.items import HORIZON_TITLES, Plan, PlanItem, Progress
from ctcoach.plan.rules import Match, Rules, specificity
from ctcoach.quiz import latest_results, standings

DUE_TIERS = {"follow_up": TIER_LOG, "promise": TIER_LOG, "outreach": TIER_EVENT}


class _Builder:
    def __init__(self, pack: Pack, profile: Profile, progress: Progress, today: dt.date) -> None:
        self.pack = pack
        self.profile = profile
        self.progress = progress
        self.today = today
        self.rules = Rules(pack, profile, progress, today)
        given = list(progress.events)
        stored = {(d.event.name.casefold(), d.event.start) for d in given}
        event = profile.event  # the onboarding answer, unless it is a stored event already
        if event is not None and (event.name.casefold(), event.start) not in stored:
            kind = pack.events.profile_kind if pack.events is not None else ""
            given.append(DatedEvent(kind, event))
        stale = pack.plan.event_stale_days
        self.events = live_events(given, today, stale)
        # Events whose window just closed: what was left undone after them shows as missed
        # for as long again, instead of leaving without a word.
        lapsed = live_events(given, today - dt.timedelta(days=stale), stale)
        self.lapsed = [d for d in lapsed if d not in self.events]
        self.stale: set[str] = set()  # follow-ups and promises too old to hold a place
        # Habits (practice, logging, following up) that every event's steps share as one
        # item instead of repeating: intents an undated action also serves, or marked so.
        self.habits = {
            a.intent
            for a in pack.actions
            if a.shared or anchor_for(a.event, a.before_event) is None
        }

    def when_text(self, horizon: Horizon) -> str:
        rules = self.rules
        if horizon == "this_stage" and rules.phase is not None:
            return f"during {rules.phase.title}"
        if horizon == "next_stage" and rules.next_phase is not None:
            return f"when you reach {rules.next_phase.title}"
        return HORIZON_TITLES[horizon].lower()

    def candidate(
        self,
        match: Match,
        order: int,
        timing: Timing | None = None,
        dated: DatedEvent | None = None,
        key: str = "",
    ) -> Candidate:
        """The item for an action that applies. A dated step comes with its event's timing
        and words (:meth:`fill`); its id and, unless it serves a habit the pack also asks
        for undated, its intent end with the event's key."""
        action, text = match.action, match.text
        item_id, intent, title, how = action.id, action.intent, text.title, text.how
        if dated is not None:
            item_id = f"{action.id}@{key}"
            if intent not in self.habits:
                intent = f"{intent}@{key}"
            title, how = (self.fill(t, dated) for t in (title, how))
        horizon: Horizon = "next_stage" if match.relation == "next" else action.horizon
        why, date, when = match.why, None, self.when_text(horizon)
        if timing is not None:
            why, date, when = (*why, timing.reason), timing.date, timing.when
            horizon = horizon_for_date(timing.date, self.today)
        if not why and match.phase is None:
            why = (FALLBACK_WHY,)
        done = (
            item_id in self.progress.done
            or (action.done_when_logged and self.progress.logged > 0)
            or (dated is not None and self.recorded(action.done_when, dated))
        )
        if done and timing is not None:
            when = f"planned for {timing.planned.isoformat()} ({timing.planned.strftime('%a')})"
        item = PlanItem(
            id=item_id,
            title=title,
            how=how,
            why=why,
            horizon=horizon,
            when=when,
            source=text.source or action.source,
            date=date,
            cadence=text.cadence,
            done=done,
            priority=action.priority,
            order=order,
            intent=intent,
            late=timing.late if timing else False,
            missed=timing is not None and timing.state == "missed",
        )
        tier = TIER_CORE if match.core is not None and match.relation != "next" else TIER_REST
        if timing is not None and timing.state == "now":
            tier = TIER_EVENT
        return Candidate(
            item,
            tier=tier,
            specificity=specificity(action),
            replaces=action.replaces,
            core=match.core,
            state=timing.state if timing else "now",
            planned=timing.planned if timing else None,
            event=dated.event.name if timing and dated else "",
            deadline=timing.deadline if timing else None,
            phase=match.phase,
        )

    def recorded(self, done_when: str, dated: DatedEvent) -> bool:
        """A step the event's record completes: targets chosen, emails sent, a goal met."""
        if not done_when:
            return False
        kind = self.pack.events.kind(dated.kind) if self.pack.events is not None else None
        return dated.completes(done_when, kind.target_min if kind else 1)

    def fill(self, text: str, dated: DatedEvent) -> str:
        """A dated step's words for one event: its name, and how many targets to choose."""
        kind = self.pack.events.kind(dated.kind) if self.pack.events is not None else None
        targets = f"{kind.target_min}–{kind.target_max}" if kind and kind.target_max else "a few"
        return text.replace("{event}", dated.event.name).replace("{targets}", targets)

    def action_candidates(self) -> list[Candidate]:
        """Every action that applies; a dated one once for each upcoming event of a kind
        it is for (every kind when it names none)."""
        out: list[Candidate] = []
        dated: list[tuple[Match, int, EventAnchor]] = []
        for order, action in enumerate(self.pack.actions):
            match = self.rules.match(action)
            if match is None:
                continue
            anchor = anchor_for(action.event, action.before_event)
            if anchor is None:
                out.append(self.candidate(match, order))
            else:
                dated.append((match, order, anchor))
        keys = step_keys(self.events)
        for i, planned in enumerate(self.events):
            kinds = [
                ((m, order), anchor)
                for m, order, anchor in dated
                if not m.action.event_kinds or planned.kind in m.action.event_kinds
            ]
            for (m, order), timing in event_steps(kinds, planned.event, self.today):
                out.append(self.candidate(m, order, timing, planned, keys[i]))
        out += self.lapsed_candidates(dated)
        return out

    def lapsed_candidates(self, dated: list[tuple[Match, int, EventAnchor]]) -> list[Candidate]:
        """The steps after an event whose window has closed, as missed (done ones stay
        done): a thank-you never sent is said, not dropped."""
        out: list[Candidate] = []
        keys = step_keys(self.lapsed)
        for i, planned in enumerate(self.lapsed):
            after = [
                ((m, order), anchor)
                for m, order, anchor in dated
                if anchor.anchor == "end"
                and (not m.action.event_kinds or planned.kind in m.action.event_kinds)
            ]
            for (m, order), timing in event_steps(after, planned.event, self.today):
                closed = f"missed: the days after {planned.event.name} have passed"
                lapsed = replace(timing, state="missed", when=closed, late=False)
                out.append(self.candidate(m, order, lapsed, planned, keys[i]))
        return out

    def review_candidates(self, first_order: int) -> list[Candidate]:
        """A review item per quiz topic under the pass mark on that quiz's latest attempt."""
        out: list[Candidate] = []
        for result in latest_results(self.pack, self.progress.quiz_attempts):
            for weak in result.weak:
                topic = weak.topic
                item_id = f"review-{result.quiz.id}-{topic.id}"
                why = (
                    f"Your latest “{result.quiz.title}” quiz ({result.date.isoformat()}) "
                    f"scored {topic.title} at {weak.percent}% ({weak.correct} of {weak.total}).",
                )
                item = PlanItem(
                    id=item_id,
                    title=f"Review: {topic.title}",
                    how=f"{topic.review} Then retake the “{result.quiz.title}” quiz.",
                    why=why,
                    horizon="this_month",
                    when=self.when_text("this_month"),
                    source=topic.source,
                    done=item_id in self.progress.done,
                    order=first_order + len(out),
                    intent=item_id,
                )
                out.append(Candidate(item, specificity=1))
        return out

    def follow_up_candidates(self) -> list[Candidate]:
        """What the networking log says is due this week (overdue included), as dated items.
        Promises and follow-ups to people always hold a place; an event's outreach ranks with
        the event's steps; reconnects, milestones and advocates with the other actions."""
        week = [d for d in self.progress.due if d.window(self.today) != "later"]
        return [
            Candidate(
                PlanItem(
                    id=due.uid,
                    title=due.title,
                    how=due.how,
                    why=(due.reason[0].upper() + due.reason[1:] + ".",),
                    horizon="this_week",
                    when=self.due_when(due),
                    source=due.source,
                    date=due.date if due.can_be_overdue else max(due.date, self.today),
                    overdue=due.can_be_overdue and due.date < self.today,
                    priority=1,
                    intent=due.uid,
                ),
                tier=self.due_tier(due),
            )
            for due in week
        ]

    def due_tier(self, due: Due) -> int:
        """A follow-up or promise holds a place while it is fresh; one left undone for
        longer than an event stays fresh ranks with the other actions, so it cannot keep
        the plan's room for months."""
        stale = self.pack.plan.event_stale_days
        if due.can_be_overdue and (self.today - due.date).days > stale:
            self.stale.add(due.uid)
            return TIER_REST
        return DUE_TIERS.get(due.kind, TIER_REST)

    def due_when(self, due: Due) -> str:
        """When a due item is: its day, or (never overdue) today, since its day."""
        if due.can_be_overdue or due.date >= self.today:
            return date_text(due.date, self.today)
        return f"today ({self.today.isoformat()}), due since {due.date.isoformat()}"

    def previews(self, candidates: list[Candidate], present: set[str]) -> list[PlanItem]:
        """The next stage's first few actions, apart from what the plan already holds."""
        ahead = [c for c in one_per_intent(candidates) if c.item.intent not in present]
        top = choose_active([c for c in ahead if not c.item.done], self.pack.plan.preview_max)
        return [c.item for c in top]

    def build(self) -> Plan:
        found = self.action_candidates()
        found += self.review_candidates(len(self.pack.actions))
        found += self.follow_up_candidates()
        ahead = [c for c in found if c.item.horizon == "next_stage"]
        current = [c for c in found if c.item.horizon != "next_stage"]
        # A step still to come yields to what serves its intent now (the habit of logging
        # before the meeting's own logging step); it takes over when its time comes.
        kept = one_per_intent([c for c in current if c.state != "missed" or c.item.done])
        missed = self.missed([c for c in current if c.state == "missed" and not c.item.done], kept)
        present = {c.item.intent for c in kept} | {r for c in kept for r in c.replaces}
        cap = capacity(self.pack, self.profile.weekly_hours)
        chosen = select(kept, cap, self.pack.plan, self.today, self.when_text)
        return Plan(
            self.today,
            chosen.items,
            self.rules.phase,
            self.rules.next_phase,
            cap,
            self.profile,
            (*self.event_notes(), *chosen.notes, *self.stale_notes(chosen.waiting)),
            pitfalls=tuple(self.rules.scores.values()),
            pitfall_date=(
                self.progress.latest_pitfall_attempt.date
                if self.progress.latest_pitfall_attempt
                else None
            ),
            team=self.rules.team,
            pitch=self.rules.pitch,
            quizzes=tuple(standings(self.pack, self.profile.stage, self.progress.quiz_attempts)),
            waiting=chosen.waiting,
            missed=tuple(missed),
            upcoming=tuple(self.previews(ahead, present)),
            follow_ups=self.progress.due,
            scheduled=tuple(self.scheduled(found)),
        )

    @staticmethod
    def scheduled(found: list[Candidate]) -> list[PlanItem]:
        """Every open dated step of every event, one per purpose and event (a habit shared
        in the plan keeps each event's date here), soonest first."""
        best: dict[tuple[str, str], Candidate] = {}
        for c in found:
            if c.item.date is None or c.item.done or c.state == "missed":
                continue
            key = (c.item.intent, c.event)  # each event keeps its own copy of a habit here
            if key not in best or c.specificity > best[key].specificity:
                best[key] = c
        return sorted((c.item for c in best.values()), key=lambda i: (i.date, i.id))

    @staticmethod
    def missed(steps: list[Candidate], kept: list[Candidate]) -> list[PlanItem]:
        """Steps an event overtook, once per intent, leaving out what is still open
        under the same intent (the pitch still to write for the next meeting)."""
        seen = {c.item.intent for c in kept} | {r for c in kept for r in c.replaces}
        out = []
        for candidate in steps:
            if candidate.item.intent not in seen:
                seen.add(candidate.item.intent)
                out.append(candidate.item)
        return out

    def stale_notes(self, waiting: tuple[PlanItem, ...]) -> list[str]:
        """A line for the old follow-ups and promises that now wait with the rest."""
        old = sum(1 for i in waiting if i.id in self.stale)
        if not old:
            return []
        what = "follow-up or promise" if old == 1 else "follow-ups or promises"
        days = self.pack.plan.event_stale_days
        return [
            f"{old} {what} more than {days} days late {'waits' if old == 1 else 'wait'} "
            "with the rest now; a short, late note still beats none."
        ]

    def event_notes(self) -> list[str]:
        event = self.rules.event
        if event is None or self.rules.event_live:
            return []
        return [
            f"Your next conference, {event.name}, ended {event.end.isoformat()}. "
            "Update it in your profile to get dated steps for the next one."
        ]


def build_plan(
    pack: Pack, profile: Profile, progress: Progress | None = None, *, today: dt.date
) -> Plan:
    return _Builder(pack, profile, progress or Progress(), today).build()
