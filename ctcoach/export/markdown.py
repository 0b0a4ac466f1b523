"""Render a :class:`~ctcoach.plan.Plan` as GitHub-flavoured Markdown.

The export is meant to read well as plain text too, so only what would change the
Markdown's structure is escaped: "M&M" stays "M&M", "[one sentence]" stays as it is.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping, Sequence

from ctcoach.events import EventSummary
from ctcoach.model import Pack, plural
from ctcoach.plan import HORIZON_TITLES, Plan, PlanItem
from ctcoach.profile import summary

# Inline structure, and only where it would take effect: emphasis (``*``, ``~``, and
# ``_`` unless inside a word), code spans, a backslash before punctuation or at the
# end, HTML and autolinks (``<`` before a letter, ``/``, ``!`` or ``?``), entities, and
# the ``]`` that would close a link (before ``(``, ``[`` or ``:``).
_INLINE = (
    r"[*`~]"
    r"|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])"
    r"|\\(?=[!-/:-@\[-`{-~]|$)"
    r"|<(?=[A-Za-z/!?])"
    r"|&(?=#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)"
    r"|\](?=[(\[:])"
)
_INLINE_MARKS = frozenset("*`~_\\<&]")  # a text with none of them needs no escapes
# What starts a block when it begins a line: a heading, a quote, a list item, a rule
# or a setext underline (fences, HTML and ``*``/``_`` rules are escaped inline).
_BLOCK_START = r"^(?:#{1,6}(?=[ \t]|$)|>|[-+](?=[ \t]|$)|[-=]+[ \t]*$|\d{1,9}(?=[.)](?:[ \t]|$)))"
# A heading's closing sequence: trailing ``#`` marks after a space are not shown.
_HEADING_END = r"(?:(?<= )|^)#+$"


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A pattern compiled on first use: a plan without any of these marks (most) does not
    pay for compiling them (about a millisecond a command)."""
    return re.compile(pattern)


def escape(text: str) -> str:
    """``text`` on one line, literal where it sits inside a line of Markdown."""
    text = " ".join(text.split())
    if _INLINE_MARKS.isdisjoint(text):
        return text
    return _compiled(_INLINE).sub(lambda m: "\\" + m.group(), text)


def escape_line(text: str) -> str:
    """``text`` literal at the start of a line (after ``> `` or an indent)."""
    text = escape(text)
    if not text or text[0] not in "#>-+=0123456789":
        return text
    match = _compiled(_BLOCK_START).match(text)
    if match is None:
        return text
    if match.group()[0].isdigit():  # "1. one": escape the period, not the number
        end = match.end()
        return f"{text[:end]}\\{text[end:]}"
    return "\\" + text


def escape_heading(text: str) -> str:
    """``text`` literal at the end of a heading, where closing ``#`` marks would vanish."""
    text = escape(text)
    if not text.endswith("#"):
        return text
    return _compiled(_HEADING_END).sub(lambda m: "\\" + m.group(), text)


def _item(item: PlanItem) -> list[str]:
    box = "x" if item.done else " "
    flag = " — **overdue**" if item.overdue else ""
    lines = [f"- [{box}] **{escape(item.title)}**{flag}", f"  {escape_line(item.how)}"]
    lines.append(f"  - When: {escape(item.when)}")
    if item.cadence:
        lines.append(f"  - How often: {escape(item.cadence)}")
    for reason in item.why:
        lines.append(f"  - Why: {escape(reason)}")
    lines.append(f"  - Source: {escape(item.source.title)}")
    return lines


def render(
    pack: Pack,
    plan: Plan,
    notes: Mapping[int, tuple[str, str]] | None = None,
    events: Sequence[EventSummary] = (),
) -> str:
    """The whole plan as Markdown, ending with a newline.

    ``notes`` (contact id -> name, private notes) is given only when the user asks for
    their notes about people in the export."""
    profile = plan.profile
    out = [
        f"# Networking action plan for {escape_heading(profile.name)}",
        "",
        f"Made by ctcoach on {plan.today.isoformat()} from “{escape(pack.guide)}”.",
        "",
        "## Profile",
        "",
    ]
    out += [f"- **{escape(label)}:** {escape(answer)}" for label, answer in summary(pack, profile)]
    out.append("")
    open_count = len(plan.open_items())
    out.append(
        f"{plural(open_count, 'open action')}; at most {plan.capacity} "
        f"open at once for {plural(profile.weekly_hours, 'hour')} a week."
    )
    if plan.phase is not None:
        out += ["", f"**Your phase, {escape(plan.phase.title)}:** {escape(plan.phase.goal)}"]
    for note in plan.notes:
        out += ["", f"> {escape_line(note)}"]
    for horizon, items in plan.by_horizon():
        out += ["", f"## {HORIZON_TITLES[horizon]}", ""]
        for item in items:
            out += _item(item)
    out += _later(plan)
    out += _follow_ups(plan, notes or {})
    out += _events(events, plan.today)
    out += _quizzes(plan)
    out += _pitch(plan, pack.pitch.variant_labels if pack.pitch else {})
    out += _pitfalls(plan)
    out += _mentor_team(plan)
    return "\n".join(out) + "\n"


FOLLOW_UP_DAYS = 30  # the export lists what is due this long ahead


def _follow_ups(plan: Plan, notes: Mapping[int, tuple[str, str]]) -> list[str]:
    out = ["", "## Follow-ups", ""]
    soon = [d for d in plan.follow_ups if (d.date - plan.today).days <= FOLLOW_UP_DAYS]
    if not soon:
        return [*out, "Nothing due in the next 30 days. Log each conversation to keep this going."]
    for due in soon:
        late = " (overdue)" if due.window(plan.today) == "overdue" else ""
        out.append(f"- **{escape(due.title)}** — {due.date.isoformat()}{late}")
        out.append(f"  - Why: {escape(due.reason)}")
        for contact_id in due.contacts:
            name, text = notes.get(contact_id, ("", ""))
            if text:
                out.append(f"  - Your notes on {escape(name)}: {escape(text)}")
    return out


