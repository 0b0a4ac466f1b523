"""First run: the onboarding questions, one per step, then a summary to confirm."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Static

from ctcoach.model import Pack, Profile
from ctcoach.profile import summary, validate_answers
from ctcoach.tui.base import CoachScreen
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.footer import KeyFooter
from ctcoach.tui.widgets.question import QuestionField
from ctcoach.tui.widgets.titlebar import TitleBar

BAR = 32  # cells, as Textual's progress bar


def progress(title: str, done: int, total: int) -> Content:
    """The step's title over a bar of how far along the answers are (one widget: a
    Textual progress bar is three, and this screen is the first a new user sees)."""
    filled = BAR * done // total if total else BAR
    percent = 100 * done // total if total else 100
    return join(
        plain(title),
        "\n",
        plain("━" * filled, "$primary"),
        plain("─" * (BAR - filled), "$foreground 30%"),  # thinner: plain without color too
        plain(f" {percent}%", "$foreground"),
    )


class OnboardingScreen(CoachScreen[Profile | None]):
    """Asks every question; dismisses with the confirmed profile (nothing is saved here)."""

    BINDINGS = [
        Binding("enter", "next", "Next"),
        Binding("enter", "save", "Save"),
        Binding("escape", "back", "Back"),
        Binding("ctrl+n", "next", "Next", show=False),
    ]

    def __init__(self, pack: Pack, existing: Profile | None = None, notice: str = "") -> None:
        super().__init__()
        self.pack = pack
        self.questions = pack.questions
        self.answers: dict[str, Any] = dict(existing.answers) if existing else {}
        self.started = bool(existing)  # an existing profile's answers are on the table
        self.shown_raw: Any = None  # the question on screen's answer as it appeared
        self.notice = notice
        self.step = 0
        self.opened_with = existing  # answers brought back (after a save that failed)
        self.seen = existing  # the newest saved profile this screen knows of

    @property
    def total(self) -> int:
        return len(self.questions)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":
            return self.step >= self.total
        if action == "next":
            return self.step < self.total
        if action == "back":
            return self.step > 0  # nothing before the first question: no "esc Back" there
        return super().check_action(action, parameters)

    def unsaved(self) -> str | None:
        if self.step == 0 and not self.started and not self.edited():
            return None
        return "Your answers so far will not be saved."

    def edited(self) -> bool:
        """Whether the question on screen holds something not yet answered with Enter
        (a name typed, say), as against what it showed when it appeared."""
        field = next(iter(self.query("#field").results(QuestionField)), None)
        return field is not None and field.raw() != self.shown_raw

    def touched(self) -> bool:
        """Whether the screen holds answers of the person's: given, typed, or brought back
        after a save that failed."""
        return self.opened_with is not None or bool(self.answers) or self.edited()

    def refresh_data(self) -> None:
        """Another ctcoach (a second window, ``ctcoach onboard``) saved a profile while
        this screen is open. Untouched, a first run goes on to the plan. Answers in
        progress are kept, and the person is told that saving them replaces the other
        profile."""
        saved = self.coach.profile_or_none()
        if saved is None or saved == self.seen:
            return
        self.seen = saved
        if self.touched():
            self.app.notify(
                "A profile was just saved in another ctcoach window; "
                "saving your answers here will replace it.",
                severity="warning",
                markup=False,
            )
            return
        from ctcoach.tui.screens.dashboard import DashboardScreen

        self.app.switch_screen(DashboardScreen())
        self.app.notify("Your profile was saved in another window. Here is your plan.")

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="wizard"):
            yield Static(id="progress-label")
            if self.notice:
                yield Static(plain(self.notice), classes="notice")
            yield VerticalScroll(id="step")
            with Horizontal(classes="buttons"):
                yield Button("Back", id="back")
                yield Button("Next", id="next", variant="primary")
        yield KeyFooter()

    async def on_mount(self) -> None:
        self.title = "Set up your profile"
        await self.show_step()

    def current_value(self, index: int) -> Any:
        question = self.questions[index]
        return self.answers.get(question.id, question.default)

    async def show_step(self) -> None:
        holder = self.query_one("#step", VerticalScroll)
        await holder.remove_children()
        self.query_one("#back", Button).disabled = self.step == 0
        heading = self.query_one("#progress-label", Static)
        next_button = self.query_one("#next", Button)
        self.refresh_bindings()
        if self.step < self.total:
            title = f"Question {self.step + 1} of {self.total}"
            heading.update(progress(title, self.step, self.total))
            next_button.label = "Next"
            field = QuestionField(self.questions[self.step], self.current_value(self.step))
            field.id = "field"
            await holder.mount(field)
            self.shown_raw = field.raw()
            field.focus_answer()
            return
        heading.update(progress("Check your answers, then save", self.total, self.total))
        next_button.label = "Save"
        profile = self.confirmed_profile()
        lines = [plain("Your answers", "bold")]
        if profile is not None:
            for label, answer in summary(self.pack, profile):
                lines.append(join(plain(f"{label}: ", "bold"), answer))
        await holder.mount(Static(plain("\n").join(lines), id="summary"))
        next_button.focus()

    def confirmed_profile(self) -> Profile | None:
        profile, _ = validate_answers(self.pack, self.answers)
        return profile

    async def action_next(self) -> None:
        if self.step >= self.total:
            self.action_save()
            return
        field = self.query_one("#field", QuestionField)
        if field.advance_within():
            return
        ok, value = field.answer(self.coach.today())
        if not ok:
            return
        question = self.questions[self.step]
        if value is None:
            self.answers.pop(question.id, None)
        else:
            self.answers[question.id] = value
        self.step += 1
        self.started = True
        await self.show_step()

    def action_save(self) -> None:
        profile = self.confirmed_profile()
        if profile is not None:
            self.dismiss(profile)

    async def action_back(self) -> None:
        if self.step > 0:
            self.step -= 1
            await self.show_step()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "next":
            await self.action_next()
        elif event.button.id == "back":
            await self.action_back()

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        await self.action_next()
