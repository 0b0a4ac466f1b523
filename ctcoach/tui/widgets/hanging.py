"""Text in blocks, each a head (a mark, a number) and a body whose wrapped lines go on
under the body's first character: the quiz's feedback, option by option."""

from __future__ import annotations

from typing import cast

from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.widgets import Static

from ctcoach.tui.text import hang, join, plain

Block = Content | tuple[Content, Content]  # a plain line, or a head and its body


class Hanging(Static):
    """Blocks separated by a blank line, wrapped at the widget's own width whenever that
    changes."""

    DEFAULT_CSS = """
    Hanging {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)  # (Static's own text is not used)
        self.blocks: tuple[Block, ...] = ()

    def show(self, *blocks: Block) -> None:
        self.blocks = blocks
        self.refresh(layout=True)

    def text(self, width: int) -> Content:
        lines: list[Content | str] = []
        for block in self.blocks:
            if lines:
                lines.append("\n\n")
            lines.append(hang(*block, width) if isinstance(block, tuple) else block)
        return join(*lines) if lines else plain("")

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not self.blocks:
            return 0
        # the styles, as Textual's own widgets pass them (they answer a RulesMap's get)
        return self.text(width).get_height(cast("RulesMap", self.styles), width)

    def render(self) -> Content:
        return self.text(self.size.width)
