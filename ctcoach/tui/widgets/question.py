"""One onboarding question as Textual widgets, rendered from content."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Checkbox, Input, RadioSet, Static

from ctcoach.model import Event, Question
from ctcoach.profile import AnswerError, options, parse_answer
from ctcoach.tui.text import plain
from ctcoach.tui.widgets.choice import WrapRadioButton


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
                id="answer",
            )
        elif kind in ("choice", "scale", "bool"):
            with RadioSet(id="answer"):
                for value, label in options(q):
                    yield WrapRadioButton(plain(label), value=value == self.initial)
        elif kind == "multi":
            chosen = set(self.initial or [])
            with Vertical(id="answer", classes="checks"):
                for choice in q.choices:
                    yield Checkbox(plain(choice.label), choice.id in chosen, name=choice.id)
        elif kind == "event":
            event = self.initial if isinstance(self.initial, Event) else None
            yield Checkbox("Yes, I have one coming up", event is not None, id="answer")
            with Vertical(id="event-fields"):
                yield Input(event.name if event else "", placeholder="Name", id="event-name")
                yield Input(
                    event.start.isoformat() if event else "",
                    placeholder="First day, YYYY-MM-DD",
                    id="event-start",
                )
                yield Input(
                    event.end.isoformat() if event else "",
                    placeholder="Last day, YYYY-MM-DD",
                    id="event-end",
                )
        yield Static("", classes="error")

    def on_mount(self) -> None:
        self._sync_event_fields()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a conference's name or first day moves on to the next field;
        only Enter in the last field reaches the screen as "answer given"."""
        if event.input.id in ("event-name", "event-start"):
            event.stop()
            self.screen.focus_next()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "answer":
            self._sync_event_fields()

    def _sync_event_fields(self) -> None:
        if self.question.kind == "event":
            self.query_one("#event-fields").display = self.query_one("#answer", Checkbox).value

    def focus_answer(self) -> None:
        answer: Widget = self.query_one("#answer")
        if isinstance(answer, Vertical):
            answer = answer.query(Checkbox).first()
        answer.focus()

    def raw(self) -> Any:
        kind = self.question.kind
        if kind in ("text", "int"):
            return self.query_one("#answer", Input).value
        if kind in ("choice", "scale", "bool"):
            radio = self.query_one("#answer", RadioSet)
            index = radio.pressed_index
            if index < 0:
                return None
            return options(self.question)[index][0]
        if kind == "multi":
            return [box.name for box in self.query(Checkbox) if box.value]
        if kind == "event":
            if not self.query_one("#answer", Checkbox).value:
                return None
            return {
                "name": self.query_one("#event-name", Input).value,
                "start": self.query_one("#event-start", Input).value,
                "end": self.query_one("#event-end", Input).value or None,
            }
        return None  # pragma: no cover

    def answer(self) -> tuple[bool, Any]:
        """Validate; on failure show the reason next to the field."""
        error = self.query_one(".error", Static)
        try:
            value = parse_answer(self.question, self.raw())
        except AnswerError as exc:
            message = str(exc)
            if self.question.kind in ("choice", "scale", "bool") and message == "is required":
                message = "pick one (arrow keys, then Enter or Space)"
            error.update(plain(message))
            error.display = True
            return False, None
        error.update("")
        error.display = False
        return True, value
