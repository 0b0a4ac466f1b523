"""A Static whose text is made for the width it has, again whenever that changes (the quiz
feedback's hanging lines, the pitch's time ruler)."""

from __future__ import annotations

from typing import cast

from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.widgets import Static


class Fitted(Static):
    """Subclasses say what they show at a width (:meth:`text`); Static's own text is not
    used."""

    DEFAULT_CSS = """
    Fitted {
        height: auto;
    }
    """

    def text(self, width: int) -> Content:
        raise NotImplementedError

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        text = self.text(width)
        if not text.plain:
            return 0  # nothing to show yet: no line
        # the styles, as Textual's own widgets pass them (they answer a RulesMap's get)
        return text.get_height(cast(RulesMap, self.styles), width)

    def render(self) -> Content:
        return self.text(self.size.width)
