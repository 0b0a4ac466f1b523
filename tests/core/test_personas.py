"""A gallery of users (tests/personas/*.toml) and properties every plan must have.

Each file is an answers file, as `ctcoach onboard --answers` reads it, plus a
[persona] table with the day to plan for. The properties are what a mentor of CT
applicants would check, not golden text.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from markdown_it import MarkdownIt

from ctcoach.export.markdown import render
from ctcoach.model import Pack, Profile
from ctcoach.plan import Plan, PlanItem, build_plan
from ctcoach.profile import questions_to_ask, validate_answers

PERSONAS = sorted((Path(__file__).parents[1] / "personas").glob("*.toml"))
AT_SCHOOL = re.compile(r"\b(at|from|in) your (medical )?school\b|your school's", re.I)
STUDENT_ONLY = re.compile(
    r"medical school|your school|clerkship|sub-?internship|\bsub-I\b|away rotation|"
    r"application season|as a student",
    re.I,
)


def load(path: Path) -> tuple[dict[str, Any], dt.date]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return raw, raw.pop("persona")["today"]


def profile_of(pack: Pack, raw: dict[str, Any]) -> Profile:
    profile, errors = validate_answers(pack, raw)
    assert profile is not None, errors
    return profile


def everything(plan: Plan) -> list[PlanItem]:
    return [*plan.all_items(), *plan.upcoming]


def text_of(item: PlanItem) -> str:
    return f"{item.title} {item.how}"


class Persona(NamedTuple):
    raw: dict[str, Any]
    profile: Profile
    plan: Plan
    today: dt.date


@pytest.fixture(params=PERSONAS, ids=[p.stem for p in PERSONAS])
def persona(request, pack) -> Persona:
    raw, today = load(request.param)
    profile = profile_of(pack, dict(raw))
    return Persona(raw, profile, build_plan(pack, profile, today=today), today)


def test_the_gallery_covers_the_situations():
    assert len(PERSONAS) >= 10
    stages = {load(p)[0]["stage"] for p in PERSONAS}
    assert {"ms1", "ms3", "ms4", "pgy1", "fellow"} <= stages


def test_no_two_items_serve_the_same_intent(persona):
    plan = persona.plan
    intents = [i.intent for i in everything(plan)]
    assert len(intents) == len(set(intents)), sorted(intents)


def test_nothing_is_overdue_on_any_day_around_the_meeting(pack, persona):
    profile, plan = persona.profile, persona.plan
    event = profile.event
    assert not plan.overdue
    if event is None:
        return
    day = event.start - dt.timedelta(days=35)
    while day <= event.end + dt.timedelta(days=pack.plan.event_stale_days):
        assert not build_plan(pack, profile, today=day).overdue, day
        day += dt.timedelta(days=1)


def test_no_advice_about_your_school_without_a_home_program(persona):
    raw, plan = persona.raw, persona.plan
    if raw.get("home_ct_program", True):
        return
    for item in everything(plan):
        assert not AT_SCHOOL.search(text_of(item)), item.id


def test_residents_and_fellows_get_no_medical_school_questions_or_advice(pack, persona):
    raw, profile, plan = persona.raw, persona.profile, persona.plan
    if pack.group_of(profile.stage) not in ("resident", "fellow"):
        return
    for question in questions_to_ask(pack, raw):
        assert "school" not in f"{question.prompt} {question.label}".lower(), question.id
    assert "home_ct_program" not in profile.answers
    for item in everything(plan):
        if item.horizon != "next_stage":
            assert not STUDENT_ONLY.search(text_of(item)), item.id


def test_each_interest_changes_at_least_two_items(pack, persona):
    def titles(interests: list[str]) -> set[str]:
        profile = profile_of(pack, {**persona.raw, "interests": interests})
        return {i.title for i in build_plan(pack, profile, today=persona.today).all_items()}

    baseline = titles(["undecided"])
    for interest in ("adult_cardiac", "thoracic", "congenital", "transplant_mcs"):
        assert len(titles([interest]) - baseline) >= 2, interest


def test_the_stages_core_steps_come_in_the_first_five(pack, persona):
    plan = persona.plan
    first = plan.next_actions(5)
    keys = [i for i in [*plan.open_items(), *plan.waiting] if i.key]
    assert keys, "every stage has key steps"
    assert keys[0] in first
    for key in keys:
        # A key step is only ever pushed out of the first five by steps with a date.
        assert key in first or all(i.key or i.date for i in first), key.id


def test_open_items_stay_within_the_cap_and_the_rest_is_one_line(pack, persona):
    plan = persona.plan
    assert len(plan.open_items()) <= plan.capacity
    if any(not i.date for i in plan.waiting):
        assert sum("more action" in n for n in plan.notes) == 1
    week = [i for i in plan.items if i.horizon == "this_week" and not i.date]
    assert len(week) <= pack.plan.week_max


def test_why_lines_read_as_reasons(persona):
    plan = persona.plan
    for item in everything(plan):
        assert item.why and item.when and item.source.title, item.id
        for line in item.why:
            assert line[0].isupper() and line.rstrip("”")[-1] in ".?!", (item.id, line)
            assert "You answered" not in line and "((" not in line and " (MS" not in line


def test_the_export_reads_as_plain_text_and_parses_as_the_plan(pack, persona):
    plan = persona.plan
    text = render(pack, plan)
    assert "\\" not in text  # nothing of ours needs escaping
    tokens = MarkdownIt("commonmark").parse(text)
    h2 = [tokens[n + 1].content for n, t in enumerate(tokens) if t.tag == "h2" and t.nesting == 1]
    assert h2[0] == "Profile" and "Quizzes" in h2
    boxes = [line for line in text.splitlines() if line.startswith("- [")]
    assert len(boxes) == len(plan.items)
