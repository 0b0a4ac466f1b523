"""One quiz attempt: a question per step, pick with a digit (or arrows and Enter), read
why each option is right or not, Enter for the next; then the summary."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import ProgressBar, Static

from ctcoach.model import Quiz, QuizOption, QuizQuestion, SelfCheck
from ctcoach.quiz import QuizAttempt, attempt_seed, grade, is_correct, option_order
from ctcoach.tui.base import CoachScreen
from ctcoach.tui.screens.quiz_results import summary
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.choices import ChoiceList
from ctcoach.tui.widgets.footer import KeyFooter
from ctcoach.tui.widgets.hanging import Block, Hanging
from ctcoach.tui.widgets.titlebar import TitleBar

YES_NO = ("Yes", "Not yet")


def feedback(question: QuizQuestion, options: list[QuizOption], chosen: QuizOption) -> list[Block]:
    """Right or not, then why for every option, then the guide section: each option's
    text and why go on under the text, beside its mark and number."""
    right = is_correct(question, chosen.id)
    blocks: list[Block] = [
        plain(
            "✓ Right." if right else "✗ Not the best answer.",
            "bold $success" if right else "bold $error",
        )
    ]
    for n, option in enumerate(options, start=1):
        if is_correct(question, option.id):
            mark, style = "✓", "bold $success"
        elif option.id == chosen.id:
            mark, style = "✗", "bold $error"
        else:
            mark, style = "·", "dim"
        head = plain(f"{mark} {n}  ", style)
        blocks.append((head, join(plain(option.text, style), "\n", option.why)))
    blocks.append(plain(f"Source: {question.source.title}", "italic dim"))
    return blocks


class QuizScreen(CoachScreen[None]):
    """One quiz attempt. Nothing is stored until the last step is answered."""

    BINDINGS = [
        Binding("enter", "continue", "Next"),
        Binding("ctrl+n", "continue", "Next", show=False),
        Binding("r", "retake", "Retake"),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(self, quiz: Quiz, seed: str) -> None:
        super().__init__()
        self.quiz = quiz
        self.seed = seed
        self.steps: list[QuizQuestion | SelfCheck] = [*quiz.questions, *quiz.self_checks]
        self.step = 0
        self.answers: dict[str, str] = {}
        self.checks: dict[str, bool] = {}
        self.answered = False
        self.finished = False
        self.options: list[QuizOption] = []

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show Next while answering and Retake once finished (the footer follows)."""
        if action == "retake":
            return self.finished
        if action == "continue":
            return not self.finished
        return super().check_action(action, parameters)

    def unsaved(self) -> str | None:
        if self.finished or not (self.answers or self.checks):
            return None
        return "This quiz attempt will be discarded."

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="quiz"):
            yield Static(id="quiz-progress-label")
            yield ProgressBar(total=len(self.steps), show_eta=False, id="quiz-progress")
            yield Static(id="quiz-prompt")
            yield VerticalScroll(id="quiz-options")
            yield Hanging(id="quiz-feedback")
            yield Static(id="quiz-hint", classes="hint")
        yield KeyFooter()

    async def on_mount(self) -> None:
        self.title = self.quiz.title
        await self.show_step()

    @property
    def current(self) -> QuizQuestion | SelfCheck:
        return self.steps[self.step]

    async def show_step(self) -> None:
        self.answered = False
        step = self.current
        is_check = isinstance(step, SelfCheck)
        label = "Self-check (not scored)" if is_check else "Question"
        self.query_one("#quiz-progress-label", Static).update(
            f"{label} · {self.step + 1} of {len(self.steps)}"
        )
        self.query_one("#quiz-progress", ProgressBar).update(progress=self.step)
        self.query_one("#quiz-prompt", Static).update(plain(step.prompt, "bold"))
        holder = self.query_one("#quiz-options", VerticalScroll)
        await holder.remove_children()
        if isinstance(step, QuizQuestion):
            self.options = option_order(step, self.seed)
            choices = ChoiceList(
                [o.text for o in self.options], marks=False, numbered=True, id="choices"
            )
            hint = f"Pick with 1–{len(self.options)}, or ↑ ↓ and Enter."
        else:
            self.options = []
            choices = ChoiceList(list(YES_NO), numbered=True, yes_no=(0, 1), id="choices")
            hint = "y for yes, n for not yet (or 1, 2). “Not yet” adds the step to your plan."
        await holder.mount(choices)
        # The question stays in view: on a short terminal, focusing the answers would
        # scroll it away (the highlight brings an answer below the fold into view).
        choices.focus(scroll_visible=False)
        prompt = self.query_one("#quiz-prompt", Static)
        self.call_after_refresh(prompt.scroll_visible, top=True, animate=False)
        self.query_one("#quiz-feedback", Hanging).show()
        self.query_one("#quiz-hint", Static).update(plain(hint))

    async def on_choice_list_picked(self, event: ChoiceList.Picked) -> None:
        event.stop()
        if not self.answered and not self.finished:
            self.answer(event.index)

    def answer(self, index: int) -> None:
        self.answered = True
        choices = self.query_one("#choices", ChoiceList)
        choices.highlighted = index
        choices.disabled = True
        step = self.current
        hint = "Enter for the next question." if self.step + 1 < len(self.steps) else ""
        self.query_one("#quiz-hint", Static).update(plain(hint or "Enter to finish.", "bold"))
        if isinstance(step, SelfCheck):
            self.checks[step.id] = index == 0
            note = "Noted." if index == 0 else "Noted: this step goes into your plan."
            self.query_one("#quiz-feedback", Hanging).show(plain(note, "italic"))
            return
        chosen = self.options[index]
        self.answers[step.id] = chosen.id
        shown = self.query_one("#quiz-feedback", Hanging)
        shown.show(*feedback(step, self.options, chosen))
        self.query_one("#quiz", VerticalScroll).focus()  # the arrows and Page Down read on
        self.call_after_refresh(shown.scroll_visible, top=True, animate=False)

    async def action_continue(self) -> None:
        if self.finished:
            return
        if not self.answered:
            index = self.query_one("#choices", ChoiceList).index
            if index is None:
                self.notify("Pick an answer first (a number key, or ↑ ↓).", severity="warning")
            else:
                self.answer(index)
            return
        if self.step + 1 < len(self.steps):
            self.step += 1
            await self.show_step()
            return
        await self.finish()

    async def finish(self) -> None:
        with self.saving():
            attempt = self.coach.record_quiz_attempt(self.quiz.id, self.answers, self.checks)
            await self.show_result(attempt)

    async def show_result(self, attempt: QuizAttempt) -> None:
        coach = self.coach
        self.finished = True
        self.refresh_bindings()
        result = grade(coach.pack, attempt)
        self.query_one("#quiz-progress", ProgressBar).update(progress=len(self.steps))
        self.query_one("#quiz-progress-label", Static).update("Done — saved")
        self.query_one("#quiz-prompt", Static).update(summary(coach.pack, result, attempt))
        await self.query_one("#quiz-options", VerticalScroll).remove_children()
        self.query_one("#quiz-feedback", Hanging).show()
        self.query_one("#quiz-hint", Static).update(
            plain("r retakes the quiz (options reshuffle); Escape goes back.", "bold")
        )
        quiz = self.query_one("#quiz", VerticalScroll)
        quiz.focus()  # Page Down, End and the arrows scroll the results at once
        quiz.scroll_home(animate=False)

    async def action_retake(self) -> None:
        if not self.finished:
            return
        seed = attempt_seed(self.quiz.id, self.coach.quiz_attempts())
        self.app.pop_screen()
        self.app.push_screen(QuizScreen(self.quiz, seed))
