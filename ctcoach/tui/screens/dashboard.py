"""Home screen: who you are, your next actions (overdue first) and a card per section.

At 80×24 everything shows without scrolling; on smaller terminals the cards become one
line each (compact), and the screen scrolls rather than cutting anything."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.events import Resize
from textual.geometry import Size
from textual.widgets import Static

from ctcoach.tui.base import CoachScreen, coach_app
from ctcoach.tui.sections import cards
from ctcoach.tui.start import DashboardView, Fit
from ctcoach.tui.text import plain
from ctcoach.tui.widgets.card import Card
from ctcoach.tui.widgets.footer import KeyFooter
from ctcoach.tui.widgets.titlebar import TitleBar

if TYPE_CHECKING:
    from ctcoach.records import Snapshot

WIDE = (76, 22)  # the smallest terminal that shows the cards as boxes
FORMS = ("wide", "dense", "compact")
LAYOUT_WAITS = 3  # cards as boxes of two lines, of one line, or one line


class DashboardScreen(CoachScreen[None]):
    """The base screen after onboarding."""

    BINDINGS = [Binding(s.key, f"app.open({s.id!r})", s.short, show=False) for s in cards()]
    AUTO_FOCUS = ""  # on_mount focuses the plan card without scrolling (one focus, one restyle)

    def __init__(self, kept: DashboardView | None = None, fit: Fit | None = None) -> None:
        """``kept``: what the dashboard showed when this store was last seen (see
        :mod:`ctcoach.tui.start`), drawn as it mounts; the store is read afterwards.
        ``fit``: the terminal's size then and the form the dashboard settled in: at that
        size it starts in that form (no roomier frame first)."""
        super().__init__()
        self.kept = kept
        self.kept_fit = fit if kept is not None and fit and fit[2] in FORMS else None
        self.view: DashboardView | None = None  # what is drawn
        self.form = FORMS.index(self.kept_fit[2]) if self.kept_fit else 0  # into FORMS
        self.size_seen: tuple[int, int] | None = None
        self.fitting = 0  # counts fits, so only the newest one steps down
        self.fitted: Fit | None = None  # the size and form of the last fit, once settled
        self.to_keep: tuple[DashboardView, Snapshot, dt.date] | None = None  # once fitted
        self.shown_for: tuple[Snapshot, dt.date] | None = None  # the data last drawn
        # Start in the form the first fit will choose: it then changes no class (a class
        # changed on the screen restyles everything in it).
        self.set_class(True, f"-{FORMS[self.form]}", update=False)

    def compose(self) -> ComposeResult:
        yield TitleBar()
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
        if self.kept is not None:
            self.show(self.kept)
            self.fit_from_the_top()  # now, so the first frame has the cards in the kept form
        else:
            self.refresh_data()
        self.query_one("#card-plan", Card).focus(scroll_visible=False)

    def on_resize(self, event: Resize) -> None:
        self.size_seen = (event.size.width, event.size.height)
        self.fit_from_the_top()

    def terminal_size(self) -> tuple[int, int]:
        return self.size_seen or (self.app.size.width, self.app.size.height)

    def fit_from_the_top(self) -> None:
        """Start from the roomiest form the terminal allows, then step down while the
        dashboard would need scrolling: boxes, boxes with one line, one line per card."""
        width, height = self.terminal_size()
        self.form = 0 if width >= WIDE[0] and height >= WIDE[1] else len(FORMS) - 1
        kept = self.kept_fit
        if kept is not None and self.view is self.kept and kept[:2] == (width, height):
            self.form = max(self.form, FORMS.index(kept[2]))  # where the same view settled
        self.fitting += 1  # a newer fit makes the steps of an older one stop
        self.fitted = None
        self.apply_form()
        self.call_after_refresh(self.step_down, self.fitting)

    def step_down(self, fitting: int, before: Size | None = None, waits: int = 0) -> None:
        """One step of a fit; ``before`` is the size measured before the last step,
        so a layout that has not caught up yet is waited for (a few refreshes at most)."""
        if fitting != self.fitting or not self.is_attached:
            return  # a newer fit, or the screen is gone (a kept start that no longer fits)
        scroll = self.query_one("#dashboard", VerticalScroll)
        if scroll.virtual_size == before and waits < LAYOUT_WAITS:
            self.call_after_refresh(self.step_down, fitting, before, waits + 1)
            return
        if scroll.max_scroll_y > 0 and self.form < len(FORMS) - 1:
            size = scroll.virtual_size
            self.form += 1
            self.apply_form()
            self.call_after_refresh(self.step_down, fitting, size)
            return
        self.fitted = (*self.terminal_size(), FORMS[self.form])
        self.keep()

    def keep(self) -> None:
        """Keep what the dashboard shows, once it has settled, for the next start."""
        if self.to_keep is not None and self.fitted is not None:
            coach_app(self).keep_start(*self.to_keep, self.fitted)
            self.to_keep = None

    def apply_form(self) -> None:
        form = FORMS[self.form]
        for name in FORMS:
            self.set_class(name == form, f"-{name}")
        for card in self.query(Card):
            card.set_form(form)
        # The new classes and card texts are in place; ask the screen itself for a layout
        # now, so the step after the next refresh measures it (the cards' own requests
        # reach the screen a message later, which may be after that refresh).
        self.refresh(layout=True)

    def on_screen_resume(self) -> None:
        if coach_app(self).is_open:  # a kept start's store is read after its first paint
            self.refresh_data()

    def refresh_data(self) -> None:
        from ctcoach.tui.screens.dashboard_status import dashboard_view

        coach = self.coach
        snap, today = coach.snapshot(), coach.today()
        if self.shown_for is not None and self.shown_for[0] is snap and self.shown_for[1] == today:
            return  # nothing changed since it was drawn (the first paint resumes, too)
        self.shown_for = (snap, today)
        plan = coach.plan_or_none()
        if plan is None:
            return
        view = dashboard_view(plan, coach.pack, snap)
        self.to_keep = (view, snap, today)
        if not view.same_as(self.view):
            self.show(view)  # kept once it has been fitted
        else:
            self.keep()

    def show(self, view: DashboardView) -> None:
        self.view = view
        self.query_one("#who", Static).update(view.who)
        self.query_one("#phase", Static).update(view.phase or "")  # none: none shown
        for section_id, lines in view.cards:
            self.query_one(f"#card-{section_id}", Card).set_status(lines)
        self.query_one("#next", Static).update(view.next)
        if self.is_mounted:
            self.fit_from_the_top()

    async def on_card_chosen(self, message: Card.Chosen) -> None:
        await self.app.run_action(f"open({message.target!r})")
