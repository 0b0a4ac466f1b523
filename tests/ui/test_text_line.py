"""A plan line knows when it fits on one line; otherwise it wraps as any Content does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.content import Content

from ctcoach.tui.text import Line, join, plain

TEXT = st.text(alphabet="ab cd—\n\t日本語é\u0301🙂-", max_size=40)
RULES = st.fixed_dictionaries(
    {},
    optional={
        "text_wrap": st.sampled_from(["wrap", "nowrap"]),
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


def test_a_line_keeps_the_text_and_styles_of_its_content():
    content = join(plain("[ ] "), plain("Thank Maya", "bold"), plain(" — today", "dim"))
    line = Line.of(content)
    assert line.plain == content.plain and line.spans == content.spans
    assert line.get_height({}, 80) == 1 and line.get_height({}, 10) == 3
