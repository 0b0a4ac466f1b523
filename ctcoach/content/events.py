"""Event kinds: [events] with its [[events.kinds]], their target ranges and goals."""

from __future__ import annotations

from ctcoach.content.context import LoadContext
from ctcoach.content.node import Node
from ctcoach.events import EventKind, EventSettings, Goal

KIND_KEYS = {
    "id", "title", "target_min", "target_max", "target_hint", "goals", "advocates", "source",
    "log_kind",
}  # fmt: skip


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
        node.check_keys({"source", "kinds"})
        kinds = tuple(self._kind(n) for n in node.tables("kinds"))
        if not kinds:
            node.error("needs at least one [[events.kinds]]", "kinds")
        return EventSettings(kinds, self.ctx.source(node))

    def _kind(self, node: Node) -> EventKind:
        ident = self.ctx.register("event kind", node, KIND_KEYS)
        low = node.get("target_min", int, 0)
        high = node.get("target_max", int, 0)
        if low is not None and high is not None and not 0 <= low <= high:
            node.error("need 0 <= target_min <= target_max", "target_min")
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
        )
