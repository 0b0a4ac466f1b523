"""Loading and validating content packs: the shipped one and broken ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctcoach.content import ContentError, load_pack

from ..helpers import CONTENT, edit


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
    for path in CONTENT.glob("*.toml"):
        assert "smartpick" not in path.read_text(encoding="utf-8").lower()


def problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    return info.value.problems


def test_invalid_toml_names_the_file(broken):
    (broken / "faq.toml").write_text("[[topics]\nid = ", encoding="utf-8")
    [problem] = problems(broken)
    assert problem.startswith(f"{broken / 'faq.toml'}: invalid TOML")


def test_missing_pack_file(broken):
    (broken / "pack.toml").unlink()
    assert "pack.toml: missing" in problems(broken)[0]


def test_not_a_folder(tmp_path):
    assert "not a folder" in problems(tmp_path / "nope")[0]


def test_unknown_source_names_file_and_key_path(broken):
    edit(broken, "roadmap.toml", 'source = "roadmap-ms3"', 'source = "roadmap-ms9"')
    [problem] = problems(broken)
    assert problem.startswith(f"{broken / 'roadmap.toml'}: actions[")
    assert ".source: unknown source 'roadmap-ms9'" in problem


def test_unknown_key_is_reported(broken):
    edit(broken, "faq.toml", 'id = "no-program-nearby"', 'id = "no-program-nearby"\nhorizen = "x"')
    assert any("horizen: unknown key" in p for p in problems(broken))


def test_missing_required_field(broken):
    edit(
        broken,
        "pitfalls.toml",
        'title = "Start an interaction log',
        'name = "Start an interaction log',
    )
    found = problems(broken)
    assert any(p.endswith(".title: missing") for p in found)


def test_duplicate_id(broken):
    edit(broken, "faq.toml", 'id = "quiet-email-first"', 'id = "quiet-prepare-questions"')
    assert any("duplicate id 'quiet-prepare-questions'" in p for p in problems(broken))


def test_condition_on_unknown_question(broken):
    edit(
        broken, "faq.toml", "when = { home_ct_program = false }", "when = { home_program = false }"
    )
    assert any("no question with id 'home_program'" in p for p in problems(broken))


def test_condition_with_unknown_choice(broken):
    edit(broken, "faq.toml", 'has_none = ["sts", "aats"]', 'has_none = ["sts", "acs"]')
    found = problems(broken)
    assert any("'acs' is not a choice of question 'societies'" in p for p in found)
    assert any(".when.societies.has_none[1]" in p for p in found)


def test_unknown_phase(broken):
    edit(broken, "roadmap.toml", 'phase = "ms3"', 'phase = "ms5"')
    assert any("unknown phase 'ms5'" in p for p in problems(broken))


def test_bad_horizon(broken):
    edit(broken, "pitfalls.toml", 'horizon = "this_week"', 'horizon = "someday"')
    assert any("'someday' is not one of" in p for p in problems(broken))


def test_stage_not_covered_by_any_phase(broken):
    edit(broken, "roadmap.toml", 'stages = ["senior", "fellow"]', 'stages = ["senior"]')
    assert any("no phase covers stage(s) fellow" in p for p in problems(broken))


def test_engine_question_missing(broken):
    edit(broken, "onboarding.toml", 'id = "weekly_hours"', 'id = "hours"')
    found = problems(broken)
    assert any("needs a int question with id 'weekly_hours'" in p for p in found)


def test_default_that_does_not_fit(broken):
    edit(broken, "onboarding.toml", "default = 3\n", "default = 9\n")
    assert any("default does not fit the question: 9 is outside 1–5" in p for p in problems(broken))


def test_wrong_type(broken):
    edit(broken, "faq.toml", 'id = "join-society"', 'id = "join-society"\npriority = "high"')
    assert any(".priority: must be a whole number, not str" in p for p in problems(broken))


def test_all_problems_are_reported_at_once(broken):
    edit(broken, "roadmap.toml", 'phase = "ms3"', 'phase = "ms5"')
    edit(broken, "faq.toml", 'source = "faq-research"', 'source = "nope"')
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
