"""Phases, topics and actions: what an action may depend on, and what it points at."""

from __future__ import annotations

from typing import Literal

from ctcoach.content.context import LoadContext
from ctcoach.content.log import placeholders_ok
from ctcoach.content.node import Node
from ctcoach.content.questions import read_matcher
from ctcoach.events import EventSettings
from ctcoach.model import (
    EVENT_QUESTION,
    HORIZONS,
    RISK_LEVELS,
    Action,
    ActionText,
    Assessment,
    EventAnchor,
    Horizon,
    Matcher,
    Phase,
    PitchSettings,
    Topic,
)

ACTION_RESULT_KEYS = (
    "pitfall",
    "min_risk",
    "mentor_gap",
    "mentor_warning",
    "needs_assessment",
    "pitch",
    "before_event",
    "unpracticed_days",
    "done_when_logged",
)
ACTION_KEYS = {
    "id",
    "title",
    "how",
    "source",
    "horizon",
    "phase",
    "cadence",
    "priority",
    "when",
    "event",
    "event_kinds",
    "shared",
    "done_when",
    "intent",
    "replaces",
    "groups",
    "why",
    "variants",
    *ACTION_RESULT_KEYS,
}
ACTION_TEXT_KEYS = ("title", "how", "cadence", "why")


def read_phase(ctx: LoadContext, node: Node) -> None:
    """Read one [[phases]] table."""
    ident = ctx.register(
        "phase", node, {"id", "title", "stages", "goal", "mindset", "source", "core"}
    )
    ctx.phases.append(
        Phase(
            ident,
            node.text("title"),
            node.strings("stages"),
            node.text("goal"),
            node.text("mindset", required=False),
            ctx.source(node),
            node.strings("core", required=False),
        )
    )


def read_topic(ctx: LoadContext, node: Node) -> None:
    """Read one [[topics]] table: plain points, or points in titled groups."""
    ident = ctx.register(
        "topic", node, {"id", "kind", "title", "summary", "points", "groups", "source"}
    )
    groups: list[tuple[str, tuple[str, ...]]] = []
    for g in node.tables("groups"):
        g.check_keys({"title", "points"})
        groups.append((g.text("title"), g.strings("points")))
    points = node.strings("points", required=not groups)
    kind = node.ident("kind")
    if kind and kind not in ctx.topic_kinds:
        known = ", ".join(ctx.topic_kinds) or "none: add [topic_kinds] to pack.toml"
        node.error(f"unknown topic kind '{kind}' (known: {known})", "kind")
    ctx.topics.append(
        Topic(
            ident,
            kind,
            node.text("title"),
            node.text("summary", required=False),
            points,
            ctx.source(node),
            tuple(groups),
        )
    )


def read_action(ctx: LoadContext, node: Node) -> None:
    """Read one [[actions]] table; its phase and conditions must match what the pack defines."""
    ident = ctx.register("action", node, ACTION_KEYS)
    horizon = _read_horizon(node)
    phase = node.get("phase", str, required=False)
    if phase is not None and phase not in {p.id for p in ctx.phases}:
        node.error(f"unknown phase '{phase}'", "phase")
    priority = node.get("priority", int, 2, required=False)
    if not 1 <= priority <= 3:
        node.error("must be 1 (first), 2 or 3 (last)", "priority")
    when = _read_when(ctx, node)
    event = None
    if "event" in node.value:
        event = read_event_anchor(ctx, node.child("event", node.value["event"]))
    ctx.actions.append(
        Action(
            id=ident,
            title=node.text("title"),
            how=node.text("how"),
            source=ctx.source(node),
            horizon=horizon,
            phase=phase,
            cadence=node.text("cadence", required=False),
            priority=priority,
            when=when,
            event=event,
            event_kinds=node.strings("event_kinds", required=False),
            shared=node.get("shared", bool, False, required=False),
            done_when=node.get("done_when", str, "", required=False) or "",
            pitfall=node.get("pitfall", str, required=False),
            min_risk=node.get("min_risk", str, "moderate", required=False),
            mentor_gap=node.get("mentor_gap", str, required=False),
            mentor_warning=node.get("mentor_warning", bool, False, required=False),
            needs_assessment=node.get("needs_assessment", bool, False, required=False),
            pitch=node.get("pitch", str, required=False),
            before_event=node.get("before_event", int, required=False),
            unpracticed_days=node.get("unpracticed_days", int, required=False),
            done_when_logged=node.get("done_when_logged", bool, False, required=False),
            intent=node.get("intent", str, ident, required=False) or ident,
            replaces=node.strings("replaces", required=False),
            groups=node.strings("groups", required=False),
            why=node.text("why", required=False),
            variants=_read_variants(ctx, node),
        )
    )


