"""Saved pitch versions: make one current, rename it, or delete it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ctcoach.pitch import (
    MAX_VERSION_NAME,
    PitchReport,
    assemble,
    count_words,
    current_rate,
    speaking_seconds,
)
from ctcoach.records import PitchVersion, Snapshot
from ctcoach.tui.base import CoachModal
from ctcoach.tui.confirm import ask
from ctcoach.tui.screens.dialogs import FormDialog
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.footer import KeyFooter
from ctcoach.tui.widgets.options import row_at


def status(result: PitchReport) -> Content:
    """Ready, or what is left to fix: the checks of the chosen version only."""
    if result.ok:
        return plain("✓ ready", "$success")
    lines = [plain(f"{len(result.checks)} to fix", "$warning")]
    lines += [plain(f"• {check.message}") for check in result.checks]
    return Content("\n").join(lines)


class VersionsScreen(CoachModal[int | None]):
    """Saved versions, newest first; dismisses with the one to make current, or None.

    One :class:`OptionList` (Textual draws only the rows in view) with words and seconds
    per row; the checks run for the highlighted version only, so hundreds of versions
    open at once."""

    BINDINGS = [
        Binding("enter", "choose", "Make current", priority=True),
        Binding("r", "rename", "Rename"),
        Binding("d", "delete", "Delete"),
        Binding("escape", "leave", "Close"),
    ]
    DEFAULT_CSS = """
    #versions, #versions:focus {
        border: none;
        padding: 0;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    #version-status {
        border-top: solid $primary;
    }
    """

    PAGE = 50  # versions listed at first; the rest one page at a time, on request

    def __init__(self) -> None:
        super().__init__()
        self.versions: list[PitchVersion] = []  # the versions listed, newest first
        self.more = 0  # versions saved but not listed yet (older ones)
        self.limit = self.PAGE
        self.current: int | None = None  # the current version's id
        self.status_for: tuple[int | None, Snapshot] | None = None  # what the status shows

    def go_back(self) -> None:
        self.dismiss(None)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain("Saved versions", "bold"))
            yield OptionList(id="versions")
            yield Static(id="version-status")
        yield KeyFooter()

    async def on_mount(self) -> None:
        await self.reload()
        self.query_one("#versions", OptionList).focus()

    async def reload(self) -> None:
        coach = self.coach
        snap = coach.snapshot()
        settings = coach.pack.pitch
        current = coach.current_pitch(snap)
        self.current = current[0] if current else None
        view = self.query_one("#versions", OptionList)
        index = view.highlighted
        saved = list(reversed(coach.pitch_versions(snap))) if settings else []
        self.versions, self.more = saved[: self.limit], max(len(saved) - self.limit, 0)
        options: list[Option] = []
        if settings is not None:
            wpm, _ = current_rate(
                settings, snap.practices, coach.wpm_setting(snap), coach.wpm_since(snap)
            )
            for version in self.versions:
                text = assemble(settings, version.pitch)
                count = count_words(text)
                seconds = speaking_seconds(count, wpm)
                mark = "  ✓ current" if version.id == self.current else ""
                name = plain(f"{version.name} · ", "bold") if version.name else plain("")
                label = plain(
                    f"{version.saved.isoformat()} · {count} words · about {seconds:.0f} s{mark}"
                )
                options.append(Option(join(name, label, "\n", plain(text[:120], "dim"))))
        if not options:
            options.append(Option(plain("No saved versions yet."), disabled=True))
        if self.more:
            older = f"{self.more} older version{'s' if self.more > 1 else ''}"
            options.append(Option(plain(f"… {older}: Enter lists the next {self.PAGE}", "dim")))
        view.set_options(options)
        # Two lines a row (no wrapping): a set height spares Textual measuring every row
        # to size the list, on top of measuring them to scroll it.
        lines = 2 * len(self.versions) + (1 if self.more or not self.versions else 0)
        view.styles.height = max(1, min(lines, self.app.size.height // 2))
        view.highlighted = min(index or 0, len(self.versions) - 1) if self.versions else None
        self.show_status()

    def selected(self) -> PitchVersion | None:
        return row_at(self.versions, self.query_one("#versions", OptionList).highlighted)

    def show_status(self) -> None:
        """The highlighted version in full: when it was saved, its length and its checks."""
        version, snap = self.selected(), self.coach.snapshot()
        shown = (version.id if version else None, snap)
        last = self.status_for
        if last is not None and last[1] is snap and last[0] == shown[0]:
            return  # the same version of the same data: already shown
        self.status_for = shown
        result = self.coach.report_on(version.pitch, snap) if version is not None else None
        if version is None or result is None:
            self.query_one("#version-status", Static).update("")
            return
        mark = " · ✓ current" if version.id == self.current else ""
        name = f"{version.name} · " if version.name else ""
        head = plain(
            f"{name}saved {version.saved.isoformat()} · {result.words} words · "
            f"about {result.seconds:.0f} s{mark}",
            "bold",
        )
        settings = self.coach.pack.pitch
        text = assemble(settings, version.pitch) if settings else ""
        body = plain(text, "italic") if text else plain("")
        self.query_one("#version-status", Static).update(
            join(head, "\n", body, "\n", status(result))
        )

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.show_status()

    async def action_choose(self) -> None:
        index = self.query_one("#versions", OptionList).highlighted
        if self.more and index == len(self.versions):  # "… older versions"
            self.limit += self.PAGE
            await self.reload()
            return
        version = self.selected()
        if version is not None:
            self.dismiss(version.id)

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        await self.action_choose()

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
        position = len(self.versions) + self.more - self.versions.index(version)
        what = (
            f"“{version.name}”" if version.name else (f"version {position}, saved {version.saved}")
        )

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
