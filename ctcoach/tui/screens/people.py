"""People: your contacts in a sortable, filterable table, each with a timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Input, Static

from ctcoach.followup import Due, Glance, glance
from ctcoach.network import Contact, Interaction, filter_contacts
from ctcoach.tui.base import CoachModal, CoachScreen
from ctcoach.tui.confirm import ConfirmScreen
from ctcoach.tui.screens.log_dialogs import ContactDialog, QuickLogDialog
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.footer import KeyFooter
from ctcoach.tui.widgets.titlebar import TitleBar

if TYPE_CHECKING:
    from ctcoach.coach import Coach

SORTS = ("name", "tier", "last contact", "next due")
NEVER = dt.date.min
COLUMNS = ("Name", "Role", "Institution", "Last", "Next due")
FIRST_ROWS = 60  # rows in the table as it shows: more than a tall terminal holds
MORE_ROWS = 500  # then this many a frame, until every contact is a row
# A contact's row: the five columns' text, and the style of the last (overdue: red).
Cells = tuple[str, str, str, str, str, str]


def text_width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def warm_up(coach: Coach, width: int) -> Iterator[None]:
    """Before the first n, while the dashboard shows: each contact's newest interaction
    (the due list is the dashboard's), about 8 ms for 20,000 interactions."""
    if coach.pack.log is not None:
        coach.log.latest_in(coach.snapshot())
    yield


class PeopleTable(DataTable[Text]):
    """The contacts, a row each, added a page at a time: the first page as the table is
    filled, the others a page a frame after it. A DataTable measures every cell it is
    given, and 3,000 contacts took 230 ms at once (about 12 ms for the first page). The
    columns are as wide as their widest cell among all the contacts, so they do not
    change as pages arrive; a key that moves past the rows added so far adds them first."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.items: list[Contact] = []
        self.cells: Callable[[Contact], Cells] = lambda contact: ("",) * 6  # a contact's row
        self.added = 0  # how many of them are rows so far
        self.fills = 0  # a page from an earlier fill is not added to a later one

    def fill(
        self, items: list[Contact], cells: Callable[[Contact], Cells], widths: Sequence[int]
    ) -> None:
        """Show ``items``, a row each made by ``cells``, in columns of ``widths`` (the
        widest cell of each column: the rows are made as they are added)."""
        self.clear(columns=True)
        self.items, self.cells, self.added = items, cells, 0
        self.fills += 1
        for label, widest in zip(COLUMNS, widths, strict=True):
            self.add_column(label, width=max(widest, text_width(label)), key=label)
        self.add_up_to(FIRST_ROWS)
        if self.added < len(items):
            self.call_after_refresh(self.add_more, self.fills)

    def add_up_to(self, end: int) -> None:
        """Make sure the first ``end`` contacts are rows."""
        end = min(end, len(self.items))
        for index in range(self.added, end):
            *texts, style = self.cells(self.items[index])
            cells = [Text(text) for text in texts]
            if style:
                cells[-1].stylize(style)
            self.add_row(*cells, key=str(self.items[index].id))
        self.added = max(self.added, end)

    def add_more(self, fills: int) -> None:
        if fills != self.fills or self.added >= len(self.items):
            return
        self.add_up_to(self.added + MORE_ROWS)
        if self.added < len(self.items):
            self.call_after_refresh(self.add_more, fills)

    def near(self, rows: int) -> None:
        self.add_up_to(self.cursor_row + rows + 1)

    def action_cursor_down(self) -> None:
        self.near(1)
        super().action_cursor_down()

    def action_page_down(self) -> None:
        self.near(2 * max(self.size.height, 1))
        super().action_page_down()

    def action_scroll_bottom(self) -> None:
        self.add_up_to(len(self.items))
        super().action_scroll_bottom()

    def action_scroll_end(self) -> None:
        self.add_up_to(len(self.items))
        super().action_scroll_end()


class PeopleScreen(CoachScreen[None]):
    AUTO_FOCUS = "DataTable"
    DEFAULT_CSS = """
    PeopleScreen #filter { margin: 0 1; }
    PeopleScreen #people-summary { padding: 0 2; height: auto; }
    PeopleScreen #people { height: 1fr; margin: 0 1; }
    PeopleScreen #person { height: auto; max-height: 8; padding: 0 2; }
    """
    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("l", "log", "Log"),
        Binding("w", "write", "Write email"),
        Binding("e", "edit", "Edit"),
        Binding("d", "delete", "Delete"),
        Binding("u", "undo", "Undo", show=False),
        Binding("s", "sort", "Sort"),
        Binding("v", "glance", "Overview"),
        Binding("slash", "search", "Filter"),
        Binding("escape", "app.go_back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort = 0
        self.removed: tuple[Contact, list[Interaction]] | None = None
        self.shown: list[Contact] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Input(placeholder="Filter: a name, place or tag ( / )", id="filter")
        yield Static(id="people-summary")
        yield PeopleTable(id="people")
        with VerticalScroll(id="person"):
            yield Static(id="person-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "People"

    def on_screen_resume(self) -> None:
        """Fill the table as the screen shows (before it is drawn), unless it shows the
        data as it is: a screen built ahead of its key is built empty, so that building
        it takes no longer with more contacts."""
        if self.data_changed():
            self.refresh_data()

    def refresh_data(self) -> None:
        log = self.coach.log
        snap = self.coach.snapshot()
        self.data_shown()
        today = self.coach.today()
        due = log.due_in(snap, today, self.coach.stage_of(snap))
        self.next_due = {c: d for d in reversed(due) for c in d.contacts}
        self.latest = log.latest_in(snap)
        text = self.query_one("#filter", Input).value
        self.shown = self.sorted(filter_contacts(snap.contacts, text))
        self.fill_table()
        overview = glance(log.settings, [t.id for t in self.coach.pack.tiers],
                          snap.contacts, snap.interactions, today, latest=self.latest)  # fmt: skip
        self.query_one("#people-summary", Static).update(summary(overview, SORTS[self.sort]))
        self.show_person()

    def sorted(self, contacts: list[Contact]) -> list[Contact]:
        key = SORTS[self.sort]
        tiers = [t.id for t in self.coach.pack.tiers]
        if key == "tier":
            return sorted(contacts, key=lambda c: (tiers.index(c.tier) if c.tier in tiers
                                                   else len(tiers), c.name.casefold()))  # fmt: skip
        if key == "last contact":
            return sorted(contacts, key=lambda c: self.last(c), reverse=True)
        if key == "next due":
            return sorted(contacts, key=self.due_date)
        return sorted(contacts, key=lambda c: c.name.casefold())

    def last(self, contact: Contact) -> dt.date:
        item = self.latest.get(contact.id)
        return item.date if item else NEVER

    def due(self, contact: Contact) -> Due | None:
        return self.next_due.get(contact.id)

    def due_date(self, contact: Contact) -> dt.date:
        due = self.due(contact)
        return due.date if due else dt.date.max

    def fill_table(self) -> None:
        table = self.query_one(PeopleTable)
        keep = self.selected()
        settings, today = self.coach.log.settings, self.coach.today()

        def cells(c: Contact) -> Cells:
            last, due = self.last(c), self.due(c)
            overdue = due is not None and due.date < today
            return (
                c.name,
                settings.role_title(c.role) if c.role else "to sort",
                c.institution,
                last.isoformat() if last != NEVER else "—",
                due.date.isoformat() if due else "—",
                "bold red" if overdue else "",
            )

        shown, roles = self.shown, {c.role for c in self.shown}
        dates = 10 if shown else 0  # a date, or "—"
        widths = (
            max((text_width(c.name) for c in shown), default=0),
            max((text_width(settings.role_title(r) if r else "to sort") for r in roles), default=0),
            max((text_width(c.institution) for c in shown), default=0),
            dates,
            dates,
        )
        table.fill(shown, cells, widths)
        if keep is not None and keep in self.shown:
            row = self.shown.index(keep)
            table.add_up_to(row + 1)
            table.move_cursor(row=row)

    def selected(self) -> Contact | None:
        table = self.query_one(PeopleTable)
        if not self.shown or table.cursor_row >= len(self.shown) or table.cursor_row < 0:
            return None
        return self.shown[table.cursor_row]

    def show_person(self) -> None:
        contact = self.selected()
        detail = self.query_one("#person-detail", Static)
        if contact is None:
            empty = "No contacts yet. Press a to add one, l to log a conversation."
            detail.update(plain(empty if not self.coach.log.contacts() else "No one matches."))
            return
        detail.update(person(self, contact))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_person()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refresh_data()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(PeopleTable).focus()

    def action_search(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_sort(self) -> None:
        self.sort = (self.sort + 1) % len(SORTS)
        self.refresh_data()

    def action_add(self) -> None:
        self.app.push_screen(ContactDialog(), self.saved)

    def action_edit(self) -> None:
        contact = self.selected()
        if contact is not None:
            self.app.push_screen(ContactDialog(contact), self.saved)

    def saved(self, contact_id: int | None) -> None:
        if contact_id is not None:
            self.refresh_data()
            self.notify("Contact saved.")

    def action_log(self) -> None:
        def logged(message: str | None) -> None:
            if message:
                self.refresh_data()
                self.notify(message, markup=False)

        self.app.push_screen(QuickLogDialog(self.selected()), logged)

    def action_write(self) -> None:
        """Draft an email to this person: a follow-up after a logged talk, else an introduction."""
        from ctcoach.tui.app import CoachApp
        from ctcoach.tui.screens.draft import open_draft

        contact = self.selected()
        app = self.app
        if contact is None or not isinstance(app, CoachApp):
            return
        kind = "follow-up" if self.coach.log.timeline(contact.id) else "introduction"
        open_draft(app, kind, contact)

    def action_delete(self) -> None:
        contact = self.selected()
        if contact is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            with self.saving():
                self.removed = self.coach.log.delete_contact(contact.id)
                self.refresh_data()
                self.notify(f"Removed {contact.name}. Press u to undo.", markup=False)

        question = f"Remove {contact.name} and their place in your log?"
        self.app.push_screen(ConfirmScreen(question, yes="Remove", no="Keep"), answered)

    def action_undo(self) -> None:
        if self.removed is None:
            self.notify("Nothing to undo.")
            return
        with self.saving():
            self.coach.log.undo_delete(self.removed)
            self.notify(f"{self.removed[0].name} is back.", markup=False)
            self.removed = None
            self.refresh_data()

    def action_glance(self) -> None:
        self.app.push_screen(GlanceScreen())


def person(screen: PeopleScreen, contact: Contact) -> Content:
    log = screen.coach.log
    settings = log.settings
    parts: list[Content | str] = [plain(contact.name, "bold")]
    facts = [settings.role_title(contact.role) if contact.role else "role to sort"]
    facts += [x for x in (contact.institution, contact.email, contact.met) if x]
    parts += ["\n", plain(" · ".join(facts), "dim")]
    due = screen.due(contact)
    if due is not None:
        parts += ["\n", plain(f"Due {due.date.isoformat()}: {due.title}", "bold"), " — ",
                  plain(due.reason)]  # fmt: skip
    for item in log.timeline(contact.id)[:5]:
        kind = settings.kind_title(item.kind)
        where = f" at {item.where}" if item.where else ""
        parts += ["\n", plain(f"{item.date.isoformat()}  {kind}{where}: ", "dim"), plain(item.what)]
    if not log.timeline(contact.id):
        parts += ["\n", plain("Nothing logged yet: press l after you talk.", "dim")]
    return join(*parts)


def summary(overview: Glance, sort: str) -> Content:
    if not overview.total:
        return plain("")
    share = f"{overview.surgical} of {overview.total} are surgeons"
    quiet = overview.silences[0] if overview.silences else None
    drift = f" · quietest: {quiet[0].name}, {quiet[1]} days" if quiet and quiet[1] >= 30 else ""
    people = "1 person" if overview.total == 1 else f"{overview.total} people"
    return join(plain(f"{people} · {share}{drift}"),
                plain(f" · by {sort}", "dim"))  # fmt: skip


class GlanceScreen(CoachModal[None]):
    """Your network at a glance: tiers, roles, how surgical, and who is drifting away."""

    BINDINGS = [Binding("escape", "dismiss_screen", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(id="glance")
        yield KeyFooter()

    def on_mount(self) -> None:
        coach = self.coach
        snap = coach.snapshot()
        settings = coach.log.settings
        tiers = {t.id: t.title for t in coach.pack.tiers}
        overview = glance(settings, list(tiers), snap.contacts, snap.interactions, coach.today())
        lines: list[Content | str] = [plain("Your network at a glance", "bold")]
        lines += ["\n\n", plain("By tier", "bold")]
        for tier, count in overview.by_tier:
            lines += ["\n", f"  {tiers.get(tier, 'to sort')}: {count}"]
        lines += ["\n\n", plain("By role", "bold")]
        for role, count in overview.by_role:
            lines += ["\n", f"  {settings.role_title(role) if role else 'to sort'}: {count}"]
        if overview.narrow(settings.narrow_share):
            warning = settings.narrow_warning.format(
                surgical=overview.surgical, total=overview.total
            )
            lines += ["\n\n", plain(warning, "$warning")]
        if overview.silences:
            lines += ["\n\n", plain("Longest silences", "bold")]
            for contact, days in overview.silences:
                lines += ["\n", plain(f"  {contact.name}: {days} days")]
        self.query_one("#glance", Static).update(join(*lines))

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)
