"""Due: who to write to, overdue first, each with its reason; one key marks it done."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Label, ListItem, ListView, Static

from ctcoach.followup import Due, by_window
from ctcoach.tui.base import CoachScreen
from ctcoach.tui.screens.log_dialogs import QuickLogDialog
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.footer import KeyFooter
from ctcoach.tui.widgets.titlebar import TitleBar

DONE_WORDS = {
    "follow_up": "Follow-up sent",
    "promise": "Promise kept",
    "reconnect": "Reconnected",
    "milestone": "Update sent",
    "outreach": "Done",
    "advocate": "Asked",
}


class DueRow(ListItem):
    def __init__(self, due: Due, overdue: bool) -> None:
        style = "bold $error" if overdue else "bold"
        label = join(plain(f"{due.date.isoformat()}  ", "dim"), plain(due.title, style))
        super().__init__(Label(join(label, "\n", plain(f"            {due.reason}", "dim"))))
        self.due = due


class DueScreen(CoachScreen[None]):
    AUTO_FOCUS = "ListView"
    BINDINGS = [
        Binding("x", "done", "Mark done"),
        Binding("l", "log", "Log"),
        Binding("escape", "app.go_back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield ListView(id="due-list")
        yield Static(id="due-how", classes="detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "Follow-ups due"
        self.refresh_data()

    def refresh_data(self) -> None:
        self.call_later(self.reload)

    async def reload(self) -> None:
        coach = self.coach
        snap = coach.snapshot()
        today = coach.today()
        items = coach.due(snap, today)
        view = self.query_one(ListView)
        keep = self.selected()
        await view.clear()
        rows: list[ListItem] = []
        for window, group in by_window(items, today):
            rows.append(
                ListItem(Label(plain(window.capitalize(), "bold underline")), disabled=True)
            )
            rows += [DueRow(d, window == "overdue") for d in group]
        if not rows:
            rows.append(ListItem(Label(plain(
                "Nothing is due. Log a conversation (l) and its follow-up shows up here."
            )), disabled=True))  # fmt: skip
        await view.extend(rows)
        uids = [r.due.uid if isinstance(r, DueRow) else "" for r in rows]
        target = uids.index(keep.uid) if keep and keep.uid in uids else None
        view.index = (
            target
            if target is not None
            else next((i for i, r in enumerate(rows) if isinstance(r, DueRow)), None)
        )
        self.show_how()

    def selected(self) -> Due | None:
        row = self.query_one(ListView).highlighted_child
        return row.due if isinstance(row, DueRow) else None

    def show_how(self) -> None:
        due = self.selected()
        text: Content = plain("")
        if due is not None:
            text = join(
                plain("How: ", "bold"), plain(due.how), plain(f"\n{due.source.title}", "dim")
            )
        self.query_one("#due-how", Static).update(text)

    def on_list_view_highlighted(self, event: ListView.Highlighted) -> None:
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