def _read_variants(ctx: LoadContext, node: Node) -> dict[str, ActionText]:
    """``variants.<group> = { title, how, cadence, why, source }``: a group's own wording."""
    out: dict[str, ActionText] = {}
    for group, vnode in node.subtables("variants"):
        vnode.check_keys({*ACTION_TEXT_KEYS, "source"})
        title, how, cadence, why = (vnode.text(k, required=False) for k in ACTION_TEXT_KEYS)
        source = ctx.source(vnode) if "source" in vnode.value else None
        out[group] = ActionText(title, how, cadence, why, source)
    return out


def _read_horizon(node: Node) -> Horizon:
    raw = node.get("horizon", str, "this_stage", required=False)
    horizon: Horizon = next((h for h in HORIZONS[:3] if h == raw), "this_stage")
    if raw not in HORIZONS[:3]:
        node.error(f"'{raw}' is not one of this_week, this_month, this_stage", "horizon")
    return horizon


def _read_when(ctx: LoadContext, node: Node) -> dict[str, Matcher]:
    when: dict[str, Matcher] = {}
    if "when" in node.value:
        when_node = node.child("when", node.value["when"])
        if not isinstance(when_node.value, dict):
            when_node.error("must be a table of question id = condition")
        else:
            for qid, raw in when_node.value.items():
                matcher = read_matcher(ctx, when_node.child(qid, raw), qid)
                if matcher is not None:
                    when[qid] = matcher
    return when


def read_event_anchor(ctx: LoadContext, node: Node) -> EventAnchor | None:
    """Read an action's ``event`` table: a day relative to the start, middle or end of
    the event, or every day of it."""
    if not isinstance(node.value, dict):
        node.error('must be a table like { anchor = "start", offset_days = -14 }')
        return None
    node.check_keys({"anchor", "offset_days"})
    if ctx.question(EVENT_QUESTION) is None:
        node.error(f"needs an event question with id '{EVENT_QUESTION}'")
    anchor = node.text("anchor")
    if anchor not in ("start", "end", "during", "middle"):
        node.error("must be 'start', 'end', 'during' or 'middle'", "anchor")
    offset = node.get("offset_days", int, 0, required=False)
    if anchor in ("during", "middle") and offset:
        node.error("a step during or in the middle of the event takes no offset", "offset_days")
    if anchor == "start" and offset > 0:
        node.error("use anchor 'during' or 'end' for a step after the start", "offset_days")
    if anchor == "end" and offset < 0:
        node.error("use anchor 'start' or 'during' for a step before the end", "offset_days")
    kinds: dict[str, Literal["start", "end", "during", "middle"]] = {
        "during": "during", "end": "end", "middle": "middle"
    }  # fmt: skip
    kind = kinds.get(anchor, "start")
    return EventAnchor(kind, offset)


def check_action_links(
    ctx: LoadContext,
    nodes: list[Node],
    assessment: Assessment | None,
    pitch: PitchSettings | None,
    events: EventSettings | None = None,
) -> None:
    """Actions that point at pitfalls, mentor roles, event kinds or other actions must
    find them.

    ``nodes`` are the tables the actions in ``ctx.actions`` were read from, in order.
    """
    pitfalls = ctx.pitfall_ids()
    roles = {r.id for r in ctx.mentor_roles}
    for node, action in zip(nodes, ctx.actions, strict=True):
        if action.pitfall is not None:
            if action.pitfall not in pitfalls:
                node.error(f"no pitfall topic '{action.pitfall}'", "pitfall")
            if assessment is None:
                node.error("a pitfall action needs an [assessment]", "pitfall")
        if action.min_risk not in RISK_LEVELS[1:]:
            node.error("must be 'moderate' or 'high'", "min_risk")
        if action.mentor_gap is not None and action.mentor_gap not in roles:
            node.error(f"no mentor role '{action.mentor_gap}'", "mentor_gap")
        if action.needs_assessment and assessment is None:
            node.error("needs an [assessment]", "needs_assessment")
        if action.pitch is not None:
            if action.pitch not in ("missing", "failing"):
                node.error("must be 'missing' or 'failing'", "pitch")
            if pitch is None:
                node.error("a pitch action needs a [pitch] table", "pitch")
        if action.unpracticed_days is not None and pitch is None:
            node.error("needs a [pitch] table", "unpracticed_days")
        _check_wording(ctx, node, action)
        _check_event_kinds(node, action, events)
    intents = {a.intent for a in ctx.actions}
    for node, action in zip(nodes, ctx.actions, strict=True):
        for i, other in enumerate(action.replaces):
            if other not in intents:
                node.error(f"no action has intent '{other}'", f"replaces[{i}]")
            elif other == action.intent:
                node.error("an action cannot replace its own intent", f"replaces[{i}]")
    _check_core(ctx)


