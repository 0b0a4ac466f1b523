"""The pitch core: assembly, counting, timing, checks, variants; plan rules; export;
content rules (on the fixture pack)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ctcoach.pitch as pitch_module
from ctcoach.content import ContentError, load_pack
from ctcoach.export.markdown import render
from ctcoach.pitch import (
    Pitch,
    Practice,
    assemble,
    checks,
    count_words,
    current_rate,
    make_pitch,
    report,
    speaking_seconds,
    variants,
)
from ctcoach.plan import Progress, build_plan

from ..helpers import TODAY, edit, make_profile

GOOD = make_pitch(
    "a second-year medical student at State University",
    "adult cardiac surgery, especially outcomes after valve repair",
    ["a retrospective study of post-op atrial fibrillation", "a summer in the cardiac ICU"],
    "advice on finding a research mentor in cardiac surgery",
)


@pytest.fixture
def pack(fixture_pack):
    """Engine rules are tested on the small fixture pack, not on the shipped content."""
    return fixture_pack


@pytest.fixture(scope="module")
def ps(fixture_pack):
    return fixture_pack.pitch


def messages(found):
    return [c.message for c in found]


def test_assembly_makes_first_person_sentences(ps):
    assert assemble(ps, GOOD) == (
        "I'm a second-year medical student at State University. "
        "I'm interested in adult cardiac surgery, especially outcomes after valve repair. "
        "I've worked on a retrospective study of post-op atrial fibrillation and a summer in "
        "the cardiac ICU. I'm looking for advice on finding a research mentor in cardiac surgery."
    )


def test_assembly_keeps_the_users_own_sentences(ps):
    pitch = make_pitch(
        "I am an MS3 at Metro.",
        "I'm drawn to congenital surgery!",
        "My project on Fontan outcomes",
        "I'm looking for a research project",
    )
    assert assemble(ps, pitch) == (
        "I'm an MS3 at Metro. I'm interested in congenital surgery. "
        "My project on Fontan outcomes. I'm looking for a research project."
    )


def test_three_experiences_are_joined_naturally(ps):
    pitch = make_pitch("x", "y", "one\ntwo\nthree", "advice")
    assert "I've worked on one, two and three." in assemble(ps, pitch)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("post-op first-year", 2),  # hyphenated words count once
        ("I'm in PGY-2", 3),
        ("20–30 seconds, 15 minutes", 5),  # numbers are words; an en dash separates
        ("Ærø café naïve résumé", 4),  # unicode letters
        ("— … !!", 0),
        ("", 0),
    ],
)
def test_word_count(text, expected):
    assert count_words(text) == expected


def test_time_estimate():
    assert speaking_seconds(70, 140) == 30
    assert speaking_seconds(0, 140) == 0
    assert speaking_seconds(10, 0) == 0


def test_good_pitch_passes_every_check(ps):
    assert checks(ps, GOOD, 140) == []
    result = report(ps, GOOD, "Alex Rivera")
    assert result.ok and 20 <= result.seconds <= 30 and result.words == count_words(result.text)


def test_missing_parts_name_the_part(ps):
    found = checks(ps, make_pitch("", "cardiac", "", "advice"), 140)
    assert [c.part for c in found if "missing" in c.message] == ["who", "experiences"]
    assert not any(c.message.startswith("Too short") for c in found)


def test_too_long_names_the_longest_part(ps):
    long = make_pitch(
        GOOD.who,
        GOOD.interests + " and " + "the long-term outcomes " * 12,
        GOOD.experiences,
        GOOD.ask,
    )
    found = checks(ps, long, 140)
    assert found[-1].part == "interests" and found[-1].message.startswith("Too long: about")


def test_too_short_after_all_parts_are_there(ps):
    found = checks(ps, make_pitch("an MS2", "thoracic", "a poster", "advice"), 140)
    assert len(found) == 1 and found[0].message.startswith("Too short: about")


def test_more_than_two_experiences(ps):
    found = checks(ps, make_pitch(GOOD.who, GOOD.interests, "a\nb\nc", GOOD.ask), 140)
    assert "Experiences: keep 2 at most (you have 3); pick the strongest" in (messages(found))


def test_vague_ask_and_filler(ps):
    found = messages(
        checks(
            ps,
            make_pitch(
                GOOD.who,
                "really very passionate about hearts",
                GOOD.experiences,
                "whatever you have",
            ),
            140,
        )
    )
    assert "Ask: name a concrete ask, such as a short chat or a project" in found
    assert "Interests: cut filler or vague words (passionate, really, very)" in found


def test_not_first_person(ps):
    found = checks(
        ps,
        make_pitch(
            "Alex is a second-year student", GOOD.interests, ["she led a QI project"], GOOD.ask
        ),
        140,
        name="Alex",
    )
    parts = [c.part for c in found if "first person" in c.message]
    assert parts == ["who", "experiences"]


def test_variants_from_the_same_parts(ps):
    out = variants(ps, GOOD, "Alex Rivera")
    assert out["spoken"] == assemble(ps, GOOD)
    assert out["opener"].startswith("Hi, I'm Alex Rivera, a second-year medical student at")
    assert out["opener"].endswith("valve repair. Could you tell me more?")
    assert out["email"].endswith(
        "I'm hoping for advice on finding a research mentor in cardiac surgery."
    )
    empty = variants(ps, Pitch(), "")
    assert "[your name]" in empty["opener"] and "[Who]" in empty["opener"]


def test_user_braces_are_not_templates(ps):
    out = variants(ps, make_pitch("{name} {0} {who", "x", "y", "z"), "N")
    assert "{name} {0} {who" in out["opener"]


def test_measured_rate_replaces_the_default(ps):
    assert current_rate(ps, [], None) == (140, False)
    assert current_rate(ps, [], 120.0) == (120.0, False)
    runs = [Practice(TODAY, 24.0, 60), Practice(TODAY, 2.0, 60)]  # the last one is implausible
    assert current_rate(ps, runs, 120.0) == (150.0, True)


@settings(max_examples=200, deadline=None)
@given(
    st.text(),
    st.text(),
    st.lists(st.text(), max_size=5),
    st.text(),
    st.text(max_size=30),
    st.floats(min_value=0, max_value=1000, allow_nan=False),
)
def test_any_text_never_crashes(ps, who, interests, experiences, ask, name, wpm):
    pitch = make_pitch(who, interests, experiences, ask)
    result = report(ps, pitch, name, (), wpm or None)
    assert result.words >= 0 and result.seconds >= 0
    for check in result.checks:
        assert check.part in ("", "who", "interests", "experiences", "ask")


# -- the plan --------------------------------------------------------------------

CONF = {"name": "Spring Meeting", "start": dt.date(2027, 1, 28), "end": dt.date(2027, 1, 31)}


def item(plan, prefix):
    return next((i for i in plan.all_items() if i.id.split("@")[0] == prefix), None)


def test_no_pitch_means_write_it_before_the_conference(pack):
    plan = build_plan(pack, make_profile(pack, next_conference=CONF), today=TODAY)
    write = item(plan, "pitch-write")
    assert write.date == dt.date(2026, 12, 31)
    assert write.date < min(i.date for i in plan.all_items() if i.id.startswith("ev-"))
    assert "You have not written your pitch yet." in write.why
    written = build_plan(pack, make_profile(pack), Progress(pitch=GOOD), today=TODAY)
    assert item(written, "pitch-write") is None and item(written, "pitch-fix") is None


def test_failing_pitch_brings_an_item_naming_the_check(pack):
    bad = make_pitch(GOOD.who, GOOD.interests, GOOD.experiences, "whatever works")
    plan = build_plan(pack, make_profile(pack), Progress(pitch=bad), today=TODAY)
    fix = item(plan, "pitch-fix")
    assert any("name a concrete ask" in w for w in fix.why)


def test_practice_before_a_conference_unless_recent(pack):
    profile = make_profile(pack, next_conference=CONF)
    plan = build_plan(pack, profile, Progress(pitch=GOOD), today=TODAY)
    assert item(plan, "ev-practise").date == dt.date(2027, 1, 21)
    recent = Practice(TODAY - dt.timedelta(days=3), 25.0, 60)
    practised = build_plan(pack, profile, Progress(pitch=GOOD, practices=(recent,)), today=TODAY)
    assert item(practised, "ev-practise") is None
    old = Practice(TODAY - dt.timedelta(days=20), 25.0, 60)
    stale = build_plan(pack, profile, Progress(pitch=GOOD, practices=(old,)), today=TODAY)
    assert item(stale, "ev-practise") is not None


def test_markdown_pitch_section(pack):
    run = Practice(TODAY, 20.0, 50)
    plan = build_plan(pack, make_profile(pack), Progress(pitch=GOOD, practices=(run,)), today=TODAY)
    text = render(pack, plan)
    section = text[text.index("## Pitch") : text.index("## Pitfalls")]
    assert "> I'm a second-year medical student at State University." in section
    assert "at 150 words a minute (your measured rate)" in section
    assert "**Opener:** Hi, I'm Alex Rivera" in section
    assert "**Email:**" in section
    assert "Not written yet" in render(pack, build_plan(pack, make_profile(pack), today=TODAY))


def test_content_rejects_unknown_placeholders(broken):
    edit(broken, "pitch.toml", "Could you tell me", "{topic} Could you tell me")
    with pytest.raises(ContentError) as info:
        load_pack(broken)
    assert any(
        "pitch_variants.opener: unknown placeholder(s) topic" in p for p in info.value.problems
    )


def test_content_needs_the_four_parts(broken):
    edit(broken, "pitch.toml", 'id = "ask"', 'id = "request"')
    with pytest.raises(ContentError) as info:
        load_pack(broken)
    assert any("must be exactly who, interests, experiences, ask" in p for p in info.value.problems)


def _hits_by_pattern(text: str, phrases: list[str]) -> list[str]:
    """The phrase finder as a regular expression per phrase: the reference."""
    lowered = " ".join(w.lower() for w in pitch_module.words(text))
    found = []
    for phrase in phrases:
        wanted = " ".join(w.lower() for w in pitch_module.words(phrase))
        if wanted and re.search(rf"(?<![\w'’-]){re.escape(wanted)}(?![\w'’-])", lowered):
            found.append(phrase)
    return found


WORDISH = st.text(alphabet="ab -'’_.é", max_size=14)


@settings(max_examples=300, deadline=None)
@given(text=WORDISH, phrases=st.lists(WORDISH, max_size=4))
def test_phrases_are_found_as_whole_words_as_a_pattern_would(text: str, phrases: list[str]) -> None:
    assert pitch_module._hits(text, phrases) == _hits_by_pattern(text, phrases)


def test_a_missing_part_quotes_its_hint_with_its_capitals(ps):
    from msgspec.structs import replace

    parts = tuple(
        replace(p, prompt="The part of CT surgery that draws you. One per line.")
        if p.id == "interests"
        else p
        for p in ps.parts
    )
    found = checks(replace(ps, parts=parts), make_pitch("an MS2", "", "", "advice"), 140)
    message = next(c.message for c in found if c.part == "interests")
    assert message.endswith("missing — the part of CT surgery that draws you. One per line.")
