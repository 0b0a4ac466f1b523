"""The action plan by horizon: toggle items done, read why, search, filter, export."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content, Span
from textual.css.styles import RulesMap
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ctcoach.coach import Coach
from ctcoach.plan import HORIZON_TITLES, Plan, PlanItem
from ctcoach.text import for_terminal, matches
from ctcoach.tui.base import CoachScreen
from ctcoach.tui.text import Line, join, plain
from ctcoach.tui.widgets.footer import KeyFooter
from ctcoach.tui.widgets.options import heading
from ctcoach.tui.widgets.search import SearchBar
from ctcoach.tui.widgets.titlebar import TitleBar

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


def item_label(item: PlanItem) -> Content:
    """One plan item as a line of the list: its box, its title and when it is due.

    Made as one :class:`Line` with its two styled stretches (a long plan has thousands
    of lines, and joining three pieces cost four times as much)."""
    box = "[x] " if item.done else ("[·] " if item.waiting else "[ ] ")
    if item.done:
        style = "dim strike"
    elif item.overdue:
        style = "bold $error"
    else:
        style = "dim italic" if item.waiting else ""
    when = "waiting for room in your week" if item.waiting else item.when
    title, after = for_terminal(item.title), for_terminal(f" — {when}")
    start, end = len(box), len(box) + len(title)
    spans = [Span(start, end, style)] if style and title else []
    if after:
        spans.append(Span(end, end + len(after), "$error" if item.overdue else "dim"))
    # A Line: opening a plan of hundreds of items measures each; most fit on one line.
    # Its width is counted here, as the warm-up makes the lines, not as the plan opens.
    text = box + title + after
    return Line(text, spans, cell_len(text), False)


FIRST_ROWS = 500  # rows a plan opens with: most plans whole, a huge one its first screens
MORE_ROWS = 1000  # rows added to a huge plan's list at a time, between other messages


class PlanList(OptionList):
    """The plan's items under their horizons' headings, in one widget: Textual draws only
    the lines that scroll into view. A huge plan opens with its first :data:`FIRST_ROWS`
    rows, and the rest follow :data:`MORE_ROWS` at a time, a part after each frame drawn
    (a key waits for one part at most); a key that goes further (End, Page Down at the
    end) adds what it needs first. ``items`` holds the item of each row, loaded or not
    (``None`` for a heading)."""

    DEFAULT_CSS = """
    PlanList, PlanList:focus {
        border: none;
        padding: 0;
        scrollbar-gutter: stable;  /* the width never changes, so no option is measured twice */
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[PlanItem | None] = []
        self.rows: list[PlanItem | Content] = []
        self.label: Callable[[PlanItem], Content] = item_label
        self.loaded = 0  # rows that are options of the list so far
        self.shows = 0  # one per show(): a part meant for an earlier one is not added
        self.waiting: int | None = None  # the show whose rest waits for the screen to show

    def show(
        self, rows: list[PlanItem | Content], label: Callable[[PlanItem], Content] | None = None
    ) -> None:
        """Replace the rows: a :class:`PlanItem` per item (its line from ``label``, by
        default :func:`item_label`), a Content per heading."""
        self.label = label or item_label
        self.rows = rows
        self.items = [None if isinstance(row, Content) else row for row in rows]
        self.shows += 1
        self.loaded = min(len(rows), FIRST_ROWS)
        self.set_options(self.options_of(0, self.loaded))
        if self.loaded < len(rows):  # the rest once the first rows show, a part a frame
            self.call_after_refresh(self.load_more, self.shows)

    def options_of(self, start: int, end: int) -> list[Option]:
        """The options of rows ``start`` to ``end``."""
        label, made = self.label, []
        for index in range(start, end):
            row = self.rows[index]
            if isinstance(row, Content):
                made.append(heading(row, first=not index))
            else:
                made.append(Option(label(row)))
        return made

    def load_to(self, end: int) -> None:
        """Make sure the rows up to ``end`` are options of the list."""
        end = min(end, len(self.rows))
        if end > self.loaded:
            start, self.loaded = self.loaded, end
            self.add_options(self.options_of(start, end))

    def load_more(self, shows: int) -> None:
        if shows != self.shows or self.loaded >= len(self.rows):
            return
        if not self.screen.is_current:  # a plan built ahead: the rest once it shows
            self.waiting = shows
            return
        self.load_to(self.loaded + MORE_ROWS)
        if self.loaded < len(self.rows):
            self.call_after_refresh(self.load_more, shows)

    def go_on(self) -> None:
        """Add the rest of the rows, now that the screen shows (see :meth:`load_more`)."""
        if self.waiting is not None:
            shows, self.waiting = self.waiting, None
            self.call_after_refresh(self.load_more, shows)

    def load_near(self, index: int | None) -> None:
        """Rows a page past ``index`` loaded, so that a key moving there finds them."""
        self.load_to((index or 0) + max(self.size.height, 1) * 2)

    def action_cursor_down(self) -> None:
        self.load_near(self.highlighted)
        super().action_cursor_down()

    def action_page_down(self) -> None:
        self.load_near(self.highlighted)
        super().action_page_down()  # type: ignore[no-untyped-call]

    def action_last(self) -> None:
        self.load_to(len(self.rows))
        super().action_last()

    def shown_items(self) -> list[PlanItem]:
        """The items the list shows now, in order (loaded or still to come)."""
        return [item for item in self.items if item is not None]

    @property
    def selected(self) -> PlanItem | None:
        index = self.highlighted
        return self.items[index] if index is not None and index < len(self.items) else None

    def select_item(self, item_id: str | None, near: int | None = None) -> None:
        """Highlight the item ``item_id`` (Space again undoes a mark); when it is no longer
        shown (a target's step done becomes its next step), the item now at its old place
        ``near``; else the first item."""
        indexes = [n for n, item in enumerate(self.items) if item is not None]
        kept = [n for n, item in enumerate(self.items) if item is not None and item.id == item_id]
        if kept:
            index: int | None = kept[0]
        elif near is not None and indexes:
            index = next((n for n in indexes if n >= near), indexes[-1])
        else:
            index = next(iter(indexes), None)
        if index is not None:
            self.load_near(index)
        self.highlighted = index


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


class Labels:
    """The list line of each item of the plan last shown, kept for the next opening (and
    for the items a changed plan keeps). A line keeps its measured height, so opening the
    plan again neither builds nor measures the lines of a long plan again."""

    def __init__(self) -> None:
        self.plan: Plan | None = None
        self.lines: dict[PlanItem, Content] = {}

    def of(self, plan: Plan) -> Callable[[PlanItem], Content]:
        if plan is not self.plan:
            kept = {*plan.items, *plan.waiting}
            self.lines = {item: line for item, line in self.lines.items() if item in kept}
            self.plan = plan
        return self.line

    def line(self, item: PlanItem) -> Content:
        line = self.lines.get(item)
        if line is None:
            line = self.lines[item] = item_label(item)
        return line


LABELS = Labels()  # one plan is shown at a time; its lines outlive the screen


WARM_UP_LINES = 1000  # plan lines built per step of the warm-up (25 ms for a huge plan)
# The list is as wide as the screen less the plan's padding (one column each side) and
# the list's scrollbar gutter (two): a test holds this to the width Textual gives it.
LIST_INSET = 4
LIST_RULES: RulesMap = {"text_wrap": "wrap", "text_overflow": "fold", "line_pad": 0}


def warm_up(coach: Coach, width: int) -> Iterator[None]:
    """Build and measure the current plan's lines before the first `p`, a thousand per
    step, for a screen ``width`` wide (the app's warm-up runs a step per tick while the
    person reads the dashboard, which has built the plan already; a key pressed
    meanwhile waits for one step at most)."""
    plan = coach.plan_or_none()
    if plan is None:
        return
    line = LABELS.of(plan)
    items = (*plan.items, *plan.waiting)
    room = width - LIST_INSET
    for start in range(0, len(items), WARM_UP_LINES):
        for item in items[start : start + WARM_UP_LINES]:
            # Measured as the list will measure it when it opens (a Line keeps the count).
            line(item).get_height(LIST_RULES, room)
        yield


class PlanScreen(CoachScreen[None]):
    AUTO_FOCUS = "#items"  # focused once, as it is mounted (no detour through the first)
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
        yield TitleBar()
        with Vertical(id="plan"):
            yield Static(id="plan-summary")
            yield SearchBar("Search the plan (Enter: go to the list, Escape: clear)", "#items")
            yield PlanList(id="items")
            with VerticalScroll(id="detail-pane"):
                yield Static(id="detail")
        yield KeyFooter()

    async def on_mount(self) -> None:
        self.title = "Action plan"
        await self.reload()

    def on_screen_resume(self) -> None:
        self.query_one(PlanList).go_on()

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

    async def reload(self, keep: str | None = None, near: int | None = None) -> None:
        plan: Plan | None = self.coach.plan_or_none()
        if plan is None:
            return
        view = self.query_one("#items", PlanList)
        if keep is None and (current := self.selected()) is not None:
            keep = current.id
        filter_id, query = FILTERS[self.filter][0], self.query_one(SearchBar).query_text
        rows: list[PlanItem | Content] = []
        for horizon, group in plan.by_horizon(waiting=True):
            visible = [i for i in group if shown(i, filter_id, query)]
            if visible:
                rows.append(plain(HORIZON_TITLES[horizon], "bold underline"))
                rows.extend(visible)
        if not rows:
            rows.append(plain("Nothing matches.", "dim"))
        view.show(rows, LABELS.of(plan))
        view.select_item(keep, near)
        count = len(view.shown_items())
        self.query_one("#plan-summary", Static).update(self.summary(plan, count))
        self.show_detail()

    def selected(self) -> PlanItem | None:
        return self.query_one("#items", PlanList).selected

    def show_detail(self) -> None:
        item = self.selected()
        self.query_one("#detail", Static).update(detail(item) if item else "")

    def on_option_list_option_highlighted(self, _: OptionList.OptionHighlighted) -> None:
        self.show_detail()

    async def action_toggle_done(self) -> None:
        item = self.selected()
        if item is None:
            return
        near = self.query_one("#items", PlanList).highlighted
        with self.saving():
            self.coach.set_done(item.id, not item.done)
            await self.reload(keep=item.id, near=near)

    def action_search(self) -> None:
        self.query_one(SearchBar).open()

    async def action_filter(self) -> None:
        self.filter = (self.filter + 1) % len(FILTERS)
        await self.reload()
        self.notify(f"Showing {FILTERS[self.filter][2]}.", timeout=2)

    async def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, SearchBar):
            await self.reload()
