"""The full-screen coach. The App stays thin: title, styles, keys, first screen, routing."""

from __future__ import annotations

import gc
import importlib
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from ctcoach.errors import StoreError
from ctcoach.tui.base import CoachScreen, Leaving, preload_css, saving
from ctcoach.tui.confirm import ConfirmScreen
from ctcoach.tui.sections import SECTIONS, Section, load, section

if TYPE_CHECKING:  # loaded with the store: a kept start draws before either
    import datetime as dt

    from ctcoach.coach import Coach
    from ctcoach.model import Profile
    from ctcoach.plan import Plan
    from ctcoach.records import Snapshot
    from ctcoach.storefile import Signature
    from ctcoach.tui.start import DashboardView, FirstRun, Fit, Keeper, Start

ReadyKey = tuple["Signature | None", "dt.date", str, tuple[int, int]]
WATCH_SECONDS = 1.0  # how often the app looks for changes other processes saved
READING_NOTICE_BYTES = 20_000_000  # a kept start says it is reading a store this big (~0.3 s)
WARM_UP_SECONDS = 0.05  # between two steps of the warm-up, or two screens built ahead
_DONE = object()  # what next() gives for a warm-up with no steps left
QUIT_UNSAVED = "Quit without saving your changes; what was saved before is kept."


class QuitScreen(ConfirmScreen):
    """Asks before quitting with unsaved work."""


