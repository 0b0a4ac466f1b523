"""The one-line field of the pitch builder: ctrl+z steps back, and it is marked valid or
not exactly as Textual's own Input marks itself."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.validation import Function
from textual.widgets import Input

from ctcoach.tui.widgets.undo_input import UndoInput

NEEDS_TEXT = Function(bool, "needs text")


class Fields(App[None]):
    def compose(self) -> ComposeResult:
        yield UndoInput("first", id="plain", classes="wide")
        yield Input("first", id="plain-input", classes="wide")
        yield UndoInput("x", id="checked", validators=[NEEDS_TEXT])
        yield Input("x", id="checked-input", validators=[NEEDS_TEXT])


def marks(app: Fields, name: str) -> tuple[set[str], set[str]]:
    ours, textual = app.query_one(f"#{name}"), app.query_one(f"#{name}-input")
    return set(ours.classes) - {"-textual-compact"}, set(textual.classes) - {"-textual-compact"}


async def test_valid_marks_match_textuals_input_and_ctrl_z_steps_back():
    app = Fields()
    async with app.run_test() as pilot:
        for name in ("plain", "checked"):
            ours, textual = marks(app, name)
            assert ours == textual and "-valid" in ours
        checked = app.query_one("#checked", UndoInput)
        checked.focus()
        await pilot.press("backspace")
        assert checked.has_class("-invalid") and not checked.has_class("-valid")
        await pilot.press("ctrl+z")
        assert checked.value == "x" and checked.has_class("-valid")
        plain = app.query_one("#plain", UndoInput)
        plain.focus()
        await pilot.press("end", "!")
        assert plain.value == "first!"
        await pilot.press("ctrl+z")
        assert plain.value == "first" and marks(app, "plain")[0] == {"wide", "-valid"}
