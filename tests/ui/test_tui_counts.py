"""Operation counts per key press: what a screen computes must not grow with the store.

Counts, not timings: plans built and pitch reports, counted where the coach calls them."""

from __future__ import annotations

import importlib
from collections import Counter
from types import SimpleNamespace

import pytest
from textual.widgets import OptionList

from ctcoach import coach as coach_module
from ctcoach.pitch import make_pitch
from ctcoach.tui import app as app_module
from ctcoach.tui.screens.pitch import PitchScreen, VersionsScreen
from ctcoach.tui.screens.plan import PlanList, PlanScreen
from ctcoach.tui.sections import SECTIONS
from ctcoach.tui.widgets.footer import KeyFooter

from .helpers import screen_text, until

BASIC = {"name": "Alex Rivera", "stage": "ms2", "weekly_hours": 5}


@pytest.fixture
def counts(monkeypatch):
    """Count the plans the coach builds and the pitch reports it runs."""
    calls = Counter[str]()
    build_plan, report = coach_module.build_plan, coach_module.report

    def counted_build(*args, **kwargs):
        calls["plans"] += 1
        return build_plan(*args, **kwargs)

    def counted_report(*args, **kwargs):
        calls["reports"] += 1
        return report(*args, **kwargs)

    monkeypatch.setattr(coach_module, "build_plan", counted_build)
    monkeypatch.setattr(coach_module, "report", counted_report)
    return calls


def started(make_app, versions: int = 0):
    """An app with a profile whose stage is confirmed (so starting it writes nothing)."""
    app = make_app(BASIC)
    app.coach.confirm_stage()
    for n in range(versions):
        app.coach.save_pitch(make_pitch(f"an MS2, draft {n}", "cardiac surgery", [], "advice"))
    return app


