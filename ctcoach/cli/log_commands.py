"""The networking log on the command line: ``contact``, ``log``, ``due``, ``followed-up``,
``import linkedin``. Plain text out, exit codes as everywhere else."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ctcoach.cli.base import OK, Context, UserError
from ctcoach.cli.parser import Parser, date_arg

if TYPE_CHECKING:
    from ctcoach.logbook import LogBook
    from ctcoach.network import Contact


def register(sub: Any, common: Parser) -> None:
    contact = sub.add_parser("contact", parents=[common], help="add or list the people you know")
    contact_sub = contact.add_subparsers(
        dest="contact_command", metavar="ACTION", parser_class=Parser, required=True
    )
    add = contact_sub.add_parser("add", parents=[common], help="add a contact")
    add.add_argument("name", metavar="NAME")
    _contact_options(add)
    add.set_defaults(func=cmd_contact_add)
    listing = contact_sub.add_parser("list", parents=[common], help="list your contacts")
    listing.add_argument("--filter", metavar="TEXT", help="only names, places or tags like TEXT")
    listing.set_defaults(func=cmd_contact_list)

    log = sub.add_parser("log", parents=[common], help="log an interaction, or list them")
    log_sub = log.add_subparsers(
        dest="log_command", metavar="ACTION", parser_class=Parser, required=True
    )
    log_add = log_sub.add_parser("add", parents=[common], help="log an interaction")
    log_add.add_argument("contact", metavar="CONTACT", help="a name or an id (#12)")
    log_add.add_argument("--what", required=True, metavar="TEXT", help="what you talked about")
    log_add.add_argument("--kind", metavar="KIND", help="conversation, shadowing, email, …")
    log_add.add_argument("--where", metavar="PLACE", default="")
    log_add.add_argument("--date", metavar="YYYY-MM-DD", type=date_arg, help="default: today")
    log_add.add_argument("--promise", metavar="TEXT", default="", help="what you promised")
    log_add.add_argument("--by", metavar="YYYY-MM-DD", type=date_arg, help="…and by when")
    log_add.add_argument(
        "--with", dest="others", action="append", default=[], metavar="CONTACT",
        help="someone else who was there (repeat for more)",
    )  # fmt: skip
    log_add.add_argument("--new", action="store_true", help="add CONTACT if nobody has that name")
    log_add.set_defaults(func=cmd_log_add)
    log_list = log_sub.add_parser("list", parents=[common], help="list interactions")
    log_list.add_argument("contact", nargs="?", metavar="CONTACT")
    log_list.set_defaults(func=cmd_log_list)

    due = sub.add_parser("due", parents=[common], help="who to write to, overdue first")
    due.add_argument("--today", metavar="YYYY-MM-DD", type=date_arg, help="as of this date")
    due.add_argument("--all", action="store_true", help="also what is due after this week")
    due.add_argument("--ics", metavar="FILE", help="write every due item as a calendar file")
    due.set_defaults(func=cmd_due)

    done = sub.add_parser(
        "followed-up", parents=[common], help="mark the follow-up due for a contact as sent"
    )
    done.add_argument("contact", metavar="CONTACT")
    done.set_defaults(func=cmd_followed_up)

    imports = sub.add_parser("import", parents=[common], help="import contacts")
    import_sub = imports.add_subparsers(
        dest="import_command", metavar="SOURCE", parser_class=Parser, required=True
    )
    linkedin = import_sub.add_parser(
        "linkedin", parents=[common], help="import LinkedIn's Connections.csv"
    )
    linkedin.add_argument("file", metavar="Connections.csv")
    linkedin.add_argument("--dry-run", action="store_true", help="show what would change")
    linkedin.set_defaults(func=cmd_import_linkedin)


def _contact_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--role", default="", metavar="ROLE", help="attending, resident, …")
    parser.add_argument("--institution", default="", metavar="PLACE")
    parser.add_argument(
        "--tier", default="", metavar="TIER", help="local, regional-national, societies"
    )
    parser.add_argument("--email", default="", metavar="ADDRESS")
    parser.add_argument("--link", default="", metavar="URL", help="a profile link")
    parser.add_argument("--met", default="", metavar="TEXT", help="how you met")
    parser.add_argument("--tag", action="append", default=[], metavar="TAG")
    parser.add_argument("--notes", default="", metavar="TEXT", help="private notes")
    parser.add_argument("--reconnect", default="", metavar="DAYS|none")


def _book(ctx: Context) -> LogBook:
    from ctcoach.logbook import NoLog

    book = ctx.coach().log
    try:
        _ = book.settings
    except NoLog as exc:
        raise UserError(str(exc)) from None
    return book


def _problems(problems: list[Any]) -> UserError:
    return UserError("; ".join(str(p) for p in problems))


ADD_CONTACT = "add them with `ctcoach contact add`, or --new"


def find(book: LogBook, query: str, add: str = ADD_CONTACT) -> Contact:
    from ctcoach.network import describe

    found = book.find(query)
    if found.contact is not None:
        return found.contact
    closest = ", ".join(describe(c) for c in found.closest)
    hint = f"; closest: {closest}" if closest else ""
    raise UserError(f"{found.problem}{hint} ({add})")


def find_or_add(ctx: Context, book: LogBook, query: str, new: bool) -> Contact:
    """The contact ``query`` names; with ``new``, a name nobody has yet is added first."""
    from ctcoach.network import ContactDraft, describe

    if new and book.find(query).contact is None and not query.strip().lstrip("#").isdigit():
        contact, problems = book.save_contact(ContactDraft(query))
        if contact is None:
            raise _problems(problems)
        ctx.say(f"Added {describe(contact)} to your contacts.")
        return contact
    return find(book, query)


def cmd_contact_add(args: argparse.Namespace, ctx: Context) -> int:
    from ctcoach.network import ContactDraft, describe, parse_reconnect

    book = _book(ctx)
    try:
        reconnect = parse_reconnect(args.reconnect)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    draft = ContactDraft(
        args.name, args.role, args.institution, args.tier, args.met, args.tag,
        args.email, args.link, args.notes, reconnect,
    )  # fmt: skip
    contact, problems = book.save_contact(draft)
    if contact is None:
        raise _problems(problems)
    ctx.out(f"Added {describe(contact)}.\n")
    return OK


def cmd_contact_list(args: argparse.Namespace, ctx: Context) -> int:
    from ctcoach.followup import last_contact

    book = _book(ctx)
    contacts = book.contacts()
    if args.filter:
        needle = args.filter.casefold()
        contacts = tuple(
            c for c in contacts if needle in " ".join((c.name, c.institution, *c.tags)).casefold()
        )
    interactions = book.interactions()
    lines = []
    for c in sorted(contacts, key=lambda c: c.name.casefold()):
        last = last_contact(interactions, c.id)
        seen = f"last {last.isoformat()}" if last else "no contact logged"
        role = book.settings.role_title(c.role)
        where = f" · {c.institution}" if c.institution else ""
        lines.append(f"#{c.id:<4} {c.name} — {role}{where} · {seen}")
    ctx.out("\n".join(lines) + "\n" if lines else "No contacts yet: `ctcoach contact add NAME`.\n")
    return OK


def cmd_log_add(args: argparse.Namespace, ctx: Context) -> int:
    from ctcoach.logbook import Entry

    book = _book(ctx)
    contact = find_or_add(ctx, book, args.contact, args.new)
    people = (contact.id, *(find(book, other).id for other in args.others))
    entry = Entry(people, args.what, args.kind or "", args.where, args.date, args.promise, args.by)
    item, problems = book.log(entry)
    if item is None:
        raise _problems(problems)
    kind = book.settings.kind_title(item.kind).lower()
    names = {c.id: c.name for c in book.contacts()}
    who = " and ".join(names[c] for c in item.contacts)
    ctx.out(f"Logged {kind} with {who} on {item.date.isoformat()}.\n")
    for due in (d for d in ctx.coach().due() if contact.id in d.contacts):
        ctx.out(f"Due {due.date.isoformat()}: {due.title} — {due.reason}\n")
    return OK


def cmd_log_list(args: argparse.Namespace, ctx: Context) -> int:
    book = _book(ctx)
    people = {c.id: c for c in book.contacts()}
    if args.contact:
        items = book.timeline(find(book, args.contact).id)
    else:
        items = sorted(book.interactions(), key=lambda i: (i.date, i.id), reverse=True)
    lines = []
    for item in items:
        who = ", ".join(people[c].name for c in item.contacts if c in people)
        where = f" at {item.where}" if item.where else ""
        lines.append(
            f"{item.date.isoformat()}  {book.settings.kind_title(item.kind)} with {who}{where}"
        )
        lines.append(f"            {item.what}")
        if item.promise:
            kept = "kept" if item.promise_kept else f"by {item.promise_by}"
            lines.append(f"            promised: {item.promise} ({kept})")
    ctx.out("\n".join(lines) + "\n" if lines else "Nothing logged yet: `ctcoach log add`.\n")
    return OK


def cmd_due(args: argparse.Namespace, ctx: Context) -> int:
    from ctcoach.followup import by_window

    _book(ctx)  # a pack without a log says so
    today = args.today or ctx.today()
    items = ctx.coach().due(today=today)
    if args.ics:
        return _write_ics(ctx, Path(args.ics), items, today)
    shown = [d for d in items if args.all or d.window(today) != "later"]
    if not shown:
        later = f" ({len(items)} later: `ctcoach due --all`)" if items else ""
        ctx.out(f"Nothing is due this week{later}.\n")
        return OK
    lines = []
    for window, group in by_window(shown, today):
        lines.append(window.capitalize())
        for due in group:
            lines.append(f"  {due.date.isoformat()}  {due.title}")
            lines.append(f"              {due.reason}")
    ctx.out("\n".join(lines) + "\n")
    return OK


def _write_ics(ctx: Context, path: Path, items: list[Any], today: Any) -> int:
    from ctcoach.export import save_text
    from ctcoach.export.ics import due_entries, render
    from ctcoach.model import plural

    text = render(due_entries(items, today), today).decode("utf-8")
    written = save_text(path, text, protected=(ctx.data_dir,))
    ctx.say(f"Wrote {plural(len(items), 'event')} to {written}")
    return OK


def cmd_followed_up(args: argparse.Namespace, ctx: Context) -> int:
    book = _book(ctx)
    contact = find(book, args.contact, "add them with `ctcoach contact add`")
    coach = ctx.coach()
    order = ("follow_up", "promise", "reconnect", "milestone")  # what the log holds

    def due() -> list[Any]:  # the same dates as `ctcoach due` (rotations included)
        mine = [d for d in coach.due() if contact.id in d.contacts and d.kind in order]
        return sorted(mine, key=lambda d: (order.index(d.kind), d.date))

    pending = due()
    if not pending:
        raise UserError(f"nothing is due for {contact.name}")
    coach.mark_due_done(pending[0])
    ctx.out(f"Done: {pending[0].title}.\n")
    after = sorted(due(), key=lambda d: d.date)
    if after:
        ctx.out(f"Next for {contact.name}: {after[0].title}, {after[0].date.isoformat()}.\n")
    return OK


def cmd_import_linkedin(args: argparse.Namespace, ctx: Context) -> int:
    from ctcoach.linkedin import LinkedInError, parse
    from ctcoach.model import plural

    try:
        text = Path(args.file).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserError(f"{args.file}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{args.file}: cannot read: {exc}") from None
    try:
        rows = parse(text)
    except LinkedInError as exc:
        raise UserError(f"{args.file}: {exc}; nothing was imported") from None
    book = _book(ctx)
    plan = book.plan_linkedin(rows) if args.dry_run else book.import_linkedin(rows)
    for contact in plan.add:
        place = f" ({contact.institution})" if contact.institution else ""
        ctx.out(f"add    {contact.name}{place}\n")
    for before, after in plan.merge:
        ctx.out(f"merge  {after.name} (#{before.id})\n")
    for row, why in plan.skip:
        ctx.out(f"skip   line {row.line}: {row.name or '(no name)'} — {why}\n")
    verb = "Would add" if args.dry_run else "Added"
    ctx.say(
        f"{verb} {plural(len(plan.add), 'contact')}, "
        f"{'would merge' if args.dry_run else 'merged'} {len(plan.merge)}, "
        f"skipped {len(plan.skip)}."
    )
    return OK
