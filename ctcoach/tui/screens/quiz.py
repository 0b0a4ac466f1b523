"""Phase quizzes: the list (for your stage first); an attempt and its results live in
quiz_attempt and quiz_results."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, ListItem, Static

from ctcoach.quiz import QuizResult, QuizStanding, attempt_seed, standings
from ctcoach.tui.base import CoachScreen
from ctcoach.tui.screens.quiz_attempt import QuizScreen
from ctcoach.tui.screens.quiz_results import HistoryScreen
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.footer import KeyFooter
from ctcoach.tui.widgets.navlist import NavList
from ctcoach.tui.widgets.titlebar import TitleBar

__all__ = ["HistoryScreen", "QuizListScreen", "QuizScreen"]


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
    AUTO_FOCUS = "#quiz-list"
    BINDINGS = [
        Binding("enter", "start", "Take quiz", priority=True),
        Binding("h", "history", "History"),
        Binding("escape", "app.go_back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="quizzes"):
            yield Static(
                plain("Quizzes for your stage come first. Retake any quiz at any time."),
                classes="hint",
            )
            yield NavList(id="quiz-list")
        yield KeyFooter()

    async def on_mount(self) -> None:
        self.title = "Phase quizzes"
        await self.reload()

    async def on_screen_resume(self) -> None:
        if self.data_changed():  # a quiz just taken, say
            await self.reload()

    def refresh_data(self) -> None:
        self.call_later(self.reload)

    async def reload(self) -> None:
        coach = self.coach
        self.data_shown()
        profile = coach.profile_or_none()
        if profile is None:
            return
        view = self.query_one("#quiz-list", NavList)
        index = view.index
        await view.clear()
        rows = standings(coach.pack, profile.stage, coach.quiz_attempts())
        await view.extend(QuizRow(s) for s in rows)
        view.index = index if index is not None else 0

    def selected(self) -> QuizStanding | None:
        row = self.query_one("#quiz-list", NavList).highlighted_child
        return row.standing if isinstance(row, QuizRow) else None

    def on_list_view_selected(self, event: NavList.Selected) -> None:
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
