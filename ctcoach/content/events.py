"""Event kinds: [events] with its [[events.kinds]], their target ranges and goals."""

from __future__ import annotations

from ctcoach.content.context import LoadContext
from ctcoach.content.log import placeholders_ok
from ctcoach.content.node import Node
from ctcoach.drafts.model import DraftSettings
from ctcoach.events import EventKind, EventSettings, Goal, Wording

KIND_KEYS = {
    "id", "title", "target_min", "target_max", "target_hint", "goals", "advocates", "source",
    "log_kind", "draft_before", "draft_after", "steps", "max_days",
}  # fmt: skip
STEP_KEYS = ("research", "email", "advocate")


class EventSection:
    """Takes the one [events] table of the pack and reads it."""

    def __init__(self, ctx: LoadContext) -> None:
        self.ctx = ctx
        self.node: Node | None = None

    def collect(self, doc: Node) -> None:
        self.node = self.ctx.single_table(doc, "events", self.node)

    def build(self) -> EventSettings | None:
        node = self.node
        if node is None or not node.is_table():
            return None
        node.check_keys(
            {"source", "kinds", "steps", "advocate_stages", "advocate_months", "profile_kind"}
        )
        kinds = tuple(self._kind(n) for n in node.tables("kinds"))
        if not kinds:
            node.error("needs at least one [[events.kinds]]", "kinds")
        steps = self._steps(node)
        profile_kind = node.get("profile_kind", str, kinds[0].id if kinds else "", False)
        if kinds and profile_kind not in {k.id for k in kinds}:
            node.error(f"no event kind '{profile_kind}'", "profile_kind")
        return EventSettings(
            kinds,
            self.ctx.source(node),
            research=steps.get("research", EventSettings.research),
            email=steps.get("email", EventSettings.email),
            advocate=steps.get("advocate", EventSettings.advocate),
            advocate_stages=node.strings("advocate_stages", required=False),
            advocate_months=self._months(node),
            profile_kind=profile_kind or "",
        )

    def _months(self, node: Node) -> tuple[int, ...]:
        months = node.get("advocate_months", list, [], False) or []
        for i, month in enumerate(months):
            if not isinstance(month, int) or isinstance(month, bool) or not 1 <= month <= 12:
                node.error("must be a month number, 1 to 12", f"advocate_months[{i}]")
        return tuple(m for m in months if isinstance(m, int) and not isinstance(m, bool))

    def _steps(self, node: Node, keys: tuple[str, ...] = STEP_KEYS) -> dict[str, Wording]:
        """``[events.steps.research|email|advocate]``: the plan's words for each step (a
        kind may have its own for research and email)."""
        out: dict[str, Wording] = {}
        for key, step in node.subtables("steps"):
            if key not in keys:
                step.error(f"must be {' or '.join(keys)}")
                continue
            step.check_keys({"title", "how"})
            placeholders_ok(step, "title", {"name", "event"})
            out[key] = Wording(step.text("title"), step.text("how"))
        return out

    def _kind(self, node: Node) -> EventKind:
        ident = self.ctx.register("event kind", node, KIND_KEYS)
        low = node.get("target_min", int, 0)
        high = node.get("target_max", int, 0)
        if low is not None and high is not None and not 0 <= low <= high:
            node.error("need 0 <= target_min <= target_max", "target_min")
        if not 1 <= node.get("max_days", int, 366, False) <= 366:
            node.error("must be 1 to 366 days", "max_days")
        goals = []
        seen: set[str] = set()
        for goal in node.tables("goals"):
            goal.check_keys({"id", "title"})
            goal_id = goal.ident()
            if goal_id in seen:
                goal.error(f"duplicate goal id '{goal_id}'", "id")
            seen.add(goal_id)
            goals.append(Goal(goal_id, goal.text("title")))
        return EventKind(
            ident,
            node.text("title"),
            low or 0,
            high or 0,
            node.text("target_hint"),
            tuple(goals),
            self.ctx.source(node),
            node.get("advocates", bool, False, False),
            node.text("log_kind", False),
            node.get("draft_before", str, "", False) or "",
            node.get("draft_after", str, "", False) or "",
            self._steps(node, STEP_KEYS[:2]),
            node.get("max_days", int, 366, False),
        )

    def check_drafts(self, events: EventSettings | None, drafts: DraftSettings | None) -> None:
        """Each kind's email kinds must be kinds of draft the pack has."""
        if events is None or self.node is None:
            return
        known = {k.id for k in drafts.kinds} if drafts is not None else set()
        kinds = {k.id for k in events.kinds}
        for draft in drafts.kinds if drafts is not None else ():
            for other in draft.event_kinds:
                if other not in kinds:
                    self.node.error(f"draft kind '{draft.id}' names no event kind '{other}'")
        for node, kind in zip(self.node.tables("kinds"), events.kinds, strict=False):
            for key in ("draft_before", "draft_after"):
                if getattr(kind, key) and getattr(kind, key) not in known:
                    node.error(f"no draft kind '{getattr(kind, key)}'", key)
