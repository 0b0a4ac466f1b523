"""A start on an unchanged store draws the dashboard kept from the last run, then reads
the store; any change (another process's save, another day) means a start as usual."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import pytest

import ctcoach.cli.profile_commands
from ctcoach.cli import run
from ctcoach.cli.base import Context
from ctcoach.coach import Coach
from ctcoach.errors import StoreError
from ctcoach.mentors import Mentor
from ctcoach.model import Pack
from ctcoach.store import Store
from ctcoach.tui.app import READING_NOTICE_BYTES, CoachApp
from ctcoach.tui.screens.dashboard import FORMS, DashboardScreen
from ctcoach.tui.screens.onboarding import OnboardingScreen
from ctcoach.tui.start import FirstRun, Keeper, Start
from ctcoach.tui.widgets.titlebar import TitleBar

from ..helpers import CONTENT, TODAY, answers, make_profile
from .helpers import screen_text, until

PROFILE = {"stage": "ms3", "home_ct_program": True}


@pytest.fixture
def keeper(tmp_path: Path, data_dir: Path) -> Keeper:
    return Keeper(tmp_path / "cache", CONTENT, data_dir)


def coach_on(pack: Pack, data_dir: Path, today: dt.date = TODAY) -> Coach:
    return Coach(pack, Store(data_dir), lambda: today)


def run_headless(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """`ctcoach` (the app command) runs its app in a test instead of a terminal; the list
    says, for each start, whether it was drawn from a kept dashboard."""
    starts: list[bool] = []

    def run(app: CoachApp) -> None:
        starts.append(app.start is not None)

        async def drive() -> None:
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()

        asyncio.run(drive())

    monkeypatch.setattr(ctcoach.cli.profile_commands, "isatty", lambda _stream: True)
    monkeypatch.setattr(CoachApp, "run", run)
    return starts


def kept(keeper: Keeper) -> Start | None:
    """What the next run would find kept (read as a new process would)."""
    return Keeper(keeper.cache_dir, CONTENT, keeper.store.parent).read(TODAY.isoformat())


async def first_run(pack: Pack, data_dir: Path, keeper: Keeper) -> str:
    """Onboarded, then a run of the app that draws the dashboard (and keeps it)."""
    coach = coach_on(pack, data_dir)
    coach.store.save_profile(answers(pack, **PROFILE))
    app = CoachApp(coach, keeper=keeper)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: kept(keeper) is not None, "the dashboard was kept")
        return screen_text(app)


async def test_an_unchanged_store_is_drawn_before_it_is_read(pack, data_dir, keeper):
    drawn = await first_run(pack, data_dir, keeper)
    keeper = Keeper(keeper.cache_dir, CONTENT, data_dir)  # the next run's, as a new process
    start = keeper.read(TODAY.isoformat())
    assert start is not None
    kept = keeper.file().stat()
    seen: list[str] = []

    def open_coach() -> Coach:
        seen.append(screen_text(app))  # what shows when the store is first read
        return coach_on(pack, data_dir)

    app = CoachApp(open_coach, start=start, keeper=keeper)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert len(seen) == 1
        assert "Alex Rivera · MS3" in seen[0] and "Next actions" in seen[0]
        assert screen_text(app) == drawn
        await pilot.press("p")  # and the app works on the store it then read
        assert "active at once" in screen_text(app)
    again = keeper.file().stat()  # what it drew once read is what was kept: not written again
    assert (again.st_ino, again.st_mtime_ns) == (kept.st_ino, kept.st_mtime_ns)


async def test_at_the_same_size_a_kept_start_begins_in_the_form_the_dashboard_settled_in(
    pack, data_dir, keeper, monkeypatch
):
    """No roomier frame first: at 80×24 this dashboard settles with one line per card,
    and the next start there draws that form from its first frame."""
    await first_run(pack, data_dir, keeper)
    start = keeper.read(TODAY.isoformat())
    assert start is not None and start.fit == (80, 24, "dense")
    forms: list[str] = []
    apply_form = DashboardScreen.apply_form

    def recorded(screen: DashboardScreen) -> None:
        forms.append(FORMS[screen.form])
        apply_form(screen)

    monkeypatch.setattr(DashboardScreen, "apply_form", recorded)
    for size, first in (((80, 24), "dense"), ((100, 30), "wide")):  # another size: as usual
        forms.clear()
        app = CoachApp(lambda: coach_on(pack, data_dir), start=start)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            assert forms[0] == first and app.screen.has_class(f"-{forms[-1]}")


async def test_a_big_store_is_read_under_a_title_that_says_so(pack, data_dir, keeper):
    await first_run(pack, data_dir, keeper)
    start = keeper.read(TODAY.isoformat())
    assert start is not None and 0 < start.store_bytes < READING_NOTICE_BYTES
    titles: list[str] = []

    def open_coach() -> Coach:
        titles.append(str(app.screen.query_one(TitleBar).render()))
        return coach_on(pack, data_dir)

    for size in (start.store_bytes, READING_NOTICE_BYTES):
        app = CoachApp(open_coach, start=replace(start, store_bytes=size))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert "reading" not in str(app.screen.query_one(TitleBar).render())
    assert "reading" not in titles[0]
    assert "ctcoach — reading your data…" in titles[1]


async def test_a_save_by_another_process_or_another_day_reads_the_store_first(
    pack, data_dir, keeper
):
    await first_run(pack, data_dir, keeper)
    assert keeper.read((TODAY + dt.timedelta(days=1)).isoformat()) is None
    assert keeper.read(TODAY.isoformat()) is not None
    Store(data_dir).save_mentor(Mentor(0, "Dr. Elsewhere", ("career",)))  # `ctcoach mentor add`
    assert keeper.read(TODAY.isoformat()) is None


async def test_a_change_between_the_kept_paint_and_the_read_shows_once_read(pack, data_dir, keeper):
    await first_run(pack, data_dir, keeper)
    start = keeper.read(TODAY.isoformat())
    assert start is not None
    Store(data_dir).save_profile(answers(pack, name="Jordan Lee", **PROFILE))
    app = CoachApp(lambda: coach_on(pack, data_dir), start=start, keeper=keeper)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "Jordan Lee · MS3" in screen_text(app), "the change shown")

        def kept_again() -> bool:  # what it drew then is kept in turn
            again = kept(keeper)
            return again is not None and again.who[0].startswith("Jordan Lee")

        await until(pilot, kept_again, "the changed dashboard was kept")


async def test_the_kept_theme_is_set_before_the_first_paint(pack, data_dir, keeper):
    await first_run(pack, data_dir, keeper)
    Store(data_dir).set_setting("theme", "textual-light")
    app = CoachApp(coach_on(pack, data_dir), keeper=keeper)  # a start as usual keeps it
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    start = keeper.read(TODAY.isoformat())
    assert start is not None and start.theme == "textual-light"
    themes: list[str] = []

    def open_coach() -> Coach:
        themes.append(app.theme)
        return coach_on(pack, data_dir)

    app = CoachApp(open_coach, start=start)
    assert app.theme == "textual-light"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert themes == ["textual-light"]


async def test_a_kept_dashboard_whose_profile_is_gone_gives_onboarding(
    pack, data_dir, keeper, tmp_path
):
    await first_run(pack, data_dir, keeper)
    start = keeper.read(TODAY.isoformat())
    assert start is not None
    app = CoachApp(lambda: coach_on(pack, tmp_path / "empty"), start=start)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        assert not any(isinstance(s, DashboardScreen) for s in app.screen_stack)


async def test_with_nothing_saved_yet_onboarding_shows_before_the_store_is_opened(pack, data_dir):
    opened_after: list[bool] = []  # for each opening: had onboarding been put up by then?
    saving: list[bool] = []

    def open_coach() -> Coach:
        shown = any(isinstance(s, OnboardingScreen) for s in app.screen_stack)
        opened_after.append(shown or bool(saving))
        return coach_on(pack, data_dir)

    app = CoachApp(open_coach, start=FirstRun(pack))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        assert "Question 1 of" in screen_text(app)
        saving.append(True)
        app.screen.dismiss(make_profile(pack, name="Sam Lee", stage="ms3"))  # as Save does
        await pilot.pause()
        assert opened_after == [True]  # once, and never before onboarding was up
        assert isinstance(app.screen, DashboardScreen)
        assert "Sam Lee · MS3" in screen_text(app)
    assert Store(data_dir).snapshot().profile["name"] == "Sam Lee"


async def test_the_kept_dashboard_is_readable_by_its_owner_alone(pack, data_dir, tmp_path):
    shared = tmp_path / "shared-cache"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)  # a cache folder others can list, given with CTCOACH_CACHE_DIR
    keeper = Keeper(shared, CONTENT, data_dir)
    await first_run(pack, data_dir, keeper)
    assert keeper.read(TODAY.isoformat()) is not None
    assert oct(keeper.file().stat().st_mode & 0o777) == "0o600"


async def test_a_damaged_kept_file_means_a_start_as_usual(pack, data_dir, keeper):
    await first_run(pack, data_dir, keeper)
    keeper.file().write_bytes(b"\x80\x05 not a pickle")
    assert keeper.read(TODAY.isoformat()) is None
    await first_run(pack, data_dir, keeper)  # and the next run keeps a good one again
    assert keeper.read(TODAY.isoformat()) is not None


def test_the_command_starts_from_the_kept_dashboard_and_says_why_a_late_read_failed(
    pack, tmp_path, monkeypatch
):
    """`ctcoach` twice: the second start is drawn from what the first kept; when reading
    the store after that first paint fails, the app closes and says why in one line."""
    data, cache = tmp_path / "data", tmp_path / "cache"
    Store(data).save_profile(answers(pack, **PROFILE))
    environ = {"CTCOACH_DATA_DIR": str(data), "CTCOACH_CACHE_DIR": str(cache)}
    starts = run_headless(monkeypatch)

    def ctcoach_app() -> tuple[int, str]:
        err = io.StringIO()
        code = run([], environ=environ, stdin=io.StringIO(), stdout=io.StringIO(), stderr=err)
        return code, err.getvalue()

    assert ctcoach_app() == (0, "")
    assert ctcoach_app() == (0, "")
    assert starts == [False, True]

    def unreadable(self: Context, say_notices: bool = True) -> Store:
        raise StoreError(f"cannot read {data / 'ctcoach.json'}: Input/output error")

    monkeypatch.setattr(Context, "store", unreadable)
    code, err = ctcoach_app()
    assert starts == [False, True, True]
    assert code == 2
    assert err == f"ctcoach: cannot read {data / 'ctcoach.json'}: Input/output error\n"


def test_a_store_set_aside_as_the_app_starts_is_told_in_the_app(pack, tmp_path, monkeypatch):
    """A damaged store is moved aside as the app starts: the app says so where it is
    seen, not on the terminal it then covers."""
    data = tmp_path / "data"
    Store(data).save_profile(answers(pack, **PROFILE))
    (data / "ctcoach.json").write_text("{damaged", encoding="utf-8")
    told: list[str] = []
    notify = CoachApp.notify

    def record(app: CoachApp, message: str, **kwargs: object) -> None:
        told.append(message)
        notify(app, message, **kwargs)  # type: ignore[arg-type]

    run_headless(monkeypatch)
    monkeypatch.setattr(CoachApp, "notify", record)
    err = io.StringIO()
    environ = {"CTCOACH_DATA_DIR": str(data), "CTCOACH_CACHE_DIR": str(tmp_path / "cache")}
    code = run([], environ=environ, stdin=io.StringIO(), stdout=io.StringIO(), stderr=err)
    assert code == 0 and err.getvalue() == ""
    assert any("ctcoach.json could not be read" in m and "moved it to" in m for m in told)
