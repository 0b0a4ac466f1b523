"""A question with two buttons. Its footer names the buttons: Escape picks the safe one,
a letter key the other; y / n work too when the buttons are Yes and No."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ctcoach.tui.keys import MODAL_KEYS
from ctcoach.tui.text import plain
from ctcoach.tui.widgets.footer import KeyFooter


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses True for ``yes``, False for ``no`` (Escape, or its button)."""

    BINDINGS = [
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
        *MODAL_KEYS,
    ]

    def __init__(
        self, question: str, yes: str = "Yes", no: str = "No", *, yes_no: bool = False
    ) -> None:
        """``yes_no``: the question is a yes / no one, so y and n answer it too."""
        super().__init__()
        self.question = question
        self.yes, self.no = yes, no
        yes_no = yes_no or (yes, no) == ("Yes", "No")
        self._bindings.bind("escape", "answer(False)", no, key_display="esc")
        self._bindings.bind("y" if yes_no else yes[0].lower(), "answer(True)", yes)
        if yes_no:
            self._bindings.bind("n", "answer(False)", no, show=False)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.question))
            with Horizontal(classes="buttons"):
                yield Button(self.no, id="no")
                yield Button(self.yes, id="yes", variant="error")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")


def ask(
    node: DOMNode,
    question: str,
    yes: str,
    then: Callable[[], Awaitable[None] | None],
    no: str = "",
) -> None:
    """Ask ``question``; run ``then`` (a function or a coroutine function) only when the
    answer is ``yes``."""

    async def answered(ok: bool | None) -> None:
        if ok:
            result = then()
            if result is not None:
                await result

    node.app.push_screen(ConfirmScreen(question, yes=yes, no=no or "Keep going"), answered)
