"""Text in blocks, each a head (a mark, a number) and a body whose wrapped lines go on
under the body's first character, at the widget's width: the quiz's feedback, option by
option."""

from __future__ import annotations

from textual.content import Content

from ctcoach.tui.text import hang, join, plain
from ctcoach.tui.widgets.fitted import Fitted

Block = Content | tuple[Content, Content]  # a plain line, or a head and its body


class Hanging(Fitted):
    """Blocks separated by a blank line."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
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
