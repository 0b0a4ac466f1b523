"""Events on the command line: ``event add``, ``event list``, ``event show``, and the
targets, goals and advocates of one event."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ctcoach.cli.base import OK, Context, UserError
from ctcoach.cli.log_commands import find, find_or_add
from ctcoach.cli.parser import Parser, date_arg

if TYPE_CHECKING:
    from ctcoach.eventbook import EventBook
    from ctcoach.events import PlannedEvent


def register(sub: Any, common: Parser) -> None:
    event = sub.add_parser("event", parents=[common], help="meetings, rotations, interviews")
    actions = event.add_subparsers(
        dest="event_command", metavar="ACTION", parser_class=Parser, required=True
    )
    add = actions.add_parser("add", parents=[common], help="add an event")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--kind", default="conference", metavar="KIND", help="default: conference")
    add.add_argument("--start", required=True, type=date_arg, metavar="YYYY-MM-DD")
    add.add_argument("--end", type=date_arg, metavar="YYYY-MM-DD", help="default: the start")
    add.add_argument("--place", default="", metavar="PLACE")
    add.add_argument("--notes", default="", metavar="TEXT")
    add.set_defaults(func=cmd_event_add)
    edit = actions.add_parser("edit", parents=[common], help="change an event's details")
    edit.add_argument("event", metavar="EVENT")
    edit.add_argument("--name", metavar="NAME")
    edit.add_argument("--kind", metavar="KIND")
    edit.add_argument("--start", type=date_arg, metavar="YYYY-MM-DD")
    edit.add_argument("--end", type=date_arg, metavar="YYYY-MM-DD")
    edit.add_argument("--place", metavar="PLACE")
    edit.add_argument("--notes", metavar="TEXT")
    edit.set_defaults(func=cmd_event_edit)
    remove = actions.add_parser(
        "remove", parents=[common], help="delete an event and its targets (people stay)"
    )
    remove.add_argument("event", metavar="EVENT")
    remove.set_defaults(func=cmd_event_remove)
    listing = actions.add_parser("list", parents=[common], help="list your events")
    listing.add_argument("--all", action="store_true", help="past events too")
    listing.set_defaults(func=cmd_event_list)
    show = actions.add_parser("show", parents=[common], help="an event's targets and goals")
    show.add_argument("event", metavar="EVENT")
    show.set_defaults(func=cmd_event_show)
    target = actions.add_parser("target", parents=[common], help="choose someone to meet there")
    target.add_argument("event", metavar="EVENT")
    target.add_argument("contact", metavar="CONTACT")
    target.add_argument("--reason", default="", metavar="TEXT", help="their session, work, …")
    target.add_argument("--new", action="store_true", help="add CONTACT to your contacts first")
    target.set_defaults(func=cmd_event_target)
    status = actions.add_parser("status", parents=[common], help="move a target along")
    status.add_argument("event", metavar="EVENT")
    status.add_argument("contact", metavar="CONTACT")
    status.add_argument("status", metavar="STATUS", help="research drafted sent met followed_up")
    status.add_argument(
        "--what", default="", metavar="TEXT", help="with met: what you talked about"
    )
    status.set_defaults(func=cmd_event_status)
    goal = actions.add_parser("goal", parents=[common], help="tick (or untick) a goal")
    goal.add_argument("event", metavar="EVENT")
    goal.add_argument("goal", metavar="GOAL")
    goal.set_defaults(func=cmd_event_goal)
    advocate = actions.add_parser(
        "advocate", parents=[common], help="record who could speak for you after it"
    )
    advocate.add_argument("event", metavar="EVENT")
    advocate.add_argument("contact", metavar="CONTACT")
    advocate.add_argument("--new", action="store_true", help="add CONTACT to your contacts first")
    advocate.set_defaults(func=cmd_event_advocate)


def _book(ctx: Context) -> EventBook:
    from ctcoach.eventbook import NoEvents

    book = ctx.coach().events
    try:
        _ = book.settings
    except NoEvents as exc:
        raise UserError(str(exc)) from None
    return book


def _event(book: EventBook, query: str) -> PlannedEvent:
    event = book.find(query)
    if event is None:
        known = ", ".join(f"{e.name} (#{e.id})" for e in book.events()) or "none yet"
        raise UserError(f"no single event matches {query!r} (your events: {known})")
    return event


def cmd_event_add(args: argparse.Namespace, ctx: Context) -> int:
    book = _book(ctx)
    event, problems = book.save_event(
        args.kind, args.name, args.start, args.end, args.place, args.notes
    )
    if event is None:
        raise UserError("; ".join(str(p) for p in problems))
    ctx.out(f"Added {event.name} (#{event.id}), {event.days_text()}.\n")
    for other in book.overlapping(event):
        ctx.out(f"It overlaps {other.name} ({other.days_text()}); the plan keeps both within "
                "your weekly hours.\n")  # fmt: skip
    kind = book.settings.kind(event.kind)
    if event.end < ctx.today():  # a past event: record who you met there
        ctx.out(f"Next: note who you met with `ctcoach event target {event.id} NAME --new`, "
                f"then `ctcoach event status {event.id} NAME met --what …`.\n")  # fmt: skip
    elif kind is not None:
        ctx.out(f"Next: choose {kind.target_min}–{kind.target_max} {kind.target_hint} with "
                f"`ctcoach event target {event.id} NAME --reason …`.\n")  # fmt: skip
    return OK


def cmd_event_edit(args: argparse.Namespace, ctx: Context) -> int:
    book = _book(ctx)
    old = _event(book, args.event)
    changes = (args.name, args.kind, args.start, args.end, args.place, args.notes)
    if all(c is None for c in changes):
        raise UserError(
            "nothing to change: give --name, --kind, --start, --end, --place or --notes"
        )
    start = old.start if args.start is None else args.start
    length = old.end - old.start  # a new start keeps the event's length
    end = args.end if args.end is not None else start + length
    event, problems = book.save_event(
        old.kind if args.kind is None else args.kind,
        old.name if args.name is None else args.name,
        start,
        end,
        old.place if args.place is None else args.place,
        old.notes if args.notes is None else args.notes,
        event_id=old.id,
    )
    if event is None:
        raise UserError("; ".join(str(p) for p in problems))
    ctx.out(f"Saved {event.name} (#{event.id}), {event.days_text()}.\n")
    return OK


def cmd_event_remove(args: argparse.Namespace, ctx: Context) -> int:
    from ctcoach.model import plural

    book = _book(ctx)
    event = _event(book, args.event)
    targets = len(book.targets(event.id))
    book.delete_event(event)
    kept = f" and its {plural(targets, 'target')} (the people stay in your contacts)"
    ctx.out(f"Removed {event.name} (#{event.id}){kept if targets else ''}.\n")
    return OK


def cmd_event_list(args: argparse.Namespace, ctx: Context) -> int:
    from ctcoach.model import plural

    book = _book(ctx)
    events = sorted(book.events(), key=lambda e: e.start) if args.all else book.upcoming()
    lines = []
    for event in events:
        kind = book.settings.kind(event.kind)
        targets = plural(len(book.targets(event.id)), "target")
        place = f" · {event.place}" if event.place else ""
        title = kind.title if kind else event.kind
        past = " · past" if event.end < ctx.today() else ""
        lines.append(f"#{event.id:<3} {event.days_text()}  {event.name} ({title}){place}"
                     f" · {targets}{past}")  # fmt: skip
    empty = "No events coming up: `ctcoach event add NAME --start YYYY-MM-DD`.\n"
    ctx.out("\n".join(lines) + "\n" if lines else empty)
    return OK


def cmd_event_show(args: argparse.Namespace, ctx: Context) -> int:
    from ctcoach.events import STATUS_TITLES, target_check

    book = _book(ctx)
    event = _event(book, args.event)
    kind = book.settings.kind(event.kind)
    people = {c.id: c for c in ctx.coach().log.contacts()}
    where = f" · {event.place}" if event.place else ""
    lines = [f"{event.name} (#{event.id}), {event.days_text()}{where}"]
    if event.notes:
        lines.append(f"Notes: {event.notes}")
    targets = book.targets(event.id)
    lines.append(f"Targets ({len(targets)}):")
    for t in targets:
        name = people[t.contact].name if t.contact in people else f"#{t.contact}"
        why = f" — {t.reason}" if t.reason else ""
        lines.append(f"  [{STATUS_TITLES.get(t.status, t.status)}] {name}{why}")
    if kind is not None:
        gentle = target_check(kind, targets)
        if gentle:
            lines.append(f"  ({gentle})")
        for goal in kind.goals:
            mark = "x" if goal.id in event.goals_done else " "
            lines.append(f"[{mark}] {goal.title} ({goal.id})")
    if event.advocates:
        names = ", ".join(people[c].name for c in event.advocates if c in people)
        lines.append(f"Could speak for you: {names}")
    ctx.out("\n".join(lines) + "\n")
    return OK


def cmd_event_target(args: argparse.Namespace, ctx: Context) -> int:
    book = _book(ctx)
    event = _event(book, args.event)
    contact = find_or_add(ctx, ctx.coach().log, args.contact, args.new)
    book.add_target(event.id, contact.id, args.reason)
    ctx.out(f"{contact.name} is a target for {event.name}.\n")
    return OK


def cmd_event_status(args: argparse.Namespace, ctx: Context) -> int:
    from ctcoach.events import TARGET_STATUSES, NotYet, reached

    book = _book(ctx)
    event = _event(book, args.event)
    contact = find(ctx.coach().log, args.contact)
    target = next((t for t in book.targets(event.id) if t.contact == contact.id), None)
    if target is None:
        raise UserError(f"{contact.name} is not a target for {event.name}; add with `event target`")
    status = args.status.strip().casefold().replace(" ", "_").replace("-", "_")
    if status not in TARGET_STATUSES:
        raise UserError(f"status {args.status!r} is not one of {', '.join(TARGET_STATUSES)}")
    try:
        if status == "met":
            book.meet(target, args.what)
        else:
            book.set_status(target, status)
    except NotYet as exc:
        raise UserError(str(exc)) from None
    if status == "met" and reached(target.status, "met"):
        ctx.out(f"{contact.name}: already met at {event.name} (logged then).\n")
    elif status == "met":
        due = [d for d in ctx.coach().due() if contact.id in d.contacts and d.kind == "follow_up"]
        when = f", {due[0].date.isoformat()}" if due else ""
        ctx.out(f"Logged meeting {contact.name} at {event.name}; the follow-up is due{when}.\n")
    else:
        ctx.out(f"{contact.name}: {status.replace('_', ' ')}.\n")
    return OK


def cmd_event_goal(args: argparse.Namespace, ctx: Context) -> int:
    book = _book(ctx)
    event = _event(book, args.event)
    kind = book.settings.kind(event.kind)
    goals = {g.id: g for g in kind.goals} if kind else {}
    if args.goal not in goals:
        raise UserError(
            f"no goal {args.goal!r} for this event (goals: {', '.join(goals) or 'none'})"
        )
    from ctcoach.events import NotYet

    try:
        updated = book.toggle_goal(event, args.goal)
    except NotYet as exc:
        raise UserError(str(exc)) from None
    state = "done" if args.goal in updated.goals_done else "not done"
    ctx.out(f"{goals[args.goal].title}: {state}.\n")
    return OK


def cmd_event_advocate(args: argparse.Namespace, ctx: Context) -> int:
    book = _book(ctx)
    event = _event(book, args.event)
    contact = find_or_add(ctx, ctx.coach().log, args.contact, args.new)
    try:
        book.add_advocate(event, contact.id)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    ctx.out(f"Noted: {contact.name} could speak for you after {event.name}.\n")
    return OK
