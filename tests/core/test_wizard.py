"""The questionary wizard, driven through prompt_toolkit pipe input, asking the fixture
pack's questions (one of every kind)."""

from __future__ import annotations

import datetime as dt

import pytest

from ctcoach.wizard import run_wizard

from ..helpers import CLEAR, CTRL_C, DOWN, ENTER, UP, make_profile


@pytest.fixture
def pack(fixture_pack):
    """The wizard asks whatever the pack asks: tested on the fixture pack's questions."""
    return fixture_pack


def test_happy_path_builds_the_profile(pack, keys):
    steps = [
        "Sam Lee" + ENTER,  # name
        DOWN * 2 + ENTER,  # stage: late
        "Metro" + ENTER,  # place
        "n",  # home base: no
        " " + DOWN * 2 + " " + ENTER,  # areas: north, not sure
        DOWN + ENTER,  # path: long
        UP + ENTER,  # comfort: from the default 3 up to 2
        CLEAR + "6" + ENTER,  # hours: clear the default, type 6
        DOWN + " " + ENTER,  # clubs: blue
        "y",  # a meeting is coming up
        "Spring Meeting" + ENTER + "2027-04-30" + ENTER + CLEAR + "2027-05-03" + ENTER,
        "y",  # save
    ]
    keys.send_text("".join(steps))
    profile = run_wizard(pack, None)
    assert profile is not None
    assert profile.answers["name"] == "Sam Lee"
    assert profile.stage == "late"
    assert profile.answers["place"] == "Metro"
    assert profile.answers["has_base"] is False
    assert profile.answers["areas"] == ["north", "unsure"]
    assert profile.answers["path"] == "long"
    assert profile.answers["comfort"] == 2
    assert profile.weekly_hours == 6
    assert profile.answers["clubs"] == ["blue"]
    assert profile.event is not None and profile.event.name == "Spring Meeting"
    assert (profile.event.start, profile.event.end) == (dt.date(2027, 4, 30), dt.date(2027, 5, 3))


def test_rerun_offers_saved_answers_as_defaults(pack, keys):
    saved = make_profile(pack, stage="late", weekly_hours=7, path="short")
    # Enter through every question, decline the conference, then save.
    keys.send_text(ENTER * 3 + "y" + ENTER * 5 + "n" + "y")
    profile = run_wizard(pack, saved)
    assert profile is not None
    assert profile.answers == saved.answers


def test_invalid_answer_is_refused_until_fixed(pack, keys):
    saved = make_profile(pack)
    keys.send_text(CLEAR + ENTER + "Kim" + ENTER + ENTER * 2 + "y" + ENTER * 5 + "n" + "y")
    profile = run_wizard(pack, saved)
    assert profile is not None
    assert profile.name == "Kim"


def test_declining_the_summary_returns_nothing(pack, keys):
    saved = make_profile(pack)
    keys.send_text(ENTER * 3 + "y" + ENTER * 5 + "n" + "n")
    assert run_wizard(pack, saved) is None


def test_ctrl_c_raises_keyboard_interrupt(pack, keys):
    keys.send_text("Half" + CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        run_wizard(pack, None)


def test_ctrl_d_raises_eof(pack, keys):
    keys.send_text("\x04")  # Ctrl-D on an empty line
    with pytest.raises(EOFError):
        run_wizard(pack, None)


def test_a_conference_longer_than_the_pack_allows_is_asked_again(pack, keys):
    """The pack says how long an event of the profile's kind may last (the question's
    max); a last day past it is refused where it is typed, and the fixed one is kept."""
    from msgspec.structs import replace

    limited = replace(
        pack, questions=tuple(replace(q, max=4) if q.kind == "event" else q for q in pack.questions)
    )
    saved = make_profile(limited)
    keys.send_text(
        ENTER * 3 + "y" + ENTER * 5 + "y"  # keep every answer; a meeting is coming up
        + "Spring Meeting" + ENTER + CLEAR + "2027-04-30" + ENTER
        + CLEAR + "2027-05-04" + ENTER  # five days: refused
        + CLEAR + "2027-05-03" + ENTER  # four days: kept
        + "y"
    )  # fmt: skip
    profile = run_wizard(limited, saved)
    assert profile is not None and profile.event is not None
    assert (profile.event.start, profile.event.end) == (dt.date(2027, 4, 30), dt.date(2027, 5, 3))
