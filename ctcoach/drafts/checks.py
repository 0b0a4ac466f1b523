"""The live checks of a draft, each a small pure function. The word lists and ranges they
use are the pack's (``[drafts.checks]``); any text goes in, nothing raises."""

from __future__ import annotations

import re
from collections.abc import Callable

from msgspec import Struct

from ctcoach.drafts.model import Draft, DraftCheck, DraftContext, DraftKind, DraftSettings
from ctcoach.drafts.sentences import Letter, letter_parts, normal, phrases_in, split_sentences
from ctcoach.model import plural
from ctcoach.pitch import words

_QUOTE_WORDS = 7  # how much of a sentence a check quotes
_ANCHOR_LETTERS = 3  # shorter words never make a reference specific
_CLOSERS = "\"'”’)]» \t"


class Reading(Struct, frozen=True):
    """A draft taken apart once for all the checks."""

    subject: str
    letter: Letter
    sentences: tuple[str, ...]  # the core's sentences
    filled: tuple[str, ...]  # the core's sentences with no placeholder left in them
    placeholders: tuple[str, ...]  # every placeholder in the subject and the body, once


def read(settings: DraftSettings, draft: Draft) -> Reading:
    pattern = re.compile(settings.rules.placeholder)
    letter = letter_parts(draft.body, settings)
    sentences = tuple(split_sentences(letter.core, settings))
    found = [m.group() for text in (draft.subject, draft.body) for m in pattern.finditer(text)]
    return Reading(
        draft.subject.strip(),
        letter,
        sentences,
        tuple(s for s in sentences if not pattern.search(s)),
        tuple(dict.fromkeys(found)),
    )


def check(
    settings: DraftSettings, kind: DraftKind, draft: Draft, context: DraftContext
) -> list[DraftCheck]:
    """Every check, in the pack's order of importance; each says what to change."""
    reading = read(settings, draft)
    return [rule(settings, kind, reading, context) for rule in CHECKS]


def _quote(sentence: str) -> str:
    found = sentence.split()
    short = " ".join(found[:_QUOTE_WORDS])
    return f"“{short}…”" if len(found) > _QUOTE_WORDS else f"“{short}”"


def subject(settings: DraftSettings, _: DraftKind, r: Reading, __: DraftContext) -> DraftCheck:
    rules = settings.rules
    if not r.subject:
        return DraftCheck("subject", False, "No subject yet: say what the email is about")
    told = re.sub(rules.placeholder, " ", r.subject)  # a reminder says nothing yet
    count = len(words(told))
    generic = {normal(s) for s in rules.generic_subjects}
    if count < rules.subject_min_words or normal(told) in generic:
        return DraftCheck(
            "subject", False, f"Vague subject {_quote(r.subject)}: name the request or the topic"
        )
    if count > rules.subject_max_words:
        return DraftCheck(
            "subject",
            False,
            f"Long subject ({count} words): keep it to {rules.subject_max_words} or fewer",
        )
    return DraftCheck("subject", True, f"Specific subject ({plural(count, 'word')})")


def length(_: DraftSettings, kind: DraftKind, r: Reading, __: DraftContext) -> DraftCheck:
    count, low, high = len(r.sentences), kind.min_sentences, kind.max_sentences
    aim = f"aim for {low}–{high}" if low != high else f"aim for {low}"
    if count > high:
        return DraftCheck("length", False, f"{plural(count, 'sentence')}: {aim}; cut the weakest")
    if count < low:
        return DraftCheck(
            "length", False, f"{plural(count, 'sentence')}: {aim}; add a detail or a next step"
        )
    return DraftCheck("length", True, f"{plural(count, 'sentence')} ({aim})")


def is_ask(settings: DraftSettings, sentence: str) -> bool:
    return sentence.rstrip(_CLOSERS).endswith("?") or bool(
        phrases_in(sentence, settings.rules.ask_phrases)
    )


def ask(settings: DraftSettings, _: DraftKind, r: Reading, __: DraftContext) -> DraftCheck:
    asks = [s for s in r.sentences if is_ask(settings, s)]
    if not asks:
        return DraftCheck(
            "ask", False, "No clear ask: end with one question they can answer with a yes"
        )
    if len(asks) > 1:
        return DraftCheck("ask", False, f"{len(asks)} asks: keep the one that matters most")
    return DraftCheck("ask", True, f"One clear ask: {_quote(asks[0])}")


def anchors(settings: DraftSettings, context: DraftContext) -> set[str]:
    """Telling words of what you logged and of the topic: mentioning them is specific."""
    plain = {normal(w) for w in settings.rules.plain_words}
    told = " ".join((context.topic, context.interaction.what if context.interaction else ""))
    return {w for w in normal(told).split() if len(w) >= _ANCHOR_LETTERS and w not in plain}


def specific(settings: DraftSettings, _: DraftKind, r: Reading, c: DraftContext) -> DraftCheck:
    text = " ".join(r.filled)
    wanted = anchors(settings, c)
    mentioned = wanted & set(normal(text).split())
    if (wanted and len(mentioned) >= min(2, len(wanted))) or phrases_in(
        text, settings.rules.specific_phrases
    ):
        return DraftCheck(
            "specific", True, "Mentions something specific to them or your conversation"
        )
    return DraftCheck(
        "specific",
        False,
        "Nothing specific yet: name their paper or talk, or a point from your conversation",
    )


def is_next_step(settings: DraftSettings, sentence: str) -> bool:
    rules = settings.rules
    when = phrases_in(sentence, rules.next_step_times) or phrases_in(
        sentence, rules.next_step_days, fold=False
    )
    return bool(when) and bool(phrases_in(sentence, rules.next_step_actions))


def _from_step(settings: DraftSettings, sentence: str) -> str:
    """The sentence from the clause that holds its next step: "this week I'll read…"."""
    for clause in re.split(r"[,;:]\s+", sentence):
        if is_next_step(settings, clause):
            return sentence[sentence.index(clause) :]
    return sentence


def next_step(settings: DraftSettings, _: DraftKind, r: Reading, __: DraftContext) -> DraftCheck:
    steps = [s for s in r.filled if is_next_step(settings, s)]
    if steps:
        step = _from_step(settings, steps[-1])
        return DraftCheck("next_step", True, f"Concrete next step: {_quote(step)}")
    return DraftCheck(
        "next_step",
        False,
        "No concrete next step: say what you will do and when (“I'll send it by Friday”)",
    )


def placeholders(_: DraftSettings, __: DraftKind, r: Reading, ___: DraftContext) -> DraftCheck:
    if not r.placeholders:
        return DraftCheck("placeholders", True, "Nothing left to fill in")
    shown = ", ".join(r.placeholders[:3]) + (", …" if len(r.placeholders) > 3 else "")
    count = plural(len(r.placeholders), "placeholder")
    return DraftCheck("placeholders", False, f"{count} to fill in: {shown}")


def opening(settings: DraftSettings, _: DraftKind, r: Reading, __: DraftContext) -> DraftCheck:
    for part in (r.letter.greeting, *r.sentences[:2]):
        found = phrases_in(part, settings.rules.generic_openings)
        if found:
            return DraftCheck(
                "opening",
                False,
                f"Stock opening “{found[0]}”: start with who you are or why you chose them",
            )
    return DraftCheck("opening", True, "Opens with substance, not a stock phrase")


Rule = Callable[[DraftSettings, DraftKind, Reading, DraftContext], DraftCheck]
CHECKS: tuple[Rule, ...] = (subject, length, ask, specific, next_step, placeholders, opening)
