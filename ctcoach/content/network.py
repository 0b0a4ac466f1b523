"""The people side of a pack: network tiers, mentor roles and the signs of a working mentorship."""

from __future__ import annotations

from ctcoach.content.context import LoadContext
from ctcoach.content.node import Node
from ctcoach.model import MentorRole, MentorSign, Tier


def read_tier(ctx: LoadContext, node: Node) -> None:
    """Read one [[tiers]] table."""
    ident = ctx.register("tier", node, {"id", "title", "summary", "members", "source"})
    ctx.tiers.append(
        Tier(
            ident,
            node.text("title"),
            node.text("summary"),
            node.strings("members"),
            ctx.source(node),
        )
    )


def read_mentor_role(ctx: LoadContext, node: Node) -> None:
    """Read one [[mentor_roles]] table."""
    ident = ctx.register("mentor role", node, {"id", "title", "source"})
    ctx.mentor_roles.append(MentorRole(ident, node.text("title"), ctx.source(node)))


def read_mentor_sign(ctx: LoadContext, node: Node) -> None:
    """Read one [[mentor_signs]] table: a sign that a mentorship is working or should widen."""
    ident = ctx.register("mentor sign", node, {"id", "kind", "text", "source"})
    kind = node.text("kind")
    if kind not in ("working", "diversify"):
        node.error("must be 'working' or 'diversify'", "kind")
    ctx.mentor_signs.append(
        MentorSign(
            ident,
            "working" if kind == "working" else "diversify",
            node.text("text"),
            ctx.source(node),
        )
    )