def _events(events: Sequence[EventSummary], today: dt.date) -> list[str]:
    out = ["", "## Events", ""]
    if not events:
        return [*out, "No events coming up. Add a meeting or an away rotation to plan for it."]
    for n, upcoming in enumerate(events):
        event = upcoming.event
        place = f", {escape(event.place)}" if event.place else ""
        out += [
            *([""] if n else []),
            f"### {escape(event.name)} ({escape(upcoming.kind_title)}{place})",
            "",
        ]
        ended = " It has ended: thank the people you met there." if event.end < today else ""
        out.append(f"{event.days_text()}.{ended}")
        if upcoming.ready:
            marks = " · ".join(
                f"{'☑' if r.done else '☐'} {r.label} {r.detail}" for r in upcoming.ready
            )
            out += ["", f"**Ready:** {marks}"]
        out += [""] if upcoming.targets else []
        for name, reason, status in upcoming.targets:
            why = f" — {escape(reason)}" if reason else ""
            out.append(f"- **{escape(name)}** ({status}){why}")
        if upcoming.check:
            out += ["", f"_{escape(upcoming.check)}._"]
        out += [""] if upcoming.goals else []
        for goal, done in upcoming.goals:
            out.append(f"- [{'x' if done else ' '}] {escape(goal)}")
    return out


def _later(plan: Plan) -> list[str]:
    """What waits, what an event overtook and the next stage: one line each."""
    out: list[str] = []
    if plan.waiting:
        out += [
            "",
            "## Waiting",
            "",
            "In the order they start as you finish the ones above:",
            "",
        ]
        out += [
            f"- {escape_line(i.title)}"
            + (f" (from {i.date.isoformat()})" if i.date and i.date > plan.today else "")
            for i in plan.waiting
        ]
    if plan.missed:
        out += [
            "",
            "## Missed",
            "",
            "Steps an event overtook or its days outlasted, kept for the record:",
            "",
        ]
        out += [f"- {escape_line(i.title)} ({escape(i.when)})" for i in plan.missed]
    if plan.upcoming and plan.next_phase is not None:
        out += ["", "## Next stage", "", f"What {escape(plan.next_phase.title)} brings first:", ""]
        out += [f"- **{escape(i.title)}:** {escape(i.how)}" for i in plan.upcoming]
    return out


def _quizzes(plan: Plan) -> list[str]:
    out = ["", "## Quizzes", ""]
    taken = [s for s in plan.quizzes if s.last is not None]
    if not taken:
        return [*out, "None taken yet: the phase quizzes are in the ctcoach app."]
    for standing in taken:
        last, best = standing.last, standing.best
        assert last is not None and best is not None
        line = (
            f"- **{escape(standing.quiz.title)}:** last {last.correct}/{last.total} "
            f"({last.percent}%) on {last.date.isoformat()}; best {best.correct}/{best.total} "
            f"({best.percent}%)"
        )
        out.append(line)
        if last.weak:
            topics = ", ".join(f"{escape(t.topic.title)} ({t.percent}%)" for t in last.weak)
            out.append(f"  - To review: {topics}")
    not_taken = [escape(s.quiz.title) for s in plan.quizzes if s.last is None]
    if not_taken:
        out += ["", f"Not taken yet: {', '.join(not_taken)}."]
    return out


def _pitch(plan: Plan, labels: Mapping[str, str]) -> list[str]:
    out = ["", "## Pitch", ""]
    result = plan.pitch
    if result is None:
        return [*out, "Not written yet: use the pitch builder in the ctcoach app."]
    rate = "your measured rate" if result.measured else "the default rate"
    out += [
        f"> {escape_line(result.text)}",
        "",
        f"{result.words} words, about {result.seconds:.0f} seconds at {result.wpm:.0f} words "
        f"a minute ({rate}).",
    ]
    if result.checks:
        out += ["", "To fix:", ""]
        out += [f"- {escape_line(c.message)}" for c in result.checks]
    for key, text in result.variants.items():
        if key != "spoken":
            out += ["", f"**{escape(labels.get(key, key.capitalize()))}:** {escape(text)}"]
    return out


def _pitfalls(plan: Plan) -> list[str]:
    out = ["", "## Pitfalls", ""]
    if plan.pitfall_date is None:
        return [*out, "Not taken yet: take the pitfall check in the ctcoach app."]
    out.append(f"From your pitfall check on {plan.pitfall_date.isoformat()} (lower is better):")
    out.append("")
    for result in plan.pitfalls:
        change = ""
        if result.change is not None:
            change = (
                ", no change" if result.change == 0 else f", {result.change:+d} since last time"
            )
        out.append(
            f"- **{escape(result.pitfall.title)}:** {result.percent}% — {result.level} risk{change}"
        )
        out.append(f"  {escape_line(result.reading)}")
    return out


def _mentor_team(plan: Plan) -> list[str]:
    team = plan.team
    if team is None:
        return []
    out = ["", "## Mentor team", ""]
    for cover in team.roles:
        who = ", ".join(escape(m.name) for m in cover.mentors) if cover.mentors else "**gap**"
        out.append(f"- {escape_line(cover.role.title)}: {who}")
    for warning in team.warnings:
        signs = "; ".join(escape(s.text.lower()) for s in warning.signs)
        out.append(f"- Warning signs with {escape(warning.mentor.name)}: {signs}")
    return out
