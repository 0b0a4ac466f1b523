"""Command line: parse arguments, pick a front end, map failures to exit codes.

Exit codes: 0 ok, 1 failed, 2 bad input, 130 interrupted. Every user error is one
line on stderr; Textual and questionary are imported only when needed.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, TextIO

from ctcoach import __version__
from ctcoach.coach import Coach, ProfileMismatch
from ctcoach.content import ContentError, default_content_dir, load_pack
from ctcoach.export import ExportError, check_target, save_text
from ctcoach.model import Pack
from ctcoach.profile import validate_answers
from ctcoach.store import Store, StoreError, resolve_data_dir

OK, FAILED, USAGE, INTERRUPTED = 0, 1, 2, 130
NO_CHANGES = "no changes were made"


class UserError(Exception):
    """Bad input: printed as ``ctcoach: <message>`` and exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        hint = f"{self.prog} --help"
        raise UserError(f"{message} (see `{hint}`)")


@dataclass
class Context:
    """What every command needs, resolved once from arguments and environment."""

    content_dir: Path
    data_dir: Path
    stdin: TextIO
    stdout: TextIO
    stderr: TextIO

    def pack(self) -> Pack:
        try:
            return load_pack(self.content_dir)
        except ContentError as exc:
            raise UserError(
                f"the content pack is broken ({len(exc.problems)} problem(s)); "
                f"first: {exc.problems[0]} — run `ctcoach content check {self.content_dir}`"
            ) from exc

    def store(self) -> Store:
        return Store(self.data_dir)


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2027-01-28") from None


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--content",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="use the content pack in DIR instead of the built-in one",
    )
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="keep your data in DIR (default: $CTCOACH_DATA_DIR or your user data folder)",
    )
    parser = _Parser(
        prog="ctcoach",
        description="A coach for building your cardiothoracic surgery network. "
        "With no command, opens the full-screen app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"ctcoach {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    onboard = sub.add_parser(
        "onboard",
        parents=[common],
        help="set up or update your profile in a guided wizard",
        description="Set up or update your profile. Interactive, or from a TOML answers file.",
    )
    onboard.add_argument(
        "--answers", metavar="FILE", help="read the answers from a TOML file instead of asking"
    )
    plan = sub.add_parser(
        "plan",
        parents=[common],
        help="print your action plan as Markdown",
        description="Print your personal action plan as Markdown, or write it to a file.",
    )
    plan.add_argument("-o", "--output", metavar="FILE", help="write the plan to FILE")
    plan.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=_parse_date,
        help="build the plan as of this date (default: today)",
    )
    content = sub.add_parser(
        "content",
        parents=[common],
        help="tools for content authors",
        description="Tools for content pack authors.",
    )
    content_sub = content.add_subparsers(
        dest="content_command", metavar="ACTION", parser_class=_Parser, required=True
    )
    check = content_sub.add_parser(
        "check",
        help="validate a content pack and list every problem",
        description="Validate a content pack (default: the one in use) and list every problem.",
    )
    check.add_argument("dir", nargs="?", metavar="DIR", help="the pack folder to check")
    return parser


# -- commands -------------------------------------------------------------------


def cmd_content_check(args: argparse.Namespace, ctx: Context) -> int:
    folder = Path(args.dir) if args.dir else ctx.content_dir
    try:
        pack = load_pack(folder)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=ctx.stderr)
        print(f"{len(exc.problems)} problem(s) in {folder}", file=ctx.stderr)
        return USAGE
    print(
        f"{folder}: ok — {len(pack.questions)} questions, {len(pack.phases)} phases, "
        f"{len(pack.actions)} actions, {len(pack.topics)} topics, {len(pack.quizzes)} quizzes "
        f"({sum(len(q.questions) for q in pack.quizzes)} questions), "
        f"{len(pack.sources)} sources",
        file=ctx.stdout,
    )
    return OK


def _read_answers_file(path: str) -> dict[str, Any]:
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


