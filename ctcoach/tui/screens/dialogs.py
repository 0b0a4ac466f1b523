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
from textual.widgets import Button, Input, Static

from ctcoach.errors import ExportError
from ctcoach.export import save_text
from ctcoach.tui.base import CoachModal
from ctcoach.tui.confirm import ConfirmScreen
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.footer import KeyFooter

__all__ = ["ConfirmScreen", "ExportScreen", "FormDialog", "HelpScreen"]
DEFAULT_EXPORT = "ctcoach-plan.md"
T = TypeVar("T")
GRAMMAR = (
    ("1–9", "Pick an option (in a quiz, that answers)"),
    ("y  n", "Answer a yes / no question"),
    ("space", "Tick a box; mark a plan item done"),
    ("enter", "Continue: next question, open, save"),
    ("esc", "Go back; asks first if work would be lost"),
    ("q  ^q", "Quit; asks first if work would be lost"),
    ("↑ ↓", "Move in a list"),
    ("pgup pgdn", "Page through a list or a text"),
    ("home end", "First, last"),
    ("tab", "Next part of the screen (shift+tab: back)"),
    ("^p", "Command palette: screens, export, theme"),
    ("mouse", "Click cards, buttons, options, rows"),
)


class FormDialog(CoachModal[T]):
    """A dialog with a save button (id "save", labelled :attr:`SAVE_LABEL`) and a Cancel
    button (id "cancel").

    Subclasses implement ``action_save``, ``cancel_value`` and ``values``; Enter in an input
    saves, ctrl+s saves, Escape cancels (asking first when something was changed), and
    ``show_error`` puts a reason under the fields."""

    SAVE_LABEL = "Save"

    def __init__(self) -> None:
        super().__init__()
        self._bindings.bind("escape", "leave", "Cancel", key_display="esc")
        self._bindings.bind("ctrl+s", "save", self.SAVE_LABEL)
        self._bindings.bind("enter", "save", self.SAVE_LABEL, show=False)
        self.initial: object = None

    def on_mount(self) -> None:
        self.initial = self.values()

    def values(self) -> object:
        """What the user can change here, to tell whether they changed it."""
        return None

    def unsaved(self) -> str | None:
        return "Your changes here will be lost." if self.values() != self.initial else None

    def go_back(self) -> None:
        self.dismiss(self.cancel_value())

    def cancel_value(self) -> T:
        raise NotImplementedError

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.action_leave()

    def show_error(self, message: str, near: str = ".error") -> None:
        """Show ``message`` in the error line ``near`` and scroll it into view."""
        error = self.query_one(near, Static)
        error.update(plain(message))
        error.display = True
        error.scroll_visible(animate=False)

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


def _own_actions(node: DOMNode) -> set[str]:
    """Actions of ``node``'s class bindings and of any it bound for itself at run time."""
    merged = type(node)._merged_bindings
    class_keys = set(merged.key_to_bindings) if merged else set()
    added = {binding.action for key, binding in node._bindings if key not in class_keys}
    return _declared_actions(type(node)) | added


class HelpScreen(ModalScreen[None]):
    """Every key of the screen it was opened from."""

    BINDINGS = [
        Binding("escape", "dismiss_help", "Close"),
        Binding("question_mark", "dismiss_help", "Close", show=False),
        Binding("f1", "dismiss_help", "Close", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under

    def keys(self) -> Content:
        """The screen's and the app's keys, the focused widget's main keys, then the keys
        that mean the same everywhere. Keys for the same action share a line."""
        title = self.under.title or self.app.title
        lines: list[Content] = [plain(f"Keys: {title}", "bold"), plain("")]
        grouped: dict[tuple[str, str], list[str]] = {}
        ours = _own_actions(self.under) | _declared_actions(type(self.app))
        for active in self.under.active_bindings.values():
            binding = active.binding
            own = active.node in (self.under, self.app) and binding.action in ours
            focused = active.node is self.under.focused and binding.show
            if binding.description and (own or focused):
                shown = self.app.get_key_display(binding)
                grouped.setdefault((binding.action, binding.description), []).append(shown)
        for (_, description), keys in grouped.items():
            lines.append(join(plain(f"{' '.join(keys):>10}  ", "bold"), description))
        lines += [plain(""), plain("Everywhere", "bold"), plain("")]
        for key, what in GRAMMAR:
            lines.append(join(plain(f"{key:>10}  ", "bold"), what))
        return Content("\n").join(lines)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help"):
            yield Static(self.keys(), id="keys")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#help").focus()  # the arrows and Page Down scroll it

    def action_dismiss_help(self) -> None:
        self.dismiss(None)


class ExportScreen(FormDialog[Path | None]):
    """Ask where to write an export (the Markdown plan by default); refuse bad paths and
    the data folder with a reason."""

    def __init__(
        self,
        text: str,
        cwd: Path,
        *,
        heading: str = "Export your plan as Markdown",
        default: str = DEFAULT_EXPORT,
    ) -> None:
        super().__init__()
        self.text = text
        self.cwd = cwd
        self.heading, self.default = heading, default
        self.confirm_replace: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.heading, "bold"))
            yield Static(plain(f"File (relative to {self.cwd}):"), classes="help")
            yield Input(self.default, id="path")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Export", id="save", variant="primary")
        yield KeyFooter()

    SAVE_LABEL = "Export"

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#path", Input).focus()

    def unsaved(self) -> str | None:
        return None  # nothing is lost: the plan can be exported again at any time

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


def form_buttons(save: str = "Save") -> Horizontal:
    """The Cancel and Save buttons at the foot of a form (ids ``cancel`` and ``save``)."""
    return Horizontal(
        Button("Cancel", id="cancel"), Button(save, id="save", variant="primary"), classes="buttons"
    )
