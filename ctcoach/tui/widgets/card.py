"""A focusable dashboard card that opens a screen when chosen.

Wide, it is a box: the title in its top border, its key in the bottom one, two short
status lines inside. Dense, the box holds only the last line (the headline). Compact
(small terminals), it is one line that wraps at words: key, title and status."""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from ctcoach.tui.text import join, plain


class Card(Static, can_focus=True):
    """Title, status lines and a key; Enter or a click opens ``target``."""

    BINDINGS = [Binding("enter", "open", "Open", show=True)]

    class Chosen(Message):
        def __init__(self, target: str) -> None:
            super().__init__()
            self.target = target

    def __init__(self, title: str, key: str, target: str, *, id: str) -> None:
        super().__init__(id=id)
        self.title_text = title
        self.key = key
        self.target = target
        self.lines: list[Content] = []
        self.form = "wide"
        self.border_title = title
        self.border_subtitle = key

    def set_status(self, lines: Sequence[Content | str]) -> None:
        self.lines = [line if isinstance(line, Content) else plain(line) for line in lines]
        self.redraw()

    def redraw(self) -> None:
        shown = [line for line in self.lines if line.plain]
        if self.has_class("-dense"):
            shown = shown[-1:]
        if self.has_class("-compact"):
            status = Content(", ").join(shown)
            head = join(plain(f"{self.key} ", "bold $accent"), plain(self.title_text, "bold"))
            self.update(join(head, plain(" — ", "dim"), status) if shown else head)
        else:
            self.update(Content("\n").join(shown))

    def set_form(self, form: str) -> None:
        """ "wide", "dense" or "compact" (see the module's docstring)."""
        if form == self.form:
            return  # a fit sets every card's form, again and again, mostly unchanged
        self.form = form
        for name in ("dense", "compact"):
            self.set_class(form == name, f"-{name}")
        self.redraw()

    def action_open(self) -> None:
        self.post_message(self.Chosen(self.target))

    def on_click(self, event: Click) -> None:
        event.stop()
        self.action_open()
