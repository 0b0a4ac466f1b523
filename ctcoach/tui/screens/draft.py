"""The draft editor: subject and body, the checks beside them updating as you type, and
ways to take the email to your mail app (copy, an .eml file, a mailto: link).

Other screens open it with :func:`open_draft`; ``ctcoach draft KIND CONTACT --edit``
opens the app straight on it (:class:`DraftApp`).
"""

from __future__ import annotations

import inspect
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Static, TextArea

from ctcoach.coach import Coach
from ctcoach.drafts import Draft, DraftCheck
from ctcoach.events import STATUS_TITLES, PlannedEvent, Target
from ctcoach.export.eml import mailto_link, render_eml
from ctcoach.network import Contact
from ctcoach.outreach import Prepared
from ctcoach.tui.app import CoachApp
from ctcoach.tui.base import CoachModal, CoachScreen, coach_app
from ctcoach.tui.screens.dialogs import ExportScreen
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.footer import KeyFooter
from ctcoach.tui.widgets.titlebar import TitleBar


def open_draft(
    app: CoachApp,
    kind: str,
    contact: Contact,
    event: PlannedEvent | None = None,
    target: Target | None = None,
    topic: str = "",
) -> DraftScreen | None:
    """Open the editor on a draft of ``kind`` (an id such as "follow-up") to ``contact``.
    A ``target`` brings its event and its saved draft; an ``event`` brings the contact's
    target there. Returns the screen, or ``None`` when the pack has no drafts (the user
    is told). An unknown kind is a programming error: ``ValueError``."""
    if app.coach.pack.drafts is None:
        app.notify("This content pack has no email drafts.", severity="warning")
        return None
    found = app.coach.drafts.find_kind(kind)
    if found is None:
        raise ValueError(f"no draft kind {kind!r}")
    screen = DraftScreen(found.id, contact, event, target, topic)
    app.push_screen(screen)
    return screen


def file_name(contact: Contact, kind: str) -> str:
    """A plain default file name: "dr-maya-chen-follow-up.eml"."""
    ascii_name = unicodedata.normalize("NFKD", contact.name).encode("ascii", "ignore").decode()
    slug = "-".join("".join(c if c.isalnum() else " " for c in ascii_name.lower()).split())
    return f"{slug or 'draft'}-{kind}.eml"


def checks_text(results: list[DraftCheck]) -> Content:
    passed = sum(c.ok for c in results)
    head = (
        plain("✓ Ready to send", "bold $success")
        if passed == len(results)
        else plain(f"{len(results) - passed} of {len(results)} to fix", "bold $warning")
    )
    lines = [head]
    for result in results:
        mark = plain("✓ ", "$success") if result.ok else plain("✗ ", "bold $error")
        lines.append(join(mark, plain(result.message, "" if result.ok else "bold")))
    return Content("\n").join(lines)


