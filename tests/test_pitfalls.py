"""Pitfall check scoring, its content rules, and what it adds to the plan."""

from __future__ import annotations

import pytest

from ctcoach.content import ContentError, load_pack
from ctcoach.export.markdown import render
from ctcoach.mentors import Mentor, check_team, validate_mentor
from ctcoach.pitfalls import Attempt, check_answers, risk_points, score
from ctcoach.plan import Progress, build_plan

from .conftest import TODAY, make_profile
from .test_content import broken, edit  # noqa: F401  (fixture and helper)

EARLIER = TODAY.replace(day=1)


def healthy(pack) -> dict[str, int]:
    """Ratings a model networker would give: never for risky habits, always for good ones."""
    return {s.id: (5 if s.reverse else 1) for s in pack.assessment.statements}


def with_pitfall(pack, pitfall: str, healthy_answers: bool) -> dict[str, int]:
    answers = healthy(pack)
    for s in pack.assessment.statements:
        if s.pitfall == pitfall and not healthy_answers:
            answers[s.id] = 1 if s.reverse else 5
    return answers


def by_id(scores):
    return {s.pitfall.id: s for s in scores}


def test_every_pitfall_has_five_statements_both_ways(pack):
    for pitfall in pack.topics_of("pitfall"):
        own = [s for s in pack.assessment.statements if s.pitfall == pitfall.id]
        assert len(own) >= 5
        assert {s.reverse for s in own} == {True, False}
        assert set(pack.assessment.readings[pitfall.id]) == {"low", "moderate", "high"}


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
    worst = by_id(score(pack, Attempt(TODAY, with_pitfall(pack, "follow-up", False))))
    assert worst["follow-up"].percent == 100 and worst["follow-up"].level == "high"
    assert worst["transactional"].level == "low"
    # "Sometimes" everywhere: exactly half of the possible risk, which is moderate here.
    middle = by_id(score(pack, Attempt(TODAY, {s.id: 3 for s in pack.assessment.statements})))
    assert middle["overcommitting"].percent == 50 and middle["overcommitting"].level == "moderate"


def test_change_since_the_previous_attempt(pack):
    before = Attempt(EARLIER, with_pitfall(pack, "follow-up", False))
    after = Attempt(TODAY, healthy(pack))
    result = by_id(score(pack, after, before))
    assert result["follow-up"].change == -100
    assert result["transactional"].change == 0
    assert by_id(score(pack, after))["follow-up"].change is None


def test_incomplete_answers_are_reported(pack):
    answers = healthy(pack)
    first = pack.assessment.statements[0].id
    del answers[first]
    answers[pack.assessment.statements[1].id] = 9
    problems = check_answers(pack, answers)
    assert f"{first}: not answered" in problems
    assert any("9 is outside 1–5" in p for p in problems)


def test_high_follow_up_risk_brings_its_fixes(pack):
    profile = make_profile(pack)
    none = build_plan(pack, profile, today=TODAY)
    ids_none = {i.id for i in none.all_items()}
    assert "check-pitfalls" in ids_none and "habit-log" in ids_none
    attempt = Attempt(TODAY, with_pitfall(pack, "follow-up", False))
    plan = build_plan(pack, profile, Progress(pitfall_attempts=(attempt,)), today=TODAY)
    ids = {i.id for i in plan.all_items()}
    assert {"fix-follow-up-log", "fix-follow-up-72h"} <= ids
    assert "habit-log" not in ids  # replaced by the sharper fix
    assert "check-pitfalls" not in ids
    fix = next(i for i in plan.all_items() if i.id == "fix-follow-up-log")
    assert "“Neglecting follow-up” at 100% (high risk)" in fix.why[0]
    assert not ids & {"fix-transactional-give-first", "fix-overcommitting-trim"}


def test_fixing_the_score_removes_the_items(pack):
    profile = make_profile(pack)
    bad = Attempt(EARLIER, with_pitfall(pack, "overcommitting", False))
    good = Attempt(TODAY, healthy(pack))
    plan = build_plan(pack, profile, Progress(pitfall_attempts=(bad, good)), today=TODAY)
    assert not any(i.id.startswith("fix-") for i in plan.all_items())


def test_min_risk_high_needs_a_high_score(pack):
    answers = {s.id: 3 for s in pack.assessment.statements}  # moderate everywhere
    plan = build_plan(
        pack, make_profile(pack), Progress(pitfall_attempts=(Attempt(TODAY, answers),)), today=TODAY
    )
    ids = {i.id for i in plan.all_items()}
    assert "fix-overcommitting-trim" in ids and "fix-overcommitting-scope" not in ids


