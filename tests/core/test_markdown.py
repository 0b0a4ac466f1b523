"""The Markdown export: valid CommonMark, the right structure, escaped user text
(on the fixture pack)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from ctcoach.export.markdown import render
from ctcoach.plan import Progress, build_plan

from ..helpers import TODAY, make_profile


@pytest.fixture
def pack(fixture_pack):
    """Engine rules are tested on the small fixture pack, not on the shipped content."""
    return fixture_pack


def tokens(text):
    return MarkdownIt("commonmark").parse(text)


def headings(text):
    toks = tokens(text)
    return [(t.tag, toks[n + 1].content) for n, t in enumerate(toks) if t.type == "heading_open"]


def test_structure_title_profile_and_horizons(pack):
    conf = {"name": "Winter Meeting", "start": dt.date(2026, 12, 10), "end": dt.date(2026, 12, 12)}
    plan = build_plan(pack, make_profile(pack, next_conference=conf), today=TODAY)
    text = render(pack, plan)
    heads = headings(text)
    assert heads[0] == ("h1", "Networking action plan for Alex Rivera")
    assert ("h2", "Profile") in heads
    assert [h for h in heads if h[0] == "h2"][1:] == [
        ("h2", "This week"),
        ("h2", "This month"),
        ("h2", "Waiting"),
        ("h2", "Next stage"),
        ("h2", "Follow-ups"),
        ("h2", "Events"),
        ("h2", "Quizzes"),
        ("h2", "Pitch"),
        ("h2", "Pitfalls"),
        ("h2", "Mentor team"),
    ]
    assert "2026-11-24" in text
    items = [line for line in text.splitlines() if line.startswith("- [")]
    assert len(items) == len(plan.items)
    # What waits is listed once by title, with no checkbox and no repeated Why.
    waiting = text[text.index("## Waiting") : text.index("## Next stage")]
    assert all(f"- {i.title}" in waiting for i in plan.waiting)
    assert "Why:" not in waiting
    assert all(line.startswith("- [ ] **") for line in items)
    assert "  - Why: " in text and "  - Source: " in text and "  - When: start today (2026-" in text


def test_done_items_are_checked(pack):
    profile = make_profile(pack)
    first = build_plan(pack, profile, today=TODAY).items[0]
    plan = build_plan(pack, profile, Progress(frozenset({first.id})), today=TODAY)
    assert f"- [x] **{first.title}**" in render(pack, plan)


def test_user_text_cannot_change_the_structure(pack):
    nasty = "# *x* [y](z) <b>hi</b> `code` &amp; |a|"
    profile = make_profile(pack, name=nasty, place="_inst_\n# heading")
    text = render(pack, build_plan(pack, profile, today=TODAY))
    toks = tokens(text)
    h1 = [toks[n + 1] for n, t in enumerate(toks) if t.type == "heading_open" and t.tag == "h1"]
    assert len(h1) == 1
    inline = h1[0]
    assert [c.type for c in inline.children] == ["text"]
    assert inline.children[0].content == f"Networking action plan for {nasty}"
    assert not any(t.type in ("html_block", "html_inline", "link_open") for t in toks)
    assert not any(
        c.type in ("html_inline", "link_open", "code_inline")
        for t in toks
        if t.type == "inline"
        for c in t.children or []
    )


PIECES = [
    "&amp;",
    "&#12;",
    "&#x1F;",
    "1. ",
    "2)",
    "# ",
    " ##",
    "\\!",
    "\\",
    "](",
    "]:",
    "<a",
    "</",
    "_a",
    "a_",
    "a_b",
    "*",
    "`",
    "~",
    "> ",
    "- ",
    "+ ",
    "==",
    "---",
    " ",
    "ab",
    "9",
]
MARKED = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(alphabet="ab 1.)#>-+=*`~_\\<&];[(:/!?x")),
    max_size=6,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(MARKED)
def test_the_escapes_pass_over_only_texts_their_patterns_would_leave_alone(text):
    """Each escape skips its pattern when the text has none of the marks it looks for:
    the result is the pattern's own, applied to every text."""
    from ctcoach.export import markdown as md

    def marked(match: re.Match[str]) -> str:
        return "\\" + match.group()

    inline = re.sub(md._INLINE, marked, " ".join(text.split()))
    assert md.escape(text) == inline
    start = re.match(md._BLOCK_START, inline)
    if start is None:
        line = inline
    elif start.group()[0].isdigit():
        line = f"{inline[: start.end()]}\\{inline[start.end() :]}"
    else:
        line = "\\" + inline
    assert md.escape_line(text) == line
    assert md.escape_heading(text) == re.sub(md._HEADING_END, marked, inline)
