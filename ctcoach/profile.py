"""Validate, clean, serialise and describe profile answers. Pure: no I/O."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from typing import Any

from ctcoach import dates
from ctcoach.model import Event, Pack, Problem, Profile, Question

# Patterns are compiled where they are used (``re`` keeps them): compiling on import
# would cost every command, most of which never clean a text.
_CONTROL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"
_ESCAPE_SEQ = r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])"


class AnswerError(ValueError):
    """An answer does not fit its question. The message is one readable line; ``part``
    names the piece of a compound answer at fault (a conference's "name", "start", "end")."""

    def __init__(self, message: str, part: str = "") -> None:
        super().__init__(message)
        self.part = part


NO_ANSWER = "Skip this question"  # the extra option of an optional question without a default


def options(question: Question) -> list[tuple[Any, str]]:
    """(value, label) of every option a front end offers for a pick-one question."""
    if question.kind == "bool":
        return [(True, "Yes"), (False, "No")]
    if question.kind == "scale":
        assert question.min is not None and question.max is not None
        ends = {question.min: question.min_labels, question.max: question.max_labels}
        return [
            (n, f"{n}" + (f" — {ends[n]}" if ends.get(n) else ""))
            for n in range(question.min, question.max + 1)
        ]
    out: list[tuple[Any, str]] = [(c.id, c.label) for c in question.choices]
    if not question.required and question.default is None:
        out.append((None, NO_ANSWER))
    return out


def exclusive_problem(question: Question, chosen: Collection[str]) -> str | None:
    """Why ``chosen`` mixes an answer that stands alone with others, if it does."""
    alone = [c for c in question.choices if c.exclusive and c.id in chosen]
    if alone and len(chosen) > 1:
        return f"“{alone[0].label}” stands alone: untick it or the others"
    return None


def clean_text(value: str, *, single_line: bool = True) -> str:
    """Drop terminal escape sequences and control characters; keep newline and tab
    unless ``single_line``, where any run of white space becomes one space."""
    value = re.sub(_ESCAPE_SEQ, "", value)
    value = re.sub(_CONTROL, "", value)
    if single_line:
        value = " ".join(value.split())
    return value.strip()


def clean_name(value: str, limit: int, field: str = "name") -> tuple[str, Problem | None]:
    """A name cleaned for storage, and the problem with it (empty or too long), if any."""
    clean = clean_text(value)
    if not clean:
        return clean, Problem(field, "is required")
    if len(clean) > limit:
        return clean, Problem(field, f"must be at most {limit} characters")
    return clean, None


def parse_date(value: Any) -> dt.date:
    try:
        return dates.parse_date(value)
    except dates.DateError as exc:
        raise AnswerError(str(exc)) from None


def _int(question: Question, raw: Any) -> int:
    if isinstance(raw, bool):
        raise AnswerError(f"must be a whole number, not {raw!r}")
    if isinstance(raw, str):
        text = raw.strip()
        if not re.fullmatch(r"[+-]?\d+", text):
            raise AnswerError(f"{raw!r} is not a whole number")
        raw = int(text)
    if not isinstance(raw, int):
        raise AnswerError(f"must be a whole number, not {raw!r}")
    assert question.min is not None and question.max is not None
    if not question.min <= raw <= question.max:
        raise AnswerError(f"{raw} is outside {question.min}–{question.max}")
    return raw


def parse_answer(question: Question, raw: Any, today: dt.date | None = None) -> Any:
    """Turn a raw answer (from TOML, JSON or a prompt) into its clean value.
    Returns ``None`` for an empty optional answer; raises :class:`AnswerError`.
    With ``today``, an event that has already ended is refused (it is not coming up)."""
    kind = question.kind
    if raw is None or (isinstance(raw, str) and not raw.strip() and kind != "bool"):
        if question.required:
            raise AnswerError("is required")
        return None
    if kind == "text":
        if not isinstance(raw, str):
            raise AnswerError(f"must be text, not {raw!r}")
        text = clean_text(raw)
        if not text and question.required:
            raise AnswerError("is required")
        if len(text) < question.min_length:
            raise AnswerError(f"must be at least {question.min_length} characters")
        if len(text) > question.max_length:
            raise AnswerError(f"must be at most {question.max_length} characters (got {len(text)})")
        return text or None
    if kind == "choice":
        if raw not in question.choice_ids:
            raise AnswerError(f"{raw!r} is not one of {', '.join(question.choice_ids)}")
        return raw
    if kind == "multi":
        if isinstance(raw, str):
            raw = [part.strip() for part in raw.split(",") if part.strip()]
        if not isinstance(raw, list | tuple):
            raise AnswerError(f"must be a list of {', '.join(question.choice_ids)}")
        bad = [item for item in raw if item not in question.choice_ids]
        if bad:
            raise AnswerError(
                f"{', '.join(repr(b) for b in bad)} not among {', '.join(question.choice_ids)}"
            )
        chosen = set(raw)
        if question.required and not chosen:
            raise AnswerError("pick at least one")
        problem = exclusive_problem(question, chosen)
        if problem:
            raise AnswerError(problem)
        return [c for c in question.choice_ids if c in chosen]
    if kind == "bool":
        if isinstance(raw, str) and raw.strip().lower() in ("yes", "y", "true"):
            return True
        if isinstance(raw, str) and raw.strip().lower() in ("no", "n", "false"):
            return False
        if not isinstance(raw, bool):
            raise AnswerError(f"must be true or false, not {raw!r}")
        return raw
    if kind in ("int", "scale"):
        return _int(question, raw)
    if kind == "event":
        return parse_event(raw, today, question.max)
    raise AnswerError(f"unknown question kind {kind!r}")  # pragma: no cover


def parse_event(raw: Any, today: dt.date | None = None, max_days: int | None = None) -> Event:
    """``raw`` as an event; ``today``: it must not have ended; ``max_days``: the most days
    it may last (the pack's limit for its kind)."""
    event = raw if isinstance(raw, Event) else _event_fields(raw)
    days = (event.end - event.start).days + 1
    if max_days is not None and days > max_days:
        raise AnswerError(f"runs {days} days; check the dates (at most {max_days} days)", "end")
    if today is not None and event.end < today:
        raise AnswerError(
            f"ended on {event.end.isoformat()}; give the next one that is coming up", "end"
        )
    return event


def _event_fields(raw: Any) -> Event:
    if not isinstance(raw, Mapping):
        raise AnswerError("must be a table with name, start and end")
    unknown = set(raw) - {"name", "start", "end"}
    if unknown:
        raise AnswerError(f"unknown key(s) {', '.join(sorted(unknown))} (use name, start, end)")
    name = clean_text(str(raw.get("name") or ""))
    if not name:
        raise AnswerError("needs a name", "name")
    if len(name) > 120:
        raise AnswerError("name must be at most 120 characters", "name")
    if "start" not in raw or raw["start"] in (None, ""):
        raise AnswerError("needs a first day", "start")
    start = _part_date(raw["start"], "first day", "start")
    end = _part_date(raw.get("end") or start, "last day", "end")
    if end < start:
        raise AnswerError(f"ends ({end}) before it starts ({start})", "end")
    return Event(name, start, end)


def _part_date(value: Any, label: str, part: str) -> dt.date:
    try:
        return dates.parse_date(value)
    except dates.DateError as exc:
        raise AnswerError(f"{label}: {exc}", part) from None


def asked(pack: Pack, question: Question, stage: Any) -> bool:
    """Whether ``question`` is asked of someone at ``stage`` (``None``: not chosen yet)."""
    if not question.groups:
        return True
    return stage is not None and pack.group_of(str(stage)) in question.groups


def questions_to_ask(pack: Pack, answers: Mapping[str, Any]) -> tuple[Question, ...]:
    """The questions to ask, in order, worded for the stage in ``answers``.

    Questions that depend on the stage are left out until it is answered, and then
    kept only when they matter for it. Front ends call this again after each answer.
    """
    stage = answers.get("stage")
    group = pack.group_of(str(stage)) if stage is not None else None
    return tuple(q.for_group(group) for q in pack.questions if asked(pack, q, stage))


def validate_answers(
    pack: Pack, raw: Mapping[str, Any], today: dt.date | None = None
) -> tuple[Profile | None, list[str]]:
    """Check every answer; return the profile, or ``None`` and one line per problem.

    Answers to questions that do not matter for the stage are left out of the profile.
    Pass ``today`` when the user is giving these answers now (see :func:`parse_answer`).
    """
    errors: list[str] = []
    known = {q.id for q in pack.questions}
    for key in raw:
        if key not in known:
            errors.append(f"{key}: unknown key (known: {', '.join(q.id for q in pack.questions)})")
    answers: dict[str, Any] = {}
    stage = _stage(pack, raw)
    for question in pack.questions:
        if not asked(pack, question, stage):
            continue
        try:
            value = parse_answer(question, raw.get(question.id), today)
        except AnswerError as exc:
            errors.append(f"{question.id}: {exc}")
            continue
        if value is not None:
            answers[question.id] = value
    if errors:
        return None, errors
    return Profile(answers), []


def _stage(pack: Pack, raw: Mapping[str, Any]) -> Any:
    """The stage in ``raw`` when it is a valid one, else ``None``."""
    try:
        return parse_answer(pack.question("stage"), raw.get("stage"))
    except (AnswerError, KeyError):
        return None


def to_json(profile: Profile) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in profile.answers.items():
        if isinstance(value, Event):
            out[key] = {
                "name": value.name,
                "start": value.start.isoformat(),
                "end": value.end.isoformat(),
            }
        else:
            out[key] = value
    return out


def format_answer(question: Question, value: Any, empty: str = "—") -> str:
    """Describe an answer in words, for summaries, explanations and exports."""
    if value is None or value == []:
        return empty
    if question.kind == "choice":
        return question.choice_label(str(value))
    if question.kind == "multi":
        return ", ".join(question.choice_label(v) for v in value)
    if question.kind == "bool":
        return "yes" if value else "no"
    if question.kind == "scale":
        ends = {question.min: question.min_labels, question.max: question.max_labels}
        label = ends.get(value, "")
        return f"{value} of {question.max}" + (f" ({label})" if label else "")
    if question.kind == "event" and isinstance(value, Event):
        if value.start == value.end:
            return f"{value.name}, {value.start.isoformat()}"
        return f"{value.name}, {value.start.isoformat()} to {value.end.isoformat()}"
    return str(value)


def summary(pack: Pack, profile: Profile) -> list[tuple[str, str]]:
    """(label, answer in words) for every question asked at this stage, in content order."""
    return [
        (q.label, format_answer(q, profile.get(q.id)))
        for q in questions_to_ask(pack, profile.answers)
    ]