def test_mentor_gaps_and_warnings(pack):
    profile = make_profile(pack, stage="pgy2")
    lee = Mentor(1, "Dr Lee", ("career", "research", "skills", "peer"), ("responds",))
    plan = build_plan(pack, profile, Progress(mentors=(lee,)), today=TODAY)
    ids = {i.id for i in plan.all_items()}
    assert "team-sponsor" in ids and "team-peer" not in ids and "team-diversify" not in ids
    sponsor = next(i for i in plan.all_items() if i.id == "team-sponsor")
    assert "Your mentor team has no sponsor yet." in sponsor.why
    pushy = Mentor(2, "Dr Roe", ("sponsor",), ("pressure", "cancels"))
    plan = build_plan(pack, profile, Progress(mentors=(lee, pushy)), today=TODAY)
    diversify = next(i for i in plan.all_items() if i.id == "team-diversify")
    assert any("Warning signs with Dr Roe: is repeatedly unavailable" in w for w in diversify.why)
    assert "team-sponsor" not in {i.id for i in plan.all_items()}


def test_sponsor_gap_is_for_residents_only(pack):
    plan = build_plan(pack, make_profile(pack, stage="ms1"), today=TODAY)
    ids = {i.id for i in plan.all_items()}
    assert "team-sponsor" not in ids and "team-career" in ids


def test_team_check_and_mentor_validation(pack):
    team = check_team(pack, [Mentor(1, "A", ("peer",), ("diverged",))])
    assert [r.id for r in team.gaps] == ["career", "research", "skills", "sponsor"]
    assert team.warnings[0].signs[0].id == "diverged"
    clean, problems = validate_mentor(pack, "  Dr \x1b[31mX ", ["peer", "career"], ["responds"])
    assert problems == [] and clean == ("Dr X", ("career", "peer"), ("responds",))
    _, problems = validate_mentor(pack, "", [], ["nope"])
    assert [str(p) for p in problems] == [
        "name: is required",
        "signs: unknown sign 'nope'",
        "roles: pick at least one role",
    ]


def test_markdown_sections(pack):
    attempt = Attempt(TODAY, with_pitfall(pack, "follow-up", False))
    earlier = Attempt(EARLIER, healthy(pack))
    mentor = Mentor(1, "Dr *Star*", ("career",), ("cancels",))
    progress = Progress(pitfall_attempts=(earlier, attempt), mentors=(mentor,))
    text = render(pack, build_plan(pack, make_profile(pack), progress, today=TODAY))
    assert "## Pitfalls" in text and "## Mentor team" in text
    assert "- **Neglecting follow-up:** 100% — high risk, +100 since last time" in text
    assert "- Career mentor: Dr \\*Star\\*" in text
    assert "- Sponsor: **gap**" in text
    untaken = render(pack, build_plan(pack, make_profile(pack), today=TODAY))
    assert "Not taken yet" in untaken


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


def test_content_needs_five_statements_per_pitfall(broken):  # noqa: F811
    drop_statement(broken, "tr-curiosity")
    drop_statement(broken, "tr-letter-early")
    assert "pitfall 'transactional' has 4 statements; it needs 5" in content_problems(broken)


def test_content_needs_reverse_worded_statements(broken):  # noqa: F811
    for ident in ("oc-warn-early", "oc-scoped-offer"):
        edit(
            broken,
            "assessment.toml",
            f'id = "{ident}"\npitfall = "overcommitting"\nreverse = true',
            f'id = "{ident}"\npitfall = "overcommitting"',
        )
    found = content_problems(broken)
    assert "pitfall 'overcommitting' needs both plain and reverse-worded statements" in found
    assert "has 5 statements" not in found


def test_content_needs_readings_for_every_pitfall(broken):  # noqa: F811
    edit(
        broken,
        "assessment.toml",
        '[[readings]]\npitfall = "follow-up"',
        '[[readings]]\npitfall = "follow-upp"',
    )
    found = content_problems(broken)
    assert "pitfall 'follow-up' has no [[readings]]" in found
    assert "no pitfall topic 'follow-upp'" in found


def test_content_rejects_unknown_pitfall_and_bad_thresholds(broken):  # noqa: F811
    edit(broken, "assessment.toml", 'pitfall = "overcommitting"', 'pitfall = "overworking"')
    edit(broken, "assessment.toml", "moderate = 40", "moderate = 80")
    edit(broken, "pitfalls.toml", 'pitfall = "non-surgeons"', 'pitfall = "nobody"')
    edit(broken, "mentorship.toml", 'mentor_gap = "peer"', 'mentor_gap = "buddy"')
    joined = content_problems(broken)
    assert "statements[6].pitfall: no pitfall topic 'overworking'" in joined
    assert "need 0 < moderate < high" in joined
    assert "pitfall: no pitfall topic 'nobody'" in joined
    assert "mentor_gap: no mentor role 'buddy'" in joined
