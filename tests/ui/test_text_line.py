"""A plan line knows when it fits on one line; otherwise it wraps as any Content does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.content import Content

from ctcoach.tui.text import Line, join, plain

TEXT = st.text(alphabet="ab cd—\n\t日本語é\u0301🙂-", max_size=40)
ONE_LINE = st.text(alphabet="ab cd—日本語é\u0301🙂-", max_size=40)
RULES = st.fixed_dictionaries(
    {},
    optional={
        "text_wrap": st.sampled_from(["wrap", "nowrap"]),
        "text_overflow": st.sampled_from(["fold", "ellipsis", "clip"]),
        "line_pad": st.integers(0, 2),
    },
)


WRAPPED = st.fixed_dictionaries(
    {},
    optional={
        "text_wrap": st.just("wrap"),
        "text_overflow": st.sampled_from(["fold", "ellipsis", "clip"]),
        "line_pad": st.integers(0, 2),
    },
)


@settings(max_examples=1500, deadline=None)
@given(TEXT, st.integers(1, 30), RULES)
def test_a_line_is_as_tall_as_the_same_content(text, width, rules):
    try:
        expected = Content(text).get_height(rules, width)
    except ValueError:  # Textual's own wrap refuses a width that padding leaves at 0
        return
    assert Line(text).get_height(rules, width) == expected


@settings(max_examples=250, deadline=None)
@given(ONE_LINE, st.lists(st.tuples(st.integers(1, 30), WRAPPED), min_size=2, max_size=5))
def test_a_line_asked_again_at_other_widths_is_as_tall_as_a_new_one(text, asks):
    """A line keeps its last count: asked again, at the same or another width and rules,
    it answers as a line asked for the first time. (Text with tabs or line breaks, and
    lines that do not wrap, are measured by Textual's Content, whose own kept count
    mixes up some widths and paddings: not what this tests.)"""
    line = Line(text)
    for width, rules in asks:
        try:
            expected = Line(text).get_height(rules, width)
        except ValueError:
            continue
        assert line.get_height(rules, width) == expected


def test_a_line_keeps_the_text_and_styles_of_its_content():
    content = join(plain("[ ] "), plain("Thank Maya", "bold"), plain(" — today", "dim"))
    line = Line(content.plain, list(content.spans), content.cell_length, False)
    assert line.plain == content.plain and line.spans == content.spans
    assert line.get_height({}, 80) == 1 and line.get_height({}, 10) == 3


TITLES = st.text(alphabet="ab c\x1b\x07\n\t—é日", max_size=12)


@settings(max_examples=300, deadline=None)
@given(
    title=TITLES,
    when=TITLES,
    done=st.booleans(),
    overdue=st.booleans(),
    waiting=st.booleans(),
)
def test_a_plan_line_is_the_three_styled_pieces_joined(title, when, done, overdue, waiting):
    from msgspec.structs import replace

    from ctcoach.content import load_pack
    from ctcoach.plan import build_plan
    from ctcoach.tui.screens.plan import item_label

    item = replace(
        _an_item(load_pack, build_plan),
        title=title,
        when=when,
        done=done,
        overdue=overdue,
        waiting=waiting,
    )
    box = "[x] " if done else ("[·] " if waiting else "[ ] ")
    style = "dim strike" if done else "bold $error" if overdue else "dim italic" if waiting else ""
    shown_when = "waiting for room in your week" if waiting else when
    joined = join(
        plain(box), plain(title, style), plain(f" — {shown_when}", "$error" if overdue else "dim")
    )
    line = item_label(item)
    assert isinstance(line, Line)
    assert (line.plain, line.spans, line.cell_length) == (
        joined.plain,
        joined.spans,
        joined.cell_length,
    )


_ITEM: list[object] = []


def _an_item(load_pack, build_plan):  # type: ignore[no-untyped-def]
    if not _ITEM:
        import datetime as dt

        from ctcoach.model import Profile

        pack = load_pack()
        profile = Profile({"name": "A", "stage": "ms2", "weekly_hours": 3})
        _ITEM.append(build_plan(pack, profile, today=dt.date(2026, 11, 25)).items[0])
    return _ITEM[0]
