"""Helpers to show text literally: user text never goes through markup."""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap

from ctcoach.text import for_terminal


def plain(text: str, style: str = "") -> Content:
    """``text`` as given (control characters shown as escapes), optionally styled."""
    content = Content(for_terminal(text))
    return content.stylize(style) if style else content


def join(*parts: Content | str) -> Content:
    """Concatenate pieces; strings are taken literally."""
    return Content("").join(p if isinstance(p, Content) else plain(p) for p in parts)


class Line(Content):
    """A Content that knows, without wrapping it, that it fits on one line: a long list
    (the plan) measures every one of its lines when it opens, and most of them fit."""

    def get_height(self, rules: RulesMap, width: int) -> int:
        room = width - rules.get("line_pad", 0) * 2
        plain_text = self.plain
        if self.cell_length <= room and "\n" not in plain_text and "\t" not in plain_text:
            return 1
        return super().get_height(rules, width)

    @classmethod
    def of(cls, content: Content) -> Line:
        """``content`` as a :class:`Line` (the same text, styles and width)."""
        return cls(content.plain, list(content.spans), content.cell_length, False)
