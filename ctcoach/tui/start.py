"""The dashboard as last drawn, kept between runs, so that a start on an unchanged store
draws it at once and reads the store after its first paint (at the store of a few
years' use, reading it and making the plan take about 90 ms before anything shows).

What is kept is exactly what the dashboard showed (and, for a start at the same terminal
size, the form it settled in there), under a key of everything it was made from: the
store file's identity (every save, by any process, replaces the file, so a new
identity), the day, and the content pack's key (its files, ctcoach's version and its
source files). Anything else — another day, a change to the store, a new ctcoach — and
the start reads the store first, as without it. Kept in the user cache folder, beside
the pack, one file per store, readable by its owner alone."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual.content import Content, Span

from ctcoach.kept import kept_file, read_kept, write_kept
from ctcoach.storefile import STORE_NAME, Signature, signature

if TYPE_CHECKING:
    from ctcoach.model import Pack

FORMAT = 1  # bump when what is kept changes shape


def _same(a: Content | None, b: Content | None) -> bool:
    """Drawn the same: text and styles (Content's own ``==`` compares the text only)."""
    if a is None or b is None:
        return a is b
    return a.plain == b.plain and a.spans == b.spans


@dataclass(frozen=True, eq=False)
class DashboardView:
    """What the dashboard shows: who, the phase, the next actions and each card's lines."""

    who: Content
    phase: Content | None
    next: Content
    cards: tuple[tuple[str, tuple[Content, ...]], ...]

    def same_as(self, other: DashboardView | None) -> bool:
        return (
            other is not None
            and _same(self.who, other.who)
            and _same(self.phase, other.phase)
            and _same(self.next, other.next)
            and len(self.cards) == len(other.cards)
            and all(
                name == other_name
                and len(lines) == len(other_lines)
                and all(map(_same, lines, other_lines))
                for (name, lines), (other_name, other_lines) in zip(
                    self.cards, other.cards, strict=True
                )
            )
        )


Run = tuple[str, tuple[tuple[int, int, str], ...]]  # a text and its styled stretches
Fit = tuple[int, int, str]  # a terminal's width and height, and the dashboard's form there


class NotPlain(ValueError):
    """A style that is not a plain style string: what holds it is not kept."""


def run_of(content: Content) -> Run:
    """``content`` as plain data (kept as such: no Textual object is kept)."""
    spans = []
    for span in content.spans:
        if not isinstance(span.style, str):
            raise NotPlain(span.style)
        spans.append((span.start, span.end, span.style))
    return (content.plain, tuple(spans))


def content_of(run: Run) -> Content:
    text, spans = run
    return Content(text, [Span(start, end, style) for start, end, style in spans])


@dataclass(frozen=True)
class Start:
    """What the first paint needs: the saved theme and what the dashboard shows."""

    theme: str | None
    who: Run
    phase: Run | None
    next: Run
    cards: tuple[tuple[str, tuple[Run, ...]], ...]
    fit: Fit | None = None  # the terminal's size and the form the dashboard settled in
    store_bytes: int = 0  # the size of the store still to read (set as it is read back)

    @classmethod
    def of(cls, theme: str | None, view: DashboardView, fit: Fit | None = None) -> Start:
        """Raises :class:`NotPlain` for a view that cannot be kept."""
        return cls(
            theme,
            run_of(view.who),
            run_of(view.phase) if view.phase is not None else None,
            run_of(view.next),
            tuple((name, tuple(map(run_of, lines))) for name, lines in view.cards),
            fit,
        )

    def dashboard(self) -> DashboardView:
        return DashboardView(
            content_of(self.who),
            content_of(self.phase) if self.phase is not None else None,
            content_of(self.next),
            tuple((name, tuple(map(content_of, lines))) for name, lines in self.cards),
        )


@dataclass(frozen=True)
class FirstRun:
    """Nothing saved yet (no store file): onboarding, which needs only the pack; the
    store is opened after the first paint, or when the profile is saved."""

    pack: Pack


class Keeper:
    """Reads and writes the kept :class:`Start` of the store in ``data_dir``."""

    def __init__(self, cache_dir: Path, content_dir: Path, data_dir: Path) -> None:
        self.cache_dir = cache_dir
        self.content_dir = content_dir
        self.store = data_dir / STORE_NAME
        self._pack_key: tuple[object, ...] | None = None
        self._written: object = None

    def key(self, found: Signature, today: str) -> tuple[object, ...]:
        from ctcoach.content.cache import cache_key
        from ctcoach.fileio import real_target

        if self._pack_key is None:
            self._pack_key = cache_key(self.content_dir)
        where = str(real_target(self.store))
        return (FORMAT, where, found, today, self._pack_key)

    def file(self) -> Path:
        from ctcoach.fileio import real_target

        return kept_file(self.cache_dir, "start", real_target(self.store))

    def read(self, today: str) -> Start | None:
        """The kept start for the store as it is now, on ``today``; ``None`` if none fits."""
        try:
            found = signature(self.store)
            if found is None:
                return None
            key = self.key(found, today)
            start = read_kept(self.file(), key, Start)
            if start is None:
                return None
            self._written = (key, start.fit)  # what the app then draws is kept already
            return replace(start, store_bytes=found[1])
        except Exception:  # an unreadable store or pack folder: the normal start says why
            return None

    def write(
        self,
        theme: str | None,
        view: DashboardView,
        found: Signature | None,
        today: str,
        fit: Fit | None = None,
    ) -> None:
        """Keep ``view``, ``theme`` and how the view was fitted, drawn from the store file
        whose identity is ``found``."""
        if found is None:
            return
        try:
            key = self.key(found, today)
            if (key, fit) != self._written:
                write_kept(self.file(), key, Start.of(theme, view, fit))
                self._written = (key, fit)
        except Exception:  # only speed depends on it
            return
