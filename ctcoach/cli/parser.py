"""The argument parser. Each command module adds its own subcommands."""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from ctcoach import __version__
from ctcoach.cli.base import UserError


@functools.cache
def terminal_width() -> int:
    """The terminal's width, as ``shutil.get_terminal_size`` finds it, asked once: argparse
    makes a help formatter for every argument it adds, and each asked again (and the
    first imported shutil, with its compression modules)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class Formatter(argparse.HelpFormatter):
    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = terminal_width() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


class Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UserError(f"{message} (see `{self.prog} --help`)")


def date_arg(text: str) -> object:
    """An argparse type for calendar dates inside the accepted range."""
    from ctcoach.dates import DateError, parse_date

    try:
        return parse_date(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def common_options() -> Parser:
    common = Parser(add_help=False)
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
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show the full error report when something goes wrong (also $CTCOACH_DEBUG=1)",
    )
    return common


# Which module registers each command. A run builds the parsers of its own command's
# module only (argparse makes one parser per subcommand, each asking gettext for its
# words): `ctcoach plan` skips the other 20. Help and anything unclear build them all.
COMMANDS = {
    "onboard": "profile_commands",
    "plan": "profile_commands",
    "content": "profile_commands",
    "contact": "log_commands",
    "log": "log_commands",
    "due": "log_commands",
    "followed-up": "log_commands",
    "import": "log_commands",
    "event": "event_commands",
    "draft": "draft_commands",
}
MODULES = ("profile_commands", "log_commands", "event_commands", "draft_commands")
VALUED = ("--content", "--data-dir")  # the options before a command that take a value
HELP = ("-h", "--help")


def modules_for(argv: Sequence[str]) -> tuple[str, ...]:
    """The command modules a parse of ``argv`` needs: the one its command lives in, none
    when it names no command (the app), every one when in doubt (help, a typo, ``--``,
    an abbreviated option)."""
    take = False
    for token in argv:
        if take:
            take = False
        elif token in VALUED:
            take = True
        elif token in HELP or token == "--":
            return MODULES
        elif not token.startswith("-"):
            owner = COMMANDS.get(token)
            return (owner,) if owner else MODULES
    return ()


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for ``argv`` (default: this process's); see :func:`modules_for`."""
    from ctcoach.cli import profile_commands

    common = common_options()
    parser = Parser(
        prog="ctcoach",
        description="A coach for building your cardiothoracic surgery network. "
        "With no command, opens the full-screen app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"ctcoach {__version__}")
    parser.set_defaults(func=profile_commands.cmd_app)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in modules_for(sys.argv[1:] if argv is None else argv):
        importlib.import_module(f"ctcoach.cli.{name}").register(sub, common)
    return parser
