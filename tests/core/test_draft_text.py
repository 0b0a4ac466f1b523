"""Reading a draft: sentences (examples and a property test on any text), the greeting and
sign-off, and the validation of the [drafts] section (on the fixture pack)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctcoach.content import ContentError, load_pack
from ctcoach.drafts import Draft, DraftContext, check, fill, letter_parts, split_sentences
from ctcoach.network import Contact
from ctcoach.pitch import words

from ..helpers import TODAY, edit, make_profile


@pytest.fixture(scope="module")
def ds(pack):
    """The shipped pack's reading rules: its abbreviations and closings."""
    return pack.drafts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
        ("I met Dr. Chen at St. Mary's. She was kind.", ["I met Dr. Chen at St. Mary's.",
                                                          "She was kind."]),
        ("Some e.g. valve cases. Others.", ["Some e.g. valve cases.", "Others."]),
        ("Ask J. R. Smith. Then wait.", ["Ask J. R. Smith.", "Then wait."]),
        ("It grew 3.5 times. Good.", ["It grew 3.5 times.", "Good."]),
        ("I was... surprised. Really…  Yes.", ["I was... surprised.", "Really…", "Yes."]),
        ("She said “thanks.” Then left.", ["She said “thanks.”", "Then left."]),
        ("(See the figure.) Next one.", ["(See the figure.)", "Next one."]),
        ("A line\nwith a break. And\n\nA new paragraph", ["A line with a break.", "And",
                                                          "A new paragraph"]),
        ("", []),
        ("   \n\n  ", []),
        ("...", ["..."]),
    ],
)  # fmt: skip
def test_sentences(ds, text, expected):
    assert split_sentences(text, ds) == expected


ODD_TEXT = st.text(
    alphabet=st.sampled_from(list("ab Dr.e.g?!…\"'”’)]([\n\t\r\x1b\u2028ÉßJ 3")) | st.characters(),
    max_size=300,
)


@settings(max_examples=300, deadline=None)
@given(ODD_TEXT)
def test_any_text_splits_into_sentences_that_hold_its_words(ds, text):
    sentences = split_sentences(text, ds)
    assert all(s and s == " ".join(s.split()) for s in sentences)
    assert words(" ".join(sentences)) == words(text)


@settings(max_examples=200, deadline=None)
@given(ODD_TEXT, ODD_TEXT, st.text(max_size=60))
def test_any_draft_can_be_read_and_checked(pack, subject, body, topic):
    settings_ = pack.drafts
    letter = letter_parts(body, settings_)
    assert words(" ".join((letter.greeting, letter.core, letter.sign_off))) == words(body)
    context = DraftContext(Contact(1, topic or "X", TODAY), TODAY, topic=topic)
    for kind in settings_.kinds:
        results = check(settings_, kind, Draft(subject, body), context)
        assert [c.id for c in results] == [
            "subject", "length", "ask", "specific", "next_step", "placeholders", "opening",
        ]  # fmt: skip
        assert all(c.message for c in results)


def test_the_greeting_and_sign_off_are_not_counted(ds):
    body = "Hi Sam,\nThanks for the call. See you Monday.\n\nBest wishes,\nAlex\nMS3, State U"
    letter = letter_parts(body, ds)
    assert letter.greeting == "Hi Sam,"
    assert letter.core == "Thanks for the call. See you Monday."
    assert letter.sign_off == "Best wishes,\nAlex\nMS3, State U"


def test_a_signature_without_a_closing_phrase_is_still_a_sign_off(ds):
    letter = letter_parts("Dear Ann,\n\nIt went well. Thank you.\n\nAlex Rivera\nMS3", ds)
    assert (letter.core, letter.sign_off) == ("It went well. Thank you.", "Alex Rivera\nMS3")


def test_a_last_sentence_that_thanks_is_part_of_the_text(ds):
    letter = letter_parts("Dear Ann,\n\nIt went well.\nThank you for your time.", ds)
    assert letter.core == "It went well.\nThank you for your time." and letter.sign_off == ""


# -- another pack's drafts, and broken ones ------------------------------------------------


def test_another_pack_drafts_with_its_own_words(fixture_pack):
    drafts = fixture_pack.drafts
    profile = make_profile(fixture_pack, stage="early", place="Northtown", areas=["south"])
    ctx = DraftContext(Contact(1, "Dr. Kim Park", TODAY), TODAY, profile, topic="the map")
    draft = fill(drafts, drafts.kind("note"), ctx)
    assert draft == Draft(
        "A note about the map",
        "Dear Dr. Park,\n\nI'm Alex Rivera, an early learner at Northtown, and I liked the map. "
        "Could you spare ten minutes? I'll call you next week.\n\nBest,\nAlex Rivera",
    )
    assert all(c.ok for c in check(drafts, drafts.kind("note"), draft, ctx))
    late = DraftContext(Contact(1, "Kim", TODAY), TODAY + dt.timedelta(days=1), profile)
    assert "[the topic]" in fill(drafts, drafts.kind("note"), late).subject


def problems(folder):
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    return info.value.problems


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("about {topic}", "about {subject}",
         "drafts.kinds[0].subject: unknown placeholder {subject} (use {area}, "),
        ("liked {topic}.", "liked {topic.", "drafts.kinds[0].body: bad placeholder"),
        ("min_sentences = 2", "min_sentences = 5",
         "drafts.kinds[0].min_sentences: need 1 <= min_sentences <= max_sentences"),
        ('source = "ch-2"', 'source = "ch-2"\nneeds = ["weather"]',
         "drafts.kinds[0].needs[0]: 'weather' is not one of event, interaction"),
        ('plain_words = ["about", "the"]', "plain_words = []\nplaceholder = '('",
         "drafts.checks.placeholder: not a regular expression"),
        ('plain_words = ["about", "the"]', "plain_words = []\nplaceholder = 'x*'",
         "drafts.checks.placeholder: must not match empty text"),
        ('topic = "the topic"', 'subject = "the topic"',
         "drafts.missing.subject: no placeholder 'subject'"),
        ('"place"', '"town"', "drafts.you.institution_question: no onboarding question 'town'"),
        ("late = ", "later = ", "drafts.you.stages.later: no choice 'later'"),
        ("[drafts.people]", "[drafts.people]\ncolor = 'red'", "drafts.people.color: unknown key"),
        ("subject_min_words = 2", "subject_min_words = 9",
         "drafts.checks.subject_min_words: need 1 <= subject_min_words"),
    ],
)  # fmt: skip
def test_broken_drafts_name_the_file_and_key_path(broken, old, new, expected):
    edit(broken, "drafts.toml", old, new)
    found = problems(broken)
    assert any(p.startswith(f"{broken / 'drafts.toml'}: {expected}") for p in found), found


def test_a_second_drafts_table_is_refused(broken):
    (broken / "more.toml").write_text('[drafts]\nsource = "ch-1"\n', encoding="utf-8")
    assert any("a second [drafts] table" in p for p in problems(broken))


def test_unknown_roles_and_kinds_of_the_log_are_named(tmp_path):
    import shutil

    from ..helpers import CONTENT

    shutil.copytree(CONTENT, tmp_path / "pack")
    edit(tmp_path / "pack", "drafts.toml", '"intensivist"]', '"wizard"]')
    edit(tmp_path / "pack", "drafts.toml", 'email = "your reply"', 'owl = "your owl"')
    found = problems(tmp_path / "pack")
    assert any("drafts.people.formal_roles[6]: no contact role 'wizard'" in p for p in found)
    assert any("drafts.occasions.owl: no interaction kind 'owl'" in p for p in found)
