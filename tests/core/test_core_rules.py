"""Core rules behind the app's traps: rates, stub pitches, lone answers, past conferences,
the training year, duplicate mentors, waiting items and long pitch parts."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from ctcoach.coach import Coach
from ctcoach.followup import Due
from ctcoach.mentors import validate_mentor
from ctcoach.pitch import (
    MAX_PART,
    Practice,
    current_rate,
    draft_words,
    make_pitch,
    report,
)
from ctcoach.plan import Progress, build_plan
from ctcoach.profile import NO_ANSWER, AnswerError, options, parse_answer, validate_answers
from ctcoach.stages import next_stage, stage_to_offer, year_start
from ctcoach.store import Store

from ..helpers import CONTENT, TODAY, edit, make_profile, problems
from ..helpers import answers as answers_for

FULL = make_pitch(
    "a second-year medical student at State University",
    "adult cardiac surgery, especially outcomes after valve repair",
    ["a retrospective study of post-op atrial fibrillation", "a summer in the cardiac ICU"],
    "advice on finding a research mentor in cardiac surgery",
)
STUB = make_pitch("an MS1", "cardiac surgery", [], "advice")


# -- the speaking rate --------------------------------------------------------------


def test_a_rate_set_after_a_practice_wins_until_the_next_practice(pack):
    ps = pack.pitch
    runs = [Practice(TODAY, 24.0, 60)]  # 150 words a minute
    assert current_rate(ps, runs, 120.0, since=0) == (150.0, True)
    assert current_rate(ps, runs, 120.0, since=1) == (120.0, False)
    later = [*runs, Practice(TODAY, 30.0, 60)]  # a new run after the setting: 120 wpm
    assert current_rate(ps, later, 100.0, since=1) == (120.0, True)
    assert report(ps, FULL, "", runs, 120.0, since=1).wpm == 120.0


def test_the_coach_applies_a_rate_set_after_practicing(pack, tmp_path):
    coach = Coach(pack, Store(tmp_path), lambda: TODAY)
    coach.save_profile(make_profile(pack))
    coach.save_pitch(FULL)
    coach.record_practice(24.0, 60)
    assert coach.pitch_report().wpm == 150.0
    coach.set_wpm(125.0)
    assert coach.pitch_report().wpm == 125.0 and coach.wpm_setting() == 125.0
    coach.record_practice(30.0, 60)
    assert coach.pitch_report().wpm == 120.0


# -- what counts as a written pitch ---------------------------------------------------


def test_a_stub_pitch_keeps_write_your_pitch(pack):
    profile = make_profile(pack)
    stub = build_plan(pack, profile, Progress(pitch=STUB), today=TODAY)
    written = build_plan(pack, profile, Progress(pitch=FULL), today=TODAY)
    item = next(i for i in stub.all_items() if i.intent == "write-pitch")
    assert f"counts as written from {draft_words(pack.pitch)}" in " ".join(item.why)
    assert "pitch-fix" not in {i.id for i in stub.all_items()}
    assert "write-pitch" not in {i.intent for i in written.all_items()}
    assert draft_words(pack.pitch) == 24  # half of 20 s at 140 words a minute


def test_long_parts_are_a_check_not_cut(pack):
    long = make_pitch("a" * (MAX_PART + 5), "cardiac", ["x"], "advice")
    assert len(long.who) == MAX_PART + 5
    found = report(pack.pitch, long).checks
    assert any(f"{MAX_PART + 5} characters; keep it to {MAX_PART}" in c.message for c in found)


# -- answers -----------------------------------------------------------------------------


def test_not_sure_yet_stands_alone(pack):
    interests = pack.question("interests")
    with pytest.raises(AnswerError, match="“Not sure yet” stands alone"):
        parse_answer(interests, ["thoracic", "undecided"])
    assert parse_answer(interests, ["undecided"]) == ["undecided"]
    profile, errors = validate_answers(pack, answers_for(pack, interests=["thoracic", "undecided"]))
    assert profile is None and errors[0].startswith("interests: “Not sure yet” stands alone")


def test_a_conference_that_already_ended_is_not_coming_up(pack):
    question = pack.question("next_conference")
    past = {"name": "STS", "start": "2026-10-01", "end": "2026-10-03"}
    with pytest.raises(AnswerError, match="ended on 2026-10-03") as info:
        parse_answer(question, past, today=TODAY)
    assert info.value.part == "end"
    assert parse_answer(question, past) is not None  # a saved profile may hold a past one
    today_ends = {"name": "STS", "start": "2026-11-22", "end": TODAY.isoformat()}
    assert parse_answer(question, today_ends, today=TODAY) is not None
    _, errors = validate_answers(pack, answers_for(pack, next_conference=past), today=TODAY)
    assert errors == ["next_conference: ended on 2026-10-03; give the next one that is coming up"]


def test_conference_errors_name_the_part(pack):
    question = pack.question("next_conference")
    for raw, part in (
        ({"name": "", "start": "2027-01-01"}, "name"),
        ({"name": "STS", "start": "2027-13-01"}, "start"),
        ({"name": "STS", "start": "2027-01-02", "end": "2027-01-01"}, "end"),
    ):
        with pytest.raises(AnswerError) as info:
            parse_answer(question, raw)
        assert info.value.part == part


def test_one_way_to_leave_an_optional_choice_unanswered(pack):
    track = options(pack.question("track"))
    assert [label for _, label in track][-1] == "Not decided"  # its default; no extra skip
    assert NO_ANSWER not in [label for _, label in track]
    stage = options(pack.question("stage"))
    assert NO_ANSWER not in [label for _, label in stage]


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped pack for a test to break."""
    target = tmp_path / "pack"
    shutil.copytree(CONTENT, target)
    return target


