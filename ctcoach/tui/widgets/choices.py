"""Lists to answer with: pick one (the highlighted option is the answer) or pick many
(Space ticks). Arrows move, digits pick, y / n answer yes-no lists. Enter is left to the
screen, where it always means "continue"."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList

from ctcoach.tui.text import hang, plain

MOVE = [
    Binding("down", "cursor_down", "Down", show=False),
    Binding("up", "cursor_up", "Up", show=False),
    Binding("home", "first", "First", show=False),
    Binding("end", "last", "Last", show=False),
    Binding("pagedown", "page_down", "Page down", show=False),
    Binding("pageup", "page_up", "Page up", show=False),
]
DIGITS = [Binding(str(n), f"pick({n - 1})", show=False) for n in range(1, 10)]


class _Answers(OptionList, inherit_bindings=False):
    """Options drawn with a mark that shows their state without color."""

    BINDINGS = [*MOVE, *DIGITS]
    DEFAULT_CSS = """
    _Answers {
        height: auto;
        max-height: 100%;
        padding: 0;
    }
    """

    def __init__(
        self, labels: Sequence[str], *, numbered: bool = False, id: str | None = None
    ) -> None:
        self.labels = list(labels)
        self.numbered = numbered
        self.ready = False
        self.wrapped_at = 0  # the width the labels were wrapped for (0: not laid out yet)
        super().__init__(*(self.prompt(n) for n in range(len(self.labels))), id=id)
        self.ready = True

    def mark(self, index: int) -> str:
        return ""

    def prompt(self, index: int) -> Content:
        """A cursor (›) on the highlighted option, so it shows without color too. A label
        too long for one line goes on under its own first word, not under the cursor."""
        cursor = "› " if self.ready and index == self.highlighted else "  "
        head = plain(cursor + self.mark(index) + (f"{index + 1}  " if self.numbered else ""))
        return hang(head, plain(self.labels[index]), self.wrapped_at)

    def scroll_to_highlight(self, top: bool = False) -> None:
        super().scroll_to_highlight(top)
        self.call_after_refresh(self.show_highlighted)

    def show_highlighted(self) -> None:
        """Bring the highlighted option into view where a container around the list
        scrolls rather than the list itself (a quiz on a short terminal, whose question
        stays in view above the answers until the highlight moves below the fold)."""
        index = self.highlighted
        if index is None or not self.has_focus or not self.wrapped_at:
            return  # (a list not in use leaves the view where the screen put it)
        lines = [str(self.get_option_at_index(n).prompt).count("\n") + 1 for n in range(index + 1)]
        inside = self.content_region
        top = inside.y + sum(lines[:-1]) - round(self.scroll_offset.y)  # on the screen
        for ancestor in self.ancestors:
            if isinstance(ancestor, Widget) and ancestor.max_scroll_y > 0:
                box = ancestor.content_region
                y = top - box.y + round(ancestor.scroll_offset.y)  # in its scrolled content
                ancestor.scroll_to_region(
                    Region(0, y, box.width, lines[-1]), animate=False, immediate=True
                )
                return

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width != self.wrapped_at:  # the labels wrap at the new width (a height change
            self.wrapped_at = width  # alone wraps nothing anew)
            self.redraw()

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if self.ready:
            self.redraw()

    def redraw(self) -> None:
        for index in range(self.option_count):
            self.replace_option_prompt_at_index(index, self.prompt(index))

    def action_pick(self, index: int) -> None:
        if 0 <= index < self.option_count and not self.disabled:
            self.highlighted = index
            self.picked(index)

    def picked(self, index: int) -> None:
        """A digit, a y / n or a click chose option ``index``."""

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # only a click selects: Enter is not bound here
        self.picked(event.option_index)


class ChoiceList(_Answers):
    """Pick one. The highlighted option is the answer, marked (•); it starts on
    ``selected``. A digit, y / n or a click posts :class:`Picked`."""

    class Picked(Message):
        def __init__(self, choices: ChoiceList, index: int) -> None:
            super().__init__()
            self.choices = choices
            self.index = index

        @property
        def control(self) -> ChoiceList:
            return self.choices

    def __init__(
        self,
        labels: Sequence[str],
        selected: int | None = None,
        *,
        marks: bool = True,
        numbered: bool = False,
        yes_no: tuple[int, int] | None = None,
        id: str | None = None,
    ) -> None:
        self.marks = marks
        super().__init__(labels, numbered=numbered, id=id)
        if yes_no is not None:
            self._bindings.bind("y", f"pick({yes_no[0]})", show=False)
            self._bindings.bind("n", f"pick({yes_no[1]})", show=False)
        self.highlighted = selected  # OptionList starts on the first option; we start on ours
        self.redraw()

    def mark(self, index: int) -> str:
        if not self.marks:
            return ""
        return "(•) " if self.ready and index == self.highlighted else "( ) "

    def picked(self, index: int) -> None:
        self.post_message(self.Picked(self, index))

    @property
    def index(self) -> int | None:
        return self.highlighted


class MultiChoice(_Answers):
    """Pick any: Space (or a digit, or a click) ticks the highlighted option, marked [x].
    Ticking an ``exclusive`` option unticks the others, and the other way round."""

    BINDINGS = [Binding("space", "tick", "Tick")]  # shown: Enter moves on, Space ticks

    class Changed(Message):
        def __init__(self, choices: MultiChoice) -> None:
            super().__init__()
            self.choices = choices

        @property
        def control(self) -> MultiChoice:
            return self.choices

    def __init__(
        self,
        options: Sequence[tuple[Any, str]],
        chosen: Collection[Any] = (),
        *,
        exclusive: Collection[Any] = (),
        id: str | None = None,
    ) -> None:
        self.values = [value for value, _ in options]
        self.chosen = {v for v in self.values if v in chosen}
        self.exclusive = set(exclusive)
        super().__init__([label for _, label in options], id=id)
        self.highlighted = 0 if options else None
        self.redraw()

    def mark(self, index: int) -> str:
        return "[x] " if self.values[index] in self.chosen else "[ ] "

    @property
    def selected(self) -> list[Any]:
        return [v for v in self.values if v in self.chosen]

    def action_tick(self) -> None:
        if self.highlighted is not None and not self.disabled:
            self.picked(self.highlighted)

    def picked(self, index: int) -> None:
        value = self.values[index]
        if value in self.chosen:
            self.chosen.discard(value)
        elif value in self.exclusive:
            self.chosen = {value}
        else:
            self.chosen = (self.chosen - self.exclusive) | {value}
        self.redraw()
        self.post_message(self.Changed(self))
