"""Floor for keystrokes in an editor: an Input whose word count a Static shows as you type."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input, Static


class InputApp(App[None]):
    TITLE = "floor"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("0 words · input floor", id="count")
        yield Input(placeholder="type here", id="text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        words = len(event.value.split())
        self.query_one("#count", Static).update(f"{words} words · input floor")


if __name__ == "__main__":
    InputApp().run()
