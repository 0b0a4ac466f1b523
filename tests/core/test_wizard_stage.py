"""The wizard asks only what matters for the stage, in the stage group's words."""

from __future__ import annotations

from ctcoach.profile import questions_to_ask
from ctcoach.wizard import run_wizard

from ..helpers import DOWN, ENTER


def test_a_fellow_is_asked_neither_about_a_school_program_nor_a_training_path(pack, keys):
    steps = [
        "Morgan Ellis" + ENTER,  # name
        DOWN * 8 + ENTER,  # stage: fellow
        "Heart Institute" + ENTER,  # institution
        " " + ENTER,  # interests: adult cardiac
        ENTER,  # comfort: the default 3
        ENTER,  # hours: the default 3
        ENTER,  # societies: none
        "n",  # no conference
        "y",  # save
    ]
    keys.send_text("".join(steps))
    profile = run_wizard(pack, None)
    assert profile is not None
    assert profile.stage == "fellow"
    assert profile.answers["interests"] == ["adult_cardiac"]
    assert "home_ct_program" not in profile.answers and "track" not in profile.answers


def test_questions_follow_the_stage(pack):
    def asked(stage):
        return {q.id: q for q in questions_to_ask(pack, {"stage": stage})}

    assert "home_ct_program" in asked("ms2") and "track" in asked("ms2")
    assert "home_ct_program" not in asked("pgy1") and "track" in asked("pgy1")
    assert "home_ct_program" not in asked("fellow") and "track" not in asked("fellow")
    assert asked("pgy1")["track"].prompt == "Which training path are you on?"
    assert asked("ms2")["home_ct_program"].prompt == (
        "Does your medical school have a cardiothoracic surgery program?"
    )
    assert "school" not in asked("senior")["institution"].prompt
