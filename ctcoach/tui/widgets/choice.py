"""A radio button whose label wraps onto as many lines as it needs."""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import RadioButton


class WrapRadioButton(RadioButton):
    """Textual's RadioButton is always one line tall; long answers need more."""

    DEFAULT_CSS = """
    WrapRadioButton {
        width: 100%;
        height: auto;
        text-wrap: wrap;
        text-overflow: fold;
    }
    """

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, self.render().get_height(self.styles, width))  # type: ignore[arg-type]