def test_exclusive_belongs_to_multi_questions(shipped):
    edit(
        shipped,
        "onboarding.toml",
        '{ id = "ms1", label = "MS1" }',
        '{ id = "ms1", label = "MS1", exclusive = true }',
    )
    assert any("only a multi question's choices can be exclusive" in p for p in problems(shipped))


def test_year_start_must_be_a_month_and_day(shipped):
    edit(shipped, "pack.toml", 'year_starts = "07-01"', 'year_starts = "13-01"')
    assert any("'13-01' is not a month and day like 07-01" in p for p in problems(shipped))


# -- the training year ---------------------------------------------------------------------


def test_the_next_stage_is_offered_once_a_new_year_begins(pack):
    june, july = dt.date(2027, 6, 30), dt.date(2027, 7, 1)
    onboarded = dt.date(2026, 11, 24)
    assert year_start(pack, june) == dt.date(2026, 7, 1)
    assert stage_to_offer(pack, "ms1", june, onboarded) is None
    assert stage_to_offer(pack, "ms1", july, onboarded) == "ms2"
    assert stage_to_offer(pack, "ms1", july, july) is None  # answered today
    assert stage_to_offer(pack, "ms1", july, None) is None  # nothing known yet
    assert stage_to_offer(pack, "fellow", july, onboarded) is None
    assert next_stage(pack, "ms4") == "pgy1" and next_stage(pack, "unknown") is None


def test_the_coach_moves_the_stage_and_remembers_the_answer(pack, tmp_path):
    day = [TODAY]
    coach = Coach(pack, Store(tmp_path), lambda: day[0])
    coach.save_profile(make_profile(pack, stage="ms1"))
    assert coach.stage_confirmed() == TODAY and coach.stage_offer() is None
    day[0] = dt.date(2027, 7, 2)
    assert coach.stage_offer() == "ms2"
    coach.confirm_stage("ms2")
    assert coach.profile().stage == "ms2" and coach.stage_offer() is None
    day[0] = dt.date(2028, 7, 1)
    coach.confirm_stage()  # "not now": asked again next year
    assert coach.profile().stage == "ms2" and coach.stage_offer() is None


# -- mentors, waiting items, pitch versions --------------------------------------------------


def test_a_mentor_name_is_used_once(pack):
    clean, found = validate_mentor(pack, " dr  kay ", ["sponsor"], [], ["Dr Kay"])
    assert clean is None and found[0].field == "name" and "already on your team" in found[0].message
    clean, _ = validate_mentor(pack, "Dr Kay", ["sponsor"], [], ["Dr Lee"])
    assert clean is not None


def test_waiting_items_are_marked_and_left_out_of_next_actions(pack):
    plan = build_plan(pack, make_profile(pack, weekly_hours=1), today=TODAY)
    assert plan.waiting and all(i.waiting and i.horizon == "this_stage" for i in plan.waiting)
    assert not any(i.waiting for i in plan.next_actions(3))


def test_next_actions_put_an_overdue_follow_up_first(pack):
    late = Due("follow-up-1", "follow_up", TODAY - dt.timedelta(days=2), "Write to Ann", "why",
               "how", pack.sources["why"], (1,), 1)  # fmt: skip
    plan = build_plan(pack, make_profile(pack), Progress(due=(late,)), today=TODAY)
    first = plan.next_actions(3)
    assert first[0].id == "follow-up-1" and first[0].overdue


def test_pitch_versions_can_be_renamed_and_deleted(pack, tmp_path):
    coach = Coach(pack, Store(tmp_path), lambda: TODAY)
    first = coach.save_pitch(FULL)
    second = coach.save_pitch(STUB)
    coach.rename_pitch(first, "  For  STS  ")
    assert coach.pitch_versions()[0].name == "For STS"
    with pytest.raises(ValueError, match="Name: at most 60 characters"):
        coach.rename_pitch(first, "x" * 61)
    coach.delete_pitch(second)  # the current one: the newest left becomes current
    assert [v.id for v in coach.pitch_versions()] == [first]
    assert coach.current_pitch()[0] == first
