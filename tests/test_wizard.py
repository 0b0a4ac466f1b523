"""The questionary wizard, driven through prompt_toolkit pipe input."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from ctcoach.wizard import run_wizard

from .conftest import make_profile

DOWN = "\x1b[B"
ENTER = "\r"
CTRL_C = "\x03"
UP = "\x1b[A"
CLEAR = "\x15"  # Ctrl-U: clear the line


@pytest.fixture
def keys() -> Iterator[object]:
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        yield inp


def test_happy_path_builds_the_profile(pack, keys):
    steps = [
        "Sam Lee" + ENTER,  # name
        DOWN * 2 + ENTER,  # stage: ms3
        "Metro Med" + ENTER,  # institution
        "n",  # home program: no
        " " + DOWN * 2 + " " + ENTER,  # interests: adult cardiac, congenital
        DOWN + ENTER,  # track: traditional
        UP + ENTER,  # comfort: from the default 3 up to 2
        CLEAR + "6" + ENTER,  # hours: clear the default, type 6
        DOWN + " " + ENTER,  # societies: aats
        "y",  # a conference is coming up
        "AATS Annual" + ENTER + "2027-04-30" + ENTER + CLEAR + "2027-05-03" + ENTER,
        "y",  # save
    ]
    keys.send_text("".join(steps))
    profile = run_wizard(pack, None)
    assert profile is not None
    assert profile.answers["name"] == "Sam Lee"
    assert profile.stage == "ms3"
    assert profile.answers["home_ct_program"] is False
    assert profile.answers["interests"] == ["adult_cardiac", "congenital"]
    assert profile.answers["track"] == "traditional"
    assert profile.answers["comfort_approaching"] == 2
    assert profile.weekly_hours == 6
    assert profile.answers["societies"] == ["aats"]
    assert profile.event is not None
    assert (profile.event.start, profile.event.end) == (dt.date(2027, 4, 30), dt.date(2027, 5, 3))


def test_rerun_offers_saved_answers_as_defaults(pack, keys):
    saved = make_profile(pack, stage="pgy2", weekly_hours=7, track="integrated")
    # Enter through every question (a resident is not asked about a medical school's
    # CT program), decline the conference, then save.
    keys.send_text(ENTER * 3 + ENTER * 5 + "n" + "y")
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
