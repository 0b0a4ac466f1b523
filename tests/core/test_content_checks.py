"""Stage groups, intents and wording variants are validated when a pack loads;
`content check` also reports quizzes a guesser could pass and near-duplicate actions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ctcoach.cli import run
from ctcoach.content import load_pack
from ctcoach.content.review import review_pack

from ..helpers import CONTENT, edit, problems

FIXTURE = Path(__file__).parents[1] / "fixtures" / "rules-pack"


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    target = tmp_path / "pack"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A copy of the shipped pack: for checks that need its events and drafts."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        ("actions.toml", 'groups = ["late"]', 'groups = ["later"]', "unknown stage group 'later'"),
        (
            "actions.toml",
            'id = "late-only"\n',
            'id = "late-only"\nvariants.early = { title = "x" }\n',
            "variants.early: the action is not for stage group 'early'",
        ),
        ("actions.toml", 'why = "You chose topic A."\n', "", "needs a `why`"),
        ("actions.toml", 'replaces = ["shadow"]', 'replaces = ["shade"]', "no action has intent"),
        ("actions.toml", 'core = ["deep"]', 'core = ["deeper"]', "core intent 'deeper'"),
        (
            "actions.toml",
            'event = { anchor = "during" }',
            'event = { anchor = "during", offset_days = 2 }',
            "a step during or in the middle of the event takes no offset",
        ),
        ("questions.toml", 'stages = ["s3"]', 'stages = ["s2", "s3"]', "already in group 'early'"),
        ("questions.toml", "variants.late = { prompt", "variants.lat = { prompt", "group 'lat'"),
    ],
)
def test_new_keys_are_validated_with_file_and_key_path(pack_dir, name, old, new, message):
    edit(pack_dir, name, old, new)
    found = problems(pack_dir)
    assert any(message in p for p in found), found
    assert all(p.startswith(str(pack_dir)) for p in found)


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        (
            "playbooks.toml",
            'event_kinds = ["away_rotation", "sub_internship"]',
            'event_kinds = ["away", "sub_internship"]',
            "unknown event kind 'away'",
        ),
        (
            "playbooks.toml",
            'id = "digital-boundaries"',
            'id = "digital-boundaries"\nevent_kinds = ["conference"]',
            "only a step dated from an event",
        ),
        (
            "playbooks.toml",
            'title = "Check your online presence',
            'title = "Before {event}: check your online presence',
            "unknown placeholder {event}",
        ),
        (
            "playbooks.toml",
            'title = "Make a target list of {targets} people for {event}"',
            'title = "Make a target list for {meeting}"',
            "unknown placeholder {meeting}",
        ),
        (
            "playbooks.toml",
            'event = { anchor = "middle" }',
            'event = { anchor = "middle", offset_days = 2 }',
            "a step during or in the middle of the event takes no offset",
        ),
        ("events.toml", 'profile_kind = "conference"', 'profile_kind = "meeting"', "no event kind"),
        ("playbooks.toml", 'done_when = "goal:feedback"', 'done_when = "goal:fly"', "goal:<id>"),
        ("playbooks.toml", 'done_when = "emails"', 'done_when = "mails"', "must be targets"),
        (
            "events.toml",
            'draft_before = "pre-rotation"',
            'draft_before = "pre-rotate"',
            "no draft kind 'pre-rotate'",
        ),
        ("events.toml", "steps.research = {", "steps.advocate = {", "must be research or email"),
    ],
)
def test_event_playbooks_and_kinds_are_validated(content_dir, name, old, new, message):
    """Event kinds of dated steps, their words, anchors and `done_when`, the kinds' draft
    kinds and wording, checked on the shipped pack."""
    edit(content_dir, name, old, new)
    found = problems(content_dir)
    assert any(message in p for p in found), found


def test_a_question_asked_by_stage_group_comes_after_the_stage(pack_dir):
    path = pack_dir / "questions.toml"
    text = path.read_text(encoding="utf-8")
    home = text[
        text.index('[[questions]]\nid = "home"') : text.index('[[questions]]\nid = "topic"')
    ]
    path.write_text(home + text.replace(home, ""), encoding="utf-8")
    assert any("must come after the stage question" in p for p in problems(pack_dir))


def test_the_shipped_pack_passes_its_own_review(pack):
    review = review_pack(pack)
    assert review.ok, review.failures
    assert review.warnings == ()
    for lengths in review.quizzes:
        assert lengths.percent <= pack.quiz_checks.longest_right_max_percent, lengths.quiz.id


def test_a_quiz_whose_right_answer_is_the_longest_fails(pack_dir, capsys):
    edit(
        pack_dir,
        "quiz.toml",
        "Act on the plan today.",
        "Act on the plan today, one step at a time.",
    )
    edit(pack_dir, "quiz.toml", "Ask a friend what to do.", "Ask.")
    review = review_pack(load_pack(pack_dir))
    (lengths,) = review.quizzes
    assert (lengths.longest_right, lengths.total, lengths.percent, lengths.failed) == (
        1,
        1,
        100,
        True,
    )
    assert any("option 'c' has 4 characters" in w for w in review.warnings)
    assert run(["content", "check", str(pack_dir)]) == 2
    out, err = capsys.readouterr()
    assert "quiz q: right answer longest in 1 of 1 (100%) FAIL" in out
    assert "at most 50% allowed" in err


def test_near_duplicate_actions_one_person_could_see_are_flagged(pack_dir):
    edit(
        pack_dir,
        "actions.toml",
        'title = "Filler two"',
        'title = "A generic step with top priority!"',
    )
    (warning,) = review_pack(load_pack(pack_dir)).warnings
    assert "'generic-first' and 'filler-2'" in warning and "titles" in warning


def test_actions_no_one_sees_together_are_not_flagged(pack_dir):
    # Same title and separate intents, but one is for a home program and the other for none.
    edit(
        pack_dir,
        "actions.toml",
        'intent = "find"\nwhen = { home = false }',
        'intent = "out"\nwhen = { home = false }',
    )
    edit(
        pack_dir, "actions.toml", 'title = "Find people elsewhere"', 'title = "Find people at home"'
    )
    assert review_pack(load_pack(pack_dir)).warnings == ()
    edit(pack_dir, "actions.toml", 'title = "Only for the late group"', 'title = "Early wording"')
    assert review_pack(load_pack(pack_dir)).warnings == ()  # the late group reads "Late wording"