class CoachApp(App[int]):
    TITLE = "ctcoach"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("l", "quick_log", "Log"),
        Binding("question_mark", "help", "Keys"),
        Binding("f1", "help", "Keys", show=False),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        coach: Coach | Callable[[], Coach],
        cwd: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
        freeze: bool = False,
        start: Start | FirstRun | None = None,
        keeper: Keeper | None = None,
        ahead: bool = False,
    ) -> None:
        """``coach``, or what opens it, with ``start``: what to draw before the store is
        read, the dashboard kept from the last run on this store or, with no store yet,
        onboarding (:mod:`ctcoach.tui.start`); the store is opened once that is drawn.
        ``keeper`` keeps what the dashboard shows for the next start. ``ahead``: build
        screens ahead of their keys (see :meth:`build_ready`)."""
        super().__init__()
        self._coach: Coach | None = None if callable(coach) else coach
        self._open_coach = coach if callable(coach) else None
        self.start = start
        self.keeper = keeper
        self.failed: Exception | None = None  # opening the store after the first paint
        self.cwd = cwd or Path.cwd()
        self.clock = clock  # the practice timer's clock; tests pass a fake one
        # A process of its own (not a test): once warmed up, what the app loaded is moved
        # out of the garbage collector's way (gc.freeze), so that a full collection, which
        # would otherwise walk every widget, style and module (about 9 ms), does not land
        # on a key.
        self.freeze = freeze
        # The saved theme, before the styles are first read: set once the app runs, it
        # would have them all read again (about 15 ms before the first paint).
        if start is None:
            saved_theme = self.coach.snapshot().setting("theme")
        else:  # kept with the dashboard; nothing saved yet before the first run
            saved_theme = getattr(start, "theme", None)
        if isinstance(saved_theme, str) and saved_theme in self.available_themes:
            self.theme = saved_theme
        self.leaving = False  # set by exit(): keys pressed after q do nothing
        # Screens built ahead of their keys (see build_ready), each with what it was built
        # from; the first ones during the warm-up, the others once it is over.
        self.ready: dict[type[Screen[Any]], tuple[Screen[Any], ReadyKey]] = {}
        self.ahead = ahead
        self.warmed = False  # the warm-up is over
        self.readying = False  # a make_ready pass is under way
        self.used: set[type[Screen[Any]]] = set()  # built ahead, then used (build_used)

    @property
    def coach(self) -> Coach:
        """The coach, on its store; opened here on first use after a kept start."""
        if self._coach is None:
            assert self._open_coach is not None
            try:
                self._coach = self._open_coach()
            except Exception as exc:  # said by the command line once the app has closed
                self.failed = exc
                self.exit(1)
                raise
        return self._coach

    @property
    def is_open(self) -> bool:
        """Whether the store has been read (at once, unless the start was kept)."""
        return self._coach is not None

    def exit(
        self, result: int | None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        self.leaving = True
        super().exit(result, return_code, message)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return False if self.leaving else super().check_action(action, parameters)

    async def action_quit(self) -> None:
        """q and ctrl+q: quit, asking first when a screen holds unsaved or half-done work
        (a second q on that question quits)."""
        lost = self.unsaved()
        if lost is None:
            self.exit(0)
            return
        if isinstance(self.screen, QuitScreen):
            self.exit(0, message=QUIT_UNSAVED)
            return
        self.push_screen(
            QuitScreen(f"Quit ctcoach? {lost}", yes="Quit", no="Keep going"),
            lambda ok: self.exit(0, message=QUIT_UNSAVED) if ok else None,
        )

    def unsaved(self) -> str | None:
        """What quitting now would lose, from the top screen down."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, Leaving) and (lost := screen.unsaved()):
                return lost
        return None

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self.save_theme)
        self.screen_change_signal.subscribe(self, self.screen_changed)
        self.set_interval(WATCH_SECONDS, self.check_store)
        # The first screen is pushed once the app has started, not while it starts: Textual
        # drops the frames drawn during its start, and a screen pushed then is first seen
        # a frame (~20 ms) after it was ready.
        self.call_next(self.show_first)

    def show_first(self) -> None:
        # Each first screen is imported only when shown: a start pays for one of them.
        from ctcoach.tui.start import FirstRun, Start

        if isinstance(self.start, Start):
            from ctcoach.tui.screens.dashboard import DashboardScreen

            self.push_screen(DashboardScreen(self.start.dashboard(), self.start.fit))
            if self.start.store_bytes >= READING_NOTICE_BYTES:
                self.sub_title = "reading your data…"  # keys wait until it is read
            self.call_after_refresh(self.opened)  # the store is read once that shows
        elif isinstance(self.start, FirstRun):
            from ctcoach.tui.screens.onboarding import OnboardingScreen

            self.push_screen(OnboardingScreen(self.start.pack, None, ""), self.onboarded)
        else:
            self.show_profile()
        # After the first screen is drawn: the warm-up never delays the first paint.
        steps = self.warm_up_steps()
        self.call_after_refresh(self.set_timer, WARM_UP_SECONDS, partial(self.warm_up, steps))

    def show_profile(self) -> None:
        """The dashboard, or onboarding when there is no profile (or it no longer fits)."""
        from ctcoach.coach import ProfileMismatch

        self.show_notices()
        try:
            profile = self.coach.profile()
            notice = ""
        except ProfileMismatch as exc:
            profile = None
            notice = (
                f"{str(exc).capitalize()}. Please answer again; nothing changes until you save."
            )
        if profile is None:
            from ctcoach.tui.screens.onboarding import OnboardingScreen

            self.push_screen(OnboardingScreen(self.coach.pack, None, notice), self.onboarded)
        else:
            from ctcoach.tui.screens.dashboard import DashboardScreen

            self.push_screen(DashboardScreen())
            self.call_after_refresh(self.offer_next_stage)

    def opened(self) -> None:
        """After a kept start's first paint: read the store, and show what it holds now."""
        try:
            coach = self.coach
        except Exception:  # self.failed: the command line says why
            return
        finally:
            self.sub_title = ""
        if coach.profile_or_none() is None:  # the kept dashboard no longer fits
            self.pop_screen()
            self.show_profile()
            return
        self.show_notices()
        self.refresh_screen()
        self.offer_next_stage()

    def keep_start(
        self, view: DashboardView, snap: Snapshot, today: dt.date, fit: Fit | None = None
    ) -> None:
        """Keep what the dashboard now shows of ``snap`` (and how it fitted the terminal),
        for the next start on this store."""
        coach = self.coach
        if self.keeper is None or coach.snapshot() is not snap:
            return
        theme = snap.setting("theme")
        theme = theme if isinstance(theme, str) else None
        # Written once it shows: a start that reads the store first is not delayed by it.
        found, day = coach.store.signature, today.isoformat()
        self.call_after_refresh(partial(self.keeper.write, theme, view, found, day, fit))

    def warm_up(self, steps: Iterator[object]) -> None:
        """Run the warm-up (:meth:`warm_up_steps`) a step per tick, while the person reads
        the first screen: a key pressed meanwhile waits for one step at most. Then collect
        and freeze what it loaded (see ``freeze``)."""
        if self.leaving:
            return
        # A screen used meanwhile is built again first: its key is likely pressed again.
        if self.build_used() or next(steps, _DONE) is not _DONE:
            self.set_timer(WARM_UP_SECONDS, partial(self.warm_up, steps))
            return
        self.warmed = True
        self.make_ready()  # any the person's keys kept it from building
        if self.freeze:
            self.freeze_loaded()

    def warm_up_steps(self) -> Iterator[object]:
        """What the first key to open a screen would otherwise wait for, the sections
        built ahead (``ready``) first: import each section's screen (about 33 ms for all,
        13 for the pitch builder's), parse its widgets' styles (2–4 ms each), let a module
        that defines ``warm_up(coach, width)`` prepare its data for a screen ``width``
        wide (the lines of a long plan), a step at a time, and build the screen itself
        where the section is ``ready`` (see :meth:`build_ready`)."""
        others = [s for s in SECTIONS if not s.ready and s.id != "dashboard"]
        for entry in [*(s for s in SECTIONS if s.ready), *others]:
            module = importlib.import_module(entry.screen.partition(":")[0])
            preload_css(self, module)
            yield None
            prepare: Callable[[Coach, int], Iterable[object]] | None = getattr(
                module, "warm_up", None
            )
            if prepare is not None:
                yield from prepare(self.coach, self.size.width)
            for screen in entry.built_ahead:
                if self.build_ready(entry, screen, anywhere=True):
                    yield None
        importlib.import_module("ctcoach.tui.screens.dialogs")  # help and export

    def build_used(self) -> bool:
        """Build again one screen that was built ahead and has been used since, if the
        dashboard shows; True when one was built."""
        for entry in SECTIONS:
            for screen_name in entry.built_ahead:
                kind = load(screen_name)
                used = kind in self.used and kind not in self.ready
                if used and self.build_ready(entry, screen_name):
                    self.used.discard(kind)
                    return True
        return False

    def make_ready(self, todo: list[tuple[Section, str]] | None = None) -> None:
        """Build again, one per tick, the screens built ahead that have been used or are
        out of date, once the dashboard shows again (see :meth:`build_ready`)."""
        if todo is None:
            if self.readying:
                return
            todo = [(entry, screen) for entry in SECTIONS for screen in entry.built_ahead]
        if not todo or self.leaving:
            self.readying = False
            return
        self.readying = True
        go_on = partial(self.make_ready, todo[1:])
        if self.build_ready(*todo[0]):
            self.set_timer(WARM_UP_SECONDS, go_on)
        else:
            self.call_later(go_on)

    def build_ready(self, entry: Section, screen_name: str, anywhere: bool = False) -> bool:
        """Build the screen ``screen_name`` of ``entry`` ahead of its key, unless one is
        built already from the data as it is, or the dashboard is not showing (with
        ``anywhere``, as the warm-up builds them: unless one is open); True when one was
        built. Pushing a
        screen that is built already takes the time to lay it out and draw it, about 40%
        less than building it too (p: 29 → 16 ms, i: 31 → 18 ms). One built from data
        that has changed since is not used (see :meth:`take_ready`)."""
        if not self.ahead:
            return False
        kind = load(screen_name)
        if anywhere:
            if any(isinstance(screen, kind) for screen in self.screen_stack):
                return False
        elif not self.on_dashboard():
            return False
        if not self.opens(entry, quiet=True):
            return False
        key, found = self.ready_key(), self.ready.pop(kind, None)
        if found is not None:
            if found[1] == key:
                self.ready[kind] = found
                return False
            found[0].remove()  # built from data that has changed since: built again
        screen = kind()
        # What push_screen does with a new screen (App._get_screen): start it, which
        # composes and mounts it, here without showing it.
        self._register(self, screen)
        self.ready[kind] = (screen, key)
        return True

    def ready_key(self) -> ReadyKey:
        """What a screen built ahead shows depends on: the store file, the day, the theme
        and the terminal's size."""
        coach = self.coach
        coach.snapshot()  # the newest: a save by another process is seen here
        return (
            coach.store.signature,
            coach.today(),
            self.theme,
            (self.size.width, self.size.height),
        )

    def take_ready(self, kind: type[Screen[Any]]) -> Screen[Any]:
        """The screen ``kind`` built ahead, if it shows what a new one would; else a new one."""
        found = self.ready.pop(kind, None)
        if found is not None:
            self.used.add(kind)
            screen, key = found
            if key == self.ready_key() and screen.is_running:
                return screen
            screen.remove()
        return kind()

    def on_dashboard(self) -> bool:
        from ctcoach.tui.screens.dashboard import DashboardScreen

        stack = self.screen_stack  # empty as the app closes
        return bool(stack) and isinstance(stack[-1], DashboardScreen)

    def screen_changed(self, screen: Screen[Any]) -> None:
        self.build_again()

    def build_again(self) -> None:
        """On the dashboard: build again the screens used or out of date since (during
        the warm-up, it builds those used first: see :meth:`warm_up`)."""
        if self.warmed and not self.readying and self.on_dashboard():
            self.set_timer(WARM_UP_SECONDS, self.make_ready)

    def freeze_loaded(self) -> None:
        """After the warm-up: collect once, freeze what is left (see ``freeze``), and let
        the collector run again (a command's start runs without it: ``ctcoach.cli``)."""
        gc.collect()
        gc.freeze()
        gc.enable()

    def offer_next_stage(self) -> None:
        """Once a new training year has begun, ask whether to move to the next stage."""
        coach = self.coach
        if coach.stage_confirmed() is None:  # from before the coach kept track: start now
            with saving(self.screen):
                coach.confirm_stage()
            self.refresh_screen()  # what it shows now comes from the file just saved
            return
        stage, profile = coach.stage_offer(), coach.profile_or_none()
        if stage is None or profile is None:
            return
        label = coach.pack.question("stage").choice_label
        question = (
            f"A new training year has begun. Move your plan from {label(profile.stage)} "
            f"to {label(stage)}? (You can change it any time in your profile.)"
        )

        def answered(move: bool | None) -> None:
            with saving(self.screen):
                coach.confirm_stage(stage if move else None)
                if move:
                    self.notify(f"Your plan now follows {label(stage)}.", markup=False)
            self.refresh_screen()

        self.push_screen(
            ConfirmScreen(question, yes=f"Move to {label(stage)}", no="Not now", yes_no=True),
            answered,
        )

    def save_theme(self, theme: object) -> None:
        with saving(self.screen):
            self.coach.store.set_setting("theme", getattr(theme, "name", str(theme)))
        self.refresh_screen()  # the dashboard kept for the next start has the theme, too

    def refresh_screen(self) -> None:
        """Have the screen show the store's newest data (see CoachScreen.refresh_data)."""
        if isinstance(self.screen, CoachScreen):
            self.screen.refresh_data()

    def show_notices(self) -> None:
        store = self.coach.store
        while store.notices:
            self.notify(store.notices.pop(0), title="Your data", severity="warning", markup=False)

    def check_store(self) -> None:
        """Show what another ctcoach (a second window, `ctcoach onboard`) just saved."""
        if not self.is_open:
            return  # a kept start, not opened yet: opening reads the newest
        try:
            changed = self.coach.store.refresh()
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.show_notices()
        if changed:
            self.refresh_screen()
            self.build_again()

    def onboarded(self, profile: Profile | None) -> None:
        from ctcoach.tui.screens.dashboard import DashboardScreen
        from ctcoach.tui.screens.onboarding import OnboardingScreen

        if profile is None:
            self.exit(0)
            return
        try:
            self.coach.save_profile(profile)
        except StoreError as exc:
            self.notify(f"Not saved: {exc}", severity="error", markup=False)
            self.push_screen(OnboardingScreen(self.coach.pack, profile), self.onboarded)
            return
        self.push_screen(DashboardScreen())
        self.notify("Profile saved. Here is your plan.", markup=False)

    def plan(self) -> Plan | None:
        return self.coach.plan_or_none()

    def has_profile(self, quiet: bool = False) -> bool:
        if self.coach.profile_or_none() is None:
            if not quiet:
                self.notify("Finish setting up your profile first.", severity="warning")
            return False
        return True

    def opens(self, entry: Section, quiet: bool = False) -> bool:
        """Whether the section can open now: a profile, and the content it needs."""
        if not self.has_profile(quiet):
            return False
        if entry.needs and getattr(self.coach.pack, entry.needs) is None:
            if not quiet:
                self.notify(f"This content pack has no {entry.title.lower()}.", severity="warning")
            return False
        return True

    def action_open(self, name: str) -> None:
        entry = section(name)
        screen_type = entry.load()
        if isinstance(self.screen, screen_type) or not self.opens(entry):
            return
        if entry.id == "dashboard":
            while len(self.screen_stack) > 2:
                self.pop_screen()
            return
        self.push_screen(self.take_ready(screen_type) if entry.ready else screen_type())

    def action_quick_log(self) -> None:
        """Log an interaction from anywhere: who, what kind, what."""
        from ctcoach.tui.screens.log_dialogs import QuickLogDialog

        if self.coach.pack.log is None or not self.has_profile():
            return

        def logged(message: str | None) -> None:
            if message:
                self.notify(message, markup=False)
                self.refresh_screen()

        self.push_screen(QuickLogDialog(), logged)

    def action_go_back(self) -> None:
        if len(self.screen_stack) > 2:
            self.pop_screen()

    def action_help(self) -> None:
        from ctcoach.tui.screens.dialogs import HelpScreen  # here: not on the first paint's path

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpScreen(self.screen))

    def action_export(self) -> None:
        text = self.coach.markdown() if self.has_profile() else None
        if text is None:
            return

        def exported(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Plan exported to {path}", title="Export", markup=False)

        from ctcoach.tui.screens.dialogs import ExportScreen

        self.push_screen(ExportScreen(text, self.cwd), exported)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for entry in SECTIONS:
            yield SystemCommand(entry.title, entry.help, partial(self.action_open, entry.id))
        yield SystemCommand("Export plan", "Write your plan as Markdown", self.action_export)
        yield SystemCommand(
            "Log an interaction", "Who, what kind, what: three fields", self.action_quick_log
        )
