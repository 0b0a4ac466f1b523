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
    # A command's start (imports, the pack, the store) makes many objects and hardly any
    # garbage, and the collector would scan them all again and again: about 3 ms of a
    # `ctcoach plan`. It runs again once the start is over (Context.settled).
    import gc

    gc.disable()
    load_msgspec()
    from ctcoach.cli.runner import main as run_main

    run_main()


def load_msgspec() -> None:
    """Import msgspec (every record is one of its Structs) without typing_extensions.

    msgspec reads type hints with typing_extensions when that is installed (Textual
    installs it), and importing it costs a command about 7 ms (it imports inspect, ast,
    dis, …). On the Pythons ctcoach runs on (3.11+), msgspec's fallback, the standard
    ``typing``, reads the same hints. Nothing else changes: typing_extensions stays
    importable, and the full-screen app, which imports it with Textual, is unaffected."""
    if "msgspec" in sys.modules or "typing_extensions" in sys.modules:
        return
    sys.modules["typing_extensions"] = None  # type: ignore[assignment]  # "not installed"
    try:
        import msgspec  # noqa: F401
    finally:
        del sys.modules["typing_extensions"]


def __getattr__(name: str) -> Any:
    if name == "run":
        from ctcoach.cli.runner import run

        return run
    raise AttributeError(name)
