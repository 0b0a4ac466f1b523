"""Loading and validating content packs: the shipped one, and broken copies of the
fixture pack for the validation rules."""

from __future__ import annotations

import datetime as dt

from ctcoach.content import load_pack
from ctcoach.plan import build_plan

from ..helpers import CONTENT, TODAY, edit, make_profile, problems

# -- the shipped pack ---------------------------------------------------------------


def test_shipped_pack_is_valid_and_complete(pack):
    assert {t.id for t in pack.tiers} == {"local", "regional-national", "societies"}
    assert [p.id for p in pack.phases] == ["ms1-ms2", "ms3", "ms4", "residency", "senior"]
    kinds = {t.kind for t in pack.topics}
    assert {"pitfall", "faq", "mentor_role", "playbook", "mentorship"} <= kinds
    assert len(pack.topics_of("pitfall")) == 4
    assert len(pack.topics_of("faq")) == 4
    assert len(pack.topics_of("mentor_role")) == 4
    for phase in pack.phases:
        assert any(a.phase == phase.id for a in pack.actions), phase.id
    assert all(a.source.id in pack.sources for a in pack.actions)


def test_shipped_content_does_not_mention_the_advertisement():
    for path in CONTENT.rglob("*.toml"):
        assert "smartpick" not in path.read_text(encoding="utf-8").lower()


def test_every_shipped_quiz_meets_the_content_rules(pack):
    assert len(pack.quizzes) == 8
    for quiz in pack.quizzes:
        assert len(quiz.questions) >= 8, quiz.id
        assert quiz.self_checks, quiz.id
        for q in quiz.questions:
            assert 3 <= len(q.options) <= 4
            assert q.answer in {o.id for o in q.options}
            assert all(o.why.strip() for o in q.options)
            assert q.topic in pack.quiz_topics and q.source.id in pack.sources


def test_every_shipped_pitfall_has_five_statements_both_ways(pack):
    for pitfall in pack.topics_of("pitfall"):
        own = [s for s in pack.assessment.statements if s.pitfall == pitfall.id]
        assert len(own) >= 5
        assert {s.reverse for s in own} == {True, False}
        assert set(pack.assessment.readings[pitfall.id]) == {"low", "moderate", "high"}


def test_every_shipped_stage_gets_a_plan_that_explains_itself(pack):
    conference = {"name": "STS", "start": dt.date(2027, 1, 28), "end": dt.date(2027, 1, 31)}
    for stage in pack.question("stage").choice_ids:
        profile = make_profile(pack, stage=stage, next_conference=conference)
        plan = build_plan(pack, profile, today=TODAY)
        assert plan.phase is not None and plan.items, stage
        for i in plan.items:
            assert i.why and i.when and i.source.title, i.id


# -- validation rules, on broken copies of the fixture pack -------------------------


def test_the_fixture_pack_itself_is_valid(fixture_pack):
    assert fixture_pack.id == "test-pack"


def test_invalid_toml_names_the_file(broken):
    (broken / "actions.toml").write_text("[[topics]\nid = ", encoding="utf-8")
    [problem] = problems(broken)
    assert problem.startswith(f"{broken / 'actions.toml'}: invalid TOML")


def test_missing_pack_file(broken):
    (broken / "pack.toml").unlink()
    assert "pack.toml: missing" in problems(broken)[0]


def test_not_a_folder(tmp_path):
    assert "not a folder" in problems(tmp_path / "nope")[0]


def test_unknown_source_names_file_and_key_path(broken):
    edit(broken, "actions.toml", 'source = "ch-2"', 'source = "ch-9"')
    assert problems(broken) == [
        f"{broken / 'actions.toml'}: actions[0].source: unknown source 'ch-9' "
        "(define it under [[sources]] in pack.toml)"
    ]


def test_unknown_key_is_reported(broken):
    edit(broken, "actions.toml", 'id = "no-base-nearby"', 'id = "no-base-nearby"\nhorizen = "x"')
    assert any("actions[2].horizen: unknown key" in p for p in problems(broken))


