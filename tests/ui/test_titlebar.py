"""The title line at the top of each screen."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.command import CommandPalette

from ctcoach.tui.widgets.titlebar import TitleBar


class TitleApp(App[None]):
    TITLE = "ctcoach"

    def compose(self) -> ComposeResult:
        yield TitleBar()


def first_line(app: App[None]) -> str:
    return str(app.screen.query_one(TitleBar).render())


async def test_the_title_is_centered_and_follows_the_screen_title() -> None:
    app = TitleApp()
    async with app.run_test(size=(80, 24)) as pilot:
        line = first_line(app)
        assert line.startswith(" ⭘ ") and line.strip().endswith("ctcoach")
        assert line.index("ctcoach") == 8 + (80 - 8 - 10 - len("ctcoach")) // 2
        app.screen.title = "Action plan"
        app.screen.sub_title = "3 due"
        await pilot.pause()
        assert "Action plan — 3 due" in first_line(app)


async def test_a_long_title_ends_in_an_ellipsis_on_a_narrow_terminal() -> None:
    app = TitleApp()
    async with app.run_test(size=(30, 10)) as pilot:
        app.screen.title = "A title far longer than the room it has"
        await pilot.pause()
        line = first_line(app)
        assert line.rstrip().endswith("…") and len(line.rstrip()) <= 30 - 10


async def test_a_click_on_the_icon_opens_the_command_palette() -> None:
    app = TitleApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click(TitleBar, offset=(30, 0))  # the title: nothing
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
