"""Floor for first paints: the smallest Textual app a screen like ctcoach's needs."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class MinimalApp(App[None]):
    TITLE = "floor"
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Minimal floor ready")
        yield Footer()


if __name__ == "__main__":
    MinimalApp().run()
