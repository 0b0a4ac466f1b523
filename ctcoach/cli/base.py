"""What every command shares: exit codes, the error type, the resolved context."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ctcoach.text import for_terminal

if TYPE_CHECKING:
    from ctcoach.coach import Coach
    from ctcoach.model import Pack
    from ctcoach.store import Store

OK, FAILED, USAGE, INTERRUPTED = 0, 1, 2, 130
NO_CHANGES = "no changes were made"


class UserError(Exception):
    """Bad input: printed as ``ctcoach: <message>`` and exit 2."""


class OutputError(Exception):
    """Standard output could not take the text (a full disk, say): exit 1."""


@dataclass
class Context:
    """What every command needs, resolved once from arguments and environment."""

    content_dir: Path
    data_dir: Path
    stdin: TextIO
    stdout: TextIO
    stderr: TextIO
    today: Callable[[], dt.date] = dt.date.today
    stores: list[Store] = field(default_factory=list)
    _pack: Pack | None = None

    def pack(self) -> Pack:
        from ctcoach.content import ContentError, load_pack

        if self._pack is None:
            try:
                self._pack = load_pack(self.content_dir)
            except ContentError as exc:
                raise UserError(
                    f"the content pack is broken ({len(exc.problems)} problems); "
                    f"first: {exc.problems[0]} — run `ctcoach content check {self.content_dir}`"
                ) from exc
        return self._pack

    def store(self) -> Store:
        """The store, opened once per command (every use shares its parsed data)."""
        from ctcoach.store import Store

        if self.stores:
            return self.stores[0]
        store = Store(self.data_dir)
        self.stores.append(store)
        self.flush_notices()
        return store

    def flush_notices(self) -> None:
        """Tell the person what the store did on its own (a recovery, say), once."""
        for store in self.stores:
            while store.notices:
                self.say(f"ctcoach: {store.notices.pop(0)}")

    def coach(self) -> Coach:
        from ctcoach.coach import Coach

        return Coach(self.pack(), self.store(), self.today)

    def say(self, text: str) -> None:
        """A line for the person, on stderr, with control characters made visible."""
        print(for_terminal(text), file=self.stderr)

    def out(self, text: str) -> None:
        """Text on stdout; a stream that cannot take it is an :class:`OutputError`."""
        try:
            self.stdout.write(text)
            self.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(f"cannot write to standard output: {exc.strerror or exc}") from None


def isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def utf8_streams() -> None:
    """Write UTF-8 even where the terminal or a redirect says otherwise, never crash on it."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
