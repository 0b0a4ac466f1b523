"""The commands about you and your plan: the app, ``onboard``, ``plan``, ``content check``."""

from __future__ import annotations

import argparse
import datetime as dt
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ctcoach.cli.base import NO_CHANGES, OK, USAGE, Context, UserError, isatty
from ctcoach.cli.parser import Parser, date_arg

if TYPE_CHECKING:
    from ctcoach.coach import Coach


def register(sub: Any, common: Parser) -> None:
    onboard = sub.add_parser(
        "onboard",
        parents=[common],
        help="set up or update your profile in a guided wizard",
        description="Set up or update your profile. Interactive, or from a TOML answers file.",
    )
    onboard.add_argument(
        "--answers", metavar="FILE", help="read the answers from a TOML file instead of asking"
    )
    onboard.set_defaults(func=cmd_onboard)
    plan = sub.add_parser(
        "plan",
        parents=[common],
        help="print your action plan as Markdown",
        description="Print your personal action plan as Markdown, or write it to a file.",
    )
    plan.add_argument("-o", "--output", metavar="FILE", help="write the plan to FILE")
    plan.add_argument(
        "--ics", metavar="FILE", help="write every dated step and follow-up as a calendar file"
    )
    plan.add_argument(
        "--mode",
        metavar="OCTAL",
        type=_mode,
        default=0o600,
        help="permissions of a new file written with -o (default 600: only you can read it)",
    )
    plan.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=date_arg,
        help="build the plan as of this date (default: today)",
    )
    plan.add_argument(
        "--include-notes",
        action="store_true",
        help="include your private notes about people (left out unless you ask)",
    )
    plan.set_defaults(func=cmd_plan)
    content = sub.add_parser(
        "content",
        parents=[common],
        help="tools for content authors",
        description="Tools for content pack authors.",
    )
    content_sub = content.add_subparsers(
        dest="content_command", metavar="ACTION", parser_class=Parser, required=True
    )
    check = content_sub.add_parser(
        "check",
        help="validate a content pack and list every problem",
        description="Validate a content pack (default: the one in use) and list every problem.",
    )
    check.add_argument("dir", nargs="?", metavar="DIR", help="the pack folder to check")
    check.set_defaults(func=cmd_content_check)


def _mode(text: str) -> int:
    try:
        mode = int(text, 8)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a file mode like 600 or 644") from None
    if not 0 <= mode <= 0o777:
        raise argparse.ArgumentTypeError(f"{text!r} is not a file mode like 600 or 644")
    return mode


def cmd_content_check(args: argparse.Namespace, ctx: Context) -> int:
    from ctcoach.content import ContentError, load_pack
    from ctcoach.content.review import review_pack
    from ctcoach.model import plural

    folder = Path(args.dir) if args.dir else ctx.content_dir
    try:
        pack = load_pack(folder)
    except ContentError as exc:
        for problem in exc.problems:
            ctx.say(problem)
        ctx.say(f"{plural(len(exc.problems), 'problem')} in {folder}")
        return USAGE
    review = review_pack(pack)
    for lengths in review.quizzes:
        mark = "FAIL" if lengths.failed else "ok"
        ctx.out(
            f"quiz {lengths.quiz.id}: right answer longest in {lengths.longest_right} of "
            f"{lengths.total} ({lengths.percent}%) {mark}\n"
        )
    for warning in review.warnings:
        ctx.out(f"warning: {warning}\n")
    for failure in review.failures:
        ctx.say(failure)
    verdict = "ok" if review.ok else f"{plural(len(review.failures), 'failure')}"
    ctx.out(
        f"{folder}: {verdict} — {len(pack.questions)} questions, {len(pack.phases)} phases, "
        f"{len(pack.actions)} actions, {len(pack.topics)} topics, {len(pack.quizzes)} quizzes "
        f"({sum(len(q.questions) for q in pack.quizzes)} questions), "
        f"{len(pack.sources)} sources, {plural(len(review.warnings), 'warning')}\n"
    )
    return OK if review.ok else USAGE


def _read_answers_file(path: str) -> dict[str, Any]:
    import tomllib

    try:
        text = Path(path).read_text(encoding="utf-8")
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not an answers file") from None
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot read: {exc}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}: invalid TOML: {exc}") from None


def _nothing_saved(folder: Path) -> bool:
    """No data folder yet, or an empty one: there is no saved profile to start from."""
    try:
        return not any(folder.iterdir())
    except FileNotFoundError:
        return True
    except OSError:
        return False  # let the store say what is wrong with it


