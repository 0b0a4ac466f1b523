"""Floor for keys that open a screen: `p` pushes a second screen, Escape goes back."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class SecondScreen(Screen[None]):
    BINDINGS = [("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Second screen shown")
        yield Footer()


class TwoScreenApp(App[None]):
    TITLE = "floor"
    BINDINGS = [("p", "second", "Second"), ("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("First screen ready")
        yield Footer()

    def action_second(self) -> None:
        self.push_screen(SecondScreen())


if __name__ == "__main__":
    TwoScreenApp().run()
