"""The title line at the top of every screen, as one widget.

It looks like Textual's ``Header`` (the command palette's icon on the left, the title in
the middle of the rest) but draws itself: ``Header`` is four widgets, and every screen
pays for each widget it mounts when it opens."""

from __future__ import annotations

from textual.content import Content
from textual.events import Click
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8  # as Header's: the icon with room to click it
RIGHT = 10  # Header keeps room for a clock on the right; the title centers between


class TitleBar(Widget):
    """The app's title, or the screen's, and its sub-title; a click on the icon opens
    the command palette."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            for name in ("title", "sub_title"):
                self.watch(node, name, self.refresh_title, init=False)

    def refresh_title(self) -> None:
        self.refresh()

    def title(self) -> Content:
        screen = self.screen
        title = screen.title if screen.title is not None else self.app.title
        sub = screen.sub_title if screen.sub_title is not None else self.app.sub_title
        return self.app.format_title(title, sub)

    def render(self) -> Content:
        width = self.size.width
        icon = Content(f" {ICON}".ljust(ICON_WIDTH)) if self.palette() else Content(" " * 8)
        room = max(0, width - ICON_WIDTH - RIGHT)
        title = self.title()
        if title.cell_length > room:
            title = title.truncate(max(0, room - 1)) + "…" if room else Content("")
        left = (room - title.cell_length) // 2
        return Content.assemble(icon, " " * left, title)

    def palette(self) -> bool:
        return bool(self.app.ENABLE_COMMAND_PALETTE)

    async def on_click(self, event: Click) -> None:
        event.stop()
        if event.x < ICON_WIDTH and self.palette():
            await self.run_action("app.command_palette")
