"""What the section readers share while a pack loads: errors, id registries, the pack so far."""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct, field

from ctcoach.content.node import Node
from ctcoach.model import (
    Action,
    MentorRole,
    MentorSign,
    Phase,
    PlanSettings,
    Question,
    Source,
    StageGroup,
    Tier,
    Topic,
)

PACK_FILE = "pack.toml"


class LoadContext(Struct):
    """The state of one load, passed to every section reader."""

    root: Path
    errors: list[str] = field(default_factory=list)
    seen_ids: dict[str, dict[str, str]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    plan: PlanSettings = field(default_factory=PlanSettings)
    sources: dict[str, Source] = field(default_factory=dict)
    questions: list[Question] = field(default_factory=list)
    stage_groups: list[StageGroup] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)
    tiers: list[Tier] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    mentor_roles: list[MentorRole] = field(default_factory=list)
    mentor_signs: list[MentorSign] = field(default_factory=list)
    topic_kinds: dict[str, str] = field(default_factory=dict)

    def register(self, kind: str, node: Node, allowed: set[str]) -> str:
        """Check a table's keys against ``allowed``, then read its id and register it."""
        node.check_keys(allowed)
        ident = node.ident()
        self.unique(kind, node, ident)
        return ident

    def unique(self, kind: str, node: Node, ident: str) -> None:
        """Register ``ident`` as an id of ``kind``, or report where it was first defined."""
        seen = self.seen_ids.setdefault(kind, {})
        if ident in seen:
            node.error(f"duplicate id '{ident}' (first defined in {seen[ident]})", "id")
        elif ident:
            seen[ident] = f"{node.file}: {node.path}"

    def source(self, node: Node) -> Source:
        """The source that ``node`` cites; an unknown one is reported and stands for itself."""
        ref = node.text("source")
        if ref and ref not in self.sources:
            node.error(
                f"unknown source '{ref}' (define it under [[sources]] in {PACK_FILE})", "source"
            )
        return self.sources.get(ref, Source(ref, ref))

    def single_table(self, doc: Node, key: str, held: Node | None) -> Node | None:
        """A section that may appear once in a whole pack: the table, or the one held."""
        if key not in doc.value:
            return held
        if held is not None:
            doc.error(f"a second [{key}] table (the first is in {held.file})", key)
            return held
        return doc.child(key, doc.value[key])

    def question(self, ident: str) -> Question | None:
        """The first onboarding question with id ``ident``, if any."""
        return next((q for q in self.questions if q.id == ident), None)

    def pitfall_ids(self) -> set[str]:
        """The ids of the topics of kind ``pitfall``."""
        return {t.id for t in self.topics if t.kind == "pitfall"}
