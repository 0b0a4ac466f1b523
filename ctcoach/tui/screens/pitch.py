"""The pitch builder: four parts, a live preview against the time band, checks,
saved versions, and a practice timer that learns the user's speaking rate."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.timer import Timer
from textual.widgets import (
    Footer,
    Header,
    Input,
    Label,
    ListItem,
    ListView,
    Static,
    TextArea,
)

from ctcoach.model import PitchSettings
from ctcoach.pitch import (
    Pitch,
    PitchReport,
    Practice,
    make_pitch,
    parse_wpm,
    report,
    timing,
)
from ctcoach.tui.base import CoachModal, CoachScreen, coach_app
from ctcoach.tui.screens.dialogs import FormDialog
from ctcoach.tui.text import join, plain


def settings_of(node: DOMNode) -> PitchSettings:
    """The pack's pitch settings; the app opens pitch screens only when there are some."""
    settings = coach_app(node).coach.pack.pitch
    assert settings is not None, "the app checks for a pitch section before opening"
    return settings


BAND_WIDTH = 40  # cells for 0–40 seconds in the band and timer bars
BAND_SPAN = 40.0


def band(settings: PitchSettings, seconds: float) -> Content:
    """A 0–40 s ruler with the 20 s and 30 s marks and where ``seconds`` falls."""
    cells = []
    position = min(int(seconds / BAND_SPAN * BAND_WIDTH), BAND_WIDTH - 1)
    low = int(settings.min_seconds / BAND_SPAN * BAND_WIDTH)
    high = int(settings.max_seconds / BAND_SPAN * BAND_WIDTH)
    inside = timing(settings, seconds) == "inside"
    for n in range(BAND_WIDTH):
        if n == position:
            cells.append(plain("●", "bold $success" if inside else "bold $error"))
        elif n in (low, high):
            cells.append(plain("┃", "bold"))
        elif low < n < high:
            cells.append(plain("━", "$success 60%"))
        else:
            cells.append(plain("─", "dim"))
    label = plain(f"  {settings.min_seconds}–{settings.max_seconds} s", "dim")
    return join(*cells, label)


def summary_line(settings: PitchSettings, result: PitchReport) -> Content:
    rate = f"{result.wpm:.0f} wpm" + (" (your measured rate)" if result.measured else "")
    inside = timing(settings, result.seconds) == "inside"
    verdict = (
        plain("✓ ready", "bold $success")
        if result.ok
        else plain(f"{len(result.checks)} to fix", "bold $warning")
    )
    length = plain(f"about {result.seconds:.0f} s", "bold" if inside else "bold $error")
    return join(f"{result.words} words · ", length, f" at {rate} · ", verdict)


