"""Modal dialogs: keys help and plan export."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, Static

from ctcoach.errors import ExportError
from ctcoach.export import save_text
from ctcoach.tui.base import CoachModal
from ctcoach.tui.text import join, plain

DEFAULT_EXPORT = "ctcoach-plan.md"
T = TypeVar("T")
NAVIGATION = (
    ("↑ ↓", "Move in a list"),
    ("tab", "Next part of the screen (shift+tab: back)"),
    ("ctrl+p", "Command palette: screens, export, theme"),
    ("mouse", "Click cards, buttons and list rows"),
)


class FormDialog(CoachModal[T]):
    """A dialog with a Save button (id "save") and a Cancel button (id "cancel").

    Subclasses implement ``action_save`` and ``cancel_value``; Enter in an input saves,
    Escape cancels, ctrl+s saves, and ``show_error`` puts a reason under the fields."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def cancel_value(self) -> T:
        raise NotImplementedError

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(self.cancel_value())

    def show_error(self, message: str) -> None:
        error = self.query_one(".error", Static)
        error.update(plain(message))
        error.display = True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()


def _declared_actions(cls: type[DOMNode]) -> set[str]:
    """Actions named in ``BINDINGS`` of ctcoach's own classes (not Textual's defaults)."""
    actions: set[str] = set()
    for klass in cls.__mro__:
        if not klass.__module__.startswith("ctcoach."):
            continue
        for entry in klass.__dict__.get("BINDINGS", []):
            actions.add(entry.action if isinstance(entry, Binding) else entry[1])
    return actions


class HelpScreen(ModalScreen[None]):
    """Every key of the screen it was opened from."""

    BINDINGS = [
        Binding("escape", "dismiss_help", "Close"),
        Binding("question_mark", "dismiss_help", "Close", show=False),
        Binding("f1", "dismiss_help", "Close", show=False),
    ]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under

    def keys(self) -> Content:
        """The screen's and the app's keys, the focused widget's main keys, then navigation."""
        title = self.under.title or self.app.title
        lines: list[Content] = [plain(f"Keys: {title}", "bold"), plain("")]
        seen: set[tuple[str, str]] = set()
        ours = _declared_actions(type(self.under)) | _declared_actions(type(self.app))
        for active in self.under.active_bindings.values():
            binding = active.binding
            own = active.node in (self.under, self.app) and binding.action in ours
            focused = active.node is self.under.focused and binding.show
            if not binding.description or not (own or focused):
                continue
            shown = self.app.get_key_display(binding)
            if (shown, binding.description) in seen:
                continue
            seen.add((shown, binding.description))
            lines.append(join(plain(f"{shown:>10}  ", "bold"), binding.description))
        for key, what in NAVIGATION:
            lines.append(join(plain(f"{key:>10}  ", "bold"), what))
        return Content("\n").join(lines)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(self.keys(), id="keys")
        yield Footer()

    def action_dismiss_help(self) -> None:
        self.dismiss(None)


class ExportScreen(FormDialog[Path | None]):
    """Ask where to write the Markdown plan; refuse bad paths with a reason."""

    def __init__(self, text: str, cwd: Path) -> None:
        super().__init__()
        self.text = text
        self.cwd = cwd
        self.confirm_replace: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain("Export your plan as Markdown", "bold"))
            yield Static(plain(f"File (relative to {self.cwd}):"), classes="help")
            yield Input(DEFAULT_EXPORT, id="path")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Export", id="save", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def cancel_value(self) -> Path | None:
        return None

    def target(self) -> Path:
        raw = Path(self.query_one("#path", Input).value.strip()).expanduser()
        return raw if raw.is_absolute() else self.cwd / raw

    def action_save(self) -> None:
        if not self.query_one("#path", Input).value.strip():
            self.show_error("type a file name")
            return
        path = self.target()
        if path.is_file() and self.confirm_replace != path:
            self.confirm_replace = path
            self.show_error(f"{path.name} already exists: press Export again to replace it")
            return
        try:
            store = self.coach.store
            written = save_text(path, self.text, protected=(store.folder, store.target))
        except ExportError as exc:
            self.show_error(str(exc))
            return
        self.dismiss(written)

    def on_input_changed(self, _: Input.Changed) -> None:
        self.confirm_replace = None


class ConfirmScreen(ModalScreen[bool]):
    """A yes / no question. Escape means no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No", show=False),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.question))
            with Horizontal(classes="buttons"):
                yield Button(self.no, id="no")
                yield Button(self.yes, id="yes", variant="error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")


def form_buttons(save: str = "Save") -> Horizontal:
    """The Cancel and Save buttons at the foot of a form (ids ``cancel`` and ``save``)."""
    return Horizontal(
        Button("Cancel", id="cancel"), Button(save, id="save", variant="primary"), classes="buttons"
    )
