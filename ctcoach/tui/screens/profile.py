"""Your answers, each editable; the plan follows at once."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, ListItem, Static

from ctcoach.model import Profile, Question
from ctcoach.profile import format_answer, validate_answers
from ctcoach.tui.base import CoachScreen
from ctcoach.tui.screens.dialogs import FormDialog
from ctcoach.tui.text import join, plain
from ctcoach.tui.widgets.footer import KeyFooter
from ctcoach.tui.widgets.navlist import NavList
from ctcoach.tui.widgets.question import QuestionField
from ctcoach.tui.widgets.titlebar import TitleBar


class AnswerRow(ListItem):
    def __init__(self, question: Question, value: Any) -> None:
        super().__init__(
            Label(join(plain(f"{question.label}: ", "bold"), plain(format_answer(question, value))))
        )
        self.question = question


class EditAnswer(FormDialog[tuple[bool, Any]]):
    """Change one answer. Dismisses with (True, value) on save, (False, None) on cancel."""

    def __init__(self, question: Question, value: Any) -> None:
        super().__init__()
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield QuestionField(self.question, self.value, id="field")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(QuestionField).focus_answer()

    def values(self) -> object:
        return self.query_one(QuestionField).raw()

    def cancel_value(self) -> tuple[bool, Any]:
        return (False, None)

    def action_save(self) -> None:
        field = self.query_one(QuestionField)
        if field.advance_within():
            return
        ok, value = field.answer(self.coach.today())
        if ok:
            self.dismiss((True, value))


class ProfileScreen(CoachScreen[None]):
    AUTO_FOCUS = "#answers"
    BINDINGS = [
        Binding("enter", "edit", "Change answer", priority=True),
        Binding("escape", "app.go_back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="profile"):
            yield Static(
                plain("Enter or a click changes an answer; your plan follows at once."),
                classes="hint",
            )
            yield NavList(id="answers")
        yield KeyFooter()

    async def on_mount(self) -> None:
        self.title = "Profile"
        await self.reload()

    def profile(self) -> Profile | None:
        return self.coach.profile_or_none()

    def refresh_data(self) -> None:
        self.call_later(self.reload)

    async def reload(self) -> None:
        profile = self.profile()
        if profile is None:
            return
        view = self.query_one("#answers", NavList)
        index = view.index
        await view.clear()
        pack = self.coach.pack
        await view.extend(AnswerRow(q, profile.get(q.id)) for q in pack.questions)
        view.index = index if index is not None else 0

    def on_list_view_selected(self, event: NavList.Selected) -> None:
        event.stop()
        self.action_edit()

    def action_edit(self) -> None:
        row = self.query_one("#answers", NavList).highlighted_child
        profile = self.profile()
        if not isinstance(row, AnswerRow) or profile is None:
            return
        question = row.question

        async def done(result: tuple[bool, Any] | None) -> None:
            if not result or not result[0]:
                return
            answers = dict(profile.answers)
            if result[1] is None:
                answers.pop(question.id, None)
            else:
                answers[question.id] = result[1]
            new, errors = validate_answers(self.coach.pack, answers)
            if new is None:
                labels = {q.id: q.label for q in self.coach.pack.questions}
                named = [labels.get(e.split(":")[0], "") + e[e.index(":") :] for e in errors]
                self.notify("; ".join(named), severity="error", markup=False)
                return
            with self.saving():
                self.coach.save_profile(new)
                self.notify(f"Saved: {question.label}. Your plan is updated.", markup=False)
                await self.reload()

        self.app.push_screen(EditAnswer(question, profile.get(question.id)), done)
