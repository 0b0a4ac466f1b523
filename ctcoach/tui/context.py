"""Typed access to the session a screen runs in."""

from __future__ import annotations

from textual.dom import DOMNode

from ctcoach.coach import Coach


def coach_of(node: DOMNode) -> Coach:
    """The :class:`Coach` of the app ``node`` belongs to."""
    coach = getattr(node.app, "coach", None)
    if not isinstance(coach, Coach):  # pragma: no cover - screens only run in CoachApp
        raise RuntimeError("ctcoach screens run inside CoachApp")
    return coach
