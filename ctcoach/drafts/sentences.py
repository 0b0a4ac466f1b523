"""Reading a draft: its greeting, its sentences and its sign-off, and phrases in them. Pure.

Any text goes in; nothing here raises on odd input (a property test checks it), and the
sentences of a text always hold exactly its words, in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from msgspec import Struct

from ctcoach.drafts.model import DraftSettings
from ctcoach.pitch import words

_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n")
# End punctuation, then closing quotes or brackets, then white space.
_END = re.compile(r"[.!?…]+[\"'”’)\]»]*(?=\s)")
_OPENERS = "\"'“‘([«"
_SIGN_OFF_WORDS = 6  # a sign-off line is short: "Thank you for considering it,"
_SIGNATURE_LINES = 4  # the sign-off starts within the last few lines


def normal(text: str, fold: bool = True) -> str:
    """The words of ``text`` joined by single spaces (curly apostrophes made straight)."""
    found = words(text.replace("’", "'"))
    return " ".join(w.casefold() if fold else w for w in found)


def phrases_in(text: str, phrases: Iterable[str], fold: bool = True) -> list[str]:
    """The ``phrases`` that stand in ``text`` as whole words (any case, unless not ``fold``)."""
    hay = f" {normal(text, fold)} "
    found = []
    for phrase in phrases:
        wanted = normal(phrase, fold)
        if wanted and f" {wanted} " in hay:
            found.append(phrase)
    return found


def split_sentences(text: str, settings: DraftSettings) -> list[str]:
    """Sentences of ``text``, each on one line. A blank line always ends a sentence; end
    punctuation does unless a small letter follows or a full stop ends an abbreviation
    ("Dr.", from the pack) or an initial ("J. Smith")."""
    abbreviations = {a.casefold() for a in settings.rules.abbreviations}
    out: list[str] = []
    for paragraph in _PARAGRAPH.split(text):
        start = 0
        for match in _END.finditer(paragraph):
            if _ends_sentence(paragraph, match, abbreviations):
                out.append(paragraph[start : match.end()])
                start = match.end()
        out.append(paragraph[start:])
    return [" ".join(s.split()) for s in out if s.strip()]


def _ends_sentence(text: str, match: re.Match[str], abbreviations: set[str]) -> bool:
    following = text[match.end() :].lstrip()
    if following[:1].islower():
        return False  # "e.g. the", "I was... surprised", "approx. three"
    if not match.group().startswith(".") or match.group().startswith(".."):
        return True  # "?", "!", "…" and "..." before a capital
    token = text[: match.end()].split()[-1].lstrip(_OPENERS)
    if token.casefold() in abbreviations:
        return False
    return not (len(token) == 2 and token[0].isupper())  # an initial: "J. Smith"


class Letter(Struct, frozen=True):
    """A draft body in three parts; the checks read the core."""

    greeting: str
    core: str
    sign_off: str


def letter_parts(body: str, settings: DraftSettings) -> Letter:
    """Split off a first line such as "Dear Dr. Chen," and a sign-off such as
    "Best wishes," with the name under it."""
    lines = body.splitlines()
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not filled:
        return Letter("", "", "")
    first = filled[0]
    head = lines[first].strip()
    greeting = head if _is_greeting(head) else ""
    begin = first + 1 if greeting else first
    end = _sign_off_start(lines, [i for i in filled if i >= begin], settings)
    return Letter(
        greeting,
        "\n".join(lines[begin:end]).strip(),
        "\n".join(lines[end:]).strip(),
    )


def _is_greeting(line: str) -> bool:
    return line.endswith((",", ":")) and len(words(line)) <= 8


def _sign_off_start(lines: Sequence[str], filled: Sequence[int], settings: DraftSettings) -> int:
    """The index of the sign-off's first line, or ``len(lines)`` when there is none."""
    closings = settings.rules.closings
    for index in filled[-_SIGNATURE_LINES:]:
        line = lines[index].strip()
        short = len(words(line)) <= _SIGN_OFF_WORDS
        unfinished = not line.endswith((".", "?", "!", "…"))
        if short and unfinished and _starts_with_any(line, closings):
            return index
    paragraphs = [i for i in filled if i == filled[0] or not lines[i - 1].strip()]
    last = paragraphs[-1] if paragraphs else len(lines)
    tail = [lines[i].strip() for i in filled if i >= last]
    if len(paragraphs) > 1 and tail and all(_signature_line(t) for t in tail):
        return last  # a name and a title under the text, with no closing phrase
    return len(lines)


def _starts_with_any(line: str, phrases: Iterable[str]) -> bool:
    text = f"{normal(line)} "
    return any(text.startswith(f"{normal(p)} ") for p in phrases if normal(p))


def _signature_line(line: str) -> bool:
    return len(words(line)) <= 5 and not _END.search(line + " ")
