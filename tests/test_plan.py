"""Plan rules: how the profile shapes the plan."""

from __future__ import annotations

import datetime as dt

from ctcoach.plan import Progress, build_plan

from .conftest import TODAY, make_profile

CONF = {"name": "STS Annual Meeting", "start": dt.date(2027, 1, 28), "end": dt.date(2027, 1, 31)}


def ids(plan):
    return {i.id.split("@")[0] for i in plan.all_items()}


def item(plan, prefix):
    return next(i for i in plan.all_items() if i.id.split("@")[0] == prefix)


def test_stage_picks_the_roadmap(pack):
    ms1 = build_plan(pack, make_profile(pack, stage="ms1"), today=TODAY)
    pgy = build_plan(pack, make_profile(pack, stage="pgy2"), today=TODAY)
    assert "ms-identify-surgeons" in ids(ms1) and "ms-identify-surgeons" not in ids(pgy)
    # The roadmap's sponsor step and the mentor team's sponsor gap are one item.
    sponsor = [i for i in pgy.all_items() if i.intent == "sponsor"]
    assert [i.id for i in sponsor] == ["team-sponsor"]
    assert "On the guide's roadmap for Residency (PGY1–PGY3)." in sponsor[0].why
    assert "sponsor" not in {i.intent for i in ms1.all_items()}
    assert "ms3-early-subi" in {i.id for i in ms1.upcoming}
    assert all(i.horizon == "next_stage" for i in ms1.upcoming)
    assert "senior-roles" in {i.id for i in pgy.upcoming}
    assert "MS1–MS2" in item(ms1, "ms-identify-surgeons").why[0]


def test_no_home_program_brings_its_advice(pack):
    home = build_plan(pack, make_profile(pack, home_ct_program=True), today=TODAY)
    away = build_plan(pack, make_profile(pack, home_ct_program=False), today=TODAY)
    assert "no-program-nearby" in ids(away) - ids(home)
    assert "ms-identify-surgeons" in ids(home) - ids(
        away
    )  # "at your school" needs a school program
    assert "Your school has no CT surgery program" in item(away, "no-program-nearby").why[1]
    # Choosing away rotations at busy CT centers is for MS3, before the season.
    assert "no-program-aways" not in ids(away)
    ms3 = make_profile(pack, home_ct_program=False, stage="ms3", interests=["undecided"])
    assert "no-program-aways" in ids(build_plan(pack, ms3, today=TODAY))
    ms4 = build_plan(pack, make_profile(pack, home_ct_program=False, stage="ms4"), today=TODAY)
    assert "choose-aways" not in {i.intent for i in ms4.all_items()}


def test_low_comfort_brings_the_introvert_advice(pack):
    shy = build_plan(pack, make_profile(pack, comfort_approaching=2, stage="pgy1"), today=TODAY)
    bold = build_plan(pack, make_profile(pack, comfort_approaching=3, stage="pgy1"), today=TODAY)
    assert {"quiet-prepare-questions", "quiet-email-first"} <= ids(shy) - ids(bold)
    assert "makes you uneasy" in item(shy, "quiet-email-first").why[0]
    # A student's roadmap already has a first email: the quiet advice becomes its reason.
    student = build_plan(pack, make_profile(pack, comfort_approaching=2), today=TODAY)
    email = item(student, "ms-intro-email")
    assert "quiet-email-first" not in ids(student)
    assert any("writing first lets you prepare" in w for w in email.why)


def test_societies_not_joined_bring_join(pack):
    none = build_plan(pack, make_profile(pack, societies=[]), today=TODAY)
    aats = build_plan(pack, make_profile(pack, societies=["aats"]), today=TODAY)
    assert "join-society" in ids(none) and "join-society" not in ids(aats)
    assert item(none, "join-society").why == ("You are not a member of STS or AATS yet.",)


def test_next_conference_brings_dated_items(pack):
    plan = build_plan(pack, make_profile(pack, next_conference=CONF), today=TODAY)
    targets = item(plan, "conf-targets")
    assert targets.date == dt.date(2027, 1, 7)  # three weeks before the start
    assert targets in plan.waiting  # two months out: scheduled, summarized in a note
    assert any("STS Annual Meeting come up from" in n for n in plan.notes)
    assert "conf-choose" not in ids(plan)
    # A week ahead a step joins the active plan; after the meeting the follow-up leads.
    near = build_plan(pack, make_profile(pack, next_conference=CONF), today=dt.date(2027, 1, 5))
    assert item(near, "conf-targets").horizon == "this_week"
    after = build_plan(pack, make_profile(pack, next_conference=CONF), today=dt.date(2027, 2, 1))
    follow = after.next_actions(1)[0]
    assert follow.id.startswith("conf-follow-up@") and follow.date == dt.date(2027, 2, 3)
    assert "STS Annual Meeting ended 2027-01-31." in follow.why


def test_a_late_conference_step_is_due_today_not_overdue(pack):
    today = dt.date(2027, 1, 20)
    plan = build_plan(pack, make_profile(pack, next_conference=CONF), today=today)
    targets = item(plan, "conf-targets")
    assert not targets.overdue and targets.late and targets.date == today
    assert targets.when == "start today (2027-01-20): STS Annual Meeting is 8 days away"
    assert not plan.overdue


def test_past_conference_drops_its_steps_and_asks_for_the_next(pack):
    plan = build_plan(pack, make_profile(pack, next_conference=CONF), today=dt.date(2027, 3, 1))
    assert "conf-targets" not in ids(plan)
    assert "conf-choose" in ids(plan)
    assert any("ended 2027-01-31" in n for n in plan.notes)
    no_conf = build_plan(pack, make_profile(pack), today=TODAY)
    assert "conf-choose" in ids(no_conf)


def test_weekly_hours_cap_active_items(pack):
    for hours, cap in ((1, 2), (3, 3), (5, 5), (40, 8)):
        plan = build_plan(
            pack,
            make_profile(pack, weekly_hours=hours, home_ct_program=False, comfort_approaching=1),
            today=TODAY,
        )
        assert plan.capacity == cap
        assert len(plan.open_items()) <= cap
        if hours < 40:
            assert plan.waiting, hours
            assert sum("more actions start as you finish these" in n for n in plan.notes) == 1
        assert not any(w.startswith("Waiting") for i in plan.all_items() for w in i.why)


def test_done_items_free_room_and_stay_marked(pack):
    profile = make_profile(pack, weekly_hours=1)
    plan = build_plan(pack, profile, today=TODAY)
    first = [i for i in plan.items if i.horizon in ("this_week", "this_month")]
    done = build_plan(pack, profile, Progress(frozenset({first[0].id})), today=TODAY)
    assert item(done, first[0].id).done
    active_open = [i for i in done.items if i.horizon in ("this_week", "this_month") and not i.done]
    assert len(active_open) == 2


def test_same_inputs_same_plan(pack):
    profile = make_profile(pack, next_conference=CONF, home_ct_program=False)
    assert build_plan(pack, profile, today=TODAY) == build_plan(pack, profile, today=TODAY)


def test_every_item_explains_itself(pack):
    for stage in ("ms1", "ms3", "ms4", "pgy1", "fellow"):
        plan = build_plan(pack, make_profile(pack, stage=stage, next_conference=CONF), today=TODAY)
        for i in plan.items:
            assert i.why and i.when and i.source.title, i.id
