"""Pieces of the option lists that stand in for a widget per row (plan, guide, mentors,
follow-ups): one widget draws only the lines in view, however long the list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from textual.content import Content
from textual.widgets.option_list import Option

from ctcoach.tui.text import join, plain

T = TypeVar("T")


def heading(text: Content, first: bool) -> Option:
    """A group's heading: a row that cannot be chosen, a blank line above all but the first."""
    return Option(join(plain("" if first else "\n"), text), disabled=True)


def row_at(rows: Sequence[T | None], index: int | None) -> T | None:
    """The row of the list at ``index`` (the highlight); None for none, or a heading."""
    return rows[index] if index is not None and 0 <= index < len(rows) else None
