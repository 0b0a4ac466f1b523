"""Command line: parse arguments, pick a front end, map failures to exit codes.

Exit codes: 0 ok, 1 failed, 2 bad input, 130 interrupted. Every user error is one
line on stderr; Textual and questionary are imported only when needed, and
``ctcoach --version`` imports nothing at all.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs `--version` 2-4 ms
if TYPE_CHECKING:
    from typing import Any


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from ctcoach import __version__

        print(f"ctcoach {__version__}")
        return
    from ctcoach.cli.main import main as run_main

    run_main()


def __getattr__(name: str) -> Any:
    if name == "run":
        from ctcoach.cli.main import run

        return run
    raise AttributeError(name)
