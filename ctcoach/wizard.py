"""The onboarding wizard for a plain terminal, rendered from the pack's questions.

Prompts use ``unsafe_ask`` so Ctrl-C raises ``KeyboardInterrupt`` and Ctrl-D raises
``EOFError``; the caller turns both into "no changes were made".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import questionary
from questionary import Choice

from ctcoach.model import Event, Pack, Profile, Question
from ctcoach.profile import (
    AnswerError,
    exclusive_problem,
    options,
    parse_answer,
    parse_date,
    parse_event,
    questions_to_ask,
    summary,
    validate_answers,
)

SKIP = "__skip__"


def _validator(check: Callable[[str], Any]) -> Callable[[str], bool | str]:
    def validate(text: str) -> bool | str:
        try:
            check(text)
        except AnswerError as exc:
            return str(exc)
        return True

    return validate


def _as_text(value: Any) -> str:
    return "" if value is None else str(value)


def ask_question(question: Question, current: Any, today: dt.date | None = None) -> Any:
    """Ask one question; ``current`` is the saved answer or the content's default."""
    if question.help:
        questionary.print(f"  {question.help}", style="italic fg:ansibrightblack")
    kind = question.kind
    if kind in ("text", "int"):
        raw = questionary.text(
            question.prompt,
            default=_as_text(current),
            validate=_validator(lambda t: parse_answer(question, t)),
        ).unsafe_ask()
        return parse_answer(question, raw)
    if kind in ("choice", "scale"):
        choices = [Choice(label, value=SKIP if v is None else v) for v, label in options(question)]
        default = next((c for c in choices if c.value == current), None)
        value = questionary.select(question.prompt, choices=choices, default=default).unsafe_ask()
        return None if value == SKIP else value
    if kind == "multi":
        chosen = set(current or [])

        def check(selected: list[str]) -> bool | str:
            if not selected and question.required:
                return "pick at least one (space to tick)"
            return exclusive_problem(question, selected) or True

        picked = questionary.checkbox(
            question.prompt,
            choices=[Choice(c.label, value=c.id, checked=c.id in chosen) for c in question.choices],
            validate=check,
        ).unsafe_ask()
        return parse_answer(question, list(picked))
    if kind == "bool":
        return bool(questionary.confirm(question.prompt, default=bool(current)).unsafe_ask())
    if kind == "event":
        return _ask_event(question, current if isinstance(current, Event) else None, today)
    raise AnswerError(f"cannot ask a {kind} question")  # pragma: no cover


def _ask_event(question: Question, current: Event | None, today: dt.date | None) -> Event | None:
    if not questionary.confirm(question.prompt, default=current is not None).unsafe_ask():
        return None
    name = questionary.text(
        "  Its name:",
        default=current.name if current else "",
        validate=lambda t: True if t.strip() else "needs a name",
    ).unsafe_ask()
    start_raw = questionary.text(
        "  First day (YYYY-MM-DD):",
        default=current.start.isoformat() if current else "",
        validate=_validator(parse_date),
    ).unsafe_ask()
    start = parse_date(start_raw)

    def check_end(text: str) -> dt.date:
        """The last day, checked as the whole answer is: after the start, not over, and
        no longer than the pack allows."""
        end = parse_date(text)
        return parse_event({"name": name, "start": start, "end": end}, today, question.max).end

    default_end = current.end if current and current.end >= start else start
    end_raw = questionary.text(
        "  Last day (YYYY-MM-DD):",
        default=default_end.isoformat(),
        validate=_validator(check_end),
    ).unsafe_ask()
    result = parse_answer(question, {"name": name, "start": start, "end": check_end(end_raw)})
    return result if isinstance(result, Event) else None


def run_wizard(
    pack: Pack, existing: Profile | None, today: dt.date | None = None
) -> Profile | None:
    """Ask every question, show a summary and confirm. Returns the new profile, or
    ``None`` when the user declines to save. Ctrl-C / Ctrl-D propagate."""
    questionary.print(
        "Let's set up your ctcoach profile. Ctrl-C at any time leaves without saving.",
        style="bold",
    )
    if existing is not None:
        questionary.print("Your saved answers are the defaults; Enter keeps them.")
    answers: dict[str, Any] = {}
    done: set[str] = set()
    while question := next((q for q in questions_to_ask(pack, answers) if q.id not in done), None):
        # Asked in order; the stage decides which later questions matter and how they read.
        current = existing.get(question.id) if existing else question.default
        value = ask_question(question, current if current is not None else question.default, today)
        done.add(question.id)
        if value is not None:
            answers[question.id] = value
    profile, errors = validate_answers(pack, answers)
    if profile is None:  # pragma: no cover - every prompt validates already
        raise AnswerError("; ".join(errors))
    questionary.print("\nYour profile:", style="bold")
    for label, answer in summary(pack, profile):
        questionary.print(f"  {label}: ", style="bold", end="")
        questionary.print(answer)
    if not questionary.confirm("Save this profile?", default=True).unsafe_ask():
        return None
    return profile
