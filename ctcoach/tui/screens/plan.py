"""The action plan by horizon: toggle items done, read why, export to Markdown."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Label, ListItem, ListView, Static

from ctcoach.plan import HORIZON_TITLES, Plan, PlanItem
from ctcoach.tui.base import CoachScreen
from ctcoach.tui.text import join, plain


class ItemRow(ListItem):
    def __init__(self, item: PlanItem) -> None:
        super().__init__(Label(self.render_label(item)), id=None)
        self.item = item

    @staticmethod
    def render_label(item: PlanItem) -> Content:
        box = "[x] " if item.done else "[ ] "
        style = "dim strike" if item.done else ("bold $error" if item.overdue else "")
        when = plain(f" — {item.when}", "dim" if not item.overdue else "$error")
        return join(plain(box), plain(item.title, style), when)


def detail(item: PlanItem) -> Content:
    parts: list[Content | str] = [plain(item.title, "bold"), "\n\n", item.how, "\n"]
    parts += ["\n", plain("When: ", "bold"), item.when]
    if item.cadence:
        parts += ["\n", plain("How often: ", "bold"), item.cadence]
    for reason in item.why:
        parts += ["\n", plain("Why: ", "bold"), reason]
    parts += ["\n", plain("Source: ", "bold"), plain(item.source.title, "italic")]
    if item.done:
        parts += ["\n\n", plain("Done. Space marks it open again.", "dim")]
    return join(*parts)


class PlanScreen(CoachScreen[None]):
    BINDINGS = [
        Binding("space", "toggle_done", "Done / not done"),
        Binding("e", "app.export", "Export"),
        Binding("escape", "app.go_back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="plan"):
            yield Static(id="plan-summary")
            yield ListView(id="items")
            with VerticalScroll(id="detail-pane"):
                yield Static(id="detail")
        yield Footer()

    async def on_mount(self) -> None:
        self.title = "Action plan"
        await self.reload()
        self.query_one("#items", ListView).focus()

    def refresh_data(self) -> None:
        item = self.selected()
        self.call_later(self.reload, item.id if item else None)

    async def reload(self, keep: str | None = None) -> None:
        plan: Plan | None = self.coach.plan_or_none()
        if plan is None:
            return
        open_count = len(plan.open_items())
        summary = plain(
            f"{open_count} open, {len(plan.items) - open_count} done · at most {plan.capacity} "
            f"active at once for {plan.profile.weekly_hours} h a week"
        )
        for note in plan.notes:
            summary = join(summary, "\n", plain(note, "italic"))
        self.query_one("#plan-summary", Static).update(summary)
        view = self.query_one("#items", ListView)
        old_index = view.index
        await view.clear()
        rows: list[ListItem] = []
        for horizon, items in plan.by_horizon():
            rows.append(
                ListItem(
                    Label(plain(HORIZON_TITLES[horizon], "bold underline")),
                    disabled=True,
                    classes="horizon",
                )
            )
            rows.extend(ItemRow(item) for item in items)
        await view.extend(rows)
        target = next(
            (n for n, row in enumerate(rows) if isinstance(row, ItemRow) and row.item.id == keep),
            None,
        )
        if target is None:
            target = old_index if old_index is not None and old_index < len(rows) else None
        if target is None or rows[target].disabled:
            target = next((n for n, row in enumerate(rows) if isinstance(row, ItemRow)), None)
        view.index = target
        self.show_detail()

    def selected(self) -> PlanItem | None:
        row = self.query_one("#items", ListView).highlighted_child
        return row.item if isinstance(row, ItemRow) else None

    def show_detail(self) -> None:
        item = self.selected()
        self.query_one("#detail", Static).update(detail(item) if item else "")

    def on_list_view_highlighted(self, _: ListView.Highlighted) -> None:
        self.show_detail()

    async def action_toggle_done(self) -> None:
        item = self.selected()
        if item is None:
            return
        with self.saving():
            self.coach.set_done(item.id, not item.done)
            await self.reload(keep=item.id)
