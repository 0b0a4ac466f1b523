"""A focusable dashboard card that opens a screen when chosen."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from ctcoach.tui.text import join, plain


class Card(Static, can_focus=True):
    """Title, a status line and a hint; Enter or a click opens ``target``."""

    BINDINGS = [Binding("enter", "open", "Open", show=True)]

    class Chosen(Message):
        def __init__(self, target: str) -> None:
            super().__init__()
            self.target = target

    def __init__(self, title: str, status: Content | str, target: str, *, id: str) -> None:
        super().__init__(id=id)
        self.title_text = title
        self.target = target
        self.set_status(status)

    def set_status(self, status: Content | str) -> None:
        self.update(join(plain(self.title_text, "bold"), "\n", status))

    def action_open(self) -> None:
        self.post_message(self.Chosen(self.target))

    def on_click(self, event: Click) -> None:
        event.stop()
        self.action_open()
