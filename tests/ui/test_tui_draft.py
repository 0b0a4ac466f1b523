"""Pilot tests: the draft editor (live checks, save on the target, copy, .eml, mailto:,
leaving with unsaved edits) and the app opened straight on a draft."""

from __future__ import annotations

import datetime as dt
import email
from email import policy

import pytest
from msgspec.structs import replace
from textual.widgets import Input, TextArea

from ctcoach.events import PlannedEvent, Target
from ctcoach.logbook import Entry
from ctcoach.network import ContactDraft
from ctcoach.pitch import make_pitch
from ctcoach.store import Store
from ctcoach.tui.confirm import ConfirmScreen
from ctcoach.tui.screens.dashboard import DashboardScreen
from ctcoach.tui.screens.dialogs import ExportScreen
from ctcoach.tui.screens.draft import DraftApp, DraftScreen, LinkDialog, open_draft

from ..helpers import TODAY
from .helpers import FakeClock, screen_text

MS3 = {"name": "Jordan Lee", "stage": "ms3"}


def seed(app, target=True):
    """Dr. Chen, a conversation with her at a meeting, and (optionally) her as a target."""
    coach = app.coach
    contact, _ = coach.log.save_contact(
        ContactDraft("Dr. Maya Chen", role="attending", email="maya.chen@metro.org")
    )
    pitch = make_pitch("a third-year medical student at State University",
                       "adult cardiac surgery", ["a study of valve repair"], "advice")  # fmt: skip
    coach.save_pitch(pitch)
    start = TODAY - dt.timedelta(days=4)
    coach.log.log(Entry((contact.id,), "Her registry of valve repairs", "conference", "STS",
                        start + dt.timedelta(days=1)))  # fmt: skip
    event_id = coach.store.save_event(
        PlannedEvent(0, "conference", "STS Annual Meeting", start, start + dt.timedelta(days=3))
    )
    if target:
        coach.store.save_target(Target(0, event_id, contact.id, "valves"))
    snap = coach.snapshot()
    return contact, snap.events[0], (snap.targets[0] if target else None)


async def opened(app, pilot, kind="follow-up", target=True):
    contact, event, saved = seed(app, target)
    screen = open_draft(app, kind, contact, event=None if saved else event, target=saved)
    await pilot.pause()
    assert app.screen is screen and isinstance(screen, DraftScreen)
    return screen


def checks(app) -> str:
    return str(app.screen.query_one("#draft-checks").render())


async def test_a_draft_opens_filled_and_its_checks_follow_your_typing(make_app):
    app = make_app(MS3)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(app, pilot)
        body = screen.query_one("#draft-body", TextArea)
        assert body.has_focus and body.text.startswith("Dear Dr. Chen,\n\nThank you for making")
        assert "one thing we discussed: her registry of valve repairs." in body.text
        assert "To: Dr. Maya Chen <maya.chen@metro.org> · STS Annual Meeting (to research)" in (
            screen_text(app)
        )
        assert checks(app).startswith("✓ Ready to send")
        body.move_cursor((2, 0))
        await pilot.press(*"Greetings. ")
        assert "✗ Stock opening “Greetings”" in checks(app)
        assert "✗ 7 sentences: aim for 4–6" in checks(app)
        await pilot.press("shift+tab", "ctrl+u", *"Hi")
        assert screen.query_one("#draft-subject", Input).value == "Hi"
        assert "✗ Vague subject “Hi”" in checks(app) and "3 of 7 to fix" in checks(app)


async def test_ctrl_s_saves_the_draft_on_the_target(make_app, data_dir):
    app = make_app(MS3)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await opened(app, pilot)
        body = screen.query_one("#draft-body", TextArea)
        body.insert("\nP.S. Congratulations!", body.document.end)
        await pilot.press("ctrl+s")
        target = Store(data_dir).snapshot().targets[0]
        assert target.status == "drafted" and target.draft_kind == "follow-up"
        assert target.body.endswith("P.S. Congratulations!")
        assert "(email drafted)" in screen_text(app)
        assert not screen.dirty
        await pilot.press("escape")  # nothing unsaved: straight back
        assert isinstance(app.screen, DashboardScreen)
        open_draft(app, "follow-up", screen.contact, target=target)
        await pilot.pause()
        assert app.screen.query_one("#draft-body", TextArea).text == target.body
        await pilot.press("escape")
        open_draft(app, "thank-you", screen.contact, target=target)
        await pilot.pause()
        assert "The target holds a follow-up draft: saving replaces it." in screen_text(app)


