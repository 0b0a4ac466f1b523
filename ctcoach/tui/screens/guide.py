"""Read the guide's advice: network tiers, roadmap phases, playbooks, mentors, pitfalls, FAQ."""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ctcoach.model import Pack
from ctcoach.text import matches
from ctcoach.tui.base import CoachScreen
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.footer import KeyFooter
from ctcoach.tui.widgets.options import heading, row_at
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


class Topic(NamedTuple):
    group: str
    title: str
    body: Content


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
            # One widget for the whole list (Textual draws only the lines in view): a
            # widget per topic and heading took about 25 ms to open.
            yield OptionList(id="topics")
            with VerticalScroll(id="topic-pane"):
                yield Static(id="topic")
        yield KeyFooter()

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[Topic | None] = []  # the list's rows: a topic, or None (a heading)

    def on_mount(self) -> None:
        self.title = "Guide"
        self.entries = entries(self.coach.pack)
        self.show_topics("")

    def show_topics(self, query: str) -> None:
        rows: list[Topic | None] = []
        options: list[Option] = []
        last = ""
        for group, title, body in self.entries:
            if not matches(query, group, title, body.plain):
                continue
            if group != last:
                rows.append(None)
                options.append(heading(plain(group, "bold underline"), not options))
                last = group
            rows.append(Topic(group, title, body))
            options.append(Option(plain(title)))
        if not options:
            rows.append(None)
            options.append(Option(plain("Nothing matches.", "dim"), disabled=True))
        self.shown = rows
        view = self.query_one("#topics", OptionList)
        view.set_options(options)
        first = next((n for n, row in enumerate(rows) if row is not None), None)
        view.highlighted = first
        if first is None:
            self.query_one("#topic", Static).update("")
        else:
            self.show_topic(first)

    @property
    def topics(self) -> list[Topic]:
        """The topics listed, in order."""
        return [row for row in self.shown if row is not None]

    def show_topic(self, index: int) -> None:
        row = row_at(self.shown, index)
        if row is not None:
            self.query_one("#topic", Static).update(row.body)
            self.query_one("#topic-pane", VerticalScroll).scroll_home(animate=False)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_topic(event.option_index)

    def action_search(self) -> None:
        self.query_one(SearchBar).open()

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, SearchBar):
            self.show_topics(event.value.strip())
