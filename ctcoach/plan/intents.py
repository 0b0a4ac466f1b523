"""Candidates for the plan, and one item per intent. Pure.

Several actions may serve the same purpose (a roadmap step and a mentor-team gap that
both say "find a sponsor"). Each action declares its ``intent``; the plan keeps the most
specific one and adds the others' reasons to its Why. An action may also ``replace``
other intents it stands in for (a congenital shadowing step for plain shadowing).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from msgspec import Struct
from msgspec.structs import replace

from ctcoach.model import Phase
from ctcoach.plan.events import StepState
from ctcoach.plan.items import PlanItem
from ctcoach.plan.rules import Relation, phase_reason

# Ranks, first first: what the networking log says is due, event steps due now,
# the phase's core actions, everything else by priority.
TIER_LOG, TIER_EVENT, TIER_CORE, TIER_REST = range(4)
FALLBACK_WHY = "The guide recommends this for everyone."


class Candidate(Struct, frozen=True):
    """An item that could go into the plan, with what ranking and merging need."""

    item: PlanItem
    tier: int = TIER_REST
    specificity: int = 0
    replaces: tuple[str, ...] = ()
    core: int | None = None
    state: StepState = "now"
    planned: dt.date | None = None
    event: str = ""  # the event a dated step belongs to
    deadline: dt.date | None = None  # a dated step's last useful day: the nearer comes first
    phase: Phase | None = None  # the roadmap phase it stands for; its Why line comes last

    def rank(self) -> tuple[object, ...]:
        """Sort key: lower comes first."""
        item = self.item
        dated = self.tier in (TIER_LOG, TIER_EVENT)
        return (
            self.tier,
            (self.deadline or item.date) if dated and item.date else dt.date.max,
            item.date if dated and item.date else dt.date.max,
            self.planned or dt.date.max,
            self.core if self.core is not None else 0,
            item.priority,
            self.phase is None,  # the stage's own roadmap before general advice
            -self.specificity,
            item.order,
        )


def with_phase_line(candidate: Candidate) -> Candidate:
    """``candidate`` with the Why line of its roadmap phase first, once merging is done."""
    if candidate.phase is None:
        return candidate
    relation: Relation = "next" if candidate.item.horizon == "next_stage" else "current"
    key = candidate.core is not None
    line = phase_reason(candidate.phase, relation, key)
    why = (line, *(w for w in candidate.item.why if w != FALLBACK_WHY))
    return replace(candidate, item=replace(candidate.item, why=why, key=key))


def _most_specific(candidate: Candidate) -> tuple[bool, bool, int, int, int]:
    """Sort key: what applies now before a step still to come, then a dated step (an
    event's own follow-up stands for the habit of following up while it is due), then
    more conditions, then priority and order."""
    item = candidate.item
    later = candidate.state == "later" and not item.done
    return (later, item.date is None, -candidate.specificity, item.priority, item.order)


def _merge(best: Candidate, others: Sequence[Candidate]) -> Candidate:
    """``best`` with the reasons of ``others`` added to its Why (each once)."""
    why = [w for w in best.item.why if w != FALLBACK_WHY or not others]
    for other in others:
        why += [w for w in other.item.why if w not in why and w != FALLBACK_WHY]
    item = replace(best.item, why=tuple(why or best.item.why))
    core = min((c.core for c in (best, *others) if c.core is not None), default=None)
    tier = min(c.tier for c in (best, *others))
    phase = next((c.phase for c in (best, *others) if c.phase is not None), None)
    return replace(best, item=item, core=core, tier=tier, phase=phase)


def one_per_intent(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Keep one candidate per intent and drop the intents others replace."""
    groups: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        groups.setdefault(candidate.item.intent, []).append(candidate)
    kept: dict[str, Candidate] = {}
    for intent, members in groups.items():
        best = min(members, key=_most_specific)
        best_later = _most_specific(best)[0]
        # Steps still to come give no reasons to what serves their intent now.
        others = [m for m in members if m is not best and (best_later or not _most_specific(m)[0])]
        kept[intent] = _merge(best, others)
    replacer: dict[str, str] = {}
    for intent, candidate in kept.items():
        for other in candidate.replaces:
            if other in kept and other not in replacer:
                replacer[other] = intent
    for old, new in replacer.items():
        if new in kept and new not in replacer:
            kept[new] = _merge(kept[new], [kept[old]])
    return [with_phase_line(c) for intent, c in kept.items() if intent not in replacer]
