"""Email drafts on the command line: ``ctcoach draft KIND CONTACT``. The draft goes to
standard output (or an .eml file, or a mailto: link), its checks to standard error."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ctcoach.cli.base import OK, Context, UserError, isatty
from ctcoach.cli.parser import Parser, date_arg

if TYPE_CHECKING:
    from ctcoach.coach import Coach
    from ctcoach.drafts import DraftCheck, DraftKind
    from ctcoach.events import PlannedEvent
    from ctcoach.network import Contact
    from ctcoach.outreach import DraftBook, Prepared

ADD_CONTACT = "add them with `ctcoach contact add`"


def register(sub: Any, common: Parser) -> None:
    draft = sub.add_parser(
        "draft",
        parents=[common],
        help="write an email to a contact, checked as you would in the app",
        description="Print a draft email to CONTACT, filled from your profile, your pitch, "
        "what you logged and the event, with its checks on standard error. "
        "ctcoach never sends email.",
        epilog="KIND is one of the pack's kinds, for example introduction, pre-meeting, "
        "follow-up, thank-you, project or milestone; a wrong one lists them all.",
    )
    draft.add_argument("kind", metavar="KIND", help="the kind of email (see below)")
    draft.add_argument("contact", metavar="CONTACT", help="a name or an id (#12)")
    draft.add_argument("--event", metavar="EVENT", help="an event by name or id (#3)")
    draft.add_argument(
        "--about", metavar="TEXT", default="", help="the topic: their paper, the project, your news"
    )
    draft.add_argument("-o", "--output", metavar="FILE.eml", help="write an email file instead")
    draft.add_argument("--mailto", action="store_true", help="print a mailto: link instead")
    draft.add_argument(
        "--fresh", action="store_true", help="fill the template again, not the saved draft"
    )
    draft.add_argument("--edit", action="store_true", help="open the draft in the app's editor")
    draft.add_argument("--today", metavar="YYYY-MM-DD", type=date_arg, help="write as of this date")
    draft.set_defaults(func=cmd_draft)


def _book(coach: Coach) -> DraftBook:
    from ctcoach.outreach import NoDrafts

    try:
        _ = coach.drafts.settings
    except NoDrafts as exc:
        raise UserError(str(exc)) from None
    return coach.drafts


def _kind(book: DraftBook, query: str) -> DraftKind:
    found = book.find_kind(query)
    if found is not None:
        return found
    close = book.closest_kinds(query)
    hint = f"did you mean {', '.join(close)}? " if close else ""
    kinds = ", ".join(k.id for k in book.settings.kinds)
    raise UserError(f"no draft kind {query!r}; {hint}kinds: {kinds}")


def _event(
    coach: Coach, query: str | None, kind: DraftKind, contact: Contact
) -> PlannedEvent | None:
    from ctcoach.events import find_event

    events = coach.snapshot().events
    if query:
        found = find_event(events, query)
        if found is None:
            names = ", ".join(f"{e.name} (#{e.id})" for e in events[:6]) or "none yet"
            raise UserError(f"no single event matches {query!r}; your events: {names}")
        return found
    if "event" not in kind.needs:
        return None
    at = {t.event for t in coach.drafts.targets_of(contact.id)}
    mine = [e for e in events if e.id in at]
    if len(mine) == 1:
        return mine[0]
    names = ", ".join(f"{e.name} (#{e.id})" for e in (mine or events)[:6]) or "none yet"
    raise UserError(f"a {kind.id} email needs an event: --event NAME (your events: {names})")


def cmd_draft(args: argparse.Namespace, ctx: Context) -> int:
    from ctcoach.cli.log_commands import find

    if args.today is not None:
        day = args.today
        ctx.today = lambda: day
    coach = ctx.coach()
    book = _book(coach)
    if coach.profile_or_none() is None:
        raise UserError("set up your profile first: `ctcoach onboard`")
    kind = _kind(book, args.kind)
    contact = find(coach.log, args.contact, ADD_CONTACT)
    event = _event(coach, args.event, kind, contact)
    if args.edit:
        return _edit(ctx, coach, kind, contact, event, args.about)
    prepared = book.prepare(kind, contact, event, args.about, fresh=args.fresh)
    _notes(ctx, prepared)
    fit = book.fit_note(prepared)
    if fit:
        ctx.say(f"Note: {fit}.")
    if args.output:
        _write(ctx, Path(args.output), prepared)
    if args.mailto:
        from ctcoach.export.eml import mailto_link

        ctx.out(mailto_link(prepared.draft, contact.email) + "\n")
    if not args.output and not args.mailto:
        from ctcoach.text import for_terminal

        ctx.out(for_terminal(prepared.draft.text()) + "\n")
    _report(ctx, book.check(prepared))
    return OK


def _notes(ctx: Context, prepared: Prepared) -> None:
    name = prepared.context.contact.name
    event = prepared.context.event
    if prepared.saved and event is not None:
        ctx.say(f"The draft saved on your target at {event.name} (--fresh fills the template).")
    if "interaction" in prepared.missing:
        ctx.say(
            f"Nothing logged with {name} yet: `ctcoach log add` fills in what you talked about."
        )


def _write(ctx: Context, path: Path, prepared: Prepared) -> None:
    from ctcoach.export.eml import render_eml, save_eml

    contact = prepared.context.contact
    profile = prepared.context.profile
    data = render_eml(prepared.draft, contact.name, contact.email, profile.name if profile else "")
    written = save_eml(path, data, protected=(ctx.data_dir,))
    to = "" if contact.email else f" (no email address saved for {contact.name}: add it there)"
    ctx.say(f"Wrote {written}; open it in your mail app to edit and send{to}.")


def _report(ctx: Context, checks: list[DraftCheck]) -> None:
    for result in checks:
        ctx.say(f"{'✓' if result.ok else '✗'} {result.message}")
    failed = sum(not c.ok for c in checks)
    ctx.say("Every check passes." if not failed else f"{failed} of {len(checks)} checks to fix.")


def _edit(
    ctx: Context,
    coach: Coach,
    kind: DraftKind,
    contact: Contact,
    event: PlannedEvent | None,
    topic: str,
) -> int:
    if not (isatty(ctx.stdin) and isatty(ctx.stderr)):
        raise UserError("--edit needs an interactive terminal; leave it out to print the draft")
    from ctcoach.tui.screens.draft import DraftApp, open_draft

    app = DraftApp(coach, lambda app: open_draft(app, kind.id, contact, event, topic=topic))
    app.run()
    return app.return_code if app.return_code is not None else OK
