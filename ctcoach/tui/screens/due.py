"""Due: who to write to, overdue first, each with its reason; one key marks it done."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ctcoach.followup import Due, by_window
from ctcoach.tui.base import CoachScreen
from ctcoach.tui.screens.log_dialogs import QuickLogDialog
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.footer import KeyFooter
from ctcoach.tui.widgets.options import heading, row_at
from ctcoach.tui.widgets.titlebar import TitleBar

DONE_WORDS = {
    "follow_up": "Follow-up sent",
    "promise": "Promise kept",
    "reconnect": "Reconnected",
    "milestone": "Update sent",
    "outreach": "Done",
    "advocate": "Asked",
}


def due_row(due: Due, overdue: bool) -> Option:
    """A due item's two lines: the date and what to do, then why."""
    style = "bold $error" if overdue else "bold"
    label = join(plain(f"{due.date.isoformat()}  ", "dim"), plain(due.title, style))
    return Option(join(label, "\n", plain(f"            {due.reason}", "dim")))


class DueScreen(CoachScreen[None]):
    """One option list for every item (Textual draws only the lines in view): a widget
    per item kept the app busy for seconds with thousands of them."""

    AUTO_FOCUS = "#due-list"
    BINDINGS = [
        Binding("x", "done", "Mark done"),
        Binding("l", "log", "Log"),
        Binding("escape", "app.go_back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield OptionList(id="due-list")
        yield Static(id="due-how", classes="detail")
        yield KeyFooter()

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[Due | None] = []  # the list's rows: a due item, or None (a heading)

    def on_mount(self) -> None:
        self.title = "Follow-ups due"
        self.call_later(self.refresh_data)  # the screen first, then the list

    def refresh_data(self) -> None:
        coach = self.coach
        snap = coach.snapshot()
        today = coach.today()
        items = coach.due(snap, today)
        view = self.query_one("#due-list", OptionList)
        keep = self.selected()
        rows: list[Due | None] = []
        options: list[Option] = []
        for window, group in by_window(items, today):
            rows.append(None)
            options.append(heading(plain(window.capitalize(), "bold underline"), not options))
            rows += group
            options += [due_row(d, window == "overdue") for d in group]
        if not options:
            rows.append(None)
            options.append(Option(plain(
                "Nothing is due. Log a conversation (l) and its follow-up shows up here."
            ), disabled=True))  # fmt: skip
        self.shown = rows
        view.set_options(options)
        uids = [d.uid if d is not None else "" for d in rows]
        target = uids.index(keep.uid) if keep and keep.uid in uids else None
        view.highlighted = (
            target
            if target is not None
            else next((i for i, d in enumerate(rows) if d is not None), None)
        )
        self.show_how()

    def selected(self) -> Due | None:
        index = self.query_one("#due-list", OptionList).highlighted
        return row_at(self.shown, index)

    def show_how(self) -> None:
        due = self.selected()
        text: Content = plain("")
        if due is not None:
            text = join(
                plain("How: ", "bold"), plain(due.how), plain(f"\n{due.source.title}", "dim")
            )
        self.query_one("#due-how", Static).update(text)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_how()

    def action_done(self) -> None:
        due = self.selected()
        if due is None:
            return
        with self.saving():
            self.coach.mark_due_done(due)
            self.notify(f"{DONE_WORDS.get(due.kind, 'Done')}: {due.title}", markup=False)
            self.refresh_data()

    def action_log(self) -> None:
        def logged(message: str | None) -> None:
            if message:
                self.notify(message, markup=False)
                self.refresh_data()

        due = self.selected()
        people = {c.id: c for c in self.coach.log.contacts()}
        contact = people.get(due.contacts[0]) if due and due.contacts else None
        self.app.push_screen(QuickLogDialog(contact), logged)
