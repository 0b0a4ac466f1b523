"""The action plan by horizon: toggle items done, read why, search, filter, export."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Input, Label, ListItem, Static

from ctcoach.plan import HORIZON_TITLES, Plan, PlanItem
from ctcoach.text import matches
from ctcoach.tui.base import CoachScreen
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.footer import KeyFooter
from ctcoach.tui.widgets.navlist import NavList
from ctcoach.tui.widgets.search import SearchBar

# (id, what a count of them is called, what the filter shows)
FILTERS: tuple[tuple[str, str, str], ...] = (
    ("all", "items", "every item"),
    ("open", "open items", "open items; done ones hidden"),
    ("active", "active items", "active items; done and waiting ones hidden"),
)


def shown(item: PlanItem, filter_id: str, query: str) -> bool:
    if filter_id in ("open", "active") and item.done:
        return False
    if filter_id == "active" and item.waiting:
        return False
    return matches(query, item.title, item.how, item.when, *item.why)


class ItemRow(ListItem):
    def __init__(self, item: PlanItem) -> None:
        super().__init__(Label(self.render_label(item)), id=None)
        self.item = item
        if item.waiting:
            self.add_class("waiting")

    @staticmethod
    def render_label(item: PlanItem) -> Content:
        box = "[x] " if item.done else ("[·] " if item.waiting else "[ ] ")
        if item.done:
            style = "dim strike"
        elif item.overdue:
            style = "bold $error"
        else:
            style = "dim italic" if item.waiting else ""
        when = "waiting for room in your week" if item.waiting else item.when
        when_text = plain(f" — {when}", "$error" if item.overdue else "dim")
        return join(plain(box), plain(item.title, style), when_text)


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
        Binding("escape", "app.go_back", "Back"),
        Binding("slash", "search", "Search"),
        Binding("f", "filter", "Filter"),
        Binding("e", "app.export", "Export"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="plan"):
            yield Static(id="plan-summary")
            yield SearchBar("Search the plan (Enter: go to the list, Escape: clear)", "#items")
            yield NavList(id="items")
            with VerticalScroll(id="detail-pane"):
                yield Static(id="detail")
        yield KeyFooter()

    async def on_mount(self) -> None:
        self.title = "Action plan"
        await self.reload()
        self.query_one("#items", NavList).focus()

    def refresh_data(self) -> None:
        item = self.selected()
        self.call_later(self.reload, item.id if item else None)

    def summary(self, plan: Plan, count: int) -> Content:
        open_count = len(plan.open_items())
        waiting = len(plan.waiting)
        done = len(plan.items) - open_count
        text = (
            f"{open_count + waiting} open ({waiting} waiting), {done} done · "
            f"at most {plan.capacity} active at once for {plan.profile.weekly_hours} h a week"
        )
        filter_id, noun, _ = FILTERS[self.filter]
        query = self.query_one(SearchBar).query_text
        if filter_id != "all" or query:
            found = f" matching “{query}”" if query else ""
            text += f"\nShowing {count} {noun}{found} · f changes the filter"
        summary = plain(text)
        for note in plan.notes:
            summary = join(summary, "\n", plain(note, "italic"))
        return summary

    async def reload(self, keep: str | None = None) -> None:
        plan: Plan | None = self.coach.plan_or_none()
        if plan is None:
            return
        view = self.query_one("#items", NavList)
        if keep is None and (current := self.selected()) is not None:
            keep = current.id
        await view.clear()
        filter_id, query = FILTERS[self.filter][0], self.query_one(SearchBar).query_text
        rows: list[ListItem] = []
        for horizon, group in plan.by_horizon(waiting=True):
            visible = [i for i in group if shown(i, filter_id, query)]
            if visible:
                title = plain(HORIZON_TITLES[horizon], "bold underline")
                rows.append(ListItem(Label(title), disabled=True, classes="horizon"))
                rows.extend(ItemRow(item) for item in visible)
        if not rows:
            rows.append(ListItem(Label(plain("Nothing matches.", "dim")), disabled=True))
        await view.extend(rows)
        ids = {n: row.item.id for n, row in enumerate(rows) if isinstance(row, ItemRow)}
        kept = [n for n, item_id in ids.items() if item_id == keep]
        view.index = kept[0] if kept else next(iter(ids), None)
        self.query_one("#plan-summary", Static).update(self.summary(plan, len(ids)))
        self.show_detail()

    def selected(self) -> PlanItem | None:
        row = self.query_one("#items", NavList).highlighted_child
        return row.item if isinstance(row, ItemRow) else None

    def show_detail(self) -> None:
        item = self.selected()
        self.query_one("#detail", Static).update(detail(item) if item else "")

    def on_list_view_highlighted(self, _: NavList.Highlighted) -> None:
        self.show_detail()

    async def action_toggle_done(self) -> None:
        item = self.selected()
        if item is None:
            return
        with self.saving():
            self.coach.set_done(item.id, not item.done)
            await self.reload(keep=item.id)

    def action_search(self) -> None:
        self.query_one(SearchBar).open()

    async def action_filter(self) -> None:
        self.filter = (self.filter + 1) % len(FILTERS)
        await self.reload()
        self.notify(f"Showing {FILTERS[self.filter][2]}.", timeout=2)

    async def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, SearchBar):
            await self.reload()
