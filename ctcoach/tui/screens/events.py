"""Events: meetings and rotations, each with its targets, goals and advocates."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Label, ListItem, ListView, Static

from ctcoach.events import (
    STATUS_TITLES,
    EventKind,
    NotYet,
    PlannedEvent,
    Target,
    reached,
    readiness,
    target_check,
)
from ctcoach.model import plural
from ctcoach.network import Contact
from ctcoach.tui.base import CoachScreen
from ctcoach.tui.confirm import ConfirmScreen
from ctcoach.tui.screens.event_dialogs import EventDialog, PersonDialog
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.footer import KeyFooter
from ctcoach.tui.widgets.titlebar import TitleBar


class EventRow(ListItem):
    def __init__(self, event: PlannedEvent, label: Content) -> None:
        super().__init__(Label(label))
        self.event = event


class EventsScreen(CoachScreen[None]):
    AUTO_FOCUS = "ListView"
    DEFAULT_CSS = """
    EventsScreen #event-list { height: auto; max-height: 25%; margin: 0 1; }
    EventsScreen #targets { height: 1fr; min-height: 3; margin: 0 1; }
    EventsScreen #event-detail { height: auto; max-height: 35%; padding: 0 2; }
    """
    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("d", "delete", "Delete"),
        Binding("u", "undo", "Undo", show=False),
        Binding("t", "target", "Target"),
        Binding("space", "advance", "Next"),
        Binding("w", "write", "Write"),
        Binding("m", "met", "Met"),
        Binding("v", "advocate", "Advocate", show=False),
        Binding("1", "goal(1)", "Goal 1", show=False),
        Binding("2", "goal(2)", "Goal 2", show=False),
        Binding("3", "goal(3)", "Goal 3", show=False),
        Binding("4", "goal(4)", "Goal 4", show=False),
        Binding("escape", "app.go_back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield ListView(id="event-list")
        yield DataTable(id="targets", cursor_type="row")
        yield Static(id="event-detail")
        yield KeyFooter()

    def __init__(self) -> None:
        super().__init__()
        # What u brings back: an event with its targets, or one target.
        self.removed: tuple[PlannedEvent, list[Target]] | None = None
        self.select: int | None = None  # the event to highlight on the next reload

    def on_mount(self) -> None:
        self.title = "Events"
        self.query_one(DataTable).add_columns("Target", "Why them", "Status")
        self.refresh_data()

    def refresh_data(self) -> None:
        self.call_later(self.reload)

    async def reload(self) -> None:
        book = self.coach.events
        shown = self.event()
        keep_id = self.select or (shown.id if shown else None)
        self.select = None
        today = self.coach.today()
        events = book.upcoming() + sorted(
            (e for e in book.events() if e.end < today), key=lambda e: e.start, reverse=True
        )
        view = self.query_one(ListView)
        await view.clear()
        rows = [EventRow(e, self.label(e)) for e in events]
        await view.extend(rows or [ListItem(Label("No events yet: press a to add one."))])
        ids = [e.id for e in events]
        view.index = ids.index(keep_id) if keep_id in ids else (0 if rows else None)
        self.show_event()

    def label(self, event: PlannedEvent) -> Content:
        kind = self.coach.events.settings.kind(event.kind)
        past = event.end < self.coach.today()
        count = len(self.coach.events.targets(event.id))
        title = kind.title if kind else event.kind
        head = plain(f"{event.days_text()}  ", "dim")
        tail = plain(f" · {title} · {plural(count, 'target')}{' · past' if past else ''}", "dim")
        return join(head, plain(event.name, "dim" if past else "bold"), tail)

    def event(self) -> PlannedEvent | None:
        row = self.query_one(ListView).highlighted_child
        return row.event if isinstance(row, EventRow) else None

    def targets(self) -> list[Target]:
        event = self.event()
        return self.coach.events.targets(event.id) if event else []

    def target(self) -> Target | None:
        table = self.query_one(DataTable)
        targets = self.targets()
        row = table.cursor_row
        return targets[row] if 0 <= row < len(targets) else None

    def show_event(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row  # the same row again after a change to one target
        table.clear()
        people = {c.id: c for c in self.coach.log.contacts()}
        for t in self.targets():
            name = people[t.contact].name if t.contact in people else f"#{t.contact}"
            table.add_row(Text(name), Text(t.reason), Text(STATUS_TITLES.get(t.status, t.status)))
        if 0 < row < table.row_count:
            table.move_cursor(row=row)
        self.query_one("#event-detail", Static).update(self.detail(people))

    def detail(self, people: Mapping[int, Contact]) -> Content:
        event = self.event()
        if event is None:
            return plain("Add a meeting or an away rotation (a) to plan who to meet there.")
        kind = self.coach.events.settings.kind(event.kind)
        parts: list[Content | str] = []
        if kind is not None:
            gentle = target_check(kind, self.targets())
            parts.append(
                plain(gentle or "✓ a good number of targets", "$warning" if gentle else "dim")
            )
            if event.end >= self.coach.today():
                parts += ["\n", self.ready_line(kind, event)]
            for n, goal in enumerate(kind.goals, start=1):
                done = goal.id in event.goals_done
                parts += ["\n", plain(f"{n} {'☑' if done else '☐'} {goal.title}",
                                      "$success" if done else "")]  # fmt: skip
        if event.advocates:
            names = ", ".join(people[c].name for c in event.advocates if c in people)
            parts += ["\n", plain(f"Could speak for you: {names}", "bold")]
        return join(*parts)

    def ready_line(self, kind: EventKind, event: PlannedEvent) -> Content:
        """Ready: ☑ targets 5 of 5–10 · ☐ emails 2 of 5 sent · ☐ pitch not practiced."""
        practices = self.coach.practices()
        last = max((p.date for p in practices), default=None)
        ready = readiness(kind, self.targets(), last, self.coach.today())
        parts: list[Content | str] = [plain("Ready: ", "bold")]
        for n, r in enumerate(ready):
            mark = f"{'☑' if r.done else '☐'} {r.label} {r.detail}"
            parts += [" · "] if n else []
            parts.append(plain(mark, "$success" if r.done else ""))
        return join(*parts)

    def on_list_view_highlighted(self, event: ListView.Highlighted) -> None:
        self.show_event()

    def action_add(self) -> None:
        def added(event_id: int | None) -> None:
            if event_id is not None:
                self.select = event_id  # the new event is the one to add targets to
                added = next(e for e in self.coach.events.events() if e.id == event_id)
                also = [o.name for o in self.coach.events.overlapping(added)]
                overlap = f" It overlaps {', '.join(also)}." if also else ""
                self.notify(
                    f"Event saved. Press t to choose who you hope to meet there.{overlap}",
                    markup=False,
                )
                self.refresh_data()

        self.app.push_screen(EventDialog(), added)

    def action_edit(self) -> None:
        event = self.event()
        if event is None:
            return

        def saved(event_id: int | None) -> None:
            if event_id is not None:
                self.notify("Event saved.")
                self.refresh_data()

        self.app.push_screen(EventDialog(event), saved)

    def action_delete(self) -> None:
        """Delete the highlighted target when the targets have focus, else the event."""
        table = self.query_one(DataTable)
        if table.has_focus and self.target() is not None:
            self.remove_target()
            return
        event = self.event()
        if event is None:
            return
        targets = self.targets()

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            with self.saving():
                self.coach.events.delete_event(event)
                self.removed = (event, targets)
                self.refresh_data()
                self.notify(f"Removed {event.name}. Press u to undo.", markup=False)

        people = f" and its {plural(len(targets), 'target')}" if targets else ""
        question = f"Remove {event.name}{people}? The people stay in your contacts."
        self.app.push_screen(ConfirmScreen(question, yes="Remove", no="Keep"), answered)

    def remove_target(self) -> None:
        target, event = self.target(), self.event()
        if target is None or event is None:
            return
        names = {c.id: c.name for c in self.coach.log.contacts()}
        name = names.get(target.contact, f"#{target.contact}")

        def answered(yes: bool | None) -> None:
            if yes:
                with self.saving():
                    self.coach.events.remove_target(target)
                    self.removed = (event, [target])
                    self.notify(
                        f"{name} is no longer a target for {event.name}. Press u to undo.",
                        markup=False,
                    )
                    self.refresh_data()

        question = f"Remove {name} from the targets for {event.name}? They stay in your contacts."
        self.app.push_screen(ConfirmScreen(question, yes="Remove", no="Keep"), answered)

    def action_undo(self) -> None:
        if self.removed is None:
            self.notify("Nothing to undo.")
            return
        event, targets = self.removed
        whole = all(e.id != event.id for e in self.coach.events.events())
        with self.saving():
            if whole:
                self.coach.events.restore(event, targets)
            else:
                self.coach.events.restore_targets(targets)
            self.removed, self.select = None, event.id
            back = event.name if whole else "The target"
            self.notify(f"{back} is back.", markup=False)
            self.refresh_data()

    def action_target(self) -> None:
        event = self.event()
        if event is None:
            self.notify("Add an event first (a).", severity="warning")
            return

        def chosen(result: tuple[int, str] | None) -> None:
            if result is not None:
                with self.saving():
                    self.coach.events.add_target(event.id, *result)
                    self.refresh_data()

        question = f"Who do you hope to meet at {event.name}?"
        self.app.push_screen(PersonDialog(question, reason=True), chosen)

    def action_advance(self) -> None:
        target = self.target()
        if target is None:
            return
        with self.saving():
            try:
                moved = self.coach.events.advance(target)
            except NotYet as exc:
                self.notify(str(exc), severity="warning", markup=False)
                return
            self.notify(f"Now: {STATUS_TITLES.get(moved.status, moved.status)}.")
            self.show_event()

    def action_write(self) -> None:
        """Draft the email this target's status calls for: a request before, a follow-up after."""
        from ctcoach.tui.app import CoachApp
        from ctcoach.tui.screens.draft import open_draft

        target, event = self.target(), self.event()
        people = {c.id: c for c in self.coach.log.contacts()}
        if target is None or event is None or target.contact not in people:
            self.notify("Choose a target first (t adds one).", severity="warning")
            return
        settings = self.coach.events.settings.kind(event.kind)
        after = reached(target.status, "met")
        kind = (settings.draft_after if after else settings.draft_before) if settings else ""
        if not kind:
            self.notify("This kind of event has no email for this step.", severity="warning")
            return
        app = self.app
        if isinstance(app, CoachApp):
            open_draft(app, kind, people[target.contact], event, target)

    def action_met(self) -> None:
        target = self.target()
        if target is None:
            return
        if reached(target.status, "met"):
            self.notify("Already met: logged then. Follow-ups (f) has what is due.")
            return
        with self.saving():
            try:
                self.coach.events.meet(target)
            except NotYet as exc:
                self.notify(str(exc), severity="warning", markup=False)
                return
            self.notify("Logged. The follow-up is now in Follow-ups (f).")
            self.show_event()

    def action_goal(self, number: int) -> None:
        event = self.event()
        kind = self.coach.events.settings.kind(event.kind) if event else None
        if event is None or kind is None or not 0 < number <= len(kind.goals):
            return
        with self.saving():
            try:
                self.coach.events.toggle_goal(event, kind.goals[number - 1].id)
            except NotYet as exc:
                self.notify(str(exc), severity="warning", markup=False)
                return
            self.refresh_data()

    def action_advocate(self) -> None:
        event = self.event()
        if event is None:
            return
        problem = self.coach.events.advocate_problem(event)
        if problem:
            self.notify(problem[0].upper() + problem[1:] + ".", severity="warning", markup=False)
            return

        def chosen(result: tuple[int, str] | None) -> None:
            if result is not None:
                with self.saving():
                    try:
                        self.coach.events.add_advocate(event, result[0])
                    except ValueError as exc:
                        self.notify(str(exc), severity="warning", markup=False)
                        return
                    self.refresh_data()

        question = f"Who from {event.name} could speak for you?"
        self.app.push_screen(PersonDialog(question), chosen)
