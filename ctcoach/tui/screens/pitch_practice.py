"""Timing the pitch: the 20–30 second band, the practice timer that measures the user's
speaking rate, and the dialog that sets that rate by hand."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.timer import Timer
from textual.widgets import Input, Static

from ctcoach.model import PitchSettings
from ctcoach.pitch import Practice, parse_wpm, timing
from ctcoach.tui.base import CoachScreen, coach_app
from ctcoach.tui.screens.dialogs import FormDialog
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.fitted import Fitted
from ctcoach.tui.widgets.footer import KeyFooter
from ctcoach.tui.widgets.titlebar import TitleBar

BAND_WIDTH = 40  # cells in the band and timer bars
MIN_BAND = 12  # a ruler narrower than this puts its label under it


def band_span(settings: PitchSettings) -> float:
    """Seconds the ruler covers: a third beyond the pack's longest pitch (30 s → 40 s)."""
    return settings.max_seconds * 4 / 3


def settings_of(node: DOMNode) -> PitchSettings:
    """The pack's pitch settings; the app opens pitch screens only when there are some."""
    settings = coach_app(node).coach.pack.pitch
    assert settings is not None, "the app checks for a pitch section before opening"
    return settings


def band(settings: PitchSettings, seconds: float, width: int = 0) -> Content:
    """A ruler with the pack's shortest and longest marks and where ``seconds`` falls,
    its label beside it, in ``width`` cells (0: the full ruler); narrower than the full
    ruler and label, the ruler shrinks, and where even a short one leaves no room for the
    label, the label goes under it."""
    label = plain(f"{settings.min_seconds}–{settings.max_seconds} s", "dim")
    room = width - label.cell_length - 2 if width else BAND_WIDTH
    cells_wide = min(BAND_WIDTH, room)
    under = cells_wide < MIN_BAND
    if under:  # the label on a line of its own
        cells_wide = max(1, min(BAND_WIDTH, width))
    cells = []
    span = band_span(settings)
    position = min(int(seconds / span * cells_wide), cells_wide - 1)
    low = int(settings.min_seconds / span * cells_wide)
    high = int(settings.max_seconds / span * cells_wide)
    inside = timing(settings, seconds) == "inside"
    for n in range(cells_wide):
        if n == position:
            cells.append(plain("●", "bold $success" if inside else "bold $error"))
        elif n in (low, high):
            cells.append(plain("┃", "bold"))
        elif low < n < high:
            cells.append(plain("━", "$success 60%"))
        else:
            cells.append(plain("─", "dim"))
    return join(*cells, "\n" if under else "  ", label)


class Band(Fitted):
    """The ruler of :func:`band`, at the widget's width."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.at: tuple[PitchSettings, float] | None = None

    def set(self, settings: PitchSettings, seconds: float) -> None:
        if self.at != (settings, seconds):
            # its height depends on the width alone: a new time needs only a repaint
            self.refresh(layout=self.at is None)
            self.at = (settings, seconds)

    def text(self, width: int) -> Content:
        return band(*self.at, width) if self.at is not None else plain("")


class RateScreen(FormDialog[bool]):
    """Set the words-a-minute rate; it counts until a later practice measures a new one."""

    def compose(self) -> ComposeResult:
        coach = self.coach
        current = coach.wpm_setting() or settings_of(self).rate_wpm
        with Vertical(classes="dialog"):
            yield Static(plain("Speaking rate, in words a minute (60–300)", "bold"))
            yield Static(
                plain(
                    "Most people speak 125–150. Estimates use this rate until your next timed "
                    "practice measures your real one."
                ),
                classes="help",
            )
            yield Input(f"{current:.0f}", id="wpm")
            yield Static("", classes="error")
        yield KeyFooter()

    def values(self) -> object:
        return self.query_one("#wpm", Input).value

    def cancel_value(self) -> bool:
        return False

    def action_save(self) -> None:
        try:
            wpm = parse_wpm(self.query_one("#wpm", Input).value)
        except ValueError as exc:
            self.show_error(str(exc))
            return
        with self.saving():
            self.coach.set_wpm(wpm)
            self.dismiss(True)


class PracticeScreen(CoachScreen[None]):
    """The pitch as it is on screen, large, with a timer: Space starts and stops it."""

    BINDINGS = [
        Binding("space", "toggle_timer", "Start / stop"),
        Binding("escape", "app.go_back", "Back"),
    ]

    def __init__(
        self, text: str, words: int, note: str = "", clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__()
        self.text, self.words, self.note = text, words, note
        self.clock = clock
        self.started: float | None = None
        self.ticker: Timer | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="practice"):
            if self.note:
                yield Static(plain(self.note), classes="notice")
            yield Static(plain(self.text), id="practice-text")
            yield Static(id="practice-time")
            yield Band(id="practice-band")
            yield Static(id="practice-result")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "Practice your pitch"
        self.query_one("#practice-result", Static).update(
            plain("Press Space and start speaking; press Space again when you finish.", "dim")
        )
        self.show_time(0.0)

    def show_time(self, seconds: float) -> None:
        settings = settings_of(self)
        self.query_one("#practice-time", Static).update(plain(f"{seconds:5.1f} s", "bold"))
        self.query_one("#practice-band", Band).set(settings, seconds)

    def tick(self) -> None:
        if self.started is not None:
            self.show_time(self.clock() - self.started)

    def action_toggle_timer(self) -> None:
        if self.started is None:
            self.started = self.clock()
            self.ticker = self.set_interval(0.1, self.tick)
            self.query_one("#practice-result", Static).update(plain("Speaking… Space to stop."))
            return
        seconds = self.clock() - self.started
        self.started = None
        if self.ticker is not None:
            self.ticker.stop()
        self.show_time(seconds)
        self.finish(seconds)

    def finish(self, seconds: float) -> None:
        result = self.query_one("#practice-result", Static)
        if seconds < 2 or self.words == 0:
            result.update(plain("Too short to measure; nothing was saved. Try again.", "$warning"))
            return
        with self.saving():
            self.show_practice(self.coach.record_practice(seconds, self.words))

    def show_practice(self, practice: Practice) -> None:
        settings = settings_of(self)
        result = self.query_one("#practice-result", Static)
        where = timing(settings, practice.seconds)
        if where == "over":
            verdict = plain(f"over {settings.max_seconds} s — trim it", "bold $error")
        elif where == "under":
            verdict = plain(
                f"under {settings.min_seconds} s — slow down or add detail", "bold $warning"
            )
        else:
            verdict = plain("inside the band", "bold $success")
        if practice.plausible:
            rate = (
                f". Your speaking rate is {practice.wpm:.0f} words a minute; "
                "estimates now use it. Space to try again."
            )
        else:
            rate = (
                f". That is {practice.wpm:.0f} words a minute, which is not a full "
                "run-through, so estimates keep their rate. Space to try again."
            )
        result.update(join(f"{practice.seconds:.1f} s: ", verdict, rate))
