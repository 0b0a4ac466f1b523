"""Phase quizzes: the list, one question per step with feedback, a summary, history."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import (
    Footer,
    Header,
    Label,
    ListItem,
    ListView,
    ProgressBar,
    RadioSet,
    Static,
)

from ctcoach.model import Pack, Quiz, QuizOption, QuizQuestion, SelfCheck
from ctcoach.quiz import (
    QuizAttempt,
    QuizResult,
    QuizStanding,
    attempt_seed,
    grade,
    is_correct,
    option_order,
    standings,
)
from ctcoach.tui.base import CoachModal, CoachScreen
from ctcoach.tui.screens.dialogs import ConfirmScreen
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.choice import WrapRadioButton

YES_NO = ("Yes", "Not yet")


def score_text(result: QuizResult | None) -> str:
    if result is None:
        return "—"
    return f"{result.correct}/{result.total} ({result.percent}%) on {result.date.isoformat()}"


class QuizRow(ListItem):
    def __init__(self, standing: QuizStanding) -> None:
        quiz = standing.quiz
        title = plain(quiz.title, "bold")
        tag = plain("  for your stage", "$accent") if standing.for_stage else plain("")
        if standing.last is None:
            status = plain("not taken yet", "dim")
        else:
            status = plain(
                f"last {score_text(standing.last)} · best {score_text(standing.best)}", "dim"
            )
        super().__init__(Label(join(title, tag, "\n  ", status)))
        self.standing = standing


class QuizListScreen(CoachScreen[None]):
    BINDINGS = [
        Binding("enter", "start", "Take quiz", priority=True),
        Binding("h", "history", "History"),
        Binding("escape", "app.go_back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="quizzes"):
            yield Static(
                plain("Quizzes for your stage come first. Retake any quiz at any time."),
                classes="hint",
            )
            yield ListView(id="quiz-list")
        yield Footer()

    async def on_mount(self) -> None:
        self.title = "Phase quizzes"
        await self.reload()
        self.query_one("#quiz-list", ListView).focus()

    async def on_screen_resume(self) -> None:
        await self.reload()

    def refresh_data(self) -> None:
        self.call_later(self.reload)

    async def reload(self) -> None:
        coach = self.coach
        profile = coach.profile_or_none()
        if profile is None:
            return
        view = self.query_one("#quiz-list", ListView)
        index = view.index
        await view.clear()
        rows = standings(coach.pack, profile.stage, coach.quiz_attempts())
        await view.extend(QuizRow(s) for s in rows)
        view.index = index if index is not None else 0

    def selected(self) -> QuizStanding | None:
        row = self.query_one("#quiz-list", ListView).highlighted_child
        return row.standing if isinstance(row, QuizRow) else None

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        event.stop()
        self.action_start()

    def action_start(self) -> None:
        standing = self.selected()
        if standing is not None:
            seed = attempt_seed(standing.quiz.id, self.coach.quiz_attempts())
            self.app.push_screen(QuizScreen(standing.quiz, seed))

    def action_history(self) -> None:
        standing = self.selected()
        if standing is not None:
            self.app.push_screen(HistoryScreen(standing.quiz))


class QuizScreen(CoachScreen[None]):
    """One quiz attempt. Nothing is stored until the last step is answered."""

    BINDINGS = [
        Binding("1", "pick(0)", show=False),
        Binding("2", "pick(1)", show=False),
        Binding("3", "pick(2)", show=False),
        Binding("4", "pick(3)", show=False),
        Binding("y", "pick(0)", show=False),
        Binding("n", "pick(1)", show=False),
        Binding("ctrl+n", "next", "Next"),
        Binding("r", "retake", "Retake"),
        Binding("escape", "leave", "Leave"),
        Binding("q", "leave", "Leave", show=False),  # never quit mid-attempt unasked
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show Next while answering and Retake once finished (the footer follows)."""
        if action == "retake":
            return self.finished
        if action in ("next", "pick"):
            return not self.finished
        return True

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

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="quiz"):
            yield Static(id="quiz-progress-label")
            yield ProgressBar(total=len(self.steps), show_eta=False, id="quiz-progress")
            yield Static(id="quiz-prompt")
            yield VerticalScroll(id="quiz-options")
            yield Static(id="quiz-feedback")
            yield Static(id="quiz-hint", classes="hint")
        yield Footer()

    async def on_mount(self) -> None:
        self.title = self.quiz.title
        await self.show_step()

    @property
    def current(self) -> QuizQuestion | SelfCheck:
        return self.steps[self.step]

    async def show_step(self) -> None:
        self.answered = False
        step = self.current
        total = len(self.steps)
        is_check = isinstance(step, SelfCheck)
        label = "Self-check (not scored)" if is_check else "Question"
        self.query_one("#quiz-progress-label", Static).update(
            f"{label} · {self.step + 1} of {total}"
        )
        self.query_one("#quiz-progress", ProgressBar).update(progress=self.step)
        self.query_one("#quiz-prompt", Static).update(plain(step.prompt, "bold"))
        holder = self.query_one("#quiz-options", VerticalScroll)
        await holder.remove_children()
        if isinstance(step, QuizQuestion):
            self.options = option_order(step, self.seed)
            labels = [f"{n}  {o.text}" for n, o in enumerate(self.options, start=1)]
            hint = "Pick with 1–4, or arrows and Enter."
        else:
            self.options = []
            labels = list(YES_NO)
            hint = "y for yes, n for not yet. “Not yet” adds the step to your plan."
        radio = RadioSet(*(WrapRadioButton(plain(text)) for text in labels), id="choices")
        await holder.mount(radio)
        radio.focus()
        self.query_one("#quiz-feedback", Static).update("")
        self.query_one("#quiz-hint", Static).update(plain(hint))

    async def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        if not self.answered and event.radio_set.pressed_index >= 0:
            await self.answer(event.radio_set.pressed_index)

    async def action_pick(self, index: int) -> None:
        if self.finished or self.answered:
            return
        limit = len(self.options) if self.options else len(YES_NO)
        if index < limit:
            await self.answer(index)

    async def answer(self, index: int) -> None:
        self.answered = True
        self.query_one("#choices", RadioSet).disabled = True
        step = self.current
        if isinstance(step, SelfCheck):
            self.checks[step.id] = index == 0
            await self.action_next()
            return
        chosen = self.options[index]
        self.answers[step.id] = chosen.id
        self.query_one("#quiz-feedback", Static).update(self.feedback(step, chosen))
        self.query_one("#quiz-hint", Static).update(plain("Ctrl+N for the next question.", "bold"))

    def feedback(self, question: QuizQuestion, chosen: QuizOption) -> Content:
        right = is_correct(question, chosen.id)
        lines: list[Content | str] = [
            plain(
                "✓ Right." if right else "✗ Not the best answer.",
                "bold $success" if right else "bold $error",
            )
        ]
        for n, option in enumerate(self.options, start=1):
            if is_correct(question, option.id):
                mark, style = "✓", "bold $success"
            elif option.id == chosen.id:
                mark, style = "✗", "bold $error"
            else:
                mark, style = "·", "dim"
            lines += ["\n\n", plain(f"{mark} {n}  {option.text}", style), "\n   ", option.why]
        lines += ["\n\n", plain(f"Source: {question.source.title}", "italic dim")]
        return join(*lines)

    async def action_next(self) -> None:
        if self.finished:
            return
        if not self.answered:
            self.notify("Answer first (keys 1–4, or y / n).", severity="warning")
            return
        if self.step + 1 < len(self.steps):
            self.step += 1
            await self.show_step()
            return
        await self.finish()

    async def finish(self) -> None:
        coach = self.coach
        with self.saving():
            attempt = coach.record_quiz_attempt(self.quiz.id, self.answers, self.checks)
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
        self.query_one("#quiz-feedback", Static).update("")
        self.query_one("#quiz-hint", Static).update(
            plain("r retakes the quiz (options reshuffle); Escape goes back.", "bold")
        )

    async def action_retake(self) -> None:
        if not self.finished:
            return
        seed = attempt_seed(self.quiz.id, self.coach.quiz_attempts())
        self.app.pop_screen()
        self.app.push_screen(QuizScreen(self.quiz, seed))

    def action_leave(self) -> None:
        if self.finished or not (self.answers or self.checks):
            self.app.pop_screen()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.app.pop_screen()

        self.app.push_screen(
            ConfirmScreen(
                "Leave this quiz? This attempt will be discarded.", yes="Discard", no="Keep going"
            ),
            answered,
        )


