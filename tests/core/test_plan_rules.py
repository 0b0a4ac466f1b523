"""The plan's rules on a small fixture pack: intents, core steps, the cap, event dates,
stage groups and self-checks. No CT content here: tests/fixtures/rules-pack."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from ctcoach.content import load_pack
from ctcoach.followup import Due
from ctcoach.model import Pack
from ctcoach.plan import Plan, Progress, build_plan
from ctcoach.profile import questions_to_ask, summary, validate_answers
from ctcoach.quiz import QuizAttempt

FIXTURE = Path(__file__).parents[1] / "fixtures" / "rules-pack"
TODAY = dt.date(2027, 3, 1)


@pytest.fixture(scope="module")
def rules() -> Pack:
    return load_pack(FIXTURE)


def plan_for(
    pack: Pack, today: dt.date = TODAY, progress: Progress | None = None, **answers: Any
) -> Plan:
    raw = {"name": "Kim", "stage": "s1", "home": True, "shy": 3, "weekly_hours": 8, **answers}
    profile, errors = validate_answers(pack, raw)
    assert profile is not None, errors
    return build_plan(pack, profile, progress, today=today)


def meeting(start: dt.date, days: int = 3) -> dict[str, Any]:
    return {"name": "Big Meeting", "start": start, "end": start + dt.timedelta(days=days - 1)}


def find(plan: Plan, prefix: str):
    return next(i for i in [*plan.all_items(), *plan.missed] if i.id.split("@")[0] == prefix)


def ids(items) -> set[str]:
    return {i.id.split("@")[0] for i in items}


def test_one_item_per_intent_keeps_the_most_specific_and_merges_reasons(rules):
    plan = plan_for(rules, shy=1)
    emails = [i for i in plan.all_items() if i.intent == "email"]
    assert len(emails) == 1
    (email,) = emails
    assert email.id == "email"  # the roadmap step: as specific, and first in priority
    assert "Approaching people makes you uneasy." in email.why


def test_a_more_specific_action_replaces_the_step_it_stands_for(rules):
    plain = plan_for(rules)
    topical = plan_for(rules, topic=["a"])
    assert "shadow" in ids(plain.all_items()) and "shadow-a" not in ids(plain.all_items())
    assert "shadow" not in ids(topical.all_items())
    shadow_a = find(topical, "shadow-a")
    assert shadow_a.why[0] == "On the guide's roadmap for Phase one."
    assert "You chose topic A." in shadow_a.why


def test_conditions_pick_the_action_that_fits_and_core_steps_come_first(rules):
    away = plan_for(rules, home=False)
    assert "find-home" not in ids(away.all_items())
    first = away.next_actions(2)
    assert [i.id for i in first] == ["find-away", "email"]  # core, before "generic-first"
    assert all(i.key for i in first)
    assert first[0].why[0] == "A key step of Phase one on the guide's roadmap, so it comes first."


def test_the_cap_counts_dated_steps_and_the_rest_is_one_summary_line(rules):
    plan = plan_for(rules, weekly_hours=3, next_conference=meeting(TODAY + dt.timedelta(days=5)))
    assert plan.capacity == 3
    assert len(plan.open_items()) == 3
    assert any(i.date for i in plan.open_items())
    assert plan.waiting
    room = [n for n in plan.notes if "more actions start as you finish these" in n]
    assert len(room) == 1
    assert not any("wait" in w.lower() for i in plan.all_items() for w in i.why)


def test_a_core_step_keeps_a_place_when_dated_steps_crowd_the_week(rules):
    # Three dated steps are due within the week (before, during and after a one-day
    # meeting tomorrow); with three places, one is kept for the top core step.
    plan = plan_for(rules, weekly_hours=3, next_conference=meeting(TODAY + dt.timedelta(days=1), 1))
    dated = [i for i in plan.open_items() if i.date is not None]
    assert len(dated) == 2 and len(plan.open_items()) == 3
    assert any(i.key for i in plan.open_items())
    assert any(i.date is not None for i in plan.waiting)


def test_this_week_holds_only_a_few_undated_steps(rules):
    plan = plan_for(rules, weekly_hours=8)
    week = [i for i in plan.items if i.horizon == "this_week"]
    assert len(week) == rules.plan.week_max


def test_a_late_start_is_due_today_and_says_so_not_overdue(rules):
    plan = plan_for(rules, next_conference=meeting(TODAY + dt.timedelta(days=10)))
    step = find(plan, "ev-before")
    assert step.date == TODAY and step.late and not step.overdue
    assert "start today" in step.when and "10 days away" in step.when
    assert step.horizon == "this_week"


def test_steps_during_the_meeting_span_every_day_of_it(rules):
    start = TODAY - dt.timedelta(days=1)
    for day in range(3):
        today = start + dt.timedelta(days=day)
        plan = plan_for(rules, today=today, next_conference=meeting(start))
        during = find(plan, "ev-during")
        assert not during.overdue and not during.missed and during.date == today
        assert f"day {day + 1} of 3" in during.when


def test_steps_before_the_meeting_are_missed_once_it_starts_not_overdue(rules):
    start = TODAY - dt.timedelta(days=1)
    plan = plan_for(rules, next_conference=meeting(start))
    assert "ev-before" in ids(plan.missed) and "ev-before" not in ids(plan.all_items())
    assert find(plan, "ev-before").missed
    done = Progress(done=frozenset({f"ev-before@{start.isoformat()}"}))
    kept = plan_for(rules, progress=done, next_conference=meeting(start))
    assert "ev-before" in ids(i for i in kept.items if i.done)


def test_the_follow_up_after_the_meeting_is_the_headline(rules):
    end = TODAY - dt.timedelta(days=5)
    plan = plan_for(rules, next_conference=meeting(end - dt.timedelta(days=2)))
    first = plan.next_actions(1)[0]
    assert first.id.startswith("ev-after@") and first.late and not first.overdue
    assert first.date == TODAY and "it was due" in first.when


def test_nothing_is_ever_overdue_around_a_meeting(rules):
    start = TODAY + dt.timedelta(days=30)
    for offset in range(-40, 20):
        today = TODAY + dt.timedelta(days=30 + offset)
        plan = plan_for(rules, today=today, next_conference=meeting(start))
        assert not plan.overdue, today


def test_stage_groups_word_actions_and_limit_questions(rules):
    early, late = plan_for(rules), plan_for(rules, stage="s3")
    assert find(early, "worded").title == "Early wording"
    assert find(late, "worded").title == "Late wording"
    assert "late-only" in ids(late.all_items()) and "late-only" not in ids(early.all_items())
    asked = {q.id: q for q in questions_to_ask(rules, {"stage": "s3"})}
    assert "home" not in asked and asked["topic"].prompt == "Which topic do you work in?"
    assert "home" not in {q.id for q in questions_to_ask(rules, {})}  # before the stage
    assert "home" in {q.id for q in questions_to_ask(rules, {"stage": "s1"})}


def test_answers_that_do_not_matter_for_the_stage_are_left_out(rules):
    profile, errors = validate_answers(
        rules, {"name": "Kim", "stage": "s3", "home": False, "shy": 3, "weekly_hours": 2}
    )
    assert profile is not None, errors
    assert "home" not in profile.answers
    assert "Home program" not in dict(summary(rules, profile))
    missing, errors = validate_answers(rules, {"name": "Kim", "stage": "s1", "shy": 3})
    assert missing is None and any(e.startswith("home:") for e in errors)


def test_a_not_yet_brings_the_action_with_that_intent_that_fits(rules):
    attempt = QuizAttempt("q", TODAY, {"q1": "b"}, {"sc-find": False})
    plan = plan_for(rules, stage="s3", home=None, progress=Progress(quiz_attempts=(attempt,)))
    # s3 is not asked about a home program, so neither "find" action applies there.
    assert "find" not in {i.intent for i in plan.all_items()}
    away = plan_for(rules, home=False, progress=Progress(quiz_attempts=(attempt,)))
    item = find(away, "find-away")
    assert any("“not yet”" in w and "found people at home" in w for w in item.why)


def test_what_the_log_says_is_due_comes_first_and_counts_against_the_cap(rules):
    source = rules.sources["g"]
    due = tuple(
        Due(
            f"follow-up-{n}",
            "follow_up",
            TODAY + dt.timedelta(days=n - 1),
            f"Write to {n}",
            "met at a talk",
            "Thank them.",
            source,
        )
        for n in range(3)
    )
    plan = plan_for(rules, weekly_hours=3, progress=Progress(due=due))
    assert [i.id for i in plan.open_items()] == ["follow-up-0", "follow-up-1", "follow-up-2"]
    assert plan.open_items()[0].overdue  # a follow-up you logged can be late, and says so
    assert all(i.horizon == "this_week" for i in plan.open_items())
    later = Due(
        "promise-9",
        "promise",
        TODAY + dt.timedelta(days=20),
        "Send the draft",
        "promised",
        "Deliver it.",
        source,
    )
    assert "promise-9" not in {i.id for i in plan_for(rules, progress=Progress(due=(later,))).items}
