"""The answer lists (quizzes, the pitfall check, onboarding, mentors): a long label goes on
under its own first word, at the width the list has, and again after a resize."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Region

from ctcoach.tui.widgets.choices import ChoiceList, MultiChoice

LONG = (
    "Asking the attending for a letter at the end of week one, while you are fresh in "
    "their mind, and before anyone else on the team has had the chance to ask"
)


class Lists(App[None]):
    def compose(self) -> ComposeResult:
        yield ChoiceList([LONG, "Short"], numbered=True, id="one")
        yield MultiChoice([("long", LONG), ("short", "Short")], (), id="many")


def drawn(choices: ChoiceList | MultiChoice) -> list[str]:
    """The list's lines inside its border as the terminal shows them (no trailing spaces)."""
    width, height = choices.outer_size
    strips = choices.render_lines(Region(0, 0, width, height))
    return [strip.text[1:-1].rstrip() for strip in strips]  # less the border's columns


def check(lines: list[str], width: int) -> None:
    first = next(n for n, line in enumerate(lines) if LONG[:10] in line)
    start = lines[first].index(LONG[:10])
    assert lines[first][:start].strip()  # its mark or number, then the label
    rest = []
    for line in lines[first + 1 :]:
        if "Short" in line:
            break
        assert line[:start].strip() == "" and line[start] != " "  # under the first word
        rest.append(line[start:])
    assert rest  # it did wrap, and nothing was lost or doubled
    assert " ".join([lines[first][start:], *rest]) == LONG
    assert all(len(line) <= width for line in lines)


async def test_a_long_label_goes_on_under_its_first_word_and_follows_a_resize():
    app = Lists()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        one, many = app.query_one("#one", ChoiceList), app.query_one("#many", MultiChoice)
        check(drawn(one), one.size.width)
        check(drawn(many), many.size.width)
        await pilot.resize_terminal(40, 24)
        await pilot.pause()
        assert one.size.width < 40
        check(drawn(one), one.size.width)


# -- the quiz's feedback: each option's text and why go on under the text ---------------

from textual.content import Content  # noqa: E402

from ctcoach.tui.text import plain  # noqa: E402
from ctcoach.tui.widgets.hanging import Hanging  # noqa: E402

WHY = "Because the attending remembers the week you worked hard, and says so in the letter."


class Feedback(App[None]):
    def compose(self) -> ComposeResult:
        yield Hanging(id="feedback")

    def on_mount(self) -> None:
        head: Content = plain("✓ 1  ")
        self.query_one(Hanging).show(plain("✓ Right."), (head, plain(f"{LONG}\n{WHY}")))


def feedback_lines(widget: Hanging) -> list[str]:
    width, height = widget.outer_size
    return [s.text.rstrip() for s in widget.render_lines(Region(0, 0, width, height))]


async def test_the_quiz_feedback_goes_on_under_each_options_text_and_follows_a_resize():
    app = Feedback()
    async with app.run_test(size=(60, 30)) as pilot:
        for width in (60, 34):
            await pilot.resize_terminal(width, 30)
            await pilot.pause()
            widget = app.query_one(Hanging)
            lines = feedback_lines(widget)
            assert lines[:2] == ["✓ Right.", ""]
            assert lines[2].startswith("✓ 1  " + LONG[:10])
            body = lines[2:]
            assert all(line.startswith("     ") and line[5] != " " for line in body[1:])
            text = " ".join(line[5:] for line in body)
            assert text == f"{LONG} {WHY}"  # nothing lost or doubled, the why after it
            assert all(len(line) <= width for line in lines)
            assert widget.size.height == len(lines)  # as tall as its lines, no more