class PitchScreen(CoachScreen[None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save version"),
        Binding("ctrl+o", "versions", "Versions"),
        Binding("ctrl+t", "practise", "Practise"),
        Binding("ctrl+r", "rate", "Speaking rate"),
        Binding("escape", "app.go_back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        settings = self.settings
        yield Header()
        with Vertical(id="pitch"):
            yield Static(id="pitch-summary")
            yield Static(id="pitch-band")
            with VerticalScroll(id="pitch-body"):
                for part in settings.parts:
                    yield Static(plain(part.label, "bold"), classes="prompt")
                    yield Static(plain(part.prompt), classes="help")
                    placeholder = f"e.g. {part.example}"
                    if part.id == "experiences":
                        area = TextArea(id="part-experiences", soft_wrap=True)
                        area.placeholder = placeholder + " (one per line)"
                        yield area
                    else:
                        yield Input(placeholder=placeholder, id=f"part-{part.id}")
                yield Static(plain("Your pitch", "bold"), classes="prompt")
                yield Static(id="pitch-text")
                yield Static(plain("Checks", "bold"), classes="prompt")
                yield Static(id="pitch-checks")
                yield Static(plain("Variants", "bold"), classes="prompt")
                yield Static(id="pitch-variants")
        yield Footer()

    @property
    def settings(self) -> PitchSettings:
        return settings_of(self)

    def on_mount(self) -> None:
        self.title = "Pitch builder"
        self.load_current()
        self.query_one("#part-who", Input).focus()

    def on_screen_resume(self) -> None:
        self.update_preview()  # a practice run may have measured a new speaking rate

    def load_current(self) -> None:
        current = self.coach.current_pitch()
        pitch: Pitch = current[1] if current else Pitch()
        for part in ("who", "interests", "ask"):
            self.query_one(f"#part-{part}", Input).value = pitch.text_of(part)
        self.query_one("#part-experiences", TextArea).text = pitch.text_of("experiences")
        self.update_preview()

    def pitch(self) -> Pitch:
        return make_pitch(
            self.query_one("#part-who", Input).value,
            self.query_one("#part-interests", Input).value,
            self.query_one("#part-experiences", TextArea).text,
            self.query_one("#part-ask", Input).value,
        )

    def report(self) -> PitchReport:
        coach = self.coach
        profile = coach.profile_or_none()
        return report(
            self.settings,
            self.pitch(),
            profile.name if profile else "",
            coach.practices(),
            coach.wpm_setting(),
        )

    def update_preview(self) -> None:
        result = self.report()
        self.query_one("#pitch-summary", Static).update(summary_line(self.settings, result))
        self.query_one("#pitch-band", Static).update(band(self.settings, result.seconds))
        self.query_one("#pitch-text", Static).update(
            plain(result.text) if result.text else plain("Fill in the parts above.", "dim")
        )
        self.query_one("#pitch-checks", Static).update(
            Content("\n").join(plain(f"• {c.message}") for c in result.checks)
            if result.checks
            else plain("✓ Every check passes.", "$success")
        )
        labels = {"spoken": "Spoken", "opener": "Poster or after a talk", "email": "Email"}
        self.query_one("#pitch-variants", Static).update(
            Content("\n\n").join(
                join(plain(f"{labels.get(key, key.capitalize())}: ", "bold"), text)
                for key, text in result.variants.items()
                if key != "spoken"
            )
        )

    def on_input_changed(self, _: Input.Changed) -> None:
        self.update_preview()

    def on_text_area_changed(self, _: TextArea.Changed) -> None:
        self.update_preview()

    def action_save(self) -> None:
        pitch = self.pitch()
        if pitch.is_empty():
            self.notify("Write at least one part before saving.", severity="warning")
            return
        with self.saving():
            self.coach.save_pitch(pitch)
            self.notify("Saved as a new version and made current.")

    def action_versions(self) -> None:
        def chosen(version_id: int | None) -> None:
            if version_id is not None:
                with self.saving():
                    self.coach.set_current_pitch(version_id)
                    self.load_current()
                    self.notify("That version is now your current pitch.")

        self.app.push_screen(VersionsScreen(), chosen)

    def action_practise(self) -> None:
        current = self.coach.current_pitch()
        if current is None:
            self.notify("Save your pitch first (ctrl+s), then practise it.", severity="warning")
            return
        self.app.push_screen(PracticeScreen(getattr(self.app, "clock", time.monotonic)))

    def action_rate(self) -> None:
        def done(saved: bool | None) -> None:
            if saved:
                self.update_preview()

        self.app.push_screen(RateScreen(), done)


class VersionRow(ListItem):
    def __init__(self, version_id: int, label: Content) -> None:
        super().__init__(Label(label))
        self.version_id = version_id


class VersionsScreen(CoachModal[int | None]):
    """Saved versions; Enter makes one current."""

    BINDINGS = [Binding("escape", "dismiss_none", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain("Saved versions — Enter makes one current", "bold"))
            yield ListView(id="versions")
        yield Footer()

    def on_mount(self) -> None:
        coach = self.coach
        settings = settings_of(self)
        current = coach.current_pitch()
        profile = coach.profile_or_none()
        name = profile.name if profile else ""
        practices, wpm = coach.practices(), coach.wpm_setting()
        view = self.query_one("#versions", ListView)
        rows: list[ListItem] = []
        for version in reversed(coach.pitch_versions()):
            version_id, saved = version.id, version.saved
            result = report(settings, version.pitch, name, practices, wpm)
            mark = "  ✓ current" if current and current[0] == version_id else ""
            status = "ready" if result.ok else f"{len(result.checks)} to fix"
            label = plain(
                f"{saved.isoformat()} · {result.words} words · "
                f"about {result.seconds:.0f} s · {status}{mark}"
            )
            rows.append(VersionRow(version_id, join(label, "\n", plain(result.text[:120], "dim"))))
        view.extend(rows)
        if not rows:
            view.append(ListItem(Label("No saved versions yet."), disabled=True))
        view.focus()

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        event.stop()
        if isinstance(event.item, VersionRow):
            self.dismiss(event.item.version_id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class RateScreen(FormDialog[bool]):
    """Set the words-a-minute rate used until a practice measures the real one."""

    def compose(self) -> ComposeResult:
        coach = self.coach
        current = coach.wpm_setting() or settings_of(self).rate_wpm
        with Vertical(classes="dialog"):
            yield Static(plain("Speaking rate, in words a minute (60–300)", "bold"))
            yield Static(
                plain(
                    "Most people speak 125–150. A timed practice replaces this with your "
                    "measured rate."
                ),
                classes="help",
            )
            yield Input(f"{current:.0f}", id="wpm")
            yield Static("", classes="error")
        yield Footer()

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
    """The current pitch, large, with a timer: Space starts and stops it."""

    BINDINGS = [
        Binding("space", "toggle_timer", "Start / stop"),
        Binding("escape", "app.go_back", "Back"),
    ]

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.clock = clock
        self.started: float | None = None
        self.ticker: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="practice"):
            yield Static(id="practice-text")
            yield Static(id="practice-time")
            yield Static(id="practice-band")
            yield Static(id="practice-result")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Practise your pitch"
        coach = self.coach
        result = coach.pitch_report()
        self.words = result.words if result else 0
        self.query_one("#practice-text", Static).update(plain(result.text if result else ""))
        self.query_one("#practice-result", Static).update(
            plain("Press Space and start speaking; press Space again when you finish.", "dim")
        )
        self.show_time(0.0)

    def show_time(self, seconds: float) -> None:
        settings = settings_of(self)
        self.query_one("#practice-time", Static).update(plain(f"{seconds:5.1f} s", "bold"))
        self.query_one("#practice-band", Static).update(band(settings, seconds))

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
        band = timing(settings, practice.seconds)
        if band == "over":
            verdict = plain(f"over {settings.max_seconds} s — trim it", "bold $error")
        elif band == "under":
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
