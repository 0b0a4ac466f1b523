"""The personal pitch: assembly, word count, timing, checks and variants. Pure.

Any text goes in; nothing here raises on odd input (a property test checks it).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence

from msgspec import Struct, field

from ctcoach.model import PitchPart, PitchSettings
from ctcoach.profile import clean_text

# A word: letters or digits, possibly joined by an apostrophe or a hyphen ("first-year",
# "I'm", "post-op"). Numbers count as words; dashes between numbers ("20–30") separate.
# (compiled where it is used: ``re`` keeps it, and a command that counts no words does
# not pay for it)
_WORD = r"[^\W_]+(?:['’\-][^\W_]+)*"
_END = ".!?…"
MAX_PART = 400  # characters a part may have; longer parts are a check to fix, never cut
MAX_KEPT = 4000  # a bound on what is kept of any pasted text


class Pitch(Struct, frozen=True):
    """The user's four parts; ``experiences`` holds one entry per experience."""

    who: str = ""
    interests: str = ""
    experiences: tuple[str, ...] = ()
    ask: str = ""

    def text_of(self, part_id: str) -> str:
        if part_id == "experiences":
            return "\n".join(self.experiences)
        return str(getattr(self, part_id))

    def is_empty(self) -> bool:
        return not any(self.text_of(p) for p in ("who", "interests", "experiences", "ask"))

    def parts(self) -> tuple[str, str, tuple[str, ...], str]:
        return self.who, self.interests, self.experiences, self.ask


class Check(Struct, frozen=True):
    part: str  # the part to fix, or "" for the whole pitch
    message: str


PLAUSIBLE_WPM = (60.0, 300.0)  # a rate outside this is not a real run-through


def within_rate(wpm: float) -> bool:
    return PLAUSIBLE_WPM[0] <= wpm <= PLAUSIBLE_WPM[1]


def usable_wpm(value: object) -> float | None:
    """A stored speaking-rate setting, if it is a plausible number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if within_rate(float(value)) else None


def timing(settings: PitchSettings, seconds: float) -> str:
    """Where a spoken length falls against the pack's band: "under", "inside" or "over"."""
    if seconds > settings.max_seconds:
        return "over"
    if seconds < settings.min_seconds:
        return "under"
    return "inside"


def parse_wpm(text: str) -> float:
    """A speaking rate typed by the user; ``ValueError`` with one readable line."""
    cleaned = text.strip()
    if not re.fullmatch(r"\d{1,3}(\.\d+)?", cleaned) or not within_rate(float(cleaned)):
        low, high = (f"{v:.0f}" for v in PLAUSIBLE_WPM)
        raise ValueError(f"speaking rate: {cleaned!r} is not a number from {low} to {high}")
    return float(cleaned)


class Practice(Struct, frozen=True):
    date: dt.date
    seconds: float
    words: int

    @property
    def wpm(self) -> float:
        return self.words * 60 / self.seconds if self.seconds > 0 else 0.0

    @property
    def plausible(self) -> bool:
        return within_rate(self.wpm)