def _check_wording(ctx: LoadContext, node: Node, action: Action) -> None:
    """Stage groups must exist, variants must be reachable, conditions need a reason in words."""
    groups = {g.id for g in ctx.stage_groups}
    for i, group in enumerate(action.groups):
        if group not in groups:
            node.error(f"unknown stage group '{group}'", f"groups[{i}]")
    for group in action.variants:
        if group not in groups:
            node.error(f"unknown stage group '{group}'", f"variants.{group}")
        elif action.groups and group not in action.groups:
            node.error(f"the action is not for stage group '{group}'", f"variants.{group}")
    if action.when and not action.why:
        node.error("an action with conditions needs a `why` that says the reason in words", "why")


def _check_event_kinds(node: Node, action: Action, events: EventSettings | None) -> None:
    """A dated step may name the kinds of event it is for, and only it may say ``{event}``
    (the event's name) and ``{targets}`` (its kind's target range, "5–10")."""
    dated = action.event is not None or action.before_event is not None
    if action.event_kinds and not dated:
        node.error("only a step dated from an event (`event`) can name event kinds", "event_kinds")
    if action.shared and not dated:
        node.error("only a step dated from an event (`event`) can be shared by events", "shared")
    _check_done_when(node, action, events, dated)
    known = {k.id for k in events.kinds} if events is not None else set()
    for i, kind in enumerate(action.event_kinds):
        if kind not in known:
            listed = ", ".join(sorted(known)) or "none: the pack has no [events]"
            node.error(f"unknown event kind '{kind}' (kinds: {listed})", f"event_kinds[{i}]")
    allowed = {"event", "targets"} if dated else set()
    for key in ("title", "how"):
        placeholders_ok(node, key, allowed)
    variants = node.value.get("variants")
    if isinstance(variants, dict):
        holder = node.child("variants", variants)
        for group, raw in variants.items():
            if isinstance(raw, dict):
                for key in ("title", "how"):
                    placeholders_ok(holder.child(group, raw), key, allowed)


def _check_done_when(node: Node, action: Action, events: EventSettings | None, dated: bool) -> None:
    """``done_when``: "targets", "targets:N", "emails", "met", "followed" (every target at
    that step) or "goal:<id of a kind's goal>"."""
    if not action.done_when:
        return
    what, _, arg = action.done_when.partition(":")
    kinds = [k for k in (events.kinds if events else ()) if k.id in action.event_kinds]
    goals = {g.id for k in (kinds or (events.kinds if events else ())) for g in k.goals}
    ok = (
        (what == "targets" and (not arg or arg.isdigit()))
        or (what in ("emails", "met", "followed") and not arg)
        or (what == "goal" and arg in goals)
    )
    if not dated:
        node.error("only a step dated from an event can be completed by it", "done_when")
    elif not ok:
        known = ", ".join(sorted(goals)) or "none"
        node.error(f"must be targets, targets:N, emails or goal:<id> (goals: {known})", "done_when")


def _check_core(ctx: LoadContext) -> None:
    """A phase's core intents must be served by an action open to that phase."""
    for phase in ctx.phases:
        for intent in phase.core:
            if not any(a.intent == intent and a.phase in (None, phase.id) for a in ctx.actions):
                ctx.errors.append(
                    f"{ctx.root}: phases '{phase.id}': core intent '{intent}' has no action "
                    "in this phase or without a phase"
                )
