"""A finished quiz: its summary by topic, and every attempt's score over time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ctcoach.model import Pack, Quiz
from ctcoach.quiz import QuizAttempt, QuizResult, grade
from ctcoach.tui.base import CoachModal
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.footer import KeyFooter


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

    def go_back(self) -> None:
        self.dismiss(None)

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
        with VerticalScroll(classes="dialog", id="history"):
            yield Static(join(*lines))
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#history").focus()  # PgDn / End scroll at once

    def action_close(self) -> None:
        self.dismiss(None)