async def test_without_a_target_saving_says_why_and_escape_asks_first(make_app, data_dir):
    app = make_app(MS3)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await opened(app, pilot, "thank-you", target=False)
        await pilot.press("x", "ctrl+s")
        assert any("Drafts are kept on a target" in n.message for n in app._notifications)
        assert Store(data_dir).snapshot().targets == ()
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Leave? Your edits are not saved anywhere (no target)" in screen_text(app)
        await pilot.press("escape")  # the safe answer: stay
        assert app.screen is screen
        await pilot.press("ctrl+q")  # quitting asks too
        assert "Quit ctcoach? Your edits are not saved anywhere" in screen_text(app)
        await pilot.press("escape", "escape", "l")
        assert isinstance(app.screen, DashboardScreen)


async def test_ctrl_y_copies_the_body_or_the_subject(make_app):
    app = make_app(MS3)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("ctrl+y")
        assert app.clipboard == screen.draft().body
        await pilot.press("shift+tab", "ctrl+y")
        assert app.clipboard == "Following up on our conversation at STS"


async def test_ctrl_e_writes_an_eml_mail_apps_open_as_a_draft(make_app, tmp_path):
    app = make_app(MS3)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.query_one("#path", Input).value == "dr-maya-chen-follow-up.eml"
        await pilot.press("enter")
        assert app.screen is screen
        message = email.message_from_bytes(
            (tmp_path / "dr-maya-chen-follow-up.eml").read_bytes(), policy=policy.default
        )
        assert message["X-Unsent"] == "1" and message["Subject"] == screen.draft().subject
        assert message["To"].addresses[0].addr_spec == "maya.chen@metro.org"
        assert message.get_content().splitlines() == screen.draft().body.splitlines()
        assert any("open it in your mail app" in n.message for n in app._notifications)


async def test_the_eml_never_goes_into_the_data_folder(make_app, data_dir):
    app = make_app(MS3)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app, pilot)
        await pilot.press("ctrl+e")
        app.screen.query_one("#path", Input).value = str(data_dir / "x.eml")
        await pilot.press("enter")
        assert isinstance(app.screen, ExportScreen)
        assert "would overwrite your saved data" in screen_text(app)


async def test_ctrl_l_shows_the_mailto_link_to_copy(make_app):
    app = make_app(MS3)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app, pilot)
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, LinkDialog)
        link = app.screen.query_one("#link", TextArea).text
        assert link.startswith("mailto:maya.chen@metro.org?subject=Following%20up")
        await pilot.press("ctrl+y", "escape")
        assert app.clipboard == link and isinstance(app.screen, DraftScreen)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_editor_fits_small_terminals(make_app, size):
    app = make_app(MS3)
    async with app.run_test(size=size) as pilot:
        screen = await opened(app, pilot)
        body = screen.query_one("#draft-body", TextArea).region
        side = screen.query_one("#draft-side").region
        assert body.height >= 10 and body.width >= 26 and side.width >= 22
        assert side.right <= size[0] and body.bottom <= size[1] - 1


async def test_open_draft_refuses_an_unknown_kind_and_a_pack_without_drafts(make_app):
    app = make_app(MS3)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        contact, _, _ = seed(app)
        with pytest.raises(ValueError, match="no draft kind 'nope'"):
            open_draft(app, "nope", contact)
        app.coach.pack = replace(app.coach.pack, drafts=None)
        assert open_draft(app, "follow-up", contact) is None
        await pilot.pause()
        assert any("no email drafts" in n.message for n in app._notifications)


async def test_the_app_can_open_straight_on_a_draft(make_app, data_dir):
    first = make_app(MS3)
    contact, _, target = seed(first)
    app = DraftApp(
        first.coach,
        lambda app: open_draft(app, "milestone", contact, target=target, topic="I matched"),
        cwd=data_dir.parent,
        clock=FakeClock(),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DraftScreen)
        assert app.screen.draft().subject == "An update: I matched"
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
