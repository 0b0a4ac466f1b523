"""Pitfall check scoring, the mentor team check, what they add to the plan, and
their content rules (on the fixture pack)."""

from __future__ import annotations

import pytest

from ctcoach.content import ContentError, load_pack
from ctcoach.export.markdown import render
from ctcoach.mentors import Mentor, check_team, validate_mentor
from ctcoach.pitfalls import Attempt, check_answers, risk_points, score
from ctcoach.plan import Progress, build_plan

from ..helpers import TODAY, edit, make_profile

EARLIER = TODAY.replace(day=1)


@pytest.fixture
def pack(fixture_pack):
    """Engine rules are tested on the small fixture pack, not on the shipped content."""
    return fixture_pack


def healthy(pack) -> dict[str, int]:
    """Ratings a model networker would give: never for risky habits, always for good ones."""
    return {s.id: (5 if s.reverse else 1) for s in pack.assessment.statements}


def with_pitfall(pack, pitfall: str) -> dict[str, int]:
    """Healthy answers, except the worst possible ones for ``pitfall``."""
    answers = healthy(pack)
    for s in pack.assessment.statements:
        if s.pitfall == pitfall:
            answers[s.id] = 1 if s.reverse else 5
    return answers


def by_id(scores):
    return {s.pitfall.id: s for s in scores}


def test_reverse_items_score_the_other_way():
    assert risk_points(5, reverse=False) == 4 and risk_points(5, reverse=True) == 0
    assert risk_points(1, reverse=False) == 0 and risk_points(1, reverse=True) == 4


def test_agreeing_with_everything_is_not_a_clean_score(pack):
    all_always = {s.id: 5 for s in pack.assessment.statements}
    for result in score(pack, Attempt(TODAY, all_always)):
        assert 0 < result.percent < 100


def test_scores_and_thresholds(pack):
    clean = by_id(score(pack, Attempt(TODAY, healthy(pack))))
    assert all(s.percent == 0 and s.level == "low" for s in clean.values())
    assert clean["drift"].reading == "Drift: fine."
    worst = by_id(score(pack, Attempt(TODAY, with_pitfall(pack, "drift"))))
    assert worst["drift"].percent == 100 and worst["drift"].level == "high"
    assert worst["drift"].reading == "Drift: act now."
    assert worst["rush"].level == "low"
    # "Sometimes" everywhere: exactly half of the possible risk, which is moderate here.
    middle = by_id(score(pack, Attempt(TODAY, {s.id: 3 for s in pack.assessment.statements})))
    assert middle["rush"].percent == 50 and middle["rush"].level == "moderate"
    assert middle["rush"].reading == "Rush: watch it."


def test_change_since_the_previous_attempt(pack):
    before = Attempt(EARLIER, with_pitfall(pack, "drift"))
    after = Attempt(TODAY, healthy(pack))
    result = by_id(score(pack, after, before))
    assert result["drift"].change == -100
    assert result["rush"].change == 0
    assert by_id(score(pack, after))["drift"].change is None


def test_incomplete_answers_are_reported(pack):
    answers = healthy(pack)
    first = pack.assessment.statements[0].id
    del answers[first]
    answers[pack.assessment.statements[1].id] = 9
    problems = check_answers(pack, answers)
    assert f"{first}: not answered" in problems
    assert any("9 is outside 1–5" in p for p in problems)


def test_high_risk_brings_its_fixes_in_place_of_the_general_habit(pack):
    profile = make_profile(pack)
    none = build_plan(pack, profile, today=TODAY)
    ids_none = {i.id for i in none.all_items()}
    assert "check-habits" in ids_none and "habit-log" in ids_none
    attempt = Attempt(TODAY, with_pitfall(pack, "drift"))
    plan = build_plan(pack, profile, Progress(pitfall_attempts=(attempt,)), today=TODAY)
    ids = {i.id for i in plan.all_items()}
    assert {"fix-drift-log", "fix-drift-call"} <= ids
    assert "habit-log" not in ids  # replaced by the sharper fix
    assert "check-habits" not in ids
    fix = next(i for i in plan.all_items() if i.id == "fix-drift-log")
    assert fix.why[0] == "Your pitfall check on 2026-11-24 put “Drifting” at 100% (high risk)."
    assert not ids & {"fix-rush-trim", "fix-rush-scope"}


def test_fixing_the_score_removes_the_items(pack):
    profile = make_profile(pack)
    bad = Attempt(EARLIER, with_pitfall(pack, "rush"))
    good = Attempt(TODAY, healthy(pack))
    plan = build_plan(pack, profile, Progress(pitfall_attempts=(bad, good)), today=TODAY)
    assert not any(i.id.startswith("fix-") for i in plan.all_items())


def test_min_risk_high_needs_a_high_score(pack):
    answers = {s.id: 3 for s in pack.assessment.statements}  # moderate everywhere
    plan = build_plan(
        pack, make_profile(pack), Progress(pitfall_attempts=(Attempt(TODAY, answers),)), today=TODAY
    )
    ids = {i.id for i in plan.all_items()}
    assert "fix-rush-trim" in ids and "fix-rush-scope" not in ids