def cmd_onboard(args: argparse.Namespace, ctx: Context) -> int:
    from ctcoach.model import plural
    from ctcoach.profile import validate_answers

    pack = ctx.pack()
    if args.answers:
        raw = _read_answers_file(args.answers)
        profile, errors = validate_answers(pack, raw, today=ctx.today())
        if profile is None:
            for error in errors:
                ctx.say(f"{args.answers}: {error}")
            ctx.say(f"{plural(len(errors), 'problem')}; {NO_CHANGES}")
            return USAGE
    else:
        if not (isatty(ctx.stdin) and isatty(ctx.stdout)):
            raise UserError(
                "onboard needs an interactive terminal; use "
                "`ctcoach onboard --answers FILE` to answer from a TOML file"
            )
        from ctcoach.wizard import run_wizard

        # With nothing saved yet, the first question need not wait for the store to open.
        current = None if _nothing_saved(ctx.data_dir) else ctx.coach().profile_or_none()
        ctx.settled()  # the wizard waits on the person: the collector runs again
        new = run_wizard(pack, current, ctx.today())
        if new is None:
            ctx.out(f"Not saved; {NO_CHANGES}.\n")
            return OK
        profile = new
    coach = ctx.coach()
    coach.save_profile(profile)
    ctx.out(
        f"Saved your profile in {coach.store.path}.\n"
        "Next: `ctcoach` for the coach, or `ctcoach plan` for your plan.\n"
    )
    return OK


def cmd_plan(args: argparse.Namespace, ctx: Context) -> int:
    from ctcoach.coach import ProfileMismatch
    from ctcoach.export import check_target, save_text

    output = Path(args.output) if args.output else None
    protected = (ctx.data_dir,)
    if output is not None:
        check_target(output, protected)
    coach = ctx.coach()
    if args.ics:
        return _plan_ics(ctx, coach, Path(args.ics), args.today)
    try:
        text = coach.markdown(args.today, include_notes=args.include_notes)
    except ProfileMismatch as exc:
        raise UserError(f"{exc}; run `ctcoach onboard` to update it") from None
    if text is None:
        raise UserError("no profile yet: run `ctcoach onboard` first")
    if output is None:
        ctx.out(text)
        return OK
    written = save_text(output, text, protected=(*protected, coach.store.target), mode=args.mode)
    ctx.say(f"Wrote your plan to {written}")
    return OK


def _plan_ics(ctx: Context, coach: Coach, path: Path, today: dt.date | None) -> int:
    from ctcoach.coach import ProfileMismatch
    from ctcoach.export import save_text
    from ctcoach.export.ics import plan_entries, render
    from ctcoach.model import plural

    try:
        plan = coach.plan(today)
    except ProfileMismatch as exc:
        raise UserError(f"{exc}; run `ctcoach onboard` to update it") from None
    if plan is None:
        raise UserError("no profile yet: run `ctcoach onboard` first")
    entries = plan_entries(plan)
    text = render(entries, plan.today).decode("utf-8")
    written = save_text(path, text, protected=(ctx.data_dir, coach.store.target))
    ctx.say(f"Wrote {plural(len(entries), 'event')} to {written}")
    return OK


def cmd_app(args: argparse.Namespace, ctx: Context) -> int:
    if not (isatty(ctx.stdin) and isatty(ctx.stderr)):
        raise UserError(
            "the full-screen app needs an interactive terminal; "
            "use `ctcoach plan` to print your plan instead"
        )
    from ctcoach.storefile import STORE_NAME, signature
    from ctcoach.tui.app import CoachApp
    from ctcoach.tui.start import FirstRun, Keeper, Start

    keeper = Keeper(ctx.cache_dir, ctx.content_dir, ctx.data_dir) if ctx.cache_dir else None
    # What can be drawn before the store is read (ctcoach.tui.start): the dashboard as the
    # last run on this store drew it, when nothing has changed since, or onboarding, when
    # nothing is saved yet.
    start: Start | FirstRun | None = None
    if keeper is not None:
        start = keeper.read(ctx.today().isoformat())
    if start is None and signature(ctx.data_dir / STORE_NAME) is None:
        start = FirstRun(ctx.pack())
    # What the store did on its own as it opened (a damaged file set aside, say) is told in
    # the app, where it is seen, not on the terminal the app is about to cover.
    opener = partial(ctx.coach, say_notices=False)
    coach = opener if start is not None else opener()
    app = CoachApp(coach, freeze=ctx.freeze_loaded, start=start, keeper=keeper, ahead=True)
    app.run()
    if app.failed is not None:
        raise app.failed
    return app.return_code if app.return_code is not None else OK
