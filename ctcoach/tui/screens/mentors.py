"""The mentor team: who covers which role, gaps marked, warning signs flagged."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from ctcoach.mentors import Mentor, TeamCheck
from ctcoach.model import Pack
from ctcoach.tui.base import CoachScreen
from ctcoach.tui.confirm import ask
from ctcoach.tui.screens.dialogs import FormDialog
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.choices import MultiChoice
from ctcoach.tui.widgets.footer import KeyFooter
from ctcoach.tui.widgets.options import row_at
from ctcoach.tui.widgets.question import with_subject
from ctcoach.tui.widgets.titlebar import TitleBar


def team_content(team: TeamCheck) -> Content:
    lines: list[Content | str] = [plain("Roles", "bold")]
    for cover in team.roles:
        if cover.gap:
            lines += [
                "\n",
                plain("  ✗ ", "bold $warning"),
                cover.role.title,
                plain(" — gap", "bold $warning"),
            ]
        else:
            names = ", ".join(m.name for m in cover.mentors)
            lines += [
                "\n",
                plain("  ✓ ", "$success"),
                cover.role.title,
                plain(f" — {names}", "dim"),
            ]
    for warning in team.warnings:
        signs = "; ".join(s.text.lower() for s in warning.signs)
        lines += [
            "\n",
            plain("  ⚠ ", "bold $error"),
            plain(f"{warning.mentor.name}: ", "bold"),
            signs,
        ]
    return join(*lines)


def mentor_row(mentor: Mentor, pack: Pack) -> Option:
    """A mentor's line in the list: the name, then the roles they cover."""
    roles = ", ".join(pack.mentor_role(r).title for r in mentor.roles)
    return Option(join(plain(mentor.name, "bold"), plain(f" — {roles}", "dim")))


SIGN_GROUPS = (("working", "Signs it is working"), ("diversify", "Reasons to widen your team"))
FIELDS = {"name": "Name", "roles": "Roles", "signs": "Signs"}


class MentorDialog(FormDialog[bool]):
    """Add or change one mentor; dismisses True when saved. Each list moves with ↑ ↓ and
    ticks with Space; an error shows under its field, scrolled into view."""

    def __init__(self, mentor: Mentor | None = None) -> None:
        super().__init__()
        self.mentor = mentor

    def compose(self) -> ComposeResult:
        pack: Pack = self.coach.pack
        mentor = self.mentor
        with VerticalScroll(classes="dialog question", id="mentor-form"):
            yield Static(plain("Change mentor" if mentor else "Add a mentor", "bold"))
            yield Input(mentor.name if mentor else "", placeholder="Name", id="name")
            yield Static("", classes="error", id="error-name")
            yield Static(plain("Roles they fill for you (Space ticks)", "bold"), classes="prompt")
            roles = [(r.id, r.title) for r in pack.mentor_roles]
            yield MultiChoice(roles, mentor.roles if mentor else (), id="roles")
            yield Static("", classes="error", id="error-roles")
            for kind, title in SIGN_GROUPS:
                yield Static(plain(title, "bold"), classes="prompt")
                signs = [(s.id, s.text) for s in pack.mentor_signs if s.kind == kind]
                yield MultiChoice(signs, mentor.signs if mentor else (), id=f"signs-{kind}")
            yield Static("", classes="error", id="error-signs")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#name", Input).focus()

    def values(self) -> object:
        return (self.query_one("#name", Input).value, self.roles(), self.signs())

    def roles(self) -> list[str]:
        return list(self.query_one("#roles", MultiChoice).selected)

    def signs(self) -> list[str]:
        return [
            s
            for kind, _ in SIGN_GROUPS
            for s in self.query_one(f"#signs-{kind}", MultiChoice).selected
        ]

    def cancel_value(self) -> bool:
        return False

    def action_save(self) -> None:
        for error in self.query(".error"):
            error.display = False
        with self.saving():
            problems = self.coach.save_mentor(
                self.query_one("#name", Input).value,
                self.roles(),
                self.signs(),
                self.mentor.id if self.mentor else None,
            )
            if problems:
                for problem in reversed(problems):  # the first one ends up in view
                    message = with_subject(FIELDS[problem.field], problem.message)
                    self.show_error(message, f"#error-{problem.field}")
                target = "#name" if problems[0].field == "name" else "#roles"
                self.query_one(target).focus()
                return
            self.dismiss(True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()  # Enter after the name moves on to the roles


class MentorScreen(CoachScreen[None]):
    AUTO_FOCUS = "#mentor-list"
    BINDINGS = [
        Binding("a", "add", "Add mentor"),
        Binding("enter", "edit", "Change", priority=True),
        Binding("d", "delete", "Remove"),
        Binding("u", "undo", "Undo remove"),
        Binding("escape", "app.go_back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.removed: Mentor | None = None
        self.shown: list[Mentor] = []  # the list's mentors, in its order

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return self.removed is not None
        return super().check_action(action, parameters)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="mentors"):
            yield Static(id="team")
            yield Static(plain("Your mentors", "bold"), classes="section")
            # One widget for the whole list (Textual draws only the lines in view): a
            # widget per mentor took 100 ms to open for a hundred of them.
            yield OptionList(id="mentor-list")
            yield Static(
                plain("a adds a mentor; Enter changes one; d removes one (u undoes it)."),
                classes="hint",
                id="mentor-hint",
            )
        yield KeyFooter()

    async def on_mount(self) -> None:
        self.title = "Mentor team"
        await self.reload()

    def refresh_data(self) -> None:
        self.call_later(self.reload)

    async def reload(self) -> None:
        coach = self.coach
        plan = self.coach.plan_or_none()
        if plan is None or plan.team is None:
            return
        self.query_one("#team", Static).update(team_content(plan.team))
        view = self.query_one("#mentor-list", OptionList)
        index = view.highlighted
        self.shown = list(plan.team.mentors)
        view.set_options(mentor_row(m, coach.pack) for m in self.shown)
        count = len(self.shown)
        view.highlighted = min(index or 0, count - 1) if count else None

    def selected(self) -> Mentor | None:
        index = self.query_one("#mentor-list", OptionList).highlighted
        return row_at(self.shown, index)

    def action_add(self) -> None:
        self.app.push_screen(MentorDialog(), self.after_edit)

    def action_edit(self) -> None:
        mentor = self.selected()
        if mentor is None:
            self.action_add()
            return
        self.app.push_screen(MentorDialog(mentor), self.after_edit)

    async def after_edit(self, saved: bool | None) -> None:
        if saved:
            await self.reload()
            self.notify("Mentor team saved; your plan is updated.")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def action_delete(self) -> None:
        mentor = self.selected()
        if mentor is None:
            return

        async def remove() -> None:
            with self.saving():
                self.coach.delete_mentor(mentor.id)
                self.removed = mentor
                self.refresh_bindings()
                self.notify(f"Removed {mentor.name}. Press u to undo.", markup=False)
            await self.reload()

        ask(self, f"Remove {mentor.name} from your mentor team?", "Remove", remove, no="Cancel")

    async def action_undo(self) -> None:
        mentor = self.removed
        if mentor is None:
            return
        with self.saving():
            self.coach.save_mentor(mentor.name, mentor.roles, mentor.signs)
            self.removed = None
            self.refresh_bindings()
            self.notify(f"{mentor.name} is back on your team.", markup=False)
        await self.reload()
