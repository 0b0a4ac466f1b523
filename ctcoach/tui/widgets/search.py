"""A search field that opens on `/`: typing filters the list below it, Enter goes to
the list, Escape clears the search and closes the field."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class SearchBar(Input):
    DEFAULT_CSS = """
    SearchBar {
        display: none;
    }
    SearchBar.-open {
        display: block;
    }
    """
    BINDINGS = [Binding("escape", "close", "Clear search")]

    def __init__(self, placeholder: str, results: str, *, id: str = "search") -> None:
        super().__init__(placeholder=placeholder, select_on_focus=False, id=id)
        self.results = results  # the selector of the list to focus after searching

    def open(self) -> None:
        self.add_class("-open")
        self.focus()

    @property
    def query_text(self) -> str:
        return self.value.strip() if self.has_class("-open") else ""

    def action_close(self) -> None:
        self.remove_class("-open")
        self.value = ""
        self.screen.query_one(self.results).focus()

    async def action_submit(self) -> None:
        self.screen.query_one(self.results).focus()
