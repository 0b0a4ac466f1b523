"""The pitfall check (one statement per step) and its results."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, ProgressBar, Static

from ctcoach.model import Assessment, Statement
from ctcoach.pitfalls import Attempt, PitfallScore, score
from ctcoach.tui.base import CoachScreen
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.choices import ChoiceList
from ctcoach.tui.widgets.footer import KeyFooter
from ctcoach.tui.widgets.titlebar import TitleBar

BAR_WIDTH = 20
LEVEL_STYLE = {"low": "$success", "moderate": "$warning", "high": "bold $error"}


def bar(result: PitfallScore) -> Content:
    filled = round(BAR_WIDTH * result.percent / 100)
    style = LEVEL_STYLE.get(result.level, "")
    parts: list[Content | str] = [
        plain("█" * filled, style),
        plain("░" * (BAR_WIDTH - filled), "dim"),
        f" {result.percent:>3}% ",
        plain(f"{result.level} risk", style),
    ]
    if result.change is not None:
        if result.change == 0:
            parts.append(plain("  (no change)", "dim"))
        else:
            better = result.change < 0
            arrow = "▼" if better else "▲"
            parts.append(
                plain(
                    f"  ({arrow} {result.change:+d} since last time)",
                    "$success" if better else "$error",
                )
            )
    return join(*parts)


def results_content(scores: list[PitfallScore], attempt: Attempt | None) -> Content:
    if attempt is None:
        return plain("You have not taken the pitfall check yet. Press t to start.")
    lines: list[Content | str] = [plain(f"Your results from {attempt.date.isoformat()}", "bold")]
    for result in scores:
        lines += ["\n\n", plain(result.pitfall.title, "bold"), "\n", bar(result)]
        lines += ["\n", result.reading]
        if result.level != "low":
            lines += ["\n", plain("The guide's fix:", "italic")]
            for point in result.pitfall.points:
                lines += ["\n  • ", point]
    return join(*lines)


def history_content(attempts: list[Attempt], rows: list[list[PitfallScore]]) -> Content:
    """Each pitfall's risk over every attempt, oldest first."""
    if len(attempts) < 2:
        return plain("")
    dates = " · ".join(a.date.isoformat() for a in attempts)
    lines: list[Content | str] = [
        plain("History", "bold"),
        plain(f"  risk %, lower is better; {dates}", "dim"),
    ]
    titles = {s.pitfall.id: s.pitfall.title for row in rows for s in row}
    for pitfall_id, title in titles.items():
        series = [
            next((s.percent for s in row if s.pitfall.id == pitfall_id), None) for row in rows
        ]
        trail = " → ".join("—" if p is None else f"{p}%" for p in series)
        lines += ["\n", plain(f"{title}: ", "bold"), trail]
    return join(*lines)


class PitfallCheckScreen(CoachScreen[dict[str, int] | None]):
    """Rate each statement; dismisses with every rating, or ``None`` when left half way."""

    BINDINGS = [
        Binding("enter", "continue", "Next"),
        Binding("ctrl+n", "continue", "Next", show=False),
        Binding("backspace", "back", "Previous"),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(self, assessment: Assessment, titles: dict[str, str]) -> None:
        super().__init__()
        self.assessment = assessment
        self.statements: tuple[Statement, ...] = assessment.statements
        self.titles = titles
        self.answers: dict[str, int] = {}
        self.step = 0

    def unsaved(self) -> str | None:
        return "Your answers so far will not be saved." if self.answers else None

    def go_back(self) -> None:
        self.dismiss(None)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="check"):
            yield Static(plain(self.assessment.intro), classes="help")
            yield Static(id="progress-label")
            yield ProgressBar(total=len(self.statements), show_eta=False, id="progress")
            yield Static(id="statement")
            yield VerticalScroll(id="scale-holder")
            scale = len(self.assessment.scale)
            yield Static(
                plain(f"Keys 1–{scale} answer at once; Backspace goes to the previous one."),
                classes="hint",
            )
            with Horizontal(classes="buttons"):
                yield Button("Previous", id="back")
                yield Button("Next", id="next", variant="primary")
        yield KeyFooter()

    async def on_mount(self) -> None:
        self.title = self.assessment.title
        await self.show_step()

    async def show_step(self) -> None:
        statement = self.statements[self.step]
        total = len(self.statements)
        self.query_one("#progress-label", Static).update(
            f"Statement {self.step + 1} of {total} · {self.titles.get(statement.pitfall, '')}"
        )
        self.query_one("#progress", ProgressBar).update(progress=len(self.answers))
        self.query_one("#statement", Static).update(plain(statement.text, "bold"))
        holder = self.query_one("#scale-holder", VerticalScroll)
        await holder.remove_children()
        current = self.answers.get(statement.id)
        scale = ChoiceList(
            list(self.assessment.scale),
            None if current is None else current - 1,
            numbered=True,
            id="scale",
        )
        await holder.mount(scale)
        scale.focus()
        self.query_one("#back", Button).disabled = self.step == 0
        self.query_one("#next", Button).label = "Finish" if self.step == total - 1 else "Next"

    async def on_choice_list_picked(self, event: ChoiceList.Picked) -> None:
        event.stop()
        await self.rate(event.index + 1)

    async def rate(self, rating: int) -> None:
        self.answers[self.statements[self.step].id] = rating
        await self.advance()

    async def action_continue(self) -> None:
        index = self.query_one("#scale", ChoiceList).index
        if index is None:
            count = len(self.assessment.scale)
            self.notify(f"Pick how often this is true (keys 1–{count}).", severity="warning")
            return
        await self.rate(index + 1)

    async def advance(self) -> None:
        if self.step + 1 < len(self.statements):
            self.step += 1
            await self.show_step()
        else:
            self.dismiss(dict(self.answers))

    async def action_back(self) -> None:
        if self.step > 0:
            self.step -= 1
            await self.show_step()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "next":
            await self.action_continue()
        else:
            await self.action_back()


class PitfallScreen(CoachScreen[None]):
    """Latest results as bars with readings and fixes, change since last time, history."""

    AUTO_FOCUS = "#pitfalls"  # Page Down and End scroll the results

    BINDINGS = [
        Binding("t", "take", "Take the pitfall check"),
        Binding("escape", "app.go_back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="pitfalls"):
            yield Static(id="results")
            yield Static(id="history", classes="section")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "Pitfall check"
        self.refresh_results()

    def refresh_data(self) -> None:
        self.refresh_results()

    def refresh_results(self) -> None:
        coach = self.coach
        attempts = coach.pitfall_attempts()
        latest = attempts[-1] if attempts else None
        self.query_one("#results", Static).update(results_content(coach.pitfall_scores(), latest))
        rows = [score(coach.pack, a) for a in attempts]
        self.query_one("#history", Static).update(history_content(attempts, rows))

    def action_take(self) -> None:
        coach = self.coach
        assessment = coach.pack.assessment
        if assessment is None:
            self.notify("This content pack has no pitfall check.", severity="warning")
            return
        titles = {t.id: t.title for t in coach.pack.topics_of("pitfall")}

        def finished(answers: dict[str, int] | None) -> None:
            if answers is None:
                self.notify("Left the pitfall check; nothing was saved.")
                return
            with self.saving():
                coach.record_pitfall_attempt(answers)
                self.refresh_results()
                self.notify("Saved. Your plan now includes fixes for moderate and high risks.")

        self.app.push_screen(PitfallCheckScreen(assessment, titles), finished)
