"""Any text a person types: stored as cleaned, shown literally, never changes structure."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from ctcoach.coach import Coach
from ctcoach.export.markdown import render
from ctcoach.plan import build_plan
from ctcoach.profile import clean_text, validate_answers
from ctcoach.store import Store
from ctcoach.text import for_terminal
from ctcoach.tui.text import plain

from ..helpers import TODAY, answers

PIECES = [
    "[/]",
    "[@click=app.quit]go[/]",
    "[bold red]",
    "\x1b[2J",
    "\x1b]0;pwned\x07",
    "\x1b[31m",
    "\x00",
    "\x07",
    "\r",
    "\u202e",
    "\u2067",
    "مرحبا بالعالم",
    "שלום",
    "👩‍⚕️🫀",
    "# heading",
    "*x*",
    "_y_",
    "[link](http://x)",
    "<b>hi</b>",
    "`code`",
    "|a|b|",
    "\\",
    "&amp;",
    "- [ ] ",
    "> quote",
    "1. one",
    "---",
    "  ",
]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=6).map("".join)
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def inline_children(markdown: str, tag: str) -> list[list[str]]:
    toks = MarkdownIt("commonmark").parse(markdown)
    return [
        [c.type for c in toks[n + 1].children or []]
        for n, t in enumerate(toks)
        if t.type == "heading_open" and t.tag == tag
    ]


@SETTINGS
@given(name=TEXT)
def test_a_name_is_stored_as_cleaned_and_exported_literally(pack, tmp_path_factory, name):
    clean = clean_text(name)
    assume(clean and len(clean) <= 80)
    profile, errors = validate_answers(pack, answers(pack, name=name))
    assert profile is not None, errors
    assert profile.name == clean
    store = Store(tmp_path_factory.mktemp("data"))
    coach = Coach(pack, store, lambda: TODAY)
    coach.save_profile(profile)
    reloaded = Coach(pack, Store(store.folder), lambda: TODAY).profile()
    assert reloaded is not None and reloaded.name == clean
    text = render(pack, build_plan(pack, reloaded, today=TODAY))
    toks = MarkdownIt("commonmark").parse(text)
    h1 = [toks[n + 1] for n, t in enumerate(toks) if t.type == "heading_open" and t.tag == "h1"]
    assert len(h1) == 1
    assert {c.type for c in h1[0].children or []} <= {"text", "softbreak"}
    shown = "".join(c.content for c in h1[0].children or [])
    assert shown == f"Networking action plan for {clean}"
    assert not any(t.type in ("html_block", "link_open", "code_block", "fence") for t in toks)


@SETTINGS
@given(name=TEXT)
def test_a_mentor_name_round_trips_and_cannot_break_the_export(pack, tmp_path_factory, name):
    clean = clean_text(name)
    assume(clean and len(clean) <= 80)
    store = Store(tmp_path_factory.mktemp("data"))
    coach = Coach(pack, store, lambda: TODAY)
    coach.save_profile(validate_answers(pack, answers(pack))[0])  # type: ignore[arg-type]
    assert coach.save_mentor(name, ["career"], []) == []
    (mentor,) = Coach(pack, Store(store.folder), lambda: TODAY).mentors()
    assert mentor.name == clean
    plan = coach.plan()
    assert plan is not None
    text = render(pack, plan)
    assert len([line for line in text.splitlines() if line.startswith("# ")]) == 1
    toks = MarkdownIt("commonmark").parse(text)
    assert not any(t.type in ("html_block", "link_open", "code_block", "fence") for t in toks)


@SETTINGS
@given(text=TEXT)
def test_text_in_the_app_is_shown_literally(text):
    assert plain(text).plain == for_terminal(text)


@SETTINGS
@given(text=TEXT)
def test_text_printed_to_a_terminal_carries_no_control_sequence(text):
    shown = for_terminal(text)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", shown)
    if not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text):
        assert shown == text


def test_a_very_long_name_is_a_clear_error(pack):
    profile, errors = validate_answers(pack, answers(pack, name="x" * 100_000))
    assert profile is None
    assert len(errors) == 1 and errors[0].startswith("name: ") and len(errors[0]) < 120
