"""Home screen: who you are, your next actions (overdue first) and a card per section.

At 80×24 everything shows without scrolling; on smaller terminals the cards become one
line each (compact), and the screen scrolls rather than cutting anything."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.widgets import Header, Static

from ctcoach.tui.base import CoachScreen
from ctcoach.tui.screens.dashboard_status import item_line, statuses
from ctcoach.tui.sections import cards
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.card import Card
from ctcoach.tui.widgets.footer import KeyFooter

WIDE = (76, 22)  # the smallest terminal that shows the cards as boxes


class DashboardScreen(CoachScreen[None]):
    """The base screen after onboarding."""

    BINDINGS = [Binding(s.key, f"app.open({s.id!r})", s.short, show=False) for s in cards()]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="dashboard"):
            yield Static(id="who")
            yield Static(id="phase")
            yield Static(plain("Next actions", "bold"), classes="section")
            yield Static(id="next")
            with Grid(id="cards"):
                for entry in cards():
                    yield Card(entry.title, entry.key, entry.id, id=f"card-{entry.id}")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "ctcoach"
        self.refresh_data()
        self.query_one("#card-plan", Card).focus(scroll_visible=False)

    def on_resize(self, event: Resize) -> None:
        compact = event.size.width < WIDE[0] or event.size.height < WIDE[1]
        self.set_class(compact, "-compact")
        for card in self.query(Card):
            card.set_compact(compact)

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        coach = self.coach
        plan = coach.plan_or_none()
        if plan is None:
            return
        pack = coach.pack
        profile = plan.profile
        stage = pack.question("stage").choice_label(profile.stage)
        parts: list[Content | str] = [plain(profile.name, "bold"), " · ", stage]
        institution = profile.get("institution")
        if institution:
            parts += [" · ", plain(str(institution))]
        self.query_one("#who", Static).update(join(*parts))
        if plan.phase is not None:
            self.query_one("#phase", Static).update(
                join(plain(plan.phase.title, "italic"), ": ", plan.phase.goal)
            )
        for section_id, lines in statuses(pack, plan).items():
            self.query_one(f"#card-{section_id}", Card).set_status(lines)
        upcoming = plan.next_actions(3)
        self.query_one("#next", Static).update(
            Content("\n").join(item_line(plan, i) for i in upcoming)
            if upcoming
            else plain("Nothing waiting: everything active in your plan is done.")
        )

    async def on_card_chosen(self, message: Card.Chosen) -> None:
        await self.app.run_action(f"open({message.target!r})")
