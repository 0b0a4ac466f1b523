"""Saved pitch versions: make one current, rename it, or delete it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, ListItem, Static

from ctcoach.pitch import MAX_VERSION_NAME
from ctcoach.records import PitchVersion
from ctcoach.tui.base import CoachModal
from ctcoach.tui.confirm import ask
from ctcoach.tui.screens.dialogs import FormDialog
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.footer import KeyFooter
from ctcoach.tui.widgets.navlist import NavList


class VersionRow(ListItem):
    def __init__(self, version: PitchVersion, label: Content) -> None:
        super().__init__(Label(label))
        self.version = version

    @property
    def version_id(self) -> int:
        return self.version.id


class VersionsScreen(CoachModal[int | None]):
    """Saved versions, newest first; dismisses with the one to make current, or None."""

    BINDINGS = [
        Binding("enter", "choose", "Make current", priority=True),
        Binding("r", "rename", "Rename"),
        Binding("d", "delete", "Delete"),
        Binding("escape", "leave", "Close"),
    ]

    def go_back(self) -> None:
        self.dismiss(None)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain("Saved versions", "bold"))
            yield NavList(id="versions")
        yield KeyFooter()

    async def on_mount(self) -> None:
        await self.reload()
        self.query_one("#versions", NavList).focus()

    async def reload(self) -> None:
        coach = self.coach
        current = coach.current_pitch()
        view = self.query_one("#versions", NavList)
        index = view.index
        await view.clear()
        rows: list[ListItem] = []
        for version in reversed(coach.pitch_versions()):
            result = coach.report_on(version.pitch)
            if result is None:
                continue
            mark = "  ✓ current" if current and current[0] == version.id else ""
            status = "ready" if result.ok else f"{len(result.checks)} to fix"
            name = plain(f"{version.name} · ", "bold") if version.name else plain("")
            label = plain(
                f"{version.saved.isoformat()} · {result.words} words · "
                f"about {result.seconds:.0f} s · {status}{mark}"
            )
            text = plain(result.text[:120], "dim")
            rows.append(VersionRow(version, join(name, label, "\n", text)))
        await view.extend(rows)
        if not rows:
            await view.append(ListItem(Label("No saved versions yet."), disabled=True))
        view.index = min(index or 0, len(rows) - 1) if rows else None

    def selected(self) -> PitchVersion | None:
        row = self.query_one("#versions", NavList).highlighted_child
        return row.version if isinstance(row, VersionRow) else None

    def action_choose(self) -> None:
        version = self.selected()
        if version is not None:
            self.dismiss(version.id)

    def on_list_view_selected(self, event: NavList.Selected) -> None:
        event.stop()
        self.action_choose()

    def action_rename(self) -> None:
        version = self.selected()
        if version is None:
            return

        async def renamed(saved: bool | None) -> None:
            if saved:
                await self.reload()

        self.app.push_screen(RenameScreen(version), renamed)

    def action_delete(self) -> None:
        version = self.selected()
        if version is None:
            return
        what = f"“{version.name}”" if version.name else f"the version saved {version.saved}"

        async def delete() -> None:
            with self.saving():
                self.coach.delete_pitch(version.id)
                self.notify("Deleted that version.")
            await self.reload()

        ask(self, f"Delete {what}? This cannot be undone.", "Delete", delete, no="Cancel")


class RenameScreen(FormDialog[bool]):
    """Name a saved version (empty clears the name)."""

    def __init__(self, version: PitchVersion) -> None:
        super().__init__()
        self.version = version

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(f"Name this version (up to {MAX_VERSION_NAME} characters)", "bold"))
            yield Input(self.version.name, placeholder="e.g. For the STS meeting", id="name")
            yield Static("", classes="error")
        yield KeyFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#name", Input).focus()

    def values(self) -> object:
        return self.query_one("#name", Input).value

    def cancel_value(self) -> bool:
        return False

    def action_save(self) -> None:
        try:
            with self.saving():
                self.coach.rename_pitch(self.version.id, self.query_one("#name", Input).value)
                self.dismiss(True)
        except ValueError as exc:
            self.show_error(str(exc))
