"""A one-line field that never selects its text on entry and undoes with ctrl+z."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.widgets import Input

MAX_UNDO = 200


class UndoInput(Input):
    """Tab into a filled field leaves its text alone, and ctrl+z steps back through what
    it held, so no key press can wipe a part for good."""

    BINDINGS = [Binding("ctrl+z", "undo", "Undo typing", show=False)]

    def __init__(self, value: str = "", **kwargs: Any) -> None:
        self.history: list[str] = [value]  # first: Input's __init__ sets the value
        if not kwargs.get("validators"):
            # Setting the value marks a field without validators "-valid". Marked so from
            # the start, the field is not styled then (as it is again once mounted):
            # about 1 ms a field, on a screen that opens.
            kwargs["classes"] = " ".join(filter(None, (kwargs.get("classes"), "-valid")))
        super().__init__(value, select_on_focus=False, **kwargs)

    def load(self, value: str) -> None:
        """Show ``value`` as the starting point, with nothing to undo."""
        self.history = [value]
        self.value = value

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        if self.history[-1] != value:
            self.history = [*self.history[-MAX_UNDO:], value]

    def action_undo(self) -> None:
        if len(self.history) > 1:
            self.history.pop()
            self.value = self.history[-1]
            self.cursor_position = len(self.value)
