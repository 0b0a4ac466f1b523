"""The pitch builder: four parts, a live preview against the time band, checks,
saved versions, and a practice timer that learns the user's speaking rate."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static, TextArea

from ctcoach.model import PitchSettings
from ctcoach.pitch import MAX_KEPT, Pitch, PitchReport, make_pitch, timing
from ctcoach.records import Snapshot
from ctcoach.tui.base import CoachScreen, coach_app
from ctcoach.tui.confirm import ask
from ctcoach.tui.screens.pitch_practice import Band, PracticeScreen, RateScreen, settings_of
from ctcoach.tui.screens.pitch_versions import VersionsScreen
from ctcoach.tui.text import join, keeps_height, plain
from ctcoach.tui.widgets.footer import KeyFooter
from ctcoach.tui.widgets.titlebar import TitleBar
from ctcoach.tui.widgets.undo_input import UndoInput

__all__ = ["PitchScreen", "PracticeScreen", "RateScreen", "VersionsScreen"]
VARIANT_LABELS = {"spoken": "Spoken", "opener": "Poster or after a talk", "email": "Email"}


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


class PartArea(TextArea):
    """The pitch's part of several lines, which, like the one-line fields, tells the
    screen of each change at once (see :meth:`PitchScreen.field_changed`)."""

    on_change: Callable[[], None] | None = None

    def post_message(self, message: Message) -> bool:
        if isinstance(message, TextArea.Changed) and self.on_change is not None:
            self.on_change()
        return super().post_message(message)


PREVIEW = ("pitch-text", "pitch-checks", "pitch-variants")  # the parts under the form


class PitchScreen(CoachScreen[None]):
    AUTO_FOCUS = ""  # on_mount focuses the first field: Textual's would scroll its heading away
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "leave", "Back"),
        Binding("ctrl+t", "practice", "Practice"),
        Binding("ctrl+o", "versions", "Versions"),
        Binding("ctrl+r", "rate", "Speaking rate"),
    ]

    def compose(self) -> ComposeResult:
        settings = self.settings
        pitch = self.saved()  # the fields start with it: nothing to load after mounting
        yield TitleBar()
        with Vertical(id="pitch"):
            yield Static(id="pitch-summary")
            yield Band(id="pitch-band")
            with VerticalScroll(id="pitch-body"):
                for part in settings.parts:
                    yield Static(
                        join(plain(part.label, "bold"), "\n", plain(part.prompt, "$text-muted")),
                        classes="part",
                    )
                    placeholder = f"e.g. {part.example}"
                    text = pitch.text_of(part.id)
                    if part.id == "experiences":
                        area = PartArea(text, id="part-experiences", soft_wrap=True)
                        area.placeholder = placeholder + " (one per line)"
                        yield area
                    else:
                        yield UndoInput(
                            text, placeholder=placeholder, max_length=MAX_KEPT, id=f"part-{part.id}"
                        )
        yield KeyFooter()

    def __init__(self) -> None:
        super().__init__()
        self.previewed: tuple[Pitch, Snapshot] | None = None  # what the preview shows
        self.reported: tuple[Pitch, Snapshot, PitchReport] | None = None  # the last report
        self.loading = False  # the fields are being filled from a saved pitch
        self.drawn: dict[str, object] = {}  # each preview part as last drawn (see show)

    @property
    def settings(self) -> PitchSettings:
        return settings_of(self)

    def on_mount(self) -> None:
        self.title = "Pitch builder"
        self.update_preview()
        self.query_one("#part-who", Input).focus()
        for field in self.query(UndoInput):
            self.watch(field, "value", self.field_changed, init=False)
        self.query_one(PartArea).on_change = self.field_changed
        self.call_after_refresh(self.mount_preview)

    async def mount_preview(self) -> None:
        """The preview under the form, mounted once the form is on screen: on most
        terminals it is below the fold, and without it the form shows about 5 ms sooner
        (an eighth of the time the key takes). Each part is a heading and what is under
        it, in one widget: fewer widgets, sooner still."""
        if not self.is_attached or self.query(f"#{PREVIEW[0]}"):
            return
        body = self.query_one("#pitch-body", VerticalScroll)
        await body.mount_all(Static(id=name, classes="part") for name in PREVIEW)
        self.previewed = None  # draw it all, the new parts included
        self.update_preview()

    def on_screen_resume(self) -> None:
        self.update_preview()  # a practice run may have measured a new speaking rate

    def saved(self) -> Pitch:
        current = self.coach.current_pitch()
        return current[1] if current else Pitch()

    def load_current(self) -> None:
        """Show the current pitch; the preview is drawn once, not once per field."""
        pitch = self.saved()
        self.loading = True
        try:
            with self.prevent(TextArea.Changed):
                for part in ("who", "interests", "ask"):
                    self.query_one(f"#part-{part}", UndoInput).load(pitch.text_of(part))
                area = self.query_one("#part-experiences", TextArea)
                area.load_text(pitch.text_of("experiences"))
        finally:
            self.loading = False
        self.update_preview()

    def pitch(self) -> Pitch:
        return make_pitch(
            self.query_one("#part-who", Input).value,
            self.query_one("#part-interests", Input).value,
            self.query_one("#part-experiences", TextArea).text,
            self.query_one("#part-ask", Input).value,
        )

    def unsaved(self) -> str | None:
        if self.pitch() == self.saved():
            return None
        return "Your changes to the pitch are not saved (ctrl+s saves them)."

    def report(self) -> PitchReport:
        """The report on the pitch in the fields (the last one again, for the same pitch
        and store)."""
        pitch, snap = self.pitch(), self.coach.snapshot()
        if self.reported is not None and self.reported[1] is snap and self.reported[0] == pitch:
            return self.reported[2]
        result = self.coach.report_on(pitch, snap)
        assert result is not None, "the pitch builder opens only with pitch settings"
        self.reported = (pitch, snap, result)
        return result

    def update_preview(self) -> None:
        """Draw the preview of the pitch on screen, unless it and the store are the ones
        already drawn (the first resume after mounting, say)."""
        pitch, snap = self.pitch(), self.coach.snapshot()
        if self.previewed is not None and self.previewed[1] is snap and self.previewed[0] == pitch:
            return
        self.previewed = (pitch, snap)
        result = self.report()
        self.show("#pitch-summary", summary_line(self.settings, result))
        self.query_one("#pitch-band", Band).set(self.settings, result.seconds)
        self.show(
            "#pitch-text",
            plain(result.text) if result.text else plain("Fill in the parts above.", "dim"),
            "Your pitch",
        )
        self.show(
            "#pitch-checks",
            Content("\n").join(plain(f"• {c.message}") for c in result.checks)
            if result.checks
            else plain("✓ Every check passes.", "$success"),
            "Checks",
        )
        self.show(
            "#pitch-variants",
            Content("\n\n").join(
                join(plain(f"{VARIANT_LABELS.get(key, key.capitalize())}: ", "bold"), text)
                for key, text in result.variants.items()
                if key != "spoken"
            ),
            "Variants",
        )

    def show(self, selector: str, content: Content, heading: str = "") -> None:
        """Update one part of the preview if it changed (under ``heading``): a keystroke
        mostly changes the text and the variants, and each update costs a layout of the
        whole form."""
        shown = self.query(selector)
        if not shown:  # a part of the preview not mounted yet: mount_preview draws it
            return
        drawn = (content.plain, tuple(content.spans))
        if self.drawn.get(selector) != drawn:
            self.drawn[selector] = drawn
            if heading:
                content = join(plain(heading, "bold"), "\n", content)
            widget = shown.only_one(Static)
            # A part that keeps its height (the top line, mostly) is only repainted: a
            # layout of the whole form at each keystroke is most of what a letter costs.
            widget.update(content, layout=not keeps_height(widget, content))

    def field_changed(self) -> None:
        """A part's text changed: the preview follows at once, in the frame that shows
        the letter typed. (A field's Changed message reaches the screen only after that
        frame is drawn, and the preview came a frame later: 20-30 ms a letter.)"""
        if not self.loading:
            self.update_preview()

    def action_save(self) -> None:
        pitch = self.pitch()
        if pitch.is_empty():
            self.notify("Write at least one part before saving.", severity="warning")
            return
        current = self.coach.current_pitch()
        if current is not None and current[1] == pitch:
            self.notify("No changes since your current version: nothing new to save.")
            return
        with self.saving():
            self.coach.save_pitch(pitch)
            self.notify("Saved as a new version and made current.")

    def action_versions(self) -> None:
        def chosen(version_id: int | None) -> None:
            if version_id is None:
                self.update_preview()  # a rename or delete may have changed the current one
                return

            def make_current() -> None:
                with self.saving():
                    self.coach.set_current_pitch(version_id)
                    self.load_current()
                    self.notify("That version is now your current pitch.")

            if self.unsaved() is None:
                make_current()
            else:  # the fields would show that version instead: never without asking
                ask(
                    self,
                    "Make that version current? The changes on screen are not saved, "
                    "and the fields would show that version instead.",
                    "Replace my changes",
                    make_current,
                    no="Keep my changes",
                )

        self.app.push_screen(coach_app(self).take_ready(VersionsScreen), chosen)

    def action_practice(self) -> None:
        """Practice the pitch as it is on screen, saved or not."""
        result = self.report()
        if not result.text:
            self.notify("Write your pitch first, then practice it.", severity="warning")
            return
        note = "" if self.unsaved() is None else "Practicing the pitch on screen (not saved yet)."
        clock = getattr(coach_app(self), "clock", time.monotonic)
        self.app.push_screen(PracticeScreen(result.text, result.words, note, clock))

    def action_rate(self) -> None:
        def done(saved: bool | None) -> None:
            if saved:
                self.update_preview()

        self.app.push_screen(RateScreen(), done)