class DraftScreen(CoachScreen[None]):
    DEFAULT_CSS = """
    DraftScreen #draft-to { height: auto; padding: 0 1; }
    DraftScreen #draft-subject { margin: 0; }
    DraftScreen #draft-main { height: 1fr; }
    DraftScreen #draft-body { width: 1fr; height: 1fr; }
    DraftScreen #draft-side { width: 40%; min-width: 22; max-width: 34; padding: 0 0 0 1; }
    """

    # ctrl+y and ctrl+e are also the text fields' redo and end-of-line: ours win here.
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "leave", "Back"),
        Binding("ctrl+y", "copy", "Copy", priority=True),
        Binding("ctrl+e", "eml", "Email file", priority=True),
        Binding("ctrl+l", "mailto", "Link"),
    ]

    def __init__(
        self,
        kind: str,
        contact: Contact,
        event: PlannedEvent | None = None,
        target: Target | None = None,
        topic: str = "",
    ) -> None:
        super().__init__()
        self.kind_id, self.contact, self.event, self.target = kind, contact, event, target
        self.topic = topic
        self.baseline = Draft("", "")

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="draft"):
            yield Static(id="draft-to")
            yield Input(placeholder="Subject", id="draft-subject")
            with Horizontal(id="draft-main"):
                yield TextArea(id="draft-body", soft_wrap=True, show_line_numbers=False)
                with VerticalScroll(id="draft-side"):
                    yield Static(id="draft-checks")
        yield KeyFooter()

    def on_mount(self) -> None:
        book = self.coach.drafts
        kind = book.find_kind(self.kind_id)
        assert kind is not None, "open_draft checks the kind"
        self.prepared: Prepared = book.prepare(
            kind, self.contact, self.event, self.topic, self.target
        )
        self.target = self.prepared.target
        self.title = kind.title
        self.baseline = self.prepared.draft
        self.query_one("#draft-subject", Input).value = self.baseline.subject
        self.query_one("#draft-body", TextArea).load_text(self.baseline.body)
        self.show_header()
        self.update_checks()
        self.query_one("#draft-body", TextArea).focus()

    # -- what is on screen ----------------------------------------------------------

    def draft(self) -> Draft:
        return Draft(
            self.query_one("#draft-subject", Input).value,
            self.query_one("#draft-body", TextArea).text,
        )

    @property
    def dirty(self) -> bool:
        return self.draft() != self.baseline

    def show_header(self) -> None:
        contact, event = self.contact, self.prepared.context.event
        address = f" <{contact.email}>" if contact.email else " (no email address saved)"
        parts: list[Content | str] = [plain("To: ", "bold"), contact.name, address]
        if event is not None:
            parts.append(f" · {event.name}")
        if self.target is not None:
            parts.append(plain(f" ({STATUS_TITLES.get(self.target.status, '')})", "dim"))
        other = self.target.draft_kind if self.target is not None else ""
        if other and other != self.kind_id and self.target is not None and self.target.body:
            parts.append(plain(f"\nThe target holds a {other} draft: saving replaces it.", "dim"))
        if "interaction" in self.prepared.missing:
            parts.append(
                plain("\nNothing logged with them yet: [reminders] stay to fill in.", "dim")
            )
        fit = self.coach.drafts.fit_note(self.prepared)
        if fit:
            parts.append(plain(f"\nNote: {fit}.", "$warning"))
        self.query_one("#draft-to", Static).update(join(*parts))

    def update_checks(self) -> None:
        results = self.coach.drafts.check(self.prepared, self.draft())
        self.query_one("#draft-checks", Static).update(checks_text(results))

    def on_input_changed(self, _: Input.Changed) -> None:
        self.update_checks()

    def on_text_area_changed(self, _: TextArea.Changed) -> None:
        self.update_checks()

    def refresh_data(self) -> None:
        """Another ctcoach saved: show the target's newest status, never touch the text."""
        if self.target is not None:
            snap = self.coach.snapshot()
            self.target = next((t for t in snap.targets if t.id == self.target.id), None)
            self.show_header()

    # -- keys -----------------------------------------------------------------------

    def action_save(self) -> None:
        if self.target is None:
            self.notify(
                f"Drafts are kept on a target: add {self.contact.name} as a target for an "
                "event to save this one. Copy it (ctrl+y) or write a file (ctrl+e) meanwhile.",
                severity="warning",
                markup=False,
            )
            return
        draft = self.draft()
        with self.saving():
            saved = self.coach.drafts.save(self.target.id, self.kind_id, draft)
            if saved is None:
                self.notify("That target was removed; copy the draft or write a file instead.",
                            severity="warning")  # fmt: skip
                return
            self.target, self.baseline = saved, draft
            self.show_header()
            self.notify("Draft saved on the target.")

    def action_copy(self) -> None:
        subject = self.query_one("#draft-subject", Input)
        if subject.has_focus:
            self.app.copy_to_clipboard(subject.value)
            self.notify("Subject copied to the clipboard.")
            return
        self.app.copy_to_clipboard(self.draft().body)
        self.notify("Body copied to the clipboard. For the subject: tab to it, then ctrl+y.")

    def action_eml(self) -> None:
        profile = self.prepared.context.profile
        data = render_eml(
            self.draft(), self.contact.name, self.contact.email, profile.name if profile else ""
        )
        dialog = ExportScreen(
            data.decode("ascii"),
            coach_app(self).cwd,
            heading="Write an email file (.eml) to open in your mail app",
            default=file_name(self.contact, self.kind_id),
        )

        def written(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Wrote {path}: open it in your mail app to edit and send.",
                            title="Email file", markup=False)  # fmt: skip

        self.app.push_screen(dialog, written)

    def action_mailto(self) -> None:
        self.app.push_screen(LinkDialog(mailto_link(self.draft(), self.contact.email)))

    def unsaved(self) -> str | None:
        if not self.dirty:
            return None
        if self.target is None:
            return "Your edits are not saved anywhere (no target): copy them first."
        return "Your edits are not saved on the target (ctrl+s saves them)."

    def go_back(self) -> None:
        self.dismiss(None)


class LinkDialog(CoachModal[None]):
    """The mailto: link, selectable, with a key to copy it."""

    BINDINGS = [
        Binding("escape", "leave", "Close"),
        Binding("ctrl+y", "copy", "Copy link", priority=True),
    ]

    def __init__(self, link: str) -> None:
        super().__init__()
        self.link = link

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain("mailto: link", "bold"))
            yield Static(
                plain("Opening it starts a new email with the subject and text filled in."),
                classes="help",
            )
            yield TextArea(self.link, id="link", read_only=True, soft_wrap=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#link", TextArea).styles.height = 8

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.link)
        self.notify("Link copied to the clipboard.")

    def go_back(self) -> None:
        self.dismiss(None)


class DraftApp(CoachApp):
    """The coach, opened straight on a draft (``ctcoach draft … --edit``): ``opening``
    is called with the app once it is up, for example ``lambda app: open_draft(app, …)``."""

    # A relative path would be read beside this module: point at the app's own sheet.
    CSS_PATH = str(Path(inspect.getfile(CoachApp)).with_name(str(CoachApp.CSS_PATH)))

    def __init__(self, coach: Coach, opening: Callable[[CoachApp], object], **options: Any) -> None:
        super().__init__(coach, **options)
        self.opening = opening

    def on_mount(self) -> None:
        # Textual runs CoachApp.on_mount after this one: open once the dashboard is up.
        self.call_after_refresh(self.opening, self)
