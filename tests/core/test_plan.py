"""Plan rules: how the profile shapes the plan."""

from __future__ import annotations

import datetime as dt

from ctcoach.plan import Progress, build_plan

from ..helpers import TODAY, make_profile

CONF = {"name": "STS Annual Meeting", "start": dt.date(2027, 1, 28), "end": dt.date(2027, 1, 31)}


def ids(plan):
    return {i.id.split("@")[0] for i in plan.items}


def item(plan, prefix):
    return next(i for i in plan.items if i.id.split("@")[0] == prefix)


def test_stage_picks_the_roadmap(pack):
    ms1 = build_plan(pack, make_profile(pack, stage="ms1"), today=TODAY)
    pgy = build_plan(pack, make_profile(pack, stage="pgy2"), today=TODAY)
    assert "ms-identify-surgeons" in ids(ms1) and "ms-identify-surgeons" not in ids(pgy)
    assert "res-find-sponsor" in ids(pgy) and "res-find-sponsor" not in ids(ms1)
    assert item(ms1, "ms3-early-subi").horizon == "next_stage"
    assert item(pgy, "senior-roles").horizon == "next_stage"
    assert "MS1–MS2" in item(ms1, "ms-identify-surgeons").why[0]


def test_no_home_program_brings_its_advice(pack):
    home = build_plan(pack, make_profile(pack, home_ct_program=True), today=TODAY)
    away = build_plan(pack, make_profile(pack, home_ct_program=False), today=TODAY)
    assert "no-program-nearby" in ids(away) - ids(home)
    assert "Home CT surgery program: no" in item(away, "no-program-nearby").why[0]
    # Away-rotation advice for schools without a program is for MS3-MS4 only.
    assert "no-program-aways" not in ids(away)
    ms4 = build_plan(pack, make_profile(pack, home_ct_program=False, stage="ms4"), today=TODAY)
    assert "no-program-aways" in ids(ms4)


def test_low_comfort_brings_the_introvert_advice(pack):
    shy = build_plan(pack, make_profile(pack, comfort_approaching=2), today=TODAY)
    bold = build_plan(pack, make_profile(pack, comfort_approaching=3), today=TODAY)
    assert {"quiet-prepare-questions", "quiet-email-first"} <= ids(shy) - ids(bold)
    assert "2 of 5" in item(shy, "quiet-email-first").why[0]


def test_societies_not_joined_bring_join(pack):
    none = build_plan(pack, make_profile(pack, societies=[]), today=TODAY)
    aats = build_plan(pack, make_profile(pack, societies=["aats"]), today=TODAY)
    assert "join-society" in ids(none) and "join-society" not in ids(aats)
    assert "Society memberships: none" in item(none, "join-society").why[0]


def test_next_conference_brings_dated_items(pack):
    plan = build_plan(pack, make_profile(pack, next_conference=CONF), today=TODAY)
    targets = item(plan, "conf-targets")
    follow = item(plan, "conf-follow-up")
    assert targets.date == dt.date(2027, 1, 7)  # three weeks before the start
    assert follow.date == dt.date(2027, 2, 3)  # 72 hours after the end
    assert "STS Annual Meeting" in follow.why[-1]
    assert "conf-choose" not in ids(plan)
    # Close to the meeting the steps move into this week / this month.
    near = build_plan(pack, make_profile(pack, next_conference=CONF), today=dt.date(2027, 1, 5))
    assert item(near, "conf-targets").horizon == "this_week"
    assert item(near, "conf-follow-up").horizon == "this_month"


def test_missed_conference_step_is_overdue(pack):
    plan = build_plan(pack, make_profile(pack, next_conference=CONF), today=dt.date(2027, 1, 20))
    targets = item(plan, "conf-targets")
    assert targets.overdue and "overdue" in targets.when
    assert plan.items[0].overdue


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
        active = [i for i in plan.items if i.horizon in ("this_week", "this_month") and not i.done]
        assert plan.capacity == cap
        assert len(active) <= cap
        waiting = [i for i in plan.items if any(w.startswith("Waiting:") for w in i.why)]
        if hours < 40:
            assert waiting, hours
            assert all(i.horizon == "this_stage" for i in waiting)


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