def test_missing_required_field(broken):
    edit(broken, "assessment.toml", 'title = "Keep a log"', 'name = "Keep a log"')
    found = problems(broken)
    assert any(p.endswith(".title: missing") for p in found)


def test_duplicate_id(broken):
    edit(broken, "actions.toml", 'id = "calm-write"', 'id = "calm-prepare"')
    assert any("duplicate id 'calm-prepare'" in p for p in problems(broken))


def test_condition_on_unknown_question(broken):
    edit(broken, "actions.toml", "when = { has_base = false }", "when = { home = false }")
    assert any("no question with id 'home'" in p for p in problems(broken))


def test_condition_with_unknown_choice(broken):
    edit(broken, "actions.toml", 'has_none = ["red", "blue"]', 'has_none = ["red", "purple"]')
    found = problems(broken)
    assert any("'purple' is not a choice of question 'clubs'" in p for p in found)
    assert any(".when.clubs.has_none[1]" in p for p in found)


def test_unknown_phase(broken):
    edit(broken, "roadmap.toml", 'phase = "phase-b"', 'phase = "phase-x"')
    assert any("unknown phase 'phase-x'" in p for p in problems(broken))


def test_bad_horizon(broken):
    edit(broken, "actions.toml", 'horizon = "this_week"', 'horizon = "someday"')
    assert any("'someday' is not one of" in p for p in problems(broken))


def test_stage_not_covered_by_any_phase(broken):
    edit(broken, "roadmap.toml", 'stages = ["late", "last"]', 'stages = ["late"]')
    assert any("no phase covers stage(s) last" in p for p in problems(broken))


def test_engine_question_missing(broken):
    edit(broken, "questions.toml", 'id = "weekly_hours"', 'id = "hours"')
    found = problems(broken)
    assert any("needs a int question with id 'weekly_hours'" in p for p in found)


def test_default_that_does_not_fit(broken):
    edit(broken, "questions.toml", "default = 3\n", "default = 9\n")  # the 1–5 comfort scale
    assert any("default does not fit the question: 9 is outside 1–5" in p for p in problems(broken))


def test_wrong_type(broken):
    edit(broken, "actions.toml", 'id = "join-club"', 'id = "join-club"\npriority = "high"')
    assert any(".priority: must be a whole number, not str" in p for p in problems(broken))


def test_all_problems_are_reported_at_once(broken):
    edit(broken, "roadmap.toml", 'phase = "phase-b"', 'phase = "phase-x"')
    edit(broken, "actions.toml", 'source = "ch-3"', 'source = "nope"')
    assert len(problems(broken)) >= 2


def test_second_pack_needs_no_code(tmp_path):
    """A minimal pack for another specialty loads and plans with the same engine."""
    (tmp_path / "pack.toml").write_text(
        '[pack]\nid = "x"\ntitle = "X"\nguide = "G"\n[[sources]]\nid = "g"\ntitle = "Guide"\n',
        encoding="utf-8",
    )
    (tmp_path / "q.toml").write_text(
        """
[[questions]]
id = "name"
kind = "text"
label = "Name"
prompt = "Name?"
required = true
[[questions]]
id = "stage"
kind = "choice"
label = "Stage"
prompt = "Stage?"
required = true
choices = [{ id = "a", label = "A" }]
[[questions]]
id = "weekly_hours"
kind = "int"
label = "Hours"
prompt = "Hours?"
required = true
min = 1
max = 9
[[phases]]
id = "p"
title = "Phase A"
stages = ["a"]
goal = "Goal"
source = "g"
[[actions]]
id = "do"
phase = "p"
horizon = "this_week"
title = "Do the thing"
how = "Like so"
source = "g"
""",
        encoding="utf-8",
    )
    pack = load_pack(tmp_path)
    assert [a.title for a in pack.actions] == ["Do the thing"]
