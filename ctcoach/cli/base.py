"""What every command shares: exit codes, the error type, the resolved context."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from msgspec import Struct, field

from ctcoach.text import for_terminal

if TYPE_CHECKING:
    from ctcoach.coach import Coach
    from ctcoach.model import Pack
    from ctcoach.store import Store

OK, FAILED, USAGE, INTERRUPTED = 0, 1, 2, 130
CACHE_VAR = "CTCOACH_CACHE_DIR"
NO_CHANGES = "no changes were made"


class UserError(Exception):
    """Bad input: printed as ``ctcoach: <message>`` and exit 2."""


class OutputError(Exception):
    """Standard output could not take the text (a full disk, say): exit 1."""


class Context(Struct):
    """What every command needs, resolved once from arguments and environment."""

    content_dir: Path
    data_dir: Path
    stdin: TextIO
    stdout: TextIO
    stderr: TextIO
    today: Callable[[], dt.date] = dt.date.today
    stores: list[Store] = field(default_factory=list)
    cache_dir: Path | None = None  # where the validated pack is kept; None: not kept
    # A process of its own (not a test calling run()): once the store is read, what is
    # loaded is moved out of the garbage collector's way (gc.freeze). At 1x a full
    # collection would otherwise walk the whole store: about 50 ms, at any key.
    freeze_loaded: bool = False
    _pack: Pack | None = None

    def pack(self) -> Pack:
        from ctcoach.content.cache import load_pack_cached
        from ctcoach.content.node import ContentError

        if self._pack is None:
            try:
                self._pack = load_pack_cached(self.content_dir, self.cache_dir)
            except ContentError as exc:
                raise UserError(
                    f"the content pack is broken ({len(exc.problems)} problems); "
                    f"first: {exc.problems[0]} — run `ctcoach content check {self.content_dir}`"
                ) from exc
        return self._pack

    def store(self, say_notices: bool = True) -> Store:
        """The store, opened once per command (every use shares its parsed data).
        ``say_notices``: say at once what the store did on its own (a full-screen app,
        already running, shows them itself)."""
        from ctcoach.store import Store

        if self.stores:
            return self.stores[0]
        store = Store(self.data_dir)
        self.stores.append(store)
        self.settled()
        if say_notices:
            self.flush_notices()
        return store

    def settled(self) -> None:
        """The start is over: in a process of its own, what is loaded so far is moved out
        of the garbage collector's way (gc.freeze), and the collector, off during the
        start (``ctcoach.cli.main``), runs again."""
        if self.freeze_loaded:
            import gc

            gc.freeze()
            gc.enable()

    def flush_notices(self) -> None:
        """Tell the person what the store did on its own (a recovery, say), once."""
        for store in self.stores:
            while store.notices:
                self.say(f"ctcoach: {store.notices.pop(0)}")

    def coach(self, say_notices: bool = True) -> Coach:
        from ctcoach.coach import Coach

        return Coach(self.pack(), self.store(say_notices), self.today)

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


def resolve_cache_dir(environ: Mapping[str, str]) -> Path | None:
    """``$CTCOACH_CACHE_DIR`` (set but empty: no cache), else the user cache folder:
    ``$XDG_CACHE_HOME/ctcoach`` or ``~/.cache/ctcoach`` (``~/Library/Caches/ctcoach`` on
    macOS, ``%LOCALAPPDATA%\\ctcoach\\Cache`` on Windows). Read from ``environ`` only: an
    environment without a home folder gets no cache."""
    if CACHE_VAR in environ:
        value = environ[CACHE_VAR].strip()
        return Path(value).expanduser() if value else None
    if sys.platform == "win32":
        local = environ.get("LOCALAPPDATA")
        return Path(local) / "ctcoach" / "Cache" if local else None
    home = environ.get("HOME")
    if sys.platform == "darwin":
        return Path(home) / "Library" / "Caches" / "ctcoach" if home else None
    xdg = environ.get("XDG_CACHE_HOME", "").strip()
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "ctcoach"
    return Path(home) / ".cache" / "ctcoach" if home else None


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
