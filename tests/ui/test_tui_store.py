"""The open app and the store: other writers show up, failed saves lose nothing."""

from __future__ import annotations

import errno

from ctcoach import store as store_module
from ctcoach.mentors import Mentor
from ctcoach.store import Store
from ctcoach.tui.screens.mentors import MentorScreen
from ctcoach.tui.screens.plan import PlanList

from ..helpers import answers
from .helpers import screen_text

BASIC = {"stage": "ms3", "home_ct_program": True}


async def test_the_open_app_shows_what_another_process_saved(make_app, data_dir):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Alex Rivera" in screen_text(app)
        other = Store(data_dir)  # a second ctcoach: `ctcoach onboard --answers`, say
        other.save_profile(
            answers(app.coach.pack, name="Jordan Lee", stage="ms3", home_ct_program=True)
        )
        app.check_store()
        await pilot.pause()
        assert "Jordan Lee" in screen_text(app)
        await pilot.press("m")
        assert isinstance(app.screen, MentorScreen)
        other.save_mentor(Mentor(0, "Dr. Added Elsewhere", ("career",)))
        app.check_store()
        await pilot.pause()
        await pilot.pause()
        assert "Dr. Added Elsewhere" in screen_text(app)


async def test_the_app_never_writes_back_a_stale_copy(make_app, data_dir):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        Store(data_dir).save_mentor(Mentor(0, "Dr. Kept", ("career",)))
        await pilot.press("p", "space")  # the app saves without having looked
    mentors = [m.name for m in Store(data_dir).snapshot().mentors]
    assert mentors == ["Dr. Kept"]
    assert len(Store(data_dir).snapshot().done) == 1


async def test_a_failed_save_is_a_message_and_keeps_the_screen(make_app, data_dir, monkeypatch):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")

        def full_disk(*_args, **_kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(store_module, "write_atomic", full_disk)
        await pilot.press("space")
        await pilot.pause()
        row = app.screen.query_one(PlanList).selected
        assert row is not None and not row.done
        messages = [n.message for n in app._notifications]
        assert any("Not saved: cannot save to" in m and "No space left" in m for m in messages)
        monkeypatch.undo()
        await pilot.press("space")  # the disk has room again: the same key works
        row = app.screen.query_one(PlanList).selected
        assert row is not None and row.done
    assert app.return_code in (None, 0)


async def test_a_recovered_store_is_announced_in_the_app(make_app, data_dir):
    data_dir.mkdir(mode=0o700)
    (data_dir / "ctcoach.json").write_text("{broken")
    app = make_app()
    async with app.run_test(size=(80, 24)):
        messages = [n.message for n in app._notifications]
        assert any("could not be read" in m and "corrupt-" in m for m in messages)
        assert "Welcome" in screen_text(app) or app.screen.__class__.__name__ == "OnboardingScreen"


async def test_a_key_pressed_right_after_quit_does_nothing(make_app, data_dir):
    app = make_app(BASIC)
    async with app.run_test(size=(80, 24)) as pilot:
        app.exit(0)
        assert app.check_action("open", ("pitch",)) is False
        assert app.screen.check_action("open", ("pitch",)) is False
        await pilot.press("i")
    assert app.return_code == 0


# -- onboarding open while another ctcoach saves a profile ------------------------------

from textual.widgets import Input  # noqa: E402

from ctcoach.tui.screens.dashboard import DashboardScreen  # noqa: E402
from ctcoach.tui.screens.onboarding import OnboardingScreen  # noqa: E402

from ..helpers import make_profile  # noqa: E402
from .helpers import enter_text  # noqa: E402


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_untouched_first_run_onboarding_follows_a_profile_saved_elsewhere(make_app, data_dir):
    app = make_app(None)  # nothing saved yet: onboarding
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, OnboardingScreen)
        app.check_store()  # the app's own look at the store changes nothing
        assert isinstance(app.screen, OnboardingScreen)
        Store(data_dir).save_profile(answers(app.coach.pack, name="Jordan Lee", stage="ms3"))
        app.check_store()
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert "Jordan Lee" in screen_text(app)
        assert any("saved in another window" in n for n in notices(app))
    assert Store(data_dir).snapshot().profile["name"] == "Jordan Lee"


async def test_answers_in_progress_are_kept_and_the_person_is_told(make_app, data_dir):
    app = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await enter_text(pilot, "Sam Park")  # typed, not yet answered with Enter
        Store(data_dir).save_profile(answers(app.coach.pack, name="Jordan Lee", stage="ms3"))
        app.check_store()
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        assert app.screen.query_one("#field Input", Input).value == "Sam Park"
        assert any("saving your answers here will replace it" in n for n in notices(app))
        app.check_store()  # told once, not at every look
        assert sum("replace it" in n for n in notices(app)) == 1


async def test_answers_brought_back_after_a_failed_save_are_kept(make_app, data_dir):
    app = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        pack = app.coach.pack
        mine = make_profile(pack, name="Sam Park", stage="ms3")
        app.push_screen(OnboardingScreen(pack, mine), app.onboarded)  # as a failed save does
        await pilot.pause()
        Store(data_dir).save_profile(answers(pack, name="Jordan Lee", stage="ms3"))
        app.check_store()
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen) and app.screen.answers == mine.answers
        assert any("replace it" in n for n in notices(app))
