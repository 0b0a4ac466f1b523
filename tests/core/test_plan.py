"""Plan rules: how the profile shapes the plan (on the fixture pack)."""

from __future__ import annotations

import datetime as dt

import pytest

from ctcoach.plan import Progress, build_plan

from ..helpers import TODAY, make_profile

CONF = {"name": "Spring Meeting", "start": dt.date(2027, 1, 28), "end": dt.date(2027, 1, 31)}


@pytest.fixture
def pack(fixture_pack):
    """Engine rules are tested on the small fixture pack, not on the shipped content."""
    return fixture_pack


def everything(plan):
    """Active, done and waiting items, the next stage's preview and missed steps."""
    return [*plan.all_items(), *plan.upcoming, *plan.missed]


def ids(plan):
    return {i.id.split("@")[0] for i in everything(plan)}


def item(plan, prefix):
    return next(i for i in everything(plan) if i.id.split("@")[0] == prefix)


def test_stage_picks_the_roadmap(pack):
    early = build_plan(pack, make_profile(pack, stage="early"), today=TODAY)
    late = build_plan(pack, make_profile(pack, stage="late"), today=TODAY)
    assert "a-start" in ids(early) and "a-start" not in ids(late)
    assert "c-start" in ids(late) and "c-start" not in ids(early)
    assert item(early, "b-start").horizon == "next_stage"  # a preview of the next phase
    assert "b-start" not in ids(late)  # phase C is the last one: nothing to preview
    assert "Phase A" in item(early, "a-start").why[0]
    assert "Phase B" in item(early, "b-start").why[0]


def test_a_condition_on_a_yes_no_answer(pack):
    home = build_plan(pack, make_profile(pack, has_base=True), today=TODAY)
    away = build_plan(pack, make_profile(pack, has_base=False), today=TODAY)
    assert "no-base-nearby" in ids(away) - ids(home)
    assert item(away, "no-base-nearby").why[0] == "You have no base."  # the action's own reason
    # Two conditions must both hold: this one is for the late stages only.
    assert "no-base-late" not in ids(away)
    late = build_plan(pack, make_profile(pack, has_base=False, stage="late"), today=TODAY)
    assert "no-base-late" in ids(late)


def test_a_maximum_on_a_scale_answer(pack):
    shy = build_plan(pack, make_profile(pack, comfort=2), today=TODAY)
    bold = build_plan(pack, make_profile(pack, comfort=3), today=TODAY)
    assert {"calm-prepare", "calm-write"} <= ids(shy) - ids(bold)
    assert item(shy, "calm-write").why[0] == "You find approaching people hard."


def test_has_none_and_has_any_on_a_multi_answer(pack):
    none = build_plan(pack, make_profile(pack, clubs=[]), today=TODAY)
    green = build_plan(pack, make_profile(pack, clubs=["green"]), today=TODAY)
    blue = build_plan(pack, make_profile(pack, clubs=["blue", "green"]), today=TODAY)
    assert "join-club" in ids(none) and "join-club" in ids(green)
    assert "join-club" not in ids(blue)
    assert item(none, "join-club").why[0] == "You are in neither club."
    unsure = build_plan(pack, make_profile(pack, areas=["north", "unsure"]), today=TODAY)
    assert "unsure-explore" in ids(unsure) - ids(green)


def test_next_conference_brings_dated_items(pack):
    plan = build_plan(pack, make_profile(pack, next_conference=CONF), today=TODAY)
    targets = item(plan, "ev-list")
    follow = item(plan, "ev-follow-up")
    assert targets.date == dt.date(2027, 1, 7)  # three weeks before the start
    assert follow.date == dt.date(2027, 2, 3)  # three days after the end
    assert follow.why[-1] == "Spring Meeting ends 2027-01-31."
    assert "ev-choose" not in ids(plan)
    # Close to the meeting its first step moves into this week; the rest keep their dates.
    near = build_plan(pack, make_profile(pack, next_conference=CONF), today=dt.date(2027, 1, 5))
    assert item(near, "ev-list").horizon == "this_week"
    assert item(near, "ev-follow-up").date == dt.date(2027, 2, 3)


def test_a_late_start_is_due_today_not_overdue(pack):
    plan = build_plan(pack, make_profile(pack, next_conference=CONF), today=dt.date(2027, 1, 20))
    targets = item(plan, "ev-list")
    assert targets.late and not targets.overdue and targets.date == dt.date(2027, 1, 20)


def test_past_conference_drops_its_steps_and_asks_for_the_next(pack):
    plan = build_plan(pack, make_profile(pack, next_conference=CONF), today=dt.date(2027, 3, 1))
    assert "ev-list" not in ids(plan)
    assert "ev-choose" in ids(plan)
    assert any("ended 2027-01-31" in n for n in plan.notes)
    no_conf = build_plan(pack, make_profile(pack), today=TODAY)
    assert "ev-choose" in ids(no_conf)


def test_weekly_hours_cap_active_items(pack):
    for hours, cap in ((1, 2), (3, 3), (5, 5), (40, 8)):
        plan = build_plan(
            pack,
            make_profile(pack, weekly_hours=hours, has_base=False, comfort=1),
            today=TODAY,
        )
        active = [i for i in plan.items if i.horizon in ("this_week", "this_month") and not i.done]
        assert plan.capacity == cap
        assert len(active) <= cap
        if hours < 40:
            assert plan.waiting, hours
            assert all(i.waiting and i.horizon == "this_stage" for i in plan.waiting)


def test_done_items_free_room_and_stay_marked(pack):
    profile = make_profile(pack, weekly_hours=1)
    plan = build_plan(pack, profile, today=TODAY)
    first = [i for i in plan.items if i.horizon in ("this_week", "this_month")]
    done = build_plan(pack, profile, Progress(frozenset({first[0].id})), today=TODAY)
    assert item(done, first[0].id).done
    active_open = [i for i in done.items if i.horizon in ("this_week", "this_month") and not i.done]
    assert len(active_open) == 2


def test_same_inputs_same_plan(pack):
    profile = make_profile(pack, next_conference=CONF, has_base=False)
    assert build_plan(pack, profile, today=TODAY) == build_plan(pack, profile, today=TODAY)


def test_every_item_explains_itself(pack):
    for stage in ("early", "middle", "late", "last"):
        plan = build_plan(pack, make_profile(pack, stage=stage, next_conference=CONF), today=TODAY)
        for i in plan.items:
            assert i.why and i.when and i.source.title, i.id


@pytest.mark.parametrize("hours", [1, 2, 4])
def test_what_waits_is_listed_in_the_order_it_starts(pack, hours):
    """Finish the active items one at a time: each time, the first of the waiting items
    that were due now is the one that becomes active (a meeting's steps included)."""
    near = {
        "name": "Spring Meeting",
        "start": TODAY + dt.timedelta(days=7),
        "end": TODAY + dt.timedelta(days=8),
    }
    profile = make_profile(pack, next_conference=near, weekly_hours=hours)
    done: set[str] = set()
    plan = build_plan(pack, profile, today=TODAY)
    for _ in range(6):
        waiting_now = [i for i in plan.waiting if not i.date or i.date <= TODAY]
        active = [i for i in plan.items if not i.done]
        if not waiting_now or not active:
            break
        done.add(active[0].id)
        before = {i.id for i in active}
        plan = build_plan(pack, profile, Progress(done=frozenset(done)), today=TODAY)
        started = [i.id for i in plan.items if not i.done and i.id not in before]
        assert started and started[0] == waiting_now[0].id
