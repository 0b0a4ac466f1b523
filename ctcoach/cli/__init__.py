"""Command line: parse arguments, pick a front end, map failures to exit codes.

Exit codes: 0 ok, 1 failed, 2 bad input, 130 interrupted. Every user error is one
line on stderr; Textual and questionary are imported only when needed.
"""

from ctcoach.cli.main import main, run

__all__ = ["main", "run"]