def test_mentor_gaps_and_warnings(pack):
    profile = make_profile(pack, stage="late")
    lee = Mentor(1, "Dr Lee", ("guide", "peer"), ("replies",))
    plan = build_plan(pack, profile, Progress(mentors=(lee,)), today=TODAY)
    ids = {i.id for i in plan.all_items()}
    assert "team-backer" in ids and "team-peer" not in ids and "team-widen" not in ids
    backer = next(i for i in plan.all_items() if i.id == "team-backer")
    assert "Your mentor team has no backer yet." in backer.why
    pushy = Mentor(2, "Dr Roe", ("backer",), ("pushes", "cancels"))
    plan = build_plan(pack, profile, Progress(mentors=(lee, pushy)), today=TODAY)
    widen = next(i for i in plan.all_items() if i.id == "team-widen")
    assert (
        "Warning signs with Dr Roe: cancels again and again; pushes me in the wrong direction."
        in widen.why
    )
    assert "team-backer" not in {i.id for i in plan.all_items()}


def test_a_role_gap_can_be_for_some_stages_only(pack):
    plan = build_plan(pack, make_profile(pack, stage="early"), today=TODAY)
    ids = {i.id for i in plan.all_items()}
    assert "team-backer" not in ids and "team-guide" in ids


def test_team_check_and_mentor_validation(pack):
    team = check_team(pack, [Mentor(1, "A", ("peer",), ("pushes", "replies"))])
    assert [r.id for r in team.gaps] == ["guide", "backer"]
    assert [s.id for s in team.warnings[0].signs] == ["pushes"]  # "replies" is a good sign
    clean, problems = validate_mentor(pack, "  Dr \x1b[31mX ", ["peer", "guide"], ["replies"])
    assert problems == [] and clean == ("Dr X", ("guide", "peer"), ("replies",))
    _, problems = validate_mentor(pack, "", [], ["nope"])
    assert [str(p) for p in problems] == [
        "name: is required",
        "signs: unknown sign 'nope'",
        "roles: pick at least one role",
    ]


def test_markdown_sections(pack):
    attempt = Attempt(TODAY, with_pitfall(pack, "drift"))
    earlier = Attempt(EARLIER, healthy(pack))
    mentor = Mentor(1, "Dr *Star*", ("guide",), ("cancels",))
    progress = Progress(pitfall_attempts=(earlier, attempt), mentors=(mentor,))
    text = render(pack, build_plan(pack, make_profile(pack), progress, today=TODAY))
    assert "## Pitfalls" in text and "## Mentor team" in text
    assert "- **Drifting:** 100% — high risk, +100 since last time" in text
    assert "  Drift: act now." in text
    assert "- **Rushing:** 0% — low risk, no change" in text
    assert "- Guide: Dr \\*Star\\*" in text
    assert "- Backer: **gap**" in text
    untaken = render(pack, build_plan(pack, make_profile(pack), today=TODAY))
    assert "Not taken yet: take the pitfall check in the ctcoach app." in untaken


# -- content rules -------------------------------------------------------------------


def drop_statement(folder, statement_id: str) -> None:
    path = folder / "assessment.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f'[[statements]]\nid = "{statement_id}"')
    end = text.index("\n[[", start + 10)
    path.write_text(text[:start] + text[end + 1 :], encoding="utf-8")


def content_problems(folder) -> str:
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    return "\n".join(info.value.problems)


def test_content_needs_five_statements_per_pitfall(broken):
    drop_statement(broken, "dr-1")
    drop_statement(broken, "dr-5")
    assert "pitfall 'drift' has 3 statements; it needs 5" in content_problems(broken)


def test_content_needs_reverse_worded_statements(broken):
    for ident in ("ru-4", "ru-5"):
        edit(
            broken,
            "assessment.toml",
            f'id = "{ident}"\npitfall = "rush"\nreverse = true',
            f'id = "{ident}"\npitfall = "rush"',
        )
    found = content_problems(broken)
    assert "pitfall 'rush' needs both plain and reverse-worded statements" in found
    assert "has 5 statements" not in found


def test_content_needs_readings_for_every_pitfall(broken):
    edit(
        broken,
        "assessment.toml",
        '[[readings]]\npitfall = "drift"',
        '[[readings]]\npitfall = "drifts"',
    )
    found = content_problems(broken)
    assert "pitfall 'drift' has no [[readings]]" in found
    assert "no pitfall topic 'drifts'" in found


def test_content_rejects_unknown_pitfall_and_bad_thresholds(broken):
    edit(broken, "assessment.toml", 'id = "ru-1"\npitfall = "rush"', 'id = "ru-1"\npitfall = "rus"')
    edit(broken, "assessment.toml", "moderate = 40", "moderate = 80")
    edit(broken, "assessment.toml", 'pitfall = "rush"\nhorizon', 'pitfall = "nobody"\nhorizon')
    edit(broken, "mentors.toml", 'mentor_gap = "peer"', 'mentor_gap = "buddy"')
    joined = content_problems(broken)
    assert "statements[5].pitfall: no pitfall topic 'rus'" in joined
    assert "need 0 < moderate < high" in joined
    assert "pitfall: no pitfall topic 'nobody'" in joined
    assert "mentor_gap: no mentor role 'buddy'" in joined
