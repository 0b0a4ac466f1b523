"""The mentor team: who covers which role, gaps marked, warning signs flagged."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    ListItem,
    ListView,
    Static,
)

from ctcoach.mentors import Mentor, TeamCheck
from ctcoach.model import Pack
from ctcoach.tui.base import CoachScreen
from ctcoach.tui.screens.dialogs import ConfirmScreen, FormDialog
from ctcoach.tui.text import join, plain


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


class MentorRow(ListItem):
    def __init__(self, mentor: Mentor, pack: Pack) -> None:
        roles = ", ".join(pack.mentor_role(r).title for r in mentor.roles)
        super().__init__(Label(join(plain(mentor.name, "bold"), plain(f" — {roles}", "dim"))))
        self.mentor = mentor


class MentorDialog(FormDialog[bool]):
    """Add or change one mentor; dismisses True when saved."""

    def __init__(self, mentor: Mentor | None = None) -> None:
        super().__init__()
        self.mentor = mentor

    def compose(self) -> ComposeResult:
        pack: Pack = self.coach.pack
        mentor = self.mentor
        with VerticalScroll(classes="dialog question"):
            yield Static(plain("Change mentor" if mentor else "Add a mentor", "bold"))
            yield Input(mentor.name if mentor else "", placeholder="Name", id="name")
            yield Static(plain("Roles they fill for you", "bold"), classes="prompt")
            for role in pack.mentor_roles:
                yield Checkbox(
                    plain(role.title),
                    bool(mentor and role.id in mentor.roles),
                    name=f"role:{role.id}",
                )
            for kind, title in (
                ("working", "Signs it is working"),
                ("diversify", "Reasons to widen your team"),
            ):
                yield Static(plain(title, "bold"), classes="prompt")
                for sign in (s for s in pack.mentor_signs if s.kind == kind):
                    yield Checkbox(
                        plain(sign.text),
                        bool(mentor and sign.id in mentor.signs),
                        name=f"sign:{sign.id}",
                    )
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def picked(self, prefix: str) -> list[str]:
        return [
            str(box.name).split(":", 1)[1]
            for box in self.query(Checkbox)
            if box.value and str(box.name).startswith(prefix)
        ]

    def cancel_value(self) -> bool:
        return False

    def action_save(self) -> None:
        with self.saving():
            problems = self.coach.save_mentor(
                self.query_one("#name", Input).value,
                self.picked("role:"),
                self.picked("sign:"),
                self.mentor.id if self.mentor else None,
            )
            if problems:
                labels = {"name": "Name", "roles": "Roles", "signs": "Signs"}
                self.show_error("; ".join(f"{labels[p.field]}: {p.message}" for p in problems))
                return
            self.dismiss(True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()  # Enter after the name moves on to the roles


class MentorScreen(CoachScreen[None]):
    BINDINGS = [
        Binding("a", "add", "Add mentor"),
        Binding("enter", "edit", "Change", priority=True),
        Binding("d", "delete", "Remove"),
        Binding("escape", "app.go_back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="mentors"):
            yield Static(id="team")
            yield Static(plain("Your mentors", "bold"), classes="section")
            yield ListView(id="mentor-list")
            yield Static(
                plain("a adds a mentor; Enter changes one; d removes one."),
                classes="hint",
                id="mentor-hint",
            )
        yield Footer()

    async def on_mount(self) -> None:
        self.title = "Mentor team"
        await self.reload()
        self.query_one("#mentor-list", ListView).focus()

    def refresh_data(self) -> None:
        self.call_later(self.reload)

    async def reload(self) -> None:
        coach = self.coach
        plan = self.coach.plan_or_none()
        if plan is None or plan.team is None:
            return
        self.query_one("#team", Static).update(team_content(plan.team))
        view = self.query_one("#mentor-list", ListView)
        index = view.index
        await view.clear()
        await view.extend(MentorRow(m, coach.pack) for m in plan.team.mentors)
        count = len(plan.team.mentors)
        view.index = min(index or 0, count - 1) if count else None

    def selected(self) -> Mentor | None:
        row = self.query_one("#mentor-list", ListView).highlighted_child
        return row.mentor if isinstance(row, MentorRow) else None

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

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        event.stop()
        self.action_edit()

    def action_delete(self) -> None:
        mentor = self.selected()
        if mentor is None:
            return

        async def answered(yes: bool | None) -> None:
            if yes:
                with self.saving():
                    self.coach.delete_mentor(mentor.id)
                await self.reload()

        self.app.push_screen(
            ConfirmScreen(f"Remove {mentor.name} from your mentor team?", yes="Remove"), answered
        )
