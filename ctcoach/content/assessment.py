"""The pitfall self-check: the [assessment] table, its statements and its readings."""

from __future__ import annotations

from ctcoach.content.context import LoadContext
from ctcoach.content.node import Node
from ctcoach.model import RISK_LEVELS, Assessment, Statement

MIN_STATEMENTS = 5


class AssessmentSection:
    """Gathers the self-check's tables from every file, then checks them as a whole."""

    def __init__(self, ctx: LoadContext) -> None:
        self.ctx = ctx
        self.table: Node | None = None
        self.statements: list[tuple[Node, Statement]] = []
        self.readings: dict[str, dict[str, str]] = {}
        self.reading_nodes: list[Node] = []

    def collect(self, doc: Node) -> None:
        """Take the [assessment], [[statements]] and [[readings]] of one file."""
        if "assessment" in doc.value:
            if self.table is not None:
                doc.error(f"[assessment] is defined twice (also in {self.table.file})")
            self.table = doc.child("assessment", doc.value["assessment"])
        for node in doc.tables("statements"):
            ident = self.ctx.register(
                "statement", node, {"id", "pitfall", "text", "reverse", "source"}
            )
            statement = Statement(
                ident,
                node.ident("pitfall"),
                node.text("text"),
                node.get("reverse", bool, False, required=False),
                self.ctx.source(node),
            )
            self.statements.append((node, statement))
        for node in doc.tables("readings"):
            node.check_keys({"pitfall", *RISK_LEVELS})
            self.reading_nodes.append(node)
            self.readings[node.ident("pitfall")] = {lvl: node.text(lvl) for lvl in RISK_LEVELS}

    def build(self) -> Assessment | None:
        """The self-check, or None when the pack has no [assessment] table."""
        node = self.table
        if node is None:
            for stray, _ in self.statements:
                stray.error("statements need an [assessment] table")
                break
            return None
        if not isinstance(node.value, dict):
            node.error("must be a table")
            return None
        node.check_keys({"title", "intro", "scale", "moderate", "high"})
        scale = node.strings("scale")
        if len(scale) != 5:
            node.error("needs exactly five labels, from 'never' to 'always'", "scale")
        moderate = node.get("moderate", int, 0)
        high = node.get("high", int, 0)
        if moderate is not None and high is not None and not 0 < moderate < high <= 100:
            node.error("need 0 < moderate < high <= 100 (percent of the possible risk)", "moderate")
        self._check_pitfalls(node)
        return Assessment(
            title=node.text("title"),
            intro=node.text("intro", required=False),
            scale=scale,
            moderate=moderate or 0,
            high=high or 0,
            statements=tuple(st for _, st in self.statements),
            readings=self.readings,
        )

    def _check_pitfalls(self, node: Node) -> None:
        """Every pitfall needs enough statements of both wordings and its readings."""
        pitfalls = self.ctx.pitfall_ids()
        for snode, statement in self.statements:
            if statement.pitfall and statement.pitfall not in pitfalls:
                snode.error(f"no pitfall topic '{statement.pitfall}'", "pitfall")
        for pitfall in sorted(pitfalls):
            own = [st for _, st in self.statements if st.pitfall == pitfall]
            if len(own) < MIN_STATEMENTS:
                node.error(
                    f"pitfall '{pitfall}' has {len(own)} statements; it needs {MIN_STATEMENTS}"
                )
            kinds = {st.reverse for st in own}
            if own and kinds != {True, False}:
                node.error(f"pitfall '{pitfall}' needs both plain and reverse-worded statements")
            if pitfall not in self.readings:
                node.error(f"pitfall '{pitfall}' has no [[readings]] for low, moderate and high")
        for rnode in self.reading_nodes:
            pitfall = rnode.value.get("pitfall")
            if pitfall not in pitfalls:
                rnode.error(f"no pitfall topic '{pitfall}'", "pitfall")
