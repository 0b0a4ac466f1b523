"""Read the guide's advice: network tiers, roadmap phases, playbooks, mentors, pitfalls, FAQ."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, ListItem, Static

from ctcoach.model import Pack
from ctcoach.text import matches
from ctcoach.tui.base import CoachScreen
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.footer import KeyFooter
from ctcoach.tui.widgets.navlist import NavList
from ctcoach.tui.widgets.search import SearchBar
from ctcoach.tui.widgets.titlebar import TitleBar


def bullets(points: tuple[str, ...]) -> list[Content | str]:
    out: list[Content | str] = []
    for point in points:
        out += ["\n• ", point]
    return out


def entries(pack: Pack) -> list[tuple[str, str, Content]]:
    """(group, title, body) for everything worth reading, in a stable order."""
    out: list[tuple[str, str, Content]] = []
    for tier in pack.tiers:
        body = join(
            plain(tier.title, "bold"),
            "\n\n",
            tier.summary,
            "\n",
            *bullets(tier.members),
            "\n\n",
            plain(f"Source: {tier.source.title}", "italic dim"),
        )
        out.append(("Your network", tier.title, body))
    for phase in pack.phases:
        body = join(
            plain(phase.title, "bold"),
            "\n\n",
            phase.goal,
            "\n\n",
            plain(f"Mindset: “{phase.mindset}”", "italic") if phase.mindset else "",
            "\n\n",
            plain(f"Source: {phase.source.title}", "italic dim"),
        )
        out.append(("Roadmap", phase.title, body))
    for kind, group in pack.topic_kinds.items():
        for topic in pack.topics_of(kind):
            parts: list[Content | str] = [plain(topic.title, "bold")]
            if topic.summary:
                parts += ["\n\n", topic.summary]
            parts += ["\n", *bullets(topic.points)]
            for title, points in topic.groups:
                parts += ["\n\n", plain(title, "bold"), *bullets(points)]
            parts += ["\n\n", plain(f"Source: {topic.source.title}", "italic dim")]
            out.append((group, topic.title, join(*parts)))
    return out


class TopicRow(ListItem):
    def __init__(self, group: str, title: str, body: Content) -> None:
        super().__init__(Label(plain(title)))
        self.group = group
        self.title = title
        self.body = body


class GuideScreen(CoachScreen[None]):
    AUTO_FOCUS = "#topics"
    BINDINGS = [
        Binding("escape", "app.go_back", "Back"),
        Binding("slash", "search", "Search"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="guide"):
            yield SearchBar("Search the guide (Enter: go to the list, Escape: clear)", "#topics")
            yield NavList(id="topics")
            with VerticalScroll(id="topic-pane"):
                yield Static(id="topic")
        yield KeyFooter()

    async def on_mount(self) -> None:
        self.title = "Guide"
        self.entries = entries(self.coach.pack)
        await self.show_topics("")

    async def show_topics(self, query: str) -> None:
        rows: list[ListItem] = []
        last = ""
        for group, title, body in self.entries:
            if not matches(query, group, title, body.plain):
                continue
            if group != last:
                rows.append(ListItem(Label(plain(group, "bold underline")), disabled=True))
                last = group
            rows.append(TopicRow(group, title, body))
        if not rows:
            rows.append(ListItem(Label(plain("Nothing matches.", "dim")), disabled=True))
        view = self.query_one("#topics", NavList)
        await view.clear()
        await view.extend(rows)
        first = next((n for n, row in enumerate(rows) if isinstance(row, TopicRow)), None)
        view.index = first
        if first is None:
            self.query_one("#topic", Static).update("")

    def on_list_view_highlighted(self, event: NavList.Highlighted) -> None:
        row = event.item
        if isinstance(row, TopicRow):
            self.query_one("#topic", Static).update(row.body)
            self.query_one("#topic-pane", VerticalScroll).scroll_home(animate=False)

    def action_search(self) -> None:
        self.query_one(SearchBar).open()

    async def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, SearchBar):
            await self.show_topics(event.value.strip())
