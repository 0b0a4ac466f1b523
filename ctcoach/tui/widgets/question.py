"""One onboarding question as Textual widgets, rendered from content."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Static

from ctcoach.model import Event, Question
from ctcoach.profile import AnswerError, options, parse_answer
from ctcoach.tui.text import plain
from ctcoach.tui.widgets.choices import ChoiceList, MultiChoice

EVENT_PARTS = {"name": "Name", "start": "First day", "end": "Last day"}
EVENT_CHOICES = ("No", "Yes, I have one coming up")


def with_subject(label: str, message: str) -> str:
    """``"Name is required"``, ``"Stage: pick one …"``: every error names its field."""
    if message.startswith(("is ", "must ", "needs ")):
        return f"{label} {message}"
    return f"{label}: {message}"


class QuestionField(Vertical):
    """Shows a question, takes the answer, and shows why an answer is refused."""

    DEFAULT_CLASSES = "question"

    def __init__(self, question: Question, value: Any, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.question = question
        self.initial = value

    def compose(self) -> ComposeResult:
        q = self.question
        yield Static(plain(q.prompt), classes="prompt")
        if q.help:
            yield Static(plain(q.help), classes="help")
        kind = q.kind
        if kind in ("text", "int"):
            yield Input(
                value="" if self.initial is None else str(self.initial),
                placeholder="a whole number" if kind == "int" else "",
                select_on_focus=False,
                id="answer",
            )
        elif kind in ("choice", "scale", "bool"):
            pairs = options(q)
            values = [value for value, _ in pairs]
            selected = values.index(self.initial) if self.initial in values else None
            yes_no = (0, 1) if kind == "bool" else None
            labels = [label for _, label in pairs]
            yield ChoiceList(labels, selected, yes_no=yes_no, id="answer")
        elif kind == "multi":
            pairs = [(c.id, c.label) for c in q.choices]
            yield MultiChoice(pairs, self.initial or (), exclusive=q.exclusive_ids, id="answer")
        elif kind == "event":
            yield from self.compose_event()
        yield Static("", classes="error", id="error")

    def compose_event(self) -> ComposeResult:
        event = self.initial if isinstance(self.initial, Event) else None
        yield ChoiceList(list(EVENT_CHOICES), 1 if event else 0, yes_no=(1, 0), id="answer")
        with Vertical(id="event-fields"):
            for part, value in (
                ("name", event.name if event else ""),
                ("start", event.start.isoformat() if event else ""),
                ("end", event.end.isoformat() if event else ""),
            ):
                hint = "" if part == "name" else ", YYYY-MM-DD"
                yield Input(
                    value,
                    placeholder=f"{EVENT_PARTS[part]}{hint}",
                    select_on_focus=False,
                    id=f"event-{part}",
                )

    def on_mount(self) -> None:
        self._sync_event_fields()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a conference's name or first day moves on to the next field;
        only Enter in the last field reaches the screen as "answer given"."""
        if event.input.id in ("event-name", "event-start"):
            event.stop()
            self.screen.focus_next()

    def on_option_list_option_highlighted(self, _: object) -> None:
        self._sync_event_fields()

    def _sync_event_fields(self) -> None:
        if self.question.kind == "event":
            self.query_one("#event-fields").display = self.coming_up()

    def coming_up(self) -> bool:
        return self.query_one("#answer", ChoiceList).index == 1

    def focus_answer(self) -> None:
        self.query_one("#answer").focus()

    def advance_within(self) -> bool:
        """Enter on "yes, coming up" moves to the conference's first empty field
        instead of leaving the question; True when it did."""
        if self.question.kind != "event" or not self.coming_up():
            return False
        if not isinstance(self.screen.focused, ChoiceList):
            return False
        fields = [self.query_one(f"#event-{p}", Input) for p in EVENT_PARTS]
        empty = next((f for f in fields if not f.value.strip()), None)
        if empty is None:
            return False
        empty.focus()
        return True

    def raw(self) -> Any:
        kind = self.question.kind
        if kind in ("text", "int"):
            return self.query_one("#answer", Input).value
        if kind in ("choice", "scale", "bool"):
            index = self.query_one("#answer", ChoiceList).index
            return None if index is None else options(self.question)[index][0]
        if kind == "multi":
            return self.query_one("#answer", MultiChoice).selected
        if kind == "event":
            if not self.coming_up():
                return None
            return {p: self.query_one(f"#event-{p}", Input).value for p in EVENT_PARTS}
        return None  # pragma: no cover

    def answer(self, today: dt.date | None = None) -> tuple[bool, Any]:
        """Validate; on failure show the reason, naming the field, and focus it."""
        error = self.query_one("#error", Static)
        try:
            value = parse_answer(self.question, self.raw(), today)
        except AnswerError as exc:
            self.show_error(exc)
            return False, None
        error.update("")
        error.display = False
        return True, value

    def show_error(self, exc: AnswerError) -> None:
        message = str(exc)
        target: Widget = self.query_one("#answer")
        if self.question.kind in ("choice", "scale", "bool") and message == "is required":
            message = "pick one (arrow keys or 1–9, then Enter)"
        if self.question.kind == "multi" and message == "pick at least one":
            message = "pick at least one (↑ ↓ to move, Space to tick)"
        if exc.part in EVENT_PARTS:
            target = self.query_one(f"#event-{exc.part}", Input)
        error = self.query_one("#error", Static)
        error.update(plain(with_subject(self.question.label, message)))
        error.display = True
        target.focus()
        error.scroll_visible(animate=False)
