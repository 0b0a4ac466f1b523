"""Pitch settings: the [pitch] table, its [[pitch_parts]] and [pitch_variants]."""

from __future__ import annotations

import string

from ctcoach.content.context import LoadContext
from ctcoach.content.node import Node
from ctcoach.model import PITCH_PARTS, PITCH_PLACEHOLDERS, PitchPart, PitchSettings

PITCH_KEYS = {
    "source",
    "rate_wpm",
    "min_seconds",
    "max_seconds",
    "max_experiences",
    "filler",
    "first_person",
    "third_person",
    "ask_words",
    "ask_hint",
}


class PitchSection:
    """Gathers the pitch tables from every file, then reads them as one setting."""

    def __init__(self, ctx: LoadContext) -> None:
        self.ctx = ctx
        self.tables: dict[str, Node] = {}
        self.part_nodes: list[Node] = []

    def collect(self, doc: Node) -> None:
        """Take the [pitch], [pitch_variants] and [[pitch_parts]] of one file."""
        for key in ("pitch", "pitch_variants", "pitch_variant_labels"):
            if key in doc.value:
                self.tables[key] = doc.child(key, doc.value[key])
        self.part_nodes.extend(doc.tables("pitch_parts"))

    def build(self) -> PitchSettings | None:
        """The pitch settings, or None when the pack has no [pitch] table."""
        node = self.tables.get("pitch")
        if node is None:
            for stray in self.part_nodes[:1]:
                stray.error("pitch parts need a [pitch] table")
            return None
        if not isinstance(node.value, dict):
            node.error("must be a table")
            return None
        node.check_keys(PITCH_KEYS)
        rate = node.get("rate_wpm", float, 140.0)
        low = node.get("min_seconds", int, 0)
        high = node.get("max_seconds", int, 0)
        if rate is not None and not 60 <= rate <= 300:
            node.error("must be between 60 and 300 words a minute", "rate_wpm")
        if low is not None and high is not None and not 0 < low < high:
            node.error("need 0 < min_seconds < max_seconds", "min_seconds")
        parts = self._read_parts(node)
        variants = self._read_variants()
        return PitchSettings(
            source=self.ctx.source(node),
            rate_wpm=rate or 140.0,
            min_seconds=low or 20,
            max_seconds=high or 30,
            max_experiences=node.get("max_experiences", int, 2, required=False),
            filler=node.strings("filler", required=False),
            first_person=node.strings("first_person", required=False),
            third_person=node.strings("third_person", required=False),
            ask_words=node.strings("ask_words", required=False),
            parts=parts,
            variants=variants,
            variant_labels=self._read_labels(variants),
            ask_hint=node.text("ask_hint", required=False),
        )

    def _read_labels(self, variants: dict[str, str]) -> dict[str, str]:
        """A label for every variant, for the builder and the export."""
        node = self.tables.get("pitch_variant_labels")
        labels = node.value if node is not None and isinstance(node.value, dict) else {}
        for key in variants:
            if not isinstance(labels.get(key), str) or not labels[key].strip():
                where = node or self.tables["pitch_variants"]
                where.error(f"needs a label in [pitch_variant_labels] for '{key}'", key)
        return {k: str(v) for k, v in labels.items() if k in variants}

    def _read_parts(self, node: Node) -> tuple[PitchPart, ...]:
        """The pitch parts in the engine's order; they must be exactly the engine's parts."""
        parts: list[PitchPart] = []
        for part in self.part_nodes:
            ident = self.ctx.register(
                "pitch part", part, {"id", "label", "prompt", "example", "lead", "strip"}
            )
            parts.append(
                PitchPart(
                    ident,
                    part.text("label"),
                    part.text("prompt"),
                    part.text("example"),
                    part.text("lead"),
                    part.strings("strip", required=False),
                )
            )
        ids = tuple(p.id for p in parts)
        if sorted(ids) != sorted(PITCH_PARTS):
            node.error(
                f"[[pitch_parts]] must be exactly {', '.join(PITCH_PARTS)} "
                f"(got {', '.join(ids) or 'none'})"
            )
        return tuple(
            sorted(
                parts,
                key=lambda p: PITCH_PARTS.index(p.id) if p.id in PITCH_PARTS else len(PITCH_PARTS),
            )
        )

    def _read_variants(self) -> dict[str, str]:
        """Templates by name; they may use only the known placeholders."""
        variants: dict[str, str] = {}
        vnode = self.tables.get("pitch_variants")
        if vnode is not None and isinstance(vnode.value, dict):
            for key in vnode.value:
                template = vnode.text(key)
                variants[key] = template
                try:
                    fields = {
                        f for _, f, _, _ in string.Formatter().parse(template) if f is not None
                    }
                except ValueError as exc:
                    vnode.error(f"bad template: {exc}", key)
                    continue
                unknown = fields - set(PITCH_PLACEHOLDERS)
                if unknown:
                    vnode.error(
                        f"unknown placeholder(s) {', '.join(sorted(unknown))} "
                        f"(known: {', '.join(PITCH_PLACEHOLDERS)})",
                        key,
                    )
        return variants