def cmd_onboard(args: argparse.Namespace, ctx: Context) -> int:
    pack = ctx.pack()
    with ctx.store() as store:
        coach = Coach(pack, store)
        existing = coach.profile_or_none()
        if args.answers:
            raw = _read_answers_file(args.answers)
            profile, errors = validate_answers(pack, raw)
            if profile is None:
                for error in errors:
                    print(f"{args.answers}: {error}", file=ctx.stderr)
                print(f"{len(errors)} problem(s); {NO_CHANGES}", file=ctx.stderr)
                return USAGE
        else:
            if not (_isatty(ctx.stdin) and _isatty(ctx.stdout)):
                raise UserError(
                    "onboard needs an interactive terminal; use "
                    "`ctcoach onboard --answers FILE` to answer from a TOML file"
                )
            from ctcoach.wizard import run_wizard

            new = run_wizard(pack, existing)
            if new is None:
                print(f"Not saved; {NO_CHANGES}.", file=ctx.stdout)
                return OK
            profile = new
        coach.save_profile(profile)
    print(f"Saved your profile in {store.path}.", file=ctx.stdout)
    print("Next: `ctcoach` for the coach, or `ctcoach plan` for your plan.", file=ctx.stdout)
    return OK


def cmd_plan(args: argparse.Namespace, ctx: Context) -> int:
    from ctcoach.export.markdown import render

    pack = ctx.pack()
    output = Path(args.output) if args.output else None
    if output is not None:
        check_target(output)
    with ctx.store() as store:
        try:
            plan = Coach(pack, store).plan(args.today)
        except ProfileMismatch as exc:
            raise UserError(f"{exc}; run `ctcoach onboard` to update it") from None
    if plan is None:
        raise UserError("no profile yet: run `ctcoach onboard` first")
    text = render(pack, plan)
    if output is None:
        ctx.stdout.write(text)
        return OK
    written = save_text(output, text)
    print(f"Wrote your plan to {written}", file=ctx.stderr)
    return OK


def cmd_app(args: argparse.Namespace, ctx: Context) -> int:
    if not (_isatty(ctx.stdin) and _isatty(ctx.stderr)):
        raise UserError(
            "the full-screen app needs an interactive terminal; "
            "use `ctcoach plan` to print your plan instead"
        )
    pack = ctx.pack()
    store = ctx.store()
    try:
        from ctcoach.tui.app import CoachApp

        app = CoachApp(Coach(pack, store))
        app.run()
        return_code = app.return_code
    finally:
        store.close()
    return return_code if return_code is not None else OK


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


COMMANDS: Mapping[str | None, Callable[[argparse.Namespace, Context], int]] = {
    None: cmd_app,
    "onboard": cmd_onboard,
    "plan": cmd_plan,
    "content": cmd_content_check,
}


def run(
    argv: Sequence[str] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run ctcoach as from the command line and return its exit code."""
    environ = os.environ if environ is None else environ
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    try:
        args = build_parser().parse_args(argv)
        content = getattr(args, "content", None)
        ctx = Context(
            content_dir=Path(content) if content else default_content_dir(),
            data_dir=resolve_data_dir(getattr(args, "data_dir", None), environ),
            stdin=stdin,
            stdout=stdout,
            stderr=stderr,
        )
        return COMMANDS[args.command](args, ctx)
    except (UserError, StoreError, ExportError) as exc:
        print(f"ctcoach: {exc}", file=stderr)
        return USAGE
    except KeyboardInterrupt:
        print(f"\n{NO_CHANGES}", file=stderr)
        return INTERRUPTED
    except EOFError:
        print(f"\n{NO_CHANGES}", file=stderr)
        return INTERRUPTED
    except BrokenPipeError:
        # `ctcoach plan | head`: the reader left early; that is not an error. Point
        # stdout at /dev/null so the interpreter's final flush does not fail again.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK


def main() -> None:
    sys.exit(run())