class PitchReport(Struct, frozen=True):
    text: str
    words: int
    seconds: float
    wpm: float
    measured: bool
    checks: tuple[Check, ...]
    variants: Mapping[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.checks


def make_pitch(who: str, interests: str, experiences: str | Sequence[str], ask: str) -> Pitch:
    """Clean user input: control characters out, one line per experience, bounded length."""
    lines = experiences.splitlines() if isinstance(experiences, str) else list(experiences)
    items = tuple(e for e in (clean_text(x)[:MAX_KEPT] for x in lines) if e)
    return Pitch(
        clean_text(who)[:MAX_KEPT],
        clean_text(interests)[:MAX_KEPT],
        items,
        clean_text(ask)[:MAX_KEPT],
    )


MAX_VERSION_NAME = 60


def clean_version_name(text: str) -> str:
    """A version's name as typed; ``ValueError`` with one readable line when unusable."""
    name = clean_text(text)
    if len(name) > MAX_VERSION_NAME:
        raise ValueError(f"Name: at most {MAX_VERSION_NAME} characters (this has {len(name)})")
    return name


def too_long(settings: PitchSettings, pitch: Pitch) -> list[Check]:
    """A check for every part (or experience) over :data:`MAX_PART` characters."""
    out = []
    for part in settings.parts:
        texts = pitch.experiences if part.id == "experiences" else (pitch.text_of(part.id),)
        longest = max((len(t) for t in texts), default=0)
        if longest > MAX_PART:
            out.append(
                Check(
                    part.id,
                    f"{part.label}: {longest} characters; keep it to {MAX_PART} or fewer",
                )
            )
    return out


def draft_words(settings: PitchSettings) -> int:
    """Words a saved pitch needs before it counts as written: half of the shortest
    pitch the pack allows, spoken at the pack's typical rate."""
    return math.ceil(settings.min_seconds * settings.rate_wpm / 60 / 2)


def is_stub(settings: PitchSettings, result: PitchReport) -> bool:
    """A pitch too short to count as written (a few words typed to try the builder)."""
    return result.words < draft_words(settings)


def words(text: str) -> list[str]:
    return re.findall(_WORD, text)


def count_words(text: str) -> int:
    return len(words(text))


def speaking_seconds(word_count: int, wpm: float) -> float:
    return word_count * 60 / wpm if wpm > 0 else 0.0


def _strip_end(text: str) -> str:
    return text.rstrip().rstrip(_END + ",;:").rstrip()


def _starts_with(text: str, prefix: str) -> bool:
    lowered, wanted = text.lower(), prefix.lower()
    return lowered.startswith(wanted) and (
        len(text) == len(prefix) or not text[len(prefix)].isalnum()
    )


def fragment(part: PitchPart, text: str) -> str:
    """The part without a lead-in the user typed themselves, and without end punctuation."""
    text = _strip_end(text)
    for prefix in sorted(part.strip, key=len, reverse=True):
        if _starts_with(text, prefix):
            return text[len(prefix) :].lstrip(" ,")
    return text


def _first_person_start(settings: PitchSettings, text: str) -> bool:
    first = words(text[:40].lower())
    return bool(first) and first[0] in {w.lower() for w in settings.first_person}


def join_and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def sentence(settings: PitchSettings, part: PitchPart, text: str) -> str:
    """One part as a sentence: the user's own words if they wrote one in the first person,
    otherwise the part's lead-in and their fragment."""
    core = _strip_end(text)
    if not core:
        return ""
    stripped = fragment(part, core)
    if stripped == core and _first_person_start(settings, core):
        body = core
    else:
        body = f"{part.lead} {stripped}" if stripped else part.lead
    return body[0].upper() + body[1:] + "."


def assemble(settings: PitchSettings, pitch: Pitch) -> str:
    """The spoken pitch: the four parts as sentences, in order."""
    out = []
    for part in settings.parts:
        if part.id == "experiences":
            items = [fragment(part, e) for e in pitch.experiences if _strip_end(e)]
            text = join_and(items)
            own = len(pitch.experiences) == 1 and _first_person_start(
                settings, pitch.experiences[0]
            )
            out.append(sentence(settings, part, pitch.experiences[0] if own else text))
        else:
            out.append(sentence(settings, part, pitch.text_of(part.id)))
    return " ".join(s for s in out if s)


def _hits(text: str, phrases: Iterable[str]) -> list[str]:
    """The phrases ``text`` holds as whole words. Both are reduced to their words, one
    space apart, so a phrase padded with spaces is found only where words begin and end
    (no pattern to compile for each phrase)."""
    lowered = f" {' '.join(w.lower() for w in words(text))} "
    found = []
    for phrase in phrases:
        wanted = " ".join(w.lower() for w in words(phrase))
        if wanted and f" {wanted} " in lowered:
            found.append(phrase)
    return found


def checks(settings: PitchSettings, pitch: Pitch, wpm: float, name: str = "") -> list[Check]:
    """Everything to fix, each naming the part to change."""
    out: list[Check] = []
    labels = {p.id: p.label for p in settings.parts}
    missing = False
    for part in settings.parts:
        if not pitch.text_of(part.id).strip():
            missing = True
            out.append(Check(part.id, f"{part.label}: missing — {_lower_first(part.prompt)}"))
    out += too_long(settings, pitch)
    if len(pitch.experiences) > settings.max_experiences:
        out.append(
            Check(
                "experiences",
                f"{labels['experiences']}: keep {settings.max_experiences} at most "
                f"(you have {len(pitch.experiences)}); pick the strongest",
            )
        )
    if pitch.ask.strip() and not _hits(pitch.ask, settings.ask_words):
        out.append(
            Check(
                "ask",
                f"{labels['ask']}: name a concrete ask"
                + (f", such as {settings.ask_hint}" if settings.ask_hint else ""),
            )
        )
    for part in settings.parts:
        filler = _hits(pitch.text_of(part.id), settings.filler)
        if filler:
            out.append(
                Check(part.id, f"{part.label}: cut filler or vague words ({', '.join(filler)})")
            )
    out += _person_checks(settings, pitch, name, labels)
    text = assemble(settings, pitch)
    seconds = speaking_seconds(count_words(text), wpm)
    band = timing(settings, seconds)
    if text and band == "over":
        longest = max(settings.parts, key=lambda p: count_words(pitch.text_of(p.id)))
        out.append(
            Check(
                longest.id,
                f"Too long: about {seconds:.0f} s, over {settings.max_seconds} s — "
                f"shorten “{longest.label}”, your longest part",
            )
        )
    elif text and band == "under" and not missing:
        shortest = min(settings.parts, key=lambda p: count_words(pitch.text_of(p.id)))
        out.append(
            Check(
                shortest.id,
                f"Too short: about {seconds:.0f} s, under {settings.min_seconds} s — "
                f"add a concrete detail to “{shortest.label}”",
            )
        )
    return out


def _person_checks(
    settings: PitchSettings, pitch: Pitch, name: str, labels: Mapping[str, str]
) -> list[Check]:
    out = []
    for part in settings.parts:
        text = pitch.text_of(part.id)
        third = _hits(text, settings.third_person)
        named = bool(name) and bool(re.match(rf"\s*{re.escape(name)}\s+(is|was|has)\b", text, re.I))
        if (third and not _hits(text, settings.first_person)) or named:
            out.append(
                Check(
                    part.id,
                    f"{labels[part.id]}: speak in the first person (I, my), "
                    "not about yourself as he, she or by name",
                )
            )
    return out


def variants(settings: PitchSettings, pitch: Pitch, name: str) -> dict[str, str]:
    """The spoken pitch plus every template in the pack, filled from the same parts."""
    parts = {p.id: p for p in settings.parts}
    first_experience = pitch.experiences[0] if pitch.experiences else ""
    texts = {
        "who": pitch.who,
        "interests": pitch.interests,
        "ask": pitch.ask,
        "experience": first_experience,
    }
    part_of = {"who": "who", "interests": "interests", "ask": "ask", "experience": "experiences"}
    values = {"name": name or "[your name]"}
    for key, text in texts.items():
        part = parts[part_of[key]]
        values[key] = fragment(part, text) or f"[{part.label}]"
    out = {"spoken": assemble(settings, pitch)}
    for key, template in settings.variants.items():
        out[key] = _fill(template, values)
    return out


def _lower_first(text: str) -> str:
    """The hint inside a sentence: only its first letter lower-cased (acronyms such as
    "CT" and later sentences keep their capitals), and not at all when it starts with an
    acronym."""
    if text[1:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def _fill(template: str, values: Mapping[str, str]) -> str:
    """Fill ``{placeholders}`` without interpreting anything in the values."""
    import string  # here: a command that fills no pitch does not load it

    result = []
    for literal, name, _, _ in string.Formatter().parse(template):
        result.append(literal)
        if name is not None:
            result.append(values.get(name, ""))
    return "".join(result)


def current_rate(
    settings: PitchSettings,
    practices: Sequence[Practice],
    default: float | None = None,
    since: int = 0,
) -> tuple[float, bool]:
    """Words a minute to estimate with: the latest plausible practice among those made
    after the user last set a rate (``since`` practices existed then), else that setting,
    else the pack's typical rate. Whichever the user did last wins."""
    for practice in reversed(practices[max(since, 0) :]):
        if practice.plausible:
            return practice.wpm, True
    return (default or settings.rate_wpm), False


def report(
    settings: PitchSettings,
    pitch: Pitch,
    name: str = "",
    practices: Sequence[Practice] = (),
    default_wpm: float | None = None,
    since: int = 0,
) -> PitchReport:
    wpm, measured = current_rate(settings, practices, default_wpm, since)
    text = assemble(settings, pitch)
    count = count_words(text)
    return PitchReport(
        text=text,
        words=count,
        seconds=speaking_seconds(count, wpm),
        wpm=wpm,
        measured=measured,
        checks=tuple(checks(settings, pitch, wpm, name)),
        variants=variants(settings, pitch, name),
    )
