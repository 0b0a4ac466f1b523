"""Build a CoachApp on a temporary store with a fixed date, and read what it shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Label, OptionList, Static

from ctcoach.coach import Coach
from ctcoach.model import Pack
from ctcoach.store import Store
from ctcoach.tui.app import CoachApp

from ..helpers import TODAY, make_profile


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def build_app(
    pack: Pack,
    data_dir: Path,
    cwd: Path,
    profile: dict[str, Any] | None = None,
    clock: FakeClock | None = None,
    ahead: bool = False,
) -> CoachApp:
    """An app on ``pack`` whose store is ``data_dir``, with ``profile`` saved when given.
    Screens are built ahead of their keys only with ``ahead`` (tests/ui/test_tui_ready.py):
    elsewhere, building them in the background would race the test's own keys."""
    coach = Coach(pack, Store(data_dir), lambda: TODAY)
    if profile is not None:  # as onboarding saves it: a "next conference" becomes an event
        coach.save_profile(make_profile(pack, **profile))
    return CoachApp(coach, cwd=cwd, clock=clock or FakeClock(), ahead=ahead)


def screen_text(app: CoachApp) -> str:
    """Everything the current screen shows in its Static and Label widgets and its lists
    of follow-ups, mentors and guide topics, as plain text."""
    parts = []
    for widget in app.screen.query(Static):
        if isinstance(widget, Static | Label):
            parts.append(str(widget.render()))
    for options in app.screen.query("#due-list, #mentor-list, #topics").results(OptionList):
        parts += [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    return "\n".join(parts)


async def enter_text(pilot: Pilot[Any], text: str) -> None:
    """Put ``text`` into the focused input at its cursor, as typing it does, without a key
    event per character (Pilot waits for the app to go idle after every key). Typing key
    by key is tested where it matters: onboarding and the live pitch preview."""
    field = pilot.app.focused
    assert isinstance(field, Input), f"{field!r} is not an input"
    field.insert_text_at_cursor(text)
    await pilot.pause()


async def until(pilot: Pilot[Any], done: Callable[[], bool], what: str) -> None:
    """Let the app run until ``done()``: for what happens a refresh or two after a key or
    a start (one ``pause`` is usually enough, but not on a busy machine)."""
    for _ in range(200):
        if done():
            return
        await pilot.pause()
    raise AssertionError(f"never happened: {what}")


def no_blink(app: CoachApp) -> None:
    for field in app.screen.query(Input):
        field.cursor_blink = False


async def answer_all(pilot: Pilot[Any], name: str = "Sam Lee") -> None:
    """Complete onboarding: name, stage MS3, defaults, tick one interest. Enter continues."""
    app = pilot.app
    await pilot.press(*name, "enter")  # name
    await pilot.press("3", "enter")  # stage: MS3
    await pilot.press("enter")  # institution: skip
    await pilot.press("enter")  # home program: default yes
    await pilot.press("space", "enter")  # interests: adult cardiac
    await pilot.press("enter")  # track: the default, not decided
    await pilot.press("enter")  # comfort: default 3
    await pilot.press("enter")  # hours: default 3
    await pilot.press("enter")  # societies: none
    await pilot.press("enter")  # conference: none
    assert "Check your answers" in screen_text(app)
    await pilot.press("enter")  # save
    await pilot.pause()
