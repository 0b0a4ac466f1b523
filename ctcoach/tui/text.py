"""Helpers to show text literally: user text never goes through markup."""

from __future__ import annotations

from typing import cast

from rich._wrap import divide_line  # Textual wraps Content with it
from textual.content import Content
from textual.css.styles import RulesMap
from textual.widget import Widget

from ctcoach.text import for_terminal


def plain(text: str, style: str = "") -> Content:
    """``text`` as given (control characters shown as escapes), optionally styled."""
    content = Content(for_terminal(text))
    return content.stylize(style) if style else content


def join(*parts: Content | str) -> Content:
    """Concatenate pieces; strings are taken literally."""
    return Content("").join(p if isinstance(p, Content) else plain(p) for p in parts)


MIN_ROOM = 12  # narrower than this, a text under its head wraps as it comes


def hang(head: Content, body: Content, width: int) -> Content:
    """``head`` then ``body``, wrapped at ``width`` so that the body's lines go on under
    its own first character, not under the head (a mark, a number). With less than
    :data:`MIN_ROOM` columns beside the head, or none known (0), it wraps as it comes."""
    room = width - head.cell_length
    if room >= MIN_ROOM and body.cell_length > room:
        body = plain("\n" + " " * head.cell_length).join(body.wrap(room))
    return join(head, body)


def keeps_height(widget: Widget, content: Content) -> bool:
    """Whether ``content`` takes as many lines in ``widget`` as the widget has now (known
    once it is laid out): then showing it needs a repaint, not a layout of the screen."""
    width = widget.size.width
    rules = cast(RulesMap, widget.styles)  # as Textual's own widgets pass them
    return width > 0 and content.get_height(rules, width) == widget.size.height


class Line(Content):
    """A Content that counts its wrapped lines without laying them out: a long list (the
    plan) measures every one of its lines when it opens. One that fits is one line; one
    that wraps is cut where Textual's own wrap cuts it (Rich's ``divide_line``, the
    function Textual calls), so the count is the same."""

    __slots__ = ("_height",)

    def get_height(self, rules: RulesMap, width: int) -> int:
        room = width - rules.get("line_pad", 0) * 2
        plain_text = self.plain
        if "\n" in plain_text or "\t" in plain_text or rules.get("text_wrap") == "nowrap":
            return super().get_height(rules, width)
        if self.cell_length <= room:
            return 1
        fold = rules.get("text_overflow", "fold") == "fold"
        # The last count is kept: a list asks for every line's height twice as it opens.
        known: tuple[int, bool, int] | None = getattr(self, "_height", None)
        if known is not None and known[0] == room and known[1] == fold:
            return known[2]
        height = len(divide_line(plain_text, room, fold=fold)) + 1
        self._height = (room, fold, height)
        return height