def summary(pack: Pack, result: QuizResult, attempt: QuizAttempt) -> Content:
    lines: list[Content | str] = [
        plain(f"Score: {result.correct} of {result.total} ({result.percent}%)", "bold"),
        "\n\n",
        plain("By topic", "bold"),
    ]
    for topic in result.topics:
        weak = topic in result.weak
        style = "bold $error" if weak else "$success"
        lines += [
            "\n",
            plain(f"  {topic.percent:>3}%  ", style),
            topic.topic.title,
            plain(f"  ({topic.correct}/{topic.total})", "dim"),
        ]
    if result.weak:
        lines += ["\n\n", plain("To review (added to your plan)", "bold")]
        for topic in result.weak:
            lines += ["\n  • ", plain(topic.topic.title, "bold"), ": ", topic.topic.review]
    else:
        lines += ["\n\n", plain("Every topic at or above the pass mark.", "$success")]
    not_yet = [c for c in result.quiz.self_checks if attempt.checks.get(c.id) is False]
    if not_yet:
        lines += ["\n\n", plain("Added to your plan from your “not yet” answers", "bold")]
        for check in not_yet:
            lines += ["\n  • ", check.prompt]
    return join(*lines)


class HistoryScreen(CoachModal[None]):
    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, quiz: Quiz) -> None:
        super().__init__()
        self.quiz = quiz

    def compose(self) -> ComposeResult:
        coach = self.coach
        attempts = [a for a in coach.quiz_attempts() if a.quiz == self.quiz.id]
        lines: list[Content | str] = [plain(f"{self.quiz.title}: history", "bold")]
        if not attempts:
            lines += ["\n\n", "Not taken yet."]
        previous: int | None = None
        for attempt in attempts:
            result = grade(coach.pack, attempt)
            trend = ""
            if previous is not None:
                change = result.percent - previous
                trend = (
                    "  ▲ +" + str(change)
                    if change > 0
                    else ("  ▼ " + str(change) if change < 0 else "  =")
                )
            bar = "█" * (result.percent // 10) + "░" * (10 - result.percent // 10)
            lines += [
                "\n",
                f"{attempt.date.isoformat()}  {bar} {result.percent:>3}%  "
                f"({result.correct}/{result.total}){trend}",
            ]
            previous = result.percent
        with VerticalScroll(classes="dialog"):
            yield Static(join(*lines))
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
