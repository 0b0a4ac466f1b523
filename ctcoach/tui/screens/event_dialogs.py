"""Dialogs of the Events screen: an event's details, and choosing a person."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Select, Static

from ctcoach.dates import DateError, parse_date
from ctcoach.events import PlannedEvent
from ctcoach.tui.screens.dialogs import form_buttons
from ctcoach.tui.screens.log_dialogs import PersonPicker, problem_text
from ctcoach.tui.text import plain
from ctcoach.tui.widgets.footer import KeyFooter


class EventDialog(PersonPicker[int | None]):
    """Add an event, or change one; dismisses with its id when saved."""

    def __init__(self, event: PlannedEvent | None = None) -> None:
        super().__init__()
        self.event = event

    def compose(self) -> ComposeResult:
        kinds = [(k.title, k.id) for k in self.coach.events.settings.kinds]
        old = self.event
        known = old is not None and old.kind in {k for _, k in kinds}
        with VerticalScroll(classes="dialog question"):
            yield Static(plain("Change the event" if old else "Add an event", "bold"))
            yield Static("", classes="error")
            yield Input(old.name if old else "", placeholder="Name, e.g. STS Annual Meeting",
                        id="name")  # fmt: skip
            kind = old.kind if old is not None and known else kinds[0][1]
            yield Select(kinds, value=kind, allow_blank=False, id="kind")
            yield Input(old.start.isoformat() if old else "", placeholder="Starts (YYYY-MM-DD)",
                        id="start")  # fmt: skip
            yield Input(old.end.isoformat() if old else "",
                        placeholder="Ends (YYYY-MM-DD; blank: same day)", id="end")  # fmt: skip
            yield Input(old.place if old else "", placeholder="Place", id="place")
            yield Input(old.notes if old else "", placeholder="Notes (private)", id="notes")
            yield form_buttons()
        yield KeyFooter()

    def values(self) -> object:
        fields = [i.value for i in self.query(Input)]
        return (*fields, self.query_one("#kind", Select).value)

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def cancel_value(self) -> int | None:
        return None

    def day(self, field_id: str, label: str) -> dt.date | None:
        """The date typed in a field; ``None`` (and the reason shown) when it is not one."""
        text = self.query_one(f"#{field_id}", Input).value.strip()
        try:
            return parse_date(text)
        except DateError as exc:
            self.show_error(f"{label}: {exc}")
            self.query_one(f"#{field_id}", Input).focus()
            return None

    def action_save(self) -> None:
        start = self.day("start", "Starts")
        if start is None:
            return
        end: dt.date | None = start
        if self.query_one("#end", Input).value.strip():
            end = self.day("end", "Ends")
            if end is None:
                return
        kind = str(self.query_one("#kind", Select).value)
        name = self.query_one("#name", Input).value
        place = self.query_one("#place", Input).value
        notes = self.query_one("#notes", Input).value
        old = self.event
        with self.saving():
            event, problems = self.coach.events.save_event(
                kind, name, start, end, place, notes, old.id if old else 0
            )
            if event is None:
                self.show_error(problem_text(problems))
                return
            self.dismiss(event.id)


class PersonDialog(PersonPicker[tuple[int, str] | None]):
    """Choose someone you know (or someone new); with ``reason``, also say why them."""

    def __init__(self, prompt: str, reason: bool = False) -> None:
        super().__init__()
        self.prompt = prompt
        self.ask_reason = reason

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog question"):
            yield Static(plain(self.prompt, "bold"))
            yield Static("", classes="error")
            yield self.contact_field()
            if self.ask_reason:
                yield Input(placeholder="Why them: their session, their work, a shared interest",
                            id="reason")  # fmt: skip
            yield form_buttons()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#contact", Input).focus()

    def values(self) -> object:
        return tuple(i.value for i in self.query(Input))

    def cancel_value(self) -> tuple[int, str] | None:
        return None

    def action_save(self) -> None:
        with self.saving():
            contact = self.resolve(self.query_one("#contact", Input).value.strip())
            if contact is None:
                return
            reason = self.query_one("#reason", Input).value if self.ask_reason else ""
            self.dismiss((contact.id, reason))