async def test_the_dashboard_and_the_plan_share_one_plan(make_app, counts):
    app = started(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert counts["plans"] == 1  # the dashboard's, built once before the first paint
        await pilot.press("p")
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("escape", "p")
        assert isinstance(app.screen, PlanScreen)
        assert counts["plans"] == 1  # nothing changed: the same plan, shown again
        await pilot.press("space")  # a change: one new plan, for the plan and the dashboard
        await pilot.press("escape")
        await pilot.pause()
        assert counts["plans"] == 2


async def test_the_plan_is_one_widget_however_long(make_app):
    app = started(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        view = app.screen.query_one(PlanList)
        assert len(view.shown_items()) > 3
        assert not view.children  # one widget draws every line; no widget per item


async def test_the_pitch_builder_runs_one_report_per_open_and_per_key(make_app, counts):
    app = started(make_app, versions=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = counts["reports"]
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, PitchScreen)
        assert "an MS2, draft 0" in screen_text(app)
        assert counts["reports"] - before == 1  # four fields loaded, one preview
        await pilot.press("x")
        assert counts["reports"] - before == 2


async def test_the_versions_dialog_checks_only_the_chosen_version(make_app, counts):
    app = started(make_app, versions=30)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        before = counts["reports"]
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, VersionsScreen)
        assert app.screen.selected().pitch.who == "an MS2, draft 29"
        assert "✓ current" in screen_text(app)
        assert counts["reports"] - before == 1  # 30 rows, one report: the highlighted one
        await pilot.press("down")
        await pilot.pause()
        assert app.screen.selected().pitch.who == "an MS2, draft 28"
        assert "✓ current" not in screen_text(app)
        assert counts["reports"] - before == 2


async def test_the_footer_redraws_only_when_its_keys_change(make_app, monkeypatch):
    redrawn = Counter[str]()  # the keys worked out again because they changed
    real = KeyFooter.redraw_if_changed

    def counted(self):
        before = self.shown
        real(self)
        if before is not None and self.shown is None:
            redrawn[type(self.screen).__name__] += 1

    monkeypatch.setattr(KeyFooter, "redraw_if_changed", counted)
    app = started(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        first = redrawn["PlanScreen"]
        assert first <= 1  # drawn, and again at most once, when the list has the focus
        await pilot.press("down", "down")
        await pilot.pause()
        assert redrawn["PlanScreen"] == first  # the same keys: nothing to redo
        await pilot.press("slash")  # the search field: other keys
        await pilot.pause()
        assert redrawn["PlanScreen"] == first + 1
        assert "Clear search" in str(app.screen.query_one(KeyFooter).render())


async def test_a_click_on_a_key_in_the_footer_presses_it(make_app):
    app = started(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        line = footer.render().plain
        assert "? Keys" in line
        await pilot.click(KeyFooter, offset=(line.index("Keys"), 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click(KeyFooter, offset=(len(line) + 5, 0))  # past the last key: nothing
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardScreen"


async def test_the_screens_are_imported_ahead_of_use_after_the_first_paint(make_app, monkeypatch):
    imported: list[str] = []

    def import_module(name):
        imported.append(name)
        return importlib.import_module(name)

    monkeypatch.setattr(app_module, "importlib", SimpleNamespace(import_module=import_module))
    monkeypatch.setattr(app_module, "WARM_UP_SECONDS", 0.001)
    app = started(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            await pilot.pause(0.01)
            if len(imported) == len(SECTIONS):
                break
        ahead = [s.screen.partition(":")[0] for s in SECTIONS if s.ready]  # built too: first
        others = [s.screen.partition(":")[0] for s in SECTIONS if not s.ready]
        assert imported == [*ahead, *others[1:], "ctcoach.tui.screens.dialogs"]
        assert others[0] == "ctcoach.tui.screens.dashboard"  # shown first: not warmed up


async def test_many_versions_list_a_page_at_a_time(make_app, counts):
    app = started(make_app, versions=120)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, VersionsScreen)
        view = screen.query_one("#versions", OptionList)
        assert len(screen.versions) == 50 and view.option_count == 51  # and "… older"
        view.highlighted = 50
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and len(screen.versions) == 100
        assert "20 older versions: Enter lists the next 50" in str(
            view.get_option_at_index(100).prompt
        )
        view.highlighted = 99
        await pilot.press("enter")  # an actual version: it becomes current
        await pilot.pause()
        assert isinstance(app.screen, PitchScreen)
        assert "draft 20" in screen_text(app)


async def test_the_warm_up_parses_the_styles_a_screen_needs_before_it_opens(make_app, monkeypatch):
    import textual.css.stylesheet as stylesheet_module

    monkeypatch.setattr(app_module, "WARM_UP_SECONDS", 0.001)
    parsed: list[str] = []
    parse = stylesheet_module.parse

    def counting_parse(scope, css, read_from, **kw):  # type: ignore[no-untyped-def]
        parsed.append(read_from[1])
        return parse(scope, css, read_from, **kw)

    monkeypatch.setattr(stylesheet_module, "parse", counting_parse)
    app = started(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(  # the plan's list, and the pitch builder's TextArea
            pilot,
            lambda: "PlanList.DEFAULT_CSS" in parsed and "TextArea.DEFAULT_CSS" in parsed,
            "the warm-up parsed the styles of the plan and the pitch builder",
        )
        assert "PlanList.DEFAULT_CSS" in parsed  # parsed by the warm-up, on the dashboard
        assert type(app.screen).__name__ == "DashboardScreen"
        parsed.clear()
        for key in ("p", "escape", "i"):
            await pilot.press(key)
            await pilot.pause()
        assert type(app.screen).__name__ == "PitchScreen"
        assert parsed == []  # opening the plan and the pitch builder parsed no styles


@pytest.fixture
def lines_built(monkeypatch):
    """Count the plan lines built (a fresh book of lines for each test)."""
    from ctcoach.tui.screens import plan as plan_screen

    built: list[str] = []
    item_label = plan_screen.item_label

    def counted(item):  # type: ignore[no-untyped-def]
        built.append(item.title)
        return item_label(item)

    monkeypatch.setattr(plan_screen, "item_label", counted)
    monkeypatch.setattr(plan_screen, "LABELS", plan_screen.Labels())
    return built


async def test_opening_the_plan_again_builds_no_line_twice(make_app, lines_built):
    app = started(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        first = len(lines_built)
        shown = app.screen.query_one(PlanList).shown_items()
        assert first == len(shown) > 0
        await pilot.press("escape", "p")
        await pilot.pause()
        assert len(lines_built) == first  # the same lines, measured once
        item = app.screen.query_one(PlanList).selected
        assert item is not None
        await pilot.press("space")  # done: the lines of the items that changed are new
        await pilot.pause()
        rebuilt = lines_built[first:]
        assert item.title in rebuilt and len(rebuilt) < len(shown)
        view = app.screen.query_one(PlanList)
        index = next(n for n, i in enumerate(view.items) if i is not None and i.id == item.id)
        assert str(view.get_option_at_index(index).prompt).startswith(f"[x] {item.title}")


async def test_the_warm_up_builds_the_plan_lines_before_the_first_p(
    make_app, lines_built, monkeypatch
):
    monkeypatch.setattr(app_module, "WARM_UP_SECONDS", 0.001)
    app = started(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            await pilot.pause(0.01)
            if lines_built:
                break
        plan = app.coach.plan()
        assert len(lines_built) == len(plan.items) + len(plan.waiting)
        before = len(lines_built)
        await pilot.press("p")
        await pilot.pause()
        assert len(lines_built) == before
        assert isinstance(app.screen, PlanScreen)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (60, 20)])
async def test_the_warm_up_measures_the_plan_lines_as_wide_as_the_list_opens(
    make_app, monkeypatch, size
):
    """The warm-up counts each plan line's wrapped height for the width the list will
    have; opening the plan then measures none of them again."""
    from ctcoach.tui import text as text_module
    from ctcoach.tui.screens import plan as plan_screen

    wraps: list[int] = []
    divide = text_module.divide_line

    def counted(text, width, fold=True):  # type: ignore[no-untyped-def]
        wraps.append(width)
        return divide(text, width, fold=fold)

    done: list[bool] = []
    warm_up = plan_screen.warm_up

    def finished(coach, width):  # type: ignore[no-untyped-def]
        yield from warm_up(coach, width)
        done.append(True)

    monkeypatch.setattr(text_module, "divide_line", counted)
    monkeypatch.setattr(plan_screen, "warm_up", finished)
    monkeypatch.setattr(app_module, "WARM_UP_SECONDS", 0.001)
    app = started(make_app)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: bool(done), "the warm-up measured the plan")
        assert done
        assert wraps or size[0] > 60  # at 60 columns some lines of this plan wrap
        measured = len(wraps)
        await pilot.press("p")
        await pilot.pause()
        view = app.screen.query_one(PlanList)
        assert view.scrollable_content_region.width == size[0] - plan_screen.LIST_INSET
        assert len(wraps) == measured  # none measured again as the plan opened


async def test_a_screen_just_mounted_is_not_restyled_whole_when_it_first_shows(
    make_app, monkeypatch
):
    restyled: list[str] = []
    update = PitchScreen.update_node_styles

    def counted(self, animate: bool = True) -> None:  # type: ignore[no-untyped-def]
        restyled.append(type(self).__name__)
        update(self, animate)

    monkeypatch.setattr(PitchScreen, "update_node_styles", counted)
    app = started(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, PitchScreen)
        assert restyled == []  # mounting styled it; the first resume adds nothing
        assert "Who you are" in screen_text(app)


@pytest.mark.parametrize("own_process", [True, False])
async def test_a_process_of_its_own_freezes_what_the_app_loaded_after_the_warm_up(
    make_app, monkeypatch, own_process
):
    import gc

    calls: list[str] = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "collect", lambda *a: calls.append("collect") or 0)
    monkeypatch.setattr(gc, "enable", lambda: calls.append("enable"))
    monkeypatch.setattr(app_module, "WARM_UP_SECONDS", 0.001)
    app = started(make_app)
    app.freeze = own_process
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(60):
            await pilot.pause(0.01)
            if "collect" in calls:
                break
        await pilot.pause(0.05)
        # the collector, off for the start of a process of its own, runs again after it
        # (the store's own pauses switch it too: only the warm-up's last steps count)
        last = calls[calls.index("collect") :] if "collect" in calls else []
        assert last == (["collect", "freeze", "enable"] if own_process else [])


async def test_the_first_screen_draws_after_the_app_has_started(make_app, monkeypatch):
    """Textual drops what is drawn while the app starts (a batch): the first screen is
    pushed after it, so its first frame is shown, not thrown away."""
    from textual.app import App

    drawn: list[tuple[str, bool]] = []
    display = App._display

    def recording(self, screen, renderable):  # type: ignore[no-untyped-def]
        if renderable is not None:
            drawn.append((type(screen).__name__, bool(self._batch_count)))
        return display(self, screen, renderable)

    monkeypatch.setattr(App, "_display", recording)
    app = started(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = [dropped for name, dropped in drawn if name == "DashboardScreen"]
        assert first and first[0] is False


async def test_the_warm_up_builds_a_long_plan_s_lines_a_step_at_a_time(
    make_app, lines_built, monkeypatch
):
    from ctcoach.tui.screens import plan as plan_screen

    monkeypatch.setattr(plan_screen, "WARM_UP_LINES", 2)
    monkeypatch.setattr(app_module, "WARM_UP_SECONDS", 0.001)
    steps: list[int] = []
    warm_up = plan_screen.warm_up

    def counted(coach, width):  # type: ignore[no-untyped-def]
        for _ in warm_up(coach, width):
            steps.append(len(lines_built))  # lines built when the step hands back
            yield

    monkeypatch.setattr(plan_screen, "warm_up", counted)
    app = started(make_app)
    plan = app.coach.plan()
    total = len(plan.items) + len(plan.waiting)
    assert total > 4
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: len(lines_built) == total, "every plan line built")
        assert len(lines_built) == total  # each line once, in the end
        assert steps == [min(n, total) for n in range(2, total + 2, 2)]  # two per step


@pytest.fixture
def small_parts(monkeypatch):
    """A plan opens with 4 rows and gets 3 more per part (as a huge one does with more)."""
    from ctcoach.tui.screens import plan as plan_screen

    monkeypatch.setattr(plan_screen, "FIRST_ROWS", 4)
    monkeypatch.setattr(plan_screen, "MORE_ROWS", 3)


def prompts(view: PlanList) -> list[str]:
    return [str(view.get_option_at_index(n).prompt).strip() for n in range(view.option_count)]


async def test_a_long_plan_opens_with_its_first_rows_and_the_rest_follow(
    make_app, small_parts, monkeypatch
):
    opened: list[int] = []
    show = PlanList.show

    def recorded(view, rows, label=None):  # type: ignore[no-untyped-def]
        show(view, rows, label)
        opened.append(view.option_count)

    monkeypatch.setattr(PlanList, "show", recorded)
    app = started(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        view = app.screen.query_one(PlanList)
        assert len(view.rows) > 10 and opened == [4]
        assert view.option_count == len(view.rows)  # the rest followed, in order
        plan = app.coach.plan()
        titles = [line for line in prompts(view) if line.startswith("[")]
        assert len(titles) == len(plan.items) + len(plan.waiting)


async def test_keys_reach_rows_of_a_long_plan_that_have_not_arrived_yet(
    make_app, small_parts, monkeypatch
):
    """End, the arrow at the last row shown and a mark far down find their rows even when
    the rest of the list has not been added yet (a key pressed as the plan opens)."""
    monkeypatch.setattr(PlanList, "load_more", lambda view, shows: None)
    app = started(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        view = app.screen.query_one(PlanList)
        assert view.option_count == 4 < len(view.rows)
        await pilot.press("end")  # the last row, though only four have arrived
        last = view.shown_items()[-1]
        assert view.selected == last
        await pilot.press("space")  # done; the mark stays on it, at the end of the list
        assert view.selected is not None and view.selected.id == last.id
        assert view.selected.done
        assert prompts(view)[view.highlighted].startswith(f"[x] {last.title}")
        await pilot.press("escape", "p")  # open again: four rows, then the arrow goes on
        view = app.screen.query_one(PlanList)
        assert view.option_count == 4
        await pilot.press("down", "down", "down", "down", "down")
        assert view.highlighted is not None and view.highlighted >= 4
        assert view.selected is view.items[view.highlighted] is not None


async def test_a_search_typed_while_a_long_plan_arrives_shows_only_its_own_rows(
    make_app, small_parts
):
    app = started(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        view = app.screen.query_one(PlanList)
        everything = list(view.rows)
        view.show(everything)
        view.show(everything[:6])  # the parts of the first show must not follow it
        await pilot.pause()
        assert view.option_count == 6 and len(view.items) == 6
