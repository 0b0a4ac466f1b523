"""Dialogs of the networking log: a contact's details, and the three-field quick log."""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Input, Select, Static, TextArea

from ctcoach.logbook import Entry
from ctcoach.model import Problem
from ctcoach.network import Contact, ContactDraft, describe, parse_reconnect
from ctcoach.tui.screens.dialogs import FormDialog, form_buttons
from ctcoach.tui.text import plain
from ctcoach.tui.widgets.footer import KeyFooter

T = TypeVar("T")
CONTACT_LABELS = {
    "name": "Name",
    "role": "Role",
    "institution": "Institution",
    "tier": "Network tier",
    "email": "Email",
    "link": "Profile link",
    "reconnect": "Reconnect every",
    "contact": "Who",
    "kind": "Kind",
    "what": "What you talked about",
}


def problem_text(problems: list[Problem]) -> str:
    return "; ".join(f"{CONTACT_LABELS.get(p.field, p.field)}: {p.message}" for p in problems)


class ContactDialog(FormDialog[int | None]):
    """Add or change a contact; dismisses with its id when saved."""

    def __init__(self, contact: Contact | None = None) -> None:
        super().__init__()
        self.contact = contact

    def compose(self) -> ComposeResult:
        c = self.contact
        settings = self.coach.log.settings
        roles = [(r.title, r.id) for r in settings.roles]
        tiers = [(t.title, t.id) for t in self.coach.pack.tiers]
        reconnect = "" if c is None or c.reconnect_days is None else str(c.reconnect_days or "none")
        with VerticalScroll(classes="dialog question"):
            yield Static(plain("Change contact" if c else "Add a contact", "bold"))
            yield Static("", classes="error")
            yield Input(c.name if c else "", placeholder="Name (required)", id="name")
            yield Select(roles, value=c.role if c and c.role else Select.NULL,
                         prompt="Role (to sort)", id="role")  # fmt: skip
            yield Input(c.institution if c else "", placeholder="Institution", id="institution")
            yield Select(tiers, value=c.tier if c and c.tier else Select.NULL,
                         prompt="Network tier (to sort)", id="tier")  # fmt: skip
            yield Input(c.met if c else "", placeholder="How you met", id="met")
            yield Input(", ".join(c.tags) if c else "", placeholder="Tags, with commas", id="tags")
            yield Input(c.email if c else "", placeholder="Email", id="email")
            yield Input(c.link if c else "", placeholder="Profile link", id="link")
            yield Input(
                reconnect,
                placeholder=f"Reconnect every … days (blank: {settings.reconnect_days}; none)",
                id="reconnect",
            )
            yield Static(plain("Private notes (never exported)", "bold"), classes="prompt")
            yield TextArea(c.notes if c else "", id="notes")
            yield form_buttons()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def cancel_value(self) -> int | None:
        return None

    def value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def choice(self, field_id: str) -> str:
        value = self.query_one(f"#{field_id}", Select).value
        return value if isinstance(value, str) else ""

    def action_save(self) -> None:
        try:
            reconnect = parse_reconnect(self.value("reconnect"))
        except ValueError as exc:
            self.show_error(f"Reconnect every: {str(exc).split(': ', 1)[1]}")
            self.query_one("#reconnect", Input).focus()
            return
        draft = ContactDraft(
            name=self.value("name"),
            role=self.choice("role"),
            institution=self.value("institution"),
            tier=self.choice("tier"),
            met=self.value("met"),
            tags=[t.strip() for t in self.value("tags").split(",")],
            email=self.value("email"),
            link=self.value("link"),
            notes=self.query_one("#notes", TextArea).text,
            reconnect_days=reconnect,
        )
        with self.saving():
            contact, problems = self.coach.log.save_contact(
                draft, self.contact.id if self.contact else 0
            )
            if contact is None:
                self.show_error(problem_text(problems))
                self.query_one(f"#{problems[0].field}").focus()
                return
            self.dismiss(contact.id)


class PersonPicker(FormDialog[T]):
    """A dialog with a "Who" field (id ``contact``) that finds a contact, or adds a new
    one after a single warning when the name is close to someone you know."""

    def __init__(self) -> None:
        super().__init__()
        self.confirm_new = ""  # a name the user chose to add, after being warned once

    def contact_field(self, value: str = "") -> Input:
        names = [c.name for c in self.coach.log.contacts()]
        return Input(
            value,
            placeholder="Who (a name; → completes)",
            suggester=SuggestFromList(names, case_sensitive=False),
            id="contact",
        )

    def resolve(self, name: str) -> Contact | None:
        """The contact ``name`` means; a new one for a new name; else say why not."""
        found = self.coach.log.find(name) if name else None
        if found is not None and found.contact is not None:
            return found.contact
        is_new = found is not None and len(found.closest) <= 1 and not name.startswith("#")
        if is_new and "use an id" not in (found.problem if found else ""):
            return self.new_contact(name, found.closest if found else ())
        closest = ", ".join(describe(c) for c in found.closest) if found else ""
        problem = found.problem if found else "is required"
        self.show_error(f"Who: {problem}" + (f"; did you mean {closest}?" if closest else ""))
        self.query_one("#contact", Input).focus()
        return None

    def new_contact(self, name: str, near: tuple[Contact, ...]) -> Contact | None:
        """Add ``name`` as a new contact, after one warning when a similar name exists."""
        if near and self.confirm_new != name:
            self.confirm_new = name
            self.show_error(
                f"Who: no contact is called {name!r}; did you mean {describe(near[0])}? "
                "Save again to add a new contact."
            )
            return None
        contact, problems = self.coach.log.save_contact(ContactDraft(name))
        if contact is None:
            self.show_error(problem_text(problems))
        return contact


class QuickLogDialog(PersonPicker[str | None]):
    """Who, what kind, what: three fields and Enter. Dismisses with a line to show."""

    def __init__(self, contact: Contact | None = None) -> None:
        super().__init__()
        self.contact = contact

    def compose(self) -> ComposeResult:
        kinds = [(k.title, k.id) for k in self.coach.log.settings.kinds]
        with VerticalScroll(classes="dialog question"):
            yield Static(plain("Log an interaction", "bold"))
            yield Static("", classes="error")
            yield self.contact_field(self.contact.name if self.contact else "")
            yield Select(kinds, value=kinds[0][1], allow_blank=False, id="kind")
            yield Input(placeholder="What you talked about", id="what")
            yield form_buttons()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#what" if self.contact else "#contact", Input).focus()

    def cancel_value(self) -> str | None:
        return None

    def action_save(self) -> None:
        log = self.coach.log
        with self.saving():
            contact = self.resolve(self.query_one("#contact", Input).value.strip())
            if contact is None:
                return
            kind = self.query_one("#kind", Select).value
            what = self.query_one("#what", Input).value
            item, problems = log.log(Entry((contact.id,), what, str(kind)))
            if item is None:
                self.show_error(problem_text(problems))
                self.query_one(f"#{problems[0].field}").focus()
                return
            self.dismiss(
                f"Logged {log.settings.kind_title(item.kind).lower()} with {contact.name}."
            )
