"""The networking log's rules: [log] with its roles, kinds, follow-up rules and milestones."""

from __future__ import annotations

import string

from ctcoach.content.context import LoadContext
from ctcoach.content.node import Node
from ctcoach.network import ContactRole, FollowUpRule, InteractionKind, LogSettings, Milestone

LOG_KEYS = {
    "source",
    "reconnect_days",
    "reconnect_title",
    "reconnect_how",
    "promise_how",
    "narrow_share",
    "narrow_warning",
    "roles",
    "kinds",
    "rules",
    "milestones",
}


def placeholders_ok(node: Node, key: str, allowed: set[str]) -> None:
    text = node.value.get(key)
    if not isinstance(text, str):
        return
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        node.error(f"bad placeholder ({exc})", key)
        return
    known = ", ".join(f"{{{a}}}" for a in sorted(allowed))
    for name in sorted(names - allowed):
        node.error(f"unknown placeholder {{{name}}} (use {known})", key)


class LogSection:
    """Takes the one [log] table of the pack, then reads it once stages are known."""

    def __init__(self, ctx: LoadContext) -> None:
        self.ctx = ctx
        self.node: Node | None = None

    def collect(self, doc: Node) -> None:
        self.node = self.ctx.single_table(doc, "log", self.node)

    def build(self) -> LogSettings | None:
        node = self.node
        if node is None or not node.is_table():
            return None
        node.check_keys(LOG_KEYS)
        days = node.get("reconnect_days", int, 90, False)
        if not 1 <= days <= 3650:
            node.error("must be 1 to 3650 days", "reconnect_days")
        placeholders_ok(node, "reconnect_title", {"name"})
        roles = tuple(self._role(n) for n in node.tables("roles"))
        kinds = tuple(self._kind(n) for n in node.tables("kinds"))
        if not kinds:
            node.error("needs at least one [[log.kinds]]", "kinds")
        rules = tuple(self._rule(n, {k.id for k in kinds}) for n in node.tables("rules"))
        milestones = tuple(self._milestone(n) for n in node.tables("milestones"))
        return LogSettings(
            source=self.ctx.source(node),
            roles=roles,
            kinds=kinds,
            rules=rules,
            milestones=milestones,
            reconnect_days=days,
            reconnect_title=node.text("reconnect_title", False) or "Reconnect with {name}",
            reconnect_how=node.text("reconnect_how", False),
            promise_how=node.text("promise_how", False),
            narrow_share=self._share(node),
            narrow_warning=node.text("narrow_warning", False),
        )

    def _share(self, node: Node) -> float:
        share = node.get("narrow_share", float, 0.75, False)
        if not 0 < share <= 1:
            node.error("must be above 0 and at most 1", "narrow_share")
        placeholders_ok(node, "narrow_warning", {"surgical", "total"})
        return share

    def _role(self, node: Node) -> ContactRole:
        ident = self.ctx.register("contact role", node, {"id", "title", "keywords", "surgical"})
        return ContactRole(
            ident,
            node.text("title"),
            node.strings("keywords", False),
            node.get("surgical", bool, False, False),
        )

    def _kind(self, node: Node) -> InteractionKind:
        ident = self.ctx.register("interaction kind", node, {"id", "title"})
        return InteractionKind(ident, node.text("title"))

    def _rule(self, node: Node, kinds: set[str]) -> FollowUpRule:
        allowed = {"id", "kinds", "days", "within", "title", "how", "source"}
        ident = self.ctx.register("follow-up rule", node, allowed)
        rule_kinds = node.strings("kinds")
        for kind in rule_kinds:
            if kind not in kinds:
                node.error(f"no interaction kind '{kind}' in [[log.kinds]]", "kinds")
        days = node.get("days", int, 0)
        if days is not None and not 0 <= days <= 60:
            node.error("must be 0 to 60 days", "days")
        placeholders_ok(node, "title", {"name"})
        return FollowUpRule(
            ident,
            rule_kinds,
            days or 0,
            node.text("title"),
            node.text("how"),
            node.text("within"),
            self.ctx.source(node),
        )

    def _milestone(self, node: Node) -> Milestone:
        allowed = {"id", "stage", "month", "title", "how", "source"}
        ident = self.ctx.register("milestone", node, allowed)
        stage = node.text("stage")
        question = self.ctx.question("stage")
        if question is not None and stage and stage not in question.choice_ids:
            node.error(f"no stage '{stage}' among the stage question's choices", "stage")
        month = node.get("month", int, 0)
        if month is not None and not 1 <= month <= 12:
            node.error("must be a month, 1 to 12", "month")
        return Milestone(
            ident, stage, month or 1, node.text("title"), node.text("how"), self.ctx.source(node)
        )
