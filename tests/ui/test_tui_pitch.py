"""Pilot tests: the pitch builder, versions and practice timing (on the fixture pack)."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, TextArea

from ctcoach.tui.screens.dashboard import DashboardScreen
from ctcoach.tui.screens.pitch import PitchScreen, PracticeScreen, RateScreen, VersionsScreen
from ctcoach.tui.widgets.card import Card

from .helpers import FakeClock, screen_text

BASIC = {"name": "Alex Rivera", "stage": "early", "weekly_hours": 5}
PARTS = {
    "who": "a second-year medical student at State University",
    "interests": "adult cardiac surgery, especially outcomes after valve repair",
    "ask": "advice on finding a research mentor in cardiac surgery",
}
EXPERIENCES = "a retrospective study of post-op atrial fibrillation\na summer in the cardiac ICU"


@pytest.fixture
def pack(fixture_pack):
    """The apps here run on the fixture pack (make_app uses this fixture)."""
    return fixture_pack


async def fill(pilot, parts=PARTS, experiences=EXPERIENCES):
    screen = pilot.app.screen
    for part, text in parts.items():
        screen.query_one(f"#part-{part}", Input).value = text
    screen.query_one("#part-experiences", TextArea).text = experiences
    await pilot.pause()


async def test_typing_updates_the_preview_live(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("i")
        assert isinstance(app.screen, PitchScreen)
        assert "0 words" in screen_text(app) and "4 to fix" in screen_text(app)
        await pilot.press(*"an MS2")  # typed into "Who you are"
        await pilot.pause()
        text = screen_text(app)
        assert "I'm an MS2." in text and "3 words" in text and "3 to fix" in text
        await fill(pilot)
        text = screen_text(app)
        assert "✓ ready" in text and "✓ Every check passes." in text
        assert "Hi, I'm Alex Rivera, a second-year medical student" in text
        app.screen.query_one("#part-ask", Input).value = "really anything"
        await pilot.pause()
        assert "Ask: cut filler or vague words (really)" in screen_text(app)


async def test_save_versions_and_make_one_current(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("i")
        await pilot.press("ctrl+s")  # nothing written yet
        assert app.coach.pitch_versions() == []
        await fill(pilot)
        await pilot.press("ctrl+s")
        app.screen.query_one("#part-who", Input).value = "an MS2 at Metro"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.press("ctrl+s")  # unchanged since: no copy
        versions = app.coach.pitch_versions()
        assert len(versions) == 2 and app.coach.current_pitch()[1].who == "an MS2 at Metro"
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, VersionsScreen)
        assert "✓ current" in screen_text(app)
        view = app.screen.query_one(OptionList)
        view.highlighted = 1  # the older version (newest is listed first)
        await pilot.pause()
        assert "✓ current" not in screen_text(app) and "✓ ready" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PitchScreen)
        assert app.screen.query_one("#part-who", Input).value == PARTS["who"]
        assert app.coach.current_pitch()[0] == versions[0].id
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
        assert "✓ ready" in str(app.screen.query_one("#card-pitch", Card).render())


async def test_practice_timer_records_time_and_rate(make_app):
    clock = FakeClock()
    app = make_app(BASIC, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await pilot.press("ctrl+t")  # no saved pitch yet
        assert isinstance(app.screen, PitchScreen)
        await fill(pilot)
        await pilot.press("ctrl+s", "ctrl+t")
        assert isinstance(app.screen, PracticeScreen)
        assert "I'm a second-year medical student" in screen_text(app)
        await pilot.press("space")
        clock.now += 24.0
        await pilot.press("space")
        text = screen_text(app)
        words = app.coach.pitch_report().words
        assert "24.0 s: inside the band" in text
        assert f"Your speaking rate is {words * 60 / 24:.0f} words a minute" in text
        practice = app.coach.practices()[-1]
        assert (practice.seconds, practice.words) == (24.0, words)
        # An accidental two-second run is stored but does not change the rate.
        await pilot.press("space")
        clock.now += 2.5
        await pilot.press("space")
        assert "not a full run-through" in screen_text(app)
        assert app.coach.pitch_report().wpm == words * 60 / 24
        await pilot.press("escape")
        assert f"at {words * 60 / 24:.0f} wpm (your measured rate)" in screen_text(app)


async def test_speaking_rate_setting(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i", "ctrl+r")
        assert isinstance(app.screen, RateScreen)
        await pilot.press("ctrl+u", *"500", "enter")
        assert "speaking rate: '500' is not a number from 60 to 300" in screen_text(app)
        await pilot.press("ctrl+u", *"125", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PitchScreen)
        assert app.coach.wpm_setting() == 125
        assert "at 125 wpm" in screen_text(app)


async def test_the_builder_opens_at_its_top_with_the_first_field_focused(make_app):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await fill(pilot)
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause(0.3)  # long enough for any scroll to have run
        screen = app.screen
        assert isinstance(screen, PitchScreen)
        assert screen.focused is screen.query_one("#part-who", Input)
        assert screen.query_one("#pitch-body").scroll_y == 0  # "Who you are" stays in view


async def test_making_a_version_current_asks_before_replacing_unsaved_changes(make_app):
    from ctcoach.tui.confirm import ConfirmScreen

    app = make_app(BASIC)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("i")
        await fill(pilot)
        await pilot.press("ctrl+s")
        app.screen.query_one("#part-who", Input).value = "an MS2 at Metro"
        await pilot.press("ctrl+s")
        versions = app.coach.pitch_versions()
        app.screen.query_one("#part-who", Input).value = "an MS2 at Metro, unsaved"
        await pilot.pause()
        for answer, who, current in (
            ("escape", "an MS2 at Metro, unsaved", versions[1].id),  # kept
            ("r", PARTS["who"], versions[0].id),  # "Replace my changes"
        ):
            await pilot.press("ctrl+o")
            app.screen.query_one(OptionList).highlighted = 1  # the older version
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            assert "not saved" in screen_text(app)
            await pilot.press(answer)
            await pilot.pause()
            assert isinstance(app.screen, PitchScreen)
            assert app.screen.query_one("#part-who", Input).value == who
            assert app.coach.current_pitch()[0] == current


@pytest.mark.parametrize(("columns", "under"), [(100, False), (40, False), (22, True)])
async def test_the_time_band_fits_the_builder_at_any_width(make_app, columns, under):
    """The ruler keeps its 40 cells where they fit, shrinks where they do not, and puts its
    label under itself where even a short ruler leaves no room beside it."""
    from textual.geometry import Region

    from ctcoach.tui.screens.pitch_practice import BAND_WIDTH, Band

    app = make_app(BASIC)
    async with app.run_test(size=(columns, 30)) as pilot:
        await pilot.press("i")
        await fill(pilot)
        band = app.screen.query_one("#pitch-band", Band)
        width = band.size.width
        lines = [s.text.rstrip() for s in band.render_lines(Region(0, 0, width, band.size.height))]
        ruler = lines[0].split("  ")[0]
        assert set(ruler) <= set("●─┃━") and ruler.count("●") == 1
        assert ruler.count("┃") in (1, 2)  # both marks, unless the time sits on one
        assert len(ruler) == (BAND_WIDTH if columns == 100 else len(ruler)) <= width
        assert len(ruler) < BAND_WIDTH or columns == 100
        assert lines[-1].endswith("20–30 s") and len(lines) == (2 if under else 1)
        assert all(len(line) <= width for line in lines)


async def test_the_preview_under_the_form_is_mounted_once_the_form_is_laid_out(
    make_app, monkeypatch
):
    """The form is drawn first; the preview below it follows, drawn in full."""
    from ctcoach.tui.screens.pitch import PREVIEW

    seen: list[tuple[bool, bool]] = []
    real = PitchScreen.mount_preview

    async def mount_preview(self):
        laid_out = self.query_one("#part-who", Input).region.area > 0
        seen.append((laid_out, bool(self.query(f"#{PREVIEW[0]}"))))
        await real(self)

    monkeypatch.setattr(PitchScreen, "mount_preview", mount_preview)
    app = make_app(BASIC)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        assert seen == [(True, False)]  # after the form's layout, before any preview
        text = screen_text(app)
        assert "Your pitch" in text and "Checks" in text and "Variants" in text
        assert "Fill in the parts above." in text


async def test_the_preview_follows_each_change_at_once_not_a_frame_later(make_app):
    """The summary above the form changes in the same step as the text, for the one-line
    fields and the part of several lines alike: no message, no frame in between."""
    from textual.widgets import Static

    app = make_app(BASIC)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        summary = screen.query_one("#pitch-summary", Static)
        assert "0 words" in str(summary.render())
        screen.query_one("#part-who", Input).insert_text_at_cursor("an MS2")
        assert "3 words" in str(summary.render())  # before anything else has run
        before = str(summary.render())
        screen.query_one("#part-experiences", TextArea).insert("a summer in the ICU")
        assert str(summary.render()) != before and "words" in before
        await pilot.pause()
        assert "I'm an MS2." in screen_text(app)
