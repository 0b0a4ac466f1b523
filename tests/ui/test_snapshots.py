"""A few screenshots, compared with accepted SVGs (`pytest --snapshot-update` to accept)."""

from __future__ import annotations

import datetime as dt

import pytest

from .helpers import no_blink

PROFILE = {
    "name": "Alex Rivera",
    "stage": "ms2",
    "home_ct_program": False,
    "comfort_approaching": 2,
    "weekly_hours": 3,
    "next_conference": {"name": "STS", "start": dt.date(2026, 12, 1), "end": dt.date(2026, 12, 3)},
}


@pytest.fixture
def app_with_profile(make_app):
    return make_app(PROFILE)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
def test_dashboard(snap_compare, app_with_profile, size):
    assert snap_compare(app_with_profile, terminal_size=size)


def test_plan(snap_compare, app_with_profile):
    assert snap_compare(app_with_profile, press=["p"], terminal_size=(80, 24))


def test_help(snap_compare, app_with_profile):
    assert snap_compare(app_with_profile, press=["p", "question_mark"], terminal_size=(60, 20))


def test_onboarding_first_question(snap_compare, make_app):
    async def settle(pilot):
        await pilot.pause()
        no_blink(pilot.app)

    app = make_app()
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)
