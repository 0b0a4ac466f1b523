"""The argument parser. Each command module adds its own subcommands."""

from __future__ import annotations

import argparse
from typing import NoReturn

from ctcoach import __version__
from ctcoach.cli.base import UserError


class Parser(argparse.ArgumentParser):
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


def build_parser() -> argparse.ArgumentParser:
    from ctcoach.cli import draft_commands, event_commands, log_commands, profile_commands

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
    profile_commands.register(sub, common)
    log_commands.register(sub, common)
    event_commands.register(sub, common)
    draft_commands.register(sub, common)
    return parser
